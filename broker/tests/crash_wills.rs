//! A delayed will survives the broker: a client with a Will Delay Interval
//! drops off, the broker is killed (SIGKILL) before the delay is over, and
//! after the restart the will still reaches the persistent subscriber that
//! waits for it [MQTT-3.1.3-9].
//!
//! `tern run --open` is a child process; the clients are rumqttc (MQTT 5).

mod crash_support;

use crash_support::{Tern, STEP};
use rumqttc::v5::mqttbytes::v5::{ConnectProperties, LastWill, LastWillProperties, Packet};
use rumqttc::v5::mqttbytes::QoS;
use rumqttc::v5::{AsyncClient, Event, EventLoop, MqttOptions};

/// The device's Will Delay Interval: longer than the kill and restart take.
const WILL_DELAY_SECS: u32 = 3;

fn options(port: u16, id: &str) -> MqttOptions {
    let mut options = MqttOptions::new(id, "127.0.0.1", port);
    options.set_clean_start(false);
    options.set_connect_properties(ConnectProperties {
        session_expiry_interval: Some(3600),
        ..Default::default()
    });
    options
}

/// Polls `events` (bounded by [`STEP`]) until `want` accepts a packet.
async fn until(events: &mut EventLoop, what: &str, mut want: impl FnMut(&Packet) -> bool) {
    let found = async {
        loop {
            match events.poll().await {
                Ok(Event::Incoming(packet)) if want(&packet) => return,
                Ok(_) => {}
                Err(e) => panic!("{what}: the connection failed: {e}"),
            }
        }
    };
    tokio::time::timeout(STEP, found)
        .await
        .unwrap_or_else(|_| panic!("{what}: not within {STEP:?}"));
}

fn is_publish_on(packet: &Packet, topic: &str) -> bool {
    matches!(packet, Packet::Publish(p) if p.topic == topic.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delayed_will_is_published_after_the_broker_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("tern.toml");
    std::fs::write(&config, "").unwrap();
    let data = dir.path().join("data");
    let tern = Tern::start(&config, &data, None).await;

    // The watcher: a persistent session waiting for the will, and for the
    // broker's life-cycle event that says the device is gone.
    let (watcher, mut watching) = AsyncClient::new(options(tern.port, "watcher"), 10);
    for filter in [
        "wills/device",
        "$events/clients/device/disconnected",
        "sync/#",
    ] {
        watcher.subscribe(filter, QoS::AtLeastOnce).await.unwrap();
    }
    let mut subacks = 0;
    until(&mut watching, "the watcher's SUBACKs", |p| {
        subacks += usize::from(matches!(p, Packet::SubAck(_)));
        subacks == 3
    })
    .await;

    // The device: a will delayed by WILL_DELAY_SECS, then the connection
    // drops without DISCONNECT.
    let mut device = options(tern.port, "device");
    device.set_last_will(LastWill::new(
        "wills/device",
        "device lost",
        QoS::AtLeastOnce,
        false,
        Some(LastWillProperties {
            delay_interval: Some(WILL_DELAY_SECS),
            payload_format_indicator: None,
            message_expiry_interval: None,
            content_type: None,
            response_topic: None,
            correlation_data: None,
            user_properties: Vec::new(),
        }),
    ));
    let (device, mut device_events) = AsyncClient::new(device, 10);
    until(&mut device_events, "the device's CONNACK", |p| {
        matches!(p, Packet::ConnAck(_))
    })
    .await;
    drop((device, device_events));
    until(&mut watching, "the device's disconnected event", |p| {
        is_publish_on(p, "$events/clients/device/disconnected")
    })
    .await;
    // The broker recorded the waiting will before that event; a PUBACK for
    // a message queued for the watcher's session after it means the record
    // is on disk too (the journal is written in order).
    watcher
        .publish("sync/1", QoS::AtLeastOnce, false, "sync")
        .await
        .unwrap();
    until(&mut watching, "the sync message's PUBACK", |p| {
        matches!(p, Packet::PubAck(_))
    })
    .await;
    drop((watcher, watching));
    tern.kill().await;

    let tern = Tern::start(&config, &data, None).await;
    let (_watcher, mut watching) = AsyncClient::new(options(tern.port, "watcher"), 10);
    until(&mut watching, "the will after the restart", |p| {
        is_publish_on(p, "wills/device")
    })
    .await;
    tern.kill().await;
}
