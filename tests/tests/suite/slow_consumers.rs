//! Clients that stop reading: the broker never waits on them forever and never
//! holds unbounded memory for them. A connection blocked writing to such a
//! client still obeys take-over and shutdown, and is closed (its will
//! published) once it could write nothing for the write time-out.

use crate::common;

use common::*;
use std::time::Duration;

/// Enough QoS 0 traffic to fill the kernel's socket buffers on loopback many
/// times over, so the broker's writes to a client that reads nothing block.
const FLOOD_MESSAGES: usize = 400;
const FLOOD_PAYLOAD: usize = 64 * 1024;

/// A client that subscribes to `flood/#` with a will on `status/{id}`, then
/// never reads again.
async fn stuck_subscriber(addr: std::net::SocketAddr, id: &str) -> Raw {
    let will = Will {
        topic: format!("status/{id}"),
        payload: b"gone".to_vec(),
        qos: 1,
        ..Will::default()
    };
    let connect = Connect::v5(id)
        .keep_alive(0)
        .clean(false)
        .props(prop::session_expiry(600))
        .will(will);
    let (mut raw, _) = Raw::connected(addr, &connect).await;
    assert_eq!(raw.subscribe(1, &[("flood/#", 0)]).await, vec![0]);
    raw
}

async fn observer(addr: std::net::SocketAddr) -> Raw {
    let mut raw = v5(addr, "observer").await;
    assert_eq!(raw.subscribe(1, &[("status/#", 1)]).await, vec![1]);
    raw
}

/// Publishes the flood at QoS 0 and proves the publisher is still served.
async fn flood(addr: std::net::SocketAddr) {
    let mut publisher = v5(addr, "flooder").await;
    let payload = vec![b'x'; FLOOD_PAYLOAD];
    for _ in 0..FLOOD_MESSAGES {
        publisher
            .send(&publish(true, "flood/x", &payload, 0, false, 0, &[]))
            .await;
    }
    publisher.send(&[0xC0, 0x00]).await;
    let pong = publisher
        .recv_within(Duration::from_secs(30))
        .await
        .expect("the publisher is answered while a subscriber is stuck")
        .expect("PINGRESP, not a closed socket");
    assert_eq!(pong.kind(), kind::PINGRESP);
}

/// The will of `id`, within `within`.
async fn expect_will(observer: &mut Raw, id: &str, within: Duration) {
    let frame = observer
        .recv_within(within)
        .await
        .unwrap_or_else(|_| panic!("{id}'s will within {within:?}"))
        .expect("a PUBLISH, not a closed socket");
    let will = frame.publish(true);
    assert_eq!(will.topic, format!("status/{id}"));
    observer.send(&ack(0x40, will.packet_id)).await;
}

#[tokio::test]
async fn a_subscriber_that_stops_reading_is_closed_after_the_write_timeout() {
    let broker = start_with(|c| {
        c.listeners.write_timeout_secs = 1;
        c.sessions.max_online_bytes = 1024 * 1024;
    })
    .await;
    let addr = broker.mqtt_addr();
    let mut watch = observer(addr).await;
    let _stuck = stuck_subscriber(addr, "stuck").await;
    flood(addr).await;
    // Closed within the 1 s write time-out (plus room for a busy machine).
    expect_will(&mut watch, "stuck", Duration::from_secs(1) + WAIT).await;
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn a_connection_blocked_writing_still_obeys_take_over_and_shutdown() {
    // A write time-out far beyond the test: only the take-over can end it.
    let broker = start_with(|c| c.listeners.write_timeout_secs = 600).await;
    let addr = broker.mqtt_addr();
    let mut watch = observer(addr).await;
    let _stuck = stuck_subscriber(addr, "blocked").await;
    flood(addr).await;
    let connect = Connect::v5("blocked")
        .clean(false)
        .props(prop::session_expiry(600));
    let (_new, connack) = Raw::connected(addr, &connect).await;
    assert!(connack.session_present);
    expect_will(&mut watch, "blocked", WAIT).await;

    // Another blocked connection does not hold up shutdown.
    let _stuck = stuck_subscriber(addr, "blocked-2").await;
    flood(addr).await;
    tokio::time::timeout(WAIT, broker.shutdown())
        .await
        .expect("shutdown in time despite a client that reads nothing");
}
