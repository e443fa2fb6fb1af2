//! The broker's shared state and the operations that cross sessions.
//!
//! `BrokerState` is the only owner of the session table, the router and the
//! retained messages: its fields for them are private, and connections, the
//! store and the gauges go through its methods (`attach_session`,
//! `subscribe`, `publish`, `detach_session`, `expire`, ...), each invariant
//! kept in one place.
//!
//! Lock order, to stay deadlock-free: the session table, then a session's
//! lock, then the router (a change locks one of its tries, a PUBLISH reads
//! its topic's exact shard, then the wildcard trie); `retained` is never
//! held with another lock, the router is never held while a session lock
//! is taken, and a connection never publishes while holding its own
//! session's lock.

mod durable;
mod exchanges;
mod gauges;
mod sessions;
mod subscriptions;
#[cfg(test)]
mod tests;

pub use exchanges::{BatchLimits, Taken};
pub use subscriptions::SubscribeRefused;

use crate::access::AccessControl;
use crate::config::Config;
use crate::failed_auth::FailedAuthLimiter;
use crate::lifecycle::Lifecycle;
use crate::message::Message;
use crate::metrics::Metrics;
use crate::quota::{ConnectionCounts, Refusals, TopicLimits};
use crate::retained::{RetainRefused, RetainedLimits, RetainedStore};
use crate::router::Router;
use crate::session::{EnqueueOutcome, QueueLimits, SessionCell};
use crate::store::journal::record::Op;
use crate::store::journal::{Journal, Lsn};
use parking_lot::{Mutex, RwLock};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use tokio::sync::watch;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Everything the connections of one broker share.
#[derive(Debug)]
pub struct BrokerState {
    /// The configuration the broker was started with.
    pub config: Arc<Config>,
    /// Sessions by client identifier.
    sessions: Mutex<HashMap<Arc<str>, Arc<SessionCell>>>,
    /// Subscriptions.
    router: Router,
    /// Retained messages.
    retained: RwLock<RetainedStore>,
    /// Who may connect and do what.
    pub access: Arc<dyn AccessControl>,
    /// Bumped whenever the access model changes; every connection re-checks
    /// its client and subscriptions (see `connection::authz`).
    pub access_changes: watch::Sender<u64>,
    /// Cancelled when the broker shuts down.
    pub shutdown: CancellationToken,
    /// Connection and timer tasks, awaited on shutdown.
    pub tasks: TaskTracker,
    /// Connected clients, for the connection quotas.
    pub connections: Arc<ConnectionCounts>,
    /// Counts of quota refusals.
    pub refusals: Refusals,
    /// The Prometheus metrics (`GET /metrics`).
    pub metrics: Metrics,
    /// Routes of messages to webhooks.
    pub routing: crate::routing::Routing,
    /// Rate limits on failed authentication.
    pub failed_auth: FailedAuthLimiter,
    /// Client life-cycle events (`$events/clients/...`).
    pub lifecycle: Lifecycle,
    /// Sockets of every listener that have not finished CONNECT (`listeners.max_pending_connections`).
    pub pending: Arc<crate::pending::PendingLimit>,
    next_assigned_id: AtomicU64,
    /// The store's journal, once recovery is done (`storage.durability`
    /// `fsync` or `os`): durable changes are recorded in it.
    journal: OnceLock<Arc<Journal>>,
}

/// What [`BrokerState::publish`] did with a message.
#[derive(Debug, Default)]
pub struct Routed {
    /// The connected sessions that are behind ([`EnqueueOutcome::Congested`]).
    pub congested: Vec<Arc<SessionCell>>,
    /// The LSN that must be durable before the PUBLISH is acknowledged (0:
    /// nothing was journaled).
    pub lsn: Lsn,
}

/// A will message waiting for its connection to end.
#[derive(Debug, Clone)]
pub struct Will {
    /// The message to publish.
    pub message: Arc<Message>,
    /// Will Delay Interval in seconds.
    pub delay_secs: u32,
    /// Who set it: the routes get the will as this client's message.
    pub publisher: crate::access::Identity,
}

/// Why a session could not be attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AttachRefused {
    /// The Client Identifier names a session of another authentication name
    /// (Event Grid refuses it with Not authorized).
    #[error("the client identifier is in use by another authentication name")]
    OwnedByAnother,
}

/// A session attached to a new connection.
#[derive(Debug)]
pub struct Attached {
    /// The session.
    pub session: Arc<SessionCell>,
    /// Whether an existing session was resumed (CONNACK Session Present).
    pub present: bool,
    /// This connection's generation.
    pub generation: u64,
}

impl BrokerState {
    /// Creates the shared state.
    pub fn new(config: Arc<Config>, access: Arc<dyn AccessControl>) -> Arc<Self> {
        let retained_limits = RetainedLimits {
            max_messages: config.quotas.max_retained_messages,
            max_bytes: config.quotas.max_retained_bytes,
            max_message_bytes: config.quotas.max_retained_message_bytes,
        };
        let failed_auth = FailedAuthLimiter::new(
            config.access.failed_auth_per_address_per_minute,
            config.access.failed_auth_per_name_per_minute,
        );
        let pending = crate::pending::PendingLimit::new(config.listeners.max_pending_connections);
        let lifecycle = Lifecycle::new(&config.access.hostname);
        let metrics = Metrics::new();
        let shutdown = CancellationToken::new();
        let tasks = TaskTracker::new();
        let routing = crate::routing::Routing::new(
            config.routing.clone(),
            config.storage.data_dir.clone(),
            &config.access.hostname,
            &metrics,
            shutdown.clone(),
            tasks.clone(),
        );
        Arc::new(Self {
            routing,
            pending,
            lifecycle,
            config,
            sessions: Mutex::new(HashMap::new()),
            router: Router::default(),
            retained: RwLock::new(RetainedStore::with_limits(retained_limits)),
            access,
            access_changes: watch::Sender::new(0),
            shutdown,
            tasks,
            connections: Arc::default(),
            refusals: Refusals::registered(&metrics),
            metrics,
            failed_auth,
            next_assigned_id: AtomicU64::new(1),
            journal: OnceLock::new(),
        })
    }

    /// Starts journaling durable changes (once, after recovery).
    pub fn set_journal(&self, journal: Arc<Journal>) {
        self.routing.spool().set_journal(journal.clone());
        let _ = self.journal.set(journal);
    }

    /// The journal, if durable changes are journaled.
    pub fn journal(&self) -> Option<&Journal> {
        self.journal.get().map(|j| &**j)
    }

    /// Whether a QoS 1/2 PUBLISH may be accepted now: false while the
    /// journal cannot reserve room on the disk (it is then refused with
    /// Quota exceeded instead of acknowledged without being stored).
    pub fn accepts_durable_messages(&self) -> bool {
        self.journal().is_none_or(Journal::accepts_new_records)
    }

    /// Tells every connection that the access model changed, so changes take
    /// effect on connected clients at once.
    pub fn notify_access_changed(&self) {
        self.access_changes
            .send_modify(|generation| *generation += 1);
    }

    /// A fresh client identifier for a client that sent an empty one [MQTT-3.1.3-6].
    pub fn assign_client_id(&self) -> String {
        let n = self.next_assigned_id.fetch_add(1, Ordering::Relaxed);
        format!("tern-{n}-{:08x}", fastrand::u32(..))
    }

    /// The queue limits of the configuration.
    pub fn queue_limits(&self) -> QueueLimits {
        let s = &self.config.sessions;
        QueueLimits {
            online_messages: s.max_online_messages,
            online_bytes: s.max_online_bytes,
            offline_messages: s.max_offline_messages,
            offline_bytes: s.max_offline_bytes,
        }
    }

    /// The topic quotas of the configuration.
    pub fn topic_limits(&self) -> TopicLimits {
        TopicLimits {
            max_levels: self.config.quotas.max_topic_levels,
            max_bytes: self.config.quotas.max_topic_bytes,
        }
    }

    /// Routes a message to every matching session, storing it first if it is retained.
    ///
    /// Returns the connected sessions that are behind, which a publishing
    /// connection waits for before it reads more, and the LSN its
    /// acknowledgement waits for. A retained message beyond the retained
    /// quotas is refused, and then not routed either.
    pub fn publish(self: &Arc<Self>, message: Arc<Message>) -> Result<Routed, RetainRefused> {
        let mut routed = Routed::default();
        if message.retain {
            let mut retained = self.retained.write();
            if let Err(refused) = retained.apply(&message) {
                drop(retained);
                Refusals::count(&self.refusals.retained);
                tracing::info!(topic = %message.topic, publisher = %message.publisher, "retained PUBLISH refused: {refused}");
                return Err(refused);
            }
            if let Some(journal) = self.journal() {
                routed.lsn = journal.append(Op::Retain(message.clone()));
                retained.journal_lsn = routed.lsn;
            }
        }
        let targets = self.router.route(&message);
        let limits = self.queue_limits();
        let journal = self.journal();
        for (session, item) in targets {
            let (outcome, lsn) = session.enqueue(item, limits, journal);
            routed.lsn = routed.lsn.max(lsn);
            match outcome {
                EnqueueOutcome::Queued => {}
                EnqueueOutcome::Congested => routed.congested.push(session),
                EnqueueOutcome::DroppedQos0 => {
                    tracing::debug!(topic = %message.topic, "queue full: QoS 0 message dropped");
                }
                EnqueueOutcome::Overflow => self.end_overflowed_session(&session),
            }
        }
        Ok(routed)
    }

    /// Publishes what the broker itself sends — a life-cycle or registry
    /// event: like [`BrokerState::publish`], with nobody to hold back and
    /// nobody to tell of a refusal but the log.
    pub fn publish_from_broker(self: &Arc<Self>, message: Arc<Message>) {
        if message.topic.starts_with(crate::lifecycle::EVENTS_PREFIX) {
            self.routing.offer_from_broker(&message);
        }
        let _ = self.publish(message);
    }

    /// Publishes a will: routed to the sessions and offered to the routes
    /// as a message of the client that set it (Event Grid routes last-will
    /// messages like any other).
    pub fn publish_will(self: &Arc<Self>, will: Will) {
        // Nobody waits for a will's acknowledgement.
        let _ = self.routing.offer(&will.message, &will.publisher);
        let _ = self.publish(will.message);
    }

    /// Drops expired retained messages (called periodically).
    pub fn purge_expired(&self) {
        let dropped = self.retained.write().purge_expired(Instant::now());
        if dropped > 0 {
            self.metrics.retained_expired(dropped);
            tracing::debug!(dropped, "expired retained messages dropped");
        }
    }
}
