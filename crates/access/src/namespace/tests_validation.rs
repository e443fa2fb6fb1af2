//! Every namespace validation rule, the all-or-nothing guarantee, and the
//! spec round trip through JSON and TOML.

use super::tests_authorize::{binding, client, group, seed_001, seed_003, space};
use super::*;
use crate::resources::{AttributeValue, CertificateAuthentication, ClientState};
use Permission::*;

/// Asserts an Invalid error for this kind, name and field; returns the rule.
#[track_caller]
fn invalid_field(
    result: Result<(), NamespaceError>,
    kind: ResourceKind,
    name: &str,
    field: &str,
) -> String {
    match result {
        Err(NamespaceError::Invalid {
            kind: k,
            name: n,
            field: f,
            rule,
        }) => {
            assert_eq!((k, n.as_str(), f.as_str()), (kind, name, field), "{rule}");
            rule
        }
        other => panic!("expected Invalid {kind} '{name}' field {field}, got {other:?}"),
    }
}

fn ca(name: &str) -> CaCertificate {
    CaCertificate {
        name: name.to_owned(),
        description: None,
        encoded_certificate:
            "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIQ\n-----END CERTIFICATE-----\n"
                .to_owned(),
    }
}

fn cert(scheme: ValidationScheme, thumbprints: &[&str]) -> Option<CertificateAuthentication> {
    Some(CertificateAuthentication {
        validation_scheme: scheme,
        allowed_thumbprints: thumbprints.iter().map(|t| (*t).to_owned()).collect(),
    })
}

#[test]
fn client_rules() {
    use ResourceKind::Client as K;
    let mut ns = Namespace::new(Limits::default());
    let rule = invalid_field(
        ns.upsert_client(client("bad name", &[])),
        K,
        "bad name",
        "name",
    );
    assert!(rule.contains("[A-Za-z0-9-:._]"), "{rule}");
    invalid_field(ns.upsert_client(client("", &[])), K, "", "name");
    let mut c = client("dev1", &[]);
    c.authentication_name = Some("no/slash".into());
    invalid_field(ns.upsert_client(c), K, "dev1", "authenticationName");

    let mut c = client("dev1", &[]);
    c.authentication_name = Some("Device-One".into());
    ns.upsert_client(c).unwrap();
    // Unique case-insensitively.
    let mut c = client("dev2", &[]);
    c.authentication_name = Some("device-one".into());
    let rule = invalid_field(ns.upsert_client(c), K, "dev2", "authenticationName");
    assert!(rule.contains("client 'dev1'"), "{rule}");
    // Immutable on update; omitted means unchanged.
    let mut c = client("dev1", &[]);
    c.authentication_name = Some("other".into());
    let rule = invalid_field(ns.upsert_client(c), K, "dev1", "authenticationName");
    assert!(rule.contains("immutable"), "{rule}");
    ns.upsert_client(client("dev1", &[("x", "1")])).unwrap();
    assert_eq!(
        ns.client("dev1").unwrap().authentication_name.as_deref(),
        Some("Device-One")
    );
    assert_eq!(
        ns.client_by_authentication_name("DEVICE-one").unwrap().name,
        "dev1"
    );
    // Names are case-sensitive: DEV1 is another client, default auth name clashes though.
    let rule = invalid_field(
        ns.upsert_client(client("device-ONE", &[])),
        K,
        "device-ONE",
        "authenticationName",
    );
    assert!(rule.contains("unique case-insensitively"), "{rule}");
    ns.upsert_client(client("DEV1", &[])).unwrap();
    assert_eq!(ns.client("DEV1").unwrap().authentication_name(), "DEV1");

    // Attributes.
    let mut c = client("dev3", &[]);
    c.attributes
        .insert("bad-key".into(), AttributeValue::Int(1));
    invalid_field(ns.upsert_client(c), K, "dev3", "attributes.bad-key");
    let mut c = client("dev3", &[]);
    c.attributes
        .insert("big".into(), AttributeValue::String("x".repeat(4096)));
    let rule = invalid_field(ns.upsert_client(c), K, "dev3", "attributes");
    assert!(rule.contains("less than 4096"), "{rule}");
    let mut c = client("dev3", &[]);
    c.attributes
        .insert("fits".into(), AttributeValue::String("x".repeat(4000)));
    ns.upsert_client(c).unwrap();

    // Certificates.
    let tp = "0123456789abcdef".repeat(4);
    let mut c = client("dev4", &[]);
    c.client_certificate_authentication = cert(ValidationScheme::ThumbprintMatch, &[]);
    let field = "clientCertificateAuthentication.allowedThumbprints";
    invalid_field(ns.upsert_client(c.clone()), K, "dev4", field);
    c.client_certificate_authentication = cert(ValidationScheme::ThumbprintMatch, &[&tp, &tp, &tp]);
    invalid_field(ns.upsert_client(c.clone()), K, "dev4", field);
    c.client_certificate_authentication = cert(ValidationScheme::ThumbprintMatch, &[&tp, "abc"]);
    invalid_field(
        ns.upsert_client(c.clone()),
        K,
        "dev4",
        &format!("{field}[1]"),
    );
    c.client_certificate_authentication =
        cert(ValidationScheme::SubjectMatchesAuthenticationName, &[&tp]);
    let rule = invalid_field(ns.upsert_client(c.clone()), K, "dev4", field);
    assert!(rule.contains("only ThumbprintMatch"), "{rule}");
    c.client_certificate_authentication = cert(ValidationScheme::ThumbprintMatch, &[&tp]);
    ns.upsert_client(c).unwrap();
    assert_eq!(
        ns.client("dev4")
            .unwrap()
            .client_certificate_authentication
            .as_ref()
            .unwrap()
            .allowed_thumbprints,
        [tp.to_uppercase()]
    );
    for scheme in [
        ValidationScheme::SubjectMatchesAuthenticationName,
        ValidationScheme::DnsMatchesAuthenticationName,
        ValidationScheme::UriMatchesAuthenticationName,
        ValidationScheme::IpMatchesAuthenticationName,
        ValidationScheme::EmailMatchesAuthenticationName,
    ] {
        let mut c = client("dev5", &[]);
        c.client_certificate_authentication = cert(scheme, &[]);
        ns.upsert_client(c).unwrap();
    }

    // Password hash.
    let mut c = client("dev6", &[]);
    c.password_hash = Some("secret".into());
    invalid_field(ns.upsert_client(c.clone()), K, "dev6", "passwordHash");
    c.password_hash = Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into());
    c.state = ClientState::Disabled;
    ns.upsert_client(c).unwrap();

    // Delete, then the authentication name is free again.
    ns.delete(K, "dev1").unwrap();
    assert!(ns.client_by_authentication_name("device-one").is_none());
    assert_eq!(
        ns.delete(K, "dev1"),
        Err(NamespaceError::NotFound {
            kind: K,
            name: "dev1".into()
        })
    );
    ns.upsert_client(client("device-ONE", &[])).unwrap();
}

#[test]
fn client_group_rules() {
    use ResourceKind::ClientGroup as K;
    let mut ns = Namespace::new(Limits::default());
    let rule = invalid_field(
        ns.upsert_client_group(group("$all", "attributes.a = 1")),
        K,
        "$all",
        "name",
    );
    assert!(rule.contains("built-in"), "{rule}");
    invalid_field(
        ns.upsert_client_group(group("ab", "attributes.a = 1")),
        K,
        "ab",
        "name",
    );
    invalid_field(
        ns.upsert_client_group(group("a_b_c", "attributes.a = 1")),
        K,
        "a_b_c",
        "name",
    );
    invalid_field(
        ns.upsert_client_group(group("grp", "  ")),
        K,
        "grp",
        "query",
    );
    let rule = invalid_field(
        ns.upsert_client_group(group("grp", "attributes.floor xyz 5")),
        K,
        "grp",
        "query",
    );
    assert_eq!(
        rule,
        "query syntax error: expected an operator (=, <>, !=, <, >, <=, >=, IN) at column 18, found 'xyz'"
    );
    let long = format!("attributes.a = '{}'", "x".repeat(500));
    let rule = invalid_field(
        ns.upsert_client_group(group("grp", &long)),
        K,
        "grp",
        "query",
    );
    assert!(rule.contains("at most 500"), "{rule}");
    for i in 0..10 {
        ns.upsert_client_group(group(&format!("grp{i}"), "attributes.a = 1"))
            .unwrap();
    }
    let rule = invalid_field(
        ns.upsert_client_group(group("grp10", "attributes.a = 1")),
        K,
        "grp10",
        "name",
    );
    assert!(rule.contains("max_client_groups"), "{rule}");
    // Updating an existing group is not a new one.
    ns.upsert_client_group(group("grp3", "attributes.a = 2"))
        .unwrap();
    let err = ns.delete(K, "$all").unwrap_err();
    assert!(err.to_string().contains("built-in"), "{err}");
    assert_eq!(
        ns.delete(K, "nope"),
        Err(NamespaceError::NotFound {
            kind: K,
            name: "nope".into()
        })
    );
}

#[test]
fn topic_space_rules() {
    use ResourceKind::TopicSpace as K;
    let mut ns = Namespace::new(Limits::default());
    invalid_field(ns.upsert_topic_space(space("ts", &["a"])), K, "ts", "name");
    let rule = invalid_field(
        ns.upsert_topic_space(space("tsp", &[])),
        K,
        "tsp",
        "topicTemplates",
    );
    assert!(rule.contains("1 to 10"), "{rule}");
    let eleven: Vec<String> = (0..11).map(|i| format!("t/{i}")).collect();
    let eleven: Vec<&str> = eleven.iter().map(String::as_str).collect();
    invalid_field(
        ns.upsert_topic_space(space("tsp", &eleven)),
        K,
        "tsp",
        "topicTemplates",
    );
    ns.upsert_topic_space(space("tsp", &eleven[..10])).unwrap();
    let rule = invalid_field(
        ns.upsert_topic_space(space("tsp", &["a", "b", "a/#/b"])),
        K,
        "tsp",
        "topicTemplates[2]",
    );
    assert!(rule.contains("[MQTT-4.7.1-2]"), "{rule}");
    let rule = invalid_field(
        ns.upsert_topic_space(space("tsp", &["a", "$SYS/#"])),
        K,
        "tsp",
        "topicTemplates[1]",
    );
    assert!(rule.contains("reserved"), "{rule}");
    let rule = invalid_field(
        ns.upsert_topic_space(space("tsp", &["x/${client.nope}"])),
        K,
        "tsp",
        "topicTemplates[0]",
    );
    assert!(rule.contains("unknown variable"), "{rule}");
    let rule = invalid_field(
        ns.upsert_topic_space(space("tsp", &["a", "b", "a"])),
        K,
        "tsp",
        "topicTemplates[2]",
    );
    assert_eq!(rule, "duplicates topicTemplates[0]");
    // The failed updates left the first version in place.
    assert_eq!(ns.topic_spaces().next().unwrap().topic_templates.len(), 10);
    for i in 1..10 {
        ns.upsert_topic_space(space(&format!("tsp{i}"), &["a"]))
            .unwrap();
    }
    let rule = invalid_field(
        ns.upsert_topic_space(space("tsp10", &["a"])),
        K,
        "tsp10",
        "name",
    );
    assert!(rule.contains("max_topic_spaces"), "{rule}");
}

#[test]
fn binding_rules_and_references() {
    use ResourceKind::PermissionBinding as K;
    let mut ns = Namespace::new(Limits::default());
    ns.upsert_client_group(group("grp", "attributes.a = 1"))
        .unwrap();
    ns.upsert_topic_space(space("tsp", &["a"])).unwrap();
    invalid_field(
        ns.upsert_permission_binding(binding("b", "grp", "tsp", Publisher)),
        K,
        "b",
        "name",
    );
    let rule = invalid_field(
        ns.upsert_permission_binding(binding("bnd", "nope", "tsp", Publisher)),
        K,
        "bnd",
        "clientGroupName",
    );
    assert!(rule.contains("no client group 'nope'"), "{rule}");
    invalid_field(
        ns.upsert_permission_binding(binding("bnd", "grp", "nope", Publisher)),
        K,
        "bnd",
        "topicSpaceName",
    );
    ns.upsert_permission_binding(binding("bnd", "grp", "tsp", Publisher))
        .unwrap();
    ns.upsert_permission_binding(binding("all", "$all", "tsp", Subscriber))
        .unwrap();
    assert_eq!(
        ns.delete(ResourceKind::ClientGroup, "grp"),
        Err(NamespaceError::InUse {
            kind: ResourceKind::ClientGroup,
            name: "grp".into(),
            by: "bnd".into()
        })
    );
    let err = ns.delete(ResourceKind::TopicSpace, "tsp").unwrap_err();
    assert!(matches!(err, NamespaceError::InUse { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "topic space 'tsp' is still referenced by permission binding 'all'"
    );
    ns.delete(K, "bnd").unwrap();
    ns.delete(ResourceKind::ClientGroup, "grp").unwrap();
    ns.delete(K, "all").unwrap();
    ns.delete(ResourceKind::TopicSpace, "tsp").unwrap();
    assert_eq!(ns.spec(), NamespaceSpec::default());

    let limits = Limits {
        max_permission_bindings: 1,
        ..Limits::default()
    };
    let mut ns = Namespace::new(limits);
    ns.upsert_topic_space(space("tsp", &["a"])).unwrap();
    ns.upsert_permission_binding(binding("one", "$all", "tsp", Publisher))
        .unwrap();
    ns.upsert_permission_binding(binding("one", "$all", "tsp", Subscriber))
        .unwrap();
    let rule = invalid_field(
        ns.upsert_permission_binding(binding("two", "$all", "tsp", Publisher)),
        K,
        "two",
        "name",
    );
    assert!(rule.contains("max_permission_bindings"), "{rule}");
}

#[test]
fn ca_certificate_rules() {
    use ResourceKind::CaCertificate as K;
    let mut ns = Namespace::new(Limits::default());
    let mut bad = ca("root");
    bad.encoded_certificate = "not pem".into();
    let rule = invalid_field(
        ns.upsert_ca_certificate(bad),
        K,
        "root",
        "encodedCertificate",
    );
    assert!(rule.contains("BEGIN CERTIFICATE"), "{rule}");
    invalid_field(ns.upsert_ca_certificate(ca("r")), K, "r", "name");
    ns.upsert_ca_certificate(ca("root")).unwrap();
    ns.upsert_ca_certificate(ca("intermediate")).unwrap();
    let rule = invalid_field(ns.upsert_ca_certificate(ca("third")), K, "third", "name");
    assert!(rule.contains("max_ca_certificates"), "{rule}");
    ns.delete(K, "root").unwrap();
    ns.upsert_ca_certificate(ca("third")).unwrap();
}

#[test]
fn client_count_limit() {
    let mut ns = Namespace::new(Limits {
        max_clients: 2,
        ..Limits::default()
    });
    ns.upsert_client(client("a", &[])).unwrap();
    ns.upsert_client(client("b", &[])).unwrap();
    ns.upsert_client(client("b", &[("x", "y")])).unwrap();
    let rule = invalid_field(
        ns.upsert_client(client("c", &[])),
        ResourceKind::Client,
        "c",
        "name",
    );
    assert!(rule.contains("max_clients"), "{rule}");
}

#[test]
fn from_spec_is_all_or_nothing() {
    let mut spec = seed_001().spec();
    spec.permission_bindings[0].topic_space_name = "missing".into();
    let err = Namespace::from_spec(spec, Limits::default()).unwrap_err();
    assert!(
        err.to_string().contains("no topic space 'missing'"),
        "{err}"
    );
    let mut spec = seed_001().spec();
    spec.clients.push(spec.clients[0].clone());
    let err = Namespace::from_spec(spec, Limits::default()).unwrap_err();
    assert!(err.to_string().contains("more than once"), "{err}");
}

#[test]
fn spec_round_trips_through_json_and_toml() {
    for ns in [seed_001(), seed_003()] {
        let mut spec = ns.spec();
        let mut c = client("extra", &[("type", "device")]);
        c.attributes.insert("floor".into(), AttributeValue::Int(-3));
        c.attributes.insert(
            "sensors".into(),
            AttributeValue::Strings(vec!["motion".into(), "humidity".into()]),
        );
        c.description = Some("a \"quoted\" description".into());
        c.client_certificate_authentication =
            cert(ValidationScheme::ThumbprintMatch, &[&"ab".repeat(32)]);
        spec.clients.push(c);
        spec.ca_certificates.push(ca("root-ca"));
        let ns = Namespace::from_spec(spec, Limits::default()).unwrap();
        let spec = ns.spec();

        let json = serde_json::to_string_pretty(&spec).unwrap();
        assert!(json.contains("\"authenticationName\""), "{json}");
        assert!(json.contains("\"topicTemplates\""), "{json}");
        assert!(json.contains("\"clientGroupName\""), "{json}");
        let back: NamespaceSpec = serde_json::from_str(&json).unwrap();
        assert_eq!(back, spec);
        assert_eq!(
            Namespace::from_spec(back, Limits::default())
                .unwrap()
                .spec(),
            spec
        );

        let text = toml::to_string(&spec).unwrap();
        assert!(text.contains("[[clientGroups]]"), "{text}");
        let back: NamespaceSpec = toml::from_str(&text).unwrap();
        assert_eq!(back, spec);
        assert_eq!(
            Namespace::from_spec(back, Limits::default())
                .unwrap()
                .spec(),
            spec
        );
    }
}

#[test]
fn a_handwritten_toml_namespace() {
    let text = r#"
[[clients]]
name = "sensor1"
attributes = { type = "sensor", floor = 2, tags = ["a", "b"] }

[[clientGroups]]
name = "sensors"
query = "attributes.type='sensor'"

[[topicSpaces]]
name = "lwtPub"
topicTemplates = ["clients/${client.authenticationName}/status"]

[[permissionBindings]]
name = "sensorsPub"
clientGroupName = "sensors"
topicSpaceName = "lwtPub"
permission = "publisher"
"#;
    let spec: NamespaceSpec = toml::from_str(text).unwrap();
    let ns = Namespace::from_spec(spec, Limits::default()).unwrap();
    let sensor = ns.client("sensor1").unwrap();
    assert_eq!(sensor.attributes["floor"], AttributeValue::Int(2));
    assert_eq!(
        sensor.attributes["tags"],
        AttributeValue::Strings(vec!["a".into(), "b".into()])
    );
    assert!(ns
        .authorize(
            &sensor.principal(),
            crate::Action::Publish("clients/sensor1/status")
        )
        .is_allowed());
    let unknown = toml::from_str::<NamespaceSpec>("[[clients]]\nname = \"a\"\nnmae = \"b\"\n");
    assert!(unknown.is_err(), "unknown fields are refused");
}
