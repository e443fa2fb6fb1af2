//! Turning "send these desired properties to device X" into MQTT 5
//! request-response (seed 004), without I/O.
//!
//! [`Commander`] validates the JSON, picks the Response Topic
//! (`devices/{id}/reported`, or under the CONNACK's Response Information
//! prefix), makes unique Correlation Data, and makes sure the dashboard is
//! subscribed to the response topic *before* the request goes out: if no
//! granted subscription covers it, the request waits for the SUBACK of an
//! exact subscription. It also maps SUBACK/PUBACK packet identifiers back to
//! the requests they concern, so refusals reach the right row.

use crate::services::mqtt::OutgoingPublish;
use crate::state::requests::{Request, RequestStatus};
use std::collections::HashMap;
use tern_protocol::connect_reason_text;

/// Why a command cannot be sent as typed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// The device id is empty or contains `/`, `+`, `#`.
    #[error("device id \"{0}\" cannot be a topic level: it must be non-empty and contain no '/', '+' or '#'")]
    BadDevice(String),
    /// The desired properties are not JSON.
    #[error("desired properties are not valid JSON: {0}")]
    BadJson(String),
    /// The desired properties are JSON but not an object.
    #[error("desired properties must be a JSON object like {{\"temp\": 21}}, not {0}")]
    NotAnObject(&'static str),
}

/// Checks that `text` is a JSON object; returns it compacted.
pub fn validate_desired(text: &str) -> Result<String, CommandError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| CommandError::BadJson(e.to_string()))?;
    let kind = match &value {
        serde_json::Value::Object(_) => return Ok(value.to_string()),
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
    };
    Err(CommandError::NotAnObject(kind))
}

fn validate_device(id: &str) -> Result<(), CommandError> {
    if id.is_empty() || id.contains(['/', '+', '#', '\0']) {
        Err(CommandError::BadDevice(id.to_string()))
    } else {
        Ok(())
    }
}

/// What the caller must do with a new command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// A granted subscription covers the response topic: publish now.
    Publish(OutgoingPublish),
    /// Subscribe to this filter first; the publish is released by [`Commander::on_suback`].
    SubscribeFirst(String),
    /// A subscription to this filter is already on its way; the publish waits for it.
    Wait,
}

/// What a SUBACK meant.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SubAckOutcome {
    /// Publishes to send now (their response topic is subscribed), with their correlation data.
    pub publish: Vec<(String, OutgoingPublish)>,
    /// Requests that failed (correlation data, reason).
    pub failed: Vec<(String, String)>,
    /// Refused filters, with the reason, for an alert.
    pub refused: Vec<(String, String)>,
}

/// What a SUBACK/PUBACK reason code means (MQTT 5.0 3.9.3 / 3.4.2.1).
pub fn ack_reason_text(code: u8) -> &'static str {
    match code {
        0x10 => "no matching subscribers",
        0x8F => "topic filter invalid",
        0x91 => "packet identifier in use",
        0x9E => "shared subscriptions not supported",
        0xA1 => "subscription identifiers not supported",
        0xA2 => "wildcard subscriptions not supported",
        c => connect_reason_text(c),
    }
}

#[derive(Debug, Default)]
struct PendingSub {
    filters: Vec<String>,
    waiting: Vec<(String, OutgoingPublish)>,
}

/// The request-response bookkeeping of one connection.
#[derive(Debug, Default)]
pub struct Commander {
    prefix: Option<String>,
    granted: Vec<String>,
    subscribing: HashMap<u16, PendingSub>,
    publishes: HashMap<u16, String>,
    correlation_prefix: String,
    seq: u64,
    pending_publish: Option<(String, OutgoingPublish)>,
}

impl Commander {
    /// A commander whose correlation data start with `correlation_prefix`
    /// (unique per dashboard session, e.g. random).
    pub fn new(correlation_prefix: &str) -> Self {
        Self {
            correlation_prefix: correlation_prefix.to_string(),
            ..Self::default()
        }
    }

    /// A new connection was accepted with this Response Information: forget
    /// the old connection's subscriptions and acks (clean start), keep the sequence.
    /// Returns the requests that were still waiting for a SUBACK (they failed).
    pub fn on_connected(&mut self, response_information: Option<&str>) -> Vec<String> {
        self.prefix = response_information
            .map(|p| p.trim_end_matches('/').to_string())
            .filter(|p| !p.is_empty());
        self.granted.clear();
        self.publishes.clear();
        self.subscribing
            .drain()
            .flat_map(|(_, p)| p.waiting.into_iter().map(|(c, _)| c))
            .collect()
    }

    /// The response topic for `device`.
    pub fn response_topic(&self, device: &str) -> String {
        match &self.prefix {
            Some(p) => format!("{p}/devices/{device}/reported"),
            None => format!("devices/{device}/reported"),
        }
    }

    /// The wildcard filter covering every device's response topic.
    pub fn response_filter(&self) -> String {
        self.response_topic("+")
    }

    /// Records a SUBSCRIBE sent with packet identifier `packet_id` (e.g. the
    /// dashboard's initial subscriptions).
    pub fn subscribed(&mut self, packet_id: u16, filters: Vec<String>) {
        self.subscribing.entry(packet_id).or_default().filters = filters;
    }

    /// Whether a granted or requested subscription covers `topic`.
    fn coverage(&self, topic: &str) -> Coverage {
        if self
            .granted
            .iter()
            .any(|f| tern_topic::filter_matches(f, topic))
        {
            return Coverage::Granted;
        }
        for (id, p) in &self.subscribing {
            if p.filters
                .iter()
                .any(|f| tern_topic::filter_matches(f, topic))
            {
                return Coverage::Pending(*id);
            }
        }
        Coverage::None
    }

    /// Prepares a command: validates it, creates its [`Request`] row (status
    /// pending or subscribing) and says what to do next.
    ///
    /// For [`Plan::SubscribeFirst`], the caller subscribes and reports the
    /// packet identifier with [`Commander::waiting_on`].
    pub fn prepare(
        &mut self,
        device: &str,
        desired: &str,
        timeout_ms: f64,
        now_ms: f64,
    ) -> Result<(Request, Plan), CommandError> {
        let device = device.trim();
        validate_device(device)?;
        let payload = validate_desired(desired)?;
        self.seq += 1;
        let correlation = format!("{}-{}", self.correlation_prefix, self.seq);
        let response_topic = self.response_topic(device);
        let publish = OutgoingPublish {
            topic: format!("devices/{device}/desired"),
            payload: payload.clone().into_bytes(),
            qos: 1,
            retain: false,
            response_topic: Some(response_topic.clone()),
            correlation_data: Some(correlation.clone().into_bytes()),
            content_type: Some("application/json".into()),
            utf8_payload: true,
            user_properties: Vec::new(),
        };
        let (status, plan) = match self.coverage(&response_topic) {
            Coverage::Granted => (RequestStatus::Pending, Plan::Publish(publish)),
            Coverage::Pending(id) => {
                self.subscribing
                    .entry(id)
                    .or_default()
                    .waiting
                    .push((correlation.clone(), publish));
                (RequestStatus::Subscribing, Plan::Wait)
            }
            Coverage::None => {
                self.pending_publish = Some((correlation.clone(), publish));
                (
                    RequestStatus::Subscribing,
                    Plan::SubscribeFirst(response_topic.clone()),
                )
            }
        };
        let sent_at_ms = (status == RequestStatus::Pending).then_some(now_ms);
        let request = Request {
            seq: self.seq,
            device: device.to_string(),
            correlation,
            response_topic,
            payload,
            created_at_ms: now_ms,
            sent_at_ms,
            timeout_ms,
            status,
            response: None,
        };
        Ok((request, plan))
    }

    /// The SUBSCRIBE asked for by the last [`Plan::SubscribeFirst`] went out
    /// with `packet_id`: its publish waits for that SUBACK.
    pub fn waiting_on(&mut self, packet_id: u16) {
        if let Some((correlation, publish)) = self.pending_publish.take() {
            let filter = publish.response_topic.clone().unwrap_or_default();
            let entry = self.subscribing.entry(packet_id).or_default();
            entry.filters.push(filter);
            entry.waiting.push((correlation, publish));
        }
    }

    /// The SUBSCRIBE asked for by the last [`Plan::SubscribeFirst`] could not
    /// be sent: returns the correlation data of the request that fails with it.
    pub fn abandon(&mut self) -> Option<String> {
        self.pending_publish.take().map(|(c, _)| c)
    }

    /// A SUBACK arrived: granted filters now cover their topics; requests
    /// waiting on it are released, or fail if their filter was refused.
    pub fn on_suback(&mut self, packet_id: u16, codes: &[u8]) -> SubAckOutcome {
        let mut out = SubAckOutcome::default();
        let Some(pending) = self.subscribing.remove(&packet_id) else {
            return out;
        };
        for (i, filter) in pending.filters.iter().enumerate() {
            // A SUBACK with fewer codes than filters is a broker bug: treat as refused.
            let code = codes.get(i).copied().unwrap_or(0x80);
            if code < 0x80 {
                self.granted.push(filter.clone());
            } else {
                out.refused.push((
                    filter.clone(),
                    format!(
                        "subscribing to {filter} was refused: SUBACK 0x{code:02X} {}",
                        ack_reason_text(code)
                    ),
                ));
            }
        }
        for (correlation, publish) in pending.waiting {
            let topic = publish.response_topic.as_deref().unwrap_or_default();
            match out
                .refused
                .iter()
                .find(|(f, _)| tern_topic::filter_matches(f, topic))
            {
                Some((_, reason)) => out.failed.push((correlation, reason.clone())),
                None => out.publish.push((correlation, publish)),
            }
        }
        out
    }

    /// A request's QoS 1 PUBLISH went out with `packet_id`.
    pub fn published(&mut self, packet_id: u16, correlation: String) {
        self.publishes.insert(packet_id, correlation);
    }

    /// A PUBACK arrived: returns the request's correlation data and, if the
    /// broker refused the publish, why.
    pub fn on_puback(
        &mut self,
        packet_id: u16,
        code: u8,
        reason: Option<&str>,
    ) -> Option<(String, Option<String>)> {
        let correlation = self.publishes.remove(&packet_id)?;
        let failure = (code >= 0x80).then(|| {
            let mut text = format!(
                "the broker refused the command: PUBACK 0x{code:02X} {}",
                ack_reason_text(code)
            );
            if let Some(r) = reason {
                text.push_str(&format!(" ({r})"));
            }
            text
        });
        Some((correlation, failure))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coverage {
    Granted,
    Pending(u16),
    None,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_validated() {
        assert_eq!(validate_desired(" {\"a\": 1} ").unwrap(), "{\"a\":1}");
        assert!(
            matches!(validate_desired("{\"a\": }"), Err(CommandError::BadJson(m)) if m.contains("line 1"))
        );
        assert_eq!(
            validate_desired("[1]"),
            Err(CommandError::NotAnObject("an array"))
        );
        assert_eq!(
            validate_desired("3"),
            Err(CommandError::NotAnObject("a number"))
        );
    }

    #[test]
    fn device_ids_are_validated() {
        let mut c = Commander::new("x");
        for bad in ["", "a/b", "+", "a#"] {
            assert!(matches!(
                c.prepare(bad, "{}", 1.0, 0.0),
                Err(CommandError::BadDevice(_))
            ));
        }
    }

    #[test]
    fn response_topic_follows_response_information() {
        let mut c = Commander::new("x");
        assert_eq!(c.response_topic("d1"), "devices/d1/reported");
        c.on_connected(Some("responses/app/"));
        assert_eq!(c.response_topic("d1"), "responses/app/devices/d1/reported");
        assert_eq!(c.response_filter(), "responses/app/devices/+/reported");
        c.on_connected(Some(""));
        assert_eq!(c.response_topic("d1"), "devices/d1/reported");
    }

    #[test]
    fn publishes_at_once_when_the_wildcard_subscription_was_granted() {
        let mut c = Commander::new("s");
        c.on_connected(None);
        c.subscribed(1, vec!["clients/+/status".into(), c.response_filter()]);
        // Before the SUBACK the command waits.
        let (r1, plan) = c.prepare("d1", "{\"on\":true}", 10_000.0, 5.0).unwrap();
        assert_eq!(plan, Plan::Wait);
        assert_eq!(r1.status, RequestStatus::Subscribing);
        let out = c.on_suback(1, &[1, 1]);
        assert_eq!(out.failed, vec![]);
        assert_eq!(out.publish.len(), 1);
        assert_eq!(out.publish[0].0, "s-1");
        // After it, commands go out at once, with unique correlation data.
        let (r2, plan) = c.prepare("d2", "{}", 10_000.0, 6.0).unwrap();
        assert_eq!(r2.status, RequestStatus::Pending);
        assert_eq!(r2.sent_at_ms, Some(6.0));
        let Plan::Publish(p) = plan else {
            panic!("{plan:?}")
        };
        assert_eq!(p.topic, "devices/d2/desired");
        assert_eq!(p.response_topic.as_deref(), Some("devices/d2/reported"));
        assert_eq!(p.correlation_data.as_deref(), Some(&b"s-2"[..]));
        assert_eq!(p.content_type.as_deref(), Some("application/json"));
        assert_ne!(r1.correlation, r2.correlation);
    }

    #[test]
    fn refused_wildcard_falls_back_to_exact_subscription_then_fails_cleanly() {
        let mut c = Commander::new("s");
        c.on_connected(None);
        c.subscribed(1, vec![c.response_filter()]);
        let out = c.on_suback(1, &[0x87]);
        assert_eq!(out.refused.len(), 1);
        assert!(out.refused[0].1.contains("0x87 not authorized"), "{out:?}");
        // The next command subscribes to its exact response topic first.
        let (r, plan) = c.prepare("d1", "{}", 1.0, 0.0).unwrap();
        assert_eq!(plan, Plan::SubscribeFirst("devices/d1/reported".into()));
        assert_eq!(r.status, RequestStatus::Subscribing);
        c.waiting_on(7);
        // A second command to the same device waits on the same SUBACK.
        let (_, plan) = c.prepare("d1", "{}", 1.0, 0.0).unwrap();
        assert_eq!(plan, Plan::Wait);
        let out = c.on_suback(7, &[0x87]);
        assert_eq!(out.publish, vec![]);
        assert_eq!(out.failed.len(), 2);
        assert!(out.failed[0].1.contains("devices/d1/reported"));
        // Granted exact subscription: publish released.
        let (_, plan) = c.prepare("d2", "{}", 1.0, 0.0).unwrap();
        assert!(matches!(plan, Plan::SubscribeFirst(_)));
        c.waiting_on(8);
        let out = c.on_suback(8, &[1]);
        assert_eq!(out.publish.len(), 1);
        let (_, plan) = c.prepare("d2", "{}", 1.0, 0.0).unwrap();
        assert!(matches!(plan, Plan::Publish(_)));
    }

    #[test]
    fn puback_refusal_names_the_reason() {
        let mut c = Commander::new("s");
        c.published(3, "s-1".into());
        c.published(4, "s-2".into());
        assert_eq!(c.on_puback(3, 0, None), Some(("s-1".into(), None)));
        assert_eq!(c.on_puback(3, 0, None), None);
        let (corr, failure) = c.on_puback(4, 0x87, Some("topic space")).unwrap();
        assert_eq!(corr, "s-2");
        assert_eq!(
            failure.as_deref(),
            Some("the broker refused the command: PUBACK 0x87 not authorized (topic space)")
        );
        // 0x10 "no matching subscribers" is a success code.
        c.published(5, "s-3".into());
        assert_eq!(c.on_puback(5, 0x10, None), Some(("s-3".into(), None)));
    }

    #[test]
    fn reconnect_fails_waiting_requests() {
        let mut c = Commander::new("s");
        c.on_connected(None);
        let _ = c.prepare("d1", "{}", 1.0, 0.0).unwrap();
        c.waiting_on(2);
        assert_eq!(c.on_connected(None), vec!["s-1".to_string()]);
        assert_eq!(c.on_suback(2, &[1]), SubAckOutcome::default());
    }
}
