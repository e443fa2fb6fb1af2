//! The broker's shared state and the operations that cross sessions.
//!
//! Lock order, to stay deadlock-free: `sessions` before any session's lock;
//! `router` and `retained` are never held while a session lock is taken, and a
//! connection never publishes while holding its own session's lock.

use crate::auth::AccessControl;
use crate::config::Config;
use crate::failed_auth::FailedAuthLimiter;
use crate::lifecycle::Lifecycle;
use crate::message::Message;
use crate::metrics::labels::DropReason;
use crate::metrics::Metrics;
use crate::quota::{ConnectionCounts, Refusals, TopicLimits};
use crate::retained::{RetainRefused, RetainedLimits, RetainedStore};
use crate::router::{Router, SubscriberKey};
use crate::session::{Control, ControlSlot, EnqueueOutcome, Owner, QueueLimits, SessionCell};
use parking_lot::{Mutex, RwLock};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Everything the connections of one broker share.
#[derive(Debug)]
pub struct BrokerState {
    /// The configuration the broker was started with.
    pub config: Arc<Config>,
    /// Sessions by client identifier.
    pub sessions: Mutex<HashMap<Arc<str>, Arc<SessionCell>>>,
    /// Subscriptions.
    pub router: RwLock<Router>,
    /// Retained messages.
    pub retained: RwLock<RetainedStore>,
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
    pub pending: Arc<crate::transport::pending::PendingLimit>,
    next_assigned_id: AtomicU64,
}

/// A will message waiting for its connection to end.
#[derive(Debug, Clone)]
pub struct Will {
    /// The message to publish.
    pub message: Arc<Message>,
    /// Will Delay Interval in seconds.
    pub delay_secs: u32,
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
        let pending =
            crate::transport::pending::PendingLimit::new(config.listeners.max_pending_connections);
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
            router: RwLock::new(Router::default()),
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
        })
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
    /// Returns the connected sessions that are behind ([`EnqueueOutcome::Congested`]):
    /// a publishing connection waits for them before it reads more. A retained
    /// message beyond the retained quotas is refused, and then not routed either.
    pub fn publish(
        self: &Arc<Self>,
        message: Arc<Message>,
    ) -> Result<Vec<Arc<SessionCell>>, RetainRefused> {
        if message.retain {
            if let Err(refused) = self.retained.write().apply(&message) {
                Refusals::count(&self.refusals.retained);
                tracing::info!(topic = %message.topic, publisher = %message.publisher, "retained PUBLISH refused: {refused}");
                return Err(refused);
            }
        }
        let targets = self.router.read().route(&message);
        let limits = self.queue_limits();
        let mut congested = Vec::new();
        for (session, item) in targets {
            match session.enqueue(item, limits) {
                EnqueueOutcome::Queued => {}
                EnqueueOutcome::Congested => congested.push(session),
                EnqueueOutcome::DroppedQos0 => {
                    tracing::debug!(topic = %message.topic, "queue full: QoS 0 message dropped");
                }
                EnqueueOutcome::Overflow => self.end_overflowed_session(&session),
            }
        }
        Ok(congested)
    }

    /// Publishes what the broker itself sends — a will, a life-cycle or
    /// registry event: like [`BrokerState::publish`], with nobody to hold back
    /// and nobody to tell of a refusal but the log.
    pub fn publish_from_broker(self: &Arc<Self>, message: Arc<Message>) {
        if message.topic.starts_with(crate::lifecycle::EVENTS_PREFIX) {
            self.routing.offer_from_broker(&message);
        }
        let _ = self.publish(message);
    }

    /// Ends a session whose queue overflowed (Event Grid's SessionOverflow).
    fn end_overflowed_session(&self, session: &Arc<SessionCell>) {
        let (client_id, owner) = {
            let state = session.state.lock();
            (state.client_id.clone(), state.owner.clone())
        };
        tracing::warn!(
            client_id = %client_id,
            "session ended: its message queue overflowed (SessionOverflow)"
        );
        self.discard_session(session);
        self.metrics.session_dropped(DropReason::SessionOverflow);
        if let Some(owner) = owner {
            owner.control.post(Control::QuotaExceeded);
        }
    }

    /// Whether the session of `client_id` has a connection now.
    pub fn is_online(&self, client_id: &str) -> bool {
        self.sessions
            .lock()
            .get(client_id)
            .is_some_and(|s| s.is_online())
    }

    /// Removes a session and all its subscriptions, if it is still the registered one.
    pub fn discard_session(&self, session: &Arc<SessionCell>) {
        let client_id = session.state.lock().client_id.clone();
        {
            let mut sessions = self.sessions.lock();
            match sessions.get(&client_id) {
                Some(current) if Arc::ptr_eq(current, session) => {
                    sessions.remove(&client_id);
                }
                _ => return,
            }
        }
        self.clear_session(session);
    }

    /// Empties a session that is no longer registered and removes its subscriptions.
    fn clear_session(&self, session: &Arc<SessionCell>) {
        let (client_id, filters): (Arc<str>, Vec<String>) = {
            let mut state = session.state.lock();
            state.queue.clear();
            state.queued_bytes = 0;
            state.inflight.clear();
            let filters = state.subscriptions.drain().map(|(f, _)| f).collect();
            (state.client_id.clone(), filters)
        };
        let mut router = self.router.write();
        for raw in filters {
            if let Ok((key, filter)) = SubscriberKey::parse(&client_id, &raw) {
                router.unsubscribe(filter, &key);
            }
        }
    }

    /// Attaches a session to a new connection: resumes the existing one unless
    /// `clean_start`, takes it over from any connection that owns it [MQTT-3.1.4-3].
    ///
    /// In access mode (`owner` is the client's authentication name) a session
    /// belongs to the authentication name that created it: a client of another
    /// name is refused and the session is not touched (neither resumed, nor
    /// taken over, nor cleared). A session with no recorded owner (stored by
    /// an older Tern) is never handed over: it is replaced by a fresh one.
    pub fn attach_session(
        &self,
        client_id: &Arc<str>,
        clean_start: bool,
        v5: bool,
        expiry_secs: u32,
        owner: Option<Arc<str>>,
        control: Arc<ControlSlot>,
    ) -> Result<Attached, AttachRefused> {
        // Look up and replace under one lock, so two CONNECTs with the same client
        // identifier cannot both create a session.
        let (session, present, replaced) = {
            let mut sessions = self.sessions.lock();
            let mut resumable = !clean_start;
            if let (Some(owner), Some(old)) = (&owner, sessions.get(client_id)) {
                match &old.state.lock().owner_name {
                    Some(theirs) if theirs.eq_ignore_ascii_case(owner) => {}
                    Some(_) => return Err(AttachRefused::OwnedByAnother),
                    None => resumable = false,
                }
            }
            match sessions.get(client_id) {
                Some(old) if resumable => (old.clone(), true, None),
                _ => {
                    let new = SessionCell::new(client_id.clone(), v5, expiry_secs);
                    new.state.lock().owner_name = owner;
                    let old = sessions.insert(client_id.clone(), new.clone());
                    (new, false, old)
                }
            }
        };
        if let Some(old) = replaced {
            // Clean Start: the old session ends [MQTT-3.1.2-4]. Its subscriptions go
            // before this connection can subscribe (it has no CONNACK yet).
            take_over(&old);
            self.clear_session(&old);
        }
        take_over(&session);
        let mut state = session.state.lock();
        state.generation += 1;
        state.v5 = v5;
        state.expiry_secs = expiry_secs;
        let generation = state.generation;
        session.set_owner(
            &mut state,
            Some(Owner {
                generation,
                control,
            }),
        );
        drop(state);
        Ok(Attached {
            session,
            present,
            generation,
        })
    }

    /// Detaches a connection from its session when the connection ends: publishes or
    /// schedules the will, and ends or schedules the end of the session.
    pub fn detach_session(
        self: &Arc<Self>,
        session: &Arc<SessionCell>,
        generation: u64,
        will: Option<Will>,
    ) {
        let expiry_secs = {
            let mut state = session.state.lock();
            if state.owner.as_ref().map(|o| o.generation) != Some(generation) {
                // Taken over: the new connection owns the session now.
                None
            } else {
                session.set_owner(&mut state, None);
                Some(state.expiry_secs)
            }
        };
        let Some(expiry_secs) = expiry_secs else {
            // The session lives on with a new connection; a will with no delay goes now
            // [MQTT-3.1.3-9 allows a delayed will to be dropped when a new connection arrives].
            if let Some(will) = will.filter(|w| w.delay_secs == 0) {
                self.publish_from_broker(will.message);
            }
            return;
        };
        if expiry_secs == 0 {
            self.discard_session(session);
            self.metrics.session_dropped(DropReason::TransientSession);
        } else {
            self.schedule_expiry(session.clone(), generation, expiry_secs);
        }
        if let Some(will) = will {
            let delay = will.delay_secs.min(expiry_secs);
            if delay == 0 {
                self.publish_from_broker(will.message);
            } else {
                self.schedule_will(session.clone(), generation, will.message, delay);
            }
        }
    }

    pub(crate) fn schedule_expiry(
        self: &Arc<Self>,
        session: Arc<SessionCell>,
        generation: u64,
        secs: u32,
    ) {
        if secs == u32::MAX {
            return; // never expires [MQTT-3.1.2-23 note]
        }
        let broker = self.clone();
        self.tasks.spawn(async move {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(u64::from(secs))) => {}
                _ = broker.shutdown.cancelled() => return,
            }
            let idle = {
                let state = session.state.lock();
                state.generation == generation && state.owner.is_none()
            };
            if idle {
                tracing::debug!(client_id = %session.state.lock().client_id, "session expired");
                broker.discard_session(&session);
                broker.metrics.session_dropped(DropReason::SessionExpiry);
            }
        });
    }

    fn schedule_will(
        self: &Arc<Self>,
        session: Arc<SessionCell>,
        generation: u64,
        will: Arc<Message>,
        secs: u32,
    ) {
        let broker = self.clone();
        self.tasks.spawn(async move {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(u64::from(secs))) => {}
                _ = broker.shutdown.cancelled() => return,
            }
            // Not sent if a new connection resumed the session in the meantime [MQTT-3.1.3-9].
            if session.state.lock().generation == generation {
                broker.publish_from_broker(will);
            }
        });
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

/// Tells the connection that owns `session` (if any) that it was taken over.
fn take_over(session: &Arc<SessionCell>) {
    let mut state = session.state.lock();
    if let Some(owner) = state.owner.take() {
        owner.control.post(Control::TakenOver);
    }
    session.set_owner(&mut state, None);
}
