//! Will messages: when they are sent, when not, and the Will Delay Interval.

use crate::common;

use common::*;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

fn will(topic: &str, payload: &str) -> Will {
    Will {
        topic: topic.into(),
        payload: payload.into(),
        ..Will::default()
    }
}

async fn watcher(addr: SocketAddr, id: &str, topic: &str) -> Raw {
    let mut w = v5(addr, id).await;
    assert_eq!(w.subscribe(1, &[(topic, 1)]).await, vec![1]);
    w
}

#[tokio::test]
async fn no_will_after_normal_disconnect() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut w = watcher(addr, "w-normal", "will/normal").await;
    let (mut c, _) = Raw::connected(
        addr,
        &Connect::v5("c-normal").will(will("will/normal", "x")),
    )
    .await;
    c.send(&disconnect_v5(0x00, &[])).await;
    c.expect_closed().await;
    let (mut c3, _) = Raw::connected(
        addr,
        &Connect::v3("c-normal3").will(will("will/normal", "y")),
    )
    .await;
    c3.send(&[0xE0, 0]).await;
    c3.expect_closed().await;
    // A will is published before its connection's socket is closed.
    w.expect_nothing_pending().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn will_after_disconnect_with_will_message() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut w = watcher(addr, "w-04", "will/04").await;
    let (mut c, _) = Raw::connected(addr, &Connect::v5("c-04").will(will("will/04", "bye"))).await;
    c.send(&disconnect_v5(0x04, &[])).await;
    c.expect_closed().await;
    assert_eq!(w.recv_publish_ack().await.payload, b"bye");
    broker.shutdown().await;
}

#[tokio::test]
async fn will_after_socket_drop_v5_and_v311() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut w = watcher(addr, "w-drop", "will/drop").await;
    let (c, _) = Raw::connected(addr, &Connect::v5("c-drop").will(will("will/drop", "5"))).await;
    drop(c);
    assert_eq!(w.recv_publish_ack().await.payload, b"5");
    let (c, _) = Raw::connected(addr, &Connect::v3("c-drop3").will(will("will/drop", "3"))).await;
    drop(c);
    assert_eq!(w.recv_publish_ack().await.payload, b"3");
    broker.shutdown().await;
}

#[tokio::test]
async fn will_after_protocol_error() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut w = watcher(addr, "w-err", "will/err").await;
    let (mut c, _) = Raw::connected(addr, &Connect::v5("c-err").will(will("will/err", "e"))).await;
    c.send(&publish(true, "bad/+", "x", 0, false, 0, &[])).await;
    c.expect_disconnect(0x90).await;
    assert_eq!(w.recv_publish_ack().await.payload, b"e");
    broker.shutdown().await;
}

#[tokio::test]
async fn will_after_take_over() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut w = watcher(addr, "w-take", "will/take").await;
    let (mut c, _) =
        Raw::connected(addr, &Connect::v5("c-take").will(will("will/take", "t"))).await;
    let _new = v5(addr, "c-take").await;
    c.expect_disconnect(0x8E).await;
    assert_eq!(w.recv_publish_ack().await.payload, b"t");
    broker.shutdown().await;
}

#[tokio::test]
async fn retained_will_is_retained() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut retained = will("will/ret", "r");
    retained.retain = true;
    retained.qos = 1;
    let (c, _) = Raw::connected(addr, &Connect::v5("c-ret").will(retained)).await;
    // Watch live first so we know when the will went out.
    let mut w = watcher(addr, "w-ret", "will/ret").await;
    drop(c);
    w.recv_publish_ack().await;
    let mut late = v5(addr, "w-ret-late").await;
    late.subscribe(1, &[("will/ret", 1)]).await;
    let p = late.recv_publish_ack().await;
    assert!(p.retain);
    assert_eq!(p.payload, b"r");
    broker.shutdown().await;
}

fn delayed(id: &str, topic: &str) -> Connect {
    let mut w = will(topic, "late");
    w.props = prop::u32(0x18, 1);
    Connect::v5(id)
        .clean(false)
        .props(prop::session_expiry(10))
        .will(w)
}

#[tokio::test]
async fn delayed_will_is_sent_after_the_delay() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut w = watcher(addr, "w-delay", "will/delay").await;
    let (c, _) = Raw::connected(addr, &delayed("c-delay", "will/delay")).await;
    let dropped = Instant::now();
    drop(c);
    // Not early: the lower bound below (a timer never fires early).
    assert_eq!(w.recv_publish_ack().await.payload, b"late");
    let waited = dropped.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "sent after {waited:?}"
    );
    broker.shutdown().await;
}

#[tokio::test]
async fn delayed_will_is_not_sent_when_the_client_reconnects_in_time() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut w = watcher(addr, "w-back", "will/back").await;
    let (mut c, _) = Raw::connected(addr, &delayed("c-back", "will/back")).await;
    c.send(&disconnect_v5(0x04, &[])).await;
    c.expect_closed().await;
    let (_c, connack) = Raw::connected(addr, &delayed("c-back", "will/back")).await;
    assert!(connack.session_present);
    // The sentinel: another client's will on the same topic, delayed 2 s from
    // a later disconnect, so due at least a second after c-back's first will
    // would have been (1 s after c-back's DISCONNECT). Timers never fire early,
    // so that will would come first unless the broker stood still for a second.
    let mut sentinel = will("will/back", "sentinel");
    sentinel.props = prop::u32(0x18, 2);
    let connect = Connect::v5("c-back-sentinel")
        .clean(false)
        .props(prop::session_expiry(10))
        .will(sentinel);
    let (mut s, _) = Raw::connected(addr, &connect).await;
    s.send(&disconnect_v5(0x04, &[])).await;
    s.expect_closed().await;
    let p = w.recv_publish_ack().await;
    assert_eq!(p.payload, b"sentinel", "c-back's will came: {p:?}");
    broker.shutdown().await;
}
