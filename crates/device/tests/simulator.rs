//! End-to-end tests of the device simulator against a real Tern broker (open mode, loopback
//! sockets), with rumqttc v5 as the cloud application.

mod common;

use common::tap::{self, Tap};
use common::*;
use serde_json::json;
use tern_device::{spawn_device, CancellationToken, DeviceIds, Simulator, SimulatorConfig};

/// A fleet of `ids` on the broker at `addr`, as `tern demo` would start it.
fn fleet(addr: std::net::SocketAddr, ids: &[&str], shutdown: &CancellationToken) -> Simulator {
    let configs = ids.iter().map(|id| device_config(addr, id)).collect();
    Simulator::start_devices(configs, shutdown.clone()).expect("fleet starts")
}

#[tokio::test]
async fn devices_publish_retained_online_status() {
    let broker = start_broker().await;
    let shutdown = CancellationToken::new();
    let mut config = SimulatorConfig::new(broker_address(broker.mqtt_addr()));
    config.devices = DeviceIds::Count {
        count: 3,
        prefix: "sensor".into(),
    };
    let sim = Simulator::start(&config, shutdown.clone()).expect("fleet starts");
    assert_eq!(
        sim.devices().iter().map(|d| d.id()).collect::<Vec<_>>(),
        ["sensor1", "sensor2", "sensor3"]
    );
    wait_online(sim.devices()).await;

    // A cloud application subscribing now gets each status as a retained message.
    let mut cloud = Cloud::connect(broker.mqtt_addr(), "cloud-status").await;
    cloud.subscribe("clients/+/status").await;
    let mut seen = Vec::new();
    for _ in 0..3 {
        let p = cloud.next_publish().await;
        assert!(p.retain, "status must be retained: {p:?}");
        assert_eq!(&p.payload[..], b"online");
        seen.push(String::from_utf8(p.topic.to_vec()).unwrap());
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "clients/sensor1/status",
            "clients/sensor2/status",
            "clients/sensor3/status"
        ]
    );
    shutdown.cancel();
    sim.join().await.expect("devices stop");
    broker.shutdown().await;
}

#[tokio::test]
async fn desired_request_gets_the_merged_reported_state_with_its_correlation_data() {
    let broker = start_broker().await;
    let shutdown = CancellationToken::new();
    let sim = fleet(broker.mqtt_addr(), &["device1", "device2"], &shutdown);
    wait_online(sim.devices()).await;

    let mut cloud = Cloud::connect(broker.mqtt_addr(), "cloud-app").await;
    cloud.subscribe("cloud/responses").await;
    cloud.subscribe("devices/+/reported").await;

    cloud
        .request(
            "device2",
            r#"{"temp":22}"#,
            Some("cloud/responses"),
            "device2-tempupdate1",
        )
        .await;
    let r = Response::parse(&cloud.next_publish().await);
    assert_eq!(r.topic, "cloud/responses");
    assert_eq!(r.correlation, "device2-tempupdate1");
    assert_eq!(r.state, json!({"temp":22,"$version":1}));
    assert_eq!(r.firmware.as_deref(), Some("2.3.4"));
    assert_eq!(r.error, None);
    assert_eq!(r.content_type.as_deref(), Some("application/json"));
    assert_eq!(r.payload_format, Some(1));

    // The second request is merged into the first; without a Response Topic the answer goes
    // to devices/{id}/reported.
    cloud
        .request(
            "device2",
            r#"{"on":true,"mode":{"fan":"auto"}}"#,
            None,
            "device2-2",
        )
        .await;
    let r = Response::parse(&cloud.next_publish().await);
    assert_eq!(r.topic, "devices/device2/reported");
    assert_eq!(r.correlation, "device2-2");
    assert_eq!(
        r.state,
        json!({"temp":22,"on":true,"mode":{"fan":"auto"},"$version":2})
    );

    // device1 has its own state.
    cloud
        .request(
            "device1",
            r#"{"temp":18}"#,
            Some("cloud/responses"),
            "device1-1",
        )
        .await;
    let r = Response::parse(&cloud.next_publish().await);
    assert_eq!(r.correlation, "device1-1");
    assert_eq!(r.state, json!({"temp":18,"$version":1}));
    assert_eq!(sim.device("device2").unwrap().status().version, 2);

    shutdown.cancel();
    sim.join().await.expect("devices stop");
    broker.shutdown().await;
}

#[tokio::test]
async fn devices_answering_out_of_order_keep_their_correlation_data() {
    let broker = start_broker().await;
    let shutdown = CancellationToken::new();
    let sim = fleet(broker.mqtt_addr(), &["slow", "fast"], &shutdown);
    wait_online(sim.devices()).await;
    let slow = sim.device("slow").unwrap();

    let mut cloud = Cloud::connect(broker.mqtt_addr(), "cloud-app").await;
    cloud.subscribe("cloud/inbox").await;

    // "slow" is busy: its request is sent first but must be answered last.
    slow.hold_responses();
    cloud
        .request("slow", r#"{"who":"slow"}"#, Some("cloud/inbox"), "req-slow")
        .await;
    wait_status(slow, "holding the request", |s| s.held == 1).await;
    cloud
        .request("fast", r#"{"who":"fast"}"#, Some("cloud/inbox"), "req-fast")
        .await;

    let first = Response::parse(&cloud.next_publish().await);
    assert_eq!(first.correlation, "req-fast");
    assert_eq!(first.state, json!({"who":"fast","$version":1}));
    cloud.expect_nothing_on("cloud/inbox").await;
    assert_eq!(
        slow.status().version,
        0,
        "a held request is not applied yet"
    );
    slow.release_responses();
    let second = Response::parse(&cloud.next_publish().await);
    assert_eq!(second.correlation, "req-slow");
    assert_eq!(second.state, json!({"who":"slow","$version":1}));
    assert_eq!(slow.status().held, 0);

    shutdown.cancel();
    sim.join().await.expect("devices stop");
    broker.shutdown().await;
}

#[tokio::test]
async fn invalid_json_is_answered_with_an_error_and_an_unchanged_state() {
    let broker = start_broker().await;
    let shutdown = CancellationToken::new();
    let sim = fleet(broker.mqtt_addr(), &["d1"], &shutdown);
    wait_online(sim.devices()).await;

    let mut cloud = Cloud::connect(broker.mqtt_addr(), "cloud-app").await;
    cloud.subscribe("cloud/inbox").await;
    cloud
        .request("d1", r#"{"temp":20}"#, Some("cloud/inbox"), "ok-1")
        .await;
    let r = Response::parse(&cloud.next_publish().await);
    assert_eq!(r.state, json!({"temp":20,"$version":1}));

    for (i, (payload, expect)) in [
        ("{temp: 21", "not valid JSON"),
        ("[1,2]", "must be a JSON object"),
        (r#"{"$version":7}"#, "reserved"),
    ]
    .into_iter()
    .enumerate()
    {
        let correlation = format!("bad-{i}");
        cloud
            .request("d1", payload, Some("cloud/inbox"), &correlation)
            .await;
        let r = Response::parse(&cloud.next_publish().await);
        assert_eq!(r.correlation, correlation);
        let error = r
            .error
            .unwrap_or_else(|| panic!("no error property for {payload}"));
        assert!(error.contains(expect), "{payload}: {error}");
        assert_eq!(r.state, json!({"temp":20,"$version":1}), "{payload}");
        assert_eq!(r.firmware.as_deref(), Some("2.3.4"));
    }

    // The device still works.
    cloud
        .request("d1", r#"{"temp":23}"#, Some("cloud/inbox"), "ok-2")
        .await;
    let r = Response::parse(&cloud.next_publish().await);
    assert_eq!((r.error, r.state), (None, json!({"temp":23,"$version":2})));

    shutdown.cancel();
    sim.join().await.expect("devices stop");
    broker.shutdown().await;
}

#[tokio::test]
async fn an_abrupt_drop_publishes_the_will_and_the_device_comes_back_online() {
    let broker = start_broker().await;
    // "flaky" connects through a recording proxy, to see what it sends on the wire.
    let mut tap = Tap::start(broker.mqtt_addr()).await;
    let shutdown = CancellationToken::new();
    let sim = Simulator::start_devices(
        vec![
            device_config(tap.addr, "flaky"),
            device_config(broker.mqtt_addr(), "steady"),
        ],
        shutdown.clone(),
    )
    .expect("fleet starts");
    wait_online(sim.devices()).await;
    let flaky = sim.device("flaky").unwrap();

    let mut cloud = Cloud::connect(broker.mqtt_addr(), "cloud-status").await;
    cloud.subscribe("clients/+/status").await;
    cloud.subscribe("cloud/inbox").await;
    cloud.expect_message("clients/flaky/status", "online").await;

    // Set some state before the drop: it must survive the reconnect.
    cloud
        .request("flaky", r#"{"led":"red"}"#, Some("cloud/inbox"), "before")
        .await;
    let r = Response::parse(&cloud.expect_topic("cloud/inbox").await);
    assert_eq!(r.state, json!({"led":"red","$version":1}));

    flaky.drop_connection();
    // On the wire: CONNECT with a retained QoS 1 will and a username, then no DISCONNECT.
    let sent = finished_connection(&mut tap).await;
    let kinds: Vec<u8> = sent.iter().map(|p| p.kind).collect();
    assert_eq!(kinds.first(), Some(&1), "CONNECT first: {kinds:?}");
    let connect_flags = sent[0].body[7];
    assert_eq!(connect_flags & 0x04, 0x04, "will flag");
    assert_eq!(connect_flags & 0x18, 0x08, "will QoS 1");
    assert_eq!(connect_flags & 0x20, 0x20, "will retain");
    assert_eq!(connect_flags & 0x80, 0x80, "username");
    assert!(
        kinds.contains(&8) && kinds.contains(&3),
        "SUBSCRIBE and PUBLISH: {kinds:?}"
    );
    assert!(
        !kinds.contains(&tap::DISCONNECT),
        "no DISCONNECT on a drop: {kinds:?}"
    );

    // The broker saw a lost connection, so it published the will; then the device is back.
    cloud
        .expect_message("clients/flaky/status", "offline")
        .await;
    cloud.expect_message("clients/flaky/status", "online").await;
    let status = wait_status(flaky, "back online", |s| s.online && s.sessions == 2).await;
    assert_eq!(status.drops, 1);
    assert!(sim.device("steady").unwrap().status().online);

    // It answers on its new connection, with the state it had.
    cloud
        .request("flaky", r#"{"led":"green"}"#, Some("cloud/inbox"), "after")
        .await;
    let r = Response::parse(&cloud.expect_topic("cloud/inbox").await);
    assert_eq!(r.correlation, "after");
    assert_eq!(r.state, json!({"led":"green","$version":2}));

    shutdown.cancel();
    sim.join().await.expect("devices stop");
    broker.shutdown().await;
}

#[tokio::test]
async fn chaos_rate_one_drops_within_a_second_and_reconnects() {
    let broker = start_broker().await;
    let mut cloud = Cloud::connect(broker.mqtt_addr(), "cloud-status").await;
    cloud.subscribe("clients/+/status").await;

    let shutdown = CancellationToken::new();
    let mut config = device_config(broker.mqtt_addr(), "chaotic");
    config.chaos_rate = 1.0;
    let device = spawn_device(config, shutdown.clone());
    cloud
        .expect_message("clients/chaotic/status", "online")
        .await;
    cloud
        .expect_message("clients/chaotic/status", "offline")
        .await;
    cloud
        .expect_message("clients/chaotic/status", "online")
        .await;
    let status = wait_status(&device, "dropped by chaos", |s| s.drops >= 1).await;
    assert!(status.sessions >= 1, "{status:?}");

    shutdown.cancel();
    tokio::time::timeout(WAIT, device.join())
        .await
        .expect("device stops in time")
        .expect("device task ends cleanly");
    broker.shutdown().await;
}

#[tokio::test]
async fn clean_shutdown_leaves_offline_retained_without_a_will() {
    let broker = start_broker().await;
    let mut tap = Tap::start(broker.mqtt_addr()).await;
    let shutdown = CancellationToken::new();
    let sim = Simulator::start_devices(
        vec![
            device_config(tap.addr, "d1"),
            device_config(broker.mqtt_addr(), "d2"),
        ],
        shutdown.clone(),
    )
    .expect("fleet starts");
    wait_online(sim.devices()).await;

    let mut live = Cloud::connect(broker.mqtt_addr(), "cloud-live").await;
    live.subscribe("clients/+/status").await;
    live.expect_all(&[
        ("clients/d1/status", "online"),
        ("clients/d2/status", "online"),
    ])
    .await;

    shutdown.cancel();
    tokio::time::timeout(WAIT, sim.join())
        .await
        .expect("devices stop in time")
        .expect("device tasks end cleanly");

    // On the wire: the retained `offline` PUBLISH, then DISCONNECT 0x00 last.
    let sent = finished_connection(&mut tap).await;
    let last = sent.last().expect("packets");
    assert_eq!(last.kind, tap::DISCONNECT, "{sent:?}");
    assert!(
        last.body.first().is_none_or(|&code| code == 0),
        "reason 0x00: {last:?}"
    );
    let before = &sent[sent.len() - 2];
    assert_eq!(before.kind, 3, "PUBLISH before DISCONNECT: {sent:?}");
    assert!(before.body.ends_with(b"offline"), "{before:?}");

    // Each device published `offline` once; no will followed (DISCONNECT 0x00).
    live.expect_all(&[
        ("clients/d1/status", "offline"),
        ("clients/d2/status", "offline"),
    ])
    .await;
    live.expect_nothing_on("clients/d1/status").await;
    live.expect_nothing_on("clients/d2/status").await;

    // A dashboard starting now sees them offline.
    let mut later = Cloud::connect(broker.mqtt_addr(), "cloud-later").await;
    later.subscribe("clients/+/status").await;
    for _ in 0..2 {
        let p = later.next_publish().await;
        assert!(p.retain);
        assert_eq!(&p.payload[..], b"offline", "{p:?}");
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn a_device_waits_for_the_broker_and_connects_when_it_appears() {
    // Reserve a port, start the device against it while nothing listens, then start the
    // broker there: the device retries with backoff and comes online.
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = probe.local_addr().unwrap();
    drop(probe);
    let shutdown = CancellationToken::new();
    let device = spawn_device(device_config(addr, "patient"), shutdown.clone());
    wait_status(&device, "refused", |s| s.failures >= 2).await;
    let mut config = tern::Config::for_tests();
    config.listeners.mqtt = addr;
    let broker = tern::Broker::start(config)
        .await
        .expect("broker starts on the reserved port");
    let status = wait_status(&device, "online", |s| s.online).await;
    assert_eq!(status.sessions, 1);
    shutdown.cancel();
    tokio::time::timeout(WAIT, device.join())
        .await
        .expect("device stops in time")
        .expect("device task ends cleanly");
    broker.shutdown().await;
}
