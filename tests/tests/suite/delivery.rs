//! Delivery: QoS 0/1/2 in both directions, ordering (with rumqttc too), DUP
//! redelivery on session resumption, retained messages, message expiry.

use crate::common;

use common::*;
use rumqttc::v5::mqttbytes::v5::Packet as P5;
use std::time::Duration;

#[tokio::test]
async fn qos_0_1_2_both_directions_v5_and_v311() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    for v5_sub in [true, false] {
        let mut sub = if v5_sub {
            v5(addr, "q-sub").await
        } else {
            v3(addr, "q-sub").await
        };
        assert_eq!(sub.subscribe(1, &[("q/#", 2)]).await, vec![2]);
        for v5_pub in [true, false] {
            let mut publ = if v5_pub {
                v5(addr, "q-pub").await
            } else {
                v3(addr, "q-pub").await
            };
            for qos in 0..=2u8 {
                let topic = format!("q/{qos}");
                publ.send(&publish(
                    v5_pub,
                    &topic,
                    [qos],
                    qos,
                    false,
                    10 + u16::from(qos),
                    &[],
                ))
                .await;
                match qos {
                    1 => assert_eq!(publ.expect(kind::PUBACK).await.ack(), (11, 0)),
                    2 => {
                        assert_eq!(publ.expect(kind::PUBREC).await.ack(), (12, 0));
                        publ.send(&ack(0x62, 12)).await;
                        assert_eq!(publ.expect(kind::PUBCOMP).await.ack().0, 12);
                    }
                    _ => {}
                }
                let p = sub.recv_publish_ack().await;
                assert_eq!(
                    (p.topic.as_str(), p.qos, p.payload),
                    (&topic[..], qos, vec![qos])
                );
            }
        }
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn qos2_duplicate_publish_before_pubrel_is_delivered_once() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut sub = v5(addr, "q2-sub").await;
    sub.subscribe(1, &[("q2/t", 2)]).await;
    let mut publ = v5(addr, "q2-pub").await;
    publ.send(&publish(true, "q2/t", "x", 2, false, 5, &[]))
        .await;
    publ.expect(kind::PUBREC).await;
    // Resent with DUP: must not be delivered a second time [MQTT-4.3.3-10].
    let mut dup = publish(true, "q2/t", "x", 2, false, 5, &[]);
    dup[0] |= 0x08;
    publ.send(&dup).await;
    publ.expect(kind::PUBREC).await;
    publ.send(&ack(0x62, 5)).await;
    publ.expect(kind::PUBCOMP).await;
    sub.recv_publish_ack().await;
    // A second copy would have been routed before the sentinel.
    publ.publish_sentinel("q2/t").await;
    sub.expect_sentinel("q2/t").await;
    broker.shutdown().await;
}

#[tokio::test]
async fn two_hundred_qos1_messages_arrive_in_order_with_rumqttc_v5() {
    use rumqttc::v5::{mqttbytes::QoS, AsyncClient, Event, MqttOptions};
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut opts = MqttOptions::new("order-v5", addr.ip().to_string(), addr.port());
    opts.set_keep_alive(Duration::from_secs(30));
    let (client, mut events) = AsyncClient::new(opts, 300);
    client
        .subscribe("order/v5", QoS::AtLeastOnce)
        .await
        .unwrap();
    let mut received = Vec::new();
    let mut published = false;
    tokio::time::timeout(Duration::from_secs(10), async {
        while received.len() < 200 {
            match events.poll().await.expect("event loop") {
                Event::Incoming(P5::SubAck(_)) if !published => {
                    published = true;
                    for i in 0..200u32 {
                        client
                            .publish(
                                "order/v5",
                                QoS::AtLeastOnce,
                                false,
                                i.to_be_bytes().to_vec(),
                            )
                            .await
                            .unwrap();
                    }
                }
                Event::Incoming(P5::Publish(p)) => {
                    received.push(u32::from_be_bytes(p.payload[..].try_into().unwrap()));
                }
                _ => {}
            }
        }
    })
    .await
    .expect("200 messages in time");
    assert_eq!(received, (0..200).collect::<Vec<_>>());
    broker.shutdown().await;
}

#[tokio::test]
async fn two_hundred_qos1_messages_arrive_in_order_with_rumqttc_v311() {
    use rumqttc::{AsyncClient, Event, MqttOptions, Packet, QoS};
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut opts = MqttOptions::new("order-v4", addr.ip().to_string(), addr.port());
    opts.set_keep_alive(Duration::from_secs(30));
    let (client, mut events) = AsyncClient::new(opts, 300);
    client
        .subscribe("order/v4", QoS::AtLeastOnce)
        .await
        .unwrap();
    let mut received = Vec::new();
    let mut published = false;
    tokio::time::timeout(Duration::from_secs(10), async {
        while received.len() < 200 {
            match events.poll().await.expect("event loop") {
                Event::Incoming(Packet::SubAck(_)) if !published => {
                    published = true;
                    for i in 0..200u32 {
                        client
                            .publish(
                                "order/v4",
                                QoS::AtLeastOnce,
                                false,
                                i.to_be_bytes().to_vec(),
                            )
                            .await
                            .unwrap();
                    }
                }
                Event::Incoming(Packet::Publish(p)) => {
                    received.push(u32::from_be_bytes(p.payload[..].try_into().unwrap()));
                }
                _ => {}
            }
        }
    })
    .await
    .expect("200 messages in time");
    assert_eq!(received, (0..200).collect::<Vec<_>>());
    broker.shutdown().await;
}

#[tokio::test]
async fn unacknowledged_message_is_redelivered_with_dup_on_resumption() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let persistent = Connect::v5("dup-sub")
        .clean(false)
        .props(prop::session_expiry(60));
    let (mut sub, connack) = Raw::connected(addr, &persistent).await;
    assert!(!connack.session_present);
    sub.subscribe(1, &[("dup/t", 1)]).await;
    let mut publ = v5(addr, "dup-pub").await;
    publ.send(&publish(true, "dup/t", "once", 1, false, 1, &[]))
        .await;
    publ.expect(kind::PUBACK).await;
    let first = sub.expect_publish().await;
    assert!(!first.dup);
    drop(sub); // read, never acknowledged
    let (mut sub, connack) = Raw::connected(addr, &persistent).await;
    assert!(connack.session_present);
    let again = sub.expect_publish().await;
    assert!(again.dup, "redelivery carries DUP=1");
    assert_eq!(
        (again.packet_id, again.payload),
        (first.packet_id, b"once".to_vec())
    );
    sub.send(&ack(0x40, again.packet_id)).await;
    // No second copy: whatever the resumed session held went out after CONNACK.
    sub.expect_nothing_pending().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn retained_set_replace_delete() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut publ = v5(addr, "ret-pub").await;
    publ.send(&publish(true, "ret/a", "one", 0, true, 0, &[]))
        .await;
    publ.send(&publish(true, "ret/a", "two", 0, true, 0, &[]))
        .await;
    publ.send(&publish(true, "ret/b", "bee", 1, true, 1, &[]))
        .await;
    publ.expect(kind::PUBACK).await;
    let mut s = v5(addr, "ret-sub1").await;
    s.subscribe(1, &[("ret/+", 1)]).await;
    let mut got = [s.recv_publish_ack().await, s.recv_publish_ack().await];
    got.sort_by(|a, b| a.topic.cmp(&b.topic));
    assert!(got.iter().all(|p| p.retain));
    assert_eq!(got[0].payload, b"two");
    assert_eq!(got[1].payload, b"bee");
    // A live message on a subscribed topic has RETAIN=0 (no Retain As Published).
    publ.send(&publish(true, "ret/a", "", 1, true, 2, &[]))
        .await;
    publ.expect(kind::PUBACK).await;
    let live = s.recv_publish_ack().await;
    assert!(!live.retain && live.payload.is_empty());
    let mut s2 = v5(addr, "ret-sub2").await;
    s2.subscribe(1, &[("ret/+", 1)]).await;
    let only = s2.recv_publish_ack().await;
    assert_eq!(
        only.topic, "ret/b",
        "ret/a was deleted by the empty payload"
    );
    // Retained messages are queued with the SUBSCRIBE, before its SUBACK.
    s2.expect_nothing_pending().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn retained_message_expires() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut publ = v5(addr, "exp-pub").await;
    publ.send(&publish(
        true,
        "exp/r",
        "brief",
        1,
        true,
        1,
        &prop::message_expiry(1),
    ))
    .await;
    publ.expect(kind::PUBACK).await;
    let mut s = v5(addr, "exp-sub1").await;
    s.subscribe(1, &[("exp/r", 1)]).await;
    let p = s.recv_publish_ack().await;
    assert!(p.props.int(0x02).is_some_and(|left| left <= 1));
    tokio::time::sleep(Duration::from_millis(1100)).await; // let it expire
    let mut s2 = v5(addr, "exp-sub2").await;
    s2.subscribe(1, &[("exp/r", 1)]).await;
    // Retained messages are queued with the SUBSCRIBE, before its SUBACK.
    s2.expect_nothing_pending().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn queued_message_expires_while_offline_and_remaining_expiry_is_forwarded() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let persistent = Connect::v5("exp-offline")
        .clean(false)
        .props(prop::session_expiry(60));
    let (mut sub, _) = Raw::connected(addr, &persistent).await;
    sub.subscribe(1, &[("exp/q/#", 1)]).await;
    sub.send(&disconnect_v5(0, &[])).await;
    sub.expect_closed().await;
    let mut publ = v5(addr, "exp-pub2").await;
    publ.send(&publish(
        true,
        "exp/q/short",
        "s",
        1,
        false,
        1,
        &prop::message_expiry(1),
    ))
    .await;
    publ.send(&publish(
        true,
        "exp/q/long",
        "l",
        1,
        false,
        2,
        &prop::message_expiry(100),
    ))
    .await;
    publ.expect(kind::PUBACK).await;
    publ.expect(kind::PUBACK).await;
    tokio::time::sleep(Duration::from_millis(1100)).await; // let the short one expire
    let (mut sub, connack) = Raw::connected(addr, &persistent).await;
    assert!(connack.session_present);
    let p = sub.recv_publish_ack().await;
    assert_eq!(p.topic, "exp/q/long");
    let left = p
        .props
        .int(0x02)
        .expect("Message Expiry Interval forwarded");
    assert!((98..100).contains(&left), "remaining expiry {left}");
    // The short one was queued first: it would have come before the long one,
    // and whatever the resumed session held went out after CONNACK.
    sub.expect_nothing_pending().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn publish_properties_are_forwarded_unchanged_and_in_order() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut sub = v5(addr, "props-sub").await;
    sub.subscribe(1, &[("props/t", 1)]).await;
    let mut publ = v5(addr, "props-pub").await;
    let mut props = prop::byte(0x01, 1);
    props.extend(prop::str(0x03, "text/plain"));
    props.extend(prop::user("b", "2"));
    props.extend(prop::str(0x08, "reply/here"));
    props.extend(prop::user("a", "1"));
    props.extend(prop::str(0x09, [0u8, 1, 2, 255]));
    props.extend(prop::user("b", "3"));
    publ.send(&publish(true, "props/t", "héllo", 1, false, 1, &props))
        .await;
    publ.expect(kind::PUBACK).await;
    let p = sub.recv_publish_ack().await;
    assert_eq!(p.props.int(0x01), Some(1));
    assert_eq!(p.props.str(0x03), Some("text/plain"));
    assert_eq!(p.props.str(0x08), Some("reply/here"));
    assert_eq!(p.props.get(0x09), Some(&PVal::Bin(vec![0, 1, 2, 255])));
    let users: Vec<&PVal> = p
        .props
        .0
        .iter()
        .filter(|(i, _)| *i == 0x26)
        .map(|(_, v)| v)
        .collect();
    assert_eq!(
        users,
        [("b", "2"), ("a", "1"), ("b", "3")]
            .iter()
            .map(|(k, v)| PVal::Pair(k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
            .iter()
            .collect::<Vec<_>>()
    );
    broker.shutdown().await;
}

#[tokio::test]
async fn invalid_utf8_payload_with_format_indicator_is_refused_with_0x99() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut sub = v5(addr, "pfi-sub").await;
    sub.subscribe(1, &[("pfi/t", 1)]).await;
    let mut publ = v5(addr, "pfi-pub").await;
    publ.send(&publish(
        true,
        "pfi/t",
        [0xFF, 0xFE],
        1,
        false,
        3,
        &prop::byte(0x01, 1),
    ))
    .await;
    assert_eq!(publ.expect(kind::PUBACK).await.ack(), (3, 0x99));
    publ.publish_sentinel("pfi/t").await;
    sub.expect_sentinel("pfi/t").await;
    broker.shutdown().await;
}
