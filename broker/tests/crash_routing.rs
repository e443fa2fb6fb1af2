//! Routed events survive the broker: every message a publisher had
//! acknowledged (PUBACK) while its route's webhook was down reaches the
//! webhook once the broker is back — after a SIGKILL (the journal) and after
//! a graceful stop (the snapshot written at shutdown).
//!
//! `tern run` is a child process in access mode, with a namespace file that
//! has one route; the webhook is a real HTTP server (hyper) that answers the
//! validation handshake and records each event's subject.

mod crash_support;

use bytes::Bytes;
use crash_support::{Tern, STEP};
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
    let mode = ["--namespace", namespace.to_str().unwrap()];

    // Phase 1: acknowledged while the webhook is down, then SIGKILL.
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    publish_acked(tern.port, "killed").await;
    tern.kill().await;
    let webhook = Webhook::start(hook).await;
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    webhook.wait_for(&subjects("killed")).await;

    // Phase 2: acknowledged while the webhook is down, then SIGTERM.
    drop(webhook);
    publish_acked(tern.port, "stopped").await;
    tern.stop().await;
    let webhook = Webhook::start(hook).await;
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    webhook.wait_for(&subjects("stopped")).await;
    tern.kill().await;
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

/// A webhook on a given port that takes every event.
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
    async fn start(addr: std::net::SocketAddr) -> Self {
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
                        answer(request, seen.clone(), changed.clone())
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

/// Answers the validation handshake (`OPTIONS`) and takes every event.
async fn answer(
    request: Request<hyper::body::Incoming>,
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
    Ok(Response::new(Full::new(Bytes::new())))
}
