//! The dashboard's state and the actions that change it.
//!
//! [`AppState`] is what the pages render, and nothing else: the MQTT client,
//! the timers and every other side effect belong to the controller
//! (`services::controller`), which turns what happens into [`Action`]s.
//! Actions are the only way the state changes ([`AppState::apply`], pure); in
//! the browser the state is a Yew `Reducible` ([`AppState::advance`], see
//! [`reducer`]); the MQTT client's events reach it in batches
//! ([`Action::Batch`]) so a burst of messages costs one render.
//!
//! Each state the reducer makes keeps the previous one alive (Yew holds it),
//! so every part of the state sits behind its own `Rc` and changes
//! copy-on-write (`Rc::make_mut`): cloning [`AppState`] copies pointers, an
//! action copies only the parts it touches, and the big collections are
//! themselves shared in pieces (the device table in chunks, the rows behind
//! `Rc`s), so changing one device copies one chunk, not 20,000 rows. Equality
//! is by pointer for those parts (see [`AppState`]'s `PartialEq`). Pure:
//! testable natively.

pub mod broker;
pub mod devices;
pub mod metrics_failure;
pub mod reported;
pub mod requests;

pub mod reducer;
#[cfg(test)]
mod tests;

use crate::services::mqtt::IncomingPublish;
use devices::{status_device, DeviceFilter, DeviceTable};
use reported::{ReportedLog, ReportedMessage};
use requests::{Request, RequestTable, Response};
use std::rc::Rc;

/// The connection to the broker, as shown to people.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Link {
    /// Nothing attempted yet: the connect screen.
    #[default]
    Idle,
    /// Opening the WebSocket or waiting for CONNACK.
    Connecting {
        /// Broker URL.
        url: String,
        /// 1 for the first attempt, then counting reconnects.
        attempt: u32,
    },
    /// CONNACK accepted.
    Connected {
        /// Broker URL.
        url: String,
        /// Our ClientId.
        client_id: String,
        /// Response Information from CONNACK (the response-topic prefix).
        response_information: Option<String>,
    },
    /// Lost; waiting to reconnect.
    Waiting {
        /// Broker URL.
        url: String,
        /// The attempt that comes next.
        attempt: u32,
        /// When it will be tried (ms since the epoch).
        retry_at_ms: f64,
        /// Why the last connection ended.
        reason: String,
    },
    /// CONNACK refused: retrying would not help, the person has to act.
    Refused {
        /// Broker URL.
        url: String,
        /// The CONNACK reason code.
        code: u8,
        /// What it means and what to do.
        message: String,
    },
    /// The person disconnected.
    Closed,
}

/// A message for the person at the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// Identifier for dismissing it.
    pub id: u64,
    /// The text.
    pub text: String,
}

/// At most this many alerts are shown; older ones go.
pub const MAX_ALERTS: usize = 5;

/// Everything the pages render. Cloning it copies pointers and a few numbers.
#[derive(Debug, Clone, Default)]
pub struct AppState {
    /// The connection.
    pub link: Rc<Link>,
    /// Known devices.
    pub devices: Rc<DeviceTable>,
    /// Sent commands.
    pub requests: Rc<RequestTable>,
    /// Reported messages.
    pub reported: Rc<ReportedLog>,
    /// Alerts, oldest first.
    pub alerts: Rc<Vec<Alert>>,
    /// The time of the last action (ms since the epoch): "now" for rendering ages.
    pub now_ms: f64,
    /// Messages that were neither status nor responses (ignored, counted).
    pub other_messages: u64,
    /// The Broker view's charts (from `/metrics`).
    pub broker: Rc<broker::BrokerStats>,
    /// The Broker view's life-cycle events.
    pub lifecycle: Rc<broker::LifecycleLog>,
    /// The Devices view's filter (lowercased once, when typed).
    pub device_filter: Rc<DeviceFilter>,
    next_alert: u64,
}

/// Two states are equal when they share every part (`Rc::ptr_eq`) and their
/// numbers are equal: O(1), where comparing the contents would walk up to
/// 20,000 devices each time Yew compares the context or props. The parts
/// change copy-on-write and an allocation that a state still points to is
/// never changed in place, so shared means equal; an unshared but equal part
/// only costs a render that was not needed.
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        let Self {
            link,
            devices,
            requests,
            reported,
            alerts,
            now_ms,
            other_messages,
            broker,
            lifecycle,
            device_filter,
            next_alert,
        } = self;
        Rc::ptr_eq(link, &other.link)
            && Rc::ptr_eq(devices, &other.devices)
            && Rc::ptr_eq(requests, &other.requests)
            && Rc::ptr_eq(reported, &other.reported)
            && Rc::ptr_eq(alerts, &other.alerts)
            && *now_ms == other.now_ms
            && *other_messages == other.other_messages
            && Rc::ptr_eq(broker, &other.broker)
            && Rc::ptr_eq(lifecycle, &other.lifecycle)
            && Rc::ptr_eq(device_filter, &other.device_filter)
            && *next_alert == other.next_alert
    }
}

/// Topics of the broker's client life-cycle events.
pub const LIFECYCLE_PREFIX: &str = "$events/clients/";

/// A change to [`AppState`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Several actions at one time `now_ms` (one render for a burst of events);
    /// followed by a timeout check.
    Batch {
        /// The actions, in order.
        actions: Vec<Action>,
        /// The time they are applied at.
        now_ms: f64,
    },
    /// Time passed: expire pending requests.
    Tick(f64),
    /// The connection changed.
    Link(Link),
    /// A PUBLISH arrived at `at_ms` (stamped on arrival, not when its batch is
    /// applied, so round-trip times do not include the batching delay).
    Message {
        /// The message.
        msg: IncomingPublish,
        /// When it arrived (ms since the epoch).
        at_ms: f64,
    },
    /// A command was created (and is subscribing or published).
    RequestCreated(Request),
    /// A command waiting for its response-topic SUBACK was published at `at_ms`.
    RequestPublished {
        /// Its correlation data.
        correlation: String,
        /// When (ms since the epoch).
        at_ms: f64,
    },
    /// A command failed; `reason` says why.
    RequestFailed {
        /// Its correlation data.
        correlation: String,
        /// Why.
        reason: String,
    },
    /// Tell the person something.
    Alert(String),
    /// Remove an alert.
    DismissAlert(u64),
    /// Empty the Reported view.
    ClearReported,
    /// The broker's `/metrics` was read at `at_ms`.
    MetricsScraped {
        /// The exposition text.
        text: String,
        /// When (ms since the epoch).
        at_ms: f64,
    },
    /// Reading `/metrics` failed; why.
    MetricsFailed(metrics_failure::MetricsFailure),
    /// The Devices view's filter was typed.
    FilterDevices(String),
}

impl Action {
    /// The time the action says it happens at (batches and ticks); the others
    /// happen at the state's current time (`apply` reads no clock: it stays pure).
    pub fn time(&self) -> Option<f64> {
        match self {
            Action::Batch { now_ms, .. } | Action::Tick(now_ms) => Some(*now_ms),
            _ => None,
        }
    }
}

/// Correlation Data as text: itself when it is printable UTF-8, else `0x…` hex.
pub fn correlation_text(data: &[u8]) -> String {
    match std::str::from_utf8(data) {
        Ok(s) if !s.chars().any(char::is_control) => s.to_string(),
        _ => {
            let hex: String = data.iter().map(|b| format!("{b:02x}")).collect();
            format!("0x{hex}")
        }
    }
}

/// The device id of a response topic `[{prefix}/]devices/{id}/reported`.
pub fn reported_device<'a>(topic: &'a str, prefix: Option<&str>) -> Option<&'a str> {
    let rest = match prefix {
        Some(p) if !p.is_empty() => topic
            .strip_prefix(p.trim_end_matches('/'))?
            .strip_prefix('/')?,
        _ => topic,
    };
    let id = rest.strip_prefix("devices/")?.strip_suffix("/reported")?;
    (!id.is_empty() && !id.contains('/')).then_some(id)
}

impl AppState {
    /// The Response Information prefix of the current connection, if any.
    pub fn response_prefix(&self) -> Option<&str> {
        match &*self.link {
            Link::Connected {
                response_information,
                ..
            } => response_information.as_deref(),
            _ => None,
        }
    }

    /// Applies `action` at time `now_ms`.
    pub fn apply(&mut self, action: Action, now_ms: f64) {
        self.now_ms = self.now_ms.max(now_ms);
        match action {
            Action::Batch { actions, now_ms } => {
                for a in actions {
                    self.apply(a, now_ms);
                }
                self.expire(now_ms);
            }
            Action::Tick(now) => {
                self.now_ms = self.now_ms.max(now);
                self.expire(now);
            }
            Action::Link(link) => {
                if *self.link != link {
                    self.link = Rc::new(link);
                }
            }
            Action::Message { msg, at_ms } => self.on_message(msg, at_ms),
            Action::RequestCreated(r) => Rc::make_mut(&mut self.requests).insert(r),
            Action::RequestPublished { correlation, at_ms } => {
                Rc::make_mut(&mut self.requests).mark_published(&correlation, at_ms);
            }
            Action::RequestFailed {
                correlation,
                reason,
            } => {
                Rc::make_mut(&mut self.requests).mark_failed(&correlation, reason);
            }
            Action::Alert(text) => {
                // The same text twice in a row is one alert.
                if self.alerts.last().is_some_and(|a| a.text == text) {
                    return;
                }
                self.next_alert += 1;
                let alerts = Rc::make_mut(&mut self.alerts);
                alerts.push(Alert {
                    id: self.next_alert,
                    text,
                });
                if alerts.len() > MAX_ALERTS {
                    let extra = alerts.len() - MAX_ALERTS;
                    alerts.drain(..extra);
                }
            }
            Action::DismissAlert(id) => {
                if self.alerts.iter().any(|a| a.id == id) {
                    Rc::make_mut(&mut self.alerts).retain(|a| a.id != id);
                }
            }
            Action::ClearReported => {
                if !self.reported.is_empty() {
                    Rc::make_mut(&mut self.reported).clear();
                }
            }
            Action::MetricsScraped { text, at_ms } => {
                Rc::make_mut(&mut self.broker).push(at_ms, broker::Scrape::parse(&text));
            }
            Action::MetricsFailed(why) => {
                if self.broker.error.as_ref() != Some(&why) {
                    Rc::make_mut(&mut self.broker).error = Some(why);
                }
            }
            Action::FilterDevices(text) => {
                self.device_filter = DeviceFilter::retype(&self.device_filter, &text);
            }
        }
    }

    /// Whether a pending request's time is up at `now_ms`.
    pub fn any_request_due(&self, now_ms: f64) -> bool {
        self.requests.any_due(now_ms)
    }

    fn expire(&mut self, now_ms: f64) {
        if self.any_request_due(now_ms) {
            Rc::make_mut(&mut self.requests).expire(now_ms);
        }
    }

    fn on_message(&mut self, msg: IncomingPublish, now_ms: f64) {
        if msg.topic.starts_with(LIFECYCLE_PREFIX) {
            if let Some(event) = broker::LifecycleEvent::parse(&msg.payload) {
                Rc::make_mut(&mut self.lifecycle).push(event);
            }
            return;
        }
        if let Some(id) = status_device(&msg.topic) {
            Rc::make_mut(&mut self.devices).apply_status(id, &msg.payload, msg.retain, now_ms);
            return;
        }
        let prefix = self.response_prefix().map(str::to_string);
        let Some(device) = reported_device(&msg.topic, prefix.as_deref()) else {
            self.other_messages += 1;
            return;
        };
        let device = device.to_string();
        if self.devices.get(&device).is_some() {
            Rc::make_mut(&mut self.devices).touch(&device, now_ms);
        }
        let prop = |k: &str| {
            msg.user_properties
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        let payload = String::from_utf8_lossy(&msg.payload).into_owned();
        let correlation = msg.correlation_data.as_deref().map(correlation_text);
        let request_seq = correlation.as_deref().and_then(|c| {
            Rc::make_mut(&mut self.requests).answer(
                c,
                Response {
                    topic: msg.topic.clone(),
                    payload: payload.clone(),
                    firmware: prop("firmware"),
                    error: prop("error"),
                    received_at_ms: now_ms,
                },
            )
        });
        Rc::make_mut(&mut self.reported).push(ReportedMessage {
            seq: 0,
            topic: msg.topic,
            device: Some(device),
            correlation,
            user_properties: msg.user_properties,
            content_type: msg.content_type,
            payload,
            received_at_ms: now_ms,
            request_seq,
        });
    }
}
