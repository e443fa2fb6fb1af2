//! The drivers' own tests: line parsing, and the clients against the
//! reference broker.

use super::*;
use crate::STEP_TIMEOUT;
use std::time::Duration;

#[test]
fn debug_lines_are_told_from_messages() {
    for line in [
        "Client (null) sending CONNECT",
        "Client (null) received CONNACK (0)",
        "Client auto-DF6631D2-F92C-0D03-CE6A-9516CBCC5771 received SUBACK",
        "Client mosq-bKRtf3W63PkDI8fiAG sending SUBSCRIBE (Mid: 1, Topic: a/#, QoS: 1, Options: 0x00)",
        "Client (null) received PUBLISH (d0, q1, r0, m1, 'a/b', ... (11 bytes))",
        "Client (null) sending PUBACK (m1, rc0)",
        "Client (null) received PUBCOMP (Mid: 2, RC:0)",
        "Subscribed (mid: 1): 1",
        "Warning: Received PUBREC from x for an unknown packet identifier 3.",
    ] {
        assert!(is_mosquitto_debug_line(line), "{line}");
    }
    for line in [
        "a/b hello world",
        "hello world",
        "",
        "Client",
        "Client says hello",
        "{\"Client (null) sending\": 1}",
    ] {
        assert!(!is_mosquitto_debug_line(line), "{line}");
    }
}

#[test]
fn subscribed_lines_are_parsed() {
    assert_eq!(
        parse_subscribed_line("Subscribed (mid: 1): 1"),
        Some(vec![1])
    );
    assert_eq!(
        parse_subscribed_line("Subscribed (mid: 12): 0, 2, 128"),
        Some(vec![0, 2, 128])
    );
    assert_eq!(parse_subscribed_line("Subscribed (mid: 1): x"), None);
    assert_eq!(parse_subscribed_line("Client (null) received SUBACK"), None);
}

const T: Duration = STEP_TIMEOUT;

/// Both protocol versions against the reference broker: SUBACK detection,
/// message lines with and without -v, QoS 0/1/2, -C and exit.
#[tokio::test]
async fn sub_and_pub_against_mosquitto() {
    let broker = MosquittoBroker::start("").await.unwrap();
    let port = broker.port();
    for version in [MqttVersion::V311, MqttVersion::V5] {
        let topic = format!("selftest/{}", version.mosquitto_arg());
        let mut verbose = MosquittoSub::spawn(
            port,
            version,
            &format!("{topic}/#"),
            SubOptions::default().qos(2).verbose(),
        )
        .unwrap();
        assert_eq!(verbose.wait_subscribed(T).await.unwrap(), vec![2]);
        let mut counted = MosquittoSub::subscribe(
            port,
            version,
            &format!("{topic}/#"),
            SubOptions::default().qos(1).count(3),
        )
        .await
        .unwrap();

        for qos in ["0", "1", "2"] {
            mosquitto_pub(
                port,
                version,
                &format!("{topic}/q{qos}"),
                &format!("m{qos}"),
                &["-q", qos],
            )
            .await
            .unwrap();
        }
        assert_eq!(
            verbose.collect(3, T).await.unwrap(),
            vec![
                format!("{topic}/q0 m0"),
                format!("{topic}/q1 m1"),
                format!("{topic}/q2 m2")
            ]
        );
        assert!(
            verbose
                .transcript()
                .iter()
                .any(|l| l.ends_with("received SUBACK")),
            "{:?}",
            verbose.transcript()
        );
        let status = counted.wait_exit(T).await.unwrap();
        assert!(status.success(), "{status}");
        assert_eq!(counted.collect(3, T).await.unwrap(), vec!["m0", "m1", "m2"]);
    }
}

#[tokio::test]
async fn retained_message_and_multiple_filters() {
    let broker = MosquittoBroker::start("").await.unwrap();
    let port = broker.port();
    mosquitto_pub(
        port,
        MqttVersion::V5,
        "selftest/retained",
        "kept",
        &["-r", "-q", "1"],
    )
    .await
    .unwrap();
    let mut sub = MosquittoSub::spawn(
        port,
        MqttVersion::V311,
        "selftest/retained",
        SubOptions::default()
            .qos(1)
            .verbose()
            .args(["-t", "selftest/other"]),
    )
    .unwrap();
    assert_eq!(sub.wait_subscribed(T).await.unwrap(), vec![1, 1]);
    assert_eq!(
        sub.collect(1, T).await.unwrap(),
        vec!["selftest/retained kept"]
    );
}

#[tokio::test]
async fn failures_are_reported_not_hung() {
    let broker = MosquittoBroker::start("").await.unwrap();
    let port = broker.port();
    // Nothing published: collect gives up at its deadline.
    let mut sub = MosquittoSub::subscribe(
        port,
        MqttVersion::V5,
        "selftest/quiet",
        SubOptions::default(),
    )
    .await
    .unwrap();
    let err = sub
        .collect(1, Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("timed out"), "{err:#}");

    // No broker on the port: mosquitto_sub exits and that is an error.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let mut sub = MosquittoSub::spawn(port, MqttVersion::V311, "x", SubOptions::default()).unwrap();
    let err = sub.wait_subscribed(T).await.unwrap_err();
    assert!(
        format!("{err:#}").contains("mosquitto_sub exited"),
        "{err:#}"
    );
    let err = mosquitto_pub(port, MqttVersion::V5, "x", "y", &[])
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("failed"), "{err:#}");
}
