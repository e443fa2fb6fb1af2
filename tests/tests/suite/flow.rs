//! Flow control and exactly-once across reconnects: the client's Receive Maximum,
//! PUBREL redelivery on resumption, and incoming QoS 2 state kept in the session.

use crate::common;

use common::*;

fn persistent(id: &str) -> Connect {
    Connect::v5(id).clean(false).props(prop::session_expiry(60))
}

#[tokio::test]
async fn broker_respects_the_clients_receive_maximum() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (mut sub, _) = Raw::connected(addr, &Connect::v5("rm-sub").props(prop::u16(0x21, 2))).await;
    sub.subscribe(1, &[("rm/t", 1)]).await;
    let mut publ = v5(addr, "rm-pub").await;
    for i in 1..=5u16 {
        publ.send(&publish(true, "rm/t", i.to_string(), 1, false, i, &[]))
            .await;
        publ.expect(kind::PUBACK).await;
    }
    let a = sub.expect_publish().await;
    let b = sub.expect_publish().await;
    // Two in flight: no third, though all five are queued (every PUBACK came).
    sub.expect_nothing_pending().await;
    sub.send(&ack(0x40, a.packet_id)).await;
    assert_eq!(sub.expect_publish().await.payload, b"3");
    sub.expect_nothing_pending().await;
    sub.send(&ack(0x40, b.packet_id)).await;
    assert_eq!(sub.recv_publish_ack().await.payload, b"4");
    assert_eq!(sub.recv_publish_ack().await.payload, b"5");
    broker.shutdown().await;
}

#[tokio::test]
async fn pubrel_is_resent_on_resumption_and_the_message_not_redelivered() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (mut sub, _) = Raw::connected(addr, &persistent("rel-sub")).await;
    sub.subscribe(1, &[("rel/t", 2)]).await;
    let mut publ = v5(addr, "rel-pub").await;
    publ.send(&publish(true, "rel/t", "x", 2, false, 1, &[]))
        .await;
    publ.expect(kind::PUBREC).await;
    publ.send(&ack(0x62, 1)).await;
    publ.expect(kind::PUBCOMP).await;
    let p = sub.expect_publish().await;
    sub.send(&ack(0x50, p.packet_id)).await;
    assert_eq!(sub.expect(kind::PUBREL).await.ack().0, p.packet_id);
    sub.send(&disconnect_v5(0, &[])).await;
    sub.expect_closed().await;
    // Resumed with a Receive Maximum of 1, which the resent PUBREL fills.
    let resume = Connect::v5("rel-sub")
        .clean(false)
        .props([prop::session_expiry(60), prop::u16(0x21, 1)].concat());
    let (mut sub, connack) = Raw::connected(addr, &resume).await;
    assert!(connack.session_present);
    assert_eq!(sub.expect(kind::PUBREL).await.ack().0, p.packet_id);
    // Not redelivered: whatever the resumed session held went out after CONNACK.
    sub.expect_nothing_pending().await;
    publ.send(&publish(true, "rel/t", "next", 1, false, 2, &[]))
        .await;
    publ.expect(kind::PUBACK).await;
    // The resumed exchange counts toward Receive Maximum [MQTT-4.9.0-2]:
    // nothing more until its PUBCOMP.
    sub.expect_nothing_pending().await;
    sub.send(&ack(0x70, p.packet_id)).await;
    // The PUBCOMP frees the slot (and the count of messages in flight does
    // not go below zero: vendor patch 4).
    assert_eq!(sub.recv_publish_ack().await.payload, b"next");
    broker.shutdown().await;
}

#[tokio::test]
async fn resent_messages_respect_the_new_receive_maximum() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (mut sub, _) = Raw::connected(addr, &persistent("rm-resume")).await;
    sub.subscribe(1, &[("rmr/t", 1)]).await;
    let mut publ = v5(addr, "rmr-pub").await;
    for i in 1..=4u16 {
        publ.send(&publish(true, "rmr/t", i.to_string(), 1, false, i, &[]))
            .await;
        publ.expect(kind::PUBACK).await;
    }
    // Four in flight, none acknowledged, when the connection ends.
    for _ in 1..=4 {
        sub.expect_publish().await;
    }
    sub.send(&disconnect_v5(0, &[])).await;
    sub.expect_closed().await;
    // Resumed with a Receive Maximum of 2: two are resent, the next two
    // only as acknowledgements free room [MQTT-4.9.0-2].
    let resume = Connect::v5("rm-resume")
        .clean(false)
        .props([prop::session_expiry(60), prop::u16(0x21, 2)].concat());
    let (mut sub, connack) = Raw::connected(addr, &resume).await;
    assert!(connack.session_present);
    let a = sub.expect_publish().await;
    let b = sub.expect_publish().await;
    assert_eq!((a.payload.as_slice(), a.dup), (&b"1"[..], true));
    assert_eq!(b.payload, b"2");
    sub.expect_nothing_pending().await;
    sub.send(&ack(0x40, a.packet_id)).await;
    let c = sub.expect_publish().await;
    assert_eq!((c.payload.as_slice(), c.dup), (&b"3"[..], true));
    sub.expect_nothing_pending().await;
    sub.send(&ack(0x40, b.packet_id)).await;
    assert_eq!(sub.expect_publish().await.payload, b"4");
    broker.shutdown().await;
}

#[tokio::test]
async fn incoming_qos2_is_delivered_once_across_a_reconnect() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut sub = v5(addr, "once-sub").await;
    sub.subscribe(1, &[("once/t", 2)]).await;
    let (mut publ, _) = Raw::connected(addr, &persistent("once-pub")).await;
    publ.send(&publish(true, "once/t", "x", 2, false, 9, &[]))
        .await;
    assert_eq!(publ.expect(kind::PUBREC).await.ack(), (9, 0));
    sub.recv_publish_ack().await;
    publ.send(&disconnect_v5(0, &[])).await;
    publ.expect_closed().await;
    let (mut publ, connack) = Raw::connected(addr, &persistent("once-pub")).await;
    assert!(connack.session_present);
    let mut dup = publish(true, "once/t", "x", 2, false, 9, &[]);
    dup[0] |= 0x08;
    publ.send(&dup).await;
    assert_eq!(publ.expect(kind::PUBREC).await.ack().0, 9);
    publ.send(&ack(0x62, 9)).await;
    assert_eq!(publ.expect(kind::PUBCOMP).await.ack().0, 9);
    // The duplicate, had it been routed again, would come before the sentinel.
    publ.publish_sentinel("once/t").await;
    sub.expect_sentinel("once/t").await;
    broker.shutdown().await;
}

#[tokio::test]
async fn v311_clean_session_0_keeps_the_session() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (mut c, _) = Raw::connected(addr, &Connect::v3("v3keep").clean(false)).await;
    c.subscribe(1, &[("v3keep/t", 2)]).await;
    drop(c);
    let mut publ = v5(addr, "v3keep-pub").await;
    // The dropped socket may still be noticed after this publish: either way the
    // message must reach the resumed session.
    publ.send(&publish(true, "v3keep/t", "q", 2, false, 1, &[]))
        .await;
    publ.expect(kind::PUBREC).await;
    publ.send(&ack(0x62, 1)).await;
    publ.expect(kind::PUBCOMP).await;
    let (mut c, connack) = Raw::connected(addr, &Connect::v3("v3keep").clean(false)).await;
    assert!(connack.session_present);
    let p = c.recv_publish_ack().await;
    assert_eq!((p.qos, p.payload), (2, b"q".to_vec()));
    broker.shutdown().await;
}

/// Publishes `count` QoS 1 messages `0..count` to `topic` with at most `window`
/// unacknowledged, and checks every PUBACK is a success.
async fn publish_windowed(publ: &mut Raw, topic: &str, count: u16, window: u16) {
    let mut acked = 0u16;
    let mut sent = 0u16;
    while acked < count {
        if sent < count && sent - acked < window {
            sent += 1;
            publ.send(&publish(true, topic, sent.to_string(), 1, false, sent, &[]))
                .await;
            continue;
        }
        let frame = publ.expect(kind::PUBACK).await;
        assert_eq!(frame.ack().1, 0, "PUBACK {frame:?}");
        acked += 1;
    }
}

/// Spawns a subscriber that acknowledges every PUBLISH and returns the payloads it
/// got until `count` arrived (or the socket closed, or nothing came within WAIT).
fn collect(mut sub: Raw, count: usize) -> tokio::task::JoinHandle<(Vec<String>, Option<u8>)> {
    tokio::spawn(async move {
        let mut got = Vec::new();
        while got.len() < count {
            match sub.recv_within(WAIT).await {
                Ok(Some(frame)) if frame.kind() == kind::PUBLISH => {
                    let p = frame.publish(true);
                    sub.send(&ack(0x40, p.packet_id)).await;
                    got.push(String::from_utf8(p.payload).expect("utf-8"));
                }
                Ok(Some(frame)) if frame.kind() == kind::DISCONNECT => {
                    return (got, Some(frame.disconnect_code()));
                }
                Ok(Some(_)) => {}
                Ok(None) | Err(()) => break,
            }
        }
        (got, None)
    })
}

#[tokio::test]
async fn a_slower_subscriber_slows_its_publisher_instead_of_overflowing() {
    // The queue limit is far below what the publisher sends; without flow control the
    // publisher (50 in flight) outruns the subscriber (5 in flight) and the queue
    // overflows (DISCONNECT 0x97). The stall time is long enough never to apply here.
    let broker = start_with(|c| {
        c.sessions.max_online_messages = 400;
        c.sessions.subscriber_stall_ms = 60_000;
    })
    .await;
    let addr = broker.mqtt_addr();
    let (mut sub, _) = Raw::connected(addr, &Connect::v5("fc-sub").props(prop::u16(0x21, 5))).await;
    sub.subscribe(1, &[("fc/t", 1)]).await;
    const COUNT: u16 = 4000;
    let subscriber = collect(sub, usize::from(COUNT));
    let mut publ = v5(addr, "fc-pub").await;
    publish_windowed(&mut publ, "fc/t", COUNT, 50).await;
    let (got, disconnect) = subscriber.await.expect("subscriber task");
    assert_eq!(disconnect, None, "the subscriber was not disconnected");
    let want: Vec<String> = (1..=COUNT).map(|n| n.to_string()).collect();
    assert!(
        got == want,
        "all {COUNT} messages, in order; got {}",
        got.len()
    );
    broker.shutdown().await;
}

#[tokio::test]
async fn a_stalled_subscriber_holds_its_publishers_back_only_briefly() {
    // Room enough that the healthy subscriber never comes near its limit even if
    // a busy machine starves it for a while; the stalled one overflows it.
    let broker = start_with(|c| {
        c.sessions.max_online_messages = 100;
        c.sessions.subscriber_stall_ms = 1000;
    })
    .await;
    let addr = broker.mqtt_addr();
    // Receive Maximum 1 and never acknowledges: it takes nothing after the first message.
    let (mut stalled, _) =
        Raw::connected(addr, &Connect::v5("st-stalled").props(prop::u16(0x21, 1))).await;
    stalled.subscribe(1, &[("st/t", 1)]).await;
    let (mut healthy, _) = Raw::connected(addr, &Connect::v5("st-healthy")).await;
    healthy.subscribe(1, &[("st/t", 1)]).await;
    const COUNT: u16 = 300;
    let healthy = collect(healthy, usize::from(COUNT));
    let mut publ = v5(addr, "st-pub").await;
    // Every PUBACK arrives (within WAIT each): the stalled subscriber stopped holding
    // the publisher back once it was seen making no progress.
    publish_windowed(&mut publ, "st/t", COUNT, 20).await;
    let (got, disconnect) = healthy.await.expect("healthy subscriber task");
    assert_eq!(disconnect, None);
    assert_eq!(
        got.len(),
        usize::from(COUNT),
        "the healthy subscriber got everything"
    );
    // The stalled one's queue limit applied: its session ended with 0x97.
    assert_eq!(stalled.expect_publish().await.payload, b"1");
    stalled.expect_disconnect(0x97).await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}
