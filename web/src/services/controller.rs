//! The controller: everything of the dashboard that is not pure state. It
//! owns the MQTT client (WebSocket, keep-alive, reconnect), the request
//! bookkeeping ([`Commander`]), the timers and the `/metrics` reads, and turns
//! what happens into [`Action`]s for the reducer ([`crate::state`]), which
//! only computes what is shown.
//!
//! Events do not dispatch one by one: the controller queues them and a 100 ms
//! interval dispatches one [`Action::Batch`] — at 100 messages/s that is ten
//! renders a second instead of a hundred — and an [`Action::Tick`] when
//! nothing queued (which renders only if something is due).

use crate::services::commands::{Commander, Plan};
use crate::services::credentials::{AuthKind, Login};
use crate::services::mqtt::client::{ClientConfig, ClientEvent, MqttClient};
use crate::services::mqtt::{ConnectOptions, Notice};
use crate::services::{metrics_reader, metrics_token, storage};
use crate::state::devices::STATUS_FILTER;
use crate::state::{Action, Link};
use gloo_timers::callback::Interval;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use tern_protocol::connect_reason_text;

/// How often queued events are applied.
const FLUSH_MS: u32 = 100;
/// Queued actions beyond this are dropped (a tab in the background for long).
const MAX_QUEUED: usize = 50_000;
/// Keep Alive the dashboard asks for.
const KEEP_ALIVE_SECS: u16 = 30;

/// Owns the MQTT client, the request bookkeeping and the timers; queues
/// actions for the reducer.
pub struct Controller {
    client: RefCell<Option<MqttClient>>,
    commander: RefCell<Commander>,
    queue: RefCell<Vec<Action>>,
    dropped: RefCell<u64>,
    client_id: String,
    url: RefCell<String>,
    /// Changed with the metrics token: a `/metrics` read started before
    /// is not shown.
    metrics_generation: Cell<u64>,
    weak: Weak<Controller>,
}

fn random_hex(len: usize) -> String {
    (0..len)
        .map(|_| {
            let n = (js_sys::Math::random() * 16.0) as u32;
            char::from_digit(n.min(15), 16).unwrap_or('0')
        })
        .collect()
}

/// What a CONNACK refusal asks the person to do.
fn refusal_hint(code: u8) -> &'static str {
    match code {
        0x86 => "Check the credentials: the user name and password, or the token (expired, not yet valid, wrong issuer or audience, or a bad signature).",
        0x87 => "This client is not allowed to connect; ask for access or use other credentials.",
        0x8C => "The broker does not accept this authentication method (is JWT authentication configured on the broker?). Try user name and password.",
        0x85 => "The broker refused the client identifier.",
        0x88 | 0x89 => "The broker is unavailable or busy; the dashboard keeps retrying.",
        0x8A => "This client is banned.",
        _ => "",
    }
}

impl Controller {
    /// A controller with a fresh client id, not connected yet.
    pub fn new() -> Rc<Self> {
        let tag = random_hex(8);
        Rc::new_cyclic(|weak| Self {
            client: RefCell::new(None),
            commander: RefCell::new(Commander::new(&format!("dash-{tag}"))),
            queue: RefCell::new(Vec::new()),
            dropped: RefCell::new(0),
            client_id: format!("tern-dashboard-{tag}"),
            url: RefCell::new(String::new()),
            metrics_generation: Cell::new(0),
            weak: weak.clone(),
        })
    }

    fn push(&self, action: Action) {
        let mut q = self.queue.borrow_mut();
        if q.len() >= MAX_QUEUED {
            *self.dropped.borrow_mut() += 1;
            return;
        }
        q.push(action);
    }

    /// Takes the queued actions.
    fn take(&self) -> Vec<Action> {
        let mut actions = std::mem::take(&mut *self.queue.borrow_mut());
        let dropped = std::mem::take(&mut *self.dropped.borrow_mut());
        if dropped > 0 {
            actions.push(Action::Alert(format!(
                "{dropped} events were dropped while the page was busy or hidden"
            )));
        }
        actions
    }

    /// Starts the controller's side effects: every [`FLUSH_MS`] the queued
    /// events go to `dispatch` as one [`Action::Batch`] (an [`Action::Tick`]
    /// when none queued), `/metrics` is read every [`METRICS_MS`], and it
    /// connects at once from a `#token=` link or a login kept for this tab.
    /// Dropping the returned [`Running`] stops the timers and closes the
    /// connection.
    pub fn start(self: &Rc<Self>, dispatch: impl Fn(Action) + 'static) -> Running {
        let ctl = Rc::clone(self);
        let flush = Interval::new(FLUSH_MS, move || {
            let actions = ctl.take();
            let now_ms = js_sys::Date::now();
            if actions.is_empty() {
                dispatch(Action::Tick(now_ms));
            } else {
                dispatch(Action::Batch { actions, now_ms });
            }
        });
        let fragment = storage::take_fragment();
        let login = match fragment.token {
            Some(token) => Some(Login {
                url: fragment.url.unwrap_or_else(storage::page_ws_url),
                kind: AuthKind::Jwt,
                token,
                ..Login::default()
            }),
            None => storage::load_login(),
        };
        if let Some(login) = login {
            if let Err(e) = self.connect(&login) {
                self.push(Action::Alert(format!("Cannot connect: {e}")));
            }
        }
        let scraper = Interval::new(METRICS_MS, {
            let ctl = Rc::clone(self);
            move || scrape_metrics(Rc::clone(&ctl))
        });
        Running {
            controller: Rc::clone(self),
            _timers: [flush, scraper],
        }
    }

    /// Connects with `login` (closing any current connection) and keeps it for the session.
    pub fn connect(&self, login: &Login) -> Result<(), String> {
        let credentials = login.credentials().map_err(|e| e.to_string())?;
        storage::save_login(login);
        if let Some(old) = self.client.borrow_mut().take() {
            old.disconnect();
        }
        let url = login.url.trim().to_string();
        *self.url.borrow_mut() = url.clone();
        let config = ClientConfig {
            url,
            options: ConnectOptions {
                client_id: self.client_id.clone(),
                credentials,
                keep_alive_secs: KEEP_ALIVE_SECS,
                will: None,
            },
            reconnect: true,
        };
        let weak = self.weak.clone();
        let client = MqttClient::start(config, move |event| {
            if let Some(ctl) = weak.upgrade() {
                ctl.on_event(event);
            }
        });
        *self.client.borrow_mut() = Some(client);
        Ok(())
    }

    /// Disconnects cleanly and forgets the kept login.
    pub fn disconnect(&self) {
        storage::clear_login();
        let client = self.client.borrow_mut().take();
        if let Some(c) = client {
            c.disconnect();
        }
        self.push(Action::Link(Link::Closed));
    }

    /// Validates and sends a desired-property command to `device`.
    pub fn send_command(&self, device: &str, desired: &str, timeout_ms: f64) -> Result<(), String> {
        let client = self.client.borrow().clone();
        let Some(client) = client.filter(MqttClient::is_connected) else {
            return Err("not connected to the broker".into());
        };
        let now = js_sys::Date::now();
        let (request, plan) = self
            .commander
            .borrow_mut()
            .prepare(device, desired, timeout_ms, now)
            .map_err(|e| e.to_string())?;
        let correlation = request.correlation.clone();
        self.push(Action::RequestCreated(request));
        match plan {
            Plan::Publish(p) => self.publish(&client, correlation, &p, false),
            Plan::Wait => {}
            Plan::SubscribeFirst(filter) => match client.subscribe(&[filter.as_str()]) {
                Ok(id) => self.commander.borrow_mut().waiting_on(id),
                Err(e) => {
                    if let Some(c) = self.commander.borrow_mut().abandon() {
                        self.push(Action::RequestFailed {
                            correlation: c,
                            reason: format!("could not subscribe to {filter}: {e}"),
                        });
                    }
                }
            },
        }
        Ok(())
    }

    fn publish(
        &self,
        client: &MqttClient,
        correlation: String,
        publish: &crate::services::mqtt::OutgoingPublish,
        after_subscribe: bool,
    ) {
        match client.publish(publish) {
            Ok(id) => {
                if let Some(id) = id {
                    self.commander
                        .borrow_mut()
                        .published(id, correlation.clone());
                }
                if after_subscribe {
                    self.push(Action::RequestPublished {
                        correlation,
                        at_ms: js_sys::Date::now(),
                    });
                }
            }
            Err(e) => self.push(Action::RequestFailed {
                correlation,
                reason: format!("could not publish: {e}"),
            }),
        }
    }

    fn on_event(&self, event: ClientEvent) {
        let url = self.url.borrow().clone();
        match event {
            ClientEvent::Connecting { attempt } => {
                self.push(Action::Link(Link::Connecting { url, attempt }))
            }
            ClientEvent::Lost {
                reason,
                retry_at_ms,
                next_attempt,
            } => match retry_at_ms {
                Some(at) => self.push(Action::Link(Link::Waiting {
                    url,
                    attempt: next_attempt,
                    retry_at_ms: at,
                    reason,
                })),
                // A CONNACK refusal is shown on the connect screen already.
                None if reason.starts_with("CONNACK") => {}
                None => self.push(Action::Alert(format!("Disconnected: {reason}"))),
            },
            ClientEvent::Stopped => {}
            ClientEvent::Notice(n) => self.on_notice(n, url),
        }
    }

    fn on_notice(&self, notice: Notice, url: String) {
        let client = self.client.borrow().clone();
        match notice {
            Notice::Connected {
                response_information,
                assigned_client_id,
            } => {
                let stale = self
                    .commander
                    .borrow_mut()
                    .on_connected(response_information.as_deref());
                for correlation in stale {
                    self.push(Action::RequestFailed {
                        correlation,
                        reason: "the connection was lost before its response topic was subscribed"
                            .into(),
                    });
                }
                self.push(Action::Link(Link::Connected {
                    url,
                    client_id: assigned_client_id.unwrap_or_else(|| self.client_id.clone()),
                    response_information,
                }));
                let filter = self.commander.borrow().response_filter();
                if let Some(c) = client {
                    // The Broker view's life-cycle events; a broker that does not
                    // grant them refuses quietly (the view says there are none).
                    let _ = c.subscribe(&LIFECYCLE_FILTERS);
                    match c.subscribe(&[STATUS_FILTER, filter.as_str()]) {
                        Ok(id) => self
                            .commander
                            .borrow_mut()
                            .subscribed(id, vec![STATUS_FILTER.into(), filter]),
                        Err(e) => self.push(Action::Alert(format!("Could not subscribe: {e}"))),
                    }
                }
            }
            Notice::Refused { code, reason } => {
                let mut message = format!(
                    "The broker refused the connection: CONNACK 0x{code:02X} {}.",
                    connect_reason_text(code)
                );
                if let Some(r) = reason {
                    message.push_str(&format!(" Broker says: {r}."));
                }
                let hint = refusal_hint(code);
                if !hint.is_empty() {
                    message.push(' ');
                    message.push_str(hint);
                }
                self.push(Action::Link(Link::Refused { url, code, message }));
            }
            Notice::Message(msg) => self.push(Action::Message {
                msg,
                at_ms: js_sys::Date::now(),
            }),
            Notice::SubAck { packet_id, codes } => {
                let outcome = self.commander.borrow_mut().on_suback(packet_id, &codes);
                for (_, reason) in outcome.refused {
                    self.push(Action::Alert(format!(
                        "Not authorized to read a topic: {reason}."
                    )));
                }
                for (correlation, reason) in outcome.failed {
                    self.push(Action::RequestFailed {
                        correlation,
                        reason,
                    });
                }
                if let Some(c) = client {
                    for (correlation, publish) in outcome.publish {
                        self.publish(&c, correlation, &publish, true);
                    }
                }
            }
            Notice::PubAck {
                packet_id,
                code,
                reason,
            } => {
                let result =
                    self.commander
                        .borrow_mut()
                        .on_puback(packet_id, code, reason.as_deref());
                if let Some((correlation, Some(reason))) = result {
                    self.push(Action::RequestFailed {
                        correlation,
                        reason,
                    });
                }
            }
            Notice::ServerDisconnect { code, reason } => self.push(Action::Alert(format!(
                "The broker closed the connection: DISCONNECT 0x{code:02X} {}{}",
                tern_protocol::disconnect_reason_text(code),
                reason.map(|r| format!(" ({r})")).unwrap_or_default()
            ))),
            Notice::ProtocolError(e) => {
                self.push(Action::Alert(format!("MQTT protocol error: {e}")))
            }
        }
    }
}

/// The controller's timers, running; dropping it stops them and closes the
/// connection (keeping the login for the tab).
pub struct Running {
    controller: Rc<Controller>,
    _timers: [Interval; 2],
}

impl Drop for Running {
    fn drop(&mut self) {
        self.controller.disconnect_quietly();
    }
}

/// How often the Broker view reads `/metrics`.
const METRICS_MS: u32 = 5_000;

/// The life-cycle topics the Broker view lists.
const LIFECYCLE_FILTERS: [&str; 2] = [
    "$events/clients/+/connected",
    "$events/clients/+/disconnected",
];

/// Reads the page's `/metrics` (same origin as the dashboard), with the kept
/// metrics token if there is one, and queues the result for the next batch;
/// a result read with a token that has been changed since is dropped.
fn scrape_metrics(controller: Rc<Controller>) {
    let token = storage::load_metrics_token();
    let generation = controller.metrics_generation.get();
    wasm_bindgen_futures::spawn_local(async move {
        let action = match metrics_reader::read_metrics(token.as_deref()).await {
            Ok(text) => Action::MetricsScraped {
                text,
                at_ms: js_sys::Date::now(),
            },
            Err(why) => Action::MetricsFailed(why),
        };
        if controller.metrics_generation.get() == generation {
            controller.push(action);
        }
    });
}

impl Controller {
    /// Keeps the metrics token typed on the Broker view (an empty one forgets
    /// the kept token) and reads `/metrics` with it at once; returns whether a
    /// token is kept now. The token is never logged nor shown.
    pub fn set_metrics_token(&self, typed: &str) -> bool {
        let token = metrics_token::normalize(typed);
        storage::save_metrics_token(token.as_deref());
        self.metrics_generation
            .set(self.metrics_generation.get().wrapping_add(1));
        if let Some(ctl) = self.weak.upgrade() {
            scrape_metrics(ctl);
        }
        token.is_some()
    }

    /// Closes the connection when the application unmounts, keeping the login.
    fn disconnect_quietly(&self) {
        let client = self.client.borrow_mut().take();
        if let Some(c) = client {
            c.disconnect();
        }
    }
}
