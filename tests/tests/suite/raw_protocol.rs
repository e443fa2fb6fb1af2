//! Bad and limit-breaking input over raw sockets: garbage, truncated and malformed
//! packets, protocol violations, topic aliases, Receive Maximum and Maximum Packet
//! Size. After each, the broker must keep serving other clients.

use crate::common;

use common::*;

#[tokio::test]
async fn garbage_before_connect_closes_the_socket() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = Raw::open(addr).await;
    c.send(&[0xFF; 64]).await;
    c.expect_end().await;
    let mut c = Raw::open(addr).await;
    c.send(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").await;
    c.expect_end().await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn first_packet_other_than_connect_closes_the_socket() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = Raw::open(addr).await;
    c.send(&subscribe_v3(1, &[("a", 0)])).await;
    c.expect_end().await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn truncated_packets_do_not_hurt_the_broker() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    // Half a CONNECT, then the socket goes away.
    let connect = Connect::v5("half").encode();
    let mut c = Raw::open(addr).await;
    c.send(&connect[..connect.len() / 2]).await;
    drop(c);
    // Half a PUBLISH after a good CONNECT, then the socket goes away.
    let mut c = v5(addr, "half-pub").await;
    let p = publish(true, "t/half", [7u8; 100], 1, false, 1, &[]);
    c.send(&p[..50]).await;
    drop(c);
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn wrong_remaining_length_is_refused() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    // A CONNECT whose remaining length is shorter than its content.
    let mut connect = Connect::v3("short-len").encode();
    connect[1] -= 4;
    let mut c = Raw::open(addr).await;
    c.send(&connect).await;
    c.expect_end().await;
    // A PUBLISH whose remaining length is too short to hold its topic.
    let mut c = v5(addr, "short-pub").await;
    c.send(&[0x30, 3, 0, 10, b'a']).await;
    assert!(c.expect_end().await.is_none_or(|code| code >= 0x80));
    // A remaining length of five bytes (at most four are allowed).
    let mut c = v5(addr, "long-vbi").await;
    c.send(&[0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]).await;
    assert!(c.expect_end().await.is_none_or(|code| code >= 0x80));
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn reserved_packet_type_and_bad_flags_close_the_connection() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = v5(addr, "reserved").await;
    c.send(&[0x00, 0x00]).await;
    c.expect_disconnect(0x81).await;
    let mut c = v3(addr, "reserved3").await;
    c.send(&[0x00, 0x00]).await;
    c.expect_closed().await;
    // PUBREL with flags 0 instead of 2.
    let mut c = v5(addr, "pubrelflags").await;
    c.send(&ack(0x60, 1)).await;
    c.expect_disconnect(0x81).await;
    // PUBLISH with QoS 3.
    let mut c = v3(addr, "qos3").await;
    let mut p = publish(false, "t", "x", 1, false, 1, &[]);
    p[0] |= 0x06;
    c.send(&p).await;
    c.expect_end().await;
    // SUBSCRIBE with flags 0 instead of 2.
    let mut c = v5(addr, "subflags").await;
    let mut s = subscribe_v5(1, &[("t", 0)], None);
    s[0] = 0x80;
    c.send(&s).await;
    c.expect_disconnect(0x81).await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn wildcard_in_publish_topic_is_refused() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut sub = v5(addr, "wc-watch").await;
    sub.subscribe(1, &[("#", 0)]).await;
    let mut c = v5(addr, "wc5").await;
    c.send(&publish(true, "a/#", "x", 0, false, 0, &[])).await;
    c.expect_disconnect(0x90).await;
    let mut c = v3(addr, "wc3").await;
    c.send(&publish(false, "a/+/b", "x", 1, false, 1, &[]))
        .await;
    c.expect_end().await;
    // Had either PUBLISH been routed, that happened before its connection closed.
    sub.expect_nothing_pending().await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn invalid_utf8_topic_closes_the_connection() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = v5(addr, "badutf5").await;
    c.send(&publish(true, "a/\u{0}", "x", 0, false, 0, &[]))
        .await;
    assert!(c.expect_end().await.is_none_or(|code| code >= 0x80));
    let mut body = mstr([b'a', 0xC3, 0x28]);
    body.push(0);
    body.extend_from_slice(b"x");
    let mut c = v5(addr, "badutf5b").await;
    c.send(&packet(0x30, &body)).await;
    assert!(c.expect_end().await.is_none_or(|code| code >= 0x80));
    let mut c = v3(addr, "badutf3").await;
    c.send(&packet(0x30, &body[..body.len() - 2])).await;
    c.expect_end().await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn second_connect_is_a_protocol_error() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = v5(addr, "twice").await;
    c.send(&Connect::v5("twice").encode()).await;
    c.expect_disconnect(0x82).await;
    let mut c = v3(addr, "twice3").await;
    c.send(&Connect::v3("twice3").encode()).await;
    c.expect_end().await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn topic_alias_from_the_client_is_resolved() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut sub = v3(addr, "alias-sub").await;
    sub.subscribe(1, &[("alias/#", 1)]).await;
    let mut c = v5(addr, "alias-pub").await;
    c.send(&publish(
        true,
        "alias/t",
        "1",
        1,
        false,
        1,
        &prop::u16(0x23, 3),
    ))
    .await;
    c.send(&publish(true, "", "2", 1, false, 2, &prop::u16(0x23, 3)))
        .await;
    // Re-mapping an alias to another topic.
    c.send(&publish(
        true,
        "alias/u",
        "3",
        1,
        false,
        3,
        &prop::u16(0x23, 3),
    ))
    .await;
    c.send(&publish(true, "", "4", 1, false, 4, &prop::u16(0x23, 3)))
        .await;
    for want in [
        ("alias/t", "1"),
        ("alias/t", "2"),
        ("alias/u", "3"),
        ("alias/u", "4"),
    ] {
        let p = sub.recv_publish_ack().await;
        assert_eq!(
            (p.topic.as_str(), p.payload.as_slice()),
            (want.0, want.1.as_bytes())
        );
    }
    for id in 1..=4 {
        assert_eq!(c.expect(kind::PUBACK).await.ack(), (id, 0));
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn topic_alias_out_of_range_or_unknown_is_refused() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = v5(addr, "alias-big").await;
    c.send(&publish(
        true,
        "a/t",
        "x",
        0,
        false,
        0,
        &prop::u16(0x23, 11),
    ))
    .await;
    c.expect_disconnect(0x94).await;
    // A Topic Alias of 0 is Topic Alias invalid [MQTT-3.3.2-8].
    let mut c = v5(addr, "alias-zero").await;
    c.send(&publish(true, "a/t", "x", 1, false, 1, &prop::u16(0x23, 0)))
        .await;
    c.expect_disconnect(0x94).await;
    let mut c = v5(addr, "alias-unknown").await;
    c.send(&publish(true, "", "x", 0, false, 0, &prop::u16(0x23, 5)))
        .await;
    assert!(c.expect_end().await.is_some_and(|code| code >= 0x80));
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn more_unacknowledged_qos2_than_receive_maximum_is_refused() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = v5(addr, "flood").await;
    let mut bytes = Vec::new();
    for id in 1..=101u16 {
        bytes.extend(publish(true, "flood/t", "x", 2, false, id, &[]));
    }
    c.send(&bytes).await;
    for id in 1..=100u16 {
        let f = c.expect(kind::PUBREC).await;
        assert_eq!(f.ack(), (id, 0));
    }
    c.expect_disconnect(0x93).await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn packet_larger_than_the_maximum_is_refused() {
    let broker = start_with(|c| c.mqtt.max_packet_size = 1024).await;
    let addr = broker.mqtt_addr();
    let (_, connack) = Raw::connected(addr, &Connect::v5("probe")).await;
    assert_eq!(connack.props.int(0x27), Some(1024));
    let mut c = v5(addr, "too-big").await;
    c.send(&publish(true, "big/t", vec![0u8; 2000], 0, false, 0, &[]))
        .await;
    c.expect_disconnect(0x95).await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn message_larger_than_a_subscribers_maximum_is_dropped_for_that_subscriber_only() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (mut small, _) =
        Raw::connected(addr, &Connect::v5("small").props(prop::u32(0x27, 100))).await;
    small.subscribe(1, &[("mps/t", 1)]).await;
    let mut big = v5(addr, "big").await;
    big.subscribe(1, &[("mps/t", 1)]).await;
    let mut publ = v5(addr, "mps-pub").await;
    publ.send(&publish(true, "mps/t", vec![1u8; 500], 1, false, 1, &[]))
        .await;
    publ.send(&publish(true, "mps/t", "tiny", 1, false, 2, &[]))
        .await;
    assert_eq!(big.recv_publish_ack().await.payload.len(), 500);
    assert_eq!(big.recv_publish_ack().await.payload, b"tiny");
    assert_eq!(small.recv_publish_ack().await.payload, b"tiny");
    publ.publish_sentinel("mps/t").await;
    small.expect_sentinel("mps/t").await;
    broker.shutdown().await;
}

/// A client that accepts no topic aliases from the broker (Topic Alias Maximum 0 in
/// CONNECT, [MQTT-3.1.2-26]/[MQTT-3.3.2-9]) is served, and gets topic names.
/// mqtt-protocol-core 0.7.9 panicked on it (vendor/mqtt-protocol-core/PATCHES.md).
#[tokio::test]
async fn topic_alias_maximum_zero_from_the_client_is_accepted() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let connect = Connect::v5("tam-zero").props(prop::u16(0x22, 0));
    let (mut c, connack) = Raw::connect(addr, &connect).await;
    assert_eq!(connack.code, 0, "{connack:?}");
    assert_eq!(c.subscribe(1, &[("tam/zero", 1)]).await, vec![1]);
    for id in 1..=3u16 {
        c.send(&publish(true, "tam/zero", "x", 1, false, id, &[]))
            .await;
    }
    let mut acked = 0;
    let mut received = 0;
    while acked < 3 || received < 3 {
        let f = c.recv().await.expect("a packet, not a closed socket");
        match f.kind() {
            kind::PUBACK => acked += 1,
            kind::PUBLISH => {
                let p = f.publish(true);
                assert_eq!(p.topic, "tam/zero", "never an alias: {p:?}");
                assert_eq!(p.props.int(0x23), None, "no Topic Alias: {p:?}");
                c.send(&ack(0x40, p.packet_id)).await;
                received += 1;
            }
            _ => panic!("unexpected {f:?}"),
        }
    }
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

/// The largest Topic Alias Maximum a client can give (65535) works too: the
/// broker's aliases stay within it and the topic is sent with each new alias.
#[tokio::test]
async fn topic_alias_maximum_65535_from_the_client_is_accepted() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let connect = Connect::v5("tam-max").props(prop::u16(0x22, u16::MAX));
    let (mut c, connack) = Raw::connect(addr, &connect).await;
    assert_eq!(connack.code, 0, "{connack:?}");
    assert_eq!(c.subscribe(1, &[("tam/max/#", 0)]).await, vec![0]);
    let mut aliases = std::collections::HashMap::new();
    for round in 0..2 {
        for n in 0..3 {
            let topic = format!("tam/max/{n}");
            c.send(&publish(true, &topic, "x", 0, false, 0, &[])).await;
            let p = c.expect_publish().await;
            let alias = p.props.int(0x23).expect("an alias");
            assert!((1..=65535).contains(&alias));
            if round == 0 {
                assert_eq!(p.topic, topic);
                aliases.insert(alias, topic);
            } else {
                assert!(p.topic.is_empty() || p.topic == topic);
                assert_eq!(aliases.get(&alias), Some(&topic));
            }
        }
    }
    broker.shutdown().await;
}

/// Receive Maximum and Maximum Packet Size at their edges: 0 is a Protocol Error
/// (MQTT 5 §3.1.2.11.3, §3.1.2.11.4), refused without harm; 1 and 65535 work.
#[tokio::test]
async fn receive_maximum_and_maximum_packet_size_edges() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    for props in [prop::u16(0x21, 0), prop::u32(0x27, 0)] {
        let (mut c, connack) = Raw::connect(addr, &Connect::v5("edge-zero").props(props)).await;
        assert!(connack.code >= 0x80, "{connack:?}");
        c.expect_closed().await;
    }
    for receive_maximum in [1, u16::MAX] {
        let connect = Connect::v5("edge-rm").props(prop::u16(0x21, receive_maximum));
        let (mut c, _) = Raw::connected(addr, &connect).await;
        assert_eq!(c.subscribe(1, &[("edge/rm", 1)]).await, vec![1]);
        let mut publisher = v5(addr, "edge-pub").await;
        for id in 1..=3u16 {
            publisher
                .send(&publish(true, "edge/rm", "x", 1, false, id, &[]))
                .await;
        }
        for _ in 0..3 {
            c.recv_publish_ack().await;
        }
    }
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

/// A topic alias the broker adds must not push a PUBLISH over the client's
/// Maximum Packet Size [MQTT-3.1.2-24].
#[tokio::test]
async fn topic_alias_does_not_push_a_publish_over_the_clients_maximum() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let connect =
        Connect::v5("alias-mps").props([prop::u16(0x22, 10), prop::u32(0x27, 100)].concat());
    let (mut c, _) = Raw::connected(addr, &connect).await;
    assert_eq!(c.subscribe(1, &[("t/a", 0)]).await, vec![0]);
    let mut publisher = v5(addr, "alias-mps-pub").await;
    // 99 bytes on the wire without an alias: 1 + 1 + (2 + 3) + 1 + 91.
    publisher
        .send(&publish(true, "t/a", vec![1u8; 91], 0, false, 0, &[]))
        .await;
    publisher
        .send(&publish(true, "t/a", "small", 0, false, 0, &[]))
        .await;
    loop {
        let f = c.recv().await.expect("a packet");
        let size = 1 + vbi(f.body.len()).len() + f.body.len();
        assert!(
            size <= 100,
            "a {size}-byte packet to a client that accepts 100: {f:?}"
        );
        if f.publish(true).payload == b"small" {
            break;
        }
    }
    broker.shutdown().await;
}
