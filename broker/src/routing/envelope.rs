//! The CloudEvent a routed MQTT message becomes (CloudEvents 1.0, structured
//! JSON), with Event Grid's rules for `data`, and a route's enrichments.
//!
//! - `type` is `MQTT.EventPublished`, `source` the namespace, `subject` the
//!   topic, `time` when the broker received the message.
//! - A payload declared UTF-8 (Payload Format Indicator 1) or JSON (content
//!   type `application/json` or `…+json`) goes in `data`: as JSON if it parses,
//!   else as a JSON string. Any other payload goes in `data_base64` with
//!   `datacontenttype` `application/octet-stream`.
//! - A message that already is a CloudEvent keeps its own `id`, `type`,
//!   `source` and `subject`: in binary mode (MQTT 5 user properties
//!   `specversion`, `id`, `type`, `source`) and in structured mode (content
//!   type `application/cloudevents+json`, the payload a JSON object with
//!   string `specversion`, `id`, `source` and `type`, forwarded as it is);
//!   anything less gets the plain envelope.

use crate::message::Message;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde_json::{json, Map, Value};
use tern_access::{AttributeValue, EnrichmentValue, Principal, Variable};
use tern_protocol::mqtt::packet::Property;

/// The CloudEvents `type` of routed MQTT messages (Event Grid's).
pub const EVENT_TYPE: &str = "MQTT.EventPublished";

/// The MQTT 5 properties of a message that routing reads.
struct Facts<'a> {
    content_type: Option<&'a str>,
    utf8: bool,
    response_topic: Option<&'a str>,
    correlation_data: Option<&'a [u8]>,
    user_properties: Vec<(&'a str, &'a str)>,
}

impl<'a> Facts<'a> {
    fn of(message: &'a Message) -> Self {
        let mut facts = Facts {
            content_type: None,
            utf8: false,
            response_topic: None,
            correlation_data: None,
            user_properties: Vec::new(),
        };
        for property in message.properties.iter() {
            match property {
                Property::ContentType(v) => facts.content_type = Some(v.val()),
                Property::PayloadFormatIndicator(v) => facts.utf8 = v.val() == 1,
                Property::ResponseTopic(v) => facts.response_topic = Some(v.val()),
                Property::CorrelationData(v) => facts.correlation_data = Some(v.val()),
                Property::UserProperty(v) => facts.user_properties.push((v.key(), v.val())),
                _ => {}
            }
        }
        facts
    }

    fn user_property(&self, key: &str) -> Option<&'a str> {
        self.user_properties
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }
}

/// Who published, and the facts of the event not in the message.
pub struct Origin<'a> {
    /// The publisher (authentication name and attributes).
    pub publisher: &'a Principal,
    /// `source`: the namespace name.
    pub namespace: &'a str,
    /// `id` unless the message brings its own.
    pub id: String,
    /// `time`: when the broker received the message (RFC 3339).
    pub time: String,
}

/// The CloudEvent of `message`, with `enrichments` (key, parsed value) added.
pub fn cloud_event(
    message: &Message,
    origin: &Origin<'_>,
    enrichments: &[(String, EnrichmentValue)],
) -> Value {
    let facts = Facts::of(message);
    let payload = message.payload.as_slice();
    let structured = facts
        .content_type
        .is_some_and(|c| c.starts_with("application/cloudevents+json"));
    let mut event = match structured
        .then(|| serde_json::from_slice::<Value>(payload).ok())
        .flatten()
    {
        Some(Value::Object(own))
            if ["specversion", "id", "source", "type"]
                .iter()
                .all(|k| own.get(*k).is_some_and(Value::is_string)) =>
        {
            own
        }
        _ => envelope(message, &facts, origin),
    };
    for (key, value) in enrichments {
        let text = match value {
            EnrichmentValue::Static(text) => text.clone(),
            EnrichmentValue::Dynamic(variable) => {
                resolve(variable, message, &facts, origin.publisher)
            }
        };
        event.insert(key.clone(), Value::String(text));
    }
    Value::Object(event)
}

/// Event Grid's envelope of a plain MQTT message (or one in CloudEvents' binary mode).
fn envelope(message: &Message, facts: &Facts<'_>, origin: &Origin<'_>) -> Map<String, Value> {
    let own = |key: &str| facts.user_property(key).map(str::to_owned);
    let binary = own("specversion").is_some()
        && own("id").is_some()
        && own("type").is_some()
        && own("source").is_some();
    let pick = |key: &str, default: String| {
        if binary {
            own(key).unwrap_or(default)
        } else {
            default
        }
    };
    let mut event = Map::new();
    event.insert("specversion".into(), json!("1.0"));
    event.insert("id".into(), json!(pick("id", origin.id.clone())));
    event.insert("time".into(), json!(pick("time", origin.time.clone())));
    event.insert("type".into(), json!(pick("type", EVENT_TYPE.to_owned())));
    event.insert(
        "source".into(),
        json!(pick("source", origin.namespace.to_owned())),
    );
    event.insert(
        "subject".into(),
        json!(pick("subject", message.topic.to_string())),
    );
    let payload = message.payload.as_slice();
    let json_type = facts.content_type.is_some_and(|c| {
        c.starts_with("application/json")
            || c.split(';')
                .next()
                .is_some_and(|t| t.trim().ends_with("+json"))
    });
    // JSON stays JSON only where the content type allows it: a JSON type, or
    // none given (then `application/json` is said); `text/plain` stays a string.
    let parsed = (json_type || (facts.utf8 && facts.content_type.is_none()))
        .then(|| serde_json::from_slice::<Value>(payload).ok())
        .flatten();
    let text = (json_type || facts.utf8)
        .then(|| std::str::from_utf8(payload).ok())
        .flatten();
    match (parsed, text) {
        (Some(value), _) => {
            event.insert(
                "datacontenttype".into(),
                json!(facts.content_type.unwrap_or("application/json")),
            );
            event.insert("data".into(), value);
        }
        (None, Some(text)) => {
            event.insert(
                "datacontenttype".into(),
                json!(facts.content_type.unwrap_or("text/plain; charset=utf-8")),
            );
            event.insert("data".into(), json!(text));
        }
        (None, None) => {
            event.insert("datacontenttype".into(), json!("application/octet-stream"));
            event.insert("data_base64".into(), json!(BASE64.encode(payload)));
        }
    }
    event
}

/// The value of a dynamic enrichment; what is missing is `""`.
fn resolve(
    variable: &Variable,
    message: &Message,
    facts: &Facts<'_>,
    publisher: &Principal,
) -> String {
    match variable {
        Variable::AuthenticationName => publisher.authentication_name.clone(),
        Variable::Attribute(key) => match publisher.attributes.get(key) {
            Some(AttributeValue::String(s)) => s.clone(),
            Some(AttributeValue::Int(i)) => i.to_string(),
            Some(AttributeValue::Strings(all)) => all.join(","),
            None => String::new(),
        },
        Variable::UserProperty(key) => facts
            .user_properties
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| *v)
            .collect::<Vec<_>>()
            .join(","),
        Variable::TopicName => message.topic.to_string(),
        Variable::ResponseTopic => facts.response_topic.unwrap_or_default().to_owned(),
        Variable::CorrelationData => facts
            .correlation_data
            .map(|d| BASE64.encode(d))
            .unwrap_or_default(),
        Variable::PayloadFormatIndicator => u8::from(facts.utf8).to_string(),
    }
}
