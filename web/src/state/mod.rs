//! The dashboard's state and the actions that change it.
//!
//! [`AppState`] is what the pages render; [`Action`]s are the only way it
//! changes ([`AppState::apply`]). In the browser it is a Yew `Reducible`
//! (`use_reducer`, see `state::reducer`); the MQTT client's events reach it in
//! batches ([`Action::Batch`]) so a burst of messages costs one render. The
//! big collections sit behind `Rc` and change copy-on-write, so a reduce
//! clones only what it touches. Pure: testable natively.

pub mod broker;
pub mod devices;
pub mod reported;
pub mod requests;

#[cfg(target_arch = "wasm32")]
mod reducer;

use crate::services::mqtt::IncomingPublish;
use devices::{status_device, DeviceTable};
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

/// Everything the pages render.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AppState {
    /// The connection.
    pub link: Link,
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
    next_alert: u64,
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
    MetricsFailed(String),
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
        match &self.link {
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
            Action::Link(link) => self.link = link,
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
            Action::DismissAlert(id) => Rc::make_mut(&mut self.alerts).retain(|a| a.id != id),
            Action::ClearReported => Rc::make_mut(&mut self.reported).clear(),
            Action::MetricsScraped { text, at_ms } => {
                Rc::make_mut(&mut self.broker).push(at_ms, broker::Scrape::parse(&text));
            }
            Action::MetricsFailed(why) => Rc::make_mut(&mut self.broker).error = Some(why),
        }
    }

    /// Whether a pending request's time is up at `now_ms`.
    pub fn any_request_due(&self, now_ms: f64) -> bool {
        self.requests.iter().any(|r| {
            matches!(r.status, requests::RequestStatus::Pending)
                && r.sent_at_ms.is_some_and(|s| now_ms - s >= r.timeout_ms)
        })
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
        Rc::make_mut(&mut self.devices).touch(&device, now_ms);
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

#[cfg(test)]
mod tests {
    use super::*;
    use requests::RequestStatus;

    fn publish(topic: &str, payload: &[u8], corr: Option<&str>) -> IncomingPublish {
        IncomingPublish {
            topic: topic.into(),
            payload: payload.to_vec(),
            retain: false,
            response_topic: None,
            correlation_data: corr.map(|c| c.as_bytes().to_vec()),
            content_type: Some("application/json".into()),
            utf8_payload: true,
            user_properties: vec![("firmware".into(), "1.2.3".into())],
        }
    }

    fn request(seq: u64, device: &str, corr: &str, topic: &str) -> Request {
        Request {
            seq,
            device: device.into(),
            correlation: corr.into(),
            response_topic: topic.into(),
            payload: "{}".into(),
            created_at_ms: 0.0,
            sent_at_ms: Some(0.0),
            timeout_ms: 1000.0,
            status: RequestStatus::Pending,
            response: None,
        }
    }

    #[test]
    fn topics_and_correlation_text() {
        assert_eq!(reported_device("devices/d1/reported", None), Some("d1"));
        assert_eq!(
            reported_device("responses/app/devices/d1/reported", Some("responses/app")),
            Some("d1")
        );
        assert_eq!(
            reported_device("responses/app/devices/d1/reported", Some("responses/app/")),
            Some("d1")
        );
        assert_eq!(
            reported_device("devices/d1/reported", Some("responses/app")),
            None
        );
        assert_eq!(reported_device("devices/a/b/reported", None), None);
        assert_eq!(correlation_text(b"abc-1"), "abc-1");
        assert_eq!(correlation_text(&[0, 255]), "0x00ff");
    }

    #[test]
    fn a_batch_of_status_responses_and_timeouts() {
        let mut s = AppState {
            link: Link::Connected {
                url: "ws://x/mqtt".into(),
                client_id: "app".into(),
                response_information: Some("responses/app".into()),
            },
            ..AppState::default()
        };
        let t = "responses/app/devices/d1/reported";
        s.apply(Action::RequestCreated(request(1, "d1", "c1", t)), 0.0);
        s.apply(Action::RequestCreated(request(2, "d2", "c2", t)), 0.0);
        s.apply(
            Action::Batch {
                actions: vec![
                    Action::Message {
                        msg: publish("clients/d1/status", b"online", None),
                        at_ms: 120.0,
                    },
                    // Arrived at 80 ms; the batch is applied at 120 ms.
                    Action::Message {
                        msg: publish(t, b"{\"$version\":1}", Some("c1")),
                        at_ms: 80.0,
                    },
                    Action::Message {
                        msg: publish("elsewhere", b"x", None),
                        at_ms: 120.0,
                    },
                ],
                now_ms: 120.0,
            },
            120.0,
        );
        let r1 = s.requests.get("c1").unwrap();
        assert_eq!(
            r1.status,
            RequestStatus::Answered {
                rtt_ms: 80.0,
                late: false
            },
            "the round-trip time ends when the response arrived, not when its batch was applied"
        );
        assert_eq!(
            r1.response.as_ref().unwrap().firmware.as_deref(),
            Some("1.2.3")
        );
        assert_eq!(s.reported.len(), 1);
        let m = s.reported.iter().next().unwrap();
        assert_eq!(m.request_seq, Some(1));
        assert_eq!(m.device.as_deref(), Some("d1"));
        assert_eq!(s.devices.get("d1").unwrap().last_seen_ms, Some(80.0));
        assert_eq!(s.other_messages, 1);
        s.apply(Action::Tick(1000.0), 1000.0);
        assert_eq!(
            s.requests.get("c2").unwrap().status,
            RequestStatus::TimedOut
        );
    }

    #[test]
    fn unchanged_tables_are_shared_between_states() {
        let mut s = AppState::default();
        s.apply(
            Action::Message {
                msg: publish("clients/d1/status", b"online", None),
                at_ms: 120.0,
            },
            1.0,
        );
        let before = s.clone();
        s.apply(Action::Alert("hello".into()), 2.0);
        assert!(Rc::ptr_eq(&before.devices, &s.devices));
        assert!(Rc::ptr_eq(&before.requests, &s.requests));
        assert!(!Rc::ptr_eq(&before.alerts, &s.alerts));
        // A tick with nothing due copies nothing.
        s.apply(Action::Tick(3.0), 3.0);
        assert!(Rc::ptr_eq(&before.requests, &s.requests));
    }

    #[test]
    fn alerts_are_bounded_deduplicated_and_dismissable() {
        let mut s = AppState::default();
        s.apply(Action::Alert("same".into()), 0.0);
        s.apply(Action::Alert("same".into()), 0.0);
        assert_eq!(s.alerts.len(), 1);
        for i in 0..10 {
            s.apply(Action::Alert(format!("a{i}")), 0.0);
        }
        assert_eq!(s.alerts.len(), MAX_ALERTS);
        assert_eq!(s.alerts[0].text, "a5");
        let id = s.alerts[0].id;
        s.apply(Action::DismissAlert(id), 0.0);
        assert_eq!(s.alerts.len(), MAX_ALERTS - 1);
    }
}
