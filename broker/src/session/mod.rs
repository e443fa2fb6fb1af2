//! Sessions: what the broker keeps for a client identifier between and during connections.
//!
//! A session owns its subscriptions' options, its queue of messages waiting to
//! be sent and its in-flight QoS 1/2 messages. Publishers push into the queue
//! ([`SessionCell::enqueue`]) and wake the session's connection, which drains
//! the queue as fast as the client's Receive Maximum allows. Every queue is
//! bounded: see [`EnqueueOutcome`] for what happens when it is full.
//!
//! Flow control: a connected client that falls behind (its queue past a quarter
//! of its limit) makes its publishers stop reading their sockets until it
//! catches up, so fast publishers slow down instead of overflowing a subscriber
//! that is merely slower. A client that takes nothing for
//! `sessions.subscriber_stall_ms` is treated as stalled and no longer holds
//! anyone back; its queue limit applies.

use crate::message::Message;
use crate::store::journal::record::{Op, SessionChange};
use crate::store::journal::{Journal, Lsn};
use crate::store::model::{StoredQueued, StoredSubscription, StoredWill};
use crate::version::Version;
use parking_lot::Mutex;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tern_protocol::mqtt::packet::{Qos, RetainHandling};
use tokio::sync::Notify;

mod control;
pub use control::{Control, ControlSlot, Owner};

/// The identity of one session, unique for the life of the process.
///
/// Two sessions of the same Client Identifier (one replaced by a Clean Start,
/// or discarded and created anew) have different ids, so whatever refers to a
/// session by id (the router's keys) can never reach its successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionId(u64);

/// The next session id (recovery moves it past every stored one).
static NEXT_SESSION_ID: AtomicU64 = AtomicU64::new(1);

impl SessionId {
    /// A new id, never handed out before in this process nor in the store.
    fn next() -> Self {
        Self(NEXT_SESSION_ID.fetch_add(1, Ordering::Relaxed))
    }

    /// The id of a session read back from the store.
    pub fn from_stored(id: u64) -> Self {
        Self(id)
    }

    /// The number, as the store keeps it.
    pub fn get(self) -> u64 {
        self.0
    }

    /// Makes every id handed out from now on greater than `max` (recovery).
    pub fn reserve_through(max: u64) {
        NEXT_SESSION_ID.fetch_max(max + 1, Ordering::Relaxed);
    }
}

/// The options of one subscription, as granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubOptions {
    /// Maximum QoS granted.
    pub qos: Qos,
    /// No Local: never deliver this client's own messages [MQTT-3.8.3-3].
    pub no_local: bool,
    /// Retain As Published: keep the RETAIN flag on forwarded messages [MQTT-3.3.1-12].
    pub retain_as_published: bool,
    /// When retained messages are sent on subscribe.
    pub retain_handling: RetainHandling,
    /// The Subscription Identifier, if the client set one.
    pub subscription_id: Option<u32>,
}

/// Subscription options as the store keeps them.
impl From<&SubOptions> for StoredSubscription {
    fn from(o: &SubOptions) -> Self {
        Self {
            qos: o.qos as u8,
            no_local: o.no_local,
            retain_as_published: o.retain_as_published,
            retain_handling: o.retain_handling as u8,
            subscription_id: o.subscription_id,
        }
    }
}

impl From<&StoredSubscription> for SubOptions {
    fn from(s: &StoredSubscription) -> Self {
        Self {
            qos: crate::store::model::qos_from(s.qos),
            no_local: s.no_local,
            retain_as_published: s.retain_as_published,
            retain_handling: match s.retain_handling {
                1 => RetainHandling::SendRetainedIfNotExists,
                2 => RetainHandling::DoNotSendRetained,
                _ => RetainHandling::SendRetained,
            },
            subscription_id: s.subscription_id,
        }
    }
}

/// A message waiting in a session's queue, already shaped for this subscriber.
#[derive(Debug, Clone)]
pub struct Queued {
    /// The shared message.
    pub message: Arc<Message>,
    /// Delivery QoS (the lower of the message's and the subscription's).
    pub qos: Qos,
    /// RETAIN flag to send.
    pub retain: bool,
    /// Subscription Identifiers of the matching subscriptions.
    pub subscription_ids: Vec<u32>,
}

/// Where a sent QoS 1/2 message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflightState {
    /// PUBLISH sent, waiting for PUBACK (QoS 1) or PUBREC (QoS 2).
    AwaitingAck,
    /// PUBREL sent, waiting for PUBCOMP.
    AwaitingComp,
}

/// A QoS 1/2 message sent to the client and not yet fully acknowledged.
#[derive(Debug, Clone)]
pub struct Inflight {
    /// The packet identifier it was sent with.
    pub packet_id: u16,
    /// What was sent.
    pub item: Queued,
    /// How far the acknowledgement got.
    pub state: InflightState,
}

/// The mutable state of one session, behind [`SessionCell`]'s lock.
#[derive(Debug)]
pub struct Session {
    /// The authentication name the session belongs to (access mode): only a
    /// client of that name may resume or take it over, as in Event Grid where a
    /// session is keyed by authentication name and client identifier. `None`
    /// in open mode, and for sessions stored before owners were recorded
    /// (those are never handed to anyone in access mode).
    pub owner_name: Option<Arc<str>>,
    /// The protocol version of the last connection.
    pub version: Version,
    /// Subscriptions by their full filter (including any `$share/{group}/` prefix).
    pub subscriptions: HashMap<String, SubOptions>,
    /// Messages waiting to be sent, oldest first.
    pub queue: VecDeque<Queued>,
    /// Payload bytes in `queue`.
    pub queued_bytes: usize,
    /// Sent QoS 1/2 messages awaiting acknowledgement, in send order (changed
    /// only through the methods below, which keep `inflight_bytes` in step).
    inflight: VecDeque<Inflight>,
    /// Payload bytes in `inflight`.
    inflight_bytes: usize,
    /// Packet identifiers of received QoS 2 messages whose PUBREL has not arrived yet
    /// (exactly-once across reconnects [MQTT-4.3.3-10]).
    pub incoming_qos2: HashSet<u16>,
    /// Session Expiry Interval in seconds (u32::MAX: never).
    pub expiry_secs: u32,
    /// The connection that owns the session, if one is connected.
    pub owner: Option<Owner>,
    /// Generation of the newest connection; bumped on every connect.
    pub generation: u64,
    /// Set once the broker has discarded the session (it is no longer
    /// registered and its subscriptions are gone): nothing may subscribe it again.
    pub discarded: bool,
    /// Whether the session's changes go to the journal: it outlives its
    /// connection (a Session Expiry Interval above 0, or 3.1.1 Clean
    /// Session 0). See [`SessionCell::record`].
    pub durable: bool,
    /// The delayed will waiting while the session is offline, as the store
    /// keeps it (durable sessions only): snapshots include it.
    pub pending_will: Option<StoredWill>,
}

/// Queue limits that apply to one enqueue.
#[derive(Debug, Clone, Copy)]
pub struct QueueLimits {
    /// Limit on queued messages while connected.
    pub online_messages: usize,
    /// Limit on queued payload bytes while connected (in-flight ones count too,
    /// see the connection's draining).
    pub online_bytes: usize,
    /// Limit on queued messages while disconnected.
    pub offline_messages: usize,
    /// Limit on queued payload bytes while disconnected.
    pub offline_bytes: usize,
}

/// What [`SessionCell::enqueue`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnqueueOutcome {
    /// Queued; the connection (if any) was woken.
    Queued,
    /// Queued, but the connected client is behind (its queue is past the high-water
    /// mark): the publisher should wait for it to make progress (see
    /// [`SessionCell::wait_for_progress`]).
    Congested,
    /// The queue was full and the message was QoS 0: dropped for this subscriber.
    DroppedQos0,
    /// The queue was full: the session must end (Event Grid's SessionOverflow).
    Overflow,
}

/// A session shared between the router (which pushes) and its connection (which drains).
#[derive(Debug)]
pub struct SessionCell {
    /// The session's identity (never reused).
    pub id: SessionId,
    /// The client identifier (the session's name); never changes.
    pub client_id: Arc<str>,
    /// The session state.
    pub state: Mutex<Session>,
    /// Wakes the owning connection when something was queued.
    pub wake: Notify,
    /// Whether a connection owns the session (read without the lock by shared subscriptions).
    online: AtomicBool,
    /// The queue passed the high-water mark while connected and has not yet drained
    /// to the low-water mark: publishers to this session hold back.
    congested: AtomicBool,
    /// The client made no progress for the stall time while congested: publishers
    /// stop waiting for it (its queue limit applies instead) until it drains.
    stalled: AtomicBool,
    /// Signalled whenever the connection takes messages off a congested queue.
    progress: Notify,
    /// LSN of the session's last journaled change: where a snapshot of the
    /// session stands in the journal. Changed under the session's lock.
    last_lsn: AtomicU64,
    /// LSN of the session's last journaled change that a packet to its own
    /// client promises (see [`SessionChange::is_promised_to_client`]): the
    /// connection's next write waits until it is durable.
    promised_lsn: AtomicU64,
}

impl SessionCell {
    /// A new, empty session.
    pub fn new(client_id: Arc<str>, version: Version, expiry_secs: u32) -> Arc<Self> {
        Self::restored(SessionId::next(), client_id, version, expiry_secs)
    }

    /// A session read back from the store, with its stored id.
    pub fn restored(
        id: SessionId,
        client_id: Arc<str>,
        version: Version,
        expiry_secs: u32,
    ) -> Arc<Self> {
        Arc::new(Self {
            id,
            client_id,
            state: Mutex::new(Session {
                owner_name: None,
                version,
                subscriptions: HashMap::new(),
                queue: VecDeque::new(),
                queued_bytes: 0,
                inflight: VecDeque::new(),
                inflight_bytes: 0,
                incoming_qos2: HashSet::new(),
                expiry_secs,
                owner: None,
                generation: 0,
                discarded: false,
                durable: expiry_secs > 0,
                pending_will: None,
            }),
            wake: Notify::new(),
            online: AtomicBool::new(false),
            congested: AtomicBool::new(false),
            stalled: AtomicBool::new(false),
            progress: Notify::new(),
            last_lsn: AtomicU64::new(0),
            promised_lsn: AtomicU64::new(0),
        })
    }

    /// Journals a change of this durable session (`session` is its locked
    /// state); returns the record's LSN, or 0 when nothing was journaled (no
    /// journal, or a session that ends with its connection). `change` is
    /// only built when it is journaled.
    pub fn record(
        &self,
        session: &mut Session,
        journal: Option<&Journal>,
        change: impl FnOnce() -> SessionChange,
    ) -> Lsn {
        self.record_op(session, journal, || {
            let change = change();
            let promised = change.is_promised_to_client();
            (change, None, promised)
        })
    }

    /// Journals that a queued message went out with `packet_id`. Only a QoS
    /// 2 message's is a promise to the client (resent after a crash as a new
    /// message, it would be delivered twice); a QoS 1 message resent as new
    /// is a duplicate, which QoS 1 allows, so its PUBLISH does not wait.
    pub fn record_sent(
        &self,
        session: &mut Session,
        journal: Option<&Journal>,
        (message, packet_id): (u64, u16),
        qos: Qos,
    ) -> Lsn {
        self.record_op(session, journal, || {
            let change = SessionChange::Sent { message, packet_id };
            (change, None, qos == Qos::ExactlyOnce)
        })
    }

    /// Makes every change journaled so far a promise (a session that became
    /// durable on resumption: its CONNACK promises all of it).
    pub fn promise_all(&self) {
        let last = self.last_lsn();
        self.promised_lsn.fetch_max(last, Ordering::AcqRel);
    }

    /// Journals that `item` was queued, if it is a QoS 1/2 message of a
    /// durable session.
    pub(crate) fn record_enqueue(
        &self,
        session: &mut Session,
        journal: Option<&Journal>,
        item: &Queued,
    ) -> Lsn {
        if item.qos == Qos::AtMostOnce {
            return 0;
        }
        self.record_op(session, journal, || {
            let change = SessionChange::Enqueue(StoredQueued {
                message: item.message.store_id(),
                qos: item.qos as u8,
                retain: item.retain,
                subscription_ids: item.subscription_ids.clone(),
            });
            (change, Some(item.message.clone()), false)
        })
    }

    /// Appends the change `op` builds: (change, the message an `Enqueue`
    /// refers to, whether the client is promised it).
    fn record_op(
        &self,
        session: &mut Session,
        journal: Option<&Journal>,
        op: impl FnOnce() -> (SessionChange, Option<Arc<Message>>, bool),
    ) -> Lsn {
        let Some(journal) = journal.filter(|_| session.durable) else {
            return 0;
        };
        let (change, message, promised) = op();
        let lsn = journal.append(Op::Session {
            session: self.id.get(),
            change,
            message,
        });
        self.last_lsn.store(lsn, Ordering::Release);
        if promised {
            self.promised_lsn.store(lsn, Ordering::Release);
        }
        lsn
    }

    /// LSN of the session's last journaled change.
    pub fn last_lsn(&self) -> Lsn {
        self.last_lsn.load(Ordering::Acquire)
    }

    /// LSN of the session's last journaled change that its client is
    /// promised: what the connection's next write waits for.
    pub fn promised_lsn(&self) -> Lsn {
        self.promised_lsn.load(Ordering::Acquire)
    }

    /// Sets the LSN a restored session's snapshot goes up to.
    pub fn set_last_lsn(&self, lsn: Lsn) {
        self.last_lsn.store(lsn, Ordering::Release);
    }

    /// Whether a connection currently owns the session.
    pub fn is_online(&self) -> bool {
        self.online.load(Ordering::Acquire)
    }

    /// Records the owning connection (or none), keeping the lock-free flag in step.
    pub fn set_owner(&self, session: &mut Session, owner: Option<Owner>) {
        self.online.store(owner.is_some(), Ordering::Release);
        if owner.is_none() {
            // Offline sessions have their own limits; nobody waits for them.
            self.congested.store(false, Ordering::Release);
            self.progress.notify_waiters();
        }
        session.owner = owner;
    }

    /// Queues a message for this session and wakes its connection.
    pub fn enqueue(
        &self,
        item: Queued,
        limits: QueueLimits,
        journal: Option<&Journal>,
    ) -> (EnqueueOutcome, Lsn) {
        let mut session = self.state.lock();
        let online = session.owner.is_some();
        let full = if online {
            session.queue.len() >= limits.online_messages
                || session.queued_bytes + item.message.payload_len() > limits.online_bytes
        } else {
            session.queue.len() >= limits.offline_messages
                || session.queued_bytes + item.message.payload_len() > limits.offline_bytes
        };
        if full {
            if item.qos == Qos::AtMostOnce {
                return (EnqueueOutcome::DroppedQos0, 0);
            }
            return (EnqueueOutcome::Overflow, 0);
        }
        // An offline session keeps QoS 0 messages only if the limits allow; the spec lets
        // us choose [MQTT-3.1.2-5 note], and Event Grid queues only QoS 1.
        if !online && item.qos == Qos::AtMostOnce {
            return (EnqueueOutcome::DroppedQos0, 0);
        }
        let lsn = self.record_enqueue(&mut session, journal, &item);
        session.queued_bytes += item.message.payload_len();
        session.queue.push_back(item);
        let behind = online && session.queue.len() >= high_water(limits.online_messages);
        if behind {
            // Under the lock, like the connection's `made_progress`: the flag
            // changes in the same order as the queue.
            self.congested.store(true, Ordering::Release);
        }
        drop(session);
        if !online {
            return (EnqueueOutcome::Queued, lsn);
        }
        self.wake.notify_one();
        if behind && !self.stalled.load(Ordering::Acquire) {
            return (EnqueueOutcome::Congested, lsn);
        }
        (EnqueueOutcome::Queued, lsn)
    }

    /// Queues retained messages for a subscription of the owning connection,
    /// within the online queue limits; those beyond them are skipped (a
    /// retained message can be fetched again, so nothing ends the session).
    /// Returns how many were skipped.
    pub fn enqueue_retained(
        &self,
        items: impl IntoIterator<Item = Queued>,
        limits: QueueLimits,
        journal: Option<&Journal>,
    ) -> usize {
        let mut session = self.state.lock();
        let mut skipped = 0;
        for item in items {
            let size = item.message.payload_len();
            if session.queue.len() >= limits.online_messages
                || session.queued_bytes + size > limits.online_bytes
            {
                skipped += 1;
                continue;
            }
            self.record_enqueue(&mut session, journal, &item);
            session.queued_bytes += size;
            session.queue.push_back(item);
        }
        skipped
    }

    /// Called by the owning connection, holding the session lock, after it took
    /// messages off the queue (`queue_len` left): wakes waiting publishers, and
    /// ends the congestion once the queue is down to the low-water mark.
    pub fn made_progress(&self, queue_len: usize, limits: QueueLimits) {
        if !self.congested.load(Ordering::Acquire) {
            return;
        }
        if queue_len <= high_water(limits.online_messages) / 2 {
            self.congested.store(false, Ordering::Release);
            self.stalled.store(false, Ordering::Release);
        }
        self.progress.notify_waiters();
    }

    /// Waits until this congested session drains to its low-water mark. If it
    /// makes no progress for `stall_after`, marks it stalled (publishers stop
    /// waiting for it until it drains) and returns, so a client that stops reading
    /// slows nobody for long.
    pub async fn wait_for_progress(&self, stall_after: Duration) {
        loop {
            let progress = self.progress.notified();
            if !self.congested.load(Ordering::Acquire) || self.stalled.load(Ordering::Acquire) {
                return;
            }
            if tokio::time::timeout(stall_after, progress).await.is_err() {
                tracing::debug!(
                    client_id = %self.client_id,
                    "subscriber made no progress: publishers stop waiting for it"
                );
                self.stalled.store(true, Ordering::Release);
                return;
            }
        }
    }
}

/// Queue length at which a connected session counts as behind: a quarter of its
/// limit, leaving room for what publishers send before they notice.
fn high_water(online_limit: usize) -> usize {
    (online_limit / 4).max(1)
}

impl Session {
    /// The sent QoS 1/2 messages awaiting acknowledgement, oldest first.
    pub fn inflight(&self) -> &VecDeque<Inflight> {
        &self.inflight
    }

    /// Payload bytes of the messages in flight (kept as they change, so the
    /// byte limit costs nothing per drain).
    pub fn inflight_bytes(&self) -> usize {
        self.inflight_bytes
    }

    /// Records a message sent and not yet acknowledged.
    pub fn push_inflight(&mut self, inflight: Inflight) {
        self.inflight_bytes += inflight.item.message.payload_len();
        self.inflight.push_back(inflight);
    }

    /// Removes the in-flight message of `packet_id`. Acknowledgements come in
    /// send order, so the oldest is tried first; a message withdrawn just
    /// after it was taken is the newest.
    pub fn remove_inflight(&mut self, packet_id: u16) -> Option<Inflight> {
        let at = if self.inflight.front()?.packet_id == packet_id {
            0
        } else {
            self.inflight
                .iter()
                .rposition(|m| m.packet_id == packet_id)?
        };
        let removed = self.inflight.remove(at)?;
        self.inflight_bytes = self
            .inflight_bytes
            .saturating_sub(removed.item.message.payload_len());
        Some(removed)
    }

    /// The in-flight message of `packet_id`, to record its progress.
    pub fn inflight_mut(&mut self, packet_id: u16) -> Option<&mut Inflight> {
        self.inflight.iter_mut().find(|m| m.packet_id == packet_id)
    }

    /// Forgets every in-flight message (the session ends).
    pub fn clear_inflight(&mut self) {
        self.inflight.clear();
        self.inflight_bytes = 0;
    }

    /// Takes the oldest queued message.
    pub fn pop_queued(&mut self) -> Option<Queued> {
        let item = self.queue.pop_front()?;
        self.queued_bytes = self.queued_bytes.saturating_sub(item.message.payload_len());
        Some(item)
    }
}

#[cfg(test)]
mod tests;
