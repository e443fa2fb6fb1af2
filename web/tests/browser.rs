//! The dashboard's MQTT client in a real browser (headless Chromium through
//! `wasm-bindgen-test-runner`) against a real Tern over WebSocket.
//!
//! `scripts/test.sh` starts the broker and passes its WebSocket URL at build
//! time in `TERN_TEST_WS_URL`. Every wait is bounded by [`WAIT_MS`].
#![cfg(target_arch = "wasm32")]

use futures_channel::mpsc::{unbounded, UnboundedReceiver};
use futures_util::future::{select, Either};
use futures_util::StreamExt;
use gloo_timers::future::TimeoutFuture;
use tern_web::services::mqtt::client::{ClientConfig, ClientEvent, MqttClient};
use tern_web::services::mqtt::{ConnectOptions, Credentials, Notice, OutgoingPublish, Will};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const WAIT_MS: u32 = 5_000;

fn broker_url() -> &'static str {
    // Read at build time; a build without it (e.g. clippy) still compiles and the
    // tests then fail with this message instead of silently passing.
    match option_env!("TERN_TEST_WS_URL") {
        Some(url) => url,
        None => {
            panic!("build with TERN_TEST_WS_URL=ws://127.0.0.1:PORT/mqtt (scripts/test.sh does)")
        }
    }
}

fn unique(name: &str) -> String {
    format!(
        "{name}-{:08x}",
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    )
}

/// A client plus the stream of its events.
struct Probe {
    client: MqttClient,
    events: UnboundedReceiver<ClientEvent>,
    seen: Vec<ClientEvent>,
}

impl Probe {
    fn start(client_id: &str, credentials: Credentials, will: Option<Will>) -> Self {
        let (tx, events) = unbounded();
        let client = MqttClient::start(
            ClientConfig {
                url: broker_url().to_string(),
                options: ConnectOptions {
                    client_id: client_id.to_string(),
                    credentials,
                    keep_alive_secs: 30,
                    will,
                },
                reconnect: false,
            },
            move |e| {
                let _ = tx.unbounded_send(e);
            },
        );
        Self {
            client,
            events,
            seen: Vec::new(),
        }
    }

    /// Waits (bounded) for an event matching `pred` and returns it.
    async fn until(&mut self, what: &str, pred: impl Fn(&ClientEvent) -> bool) -> ClientEvent {
        let mut deadline = TimeoutFuture::new(WAIT_MS);
        loop {
            match select(self.events.next(), deadline).await {
                Either::Left((Some(e), d)) => {
                    deadline = d;
                    if pred(&e) {
                        return e;
                    }
                    self.seen.push(e);
                }
                Either::Left((None, _)) => panic!("event stream ended waiting for {what}"),
                Either::Right(_) => {
                    panic!(
                        "timed out after {WAIT_MS} ms waiting for {what}; saw {:?}",
                        self.seen
                    )
                }
            }
        }
    }

    async fn connected(&mut self) -> Option<String> {
        match self
            .until("CONNACK", |e| {
                matches!(
                    e,
                    ClientEvent::Notice(Notice::Connected { .. } | Notice::Refused { .. })
                        | ClientEvent::Lost { .. }
                )
            })
            .await
        {
            ClientEvent::Notice(Notice::Connected {
                response_information,
                ..
            }) => response_information,
            other => panic!("not connected: {other:?}"),
        }
    }

    async fn subscribe(&mut self, filters: &[&str]) -> Vec<u8> {
        let id = self.client.subscribe(filters).expect("SUBSCRIBE");
        match self
            .until("SUBACK", |e| {
                matches!(e, ClientEvent::Notice(Notice::SubAck { packet_id, .. }) if *packet_id == id)
            })
            .await
        {
            ClientEvent::Notice(Notice::SubAck { codes, .. }) => codes,
            _ => unreachable!(),
        }
    }

    async fn publish(&mut self, msg: OutgoingPublish) {
        let id = self.client.publish(&msg).expect("PUBLISH").expect("QoS 1");
        let ack = self
            .until("PUBACK", |e| {
                matches!(e, ClientEvent::Notice(Notice::PubAck { packet_id, .. }) if *packet_id == id)
            })
            .await;
        assert!(
            matches!(ack, ClientEvent::Notice(Notice::PubAck { code, .. }) if code < 0x80),
            "{ack:?}"
        );
    }

    async fn message_on(&mut self, topic: &str) -> tern_web::services::mqtt::IncomingPublish {
        match self
            .until(
                &format!("a message on {topic}"),
                |e| matches!(e, ClientEvent::Notice(Notice::Message(m)) if m.topic == topic),
            )
            .await
        {
            ClientEvent::Notice(Notice::Message(m)) => m,
            _ => unreachable!(),
        }
    }
}

fn user(name: &str) -> Credentials {
    Credentials::UserPassword {
        username: name.to_string(),
        password: "secret".to_string(),
    }
}

#[wasm_bindgen_test]
async fn request_response_with_correlation_data_over_websocket() {
    let app_id = unique("dash");
    let dev = unique("dev");
    let mut app = Probe::start(&app_id, user(&app_id), None);
    let prefix = app
        .connected()
        .await
        .expect("Tern sends Response Information");
    assert_eq!(prefix, format!("responses/{app_id}"));
    let response_topic = format!("{prefix}/devices/{dev}/reported");
    assert_eq!(
        app.subscribe(&["clients/+/status", &format!("{prefix}/devices/+/reported")])
            .await,
        vec![1, 1]
    );

    let mut device = Probe::start(&dev, user(&dev), None);
    device.connected().await;
    assert_eq!(
        device.subscribe(&[&format!("devices/{dev}/desired")]).await,
        vec![1]
    );

    // Two requests; the device answers them in reverse order.
    for (i, corr) in ["c-1", "c-2"].iter().enumerate() {
        app.publish(OutgoingPublish {
            topic: format!("devices/{dev}/desired"),
            payload: format!("{{\"n\":{i}}}").into_bytes(),
            qos: 1,
            response_topic: Some(response_topic.clone()),
            correlation_data: Some(corr.as_bytes().to_vec()),
            content_type: Some("application/json".into()),
            utf8_payload: true,
            ..OutgoingPublish::default()
        })
        .await;
    }
    let desired = format!("devices/{dev}/desired");
    let first = device.message_on(&desired).await;
    let second = device.message_on(&desired).await;
    assert_eq!(first.correlation_data.as_deref(), Some(&b"c-1"[..]));
    assert_eq!(second.correlation_data.as_deref(), Some(&b"c-2"[..]));
    assert_eq!(
        first.response_topic.as_deref(),
        Some(response_topic.as_str())
    );
    for req in [&second, &first] {
        device
            .publish(OutgoingPublish {
                topic: req.response_topic.clone().unwrap(),
                payload: req.payload.clone(),
                qos: 1,
                correlation_data: req.correlation_data.clone(),
                user_properties: vec![("firmware".into(), "test".into())],
                ..OutgoingPublish::default()
            })
            .await;
    }
    let r1 = app.message_on(&response_topic).await;
    let r2 = app.message_on(&response_topic).await;
    assert_eq!(r1.correlation_data.as_deref(), Some(&b"c-2"[..]));
    assert_eq!(r1.payload, b"{\"n\":1}");
    assert_eq!(r2.correlation_data.as_deref(), Some(&b"c-1"[..]));
    assert_eq!(
        r2.user_properties,
        vec![("firmware".to_string(), "test".to_string())]
    );

    device.client.disconnect();
    app.client.disconnect();
    app.until("stopped", |e| matches!(e, ClientEvent::Stopped))
        .await;
}

#[wasm_bindgen_test]
async fn will_marks_a_vanished_client_offline() {
    let app_id = unique("dash");
    let dev = unique("dev");
    let status = format!("clients/{dev}/status");
    let mut app = Probe::start(&app_id, user(&app_id), None);
    app.connected().await;
    assert_eq!(app.subscribe(&[&status]).await, vec![1]);

    let mut device = Probe::start(
        &dev,
        user(&dev),
        Some(Will {
            topic: status.clone(),
            payload: b"offline".to_vec(),
            retain: true,
        }),
    );
    device.connected().await;
    device
        .publish(OutgoingPublish {
            topic: status.clone(),
            payload: b"online".to_vec(),
            qos: 1,
            retain: true,
            ..OutgoingPublish::default()
        })
        .await;
    assert_eq!(app.message_on(&status).await.payload, b"online");

    // Close the socket without DISCONNECT: the broker publishes the will.
    device.client.kill();
    let will = app.message_on(&status).await;
    assert_eq!(will.payload, b"offline");

    // A later subscriber gets the retained offline.
    let late_id = unique("late");
    let mut late = Probe::start(&late_id, user(&late_id), None);
    late.connected().await;
    assert_eq!(late.subscribe(&[&status]).await, vec![1]);
    let retained = late.message_on(&status).await;
    assert!(retained.retain);
    assert_eq!(retained.payload, b"offline");
    late.client.disconnect();
    app.client.disconnect();
}

#[wasm_bindgen_test]
async fn refused_connection_reports_the_reason_and_does_not_retry() {
    // Open mode refuses any Authentication Method with 0x8C; the JWT path must
    // surface that refusal (and, with a JWT-enabled broker, it would connect).
    let id = unique("jwt");
    let mut probe = Probe::start(
        &id,
        Credentials::Jwt {
            token: "aaa.bbb.ccc".into(),
        },
        None,
    );
    let refused = probe
        .until("CONNACK", |e| {
            matches!(
                e,
                ClientEvent::Notice(Notice::Refused { .. } | Notice::Connected { .. })
            )
        })
        .await;
    assert!(
        matches!(
            refused,
            ClientEvent::Notice(Notice::Refused { code: 0x8C, .. })
        ),
        "{refused:?}"
    );
    let lost = probe
        .until("lost", |e| matches!(e, ClientEvent::Lost { .. }))
        .await;
    assert!(
        matches!(&lost, ClientEvent::Lost { retry_at_ms: None, reason, .. } if reason.contains("0x8C")),
        "{lost:?}"
    );
}

#[wasm_bindgen_test]
async fn unreachable_broker_schedules_a_reconnect() {
    // Port 9 on loopback: nothing listens; the client must report the loss and back off.
    let (tx, mut events) = unbounded();
    let client = MqttClient::start(
        ClientConfig {
            url: "ws://127.0.0.1:9/mqtt".into(),
            options: ConnectOptions {
                client_id: unique("nobody"),
                credentials: Credentials::Anonymous,
                keep_alive_secs: 30,
                will: None,
            },
            reconnect: true,
        },
        move |e| {
            let _ = tx.unbounded_send(e);
        },
    );
    let mut deadline = TimeoutFuture::new(WAIT_MS);
    let lost = loop {
        match select(events.next(), deadline).await {
            Either::Left((Some(e @ ClientEvent::Lost { .. }), _)) => break e,
            Either::Left((Some(_), d)) => deadline = d,
            Either::Left((None, _)) => panic!("stream ended"),
            Either::Right(_) => panic!("no Lost event within {WAIT_MS} ms"),
        }
    };
    let now = js_sys::Date::now();
    match lost {
        ClientEvent::Lost {
            retry_at_ms: Some(at),
            next_attempt,
            ..
        } => {
            assert_eq!(next_attempt, 2);
            assert!(
                at > now && at <= now + 1_300.0,
                "first backoff ~1 s: {}",
                at - now
            );
        }
        other => panic!("{other:?}"),
    }
    client.kill();
}

#[wasm_bindgen_test]
async fn reconnects_after_the_broker_ends_the_connection() {
    // A second client with the same ClientId takes the session over: the broker
    // sends the first DISCONNECT 0x8E and closes; the first must reconnect by itself.
    let id = unique("dash");
    let (tx, events) = unbounded();
    let client = MqttClient::start(
        ClientConfig {
            url: broker_url().to_string(),
            options: ConnectOptions {
                client_id: id.clone(),
                credentials: user(&id),
                keep_alive_secs: 30,
                will: None,
            },
            reconnect: true,
        },
        move |e| {
            let _ = tx.unbounded_send(e);
        },
    );
    let mut first = Probe {
        client,
        events,
        seen: Vec::new(),
    };
    first.connected().await;
    let mut intruder = Probe::start(&id, user(&id), None);
    intruder.connected().await;
    let disconnect = first
        .until("DISCONNECT", |e| {
            matches!(e, ClientEvent::Notice(Notice::ServerDisconnect { .. }))
        })
        .await;
    assert!(
        matches!(
            disconnect,
            ClientEvent::Notice(Notice::ServerDisconnect { code: 0x8E, .. })
        ),
        "{disconnect:?}"
    );
    let lost = first
        .until("lost", |e| matches!(e, ClientEvent::Lost { .. }))
        .await;
    let ClientEvent::Lost {
        retry_at_ms: Some(_),
        next_attempt,
        reason,
    } = &lost
    else {
        panic!("no reconnect scheduled: {lost:?}")
    };
    assert!(reason.contains("0x8E"), "{reason}");
    // Attempts count from the last successful connection.
    assert_eq!(*next_attempt, 1);
    first
        .until("the reconnect attempt", |e| {
            matches!(e, ClientEvent::Connecting { attempt: 1 })
        })
        .await;
    first.connected().await;
    assert!(first.client.is_connected());
    first.client.disconnect();
    intruder.client.kill();
}
