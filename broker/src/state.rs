//! The broker's shared state and the operations that cross sessions.
//!
//! Lock order, to stay deadlock-free: `sessions` before any session's lock;
//! `router` and `retained` are never held while a session lock is taken, and a
//! connection never publishes while holding its own session's lock.

use crate::auth::AccessControl;
use crate::config::Config;
use crate::message::Message;
use crate::retained::RetainedStore;
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
        let pending =
            crate::transport::pending::PendingLimit::new(config.listeners.max_pending_connections);
        Arc::new(Self {
            pending,
            config,
            sessions: Mutex::new(HashMap::new()),
            router: RwLock::new(Router::default()),
            retained: RwLock::new(RetainedStore::default()),
            access,
            access_changes: watch::Sender::new(0),
            shutdown: CancellationToken::new(),
            tasks: TaskTracker::new(),
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
            offline_messages: s.max_offline_messages,
            offline_bytes: s.max_offline_bytes,
        }
    }

    /// Routes a message to every matching session, storing it first if it is retained.
    ///
    /// Returns the connected sessions that are behind ([`EnqueueOutcome::Congested`]):
    /// a publishing connection waits for them before it reads more.
    pub fn publish(self: &Arc<Self>, message: Arc<Message>) -> Vec<Arc<SessionCell>> {
        if message.retain {
            self.retained.write().apply(&message);
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
        congested
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
        if let Some(owner) = owner {
            owner.control.post(Control::QuotaExceeded);
        }
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
    pub fn attach_session(
        &self,
        client_id: &Arc<str>,
        clean_start: bool,
        v5: bool,
        expiry_secs: u32,
        control: Arc<ControlSlot>,
    ) -> Attached {
        // Look up and replace under one lock, so two CONNECTs with the same client
        // identifier cannot both create a session.
        let (session, present, replaced) = {
            let mut sessions = self.sessions.lock();
            match sessions.get(client_id) {
                Some(old) if !clean_start => (old.clone(), true, None),
                _ => {
                    let new = SessionCell::new(client_id.clone(), v5, expiry_secs);
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
        Attached {
            session,
            present,
            generation,
        }
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
                self.publish(will.message);
            }
            return;
        };
        if expiry_secs == 0 {
            self.discard_session(session);
        } else {
            self.schedule_expiry(session.clone(), generation, expiry_secs);
        }
        if let Some(will) = will {
            let delay = will.delay_secs.min(expiry_secs);
            if delay == 0 {
                self.publish(will.message);
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
                broker.publish(will);
            }
        });
    }

    /// Drops expired retained messages (called periodically).
    pub fn purge_expired(&self) {
        let dropped = self.retained.write().purge_expired(Instant::now());
        if dropped > 0 {
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
