//! Rules of the spec a hostile or faulty client may break that the protocol
//! library does not check for us: CONNECT flags, packet identifier 0, a
//! client-sent Subscription Identifier, AUTH from an MQTT 3.1.1 client, and keep
//! alive limits. Each must close the connection (MQTT 5: with the spec's reason
//! code) and leave the broker serving everyone else.

use crate::common;

use common::*;
use std::time::{Duration, Instant};

/// An encoded CONNECT with its Connect Flags byte changed by `change`.
fn connect_with_flags(connect: &Connect, change: impl FnOnce(u8) -> u8) -> Vec<u8> {
    let mut bytes = connect.encode();
    // Fixed header, remaining length, protocol name (6), protocol level (1).
    let vbi_len = bytes[1..].iter().position(|b| b & 0x80 == 0).unwrap() + 1;
    let at = 1 + vbi_len + 7;
    bytes[at] = change(bytes[at]);
    bytes
}

/// Sends `bytes` as the first packet and asserts the connection is refused: the
/// socket closes, after at most a CONNACK with `v5_code` (MQTT 5) or no CONNACK
/// at all (MQTT 3.1.1, where there is no return code for a malformed packet).
async fn assert_connect_refused(addr: std::net::SocketAddr, v5: bool, bytes: &[u8], v5_code: u8) {
    let mut c = Raw::open(addr).await;
    c.send(bytes).await;
    match c.recv().await {
        None => {}
        Some(f) if v5 && f.kind() == kind::CONNACK => {
            assert_eq!(f.connack(true).code, v5_code, "{f:?}");
            c.expect_closed().await;
        }
        Some(f) => panic!("expected the socket to close, got {f:?}"),
    }
}

#[tokio::test]
async fn connect_with_the_reserved_flag_set_is_refused() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    // [MQTT-3.1.2-3]: the reserved flag (bit 0) must be 0, else the packet is malformed.
    for v5 in [true, false] {
        let connect = if v5 {
            Connect::v5("reserved-flag")
        } else {
            Connect::v3("reserved-flag")
        };
        let bytes = connect_with_flags(&connect, |f| f | 0x01);
        assert_connect_refused(addr, v5, &bytes, 0x81).await;
    }
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn will_qos_3_and_will_bits_without_a_will_are_refused() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let will = Will {
        topic: "will/t".into(),
        payload: b"gone".to_vec(),
        ..Will::default()
    };
    for v5 in [true, false] {
        let connect = if v5 {
            Connect::v5("will-bits")
        } else {
            Connect::v3("will-bits")
        };
        let with_will = connect.clone().will(will.clone());
        // [MQTT-3.1.2-12] (3.1.1: [MQTT-3.1.2-14]): Will QoS 3 is malformed.
        let bytes = connect_with_flags(&with_will, |f| f | 0x18);
        assert_connect_refused(addr, v5, &bytes, 0x81).await;
        // [MQTT-3.1.2-11] (3.1.1: [MQTT-3.1.2-13]): Will QoS must be 0 without a will.
        let bytes = connect_with_flags(&connect, |f| f | 0x08);
        assert_connect_refused(addr, v5, &bytes, 0x81).await;
        // [MQTT-3.1.2-13] (3.1.1: [MQTT-3.1.2-15]): Will Retain must be 0 without a will.
        let bytes = connect_with_flags(&connect, |f| f | 0x20);
        assert_connect_refused(addr, v5, &bytes, 0x81).await;
    }
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

/// MQTT 5: DISCONNECT with a Malformed Packet or Protocol Error code, then close;
/// MQTT 3.1.1: close.
async fn assert_violation_closes(c: &mut Raw) {
    let code = c.expect_end().await;
    if c.v5 {
        assert!(
            matches!(code, Some(0x81 | 0x82)),
            "DISCONNECT 0x81/0x82 expected, got {code:?}"
        );
    } else {
        assert_eq!(code, None, "no DISCONNECT to a 3.1.1 client");
    }
}

#[tokio::test]
async fn packet_identifier_zero_is_refused() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut watcher = v5(addr, "pid0-watch").await;
    watcher.subscribe(1, &[("pid0/#", 0)]).await;
    // [MQTT-2.2.1-3]: QoS 1/2 PUBLISH, SUBSCRIBE and UNSUBSCRIBE need a non-zero
    // packet identifier.
    for v5_client in [true, false] {
        for qos in [1, 2] {
            let mut c = if v5_client {
                v5(addr, "pid0-pub").await
            } else {
                v3(addr, "pid0-pub").await
            };
            c.send(&publish(v5_client, "pid0/t", "x", qos, false, 0, &[]))
                .await;
            assert_violation_closes(&mut c).await;
        }
        let mut c = if v5_client {
            v5(addr, "pid0-sub").await
        } else {
            v3(addr, "pid0-sub").await
        };
        let sub = if v5_client {
            subscribe_v5(0, &[("pid0/x", 0)], None)
        } else {
            subscribe_v3(0, &[("pid0/x", 0)])
        };
        c.send(&sub).await;
        assert_violation_closes(&mut c).await;
        let mut c = if v5_client {
            v5(addr, "pid0-unsub").await
        } else {
            v3(addr, "pid0-unsub").await
        };
        c.send(&unsubscribe(v5_client, 0, &["pid0/x"])).await;
        assert_violation_closes(&mut c).await;
    }
    // Had a PUBLISH been routed, that happened before its connection closed.
    watcher.expect_nothing_pending().await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn subscription_identifier_in_a_client_publish_is_a_protocol_error() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut watcher = v5(addr, "subid-watch").await;
    watcher.subscribe(1, &[("subid/#", 0)]).await;
    // [MQTT-3.3.4-6]: a PUBLISH from a client MUST NOT contain a Subscription Identifier.
    for qos in [0, 1] {
        let mut c = v5(addr, &format!("subid-pub{qos}")).await;
        let props = prop::var(0x0B, 7);
        c.send(&publish(
            true,
            "subid/t",
            "x",
            qos,
            false,
            u16::from(qos),
            &props,
        ))
        .await;
        c.expect_disconnect(0x82).await;
    }
    // Had a PUBLISH been routed, that happened before its connection closed.
    watcher.expect_nothing_pending().await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn auth_from_a_3_1_1_client_closes_the_connection() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    // Packet type 15 is reserved in MQTT 3.1.1 [MQTT-2.2.1]: a client must not send it.
    let mut c = v3(addr, "auth3").await;
    c.send(&auth_v5(0x19, &[])).await;
    c.expect_closed().await;
    // The same with an empty AUTH (no reason code, no properties).
    let mut c = v3(addr, "auth3-empty").await;
    c.send(&[0xF0, 0x00]).await;
    c.expect_closed().await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

/// Waits for the broker to close `c` without the client sending anything;
/// returns how long that took.
async fn idle_until_closed(c: &mut Raw) -> Duration {
    let started = Instant::now();
    let code = c.expect_end().await;
    if !c.v5 {
        assert_eq!(code, None);
    }
    started.elapsed()
}

#[tokio::test]
async fn max_keep_alive_applies_to_3_1_1_clients_too() {
    let broker = start_with(|c| c.mqtt.max_keep_alive_secs = 1).await;
    let addr = broker.mqtt_addr();
    // Keep alive 0 (none) and 5 (above the maximum of 1): both are held to the
    // maximum, so 1.5 s of silence ends the connection [MQTT-3.1.2-24].
    for keep_alive in [0, 5] {
        let (mut c, _) = Raw::connected(addr, &Connect::v3("ka3").keep_alive(keep_alive)).await;
        let took = idle_until_closed(&mut c).await;
        assert!(took >= Duration::from_millis(1400), "closed after {took:?}");
    }
    // A 3.1.1 client within the maximum that keeps talking stays.
    let (mut c, _) = Raw::connected(addr, &Connect::v3("ka3-ok").keep_alive(1)).await;
    for _ in 0..3 {
        c.send(&[0xC0, 0x00]).await;
        assert_eq!(c.expect(kind::PINGRESP).await.kind(), kind::PINGRESP);
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn server_keep_alive_is_enforced_for_mqtt5_clients() {
    let broker = start_with(|c| c.mqtt.max_keep_alive_secs = 1).await;
    let addr = broker.mqtt_addr();
    for keep_alive in [0, 5] {
        let (mut c, connack) =
            Raw::connected(addr, &Connect::v5("ka5").keep_alive(keep_alive)).await;
        // [MQTT-3.2.2-21]: the client must use the Server Keep Alive.
        assert_eq!(connack.props.int(0x13), Some(1));
        let took = idle_until_closed(&mut c).await;
        assert!(took >= Duration::from_millis(1400), "closed after {took:?}");
    }
    broker.shutdown().await;
}
