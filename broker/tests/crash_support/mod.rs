//! The crash tests' drivers: `tern run` as a child process, and rumqttc
//! publishers and subscribers (MQTT 3.1.1 and 5) that record what was
//! acknowledged and what arrived.

#![allow(dead_code)] // each test binary uses its own part

use parking_lot::Mutex;
use rumqttc::Outgoing;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::Notify;

/// The admin API's bearer token of tests that start `tern run` with
/// `--admin-token` (see [`admin_cli`]).
pub const ADMIN_TOKEN: &str = "crash-token";

/// The bound on every single wait.
pub const STEP: Duration = Duration::from_secs(20);
/// Messages a publisher sends at most (it stops earlier, when the broker dies).
const MAX_MESSAGES: u32 = 20_000;

/// A running `tern run`.
pub struct Tern {
    child: Child,
    /// Its MQTT/TCP port on 127.0.0.1.
    pub port: u16,
    /// Its HTTP listener, `127.0.0.1:PORT` (the admin API).
    pub http: String,
}

impl Tern {
    /// Starts `tern run --open` on loopback port 0 with `config` and `data`;
    /// `shell` wraps the command (`sh -c '{shell}; exec "$@"'`), e.g. to set
    /// a resource limit.
    pub async fn start(config: &Path, data: &Path, shell: Option<&str>) -> Self {
        Self::start_with(config, data, shell, &["--open"]).await
    }

    /// [`Tern::start`] with `mode` (`--open`, or `--admin-token T` for the
    /// access model and its admin API).
    pub async fn start_with(
        config: &Path,
        data: &Path,
        shell: Option<&str>,
        mode: &[&str],
    ) -> Self {
        let tern = env!("CARGO_BIN_EXE_tern");
        let args = [
            "run",
            "--mqtt",
            "127.0.0.1:0",
            "--http",
            "127.0.0.1:0",
            "--config",
        ];
        let mut command = match shell {
            Some(prefix) => {
                let mut c = Command::new("sh");
                c.arg("-c")
                    .arg(format!("{prefix}; exec \"$@\""))
                    .arg("sh")
                    .arg(tern);
                c
            }
            None => Command::new(tern),
        };
        command
            .args(args)
            .arg(config)
            .args(mode)
            .arg("--data-dir")
            .arg(data)
            .env(
                "RUST_LOG",
                std::env::var("TERN_CRASH_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(Stdio::piped())
            .kill_on_drop(true);
        let mut child = command.spawn().expect("tern run starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (port, http) = tokio::time::timeout(STEP, async {
            let mut port = None;
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Some(addr) = line.strip_prefix("MQTT listening on ") {
                    let addr: std::net::SocketAddr = addr.trim().parse().unwrap();
                    port = Some(addr.port());
                }
                if let Some(url) = line.strip_prefix("WebSocket listening on ws://") {
                    let addr = url.trim().trim_end_matches("/mqtt").to_string();
                    return (port.expect("MQTT is printed first"), addr);
                }
            }
            panic!("tern run ended before listening");
        })
        .await
        .expect("tern run listens in time");
        // With TERN_CRASH_LOG set, the broker's log goes to the test's stderr.
        let echo = std::env::var_os("TERN_CRASH_LOG").is_some();
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                if echo {
                    eprintln!("tern: {line}");
                }
            }
        });
        Self { child, port, http }
    }

    /// The broker's process id.
    pub fn pid(&self) -> u32 {
        self.child.id().expect("tern runs")
    }

    /// Stops the broker with SIGTERM (a graceful shutdown) and reaps it.
    pub async fn stop(mut self) {
        let pid = self.pid().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().await;
        assert!(sent.expect("kill runs").success(), "SIGTERM sent to {pid}");
        let status = tokio::time::timeout(STEP, self.child.wait())
            .await
            .expect("tern shuts down in time")
            .unwrap();
        assert!(status.success(), "tern exits cleanly on SIGTERM: {status}");
    }

    /// Kills the broker with SIGKILL and reaps it.
    pub async fn kill(mut self) {
        self.child.start_kill().expect("SIGKILL sent");
        tokio::time::timeout(STEP, self.child.wait())
            .await
            .expect("killed broker reaped")
            .unwrap();
    }
}

/// What one client recorded, shared with the test.
#[derive(Default)]
pub struct Collected {
    state: Mutex<State>,
    changed: Notify,
}

#[derive(Default)]
struct State {
    subscribed: bool,
    /// (payload, DUP flag) in arrival order.
    messages: Vec<(String, bool)>,
    acks: BTreeSet<u32>,
    /// QoS 2 messages whose exchange completed (PUBCOMP sent): the broker
    /// may never deliver them again.
    settled: BTreeSet<u32>,
    /// Stamps of QoS 2 messages received and not yet released, by packet id.
    unreleased: HashMap<u16, u32>,
    /// Stamps whose arrival completes the collection; `Some(empty)`: any one message.
    expected: Option<BTreeSet<u32>>,
}

impl State {
    fn complete(&self) -> bool {
        match &self.expected {
            None => false,
            Some(expected) if expected.is_empty() => !self.messages.is_empty(),
            Some(expected) => {
                let got: BTreeSet<u32> =
                    self.messages.iter().filter_map(|(p, _)| stamp(p)).collect();
                expected.is_subset(&got)
            }
        }
    }
}

fn stamp(payload: &str) -> Option<u32> {
    payload.rsplit(':').next()?.parse().ok()
}

impl Collected {
    fn update(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.state.lock());
        self.changed.notify_waiters();
    }

    async fn wait(&self, what: &str, done: impl Fn(&State) -> bool) {
        tokio::time::timeout(STEP, async {
            loop {
                let changed = self.changed.notified();
                if done(&self.state.lock()) {
                    return;
                }
                changed.await;
            }
        })
        .await
        .unwrap_or_else(|_| panic!("{what} in time"));
    }

    /// Waits for the SUBACK.
    pub async fn wait_subscribed(&self) {
        self.wait("SUBACK", |s| s.subscribed).await;
    }

    /// Waits until `n` messages are acknowledged.
    pub async fn wait_acks(&self, n: usize) {
        self.wait("acknowledgements", |s| s.acks.len() >= n).await;
    }

    /// Waits until every expected message arrived (see [`Collected::expect`]);
    /// unbounded: the caller bounds it.
    pub async fn wait_complete(&self) {
        loop {
            let changed = self.changed.notified();
            if self.state.lock().complete() {
                return;
            }
            changed.await;
        }
    }

    /// The collection is complete once these stamps arrived.
    pub fn expect(&self, stamps: BTreeSet<u32>) {
        self.update(|s| s.expected = Some(stamps));
    }

    /// The collection is complete with any one message.
    pub fn expect_any(&self) {
        self.update(|s| s.expected = Some(BTreeSet::new()));
    }

    /// Messages received before (carried over from an earlier connection).
    pub fn extend(&self, messages: impl IntoIterator<Item = (String, bool)>) {
        self.update(|s| s.messages.extend(messages));
    }

    /// The messages so far.
    pub fn messages(&self) -> Vec<(String, bool)> {
        self.state.lock().messages.clone()
    }

    /// The QoS 2 messages whose exchange completed.
    pub fn settled(&self) -> BTreeSet<u32> {
        self.state.lock().settled.clone()
    }

    fn received_qos2(&self, packet_id: u16, payload: &[u8]) {
        if let Some(n) = stamp(&String::from_utf8_lossy(payload)) {
            self.update(|s| {
                s.unreleased.insert(packet_id, n);
            });
        }
    }

    fn completed_qos2(&self, packet_id: u16) {
        self.update(|s| {
            if let Some(n) = s.unreleased.remove(&packet_id) {
                s.settled.insert(n);
            }
        });
    }

    /// The acknowledged stamps.
    pub fn acks(&self) -> BTreeSet<u32> {
        self.state.lock().acks.clone()
    }

    fn received(&self, payload: &[u8], dup: bool) {
        let payload = String::from_utf8_lossy(payload).into_owned();
        self.update(|s| s.messages.push((payload, dup)));
    }
}

/// Maps the packet identifiers of sent PUBLISHes to their stamps (rumqttc
/// hands out identifiers in the order the publishes were requested).
#[derive(Default)]
struct Stamps {
    next: u32,
    by_packet_id: HashMap<u16, u32>,
}

impl Stamps {
    fn sent(&mut self, packet_id: u16) {
        self.next += 1;
        self.by_packet_id.insert(packet_id, self.next);
    }

    fn acked(&self, packet_id: u16, out: &Collected) {
        if let Some(n) = self.by_packet_id.get(&packet_id).copied() {
            out.update(|s| {
                s.acks.insert(n);
            });
        }
    }
}

fn qos5(qos: u8) -> rumqttc::v5::mqttbytes::QoS {
    match qos {
        2 => rumqttc::v5::mqttbytes::QoS::ExactlyOnce,
        1 => rumqttc::v5::mqttbytes::QoS::AtLeastOnce,
        _ => rumqttc::v5::mqttbytes::QoS::AtMostOnce,
    }
}

fn qos3(qos: u8) -> rumqttc::QoS {
    match qos {
        2 => rumqttc::QoS::ExactlyOnce,
        1 => rumqttc::QoS::AtLeastOnce,
        _ => rumqttc::QoS::AtMostOnce,
    }
}

/// An MQTT 5 publisher of `id:1`, `id:2`, ... until the connection fails;
/// records which were acknowledged with success (PUBACK, or PUBREC at QoS 2).
pub async fn publish_v5(
    port: u16,
    id: &'static str,
    topic: &'static str,
    qos: u8,
    retain: bool,
    out: Arc<Collected>,
) {
    use rumqttc::v5::mqttbytes::v5::{Packet, PubAckReason, PubRecReason};
    use rumqttc::v5::{AsyncClient, Event, MqttOptions};
    let mut options = MqttOptions::new(id, "127.0.0.1", port);
    options.set_keep_alive(Duration::from_secs(30));
    let (client, mut events) = AsyncClient::new(options, 100);
    let sender = tokio::spawn(async move {
        for n in 1..=MAX_MESSAGES {
            if client
                .publish(topic, qos5(qos), retain, format!("{id}:{n}"))
                .await
                .is_err()
            {
                return;
            }
        }
    });
    let mut stamps = Stamps::default();
    loop {
        match events.poll().await {
            Ok(Event::Outgoing(Outgoing::Publish(packet_id))) => stamps.sent(packet_id),
            Ok(Event::Incoming(Packet::PubAck(ack))) if ack.reason == PubAckReason::Success => {
                stamps.acked(ack.pkid, &out);
            }
            Ok(Event::Incoming(Packet::PubRec(rec))) if rec.reason == PubRecReason::Success => {
                stamps.acked(rec.pkid, &out);
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    sender.abort();
}

/// [`publish_v5`] in MQTT 3.1.1.
pub async fn publish_v3(
    port: u16,
    id: &'static str,
    topic: &'static str,
    qos: u8,
    retain: bool,
    out: Arc<Collected>,
) {
    use rumqttc::{AsyncClient, Event, MqttOptions, Packet};
    let mut options = MqttOptions::new(id, "127.0.0.1", port);
    options.set_keep_alive(Duration::from_secs(30));
    let (client, mut events) = AsyncClient::new(options, 100);
    let sender = tokio::spawn(async move {
        for n in 1..=MAX_MESSAGES {
            if client
                .publish(topic, qos3(qos), retain, format!("{id}:{n}"))
                .await
                .is_err()
            {
                return;
            }
        }
    });
    let mut stamps = Stamps::default();
    loop {
        match events.poll().await {
            Ok(Event::Outgoing(Outgoing::Publish(packet_id))) => stamps.sent(packet_id),
            Ok(Event::Incoming(Packet::PubAck(ack))) => stamps.acked(ack.pkid, &out),
            Ok(Event::Incoming(Packet::PubRec(rec))) => stamps.acked(rec.pkid, &out),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    sender.abort();
}

/// Collects with `mosquitto_sub` (libmosquitto) from the persistent
/// session `id` on `filter` at QoS 2 until `out` is complete: unlike
/// rumqttc, which forgets its QoS 2 state when it reconnects and then fails
/// on the PUBREL a resumed session resends [MQTT-4.4.0-1], libmosquitto
/// answers it, so a session killed in mid-QoS 2 flow can be resumed by a
/// new client process.
pub async fn collect_mosquitto(port: u16, v5: bool, id: &str, filter: &str, out: Arc<Collected>) {
    use tern_tests::{MosquittoSub, MqttVersion, SubOptions};
    let version = if v5 {
        MqttVersion::V5
    } else {
        MqttVersion::V311
    };
    let mut args = vec!["-c", "-i", id];
    if v5 {
        args.extend(["-x", "3600"]);
    }
    let options = SubOptions::default().qos(2).args(args);
    let mut sub = MosquittoSub::spawn(port, version, filter, options).expect("mosquitto_sub runs");
    if let Err(e) = sub.wait_subscribed(STEP).await {
        panic!("mosquitto_sub subscribes: {e}; stderr: {}", sub.stderr());
    }
    let deadline = tokio::time::Instant::now() + STEP;
    while !out.state.lock().complete() {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        match sub.collect(1, left).await {
            Ok(lines) => {
                for line in lines {
                    out.received(line.as_bytes(), false);
                }
            }
            Err(_) => break,
        }
    }
    let _ = sub.kill().await;
}

/// Runs [`collect_v5`] or [`collect_v3`] as a task.
pub fn spawn_collect(
    v5: bool,
    port: u16,
    id: &'static str,
    subscribe: Option<(&'static str, u8)>,
    out: Arc<Collected>,
    leave: bool,
) -> tokio::task::JoinHandle<()> {
    if v5 {
        tokio::spawn(collect_v5(port, id, subscribe, out, leave))
    } else {
        tokio::spawn(collect_v3(port, id, subscribe, out, leave))
    }
}

/// An MQTT 5 persistent session (Clean Start 0, Session Expiry 1 h):
/// subscribes to `subscribe` if given, then records every message until
/// the connection fails, or (`leave`) disconnects once subscribed.
pub async fn collect_v5(
    port: u16,
    id: &'static str,
    subscribe: Option<(&'static str, u8)>,
    out: Arc<Collected>,
    leave: bool,
) {
    use rumqttc::v5::mqttbytes::v5::{ConnectProperties, Packet};
    use rumqttc::v5::{AsyncClient, Event, MqttOptions};
    const QOS2: rumqttc::v5::mqttbytes::QoS = rumqttc::v5::mqttbytes::QoS::ExactlyOnce;
    let mut options = MqttOptions::new(id, "127.0.0.1", port);
    options.set_keep_alive(Duration::from_secs(30));
    options.set_clean_start(false);
    options.set_connect_properties(ConnectProperties {
        session_expiry_interval: Some(3600),
        ..Default::default()
    });
    let (client, mut events) = AsyncClient::new(options, 100);
    loop {
        match events.poll().await {
            Ok(Event::Incoming(Packet::ConnAck(_))) => {
                if let Some((filter, qos)) = subscribe {
                    client.subscribe(filter, qos5(qos)).await.unwrap();
                }
            }
            Ok(Event::Incoming(Packet::SubAck(_))) => {
                out.update(|s| s.subscribed = true);
                if leave {
                    client.disconnect().await.unwrap();
                }
            }
            Ok(Event::Incoming(Packet::Publish(p))) => {
                if p.qos == QOS2 {
                    out.received_qos2(p.pkid, &p.payload);
                }
                out.received(&p.payload, p.dup);
            }
            Ok(Event::Outgoing(Outgoing::PubComp(packet_id))) => out.completed_qos2(packet_id),
            Ok(Event::Outgoing(Outgoing::Disconnect)) => return,
            Ok(_) => {}
            Err(_) => return,
        }
    }
}

/// [`collect_v5`] in MQTT 3.1.1 (Clean Session 0).
pub async fn collect_v3(
    port: u16,
    id: &'static str,
    subscribe: Option<(&'static str, u8)>,
    out: Arc<Collected>,
    leave: bool,
) {
    use rumqttc::{AsyncClient, Event, MqttOptions, Packet};
    const QOS2: rumqttc::QoS = rumqttc::QoS::ExactlyOnce;
    let mut options = MqttOptions::new(id, "127.0.0.1", port);
    options.set_keep_alive(Duration::from_secs(30));
    options.set_clean_session(false);
    let (client, mut events) = AsyncClient::new(options, 100);
    loop {
        match events.poll().await {
            Ok(Event::Incoming(Packet::ConnAck(_))) => {
                if let Some((filter, qos)) = subscribe {
                    client.subscribe(filter, qos3(qos)).await.unwrap();
                }
            }
            Ok(Event::Incoming(Packet::SubAck(_))) => {
                out.update(|s| s.subscribed = true);
                if leave {
                    client.disconnect().await.unwrap();
                }
            }
            Ok(Event::Incoming(Packet::Publish(p))) => {
                if p.qos == QOS2 {
                    out.received_qos2(p.pkid, &p.payload);
                }
                out.received(&p.payload, p.dup);
            }
            Ok(Event::Outgoing(Outgoing::PubComp(packet_id))) => out.completed_qos2(packet_id),
            Ok(Event::Outgoing(Outgoing::Disconnect)) => return,
            Ok(_) => {}
            Err(_) => return,
        }
    }
}

/// Runs the `tern` CLI against the broker's admin API (started with
/// `--admin-token` [`ADMIN_TOKEN`]); returns its stdout.
pub async fn admin_cli(tern: &Tern, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(args)
        .env("TERN_ADMIN_URL", format!("http://{}", tern.http))
        .env("TERN_ADMIN_TOKEN", ADMIN_TOKEN)
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(STEP, output)
        .await
        .expect("tern CLI in time")
        .expect("tern CLI runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "tern {args:?}: {stderr}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
