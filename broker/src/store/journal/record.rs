//! What the journal records: one change of durable state per record.
//!
//! A record is appended under the lock of what it changes (a session's, or
//! the retained store's), right after the change is made in memory, so the
//! journal's order is the order of the changes. Each carries its LSN; a
//! snapshot remembers, per session and for the retained store, the LSN of
//! the last change it contains, and replay skips what it already has.

use crate::message::Message;
use crate::store::model::{
    StoredMessage, StoredQueued, StoredRouted, StoredSubscription, StoredWill,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A record as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Record {
    /// A message's content, written before the first record of its segment
    /// that refers to it: payloads are written once per segment, however
    /// many sessions queue them.
    Message {
        /// The message's store id.
        id: u64,
        /// Its content.
        message: StoredMessage,
    },
    /// A change of one session.
    Session {
        /// The session's id (`SessionId`), kept across restarts.
        session: u64,
        /// What changed.
        change: SessionChange,
    },
    /// A retained message was set, or (empty payload) deleted.
    Retain(StoredMessage),
    /// A change of the events routes hold (written after the three above,
    /// so journals of an older Tern read unchanged).
    Routed(RoutedChange),
}

/// A change of the events routes hold (`routing/spool.rs`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum RoutedChange {
    /// A route took an event.
    Queued {
        /// The event's spool id.
        id: u64,
        /// The event.
        event: StoredRouted,
    },
    /// A delivery attempt failed; the event waits for its retry.
    Attempted {
        /// The event's spool id.
        id: u64,
        /// Attempts made so far.
        attempts: u32,
    },
    /// The event is settled: delivered, or dead-lettered.
    Settled {
        /// The event's spool id.
        id: u64,
    },
}

/// A change of one session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum SessionChange {
    /// A new session: everything recorded before under this id is gone.
    Start {
        /// Its Client Identifier.
        client_id: String,
        /// The authentication name it belongs to (access mode).
        owner: Option<String>,
        /// Whether its client speaks MQTT 5.
        v5: bool,
        /// Session Expiry Interval, seconds.
        expiry_secs: u32,
    },
    /// A connection resumed the session.
    Resume {
        /// Whether the new client speaks MQTT 5.
        v5: bool,
        /// The new Session Expiry Interval.
        expiry_secs: u32,
    },
    /// The session's connection ended, at Unix milliseconds `at_ms`: its
    /// expiry counts from here.
    Offline {
        /// When.
        at_ms: u64,
    },
    /// DISCONNECT set a new Session Expiry Interval.
    Expiry {
        /// Seconds.
        secs: u32,
    },
    /// A subscription was added or replaced.
    Subscribe {
        /// The full filter (with any `$share/{group}/`).
        filter: String,
        /// Its options.
        options: StoredSubscription,
    },
    /// A subscription was removed.
    Unsubscribe {
        /// The full filter.
        filter: String,
    },
    /// A QoS 1/2 message was queued.
    Enqueue(StoredQueued),
    /// A queued message was sent with `packet_id` and is now in flight.
    Sent {
        /// Its store id.
        message: u64,
        /// The packet identifier it went with.
        packet_id: u16,
    },
    /// PUBREC for an outgoing QoS 2 message: it waits for PUBCOMP.
    Received {
        /// Its packet identifier.
        packet_id: u16,
    },
    /// An outgoing message is done (PUBACK, PUBCOMP, or dropped).
    Done {
        /// Its packet identifier.
        packet_id: u16,
    },
    /// An incoming QoS 2 message was accepted (PUBREC sent) [MQTT-4.3.3].
    InboundQos2 {
        /// Its packet identifier.
        packet_id: u16,
    },
    /// PUBREL for an incoming QoS 2 message (PUBCOMP sent).
    InboundReleased {
        /// Its packet identifier.
        packet_id: u16,
    },
    /// The session ended (expired, replaced, overflowed, or deleted).
    End,
    /// A delayed will is waiting (`Some`), or no longer (`None`: published).
    /// A resumed or ended session has none. (After `End`, so journals of an
    /// older Tern read unchanged.)
    Will(Option<StoredWill>),
}

impl SessionChange {
    /// Whether a packet to the session's own client promises this change,
    /// so that the connection's next write must wait until it is durable:
    /// CONNACK (a session started or resumed), SUBACK / UNSUBACK, PUBREC and
    /// PUBCOMP of incoming QoS 2, PUBREL of outgoing QoS 2, and a QoS 2
    /// PUBLISH going out (`SessionCell::record_sent`). Not a message queued
    /// (its publisher waits for it), acknowledged, or the session going
    /// offline: losing those in a crash costs at most a QoS 1 duplicate.
    pub fn is_promised_to_client(&self) -> bool {
        !matches!(
            self,
            Self::Enqueue(_) | Self::Done { .. } | Self::Offline { .. } | Self::Will(_)
        )
    }
}

/// What an appender hands the journal: a record, with the message an
/// [`SessionChange::Enqueue`] refers to (the writer writes its content first
/// if the segment does not have it yet). Encoding happens on the writer's
/// thread, not on the connection's.
#[derive(Debug)]
pub enum Op {
    /// A change of one session.
    Session {
        /// The session's id.
        session: u64,
        /// What changed.
        change: SessionChange,
        /// The message an `Enqueue` refers to.
        message: Option<Arc<Message>>,
    },
    /// A retained message set or deleted.
    Retain(Arc<Message>),
    /// A change of the events routes hold. A queued event is shared with the
    /// spool's index, so appending it copies nothing.
    Routed(RoutedOp),
}

/// [`RoutedChange`] as appended.
#[derive(Debug)]
pub enum RoutedOp {
    /// A route took an event: (spool id, the event).
    Queued(u64, Arc<StoredRouted>),
    /// See [`RoutedChange::Attempted`].
    Attempted {
        /// The event's spool id.
        id: u64,
        /// Attempts made so far.
        attempts: u32,
    },
    /// See [`RoutedChange::Settled`].
    Settled {
        /// The event's spool id.
        id: u64,
    },
}

impl RoutedOp {
    /// The record written for it.
    pub fn to_record(&self) -> RoutedChange {
        match self {
            Self::Queued(id, event) => RoutedChange::Queued {
                id: *id,
                event: StoredRouted::clone(event),
            },
            Self::Attempted { id, attempts } => RoutedChange::Attempted {
                id: *id,
                attempts: *attempts,
            },
            Self::Settled { id } => RoutedChange::Settled { id: *id },
        }
    }
}
