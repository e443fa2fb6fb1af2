//! The durable state as plain data: what a snapshot holds, what replaying the
//! journal changes, and what recovery hands the broker.
//!
//! Recovery is `snapshot → Image`, then every journal record applied in
//! order ([`Image::apply`]), then [`Image::restore`] into a fresh broker.
//! Compaction is [`Image::capture`] of the running broker, written as the
//! new snapshot.

use super::journal::record::{Record, SessionChange};
use super::model::{
    load_message, store_message, unix_ms, Clocks, StoredInflight, StoredMessage, StoredQueued,
    StoredSubscription,
};
use crate::message::Message;
use crate::session::{Inflight, InflightState, Queued, SessionCell, SessionId};
use crate::state::BrokerState;
use crate::version::Version;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::Arc;
use tern_protocol::mqtt::packet::Qos;

/// The durable state.
#[derive(Debug, Default)]
pub struct Image {
    /// Persistent sessions by id.
    pub sessions: HashMap<u64, ImageSession>,
    /// The messages the sessions' queues refer to, by store id.
    pub messages: HashMap<u64, StoredMessage>,
    /// Retained messages by topic.
    pub retained: BTreeMap<String, StoredMessage>,
    /// LSN of the last retained change the image has.
    pub retained_lsn: u64,
    /// The highest LSN the image has seen.
    pub last_lsn: u64,
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
            Record::Session { session, change } => self.apply_session(lsn, session, change),
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

    /// The persistent sessions and retained messages of a running broker.
    ///
    /// Each session is read under its own lock, with the LSN of its last
    /// journaled change; the retained messages likewise. QoS 0 messages are
    /// not durable and are left out.
    pub fn capture(state: &BrokerState) -> Self {
        let clocks = Clocks::now();
        let mut image = Image::default();
        let mut messages: HashMap<u64, Arc<Message>> = HashMap::new();
        for cell in state.sessions() {
            let session = cell.state.lock();
            if session.expiry_secs == 0 || session.discarded {
                continue;
            }
            let mut keep = |item: &Queued| -> Option<StoredQueued> {
                if item.qos == Qos::AtMostOnce {
                    return None;
                }
                let id = item.message.store_id();
                messages.entry(id).or_insert_with(|| item.message.clone());
                Some(StoredQueued {
                    message: id,
                    qos: item.qos as u8,
                    retain: item.retain,
                    subscription_ids: item.subscription_ids.clone(),
                })
            };
            let queue = session.queue.iter().filter_map(&mut keep).collect();
            let inflight = session
                .inflight()
                .iter()
                .filter_map(|m| {
                    Some(StoredInflight {
                        packet_id: m.packet_id,
                        awaiting_comp: m.state == InflightState::AwaitingComp,
                        item: keep(&m.item)?,
                    })
                })
                .collect();
            let stored = ImageSession {
                client_id: cell.client_id.to_string(),
                owner: session.owner_name.as_deref().map(str::to_string),
                v5: session.version.is_v5(),
                expiry_secs: session.expiry_secs,
                offline_since_ms: (!cell.is_online()).then(|| unix_ms(clocks.wall)),
                last_lsn: cell.last_lsn(),
                subscriptions: session
                    .subscriptions
                    .iter()
                    .map(|(filter, o)| (filter.clone(), o.into()))
                    .collect(),
                queue,
                inflight,
                incoming_qos2: session.incoming_qos2.iter().copied().collect(),
            };
            image.last_lsn = image.last_lsn.max(cell.last_lsn());
            image.sessions.insert(cell.id.get(), stored);
        }
        // Encoded outside the session locks.
        image.messages = messages
            .into_iter()
            .map(|(id, m)| (id, store_message(&m, clocks)))
            .collect();
        let (retained_lsn, retained) = state.retained_image();
        image.retained_lsn = retained_lsn;
        image.last_lsn = image.last_lsn.max(retained_lsn);
        image.retained = retained
            .into_iter()
            .map(|m| (m.topic.to_string(), store_message(&m, clocks)))
            .collect();
        image
    }

    /// Loads the image into a fresh broker; returns (sessions, retained)
    /// counts. Expired messages and sessions are left out.
    pub fn restore(self, state: &Arc<BrokerState>) -> (usize, usize) {
        let clocks = Clocks::now();
        let mut retained_count = 0;
        for stored in self.retained.values() {
            let message = Arc::new(load_message(stored, clocks));
            if message.is_expired(clocks.now) {
                continue;
            }
            match state.restore_retained(&message) {
                Ok(_) => retained_count += 1,
                Err(refused) => {
                    tracing::warn!(topic = %message.topic, "stored retained message not loaded: {refused}");
                }
            }
        }
        let messages: HashMap<u64, Arc<Message>> = self
            .messages
            .iter()
            .map(|(id, stored)| {
                let message = load_message(stored, clocks);
                message.set_store_id(*id);
                (*id, Arc::new(message))
            })
            .collect();
        let queued = |q: &StoredQueued| -> Option<Queued> {
            Some(Queued {
                message: messages.get(&q.message)?.clone(),
                qos: super::model::qos_from(q.qos),
                retain: q.retain,
                subscription_ids: q.subscription_ids.clone(),
            })
        };
        let now_ms = unix_ms(clocks.wall);
        let mut session_count = 0;
        let max_id = self.sessions.keys().copied().max().unwrap_or(0);
        SessionId::reserve_through(max_id);
        Message::reserve_store_ids_through(self.messages.keys().copied().max().unwrap_or(0));
        for (id, stored) in self.sessions {
            let since = stored.offline_since_ms.unwrap_or(now_ms);
            let elapsed_secs = now_ms.saturating_sub(since) / 1000;
            let remaining = if stored.expiry_secs == u32::MAX {
                u32::MAX
            } else {
                let Some(left) = u64::from(stored.expiry_secs).checked_sub(elapsed_secs) else {
                    continue; // expired while the broker was down
                };
                u32::try_from(left).unwrap_or(u32::MAX)
            };
            let cell = SessionCell::restored(
                SessionId::from_stored(id),
                Arc::from(stored.client_id.as_str()),
                Version::from_v5(stored.v5),
                stored.expiry_secs,
            );
            cell.set_last_lsn(stored.last_lsn);
            {
                let mut session = cell.state.lock();
                session.owner_name = stored.owner.map(Arc::from);
                for item in stored.queue.iter().filter_map(queued) {
                    session.queued_bytes += item.message.payload_len();
                    session.queue.push_back(item);
                }
                for m in &stored.inflight {
                    let Some(item) = queued(&m.item) else {
                        continue;
                    };
                    session.push_inflight(Inflight {
                        packet_id: m.packet_id,
                        item,
                        state: if m.awaiting_comp {
                            InflightState::AwaitingComp
                        } else {
                            InflightState::AwaitingAck
                        },
                    });
                }
                session.incoming_qos2 = stored.incoming_qos2.into_iter().collect();
            }
            let subscriptions = stored
                .subscriptions
                .iter()
                .map(|(filter, s)| (filter.clone(), s.into()))
                .collect();
            state.restore_session(cell, subscriptions, remaining);
            session_count += 1;
        }
        (session_count, retained_count)
    }
}
