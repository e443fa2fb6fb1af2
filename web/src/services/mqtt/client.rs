//! The browser transport of the MQTT session: a `WebSocket` (binary frames,
//! subprotocol `mqtt`), the protocol layer's timers (keep-alive PINGREQ,
//! PINGRESP timeout) as browser timeouts, a CONNACK timeout, and reconnecting
//! with exponential backoff.
//!
//! Events reach the application through one callback, always called with no
//! internal borrow held, so the callback may call back into the client.

use super::session::{ConnectOptions, Notice, OutgoingPublish, Output, Session, SessionError};
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use tern_protocol::mqtt::connection::TimerKind;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};

/// How long the broker has to answer CONNECT before the attempt counts as failed.
const CONNACK_TIMEOUT_MS: u32 = 10_000;
/// First reconnect delay; doubles per failed attempt up to [`MAX_BACKOFF_MS`].
const FIRST_BACKOFF_MS: u32 = 1_000;
/// Longest reconnect delay.
const MAX_BACKOFF_MS: u32 = 30_000;

/// What the client tells the application.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientEvent {
    /// Opening a WebSocket (attempt 1 is the first, then reconnects).
    Connecting {
        /// The attempt number.
        attempt: u32,
    },
    /// Something happened on the MQTT connection (CONNACK, messages, acks, ...).
    Notice(Notice),
    /// The connection ended.
    Lost {
        /// Why, for people.
        reason: String,
        /// When the next attempt starts (ms since the epoch); `None`: no more attempts.
        retry_at_ms: Option<f64>,
        /// The number of the next attempt.
        next_attempt: u32,
    },
    /// [`MqttClient::disconnect`] or [`MqttClient::kill`] finished; nothing more follows.
    Stopped,
}

/// Where the client connects and with what.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// `ws://…/mqtt` or `wss://…/mqtt`.
    pub url: String,
    /// CONNECT's contents.
    pub options: ConnectOptions,
    /// Reconnect after a lost connection (with backoff).
    pub reconnect: bool,
}

type Handler = Rc<dyn Fn(ClientEvent)>;

struct Socket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}

struct Inner {
    config: ClientConfig,
    session: Session,
    socket: Option<Socket>,
    /// Identifies the current socket: callbacks of older sockets are ignored.
    generation: u64,
    /// PingreqSend, PingrespRecv, PingreqRecv.
    timers: [Option<Timeout>; 3],
    connack_timer: Option<Timeout>,
    reconnect_timer: Option<Timeout>,
    attempt: u32,
    /// No more reconnects (stopped by the application, or a refusal).
    stopped: bool,
    /// Why the current connection is ending, if known before the socket closes.
    end_reason: Option<String>,
    /// Retry after this connection ends (false after a CONNACK refusal that retrying cannot fix).
    retry: bool,
    handler: Handler,
    weak: Weak<RefCell<Inner>>,
}

fn timer_slot(kind: TimerKind) -> usize {
    match kind {
        TimerKind::PingreqSend => 0,
        TimerKind::PingrespRecv => 1,
        TimerKind::PingreqRecv => 2,
    }
}

/// CONNACK codes that retrying with the same credentials cannot fix.
fn refusal_is_final(code: u8) -> bool {
    matches!(
        code,
        0x84 | 0x85 | 0x86 | 0x87 | 0x8A | 0x8C | 0x95 | 0x9A | 0x9B
    )
}

/// A reconnecting MQTT 5 client over a browser WebSocket.
#[derive(Clone)]
pub struct MqttClient {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for MqttClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl MqttClient {
    /// Starts connecting; `on_event` receives everything that happens.
    pub fn start(config: ClientConfig, on_event: impl Fn(ClientEvent) + 'static) -> Self {
        let inner = Rc::new_cyclic(|weak| {
            RefCell::new(Inner {
                config,
                session: Session::new(),
                socket: None,
                generation: 0,
                timers: [None, None, None],
                connack_timer: None,
                reconnect_timer: None,
                attempt: 0,
                stopped: false,
                end_reason: None,
                retry: true,
                handler: Rc::new(on_event),
                weak: weak.clone(),
            })
        });
        let events = inner.borrow_mut().open();
        emit(&inner, events);
        Self { inner }
    }

    /// Whether CONNACK accepted the current connection.
    pub fn is_connected(&self) -> bool {
        self.inner.borrow().session.is_connected()
    }

    /// Subscribes to `filters` (QoS 1); returns the packet identifier of the SUBACK to expect.
    pub fn subscribe(&self, filters: &[&str]) -> Result<u16, SessionError> {
        let (id, events) = {
            let mut inner = self.inner.borrow_mut();
            let (id, outputs) = inner.session.subscribe(filters)?;
            (id, inner.perform(outputs))
        };
        emit(&self.inner, events);
        Ok(id)
    }

    /// Publishes `msg`; returns the packet identifier of the PUBACK to expect (QoS 1).
    pub fn publish(&self, msg: &OutgoingPublish) -> Result<Option<u16>, SessionError> {
        let (id, events) = {
            let mut inner = self.inner.borrow_mut();
            let (id, outputs) = inner.session.publish(msg)?;
            (id, inner.perform(outputs))
        };
        emit(&self.inner, events);
        Ok(id)
    }

    /// Sends DISCONNECT (the broker discards the will), closes, and stops reconnecting.
    pub fn disconnect(&self) {
        let events = {
            let mut inner = self.inner.borrow_mut();
            inner.stopped = true;
            inner.reconnect_timer = None;
            let outputs = inner.session.disconnect();
            let mut events = inner.perform(outputs);
            events.extend(inner.teardown());
            events.push(ClientEvent::Stopped);
            events
        };
        emit(&self.inner, events);
    }

    /// Closes the WebSocket without DISCONNECT (the broker publishes the will,
    /// as for a device that vanished) and stops reconnecting.
    pub fn kill(&self) {
        let events = {
            let mut inner = self.inner.borrow_mut();
            inner.stopped = true;
            inner.reconnect_timer = None;
            let mut events = inner.teardown();
            events.push(ClientEvent::Stopped);
            events
        };
        emit(&self.inner, events);
    }
}

/// Calls the handler for each event, with no borrow of `inner` held.
fn emit(inner: &Rc<RefCell<Inner>>, events: Vec<ClientEvent>) {
    if events.is_empty() {
        return;
    }
    let handler = inner.borrow().handler.clone();
    for e in events {
        handler(e);
    }
}

/// Runs `f` on the client's state if it still exists and `generation` is current.
fn with_current(
    weak: &Weak<RefCell<Inner>>,
    generation: u64,
    f: impl FnOnce(&mut Inner) -> Vec<ClientEvent>,
) {
    let Some(inner) = weak.upgrade() else { return };
    let events = {
        let mut i = inner.borrow_mut();
        if i.generation != generation {
            return;
        }
        f(&mut i)
    };
    emit(&inner, events);
}

impl Inner {
    /// Opens a new WebSocket and wires its callbacks.
    fn open(&mut self) -> Vec<ClientEvent> {
        self.reconnect_timer = None;
        self.attempt += 1;
        self.generation += 1;
        self.session = Session::new();
        self.end_reason = None;
        self.retry = true;
        let mut events = vec![ClientEvent::Connecting {
            attempt: self.attempt,
        }];
        let ws = match WebSocket::new_with_str(&self.config.url, "mqtt") {
            Ok(ws) => ws,
            Err(e) => {
                self.end_reason = Some(format!(
                    "cannot open a WebSocket to {}: {}",
                    self.config.url,
                    js_error_text(&e)
                ));
                events.extend(self.connection_ended());
                return events;
            }
        };
        ws.set_binary_type(BinaryType::Arraybuffer);
        let generation = self.generation;

        let weak = self.weak.clone();
        let on_open = Closure::<dyn FnMut()>::new(move || {
            with_current(&weak, generation, Inner::on_open);
        });
        let weak = self.weak.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Ok(buf) = e.data().dyn_into::<js_sys::ArrayBuffer>() else {
                return; // MQTT over WebSocket uses binary frames only [MQTT-6.0.0-1].
            };
            let bytes = js_sys::Uint8Array::new(&buf).to_vec();
            with_current(&weak, generation, |i| {
                let outputs = i.session.receive(&bytes);
                i.perform(outputs)
            });
        });
        let weak = self.weak.clone();
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| {
            with_current(&weak, generation, |i| {
                if i.end_reason.is_none() {
                    i.end_reason = Some(if e.code() == 1006 {
                        "the connection was lost (no WebSocket close handshake)".to_string()
                    } else {
                        format!("the WebSocket closed (code {} {})", e.code(), e.reason())
                    });
                }
                i.connection_ended()
            });
        });
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        self.socket = Some(Socket {
            ws,
            _on_open: on_open,
            _on_message: on_message,
            _on_close: on_close,
        });
        let weak = self.weak.clone();
        self.connack_timer = Some(Timeout::new(CONNACK_TIMEOUT_MS, move || {
            with_current(&weak, generation, |i| {
                if i.session.is_connected() {
                    return Vec::new();
                }
                i.end_reason = Some(format!("no CONNACK within {} s", CONNACK_TIMEOUT_MS / 1000));
                i.connection_ended()
            });
        }));
        events
    }

    fn on_open(&mut self) -> Vec<ClientEvent> {
        match self.session.connect(&self.config.options) {
            Ok(outputs) => self.perform(outputs),
            Err(e) => {
                self.end_reason = Some(e.to_string());
                self.retry = false;
                self.connection_ended()
            }
        }
    }

    /// Acts on the session's outputs; returns the events for the application.
    fn perform(&mut self, outputs: Vec<Output>) -> Vec<ClientEvent> {
        let mut events = Vec::new();
        let mut close = false;
        for o in outputs {
            match o {
                Output::Send(bytes) => {
                    if let Some(s) = &self.socket {
                        if let Err(e) = s.ws.send_with_u8_array(&bytes) {
                            self.end_reason
                                .get_or_insert(format!("sending failed: {}", js_error_text(&e)));
                            close = true;
                        }
                    }
                }
                Output::StartTimer { kind, ms } => {
                    let weak = self.weak.clone();
                    let generation = self.generation;
                    let delay = u32::try_from(ms).unwrap_or(u32::MAX);
                    self.timers[timer_slot(kind)] = Some(Timeout::new(delay, move || {
                        with_current(&weak, generation, |i| {
                            i.timers[timer_slot(kind)] = None;
                            let outputs = i.session.timer_fired(kind);
                            i.perform(outputs)
                        });
                    }));
                }
                Output::CancelTimer(kind) => self.timers[timer_slot(kind)] = None,
                Output::Close => close = true,
                Output::Notice(n) => {
                    match &n {
                        Notice::Connected { .. } => {
                            self.connack_timer = None;
                            self.attempt = 0;
                        }
                        Notice::Refused { code, reason } => {
                            self.retry = !refusal_is_final(*code);
                            self.end_reason = Some(format!(
                                "CONNACK 0x{code:02X} {}{}",
                                tern_protocol::connect_reason_text(*code),
                                reason
                                    .as_ref()
                                    .map(|r| format!(": {r}"))
                                    .unwrap_or_default()
                            ));
                            close = true;
                        }
                        Notice::ServerDisconnect { code, reason } => {
                            self.end_reason = Some(format!(
                                "the broker sent DISCONNECT 0x{code:02X} {}{}",
                                tern_protocol::disconnect_reason_text(*code),
                                reason
                                    .as_ref()
                                    .map(|r| format!(": {r}"))
                                    .unwrap_or_default()
                            ));
                        }
                        Notice::ProtocolError(e) => {
                            self.end_reason
                                .get_or_insert(format!("protocol error: {e}"));
                        }
                        _ => {}
                    }
                    events.push(ClientEvent::Notice(n));
                }
            }
        }
        if close && !self.stopped {
            events.extend(self.connection_ended());
        }
        events
    }

    /// Drops the socket and timers (no reconnect scheduling).
    fn teardown(&mut self) -> Vec<ClientEvent> {
        self.generation += 1;
        self.socket = None;
        self.timers = [None, None, None];
        self.connack_timer = None;
        self.session.closed();
        Vec::new()
    }

    /// The current connection is over: tear down and schedule the next attempt.
    fn connection_ended(&mut self) -> Vec<ClientEvent> {
        self.teardown();
        let reason = self
            .end_reason
            .take()
            .unwrap_or_else(|| "the connection closed".into());
        if self.stopped || !self.config.reconnect || !self.retry {
            self.stopped = true;
            return vec![ClientEvent::Lost {
                reason,
                retry_at_ms: None,
                next_attempt: self.attempt + 1,
            }];
        }
        let exp = self.attempt.saturating_sub(1).min(5);
        let base = (FIRST_BACKOFF_MS << exp).min(MAX_BACKOFF_MS);
        // Up to 20% jitter, so many dashboards do not reconnect in step.
        let delay = base + (f64::from(base) * 0.2 * js_sys::Math::random()) as u32;
        let weak = self.weak.clone();
        let generation = self.generation;
        self.reconnect_timer = Some(Timeout::new(delay, move || {
            with_current(&weak, generation, Inner::open);
        }));
        vec![ClientEvent::Lost {
            reason,
            retry_at_ms: Some(js_sys::Date::now() + f64::from(delay)),
            next_attempt: self.attempt + 1,
        }]
    }
}

/// A JavaScript exception as text.
fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
