//! The Event Grid access model end to end, on the seeds' own namespaces:
//! seed 001's request-response (cloudApp ↔ devices) and seed 003's will
//! messages (sensors ↔ actuators), loaded from a namespace file, with
//! mosquitto_pub/sub and raw clients authenticating with passwords.
//! Certificate, JWT and webhook authentication have their own tests.

use crate::common;

use common::*;
use tern_tests::{mosquitto_pub, MosquittoSub, MqttVersion, SubOptions};

const PASSWORD: &str = "pa55word";

/// A `[[clients]]` entry with the test password.
fn client(name: &str, kind: &str) -> String {
    let hash = tern::access::password::hash_password(PASSWORD).unwrap();
    format!(
        "[[clients]]\nname = \"{name}\"\nattributes = {{ type = \"{kind}\" }}\npasswordHash = \"{hash}\"\n\n"
    )
}

/// Seed 001: a cloud application and two devices.
fn seed_001() -> String {
    let mut ns = String::new();
    for (name, kind) in [
        ("cloudApp", "cloudApp"),
        ("device1", "device"),
        ("device2", "device"),
    ] {
        ns += &client(name, kind);
    }
    ns += r#"
[[clientGroups]]
name = "cloudAppGroup"
query = "attributes.type = 'cloudApp'"

[[clientGroups]]
name = "devices"
query = "attributes.type = 'device'"

[[topicSpaces]]
name = "requestDesiredProperties"
topicTemplates = ["devices/+/desired"]

[[topicSpaces]]
name = "responseReportedProperties"
topicTemplates = ["devices/+/reported"]

[[topicSpaces]]
name = "deviceDesiredSub"
topicTemplates = ["devices/${client.authenticationName}/desired"]

[[topicSpaces]]
name = "deviceReportedPub"
topicTemplates = ["devices/${client.authenticationName}/reported"]

[[permissionBindings]]
name = "cloudAppPub"
clientGroupName = "cloudAppGroup"
topicSpaceName = "requestDesiredProperties"
permission = "Publisher"

[[permissionBindings]]
name = "cloudAppSub"
clientGroupName = "cloudAppGroup"
topicSpaceName = "responseReportedProperties"
permission = "Subscriber"

[[permissionBindings]]
name = "devicesSub"
clientGroupName = "devices"
topicSpaceName = "deviceDesiredSub"
permission = "Subscriber"

[[permissionBindings]]
name = "devicesPub"
clientGroupName = "devices"
topicSpaceName = "deviceReportedPub"
permission = "Publisher"
"#;
    ns
}

/// Seed 003: sensors with will topics, actuators watching them; sensor3 may not publish its will.
fn seed_003() -> String {
    let mut ns = String::new();
    for (name, kind) in [
        ("sensor1", "sensor"),
        ("sensor2", "sensor"),
        ("sensor3", "intruder"),
        ("actuator1", "actuator"),
        ("actuator2", "actuator"),
    ] {
        ns += &client(name, kind);
    }
    ns += r#"
[[clientGroups]]
name = "sensors"
query = "attributes.type='sensor'"

[[clientGroups]]
name = "actuators"
query = "attributes.type='actuator'"

[[topicSpaces]]
name = "lwtPub"
topicTemplates = ["clients/${client.authenticationName}/status"]

[[topicSpaces]]
name = "lwtSub"
topicTemplates = ["clients/+/status"]

[[permissionBindings]]
name = "sensorsPub"
clientGroupName = "sensors"
topicSpaceName = "lwtPub"
permission = "Publisher"

[[permissionBindings]]
name = "actuatorsSub"
clientGroupName = "actuators"
topicSpaceName = "lwtSub"
permission = "Subscriber"
"#;
    ns
}

/// Starts a broker with the access model on, loading `namespace` from a file.
async fn start_with_namespace(namespace: &str) -> (tern::Broker, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("namespace.toml");
    std::fs::write(&path, namespace).unwrap();
    let broker = start_with(|c| {
        c.open = false;
        c.access.namespace_file = Some(path);
    })
    .await;
    (broker, dir)
}

fn login(connect: Connect, name: &str) -> Connect {
    connect.credentials(name, PASSWORD)
}

fn creds(name: &str) -> Vec<String> {
    ["-i", name, "-u", name, "-P", PASSWORD]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

#[tokio::test]
async fn seed_001_request_response_runs_with_its_permissions() {
    let (broker, _dir) = start_with_namespace(&seed_001()).await;
    let port = broker.mqtt_addr().port();
    // The cloud application listens for reported properties (mosquitto_sub, v5,
    // printing response topic %R... and correlation data %D of each message).
    let mut cloud = MosquittoSub::subscribe(
        port,
        MqttVersion::V5,
        "devices/+/reported",
        SubOptions::default()
            .qos(1)
            .args(creds("cloudApp"))
            .args(["-F", "%t %D %p"]),
    )
    .await
    .expect("cloudApp may subscribe to devices/+/reported");

    // device2 subscribes to its own desired topic.
    let device2 = login(Connect::v5("device2"), "device2");
    let (mut device2, connack) = Raw::connected(broker.mqtt_addr(), &device2).await;
    assert_eq!(connack.code, 0);
    assert_eq!(
        device2
            .subscribe(1, &[("devices/device2/desired", 1)])
            .await,
        [1]
    );

    // device1 may not subscribe to device2's desired topic, nor to everything.
    let device1 = login(Connect::v5("device1"), "device1");
    let (mut device1, _) = Raw::connected(broker.mqtt_addr(), &device1).await;
    assert_eq!(
        device1
            .subscribe(
                1,
                &[
                    ("devices/device2/desired", 1),
                    ("#", 0),
                    ("devices/device1/desired", 1)
                ]
            )
            .await,
        [0x87, 0x87, 1]
    );

    // The cloud app sends a desired-property request with Response Topic and Correlation Data.
    mosquitto_pub(
        port,
        MqttVersion::V5,
        "devices/device2/desired",
        r#"{"fan":"on"}"#,
        &[
            "-q",
            "1",
            "-i",
            "cloudApp-requests",
            "-u",
            "cloudApp",
            "-P",
            PASSWORD,
            "-D",
            "publish",
            "response-topic",
            "devices/device2/reported",
            "-D",
            "publish",
            "correlation-data",
            "req-42",
        ],
    )
    .await
    .expect("cloudApp may publish to devices/+/desired");
    let request = device2.expect_publish().await;
    assert_eq!(request.topic, "devices/device2/desired");
    assert_eq!(request.props.str(0x08), Some("devices/device2/reported"));
    assert_eq!(
        request.props.get(0x09),
        Some(&PVal::Bin(b"req-42".to_vec()))
    );
    device2.send(&ack(0x40, request.packet_id)).await;

    // device2 answers with the correlation data; the cloud app sees it.
    device2
        .send(&publish(
            true,
            "devices/device2/reported",
            br#"{"fan":"on"}"#,
            1,
            false,
            7,
            &prop::str(0x09, "req-42"),
        ))
        .await;
    assert_eq!(device2.expect(kind::PUBACK).await.ack(), (7, 0));
    assert_eq!(
        cloud.collect(1, WAIT).await.unwrap(),
        [r#"devices/device2/reported req-42 {"fan":"on"}"#]
    );

    // device1 may not publish device2's reported properties: PUBACK 0x87, nothing routed.
    device1
        .send(&publish(
            true,
            "devices/device2/reported",
            b"fake",
            1,
            false,
            3,
            &[],
        ))
        .await;
    assert_eq!(device1.expect(kind::PUBACK).await.ack(), (3, 0x87));
    // A denied PUBLISH is not routed: the next message the cloud app gets is
    // the sentinel device1 publishes after it, on its own reported topic.
    device1.publish_sentinel("devices/device1/reported").await;
    assert_eq!(
        cloud.collect(1, WAIT).await.unwrap(),
        ["devices/device1/reported  sentinel"],
        "a denied PUBLISH is not routed"
    );
    broker.shutdown().await;
}

#[tokio::test]
async fn seed_003_wills_reach_both_actuators_only_on_abrupt_disconnects() {
    let (broker, _dir) = start_with_namespace(&seed_003()).await;
    let port = broker.mqtt_addr().port();
    let mut actuators = Vec::new();
    for (name, version) in [
        ("actuator1", MqttVersion::V5),
        ("actuator2", MqttVersion::V311),
    ] {
        let sub = MosquittoSub::subscribe(
            port,
            version,
            "clients/+/status",
            SubOptions::default().qos(1).verbose().args(creds(name)),
        )
        .await
        .expect("actuators may subscribe to clients/+/status");
        actuators.push(sub);
    }
    let will = |name: &str| Will {
        topic: format!("clients/{name}/status"),
        payload: b"offline".to_vec(),
        qos: 1,
        ..Will::default()
    };
    // A clean DISCONNECT discards the will.
    let sensor1 = login(Connect::v5("sensor1"), "sensor1").will(will("sensor1"));
    let (mut s1, connack) = Raw::connected(broker.mqtt_addr(), &sensor1).await;
    assert_eq!(connack.code, 0);
    s1.send(&disconnect_v5(0, &[])).await;
    s1.expect_closed().await;
    // An abrupt close publishes it to both actuators (sensor2 speaks 3.1.1).
    let sensor2 = login(Connect::v3("sensor2"), "sensor2").will(will("sensor2"));
    let (s2, connack) = Raw::connected(broker.mqtt_addr(), &sensor2).await;
    assert_eq!(connack.code, 0);
    drop(s2);
    for actuator in &mut actuators {
        assert_eq!(
            actuator.collect(1, WAIT).await.unwrap(),
            ["clients/sensor2/status offline"],
            "no will for sensor1's clean disconnect, sensor2's will on its abrupt one"
        );
    }
    // A sensor without publish rights on its will topic is refused: Not authorized.
    let sensor3 = login(Connect::v5("sensor3"), "sensor3").will(will("sensor3"));
    let (mut s3, connack) = Raw::connect(broker.mqtt_addr(), &sensor3).await;
    assert_eq!(connack.code, 0x87);
    s3.expect_closed().await;
    let sensor3 = login(Connect::v3("sensor3"), "sensor3").will(will("sensor3"));
    let (_, connack) = Raw::connect(broker.mqtt_addr(), &sensor3).await;
    assert_eq!(connack.code, 5, "3.1.1: not authorized");
    // An MQTT 3.1.1 actuator asking for more than its topic space: 0x80 for that filter.
    let actuator = Connect::v3("actuator2").credentials("actuator2", PASSWORD);
    let (mut a2, _) = Raw::connected(broker.mqtt_addr(), &actuator).await;
    assert_eq!(
        a2.subscribe(1, &[("clients/#", 1), ("clients/+/status", 1)])
            .await,
        [0x80, 1]
    );
    // Nor may a sensor publish on another sensor's status topic.
    let (mut s1, _) = Raw::connected(
        broker.mqtt_addr(),
        &login(Connect::v5("sensor1"), "sensor1"),
    )
    .await;
    s1.send(&publish(
        true,
        "clients/sensor2/status",
        b"x",
        1,
        false,
        1,
        &[],
    ))
    .await;
    assert_eq!(s1.expect(kind::PUBACK).await.ack(), (1, 0x87));
    broker.shutdown().await;
}

#[tokio::test]
async fn credentials_are_checked_with_the_right_reason_codes() {
    let mut namespace = seed_003();
    namespace += "[[clients]]\nname = \"retired\"\nstate = \"Disabled\"\n";
    namespace += &format!(
        "passwordHash = \"{}\"\n",
        tern::access::password::hash_password(PASSWORD).unwrap()
    );
    let (broker, _dir) = start_with_namespace(&namespace).await;
    let addr = broker.mqtt_addr();
    let cases: [(Connect, u8); 8] = [
        (Connect::v5("sensor1").credentials("sensor1", "wrong"), 0x86),
        (Connect::v3("sensor1").credentials("sensor1", "wrong"), 4),
        (Connect::v5("ghost").credentials("ghost", PASSWORD), 0x86),
        (Connect::v3("ghost").credentials("ghost", PASSWORD), 4),
        (Connect::v5("anon"), 0x86),
        (
            Connect::v5("retired").credentials("retired", PASSWORD),
            0x87,
        ),
        (Connect::v3("retired").credentials("retired", PASSWORD), 5),
        (Connect::v5("sensor1").credentials("sensor1", PASSWORD), 0),
    ];
    for (connect, expected) in cases {
        let (_, connack) = Raw::connect(addr, &connect).await;
        assert_eq!(
            connack.code, expected,
            "{} {:?}",
            connect.client_id, connect.username
        );
    }
    // An Authentication Method the broker does not offer: Bad authentication method.
    let (_, connack) = Raw::connect(
        addr,
        &Connect::v5("sensor1").props(prop::str(0x15, "SCRAM-SHA-1")),
    )
    .await;
    assert_eq!(connack.code, 0x8C);
    broker.shutdown().await;
}
