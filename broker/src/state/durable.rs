//! The broker's durable state as an [`Image`]: read for a snapshot
//! (compaction, shutdown), and loaded from one at start (recovery).

use super::{BrokerState, Will};
use crate::access::Identity;
use crate::message::Message;
use crate::session::{Inflight, InflightState, Queued, SessionCell, SessionId};
use crate::store::model::{
    load_message, qos_from, store_message, unix_ms, Clocks, StoredInflight, StoredQueued,
    StoredWill,
};
use crate::store::{Image, ImageSession};
use crate::version::Version;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;
use tern_protocol::mqtt::packet::Qos;

/// Journal bytes a queued message takes beyond its payload and topic, for
/// [`BrokerState::durable_bytes_estimate`]: an estimate, two frames (its
/// `Message` and `Enqueue` records) of a 16-byte header and a few varint
/// fields each.
const RECORD_OVERHEAD: u64 = 48;

impl BrokerState {
    /// The persistent sessions, retained messages and routed events of a
    /// running broker.
    ///
    /// Each session is copied under its own lock (its queue as pointers to
    /// the messages), with the LSN of its last journaled change; the
    /// retained messages likewise. QoS 0 messages are not durable and are
    /// left out. Messages whose ids are in
    /// `in_snapshot` (the snapshot this image will replace has them) are
    /// only named in [`Image::kept_messages`], not encoded again.
    pub fn capture_image(&self, in_snapshot: &HashSet<u64>) -> Image {
        let clocks = Clocks::now();
        let mut image = Image::default();
        let mut messages: HashMap<u64, Arc<Message>> = HashMap::new();
        let mut kept: HashSet<u64> = HashSet::new();
        for cell in self.sessions() {
            // Under the session's lock only what is needed is copied (a
            // queue item is a pointer and a few flags), so a session with
            // millions of messages queued holds back its own deliveries for
            // as little as possible; the rest is done after.
            let (mut stored, queue, inflight, held) = {
                let session = cell.state.lock();
                let held = std::time::Instant::now();
                if session.expiry_secs == 0 || session.discarded {
                    continue;
                }
                let durable = |item: &&Queued| item.qos != Qos::AtMostOnce;
                let mut queue = Vec::with_capacity(session.queue.len());
                queue.extend(session.queue.iter().filter(durable).cloned());
                let inflight: Vec<(u16, bool, Queued)> = session
                    .inflight()
                    .iter()
                    .filter(|m| durable(&&m.item))
                    .map(|m| {
                        let awaiting_comp = m.state == InflightState::AwaitingComp;
                        (m.packet_id, awaiting_comp, m.item.clone())
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
                    queue: Default::default(),
                    inflight: Default::default(),
                    incoming_qos2: session.incoming_qos2.iter().copied().collect(),
                };
                if let Some(will) = &session.pending_will {
                    image.wills.insert(cell.id.get(), will.clone());
                }
                (stored, queue, inflight, held.elapsed())
            };
            if held >= Duration::from_millis(50) {
                let held_ms = held.as_millis() as u64;
                tracing::debug!(client_id = %cell.client_id, items = queue.len(), held_ms, "a long queue held its session while being copied for a snapshot");
            }
            let mut keep = |item: &Queued| -> StoredQueued {
                let id = item.message.store_id();
                if in_snapshot.contains(&id) {
                    kept.insert(id);
                } else {
                    messages.entry(id).or_insert_with(|| item.message.clone());
                }
                StoredQueued {
                    message: id,
                    qos: item.qos as u8,
                    retain: item.retain,
                    subscription_ids: item.subscription_ids.clone(),
                }
            };
            stored.queue = queue.iter().map(&mut keep).collect();
            stored.inflight = inflight
                .iter()
                .map(|(packet_id, awaiting_comp, item)| StoredInflight {
                    packet_id: *packet_id,
                    awaiting_comp: *awaiting_comp,
                    item: keep(item),
                })
                .collect();
            image.last_lsn = image.last_lsn.max(stored.last_lsn);
            image.sessions.insert(cell.id.get(), stored);
        }
        image.kept_messages = kept;
        // Encoded outside the session locks.
        image.messages = messages
            .into_iter()
            .map(|(id, m)| (id, store_message(&m, clocks)))
            .collect();
        let (retained_lsn, retained) = self.retained_image();
        image.retained_lsn = retained_lsn;
        image.last_lsn = image.last_lsn.max(retained_lsn);
        image.retained = retained
            .into_iter()
            .map(|m| (m.topic.to_string(), store_message(&m, clocks)))
            .collect();
        let (routed_lsn, routed) = self.routing.spool().capture();
        image.routed_lsn = routed_lsn;
        image.last_lsn = image.last_lsn.max(routed_lsn);
        image.routed = routed;
        image
    }

    /// About how many journal bytes the durable state takes: each QoS 1/2
    /// message queued or in flight in a durable session (its payload and
    /// topic, plus [`RECORD_OVERHEAD`]), each retained message likewise.
    /// Compaction compares it with the journal's size: a journal that is
    /// mostly still live would be rewritten to reclaim little. Each session
    /// is locked briefly, never two at once.
    pub fn durable_bytes_estimate(&self) -> u64 {
        let mut bytes = 0u64;
        for cell in self.sessions() {
            let session = cell.state.lock();
            if !session.durable {
                continue;
            }
            let items = session
                .queue
                .iter()
                .chain(session.inflight().iter().map(|m| &m.item));
            for item in items.filter(|i| i.qos != Qos::AtMostOnce) {
                let size = item.message.payload_len() + item.message.topic.len();
                bytes += size as u64 + RECORD_OVERHEAD;
            }
        }
        let (count, retained_bytes) = self.retained_size();
        bytes + retained_bytes as u64 + count as u64 * RECORD_OVERHEAD
    }

    /// Loads the image into a fresh broker (routed events wait in the
    /// routing spool for their routes); returns (sessions, retained)
    /// counts. Expired messages and sessions are left out.
    pub fn restore_image(self: &Arc<Self>, mut image: Image) -> (usize, usize) {
        let clocks = Clocks::now();
        let routed = std::mem::take(&mut image.routed);
        self.routing
            .spool()
            .restore(routed, image.max_routed_id, image.routed_lsn);
        let mut retained_count = 0;
        for stored in image.retained.values() {
            let message = Arc::new(load_message(stored, clocks));
            if message.is_expired(clocks.now) {
                continue;
            }
            match self.restore_retained(&message) {
                Ok(_) => retained_count += 1,
                Err(refused) => {
                    tracing::warn!(topic = %message.topic, "stored retained message not loaded: {refused}");
                }
            }
        }
        let messages: HashMap<u64, Arc<Message>> = image
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
                qos: qos_from(q.qos),
                retain: q.retain,
                subscription_ids: q.subscription_ids.clone(),
            })
        };
        let now_ms = unix_ms(clocks.wall);
        let mut session_count = 0;
        let max_session = image.sessions.keys().copied().max().unwrap_or(0);
        SessionId::reserve_through(max_session.max(image.max_ids.0));
        let max_message = image.messages.keys().copied().max().unwrap_or(0);
        Message::reserve_store_ids_through(max_message.max(image.max_ids.1));
        for (id, stored) in image.sessions {
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
            let will = image.wills.remove(&id);
            self.restore_session(cell.clone(), subscriptions, remaining);
            if let Some(will) = will {
                self.restore_will(cell, will, now_ms, clocks);
            }
            session_count += 1;
        }
        (session_count, retained_count)
    }

    /// Schedules a restored session's waiting will for when it is due (at
    /// once if that passed while the broker was down). Routes get it as a
    /// message of its client's authentication name, without the claims a
    /// JWT or webhook client had.
    fn restore_will(
        self: &Arc<Self>,
        cell: Arc<SessionCell>,
        stored: StoredWill,
        now_ms: u64,
        clocks: Clocks,
    ) {
        let after = Duration::from_millis(stored.publish_at_ms.saturating_sub(now_ms));
        let will = Will {
            message: Arc::new(load_message(&stored.message, clocks)),
            delay_secs: 0,
            publisher: Identity {
                authentication_name: stored.authentication_name.clone(),
                ..Identity::default()
            },
        };
        let generation = cell.state.lock().generation;
        self.schedule_will(cell, generation, will, after);
    }
}
