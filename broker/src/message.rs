//! The one internal message model: what a PUBLISH carries once it is inside the broker.
//!
//! MQTT 3.1.1 and 5.0 differences end at the connection: a received PUBLISH of
//! either version becomes a [`Message`], and each subscriber's connection turns
//! it back into a PUBLISH of that subscriber's version ([`Message::to_publish`]).
//! The payload is an `ArcPayload` shared by every queue and subscriber: fan-out
//! never copies it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tern_protocol::mqtt::packet::{v3_1_1, v5_0, GenericPacket, Property, Qos};
use tern_protocol::mqtt::ArcPayload;
use tokio::time::Instant;

/// An application message inside the broker.
#[derive(Debug, Clone)]
pub struct Message {
    /// The topic name it was published to.
    pub topic: Arc<str>,
    /// The payload, shared by every subscriber.
    pub payload: ArcPayload,
    /// The QoS it was published with.
    pub qos: Qos,
    /// The RETAIN flag it was published with.
    pub retain: bool,
    /// Properties forwarded unchanged and in order [MQTT-3.3.2-17]/[MQTT-3.3.2-18]: Payload
    /// Format Indicator, Content Type, Response Topic, Correlation Data, User Properties.
    /// Message Expiry is kept apart in `expires_at` and recomputed on send [MQTT-3.3.2-6].
    pub properties: Arc<[Property]>,
    /// When the message expires, if it has a Message Expiry Interval.
    pub expires_at: Option<Instant>,
    /// Client identifier of the publisher (for No Local), empty for broker-made messages.
    pub publisher: Arc<str>,
    /// Its place in the durable store (see [`Message::store_id`]); a clone
    /// keeps it.
    pub store: StoreMark,
}

/// A message's place in the durable store: its id, and the journal segment
/// that last got its content.
#[derive(Debug, Default)]
pub struct StoreMark {
    /// The id, given the first time the message is queued for a persistent
    /// session.
    id: OnceLock<u64>,
    /// The segment (see [`Message::mark_journaled_in`]) whose records hold
    /// the content; 0 for none.
    journaled_in: AtomicU64,
}

impl Clone for StoreMark {
    fn clone(&self) -> Self {
        Self {
            id: self.id.clone(),
            journaled_in: AtomicU64::new(self.journaled_in.load(Ordering::Relaxed)),
        }
    }
}

/// The next store id (ids are unique across restarts: recovery moves this
/// past every stored one).
static NEXT_STORE_ID: AtomicU64 = AtomicU64::new(1);

impl Message {
    /// The message's id in the durable store, given now if it has none:
    /// every queue that holds it refers to it by this id, so its payload is
    /// stored once.
    pub fn store_id(&self) -> u64 {
        *self
            .store
            .id
            .get_or_init(|| NEXT_STORE_ID.fetch_add(1, Ordering::Relaxed))
    }

    /// Records that journal segment `segment` (never 0) holds the content
    /// now; returns whether it did not before. The journal writes a
    /// message's content once per segment, before the first record that
    /// refers to it, and asks this instead of keeping a set of ids: only its
    /// one writer thread calls it.
    pub fn mark_journaled_in(&self, segment: u64) -> bool {
        self.store.journaled_in.swap(segment, Ordering::Relaxed) != segment
    }

    /// Gives a message read back from the store its stored id.
    pub fn set_store_id(&self, id: u64) {
        let _ = self.store.id.set(id);
    }

    /// Makes every store id given from now on greater than `max` (recovery).
    pub fn reserve_store_ids_through(max: u64) {
        NEXT_STORE_ID.fetch_max(max + 1, Ordering::Relaxed);
    }

    /// Builds a message from a received MQTT 5 PUBLISH whose topic alias is already resolved.
    pub fn from_v5(publish: &v5_0::Publish, publisher: &Arc<str>, now: Instant) -> Self {
        let mut expires_at = None;
        let mut properties = Vec::new();
        for prop in publish.props() {
            match prop {
                Property::MessageExpiryInterval(p) => {
                    expires_at = Some(now + Duration::from_secs(u64::from(p.val())));
                }
                Property::TopicAlias(_) | Property::SubscriptionIdentifier(_) => {}
                other => properties.push(other.clone()),
            }
        }
        Self {
            topic: Arc::from(publish.topic_name()),
            payload: publish.payload().clone(),
            qos: publish.qos(),
            retain: publish.retain(),
            properties: properties.into(),
            expires_at,
            publisher: publisher.clone(),
            store: Default::default(),
        }
    }

    /// Builds a message from a received MQTT 3.1.1 PUBLISH.
    pub fn from_v3(publish: &v3_1_1::Publish, publisher: &Arc<str>) -> Self {
        Self {
            topic: Arc::from(publish.topic_name()),
            payload: publish.payload().clone(),
            qos: publish.qos(),
            retain: publish.retain(),
            properties: Arc::from(Vec::new()),
            expires_at: None,
            publisher: publisher.clone(),
            store: Default::default(),
        }
    }

    /// Whether the message has outlived its Message Expiry Interval [MQTT-3.3.2-5].
    pub fn is_expired(&self, now: Instant) -> bool {
        self.expires_at.is_some_and(|at| at <= now)
    }

    /// Whether the publisher declared the payload UTF-8 (Payload Format Indicator 1).
    pub fn payload_is_utf8(&self) -> bool {
        self.properties
            .iter()
            .any(|p| matches!(p, Property::PayloadFormatIndicator(v) if v.val() == 1))
    }

    /// Payload length in bytes (what offline queue limits count).
    pub fn payload_len(&self) -> usize {
        self.payload.len()
    }

    /// The PUBLISH a subscriber of `version` receives.
    ///
    /// `qos` is the delivery QoS (the lower of the message's and the subscription's),
    /// `retain` the RETAIN flag to send, `subscription_ids` every matching
    /// subscription's identifier [MQTT-3.3.4-3], `packet_id` the subscriber-side id
    /// for QoS 1/2. Returns `None` when the message has expired.
    pub fn to_publish(&self, delivery: &Delivery<'_>, now: Instant) -> Option<GenericPacket<u16>> {
        let remaining = match self.expires_at {
            Some(at) if at <= now => return None,
            Some(at) => Some(remaining_secs(at, now)),
            None => None,
        };
        let packet = if delivery.version.is_v5() {
            // Most messages have no properties: then nothing is allocated.
            let count = self.properties.len()
                + usize::from(remaining.is_some())
                + delivery.subscription_ids.len();
            let mut props: Vec<Property> = Vec::with_capacity(count);
            props.extend(self.properties.iter().cloned());
            if let Some(secs) = remaining {
                props.push(
                    tern_protocol::mqtt::packet::MessageExpiryInterval::new(secs)
                        .ok()?
                        .into(),
                );
            }
            for id in delivery.subscription_ids {
                if let Ok(p) = tern_protocol::mqtt::packet::SubscriptionIdentifier::new(*id) {
                    props.push(p.into());
                }
            }
            let mut builder = v5_0::Publish::builder()
                .topic_name(&*self.topic)
                .ok()?
                .qos(delivery.qos)
                .retain(delivery.retain)
                .dup(delivery.dup)
                .payload(self.payload.clone());
            if !props.is_empty() {
                builder = builder.props(props);
            }
            if let Some(id) = delivery.packet_id {
                builder = builder.packet_id(id);
            }
            builder.build().ok()?.into()
        } else {
            let mut builder = v3_1_1::Publish::builder()
                .topic_name(&*self.topic)
                .ok()?
                .qos(delivery.qos)
                .retain(delivery.retain)
                .dup(delivery.dup)
                .payload(self.payload.clone());
            if let Some(id) = delivery.packet_id {
                builder = builder.packet_id(id);
            }
            builder.build().ok()?.into()
        };
        Some(packet)
    }
}

/// How one message goes to one subscriber.
#[derive(Debug, Clone, Copy)]
pub struct Delivery<'a> {
    /// The subscriber's protocol version.
    pub version: crate::version::Version,
    /// Delivery QoS.
    pub qos: Qos,
    /// RETAIN flag to send.
    pub retain: bool,
    /// DUP flag: set on redelivery [MQTT-3.3.1-1].
    pub dup: bool,
    /// Packet identifier for QoS 1/2.
    pub packet_id: Option<u16>,
    /// Subscription Identifiers of every matching subscription.
    pub subscription_ids: &'a [u32],
}

/// Seconds left until `at`, rounded up so a message never looks expired early.
fn remaining_secs(at: Instant, now: Instant) -> u32 {
    let left = at.saturating_duration_since(now);
    let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    u32::try_from(secs).unwrap_or(u32::MAX)
}

/// The lower of two QoS levels.
pub fn min_qos(a: Qos, b: Qos) -> Qos {
    if (a as u8) <= (b as u8) {
        a
    } else {
        b
    }
}
