//! CONNECT/CONNACK, session take-over, connect timeout, keep alive and graceful
//! shutdown, over raw sockets.

use crate::common;

use common::*;
use std::time::{Duration, Instant};

#[tokio::test]
async fn v5_empty_client_id_gets_an_assigned_identifier() {
    let broker = start().await;
    let (_c, connack) = Raw::connected(broker.mqtt_addr(), &Connect::v5("")).await;
    let assigned = connack.props.str(0x12).expect("Assigned Client Identifier");
    assert!(!assigned.is_empty());
    // A named client gets none.
    let (_d, connack) = Raw::connected(broker.mqtt_addr(), &Connect::v5("named")).await;
    assert_eq!(connack.props.get(0x12), None);
    broker.shutdown().await;
}

#[tokio::test]
async fn server_keep_alive_replaces_zero_or_too_large_keep_alive() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    for (asked, expected) in [(0u16, Some(1160u32)), (2000, Some(1160)), (60, None)] {
        let id = format!("ka-{asked}");
        let (_c, connack) = Raw::connected(addr, &Connect::v5(&id).keep_alive(asked)).await;
        assert_eq!(connack.props.int(0x13), expected, "keep alive {asked}");
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn connack_announces_the_limits() {
    let broker = start().await;
    let (_c, connack) = Raw::connected(broker.mqtt_addr(), &Connect::v5("limits")).await;
    assert_eq!(connack.props.int(0x22), Some(10), "Topic Alias Maximum");
    assert_eq!(connack.props.int(0x21), Some(100), "Receive Maximum");
    assert_eq!(
        connack.props.int(0x27),
        Some(512 * 1024),
        "Maximum Packet Size"
    );
    assert!(!connack.session_present);
    broker.shutdown().await;
}

#[tokio::test]
async fn response_information_only_when_requested() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (_c, connack) =
        Raw::connected(addr, &Connect::v5("asker").props(prop::byte(0x19, 1))).await;
    assert_eq!(connack.props.str(0x1A), Some("responses/asker"));
    let (_d, connack) = Raw::connected(addr, &Connect::v5("silent")).await;
    assert_eq!(connack.props.get(0x1A), None);
    broker.shutdown().await;
}

#[tokio::test]
async fn v311_empty_client_id_needs_clean_session() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let (mut c, connack) = Raw::connect(addr, &Connect::v3("").clean(false)).await;
    assert_eq!(connack.code, 2, "identifier rejected");
    c.expect_closed().await;
    let (_d, connack) = Raw::connect(addr, &Connect::v3("")).await;
    assert_eq!(connack.code, 0, "empty id with clean session 1 is accepted");
    broker.shutdown().await;
}

#[tokio::test]
async fn session_take_over_disconnects_the_first_connection() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut first = v5(addr, "twin").await;
    let (mut second, _) = Raw::connected(addr, &Connect::v5("twin").clean(false)).await;
    first.expect_disconnect(0x8E).await;
    // The new connection works.
    assert_eq!(second.subscribe(1, &[("twin/t", 0)]).await, vec![0]);
    // A 3.1.1 connection taken over is just closed.
    let mut old = v3(addr, "twin3").await;
    let _new = v3(addr, "twin3").await;
    old.expect_closed().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn socket_without_connect_is_closed_after_the_connect_timeout() {
    let broker = start_with(|c| c.listeners.connect_timeout_secs = 1).await;
    let started = Instant::now();
    let mut c = Raw::open(broker.mqtt_addr()).await;
    c.expect_closed().await;
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "closed after {waited:?}"
    );
    assert_broker_serves(broker.mqtt_addr()).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn silent_client_is_disconnected_after_one_and_a_half_keep_alives_and_its_will_sent() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut watcher = v5(addr, "ka-watcher").await;
    assert_eq!(watcher.subscribe(1, &[("wills/ka", 0)]).await, vec![0]);
    let will = Will {
        topic: "wills/ka".into(),
        payload: b"gone".to_vec(),
        ..Will::default()
    };
    let started = Instant::now();
    let (mut silent, _) =
        Raw::connected(addr, &Connect::v5("ka-silent").keep_alive(1).will(will)).await;
    silent.expect_disconnect(0x8D).await;
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(1400) && waited < Duration::from_millis(3000),
        "disconnected after {waited:?}"
    );
    let p = watcher.expect_publish().await;
    assert_eq!(p.payload, b"gone");
    broker.shutdown().await;
}

#[tokio::test]
async fn pings_keep_a_connection_alive() {
    let broker = start().await;
    let (mut c, _) = Raw::connected(broker.mqtt_addr(), &Connect::v5("pinger").keep_alive(1)).await;
    for _ in 0..3 {
        c.send(&[0xC0, 0]).await;
        c.expect(kind::PINGRESP).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
    c.send(&[0xC0, 0]).await;
    c.expect(kind::PINGRESP).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn shutdown_sends_v5_clients_server_shutting_down() {
    let broker = start().await;
    let mut c5 = v5(broker.mqtt_addr(), "shut5").await;
    let mut c3 = v3(broker.mqtt_addr(), "shut3").await;
    tokio::time::timeout(WAIT, broker.shutdown())
        .await
        .expect("shutdown in time");
    c5.expect_disconnect(0x8B).await;
    c3.expect_closed().await;
}
