//! Persistence: a persistent session (subscription + queued QoS 1 message) and a
//! retained message survive a graceful restart on the same data directory.

use rumqttc::v5::mqttbytes::v5::Packet;
use rumqttc::v5::mqttbytes::QoS;
use rumqttc::v5::{AsyncClient, Event, EventLoop, MqttOptions};
use std::time::Duration;
use tern::{Broker, Config};
use tokio::time::timeout;

const STEP: Duration = Duration::from_secs(5);

fn options(id: &str, port: u16, clean: bool) -> MqttOptions {
    let mut o = MqttOptions::new(id, "127.0.0.1", port);
    o.set_clean_start(clean);
    o.set_connect_properties(rumqttc::v5::mqttbytes::v5::ConnectProperties {
        session_expiry_interval: Some(600),
        ..Default::default()
    });
    o.set_keep_alive(Duration::from_secs(30));
    o
}

/// Polls until `pred` matches a packet, returning it.
async fn next_matching(ev: &mut EventLoop, pred: impl Fn(&Packet) -> bool) -> Packet {
    timeout(STEP, async {
        loop {
            match ev.poll().await {
                Ok(Event::Incoming(p)) if pred(&p) => return p,
                Ok(_) => {}
                Err(e) => panic!("connection failed: {e}"),
            }
        }
    })
    .await
    .expect("expected packet in time")
}

fn config_in(dir: &std::path::Path, port: u16) -> Config {
    let mut config = Config::for_tests();
    config.storage.data_dir = Some(dir.to_path_buf());
    config.listeners.mqtt.set_port(port);
    config
}

#[tokio::test]
async fn sessions_and_retained_messages_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("tern-persist-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);

    let broker = Broker::start(config_in(&dir, 0)).await.unwrap();
    let port = broker.mqtt_addr().port();

    // A persistent subscriber subscribes, then goes away.
    let (sub, mut sub_ev) = AsyncClient::new(options("keeper", port, true), 10);
    next_matching(&mut sub_ev, |p| matches!(p, Packet::ConnAck(_))).await;
    sub.subscribe("persist/#", QoS::AtLeastOnce).await.unwrap();
    next_matching(&mut sub_ev, |p| matches!(p, Packet::SubAck(_))).await;
    sub.disconnect().await.unwrap();
    let _ = timeout(STEP, async { while sub_ev.poll().await.is_ok() {} }).await;

    // While it is offline: a QoS 1 message for it and a retained message.
    let (publ, mut pub_ev) = AsyncClient::new(options("writer", port, true), 10);
    next_matching(&mut pub_ev, |p| matches!(p, Packet::ConnAck(_))).await;
    publ.publish("persist/a", QoS::AtLeastOnce, false, "while-offline")
        .await
        .unwrap();
    next_matching(&mut pub_ev, |p| matches!(p, Packet::PubAck(_))).await;
    publ.publish("kept/topic", QoS::AtLeastOnce, true, "retained-value")
        .await
        .unwrap();
    next_matching(&mut pub_ev, |p| matches!(p, Packet::PubAck(_))).await;
    drop(publ);

    broker.shutdown().await;

    // Restart on the same store and port.
    let broker = Broker::start(config_in(&dir, port)).await.unwrap();
    let (sub, mut sub_ev) = AsyncClient::new(options("keeper", port, false), 10);
    let connack = next_matching(&mut sub_ev, |p| matches!(p, Packet::ConnAck(_))).await;
    let Packet::ConnAck(connack) = connack else {
        unreachable!()
    };
    assert!(connack.session_present, "the session was restored");
    let publish = next_matching(&mut sub_ev, |p| matches!(p, Packet::Publish(_))).await;
    let Packet::Publish(publish) = publish else {
        unreachable!()
    };
    assert_eq!(&publish.topic[..], b"persist/a");
    assert_eq!(&publish.payload[..], b"while-offline");

    sub.subscribe("kept/#", QoS::AtLeastOnce).await.unwrap();
    let retained = next_matching(&mut sub_ev, |p| matches!(p, Packet::Publish(_))).await;
    let Packet::Publish(retained) = retained else {
        unreachable!()
    };
    assert!(retained.retain);
    assert_eq!(&retained.payload[..], b"retained-value");

    broker.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
