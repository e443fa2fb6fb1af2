//! Routed events survive the broker: every message a publisher had
//! acknowledged (PUBACK) while its route's webhook was down reaches the
//! webhook once the broker is back — after a SIGKILL (the journal) and after
//! a graceful stop (the snapshot written at shutdown). And dead letters
//! survive it too: those of events the webhook refused before a SIGKILL are
//! listed after the restart, and a replay delivers them and removes them for
//! good.
//!
//! `tern run` is a child process in access mode, with a namespace file that
//! has one route; the webhook is a real HTTP server (hyper) that answers the
//! validation handshake and records each event's subject.

mod crash_support;

use bytes::Bytes;
use crash_support::{admin_cli, Tern, ADMIN_TOKEN, STEP};
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use parking_lot::Mutex;
use rumqttc::v5::mqttbytes::v5::{Packet, PubAckReason};
use rumqttc::v5::mqttbytes::QoS;
use rumqttc::v5::{AsyncClient, Event, MqttOptions};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use tokio::sync::Notify;

const PASSWORD: &str = "routing-crash";
/// Messages published in each phase.
const MESSAGES: usize = 200;

/// Retries an hour apart: an event whose first attempt failed waits, so the
/// broker still holds every event when it is killed or stopped.
const CONFIG: &str = r#"
[routing]
retry_delays_ms = [3600000]
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_routed_events_reach_the_webhook_after_a_kill_and_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("tern.toml");
    std::fs::write(&config, CONFIG).unwrap();
    // A port for the webhook, closed until the broker is back.
    let hook = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let namespace = dir.path().join("namespace.toml");
    write_namespace(&namespace, &format!("http://{hook}/hook"));
    let data = dir.path().join("data");
    let mode = [
        "--namespace",
        namespace.to_str().unwrap(),
        "--admin-token",
        ADMIN_TOKEN,
    ];

    // Phase 1: acknowledged while the webhook is down, then SIGKILL.
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    publish_acked(tern.port, "killed").await;
    tern.kill().await;
    let webhook = Webhook::start(hook, 200).await;
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    webhook.wait_for(&subjects("killed")).await;

    // Phase 2: acknowledged while the webhook is down, then SIGTERM.
    webhook.close().await;
    publish_acked(tern.port, "stopped").await;
    tern.stop().await;
    let webhook = Webhook::start(hook, 200).await;
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    webhook.wait_for(&subjects("stopped")).await;

    // Phase 3: the webhook refuses (404, not retried) every event, and the
    // broker is killed as soon as each was tried: dead letters not yet in
    // their file are delivered again after the restart, and refused again.
    webhook.close().await;
    let webhook = Webhook::start(hook, 404).await;
    publish_acked(tern.port, "refused").await;
    webhook.wait_for(&subjects("refused")).await;
    tern.kill().await;
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    let listed = async {
        loop {
            let dead = dead_letter_subjects(&tern).await;
            if dead == subjects("refused") {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    };
    tokio::time::timeout(STEP, listed)
        .await
        .expect("every refused event is a dead letter after the restart");

    // The webhook takes them now: a replay delivers every one and leaves no
    // dead letter, neither now nor after another kill.
    webhook.close().await;
    let webhook = Webhook::start(hook, 200).await;
    let replayed = admin_cli(&tern, &["route", "replay-dead-letters", "--name", "hook"]).await;
    let replayed: serde_json::Value = serde_json::from_str(&replayed).unwrap();
    assert!(
        replayed["replayed"].as_u64() >= Some(MESSAGES as u64),
        "{replayed}"
    );
    webhook.wait_for(&subjects("refused")).await;
    assert!(dead_letter_subjects(&tern).await.is_empty());
    tern.kill().await;
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    assert!(dead_letter_subjects(&tern).await.is_empty());
    tern.kill().await;
}

/// The subjects of route `hook`'s dead letters (`tern route dead-letters`).
async fn dead_letter_subjects(tern: &Tern) -> BTreeSet<String> {
    let listed = admin_cli(tern, &["route", "dead-letters", "--name", "hook"]).await;
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let records = listed["value"].as_array().expect("a list of dead letters");
    records
        .iter()
        .map(|r| r["subject"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn write_namespace(path: &Path, endpoint: &str) {
    let hash = tern::access::password::hash_password(PASSWORD).unwrap();
    let namespace = format!(
        r#"
[[clients]]
name = "dev1"
passwordHash = "{hash}"

[[topicSpaces]]
name = "devices"
topicTemplates = ["devices/#"]

[[permissionBindings]]
name = "devicesPublish"
clientGroupName = "$all"
topicSpaceName = "devices"
permission = "Publisher"

[[routes]]
name = "hook"
endpointUrl = "{endpoint}"
topicFilters = ["devices/#"]
"#
    );
    std::fs::write(path, namespace).unwrap();
}

/// The subjects (topics) of phase `phase`'s messages.
fn subjects(phase: &str) -> BTreeSet<String> {
    (0..MESSAGES)
        .map(|n| format!("devices/dev1/{phase}/{n}"))
        .collect()
}

/// Publishes [`MESSAGES`] at QoS 1, one topic each, and waits until the
/// broker acknowledged every one with success.
async fn publish_acked(port: u16, phase: &str) {
    let mut options = MqttOptions::new(format!("dev1-{phase}"), "127.0.0.1", port);
    options.set_credentials("dev1", PASSWORD);
    let (client, mut events) = AsyncClient::new(options, MESSAGES);
    for topic in subjects(phase) {
        client
            .publish(topic, QoS::AtLeastOnce, false, "reading")
            .await
            .unwrap();
    }
    let acked = async {
        let mut acked = 0;
        while acked < MESSAGES {
            match events.poll().await.expect("the broker stays up") {
                Event::Incoming(Packet::PubAck(ack)) => {
                    assert_eq!(ack.reason, PubAckReason::Success, "PUBACK {ack:?}");
                    acked += 1;
                }
                Event::Incoming(Packet::ConnAck(connack)) => {
                    assert_eq!(
                        connack.code,
                        rumqttc::v5::mqttbytes::v5::ConnectReturnCode::Success
                    );
                }
                _ => {}
            }
        }
    };
    tokio::time::timeout(STEP, acked)
        .await
        .expect("every PUBACK in time");
    let _ = client.disconnect().await;
    let _ = tokio::time::timeout(STEP, async { while events.poll().await.is_ok() {} }).await;
}

/// A webhook on a given port that records every event it is offered and
/// answers each with one status.
struct Webhook {
    seen: Arc<Mutex<BTreeSet<String>>>,
    changed: Arc<Notify>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Webhook {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Webhook {
    /// Stops listening (its port is free once this returns).
    async fn close(mut self) {
        self.server.abort();
        let _ = (&mut self.server).await;
    }

    async fn start(addr: std::net::SocketAddr, status: u16) -> Self {
        let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
        let seen: Arc<Mutex<BTreeSet<String>>> = Arc::default();
        let changed = Arc::new(Notify::new());
        let server = tokio::spawn({
            let (seen, changed) = (seen.clone(), changed.clone());
            async move {
                let mut connections = tokio::task::JoinSet::new();
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        return;
                    };
                    let (seen, changed) = (seen.clone(), changed.clone());
                    let service = hyper::service::service_fn(move |request| {
                        answer(request, status, seen.clone(), changed.clone())
                    });
                    connections.spawn(async move {
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            }
        });
        Self {
            seen,
            changed,
            server,
        }
    }

    /// Waits (bounded) until every subject of `want` has been delivered.
    async fn wait_for(&self, want: &BTreeSet<String>) {
        let all = async {
            loop {
                let changed = self.changed.notified();
                if want.is_subset(&self.seen.lock()) {
                    return;
                }
                changed.await;
            }
        };
        if tokio::time::timeout(STEP, all).await.is_err() {
            let seen = self.seen.lock();
            let missing: Vec<_> = want.difference(&seen).take(5).collect();
            panic!(
                "{} of {} events delivered; missing e.g. {missing:?}",
                want.intersection(&seen).count(),
                want.len()
            );
        }
    }
}

/// Answers the validation handshake (`OPTIONS`), and every event with `status`.
async fn answer(
    request: Request<hyper::body::Incoming>,
    status: u16,
    seen: Arc<Mutex<BTreeSet<String>>>,
    changed: Arc<Notify>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    if request.method() == Method::OPTIONS {
        let allowed = Response::builder()
            .header("WebHook-Allowed-Origin", "*")
            .body(Full::new(Bytes::new()))
            .unwrap();
        return Ok(allowed);
    }
    let body = request.into_body().collect().await?.to_bytes();
    let event: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let subject = event["subject"].as_str().unwrap_or_default().to_owned();
    seen.lock().insert(subject);
    changed.notify_waiters();
    let answer = Response::builder().status(status);
    Ok(answer.body(Full::new(Bytes::new())).unwrap())
}
