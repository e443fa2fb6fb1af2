//! The seeds' namespaces and their expected decisions, and the denial texts.

use super::*;
use crate::decision::{Action, Decision, Grant};
use crate::resources::{AttributeValue, Attributes, Principal};

pub(super) fn client(name: &str, attrs: &[(&str, &str)]) -> Client {
    let attributes: Attributes = attrs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), AttributeValue::String((*v).to_owned())))
        .collect();
    Client {
        name: name.to_owned(),
        authentication_name: None,
        description: None,
        attributes,
        state: Default::default(),
        client_certificate_authentication: None,
        password_hash: None,
        created_on: None,
        updated_on: None,
    }
}

pub(super) fn group(name: &str, query: &str) -> ClientGroup {
    ClientGroup {
        name: name.to_owned(),
        description: None,
        query: query.to_owned(),
    }
}

pub(super) fn space(name: &str, templates: &[&str]) -> TopicSpace {
    TopicSpace {
        name: name.to_owned(),
        description: None,
        topic_templates: templates.iter().map(|t| (*t).to_owned()).collect(),
    }
}

pub(super) fn binding(
    name: &str,
    group: &str,
    space: &str,
    permission: Permission,
) -> PermissionBinding {
    PermissionBinding {
        name: name.to_owned(),
        description: None,
        client_group_name: group.to_owned(),
        topic_space_name: space.to_owned(),
        permission,
    }
}

/// Seed 001: a cloud application sends desired-property requests to devices
/// and receives their reported-property responses.
pub(super) fn seed_001() -> Namespace {
    use Permission::*;
    let spec = NamespaceSpec {
        clients: vec![
            client("cloudApp", &[("type", "cloudApp")]),
            client("device1", &[("type", "device")]),
            client("device2", &[("type", "device")]),
        ],
        client_groups: vec![
            group("cloudAppGrp", "attributes.type = 'cloudApp'"),
            group("devicesGrp", "attributes.type = 'device'"),
        ],
        topic_spaces: vec![
            space("requestDesiredProperties", &["devices/+/desired"]),
            space("responseReportedProperties", &["devices/+/reported"]),
            space(
                "deviceDesiredSub",
                &["devices/${client.authenticationName}/desired"],
            ),
            space(
                "deviceReportedPub",
                &["devices/${client.authenticationName}/reported"],
            ),
        ],
        permission_bindings: vec![
            binding(
                "clientAppDesiredPub",
                "cloudAppGrp",
                "requestDesiredProperties",
                Publisher,
            ),
            binding(
                "clientAppReportedSub",
                "cloudAppGrp",
                "responseReportedProperties",
                Subscriber,
            ),
            binding(
                "deviceDesiredSub",
                "devicesGrp",
                "deviceDesiredSub",
                Subscriber,
            ),
            binding(
                "deviceReportedPub",
                "devicesGrp",
                "deviceReportedPub",
                Publisher,
            ),
        ],
        ca_certificates: vec![],
        routes: vec![],
    };
    Namespace::from_spec(spec, Limits::default()).expect("seed 001 is valid")
}

/// Seed 003: sensors publish their will on their own status topic, actuators
/// subscribe to every status topic.
pub(super) fn seed_003() -> Namespace {
    use Permission::*;
    let spec = NamespaceSpec {
        clients: ["sensor1", "sensor2"]
            .iter()
            .map(|n| client(n, &[("type", "sensor")]))
            .chain(
                ["actuator1", "actuator2"]
                    .iter()
                    .map(|n| client(n, &[("type", "actuator")])),
            )
            .collect(),
        client_groups: vec![
            group("sensors", "attributes.type='sensor'"),
            group("actuators", "attributes.type='actuator'"),
        ],
        topic_spaces: vec![
            space("lwtPub", &["clients/${client.authenticationName}/status"]),
            space("lwtSub", &["clients/+/status"]),
        ],
        permission_bindings: vec![
            binding("sensorsPub", "sensors", "lwtPub", Publisher),
            binding("actuatorsSub", "actuators", "lwtSub", Subscriber),
        ],
        ca_certificates: vec![],
        routes: vec![],
    };
    Namespace::from_spec(spec, Limits::default()).expect("seed 003 is valid")
}

fn who(ns: &Namespace, name: &str) -> Principal {
    ns.client(name).expect("registered").principal()
}

fn publish(ns: &Namespace, name: &str, topic: &str) -> Decision {
    ns.authorize(&who(ns, name), Action::Publish(topic))
}

fn subscribe(ns: &Namespace, name: &str, filter: &str) -> Decision {
    ns.authorize(&who(ns, name), Action::Subscribe(filter))
}

fn denied(decision: Decision) -> String {
    match decision {
        Decision::Denied(why) => {
            assert!(!why.contains('\n'), "one line: {why}");
            why
        }
        Decision::Allowed(grant) => panic!("unexpectedly allowed: {grant:?}"),
    }
}

#[test]
fn seed_001_request_response() {
    let ns = seed_001();
    assert_eq!(ns.groups_of(&who(&ns, "cloudApp")), ["$all", "cloudAppGrp"]);
    assert_eq!(ns.groups_of(&who(&ns, "device1")), ["$all", "devicesGrp"]);

    // The cloud application publishes requests to any device and hears every response.
    let d = publish(&ns, "cloudApp", "devices/device2/desired");
    assert_eq!(
        d,
        Decision::Allowed(Grant {
            client_group: "cloudAppGrp".into(),
            permission_binding: "clientAppDesiredPub".into(),
            topic_space: "requestDesiredProperties".into(),
            template: "devices/+/desired".into(),
            expanded: "devices/+/desired".into(),
        })
    );
    assert!(subscribe(&ns, "cloudApp", "devices/+/reported").is_allowed());
    assert!(subscribe(&ns, "cloudApp", "devices/device1/reported").is_allowed());
    denied(subscribe(&ns, "cloudApp", "devices/#"));
    denied(subscribe(&ns, "cloudApp", "devices/+/desired"));
    denied(publish(&ns, "cloudApp", "devices/device2/reported"));

    // Each device hears only its own requests and answers on its own topic.
    let d = subscribe(&ns, "device1", "devices/device1/desired");
    assert_eq!(
        d.to_string(),
        "allowed: client group 'devicesGrp' -> permission binding 'deviceDesiredSub' -> topic space 'deviceDesiredSub' -> template 'devices/${client.authenticationName}/desired' (expanded 'devices/device1/desired')"
    );
    assert!(publish(&ns, "device2", "devices/device2/reported").is_allowed());
    let why = denied(subscribe(&ns, "device1", "devices/device2/desired"));
    assert_eq!(
        why,
        "client 'device1' may not subscribe to 'devices/device2/desired': it is covered by no template of this client's Subscriber bindings (member of: $all, devicesGrp): devicesGrp -> deviceDesiredSub -> deviceDesiredSub -> 'devices/${client.authenticationName}/desired' = 'devices/device1/desired'"
    );
    denied(subscribe(&ns, "device1", "devices/+/desired"));
    denied(subscribe(&ns, "device1", "#"));
    denied(publish(&ns, "device1", "devices/device2/reported"));
    denied(publish(&ns, "device1", "devices/device1/desired"));
    let why = denied(publish(&ns, "device1", "devices/device1/reported/extra"));
    assert!(why.contains("it matches no template"), "{why}");
}

#[test]
fn seed_003_last_will() {
    let ns = seed_003();
    let d = publish(&ns, "sensor1", "clients/sensor1/status");
    match d {
        Decision::Allowed(g) => {
            assert_eq!(g.client_group, "sensors");
            assert_eq!(g.permission_binding, "sensorsPub");
            assert_eq!(g.topic_space, "lwtPub");
            assert_eq!(g.expanded, "clients/sensor1/status");
        }
        other => panic!("{other}"),
    }
    denied(publish(&ns, "sensor1", "clients/sensor2/status"));
    assert!(subscribe(&ns, "actuator1", "clients/+/status").is_allowed());
    assert!(subscribe(&ns, "actuator2", "clients/sensor1/status").is_allowed());
    denied(subscribe(&ns, "actuator1", "clients/#"));
    let why = denied(publish(&ns, "actuator1", "clients/actuator1/status"));
    assert_eq!(
        why,
        "client 'actuator1' may not publish to 'clients/actuator1/status': no client group of this client has a Publisher binding (member of: $all, actuators; Publisher bindings exist for: sensors)"
    );
    let why = denied(subscribe(&ns, "sensor1", "clients/+/status"));
    assert!(
        why.ends_with("Subscriber bindings exist for: actuators)"),
        "{why}"
    );
}

#[test]
fn principals_from_outside_the_registry() {
    // A JWT or webhook principal carries its own attributes.
    let ns = seed_003();
    let jwt = Principal {
        authentication_name: "sensor9".into(),
        attributes: [("type".to_owned(), AttributeValue::String("sensor".into()))].into(),
    };
    assert!(ns
        .authorize(&jwt, Action::Publish("clients/sensor9/status"))
        .is_allowed());
    let nobody = Principal::default();
    let why = denied(ns.authorize(&nobody, Action::Publish("clients/x/status")));
    assert!(why.contains("member of: $all;"), "{why}");
}

#[test]
fn all_group_and_attribute_variables() {
    let mut ns = Namespace::new(Limits::default());
    let mut c = client("dev1", &[("site", "berlin")]);
    c.attributes.insert("floor".into(), AttributeValue::Int(3));
    c.attributes
        .insert("tags".into(), AttributeValue::Strings(vec!["a".into()]));
    ns.upsert_client(c).unwrap();
    ns.upsert_client(client("dev2", &[])).unwrap();
    ns.upsert_topic_space(space(
        "site-topics",
        &[
            "sites/${client.attributes.site}/floors/${client.attributes.floor}/#",
            "tags/${client.attributes.tags}",
        ],
    ))
    .unwrap();
    ns.upsert_permission_binding(binding(
        "all-pub",
        "$all",
        "site-topics",
        Permission::Publisher,
    ))
    .unwrap();
    ns.upsert_permission_binding(binding(
        "all-sub",
        "$all",
        "site-topics",
        Permission::Subscriber,
    ))
    .unwrap();
    let d = publish(&ns, "dev1", "sites/berlin/floors/3/temp");
    match &d {
        Decision::Allowed(g) => {
            assert_eq!(g.client_group, "$all");
            assert_eq!(g.expanded, "sites/berlin/floors/3/#");
        }
        other => panic!("{other}"),
    }
    assert!(subscribe(&ns, "dev1", "sites/berlin/floors/3/+").is_allowed());
    assert!(subscribe(&ns, "dev1", "sites/berlin/floors/3").is_allowed());
    denied(subscribe(&ns, "dev1", "sites/berlin/floors/+/temp"));
    let why = denied(publish(&ns, "dev1", "sites/paris/floors/3"));
    assert!(
        why.contains("'tags/${client.attributes.tags}' does not apply (${client.attributes.tags} of this client cannot be used in a topic: an array of strings cannot be substituted into a topic)"),
        "{why}"
    );
    let why = denied(publish(&ns, "dev2", "sites/berlin/floors/3"));
    assert!(
        why.contains("does not apply (the client has no attribute 'site')"),
        "{why}"
    );
}

#[test]
fn invalid_and_reserved_topics_are_denied() {
    let mut ns = Namespace::new(Limits::default());
    ns.upsert_client(client("dev1", &[])).unwrap();
    ns.upsert_topic_space(space("everything", &["#"])).unwrap();
    ns.upsert_permission_binding(binding(
        "all-pub",
        "$all",
        "everything",
        Permission::Publisher,
    ))
    .unwrap();
    ns.upsert_permission_binding(binding(
        "all-sub",
        "$all",
        "everything",
        Permission::Subscriber,
    ))
    .unwrap();
    assert!(publish(&ns, "dev1", "a/b").is_allowed());
    assert!(subscribe(&ns, "dev1", "#").is_allowed());
    let why = denied(publish(&ns, "dev1", "$SYS/x"));
    assert!(
        why.ends_with("(topics beginning with '$' are reserved)"),
        "{why}"
    );
    denied(subscribe(&ns, "dev1", "$SYS/#"));
    let why = denied(publish(&ns, "dev1", "a/+"));
    assert!(why.contains("[MQTT-3.3.2-2]"), "{why}");
    let why = denied(subscribe(&ns, "dev1", "a/#/b"));
    assert!(why.contains("[MQTT-4.7.1-2]"), "{why}");
    assert!(publish(&ns, "dev1", "line\nbreak").is_allowed());
    ns.delete(ResourceKind::PermissionBinding, "all-pub")
        .unwrap();
    let why = denied(publish(&ns, "dev1", "line\nbreak"));
    assert!(why.contains("'line\\nbreak'"), "{why}");
}

#[test]
fn empty_namespace_denies_everything() {
    let ns = Namespace::new(Limits::default());
    let p = Principal {
        authentication_name: "x".into(),
        attributes: Attributes::new(),
    };
    let why = denied(ns.authorize(&p, Action::Subscribe("a")));
    assert_eq!(
        why,
        "client 'x' may not subscribe to 'a': no client group of this client has a Subscriber binding (member of: $all; the namespace has no Subscriber bindings)"
    );
}

#[test]
fn bindings_follow_updates_and_deletes() {
    let mut ns = seed_003();
    assert!(publish(&ns, "sensor1", "clients/sensor1/status").is_allowed());
    // Changing the group's query moves sensor1 out of it.
    ns.upsert_client_group(group("sensors", "attributes.type = 'none'"))
        .unwrap();
    denied(publish(&ns, "sensor1", "clients/sensor1/status"));
    ns.upsert_client_group(group("sensors", "attributes.type = 'sensor'"))
        .unwrap();
    // Changing the topic space's templates takes effect.
    ns.upsert_topic_space(space("lwtPub", &["status/${client.authenticationName}"]))
        .unwrap();
    denied(publish(&ns, "sensor1", "clients/sensor1/status"));
    assert!(publish(&ns, "sensor1", "status/sensor1").is_allowed());
    // Deleting the binding removes the grant.
    ns.delete(ResourceKind::PermissionBinding, "sensorsPub")
        .unwrap();
    denied(publish(&ns, "sensor1", "status/sensor1"));
}
