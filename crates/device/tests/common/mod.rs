//! Shared helpers of the simulator tests: a Tern broker in open mode, simulated devices, and
//! a rumqttc v5 "cloud application" that sends desired requests and reads statuses and
//! responses. Every wait is bounded by [`WAIT`]; nothing sleeps to synchronise.

#![allow(dead_code)]

pub mod tap;

use bytes::Bytes;
use rumqttc::v5::mqttbytes::v5::{Packet, Publish, PublishProperties};
use rumqttc::v5::mqttbytes::QoS;
use rumqttc::v5::{AsyncClient, Event, MqttOptions};
use std::collections::VecDeque;
use std::net::SocketAddr;
use std::time::Duration;
use tern_device::{BrokerAddress, DeviceConfig, DeviceHandle, DeviceStatus};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// How long any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);
/// The window used to show that something does NOT happen.
pub const QUIET: Duration = Duration::from_millis(500);

/// Starts a Tern broker in open mode on loopback ports.
pub async fn start_broker() -> tern::Broker {
    tern::Broker::start(tern::Config::for_tests())
        .await
        .expect("broker starts")
}

/// The broker's address as the simulator wants it.
pub fn broker_address(addr: SocketAddr) -> BrokerAddress {
    BrokerAddress {
        host: addr.ip().to_string(),
        port: addr.port(),
    }
}

/// A device configuration for tests: firmware `2.3.4`, a short reconnect backoff.
pub fn device_config(addr: SocketAddr, id: &str) -> DeviceConfig {
    let mut config = DeviceConfig::new(id, broker_address(addr));
    config.firmware = "2.3.4".into();
    config.reconnect_backoff = Duration::from_millis(100);
    config
}

/// The next finished connection recorded by `tap` (bounded).
pub async fn finished_connection(tap: &mut tap::Tap) -> Vec<tap::Sent> {
    tokio::time::timeout(WAIT, tap.finished.recv())
        .await
        .expect("a connection finished within the time limit")
        .expect("the tap is running")
}

/// Waits (bounded) until the device's status satisfies `condition`.
pub async fn wait_status(
    device: &DeviceHandle,
    what: &str,
    condition: impl FnMut(&DeviceStatus) -> bool,
) -> DeviceStatus {
    tokio::time::timeout(WAIT, device.wait_until(condition))
        .await
        .unwrap_or_else(|_| {
            panic!(
                "device {} not {what} within {WAIT:?}: {:?}",
                device.id(),
                device.status()
            )
        })
}

/// Waits until every device is online.
pub async fn wait_online(devices: &[DeviceHandle]) {
    for d in devices {
        wait_status(d, "online", |s| s.online).await;
    }
}

/// A rumqttc v5 client playing the cloud application.
pub struct Cloud {
    /// The client, for publishing.
    pub client: AsyncClient,
    packets: mpsc::UnboundedReceiver<Packet>,
    backlog: VecDeque<Publish>,
    poller: JoinHandle<()>,
}

impl Drop for Cloud {
    fn drop(&mut self) {
        self.poller.abort();
    }
}

impl Cloud {
    /// Connects (MQTT 5, clean start) and waits for the CONNACK.
    pub async fn connect(addr: SocketAddr, client_id: &str) -> Self {
        Self::connect_with(MqttOptions::new(
            client_id,
            addr.ip().to_string(),
            addr.port(),
        ))
        .await
    }

    /// Connects with these options and waits for the CONNACK.
    pub async fn connect_with(options: MqttOptions) -> Self {
        let (client, mut eventloop) = AsyncClient::new(options, 64);
        let (tx, packets) = mpsc::unbounded_channel();
        let poller = tokio::spawn(async move {
            loop {
                match eventloop.poll().await {
                    Ok(Event::Incoming(packet)) => {
                        if tx.send(packet).is_err() {
                            return;
                        }
                    }
                    Ok(Event::Outgoing(_)) => {}
                    Err(e) => panic!("cloud application connection failed: {e}"),
                }
            }
        });
        let mut cloud = Self {
            client,
            packets,
            backlog: VecDeque::new(),
            poller,
        };
        match cloud.next_packet().await {
            Packet::ConnAck(_) => {}
            other => panic!("expected CONNACK, got {other:?}"),
        }
        cloud
    }

    async fn next_packet(&mut self) -> Packet {
        tokio::time::timeout(WAIT, self.packets.recv())
            .await
            .expect("a packet within the time limit")
            .expect("the cloud application's event loop is running")
    }

    /// Subscribes (QoS 1) and waits for the SUBACK; publishes arriving meanwhile are kept.
    pub async fn subscribe(&mut self, filter: &str) {
        self.client
            .subscribe(filter, QoS::AtLeastOnce)
            .await
            .expect("queue SUBSCRIBE");
        loop {
            match self.next_packet().await {
                Packet::SubAck(ack) => {
                    assert!(
                        ack.return_codes.iter().all(|c| matches!(
                            c,
                            rumqttc::v5::mqttbytes::v5::SubscribeReasonCode::Success(_)
                        )),
                        "SUBACK refused: {ack:?}"
                    );
                    return;
                }
                Packet::Publish(p) => self.backlog.push_back(p),
                _ => {}
            }
        }
    }

    /// The next PUBLISH received.
    pub async fn next_publish(&mut self) -> Publish {
        if let Some(p) = self.backlog.pop_front() {
            return p;
        }
        loop {
            if let Packet::Publish(p) = self.next_packet().await {
                return p;
            }
        }
    }

    /// The first PUBLISH satisfying `wanted`, skipping others; all within [`WAIT`] in total
    /// (a stream of other messages cannot keep the wait going).
    pub async fn expect_where(
        &mut self,
        what: &str,
        mut wanted: impl FnMut(&Publish) -> bool,
    ) -> Publish {
        let search = async {
            loop {
                let p = self.next_publish().await;
                if wanted(&p) {
                    return p;
                }
            }
        };
        tokio::time::timeout(WAIT, search)
            .await
            .unwrap_or_else(|_| panic!("no {what} within {WAIT:?}"))
    }

    /// The next PUBLISH on `topic` with `payload`, skipping others (bounded).
    pub async fn expect_message(&mut self, topic: &str, payload: &str) -> Publish {
        self.expect_where(&format!("`{payload}` on {topic}"), |p| {
            p.topic.as_ref() == topic.as_bytes() && p.payload.as_ref() == payload.as_bytes()
        })
        .await
    }

    /// Waits for one PUBLISH per `(topic, payload)` pair, in any order, skipping others
    /// (each within [`WAIT`]).
    pub async fn expect_all(&mut self, wanted: &[(&str, &str)]) {
        let mut missing: Vec<_> = wanted.to_vec();
        while !missing.is_empty() {
            let p = self
                .expect_where(&format!("any of {missing:?}"), |p| {
                    missing.iter().any(|(t, m)| {
                        p.topic.as_ref() == t.as_bytes() && p.payload.as_ref() == m.as_bytes()
                    })
                })
                .await;
            missing.retain(|(t, m)| {
                !(p.topic.as_ref() == t.as_bytes() && p.payload.as_ref() == m.as_bytes())
            });
        }
    }

    /// The next PUBLISH on `topic`, skipping others (bounded).
    pub async fn expect_topic(&mut self, topic: &str) -> Publish {
        self.expect_where(&format!("message on {topic}"), |p| {
            p.topic.as_ref() == topic.as_bytes()
        })
        .await
    }

    /// Asserts that no PUBLISH on `topic` arrives within [`QUIET`].
    pub async fn expect_nothing_on(&mut self, topic: &str) {
        let deadline = tokio::time::Instant::now() + QUIET;
        while let Some(p) = self.backlog.pop_front() {
            assert_ne!(p.topic.as_ref(), topic.as_bytes(), "unexpected {p:?}");
        }
        while let Ok(Some(packet)) = tokio::time::timeout_at(deadline, self.packets.recv()).await {
            if let Packet::Publish(p) = packet {
                assert_ne!(p.topic.as_ref(), topic.as_bytes(), "unexpected {p:?}");
            }
        }
    }

    /// Publishes a desired request (QoS 1) to `devices/{device}/desired`.
    pub async fn request(
        &self,
        device: &str,
        payload: &str,
        response_topic: Option<&str>,
        correlation: &str,
    ) {
        let properties = PublishProperties {
            response_topic: response_topic.map(str::to_owned),
            correlation_data: Some(Bytes::copy_from_slice(correlation.as_bytes())),
            ..PublishProperties::default()
        };
        self.client
            .publish_with_properties(
                format!("devices/{device}/desired"),
                QoS::AtLeastOnce,
                false,
                payload.to_owned(),
                properties,
            )
            .await
            .expect("queue PUBLISH");
    }
}

/// A response's parts, for assertions.
#[derive(Debug)]
pub struct Response {
    /// The topic it arrived on.
    pub topic: String,
    /// Its correlation data as text.
    pub correlation: String,
    /// Its payload parsed as JSON.
    pub state: serde_json::Value,
    /// The `firmware` user property.
    pub firmware: Option<String>,
    /// The `error` user property.
    pub error: Option<String>,
    /// Content Type.
    pub content_type: Option<String>,
    /// Payload Format Indicator.
    pub payload_format: Option<u8>,
}

impl Response {
    /// Takes a response apart.
    pub fn parse(p: &Publish) -> Self {
        let props = p.properties.clone().unwrap_or_default();
        let user = |key: &str| {
            props
                .user_properties
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        Self {
            topic: String::from_utf8(p.topic.to_vec()).expect("UTF-8 topic"),
            correlation: String::from_utf8(
                props.correlation_data.clone().unwrap_or_default().to_vec(),
            )
            .expect("UTF-8 correlation data"),
            state: serde_json::from_slice(&p.payload).expect("the response payload is JSON"),
            firmware: user("firmware"),
            error: user("error"),
            content_type: props.content_type.clone(),
            payload_format: props.payload_format_indicator,
        }
    }
}
