//! Sessions: clean start, session expiry, subscriptions and queued messages
//! surviving reconnects, the bounded offline queue.

use crate::common;

use common::*;
use std::net::SocketAddr;
use std::time::Duration;

fn persistent(id: &str, expiry: u32) -> Connect {
    Connect::v5(id)
        .clean(false)
        .props(prop::session_expiry(expiry))
}

/// Connects with `connect`, subscribes to `filter` at QoS 1 and leaves with DISCONNECT 0x00.
async fn subscribe_and_leave(addr: SocketAddr, connect: &Connect, filter: &str) {
    let (mut c, _) = Raw::connected(addr, connect).await;
    c.subscribe(1, &[(filter, 1)]).await;
    c.send(&disconnect_v5(0, &[])).await;
    c.expect_closed().await;
}

async fn publish_qos1(addr: SocketAddr, topic: &str, payloads: &[&str]) {
    let mut publ = v5(addr, "sess-publisher").await;
    for (i, p) in payloads.iter().enumerate() {
        publ.send(&publish(true, topic, p, 1, false, i as u16 + 1, &[]))
            .await;
        publ.expect(kind::PUBACK).await;
    }
}

#[tokio::test]
async fn subscriptions_and_queued_messages_survive_a_reconnect_v5() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (mut c, connack) = Raw::connected(addr, &persistent("keep5", 60)).await;
    assert!(!connack.session_present);
    c.subscribe(1, &[("keep/t", 1)]).await;
    c.send(&disconnect_v5(0, &[])).await;
    c.expect_closed().await;
    publish_qos1(addr, "keep/t", &["a", "b", "c"]).await;
    let (mut c, connack) = Raw::connected(addr, &persistent("keep5", 60)).await;
    assert!(connack.session_present);
    for want in ["a", "b", "c"] {
        assert_eq!(c.recv_publish_ack().await.payload, want.as_bytes());
    }
    // The subscription is still there for live messages.
    publish_qos1(addr, "keep/t", &["live"]).await;
    assert_eq!(c.recv_publish_ack().await.payload, b"live");
    broker.shutdown().await;
}

#[tokio::test]
async fn subscriptions_and_queued_messages_survive_a_reconnect_v311() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (mut c, connack) = Raw::connected(addr, &Connect::v3("keep3").clean(false)).await;
    assert!(!connack.session_present);
    c.subscribe(1, &[("keep3/t", 1)]).await;
    c.send(&[0xE0, 0]).await;
    c.expect_closed().await;
    publish_qos1(addr, "keep3/t", &["x", "y"]).await;
    let (mut c, connack) = Raw::connected(addr, &Connect::v3("keep3").clean(false)).await;
    assert!(connack.session_present);
    assert_eq!(c.recv_publish_ack().await.payload, b"x");
    assert_eq!(c.recv_publish_ack().await.payload, b"y");
    broker.shutdown().await;
}

#[tokio::test]
async fn clean_start_discards_the_session() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    subscribe_and_leave(addr, &persistent("fresh", 60), "fresh/t").await;
    publish_qos1(addr, "fresh/t", &["queued"]).await;
    let clean = Connect::v5("fresh").props(prop::session_expiry(60));
    let (mut c, connack) = Raw::connected(addr, &clean).await;
    assert!(!connack.session_present);
    c.expect_nothing().await;
    publish_qos1(addr, "fresh/t", &["live"]).await;
    c.expect_nothing().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn session_expiry_zero_ends_the_session_with_the_connection() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    subscribe_and_leave(addr, &Connect::v5("gone").clean(false), "gone/t").await;
    let (_c, connack) = Raw::connected(addr, &Connect::v5("gone").clean(false)).await;
    assert!(!connack.session_present);
    broker.shutdown().await;
}

#[tokio::test]
async fn session_expires_after_its_interval() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    subscribe_and_leave(addr, &persistent("brief", 1), "brief/t").await;
    tokio::time::sleep(Duration::from_millis(1300)).await; // let the session expire
    let (_c, connack) = Raw::connected(addr, &persistent("brief", 1)).await;
    assert!(!connack.session_present);
    broker.shutdown().await;
}

#[tokio::test]
async fn offline_queue_overflow_ends_the_session() {
    let broker = start_with(|c| c.sessions.max_offline_messages = 3).await;
    let addr = broker.mqtt_addr();
    subscribe_and_leave(addr, &persistent("overflow", 60), "of/t").await;
    publish_qos1(addr, "of/t", &["1", "2", "3"]).await;
    let (mut c, connack) = Raw::connected(addr, &persistent("overflow", 60)).await;
    assert!(connack.session_present, "three messages fit");
    for want in ["1", "2", "3"] {
        assert_eq!(c.recv_publish_ack().await.payload, want.as_bytes());
    }
    c.send(&disconnect_v5(0, &[])).await;
    c.expect_closed().await;
    publish_qos1(addr, "of/t", &["1", "2", "3", "4"]).await;
    let (mut c, connack) = Raw::connected(addr, &persistent("overflow", 60)).await;
    assert!(
        !connack.session_present,
        "the fourth message ended the session"
    );
    c.expect_nothing().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn disconnect_may_not_raise_a_zero_session_expiry() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = v5(addr, "raise").await;
    c.send(&disconnect_v5(0, &prop::session_expiry(30))).await;
    c.expect_disconnect(0x82).await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn disconnect_can_change_the_session_expiry() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (mut c, _) = Raw::connected(addr, &persistent("shorten", 60)).await;
    c.subscribe(1, &[("shorten/t", 1)]).await;
    c.send(&disconnect_v5(0, &prop::session_expiry(0))).await;
    c.expect_closed().await;
    let (_c, connack) = Raw::connected(addr, &persistent("shorten", 60)).await;
    assert!(!connack.session_present);
    broker.shutdown().await;
}

#[tokio::test]
async fn a_connected_subscriber_that_stops_acking_overflows_with_0x97() {
    let broker = start_with(|c| c.sessions.max_online_messages = 3).await;
    let addr = broker.mqtt_addr();
    // Receive Maximum 1 (0x21): one message in flight, the rest wait in the queue.
    let connect = persistent("slow", 60).props(prop::u16(0x21, 1));
    let (mut slow, _) = Raw::connected(addr, &connect).await;
    slow.subscribe(1, &[("slow/t", 1)]).await;
    // 1 in flight + 3 queued fit; the fifth QoS 1 message overflows the queue.
    publish_qos1(addr, "slow/t", &["1", "2", "3", "4", "5"]).await;
    let first = slow.expect_publish().await;
    assert_eq!(first.payload, b"1");
    slow.expect_disconnect(0x97).await;
    // The overflow ended the session (Event Grid's SessionOverflow).
    let (_again, connack) = Raw::connected(addr, &persistent("slow", 60)).await;
    assert!(!connack.session_present);
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn offline_queue_is_bounded_in_bytes_too() {
    let broker = start_with(|c| c.sessions.max_offline_bytes = 10).await;
    let addr = broker.mqtt_addr();
    subscribe_and_leave(addr, &persistent("bytes", 60), "by/t").await;
    // 5 + 5 bytes fit in 10; one byte more ends the session.
    publish_qos1(addr, "by/t", &["aaaaa", "bbbbb", "c"]).await;
    let (mut c, connack) = Raw::connected(addr, &persistent("bytes", 60)).await;
    assert!(
        !connack.session_present,
        "the eleventh byte ended the session"
    );
    c.expect_nothing().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn v311_persistent_sessions_expire_after_the_configured_interval() {
    let broker = start_with(|c| c.sessions.v3_session_expiry_secs = 1).await;
    let addr = broker.mqtt_addr();
    let connect = Connect::v3("v3-brief").clean(false);
    let (mut c, _) = Raw::connected(addr, &connect).await;
    c.subscribe(1, &[("v3brief/t", 1)]).await;
    c.send(&[0xE0, 0x00]).await; // DISCONNECT
    c.expect_closed().await;
    let (mut c, connack) = Raw::connected(addr, &connect).await;
    assert!(connack.session_present, "kept right after the disconnect");
    c.send(&[0xE0, 0x00]).await;
    c.expect_closed().await;
    tokio::time::sleep(Duration::from_millis(1300)).await; // let the session expire
    let (_c, connack) = Raw::connected(addr, &connect).await;
    assert!(
        !connack.session_present,
        "gone after v3_session_expiry_secs"
    );
    broker.shutdown().await;
}

/// Receives QoS 1 PUBLISHes (acknowledging them) until nothing more comes.
async fn drain_payloads(c: &mut Raw) -> Vec<String> {
    let mut got = Vec::new();
    while let Ok(Some(frame)) = c.recv_within(QUIET).await {
        assert_eq!(frame.kind(), kind::PUBLISH, "{frame:?}");
        let p = frame.publish(true);
        c.send(&ack(0x40, p.packet_id)).await;
        got.push(String::from_utf8(p.payload).unwrap());
    }
    got
}

#[tokio::test]
async fn a_shared_group_prefers_online_members_and_queues_for_offline_ones() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let member = |id: &str| persistent(id, 60);
    let filter = "$share/g/shared/offline";
    subscribe_and_leave(addr, &member("member-a"), filter).await;
    let (mut b, _) = Raw::connected(addr, &member("member-b")).await;
    b.subscribe(1, &[(filter, 1)]).await;
    publish_qos1(addr, "shared/offline", &["1", "2", "3", "4"]).await;
    assert_eq!(
        drain_payloads(&mut b).await,
        ["1", "2", "3", "4"],
        "the online member gets every message"
    );
    b.send(&disconnect_v5(0, &[])).await;
    b.expect_closed().await;

    // With every member offline, each message is queued for exactly one of them.
    publish_qos1(addr, "shared/offline", &["5", "6", "7"]).await;
    let (mut a, connack) = Raw::connected(addr, &member("member-a")).await;
    assert!(connack.session_present);
    let (mut b, _) = Raw::connected(addr, &member("member-b")).await;
    let mut got = drain_payloads(&mut a).await;
    got.extend(drain_payloads(&mut b).await);
    got.sort();
    assert_eq!(got, ["5", "6", "7"], "no loss, no duplicates");
    broker.shutdown().await;
}
