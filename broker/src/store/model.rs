//! The on-disk shapes of messages, subscriptions and sessions, shared by the
//! snapshot and the journal, and their conversions to and from the broker's
//! own types.
//!
//! Records are postcard-encoded, so the format is explicit and versioned
//! here. Times are Unix milliseconds on disk (the broker's clock is
//! `tokio::time::Instant`, which does not survive a restart).

use crate::message::Message;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tern_protocol::mqtt::packet::{
    ContentType, CorrelationData, PayloadFormat, PayloadFormatIndicator, Property, Qos,
    ResponseTopic, UserProperty,
};
use tern_protocol::mqtt::IntoPayload;
use tokio::time::Instant;

/// A message as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredMessage {
    pub topic: String,
    pub payload: Vec<u8>,
    pub qos: u8,
    pub retain: bool,
    pub properties: Vec<StoredProperty>,
    /// Unix milliseconds when the message expires.
    pub expires_at_ms: Option<u64>,
    pub publisher: String,
}

/// The properties a message carries, as stored (forwarded unchanged and in order).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum StoredProperty {
    PayloadFormatUtf8(bool),
    ContentType(String),
    ResponseTopic(String),
    CorrelationData(Vec<u8>),
    User(String, String),
}

/// A message in a session's queue: the message by its store id, and how it
/// goes to this subscriber.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredQueued {
    pub message: u64,
    pub qos: u8,
    pub retain: bool,
    pub subscription_ids: Vec<u32>,
}

/// A message sent to the client and not yet fully acknowledged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredInflight {
    pub packet_id: u16,
    /// PUBREC arrived: waiting for PUBCOMP.
    pub awaiting_comp: bool,
    pub item: StoredQueued,
}

/// A subscription's granted options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSubscription {
    pub qos: u8,
    pub no_local: bool,
    pub retain_as_published: bool,
    pub retain_handling: u8,
    pub subscription_id: Option<u32>,
}

/// A will message waiting for its Will Delay Interval (or its session's end)
/// while its session is offline [MQTT-3.1.3-9], as stored: a restart
/// publishes it when it is due, unless a connection resumed the session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredWill {
    /// The will message.
    pub message: StoredMessage,
    /// When it is due (Unix milliseconds).
    pub publish_at_ms: u64,
    /// The authentication name of the client that set it (routes get the
    /// will as that client's message).
    pub authentication_name: String,
}

/// An event a route holds (queued, in delivery or waiting for a retry), as
/// stored: kept until its webhook took it or it was dead-lettered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRouted {
    /// The route's name.
    pub route: String,
    /// The CloudEvent, as JSON text.
    pub event: String,
    /// When the broker received the message, Unix ms (its time to live counts from here).
    pub received_ms: u64,
    /// `publishtime` of a dead letter (RFC 3339).
    pub publish_time: String,
    /// Delivery attempts made so far.
    pub attempts: u32,
}

/// The QoS of a stored byte (anything unknown reads as QoS 0).
pub fn qos_from(v: u8) -> Qos {
    match v {
        2 => Qos::ExactlyOnce,
        1 => Qos::AtLeastOnce,
        _ => Qos::AtMostOnce,
    }
}

/// Unix milliseconds of `t`.
pub fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Converts between the broker's clock and the wall clock at one moment.
#[derive(Debug, Clone, Copy)]
pub struct Clocks {
    pub now: Instant,
    pub wall: SystemTime,
}

impl Clocks {
    /// The two clocks now.
    pub fn now() -> Self {
        Self {
            now: Instant::now(),
            wall: SystemTime::now(),
        }
    }
}

/// A message as stored.
pub fn store_message(m: &Message, clocks: Clocks) -> StoredMessage {
    let properties = m
        .properties
        .iter()
        .filter_map(|p| match p {
            Property::PayloadFormatIndicator(v) => {
                Some(StoredProperty::PayloadFormatUtf8(v.val() == 1))
            }
            Property::ContentType(v) => Some(StoredProperty::ContentType(v.val().to_string())),
            Property::ResponseTopic(v) => Some(StoredProperty::ResponseTopic(v.val().to_string())),
            Property::CorrelationData(v) => Some(StoredProperty::CorrelationData(v.val().to_vec())),
            Property::UserProperty(v) => Some(StoredProperty::User(
                v.key().to_string(),
                v.val().to_string(),
            )),
            _ => None,
        })
        .collect();
    let expires_at_ms = m
        .expires_at
        .map(|at| unix_ms(clocks.wall + at.saturating_duration_since(clocks.now)));
    StoredMessage {
        topic: m.topic.to_string(),
        payload: m.payload.as_slice().to_vec(),
        qos: m.qos as u8,
        retain: m.retain,
        properties,
        expires_at_ms,
        publisher: m.publisher.to_string(),
    }
}

/// A stored message back as the broker's message.
pub fn load_message(m: &StoredMessage, clocks: Clocks) -> Message {
    let properties: Vec<Property> = m
        .properties
        .iter()
        .filter_map(|p| match p.clone() {
            StoredProperty::PayloadFormatUtf8(utf8) => {
                let format = if utf8 {
                    PayloadFormat::String
                } else {
                    PayloadFormat::Binary
                };
                PayloadFormatIndicator::new(format).ok().map(Into::into)
            }
            StoredProperty::ContentType(v) => ContentType::new(v).ok().map(Into::into),
            StoredProperty::ResponseTopic(v) => ResponseTopic::new(v).ok().map(Into::into),
            StoredProperty::CorrelationData(v) => CorrelationData::new(v).ok().map(Into::into),
            StoredProperty::User(k, v) => UserProperty::new(k, v).ok().map(Into::into),
        })
        .collect();
    let expires_at = m.expires_at_ms.map(|ms| {
        let wall = UNIX_EPOCH + Duration::from_millis(ms);
        clocks.now + wall.duration_since(clocks.wall).unwrap_or(Duration::ZERO)
    });
    Message {
        topic: Arc::from(m.topic.as_str()),
        payload: m.payload.clone().into_payload(),
        qos: qos_from(m.qos),
        retain: m.retain,
        properties: properties.into(),
        expires_at,
        publisher: Arc::from(m.publisher.as_str()),
        store: Default::default(),
    }
}
