//! Routes: where the broker delivers MQTT messages as CloudEvents (Event
//! Grid's message routing), as a resource of the namespace with its rules.
//!
//! A route names a webhook, the topic filters of the messages it takes, Event
//! Grid's subject filters and enrichments. Enrichments are attributes added
//! to each CloudEvent: static (the value as written) or dynamic (the value is
//! one `${...}` variable of the publisher or the message, see [`Variable`]).
//! Everything here is checked when a route is created or updated, so the
//! broker's delivery never meets a route it cannot run.

use serde::{Deserialize, Serialize};

/// Most enrichments of one route.
pub const MAX_ENRICHMENTS: usize = 20;
/// Longest enrichment key.
pub const MAX_ENRICHMENT_KEY: usize = 20;
/// Longest enrichment value.
pub const MAX_ENRICHMENT_VALUE: usize = 128;
/// Most delivery headers of one route.
pub const MAX_HEADERS: usize = 10;
/// Largest delivery header (name and value), in bytes.
pub const MAX_HEADER_BYTES: usize = 4096;
/// Largest `caCertificate` PEM, in bytes.
pub const MAX_CA_BYTES: usize = 16 * 1024;
/// CloudEvents attributes an enrichment may not replace.
pub const RESERVED_KEYS: [&str; 9] = [
    "specversion",
    "id",
    "time",
    "type",
    "source",
    "subject",
    "datacontenttype",
    "dataschema",
    "data",
];

/// A route of MQTT messages to a webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Route {
    /// 3-50 of `[A-Za-z0-9-]`, unique.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The webhook: an `http://` or `https://` URL.
    pub endpoint_url: String,
    /// PEM of the CA certificate that signed an `https://` webhook's
    /// certificate (required for `https://`: it is the only root trusted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_certificate: Option<String>,
    /// Headers sent with every delivery (at most 10, each at most 4 KB).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delivery_headers: Vec<DeliveryHeader>,
    /// MQTT topic filters of the messages it takes; none: every message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topic_filters: Vec<String>,
    /// Event Grid's subject filter: the subject (the topic) begins with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_begins_with: Option<String>,
    /// Event Grid's subject filter: the subject ends with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_ends_with: Option<String>,
    /// Event Grid's advanced filters: conditions on the CloudEvent (after
    /// enrichment), all of which must hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advanced_filters: Vec<crate::route_filter::AdvancedFilter>,
    /// Attributes added to every CloudEvent of the route.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enrichments: Vec<Enrichment>,
    /// Deliveries tried before an event is dead-lettered (1-10).
    #[serde(default = "default_max_delivery_count")]
    pub max_delivery_count: u8,
    /// How long an event may wait for delivery before it is dead-lettered,
    /// in seconds (60 s - 1 day).
    #[serde(default = "default_event_time_to_live")]
    pub event_time_to_live_secs: u32,
    /// Batching (Event Grid's): at most this many events per request (1-5000;
    /// 1, the default, sends single events; more sends
    /// `application/cloudevents-batch+json` arrays).
    #[serde(default = "default_max_events_per_batch")]
    pub max_events_per_batch: u16,
    /// Batching: a request takes more events only while below this size (1-1024 KB).
    #[serde(default = "default_preferred_batch_size")]
    pub preferred_batch_size_in_kilobytes: u16,
    /// Whether the route also takes the broker's client life-cycle events
    /// (topics under `$events/`), which are CloudEvents already. Its topic
    /// filters apply to them too, and as in MQTT a filter starting with a
    /// wildcard does not match `$` topics: with filters, name
    /// `$events/clients/#` (or narrower) among them.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub life_cycle_events: bool,
}

fn default_max_delivery_count() -> u8 {
    10
}

fn default_event_time_to_live() -> u32 {
    86_400
}

fn default_max_events_per_batch() -> u16 {
    1
}

fn default_preferred_batch_size() -> u16 {
    64
}

/// One header of every delivery of a route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeliveryHeader {
    /// The header name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// An attribute added to each CloudEvent of a route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Enrichment {
    /// `[a-z0-9]{1,20}`, unique in the route, not a CloudEvents attribute.
    pub key: String,
    /// A static value, or one `${...}` variable (see [`Variable`]).
    pub value: String,
}

/// What a dynamic enrichment reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Variable {
    /// `${client.authenticationName}` of the publisher.
    AuthenticationName,
    /// `${client.attributes.x}` of the publisher.
    Attribute(String),
    /// `${mqtt.message.userProperties.x}` or `${mqtt.message.userProperties['x']}`
    /// (repeated properties are comma-joined).
    UserProperty(String),
    /// `${mqtt.message.topicName}`.
    TopicName,
    /// `${mqtt.message.responseTopic}`.
    ResponseTopic,
    /// `${mqtt.message.correlationData}`, base64.
    CorrelationData,
    /// `${mqtt.message.pfi}`, the Payload Format Indicator (0 or 1).
    PayloadFormatIndicator,
}

/// What an enrichment's value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnrichmentValue {
    /// The text as written.
    Static(String),
    /// Read from the publisher or the message when the event is made.
    Dynamic(Variable),
}

impl Enrichment {
    /// Its value, parsed: a value that starts with `${` must be exactly one variable.
    pub fn parsed(&self) -> Result<EnrichmentValue, String> {
        let Some(inner) = self.value.strip_prefix("${") else {
            return Ok(EnrichmentValue::Static(self.value.clone()));
        };
        let inner = inner
            .strip_suffix('}')
            .ok_or_else(|| format!("'{}': a dynamic value is one ${{...}} variable", self.value))?;
        Variable::parse(inner).map(EnrichmentValue::Dynamic)
    }
}

impl Variable {
    /// The variable named `inner` (what is between `${` and `}`).
    pub fn parse(inner: &str) -> Result<Self, String> {
        let named = |prefix: &str| inner.strip_prefix(prefix).filter(|n| !n.is_empty());
        Ok(match inner {
            "client.authenticationName" => Self::AuthenticationName,
            "mqtt.message.topicName" => Self::TopicName,
            "mqtt.message.responseTopic" => Self::ResponseTopic,
            "mqtt.message.correlationData" => Self::CorrelationData,
            "mqtt.message.pfi" => Self::PayloadFormatIndicator,
            _ => {
                if let Some(key) = named("client.attributes.") {
                    Self::Attribute(key.to_owned())
                } else if let Some(rest) = named("mqtt.message.userProperties") {
                    let key = rest
                        .strip_prefix("['")
                        .and_then(|k| k.strip_suffix("']"))
                        .or_else(|| rest.strip_prefix('.'))
                        .filter(|k| !k.is_empty())
                        .ok_or_else(|| unknown_variable(inner))?;
                    Self::UserProperty(key.to_owned())
                } else {
                    return Err(unknown_variable(inner));
                }
            }
        })
    }
}

fn unknown_variable(inner: &str) -> String {
    format!(
        "unknown variable '${{{inner}}}': use client.authenticationName, client.attributes.<key>, \
         mqtt.message.userProperties.<key> (or ['<key>']), mqtt.message.topicName, \
         mqtt.message.responseTopic, mqtt.message.correlationData or mqtt.message.pfi"
    )
}

impl Route {
    /// Whether a message on `topic` goes this way (topic filters, then subject filters).
    pub fn takes(&self, topic: &str) -> bool {
        if topic.starts_with(crate::EVENTS_PREFIX) && !self.life_cycle_events {
            return false;
        }
        let by_filter = self.topic_filters.is_empty()
            || self
                .topic_filters
                .iter()
                .any(|f| tern_topic::filter_matches(f, topic));
        by_filter
            && self
                .subject_begins_with
                .as_deref()
                .is_none_or(|p| topic.starts_with(p))
            && self
                .subject_ends_with
                .as_deref()
                .is_none_or(|s| topic.ends_with(s))
    }

    /// Checks every rule; the error names the field and the rule.
    pub fn validate(&self) -> Result<(), (String, String)> {
        let bad = |field: &str, rule: String| Err((field.to_owned(), rule));
        let name_ok = (3..=50).contains(&self.name.len())
            && self
                .name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !name_ok {
            return bad("name", "3-50 characters of A-Z, a-z, 0-9 and '-'".into());
        }
        let url = self.endpoint_url.as_str();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        match (&self.ca_certificate, url.starts_with("https://")) {
            (None, true) => {
                return bad(
                    "caCertificate",
                    "an https:// webhook needs the PEM of the CA that signed its certificate (the system's roots are not used)".into(),
                )
            }
            (Some(_), false) => {
                return bad("caCertificate", "is only for https:// webhooks".into())
            }
            (Some(pem), true) if !pem.contains("-----BEGIN CERTIFICATE-----") || pem.len() > MAX_CA_BYTES => {
                return bad(
                    "caCertificate",
                    format!("one or more PEM certificates (-----BEGIN CERTIFICATE-----), at most {MAX_CA_BYTES} bytes"),
                )
            }
            _ => {}
        }
        match rest {
            Some(rest) if !rest.is_empty() && !rest.starts_with('/') => {}
            _ => {
                return bad(
                    "endpointUrl",
                    format!("'{url}' is not an http:// or https:// URL with a host"),
                )
            }
        }
        if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return bad(
                "endpointUrl",
                "must not contain spaces or control characters".into(),
            );
        }
        if self.delivery_headers.len() > MAX_HEADERS {
            return bad("deliveryHeaders", format!("at most {MAX_HEADERS} headers"));
        }
        for (i, h) in self.delivery_headers.iter().enumerate() {
            let token = !h.name.is_empty()
                && h.name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !token {
                return bad(
                    &format!("deliveryHeaders[{i}].name"),
                    "an HTTP header name (a token)".into(),
                );
            }
            const RESERVED: [&str; 6] = [
                "content-type",
                "content-length",
                "host",
                "transfer-encoding",
                "connection",
                "webhook-request-origin",
            ];
            if RESERVED.contains(&h.name.to_ascii_lowercase().as_str()) {
                return bad(
                    &format!("deliveryHeaders[{i}].name"),
                    format!("'{}' is set by the broker itself", h.name),
                );
            }
            if h.value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0) {
                return bad(
                    &format!("deliveryHeaders[{i}].value"),
                    "must not contain CR, LF or NUL".into(),
                );
            }
            if h.name.len() + h.value.len() > MAX_HEADER_BYTES {
                return bad(
                    &format!("deliveryHeaders[{i}]"),
                    format!("at most {MAX_HEADER_BYTES} bytes"),
                );
            }
        }
        for (i, filter) in self.topic_filters.iter().enumerate() {
            if let Err(e) = tern_topic::validate_topic_filter(filter) {
                return bad(&format!("topicFilters[{i}]"), e.to_string());
            }
        }
        if self.enrichments.len() > MAX_ENRICHMENTS {
            return bad(
                "enrichments",
                format!("at most {MAX_ENRICHMENTS} enrichments"),
            );
        }
        for (i, e) in self.enrichments.iter().enumerate() {
            let key_ok = (1..=MAX_ENRICHMENT_KEY).contains(&e.key.len())
                && e.key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            if !key_ok {
                return bad(
                    &format!("enrichments[{i}].key"),
                    format!("1-{MAX_ENRICHMENT_KEY} characters of a-z and 0-9"),
                );
            }
            if RESERVED_KEYS.contains(&e.key.as_str()) {
                return bad(
                    &format!("enrichments[{i}].key"),
                    format!("'{}' is a CloudEvents attribute", e.key),
                );
            }
            if self.enrichments[..i].iter().any(|o| o.key == e.key) {
                return bad(
                    &format!("enrichments[{i}].key"),
                    format!("'{}' appears twice", e.key),
                );
            }
            if e.value.chars().count() > MAX_ENRICHMENT_VALUE {
                return bad(
                    &format!("enrichments[{i}].value"),
                    format!("at most {MAX_ENRICHMENT_VALUE} characters"),
                );
            }
            if let Err(rule) = e.parsed() {
                return bad(&format!("enrichments[{i}].value"), rule);
            }
        }
        let filters = &self.advanced_filters;
        if filters.len() > crate::route_filter::MAX_FILTERS {
            return bad(
                "advancedFilters",
                format!("at most {} filters", crate::route_filter::MAX_FILTERS),
            );
        }
        let values: usize = filters.iter().map(|f| f.values.len().max(1)).sum();
        if values > crate::route_filter::MAX_VALUES {
            return bad(
                "advancedFilters",
                format!("at most {} values in all", crate::route_filter::MAX_VALUES),
            );
        }
        for (i, f) in filters.iter().enumerate() {
            if let Err(rule) = f.validate() {
                return bad(&format!("advancedFilters[{i}]"), rule);
            }
        }
        if !(1..=5000).contains(&self.max_events_per_batch) {
            return bad("maxEventsPerBatch", "1-5000".into());
        }
        if !(1..=1024).contains(&self.preferred_batch_size_in_kilobytes) {
            return bad("preferredBatchSizeInKilobytes", "1-1024".into());
        }
        if !(1..=10).contains(&self.max_delivery_count) {
            return bad("maxDeliveryCount", "1-10".into());
        }
        if !(60..=86_400).contains(&self.event_time_to_live_secs) {
            return bad("eventTimeToLiveSecs", "60-86400 seconds".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(json: serde_json::Value) -> Route {
        serde_json::from_value(json).expect("a route")
    }

    #[test]
    fn takes_follows_topic_and_subject_filters_and_the_events_flag() {
        let all = route(serde_json::json!({"name": "all", "endpointUrl": "http://h/x"}));
        assert!(all.takes("a/b"));
        assert!(
            !all.takes("$events/clients/d/connected"),
            "life-cycle events need the flag"
        );
        let events = route(
            serde_json::json!({"name": "ev1", "endpointUrl": "http://h/x", "lifeCycleEvents": true}),
        );
        assert!(events.takes("$events/clients/d/connected"));
        let narrow = route(serde_json::json!({
            "name": "narrow", "endpointUrl": "http://h/x",
            "topicFilters": ["devices/+/telemetry"],
            "subjectBeginsWith": "devices/a", "subjectEndsWith": "telemetry"
        }));
        assert!(narrow.takes("devices/a1/telemetry"));
        assert!(
            !narrow.takes("devices/b1/telemetry"),
            "subject must begin with devices/a"
        );
        assert!(!narrow.takes("devices/a1/status"), "not the topic filter");
    }

    #[test]
    fn enrichment_variables_parse_or_name_the_choices() {
        let parse = |v: &str| {
            Enrichment {
                key: "k".into(),
                value: v.into(),
            }
            .parsed()
        };
        assert_eq!(parse("lab"), Ok(EnrichmentValue::Static("lab".into())));
        assert_eq!(
            parse("${mqtt.message.userProperties['a b']}"),
            Ok(EnrichmentValue::Dynamic(Variable::UserProperty(
                "a b".into()
            )))
        );
        assert_eq!(
            parse("${mqtt.message.userProperties.x}"),
            Ok(EnrichmentValue::Dynamic(Variable::UserProperty("x".into())))
        );
        assert_eq!(
            parse("${client.attributes.room}"),
            Ok(EnrichmentValue::Dynamic(Variable::Attribute("room".into())))
        );
        let err = parse("${client.name}").unwrap_err();
        assert!(err.contains("client.authenticationName"), "{err}");
        assert!(parse("${client.authenticationName").is_err(), "unclosed");
    }
}
