//! One simulated device: its task, its reconnect loop, and the [`DeviceHandle`] that lets
//! `tern demo` and the tests observe and poke it.
//!
//! Each connection attempt gets a fresh rumqttc v5 `AsyncClient` + `EventLoop`. The event
//! loop is polled by its own task (the "poller"), which forwards every event over a channel,
//! so the device task only ever waits on cancel-safe futures. An **abrupt drop** aborts the
//! poller: the `EventLoop`, and with it the socket, is dropped without a DISCONNECT, and the
//! broker sees a lost connection and publishes the will. A **clean shutdown** publishes a
//! retained `offline`, sends DISCONNECT 0x00 (no will) and waits for the broker to close.
//!
//! Outgoing messages go through a local outbox and rumqttc's non-blocking `try_*` calls, so
//! the device never blocks on rumqttc's bounded request channel while it is also the one that
//! must consume events.

use crate::config::DeviceConfig;
use crate::state::DeviceState;
use crate::topics;
use bytes::Bytes;
use rumqttc::v5::mqttbytes::v5::{LastWill, Packet, Publish, PublishProperties};
use rumqttc::v5::mqttbytes::QoS;
use rumqttc::v5::{AsyncClient, ConnectionError, Event, EventLoop, MqttOptions};
use rumqttc::{Outgoing, TlsConfiguration, Transport};
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, watch, Notify};
use tokio::task::{JoinError, JoinHandle};
use tokio::time::{Instant, Interval, MissedTickBehavior};
use tokio_util::sync::CancellationToken;
use tracing::{debug, info, warn};

/// Capacity of rumqttc's request channel (a fresh one per connection).
const REQUEST_CHANNEL: usize = 64;
/// Capacity of the poller → device event channel.
const EVENT_CHANNEL: usize = 64;
/// The largest packet the device accepts (Event Grid's limit).
const MAX_PACKET_SIZE: u32 = 512 * 1024;
/// How long a clean shutdown waits for the broker to close the connection.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a connection attempt (TCP, TLS, CONNECT/CONNACK) may take, in seconds.
const CONNECT_TIMEOUT_SECS: u64 = 5;
/// The reconnect pause grows up to this multiple of the configured backoff.
const MAX_BACKOFF_FACTOR: u32 = 16;

/// What a device is doing, as observed through [`DeviceHandle::status`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceStatus {
    /// Connected, subscribed to its desired topic, and its retained `online` acknowledged.
    pub online: bool,
    /// How many times the device has come online.
    pub sessions: u64,
    /// How many abrupt drops (chaos or [`DeviceHandle::drop_connection`]) it has made.
    pub drops: u64,
    /// How many connection attempts failed or connections were lost without being dropped
    /// on purpose (broker unreachable, CONNECT refused, broker went away).
    pub failures: u64,
    /// Desired requests received and waiting while responses are held.
    pub held: usize,
    /// The `$version` of its state.
    pub version: u64,
}

/// The device's side of its handle's controls.
#[derive(Debug)]
struct Control {
    /// Asks for an abrupt drop (a stored permit if the device is not connected yet).
    drop_now: Notify,
    /// `true` while responses are held.
    hold: watch::Sender<bool>,
}

/// A running simulated device.
#[derive(Debug)]
pub struct DeviceHandle {
    id: String,
    control: Arc<Control>,
    status: watch::Receiver<DeviceStatus>,
    task: JoinHandle<()>,
}

impl DeviceHandle {
    /// The device id (MQTT client id).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Drops the connection abruptly, as chaos does: the socket is closed without a
    /// DISCONNECT, so the broker publishes the will (`offline`); the device reconnects after
    /// its backoff and publishes `online` again. If the device is not connected, the drop
    /// happens as soon as it is.
    pub fn drop_connection(&self) {
        self.control.drop_now.notify_one();
    }

    /// Holds responses: desired requests arriving from now on are queued, unanswered and
    /// unapplied, until [`release_responses`](Self::release_responses) (a busy device).
    pub fn hold_responses(&self) {
        self.control.hold.send_replace(true);
    }

    /// Applies and answers the held requests in arrival order, and stops holding.
    pub fn release_responses(&self) {
        self.control.hold.send_replace(false);
    }

    /// The current status.
    pub fn status(&self) -> DeviceStatus {
        self.status.borrow().clone()
    }

    /// A receiver that sees every status change.
    pub fn watch_status(&self) -> watch::Receiver<DeviceStatus> {
        self.status.clone()
    }

    /// Waits until the status satisfies `condition` and returns it (callers bound the wait).
    pub async fn wait_until(&self, condition: impl FnMut(&DeviceStatus) -> bool) -> DeviceStatus {
        let mut rx = self.status.clone();
        let result = rx.wait_for(condition).await.map(|s| s.clone());
        // The sender lives as long as the device task; if that ended, report the last status.
        result.unwrap_or_else(|_| self.status())
    }

    /// Waits for the device task to end (it ends when its shutdown token is cancelled).
    pub async fn join(self) -> Result<(), JoinError> {
        self.task.await
    }
}

/// Starts one device on the current tokio runtime; it runs until `shutdown` is cancelled,
/// then publishes a retained `offline` and disconnects cleanly.
pub fn spawn_device(config: DeviceConfig, shutdown: CancellationToken) -> DeviceHandle {
    let (hold, hold_rx) = watch::channel(false);
    let control = Arc::new(Control {
        drop_now: Notify::new(),
        hold,
    });
    let (status_tx, status) = watch::channel(DeviceStatus::default());
    let id = config.id.clone();
    let device = Device {
        state: DeviceState::new(config.initial_state.clone()),
        status_topic: topics::status(&config.id),
        desired_topic: topics::desired(&config.id),
        reported_topic: topics::reported(&config.id),
        config,
        control: Arc::clone(&control),
        hold_rx,
        status: status_tx,
        shutdown,
        held: VecDeque::new(),
        outbox: VecDeque::new(),
    };
    let task = tokio::spawn(device.run());
    DeviceHandle {
        id,
        control,
        status,
        task,
    }
}

/// Runs one device until `shutdown` is cancelled.
pub async fn run_device(
    config: DeviceConfig,
    shutdown: CancellationToken,
) -> Result<(), JoinError> {
    spawn_device(config, shutdown).join().await
}

/// A message waiting to be handed to rumqttc.
enum Outbound {
    /// A QoS 1 PUBLISH.
    Publish {
        topic: String,
        retain: bool,
        payload: Bytes,
        properties: Option<Box<PublishProperties>>,
    },
    /// DISCONNECT 0x00.
    Disconnect,
}

/// How one connection ended.
enum Ended {
    /// The shutdown token was cancelled.
    Shutdown,
    /// An abrupt drop was made on purpose.
    Dropped,
    /// Connecting failed or the connection was lost.
    Lost {
        /// Whether the device had come online on it.
        was_online: bool,
        /// What rumqttc reported.
        error: String,
    },
}

/// One connection's rumqttc client and poller.
struct Link {
    client: AsyncClient,
    poller: JoinHandle<()>,
    events: mpsc::Receiver<Result<Event, ConnectionError>>,
    /// CONNACK received.
    connected: bool,
    /// The `online` PUBLISH has been queued; its packet id is the next outgoing one.
    online_queued: bool,
    /// The packet id of the `online` PUBLISH, until its PUBACK.
    online_pkid: Option<u16>,
    /// The PUBACK of `online` arrived.
    online: bool,
}

impl Link {
    fn open(options: MqttOptions) -> Self {
        let (client, eventloop) = AsyncClient::new(options, REQUEST_CHANNEL);
        let (tx, events) = mpsc::channel(EVENT_CHANNEL);
        Self {
            client,
            poller: tokio::spawn(poll_events(eventloop, tx)),
            events,
            connected: false,
            online_queued: false,
            online_pkid: None,
            online: false,
        }
    }

    /// Closes the socket without a DISCONNECT: aborting the poller drops the `EventLoop`,
    /// which owns the network connection. Returns once it is dropped.
    async fn abort(self) {
        self.poller.abort();
        let _ = self.poller.await;
    }
}

/// The poller: drives rumqttc's event loop and forwards its events until it fails.
async fn poll_events(mut eventloop: EventLoop, tx: mpsc::Sender<Result<Event, ConnectionError>>) {
    loop {
        let event = eventloop.poll().await;
        let failed = event.is_err();
        if tx.send(event).await.is_err() || failed {
            return;
        }
    }
}

/// The device task's state.
struct Device {
    config: DeviceConfig,
    state: DeviceState,
    status_topic: String,
    desired_topic: String,
    reported_topic: String,
    control: Arc<Control>,
    hold_rx: watch::Receiver<bool>,
    status: watch::Sender<DeviceStatus>,
    shutdown: CancellationToken,
    /// Desired requests received while responses are held.
    held: VecDeque<Publish>,
    /// Messages not yet accepted by rumqttc's request channel (kept across reconnects).
    outbox: VecDeque<Outbound>,
}

impl Device {
    /// Connects, serves, and reconnects until shutdown.
    async fn run(mut self) {
        let id = self.config.id.clone();
        let mut failures: u32 = 0;
        loop {
            let ended = self.connection().await;
            self.status.send_modify(|s| {
                s.online = false;
                s.failures += u64::from(matches!(ended, Ended::Lost { .. }));
            });
            let pause = match ended {
                Ended::Shutdown => {
                    info!(device = %id, "stopped");
                    return;
                }
                Ended::Dropped => {
                    failures = 0;
                    self.config.reconnect_backoff
                }
                Ended::Lost { was_online, error } => {
                    if was_online {
                        failures = 0;
                    }
                    let factor = 2u32.saturating_pow(failures).min(MAX_BACKOFF_FACTOR);
                    failures = failures.saturating_add(1);
                    let pause = self.config.reconnect_backoff * factor;
                    warn!(device = %id, %error, ?pause, "connection lost or refused; reconnecting");
                    pause
                }
            };
            tokio::select! {
                () = self.shutdown.cancelled() => {
                    info!(device = %id, "stopped while disconnected");
                    return;
                }
                () = tokio::time::sleep(pause) => {}
            }
        }
    }

    fn mqtt_options(&self) -> MqttOptions {
        let c = &self.config;
        let mut options = MqttOptions::new(&c.id, &c.broker.host, c.broker.port);
        options
            .set_keep_alive(c.keep_alive)
            .set_clean_start(true)
            .set_connection_timeout(CONNECT_TIMEOUT_SECS)
            .set_max_packet_size(Some(MAX_PACKET_SIZE))
            .set_last_will(LastWill::new(
                &self.status_topic,
                topics::OFFLINE,
                QoS::AtLeastOnce,
                true,
                None,
            ));
        if !c.username.is_empty() || c.password.is_some() {
            options.set_credentials(&c.username, c.password.clone().unwrap_or_default());
        }
        if let Some(tls) = &c.tls {
            options.set_transport(Transport::tls_with_config(TlsConfiguration::Rustls(
                Arc::clone(&tls.client_config),
            )));
        }
        options
    }

    /// One connection, from CONNECT to its end.
    async fn connection(&mut self) -> Ended {
        let mut link = Link::open(self.mqtt_options());
        let mut chaos = chaos_timer(self.config.chaos_rate);
        loop {
            if link.connected {
                self.flush_outbox(&link.client);
            }
            tokio::select! {
                biased;
                () = self.shutdown.cancelled() => {
                    if link.connected {
                        self.close_cleanly(link).await;
                    } else {
                        link.abort().await;
                    }
                    return Ended::Shutdown;
                }
                () = self.control.drop_now.notified(), if link.connected => {
                    return self.drop_abruptly(link, "drop_connection").await;
                }
                () = tick(&mut chaos), if link.connected => {
                    if fastrand::f64() < self.config.chaos_rate {
                        return self.drop_abruptly(link, "chaos").await;
                    }
                }
                Ok(()) = self.hold_rx.changed() => {
                    if !*self.hold_rx.borrow_and_update() {
                        self.answer_held();
                    }
                }
                event = link.events.recv() => match event {
                    Some(Ok(event)) => self.on_event(&mut link, event),
                    Some(Err(error)) => {
                        let was_online = link.online;
                        link.abort().await;
                        return Ended::Lost { was_online, error: error.to_string() };
                    }
                    None => {
                        let was_online = link.online;
                        link.abort().await;
                        return Ended::Lost { was_online, error: "event loop ended".into() };
                    }
                },
            }
        }
    }

    fn on_event(&mut self, link: &mut Link, event: Event) {
        let id = &self.config.id;
        match event {
            Event::Incoming(Packet::ConnAck(_)) => {
                debug!(device = %id, "CONNACK");
                link.connected = true;
                // SUBSCRIBE before `online`: the broker handles them in order, so whoever sees
                // `online` can already reach the device on its desired topic.
                if let Err(e) = link
                    .client
                    .try_subscribe(&self.desired_topic, QoS::AtLeastOnce)
                {
                    warn!(device = %id, error = %e, "could not queue SUBSCRIBE");
                }
                self.outbox.push_front(Outbound::Publish {
                    topic: self.status_topic.clone(),
                    retain: true,
                    payload: Bytes::from_static(topics::ONLINE.as_bytes()),
                    properties: None,
                });
                link.online_queued = true;
            }
            Event::Outgoing(Outgoing::Publish(pkid)) if link.online_queued => {
                link.online_queued = false;
                link.online_pkid = Some(pkid);
            }
            Event::Incoming(Packet::PubAck(ack)) if Some(ack.pkid) == link.online_pkid => {
                link.online_pkid = None;
                link.online = true;
                self.status.send_modify(|s| {
                    s.online = true;
                    s.sessions += 1;
                });
                info!(device = %id, "online");
            }
            Event::Incoming(Packet::Publish(request)) => {
                if request.topic.as_ref() != self.desired_topic.as_bytes() {
                    debug!(device = %id, topic = ?request.topic, "ignoring a message on another topic");
                } else if *self.hold_rx.borrow() {
                    self.held.push_back(request);
                    let held = self.held.len();
                    self.status.send_modify(|s| s.held = held);
                } else {
                    self.answer(request);
                }
            }
            Event::Incoming(Packet::Disconnect(d)) => {
                warn!(device = %id, reason = ?d.reason_code, "broker sent DISCONNECT");
            }
            _ => {}
        }
    }

    fn answer_held(&mut self) {
        while let Some(request) = self.held.pop_front() {
            self.answer(request);
        }
        self.status.send_modify(|s| s.held = 0);
    }

    /// Applies a desired request and queues the response: the full reported state on the
    /// Response Topic (or `devices/{id}/reported`) with the request's Correlation Data.
    fn answer(&mut self, request: Publish) {
        let id = &self.config.id;
        let request_properties = request.properties.unwrap_or_default();
        let mut problem = None;
        let topic = match request_properties.response_topic {
            None => self.reported_topic.clone(),
            Some(topic) => match topics::publish_topic_problem(&topic) {
                None => topic,
                Some(why) => {
                    problem = Some(format!("response topic `{topic}` {why}"));
                    self.reported_topic.clone()
                }
            },
        };
        if problem.is_none() {
            match self.state.apply_desired(&request.payload) {
                Ok(changed) => {
                    debug!(device = %id, changed, version = self.state.version(), "applied desired properties");
                }
                Err(e) => problem = Some(e.to_string()),
            }
        }
        let mut user_properties = vec![(
            topics::FIRMWARE_PROPERTY.to_owned(),
            self.config.firmware.clone(),
        )];
        if let Some(problem) = problem {
            warn!(device = %id, %problem, "refused a desired request");
            user_properties.push((topics::ERROR_PROPERTY.to_owned(), problem));
        }
        let properties = PublishProperties {
            payload_format_indicator: Some(1),
            content_type: Some(topics::CONTENT_TYPE_JSON.to_owned()),
            correlation_data: request_properties.correlation_data,
            user_properties,
            ..PublishProperties::default()
        };
        self.outbox.push_back(Outbound::Publish {
            topic,
            retain: false,
            payload: Bytes::from(self.state.reported_bytes()),
            properties: Some(Box::new(properties)),
        });
        let version = self.state.version();
        self.status.send_modify(|s| s.version = version);
    }

    /// Hands queued messages to rumqttc until its request channel is full.
    fn flush_outbox(&mut self, client: &AsyncClient) {
        while let Some(item) = self.outbox.pop_front() {
            let result = match &item {
                Outbound::Publish {
                    topic,
                    retain,
                    payload,
                    properties: Some(properties),
                } => client.try_publish_with_properties(
                    topic.as_str(),
                    QoS::AtLeastOnce,
                    *retain,
                    payload.clone(),
                    PublishProperties::clone(properties),
                ),
                Outbound::Publish {
                    topic,
                    retain,
                    payload,
                    properties: None,
                } => client.try_publish(topic.as_str(), QoS::AtLeastOnce, *retain, payload.clone()),
                Outbound::Disconnect => client.try_disconnect(),
            };
            if result.is_err() {
                // Full (topics are checked before they are queued): retry after the next event.
                self.outbox.push_front(item);
                return;
            }
        }
    }

    async fn drop_abruptly(&mut self, link: Link, why: &str) -> Ended {
        link.abort().await;
        self.status.send_modify(|s| {
            s.online = false;
            s.drops += 1;
        });
        info!(device = %self.config.id, why, "dropped the connection abruptly (no DISCONNECT)");
        Ended::Dropped
    }

    /// Publishes a retained `offline`, sends DISCONNECT 0x00 and waits (bounded) for the
    /// broker to close the connection, which proves it read both.
    async fn close_cleanly(&mut self, mut link: Link) {
        let id = self.config.id.clone();
        self.outbox.clear();
        self.outbox.push_back(Outbound::Publish {
            topic: self.status_topic.clone(),
            retain: true,
            payload: Bytes::from_static(topics::OFFLINE.as_bytes()),
            properties: None,
        });
        self.outbox.push_back(Outbound::Disconnect);
        let deadline = Instant::now() + CLOSE_TIMEOUT;
        loop {
            self.flush_outbox(&link.client);
            match tokio::time::timeout_at(deadline, link.events.recv()).await {
                Err(_) => {
                    warn!(device = %id, "the broker did not close the connection in time");
                    break;
                }
                Ok(None | Some(Err(_))) => break,
                Ok(Some(Ok(Event::Outgoing(Outgoing::Disconnect)))) => {
                    debug!(device = %id, "sent DISCONNECT");
                }
                Ok(Some(Ok(_))) => {}
            }
        }
        link.abort().await;
        info!(device = %id, "published offline and disconnected");
    }
}

/// A one-second timer for chaos, or none when chaos is off.
fn chaos_timer(rate: f64) -> Option<Interval> {
    (rate > 0.0).then(|| {
        let period = Duration::from_secs(1);
        let mut interval = tokio::time::interval_at(Instant::now() + period, period);
        interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
        interval
    })
}

/// The next chaos tick, or never.
async fn tick(timer: &mut Option<Interval>) {
    match timer {
        Some(interval) => {
            interval.tick().await;
        }
        None => std::future::pending().await,
    }
}
