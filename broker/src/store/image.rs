//! The durable state as plain data: what a snapshot holds, what replaying the
//! journal changes, and what recovery hands the broker.
//!
//! Recovery is `snapshot → Image`, then every journal record applied in
//! order ([`Image::apply`]), then the image restored into a fresh broker
//! (`state/durable.rs`). Compaction is the running broker's image, written
//! as the new snapshot.

use super::journal::record::{Record, RoutedChange, SessionChange};
use super::model::{
    StoredInflight, StoredMessage, StoredQueued, StoredRouted, StoredSubscription, StoredWill,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

/// The durable state.
#[derive(Debug, Default)]
pub struct Image {
    /// Persistent sessions by id.
    pub sessions: HashMap<u64, ImageSession>,
    /// The messages the sessions' queues refer to, by store id.
    pub messages: HashMap<u64, StoredMessage>,
    /// Messages the sessions refer to that the snapshot already holds, by
    /// store id: a compaction neither encodes nor writes them again (they are
    /// not in `messages`).
    pub kept_messages: HashSet<u64>,
    /// The delayed wills of offline sessions, by session id (changed with
    /// their session: by its records, as of its `last_lsn`).
    pub wills: HashMap<u64, StoredWill>,
    /// Retained messages by topic.
    pub retained: BTreeMap<String, StoredMessage>,
    /// LSN of the last retained change the image has.
    pub retained_lsn: u64,
    /// The events routes hold, by spool id (oldest first).
    pub routed: BTreeMap<u64, StoredRouted>,
    /// LSN of the last change of routed events the image has.
    pub routed_lsn: u64,
    /// The highest LSN the image has seen.
    pub last_lsn: u64,
    /// The highest session id and message store id the image has seen,
    /// kept or not: ids given after a restart must be greater, or a journal
    /// replayed again (a crash between a checkpoint and the removal of the
    /// segments it covers) could mix an old record with a new one.
    pub max_ids: (u64, u64),
    /// The highest spool id of a routed event the image has seen (as `max_ids`).
    pub max_routed_id: u64,
}

/// One persistent session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageSession {
    /// Its Client Identifier.
    pub client_id: String,
    /// The authentication name it belongs to.
    pub owner: Option<String>,
    /// Whether its last client spoke MQTT 5.
    pub v5: bool,
    /// Session Expiry Interval, seconds.
    pub expiry_secs: u32,
    /// When its connection ended (Unix ms); `None` while connected.
    pub offline_since_ms: Option<u64>,
    /// LSN of the last change of this session the image has.
    pub last_lsn: u64,
    /// Subscriptions by full filter.
    pub subscriptions: BTreeMap<String, StoredSubscription>,
    /// Queued QoS 1/2 messages, oldest first.
    pub queue: VecDeque<StoredQueued>,
    /// Messages in flight to the client, in send order.
    pub inflight: Vec<StoredInflight>,
    /// Incoming QoS 2 packet identifiers not yet released.
    pub incoming_qos2: BTreeSet<u16>,
}

impl Image {
    /// Applies one journal record. Records the image already has (by LSN)
    /// and records of sessions it does not know are skipped, so replaying a
    /// journal over a snapshot taken while it was written is exact.
    pub fn apply(&mut self, lsn: u64, record: Record) {
        self.last_lsn = self.last_lsn.max(lsn);
        match record {
            Record::Message { id, message } => {
                self.max_ids.1 = self.max_ids.1.max(id);
                self.messages.entry(id).or_insert(message);
            }
            Record::Retain(message) => {
                if lsn <= self.retained_lsn {
                    return;
                }
                self.retained_lsn = lsn;
                if message.payload.is_empty() {
                    self.retained.remove(&message.topic);
                } else {
                    self.retained.insert(message.topic.clone(), message);
                }
            }
            Record::Session { session, change } => {
                self.max_ids.0 = self.max_ids.0.max(session);
                self.apply_session(lsn, session, change);
            }
            Record::Routed(change) => self.apply_routed(lsn, change),
        }
    }

    fn apply_routed(&mut self, lsn: u64, change: RoutedChange) {
        if let RoutedChange::Queued { id, .. } = &change {
            self.max_routed_id = self.max_routed_id.max(*id);
        }
        if lsn <= self.routed_lsn {
            return;
        }
        self.routed_lsn = lsn;
        match change {
            RoutedChange::Queued { id, event } => {
                self.routed.insert(id, event);
            }
            RoutedChange::Attempted { id, attempts } => {
                if let Some(event) = self.routed.get_mut(&id) {
                    event.attempts = attempts;
                }
            }
            RoutedChange::Settled { id } => {
                self.routed.remove(&id);
            }
        }
    }

    fn apply_session(&mut self, lsn: u64, id: u64, change: SessionChange) {
        if let SessionChange::Start {
            client_id,
            owner,
            v5,
            expiry_secs,
        } = change
        {
            if self.sessions.get(&id).is_some_and(|s| s.last_lsn >= lsn) {
                return;
            }
            let session = ImageSession {
                client_id,
                owner,
                v5,
                expiry_secs,
                offline_since_ms: None,
                last_lsn: lsn,
                subscriptions: BTreeMap::new(),
                queue: VecDeque::new(),
                inflight: Vec::new(),
                incoming_qos2: BTreeSet::new(),
            };
            self.sessions.insert(id, session);
            self.wills.remove(&id);
            return;
        }
        let Some(s) = self.sessions.get_mut(&id) else {
            return;
        };
        if lsn <= s.last_lsn {
            return;
        }
        s.last_lsn = lsn;
        match change {
            SessionChange::Start { .. } => {}
            SessionChange::Resume { v5, expiry_secs } => {
                s.v5 = v5;
                s.expiry_secs = expiry_secs;
                s.offline_since_ms = None;
                // A will is not sent once a connection resumes [MQTT-3.1.3-9].
                self.wills.remove(&id);
            }
            SessionChange::Offline { at_ms } => s.offline_since_ms = Some(at_ms),
            SessionChange::Expiry { secs } => s.expiry_secs = secs,
            SessionChange::Subscribe { filter, options } => {
                s.subscriptions.insert(filter, options);
            }
            SessionChange::Unsubscribe { filter } => {
                s.subscriptions.remove(&filter);
            }
            SessionChange::Enqueue(item) => s.queue.push_back(item),
            SessionChange::Sent { message, packet_id } => {
                if let Some(at) = s.queue.iter().position(|q| q.message == message) {
                    let item = s.queue.remove(at).expect("position is in the queue");
                    s.inflight.retain(|m| m.packet_id != packet_id);
                    s.inflight.push(StoredInflight {
                        packet_id,
                        awaiting_comp: false,
                        item,
                    });
                }
            }
            SessionChange::Received { packet_id } => {
                if let Some(m) = s.inflight.iter_mut().find(|m| m.packet_id == packet_id) {
                    m.awaiting_comp = true;
                }
            }
            SessionChange::Done { packet_id } => s.inflight.retain(|m| m.packet_id != packet_id),
            SessionChange::InboundQos2 { packet_id } => {
                s.incoming_qos2.insert(packet_id);
            }
            SessionChange::InboundReleased { packet_id } => {
                s.incoming_qos2.remove(&packet_id);
            }
            SessionChange::End => {
                self.sessions.remove(&id);
                self.wills.remove(&id);
            }
            SessionChange::Will(Some(will)) => {
                self.wills.insert(id, will);
            }
            SessionChange::Will(None) => {
                self.wills.remove(&id);
            }
        }
    }

    /// Drops the messages no session refers to any more.
    pub fn drop_unreferenced_messages(&mut self) {
        let referenced: HashSet<u64> = self
            .sessions
            .values()
            .flat_map(|s| {
                let queued = s.queue.iter().map(|q| q.message);
                queued.chain(s.inflight.iter().map(|m| m.item.message))
            })
            .collect();
        self.messages.retain(|id, _| referenced.contains(id));
    }
}
