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
    // The old session's queue would have gone out right after CONNACK.
    c.expect_nothing_pending().await;
    // Nor is the old subscription there: a live message on its topic does not
    // come before a sentinel on a new one, published after it.
    assert_eq!(c.subscribe(1, &[("fresh/sentinel", 1)]).await, vec![1]);
    let mut publ = v5(addr, "fresh-publisher").await;
    publ.send(&publish(true, "fresh/t", "live", 1, false, 1, &[]))
        .await;
    publ.expect(kind::PUBACK).await;
    publ.publish_sentinel("fresh/sentinel").await;
    c.expect_sentinel("fresh/sentinel").await;
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

/// How many sessions have expired so far, from `/metrics`
/// (`mqtt_dropped_sessions_total{drop_reason="SessionExpiry"}`): it shows the
/// expiry without reconnecting, which would resume the session instead.
async fn expired_sessions(broker: &tern::Broker) -> f64 {
    let url = format!("http://{}/metrics", broker.http_addr());
    let (status, _, body) = http_get(&url, None).await;
    assert_eq!(status, 200, "{body}");
    let scrape = prometheus_parse::Scrape::parse(body.lines().map(|l| Ok(l.to_owned())))
        .expect("parses as Prometheus text");
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == "mqtt_dropped_sessions_total")
        .filter(|s| s.labels.get("drop_reason") == Some("SessionExpiry"))
        .map(|s| match s.value {
            prometheus_parse::Value::Counter(v) | prometheus_parse::Value::Untyped(v) => v,
            _ => panic!("mqtt_dropped_sessions_total is not a counter"),
        })
        .sum()
}

#[tokio::test]
async fn session_expires_after_its_interval() {
    // Long enough that a reconnect at once is safely within the interval.
    const EXPIRY_SECS: u32 = 3;
    let expiry = Duration::from_secs(u64::from(EXPIRY_SECS));
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let connect = persistent("brief", EXPIRY_SECS);
    subscribe_and_leave(addr, &connect, "brief/t").await;
    publish_qos1(addr, "brief/t", &["queued"]).await;

    // Within the interval: the session is resumed with its queue and its subscription.
    let (mut c, connack) = Raw::connected(addr, &connect).await;
    assert!(connack.session_present, "resumed within the interval");
    assert_eq!(c.recv_publish_ack().await.payload, b"queued");
    publish_qos1(addr, "brief/t", &["live"]).await;
    assert_eq!(c.recv_publish_ack().await.payload, b"live");

    // Leaving again starts the interval over; this time it runs out.
    let left = std::time::Instant::now();
    c.send(&disconnect_v5(0, &[])).await;
    c.expect_closed().await;
    publish_qos1(addr, "brief/t", &["lost"]).await;
    poll_within("the session to expire", expiry + WAIT, || async {
        (expired_sessions(&broker).await >= 1.0).then_some(())
    })
    .await;
    assert!(
        left.elapsed() >= expiry,
        "expired after {:?}, before its interval",
        left.elapsed()
    );
    let (mut c, connack) = Raw::connected(addr, &connect).await;
    assert!(!connack.session_present, "gone after the interval");
    // With the session went its queue.
    c.expect_nothing_pending().await;
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
    // The old session's queue would have gone out right after CONNACK.
    c.expect_nothing_pending().await;
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
    // The old session's queue would have gone out right after CONNACK.
    c.expect_nothing_pending().await;
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

/// The payloads of every PUBLISH on its way to `c` (acknowledged): messages
/// whose publisher got its PUBACK, or that a resumed session held at CONNACK.
async fn drain_payloads(c: &mut Raw) -> Vec<String> {
    c.pending_publishes()
        .await
        .into_iter()
        .map(|p| String::from_utf8(p.payload).unwrap())
        .collect()
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
