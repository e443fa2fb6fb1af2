//! The seeds end to end as a person runs them: `tern certs` makes the
//! certificates, the `tern` CLI creates the namespace through the admin API
//! (seed 003's `az eventgrid namespace …` commands, one for one), and
//! mosquitto_pub/sub and rumqttc connect over TLS with client certificates.
//!
//! - Seed 003 (last will): sensors with ThumbprintMatch certificates and a
//!   will on `clients/<name>/status`; the will reaches both actuators after an
//!   abrupt disconnect and not after a clean one; a sensor without publish
//!   rights on its will topic is refused.
//! - Seed 001 (request-response): CA-signed certificates with
//!   SubjectMatchesAuthenticationName; the cloud app's request reaches device2,
//!   whose answer carries the correlation data back; device1 may not subscribe
//!   to device2's desired topic.

mod seeds_support;

use rumqttc::v5::mqttbytes::v5::{Packet, PublishProperties};
use rumqttc::v5::mqttbytes::QoS;
use seeds_support::*;
use tern_tests::{MosquittoSub, MqttVersion, SubOptions};

#[tokio::test]
async fn seed_003_last_will_with_the_cli_and_thumbprint_certificates() {
    let setup = Setup::start().await;
    for (name, kind) in [
        ("sensor1", "sensor"),
        ("sensor2", "sensor"),
        ("sensor3", "thermometer"),
        ("actuator1", "actuator"),
        ("actuator2", "actuator"),
    ] {
        let thumbprint = setup.client_cert(name, true).await;
        let attributes = format!(r#"{{"type":"{kind}"}}"#);
        setup
            .tern(&[
                "client",
                "create",
                "--name",
                name,
                "--authentication-name",
                name,
                "--attributes",
                &attributes,
                "--thumbprint",
                &thumbprint,
            ])
            .await;
    }
    setup
        .tern(&[
            "client-group",
            "create",
            "--name",
            "sensors",
            "--query",
            "attributes.type='sensor'",
        ])
        .await;
    setup
        .tern(&[
            "client-group",
            "create",
            "--name",
            "actuators",
            "--query",
            "attributes.type='actuator'",
        ])
        .await;
    setup
        .tern(&[
            "topic-space",
            "create",
            "--name",
            "lwtPub",
            "--topic-templates",
            "clients/${client.authenticationName}/status",
        ])
        .await;
    setup
        .tern(&[
            "topic-space",
            "create",
            "--name",
            "lwtSub",
            "--topic-templates",
            "clients/+/status",
        ])
        .await;
    setup
        .tern(&[
            "permission-binding",
            "create",
            "--name",
            "sensorsPub",
            "--client-group",
            "sensors",
            "--topic-space",
            "lwtPub",
            "--permission",
            "publisher",
        ])
        .await;
    setup
        .tern(&[
            "permission-binding",
            "create",
            "--name",
            "actuatorsSub",
            "--client-group",
            "actuators",
            "--topic-space",
            "lwtSub",
            "--permission",
            "subscriber",
        ])
        .await;
    let explained = setup
        .tern(&[
            "explain",
            "--client",
            "sensor1",
            "--publish",
            "clients/sensor1/status",
        ])
        .await;
    assert!(
        explained.contains("sensorsPub") && explained.contains("lwtPub"),
        "{explained}"
    );
    let (allowed, stdout, _) = cli(
        Some(&setup),
        &[
            "explain",
            "--client",
            "sensor1",
            "--publish",
            "clients/sensor2/status",
        ],
    )
    .await;
    assert!(!allowed && stdout.contains("denied"), "{stdout}");

    let port = setup.mqtts_port();
    let mut actuators = Vec::new();
    for (name, version) in [
        ("actuator1", MqttVersion::V5),
        ("actuator2", MqttVersion::V311),
    ] {
        let sub = MosquittoSub::subscribe(
            port,
            version,
            "clients/+/status",
            SubOptions::default()
                .qos(1)
                .verbose()
                .args(setup.mosquitto_args(name, name)),
        )
        .await
        .expect("actuators subscribe over TLS");
        actuators.push(sub);
    }
    // sensor1 connects with a will and disconnects cleanly (mosquitto_pub's DISCONNECT 0x00).
    let will = [
        "--will-topic",
        "clients/sensor1/status",
        "--will-payload",
        "offline",
    ];
    setup
        .publish(
            setup.mosquitto_args("sensor1", "sensor1"),
            "clients/sensor1/status",
            "online",
            &[&will[..], &["--will-qos", "1"]].concat(),
        )
        .await
        .expect("sensor1 publishes over TLS");
    // sensor2 (rumqttc) connects with a will and loses its connection abruptly.
    let (_sensor2, mut events) = setup.rumqttc("sensor2", |o| {
        o.set_last_will(rumqttc::v5::mqttbytes::v5::LastWill::new(
            "clients/sensor2/status",
            "offline",
            QoS::AtLeastOnce,
            false,
            None,
        ));
    });
    wait_for(&mut events, |p| {
        matches!(p, Packet::ConnAck(_)).then_some(())
    })
    .await;
    drop(events);
    for actuator in &mut actuators {
        assert_eq!(
            actuator.collect(2, STEP).await.unwrap(),
            [
                "clients/sensor1/status online",
                "clients/sensor2/status offline"
            ],
            "sensor1's clean disconnect sends no will; sensor2's abrupt one does"
        );
    }
    // sensor3 has no publish right on its will topic: refused, Not authorized.
    let will = [
        "--will-topic",
        "clients/sensor3/status",
        "--will-payload",
        "offline",
    ];
    let refused = setup
        .publish(
            setup.mosquitto_args("sensor3", "sensor3"),
            "clients/sensor3/status",
            "online",
            &will,
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(refused.to_lowercase().contains("not authori"), "{refused}");
    // A client certificate whose thumbprint is not registered is refused.
    setup.client_cert("impostor", true).await;
    let mut impostor = setup.mosquitto_args("impostor", "sensor1");
    let last = impostor.len() - 1;
    impostor[last] = "sensor1".into();
    let refused = setup
        .publish(impostor, "clients/sensor1/status", "x", &[])
        .await
        .unwrap_err()
        .to_string();
    assert!(
        refused.to_lowercase().contains("bad user name or password"),
        "{refused}"
    );
    setup.broker.shutdown().await;
}

#[tokio::test]
async fn seed_001_request_response_with_ca_signed_certificates() {
    let setup = Setup::start().await;
    let ca = arg(&setup.pki().join("ca/ca.pem")).to_owned();
    setup
        .tern(&[
            "ca-certificate",
            "create",
            "--name",
            "test-ca",
            "--file",
            &ca,
        ])
        .await;
    for (name, kind) in [
        ("cloudApp", "cloudApp"),
        ("device1", "device"),
        ("device2", "device"),
    ] {
        setup.client_cert(name, false).await;
        let attributes = format!(r#"{{"type":"{kind}"}}"#);
        setup
            .tern(&[
                "client",
                "create",
                "--name",
                name,
                "--attributes",
                &attributes,
                "--validation-scheme",
                "SubjectMatchesAuthenticationName",
            ])
            .await;
    }
    for (group, query) in [
        ("cloudAppGroup", "attributes.type = 'cloudApp'"),
        ("devices", "attributes.type = 'device'"),
    ] {
        setup
            .tern(&["client-group", "create", "--name", group, "--query", query])
            .await;
    }
    for (space, template) in [
        ("requestDesiredProperties", "devices/+/desired"),
        ("responseReportedProperties", "devices/+/reported"),
        (
            "deviceDesiredSub",
            "devices/${client.authenticationName}/desired",
        ),
        (
            "deviceReportedPub",
            "devices/${client.authenticationName}/reported",
        ),
    ] {
        setup
            .tern(&[
                "topic-space",
                "create",
                "--name",
                space,
                "--topic-templates",
                template,
            ])
            .await;
    }
    for (binding, group, space, permission) in [
        (
            "cloudAppPub",
            "cloudAppGroup",
            "requestDesiredProperties",
            "publisher",
        ),
        (
            "cloudAppSub",
            "cloudAppGroup",
            "responseReportedProperties",
            "subscriber",
        ),
        ("devicesSub", "devices", "deviceDesiredSub", "subscriber"),
        ("devicesPub", "devices", "deviceReportedPub", "publisher"),
    ] {
        setup
            .tern(&[
                "permission-binding",
                "create",
                "--name",
                binding,
                "--client-group",
                group,
                "--topic-space",
                space,
                "--permission",
                permission,
            ])
            .await;
    }
    let port = setup.mqtts_port();
    // The cloud application listens for reported properties with their correlation data.
    let mut cloud = MosquittoSub::subscribe(
        port,
        MqttVersion::V5,
        "devices/+/reported",
        SubOptions::default()
            .qos(1)
            .args(setup.mosquitto_args("cloudApp", "cloudApp"))
            .args(["-F", "%t %D %p"]),
    )
    .await
    .expect("cloudApp subscribes");
    // device2 (rumqttc) answers desired-property requests on their Response Topic.
    let (device2, mut events) = setup.rumqttc("device2", |_| {});
    device2
        .subscribe("devices/device2/desired", QoS::AtLeastOnce)
        .await
        .unwrap();
    let granted = wait_for(&mut events, |p| match p {
        Packet::SubAck(ack) => Some(format!("{:?}", ack.return_codes)),
        _ => None,
    })
    .await;
    assert!(granted.contains("Success(AtLeastOnce)"), "{granted}");
    // device1 may not subscribe to device2's desired topic.
    let denied = MosquittoSub::subscribe(
        port,
        MqttVersion::V5,
        "devices/device2/desired",
        SubOptions::default()
            .qos(1)
            .args(setup.mosquitto_args("device1", "device1")),
    )
    .await;
    match denied {
        Ok(mut sub) => {
            let codes = sub.wait_subscribed(STEP).await.unwrap_or_default();
            assert_eq!(codes, [0x87], "device1 is refused device2's desired topic");
        }
        Err(e) => assert!(
            e.to_string().contains("denied") || e.to_string().contains("135"),
            "{e}"
        ),
    }

    setup
        .publish(
            setup.mosquitto_args("cloudApp", "cloudApp-requests"),
            "devices/device2/desired",
            r#"{"fan":"on"}"#,
            &[
                "-q",
                "1",
                "-D",
                "publish",
                "response-topic",
                "devices/device2/reported",
                "-D",
                "publish",
                "correlation-data",
                "req-7",
            ],
        )
        .await
        .expect("cloudApp publishes a request");
    let request = wait_for(&mut events, |p| match p {
        Packet::Publish(publish) => Some(publish.clone()),
        _ => None,
    })
    .await;
    let props = request.properties.clone().unwrap_or_default();
    let response_topic = props.response_topic.clone().expect("Response Topic");
    assert_eq!(response_topic, "devices/device2/reported");
    let correlation = props.correlation_data.clone().expect("Correlation Data");
    assert_eq!(&correlation[..], b"req-7");
    device2
        .publish_with_properties(
            response_topic,
            QoS::AtLeastOnce,
            false,
            r#"{"fan":"on"}"#,
            PublishProperties {
                correlation_data: Some(correlation),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let driver = tokio::spawn(async move {
        loop {
            if events.poll().await.is_err() {
                return;
            }
        }
    });
    assert_eq!(
        cloud.collect(1, STEP).await.unwrap(),
        [r#"devices/device2/reported req-7 {"fan":"on"}"#]
    );
    driver.abort();
    setup.broker.shutdown().await;
}

#[tokio::test]
async fn token_create_mints_a_jwt_the_broker_accepts_and_tampering_breaks_it() {
    let dir = tempfile::tempdir().unwrap();
    let files = tern::demo::prepare(dir.path(), &["device1".to_owned()]).unwrap();
    let issuer = tern::demo::issuer(&files);
    let mut config = tern::Config::default();
    config.access.jwt_issuers = vec![issuer.clone()];
    let config_path = dir.path().join("tern.toml");
    std::fs::write(&config_path, toml::to_string(&config).unwrap()).unwrap();
    let token = cli_ok(
        None,
        &[
            "token",
            "create",
            "--config",
            arg(&config_path),
            "--sub",
            "sensor9",
            "--claims",
            r#"{"type":"sensor","floor":3,"tags":["a","b"]}"#,
            "--ttl",
            "600",
        ],
    )
    .await;
    let verifier = tern::access::jwt::JwtVerifier::new(&[issuer], &config.access.hostname).unwrap();
    let claims = verifier
        .verify(token.trim())
        .expect("the broker accepts the minted token");
    assert_eq!(claims.subject, "sensor9");
    assert_eq!(
        claims.attributes.get("floor"),
        Some(&tern::access::AttributeValue::Int(3))
    );
    let mut tampered = token.trim().to_owned();
    tampered.push('x');
    assert!(verifier.verify(&tampered).is_err());
    let (ok, _, stderr) = cli(
        None,
        &[
            "token",
            "create",
            "--config",
            arg(&config_path),
            "--sub",
            "x",
            "--claims",
            "[1]",
        ],
    )
    .await;
    assert!(!ok && stderr.contains("--claims"), "{stderr}");
}
