//! Routing (Event Grid's): MQTT messages that a route takes are delivered to
//! its webhook as CloudEvents, at least once, with retries and dead letters.
//!
//! Routes are resources of the namespace ([`tern_access::Route`]); [`Routing::sync`]
//! follows every change. Each route has a bounded queue and one delivery task
//! ([`delivery::Worker`]): a PUBLISH never waits for a webhook. A message
//! offered to a full queue is dead-lettered (reason `QueueFull`) and counted,
//! never dropped silently. A route that is changed or deleted stops taking
//! messages, and its task still delivers what it had queued.
//!
//! Every event a route holds is kept in the store until it is settled
//! ([`spool`]): a crash, a shutdown or a restart loses none, and a
//! publisher's acknowledgement waits until they are durable.

pub mod dead_letter;
pub mod delivery;
pub mod envelope;
pub mod spool;
pub mod transport;

use crate::access::{Identity, IdentitySource};
use crate::config::RoutingConfig;
use crate::message::Message;
use crate::metrics::labels::RoutingError;
use crate::metrics::Metrics;
use crate::store::journal::Lsn;
use dead_letter::files::Files;
use dead_letter::{DeadLetters, Reason};
use delivery::{Pending, Worker};
use parking_lot::{Mutex, RwLock};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::histogram::Histogram;
use spool::Spool;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tern_access::{EnrichmentValue, Namespace, Principal, Route};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// The routing counters a delivery task updates.
#[derive(Debug, Clone)]
pub struct RoutingCounters {
    /// Events a webhook accepted.
    pub routed: Counter,
    /// Attempts that failed.
    pub failed_attempts: Counter,
    /// Seconds from receipt to delivery of each delivered event.
    pub delivery: Histogram,
    failed: [Counter; 5],
}

impl RoutingCounters {
    fn new(metrics: &Metrics) -> Self {
        let failed = [
            RoutingError::MaxDeliveryAttemptsExceeded,
            RoutingError::TimeToLiveExceeded,
            RoutingError::NonRetriableStatus,
            RoutingError::QueueFull,
            RoutingError::RouteStopped,
        ]
        .map(|e| metrics.failed_routed_counter(e));
        Self {
            routed: metrics.routed_counter(),
            failed_attempts: metrics.failed_attempts_counter(),
            delivery: metrics.routing_delivery_histogram(),
            failed,
        }
    }

    /// Counts an event dead-lettered for `reason`.
    pub fn failed(&self, reason: Reason) {
        let index = match reason {
            Reason::MaxDeliveryAttemptsExceeded => 0,
            Reason::TimeToLiveExceeded => 1,
            Reason::NonRetriableStatus => 2,
            Reason::QueueFull => 3,
            Reason::RouteStopped => 4,
        };
        self.failed[index].inc();
    }
}

/// A route in force: its definition, parsed enrichments and queue.
struct ActiveRoute {
    route: Route,
    enrichments: Vec<(String, EnrichmentValue)>,
    queue: mpsc::Sender<Pending>,
    dead: Arc<DeadLetters>,
}

/// The routes in force and the namespace their publishers are looked up in.
#[derive(Default)]
struct Table {
    namespace: Option<Arc<Namespace>>,
    routes: Vec<Arc<ActiveRoute>>,
}

/// Every route of the broker.
pub struct Routing {
    table: RwLock<Arc<Table>>,
    /// Whether any route is in force (checked before anything else on each PUBLISH).
    active: AtomicBool,
    dead_letters: Mutex<HashMap<String, Arc<DeadLetters>>>,
    config: RoutingConfig,
    data_dir: Option<PathBuf>,
    namespace_name: String,
    counters: RoutingCounters,
    /// `tern_dead_letters_forgotten` and `tern_dead_letters_not_written`.
    dead_letter_counters: (Counter, Counter),
    shutdown: CancellationToken,
    tasks: TaskTracker,
    next_id: AtomicU64,
    run: u64,
    /// The events routes hold, kept until settled.
    spool: Arc<Spool>,
}

impl std::fmt::Debug for Routing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Routing")
            .field("routes", &self.table.read().routes.len())
            .finish_non_exhaustive()
    }
}

impl Routing {
    /// Routing with no routes yet.
    pub fn new(
        config: RoutingConfig,
        data_dir: Option<PathBuf>,
        namespace_name: &str,
        metrics: &Metrics,
        shutdown: CancellationToken,
        tasks: TaskTracker,
    ) -> Self {
        Self {
            table: RwLock::default(),
            active: AtomicBool::new(false),
            dead_letters: Mutex::default(),
            config,
            spool: Arc::new(Spool::new(data_dir.is_some())),
            data_dir,
            namespace_name: namespace_name.to_owned(),
            counters: RoutingCounters::new(metrics),
            dead_letter_counters: metrics.dead_letter_counters(),
            shutdown,
            tasks,
            next_id: AtomicU64::new(1),
            run: fastrand::u64(..),
        }
    }

    /// The events routes hold (for the store: journal, snapshot, recovery).
    pub fn spool(&self) -> &Spool {
        &self.spool
    }

    /// Puts the routes of `namespace` in force: unchanged routes keep their
    /// queue; new and changed ones start a delivery task. Must run inside the
    /// tokio runtime.
    pub fn sync(&self, namespace: Arc<Namespace>) {
        let old = self.table.read().clone();
        let mut routes = Vec::new();
        for route in namespace.routes() {
            if let Some(same) = old.routes.iter().find(|a| a.route == *route) {
                routes.push(same.clone());
                continue;
            }
            routes.push(Arc::new(self.start(route.clone())));
        }
        self.active.store(!routes.is_empty(), Ordering::Release);
        *self.table.write() = Arc::new(Table {
            namespace: Some(namespace),
            routes,
        });
        // Routes no longer in the table drop their queue's sender: their tasks
        // deliver what is queued and end.
        for (route, events) in self.spool.take_orphans() {
            let dead = self.dead_letters_of(&route);
            tracing::warn!(%route, events = events.len(), "recovered events whose route is gone: dead-lettered");
            for pending in events {
                self.counters.failed(Reason::RouteStopped);
                let record = DeadLetters::record(
                    pending.event,
                    Reason::RouteStopped,
                    pending.attempts,
                    "the route was deleted while the broker was down",
                    &pending.publish_time,
                );
                dead.keep(record, pending.spool_id);
            }
        }
    }

    /// The dead letters of route `name`, with their file's writer started
    /// the first time.
    fn dead_letters_of(&self, name: &str) -> Arc<DeadLetters> {
        self.dead_letters
            .lock()
            .entry(name.to_owned())
            .or_insert_with(|| {
                let files = self.data_dir.as_ref().map(|d| {
                    Files::new(
                        d.join("deadletters"),
                        name,
                        self.config.max_dead_letter_file_bytes,
                    )
                });
                let dead = Arc::new(DeadLetters::new(
                    self.config.max_dead_letters_per_route,
                    files,
                    self.dead_letter_counters.clone(),
                    self.spool.clone(),
                ));
                self.tasks.spawn(dead.clone().writer(self.shutdown.clone()));
                dead
            })
            .clone()
    }

    fn start(&self, route: Route) -> ActiveRoute {
        let dead = self.dead_letters_of(&route.name);
        let enrichments = route
            .enrichments
            .iter()
            // Validated when the route was stored; an unparsable one is skipped.
            .filter_map(|e| e.parsed().ok().map(|v| (e.key.clone(), v)))
            .collect();
        let (queue, receiver) = mpsc::channel(self.config.max_queued_events_per_route.max(1));
        let worker = Worker {
            route: route.clone(),
            dead: dead.clone(),
            retry_delays: self
                .config
                .retry_delays_ms
                .iter()
                .map(|ms| Duration::from_millis(*ms))
                .collect(),
            response_timeout: Duration::from_secs(self.config.response_timeout_secs.max(1)),
            counters: self.counters.clone(),
            shutdown: self.shutdown.clone(),
            origin: self.namespace_name.clone(),
            max_waiting: self.config.max_queued_events_per_route.max(1),
            spool: self.spool.clone(),
            recovered: self.spool.take_recovered(&route.name),
        };
        self.tasks.spawn(worker.run(receiver));
        ActiveRoute {
            route,
            enrichments,
            queue,
            dead,
        }
    }

    /// Offers a message a client published (and the broker accepted) to
    /// every route; returns the LSN that makes the routes' copies durable
    /// (0: nothing to wait for).
    pub fn offer(&self, message: &Message, publisher: &Identity) -> Lsn {
        if !self.active.load(Ordering::Acquire) {
            return 0;
        }
        let table = self.table.read().clone();
        self.offer_to(&table, message, |ns| principal(ns, publisher))
    }

    /// Offers a message the broker itself publishes (a life-cycle event) to
    /// the routes that take them; client variables of enrichments are empty.
    pub fn offer_from_broker(&self, message: &Message) {
        if !self.active.load(Ordering::Acquire) {
            return;
        }
        let table = self.table.read().clone();
        self.offer_to(&table, message, |_| Principal::default());
    }

    fn offer_to(
        &self,
        table: &Table,
        message: &Message,
        publisher: impl FnOnce(Option<&Namespace>) -> Principal,
    ) -> Lsn {
        let mut takers = table
            .routes
            .iter()
            .filter(|r| r.route.takes(&message.topic))
            .peekable();
        if takers.peek().is_none() {
            return 0;
        }
        let mut durable_at = 0;
        let principal = publisher(table.namespace.as_deref());
        let number = self.next_id.fetch_add(1, Ordering::Relaxed);
        let time = crate::lifecycle::now_rfc3339();
        let origin = envelope::Origin {
            publisher: &principal,
            namespace: &self.namespace_name,
            id: format!("{:016x}-{number}", self.run),
            time: time.clone(),
        };
        let received = tokio::time::Instant::now();
        for route in takers {
            let event = envelope::cloud_event(message, &origin, &route.enrichments);
            if !route
                .route
                .advanced_filters
                .iter()
                .all(|f| f.matches(&event))
            {
                continue;
            }
            let mut pending = Pending {
                event,
                received,
                publish_time: time.clone(),
                attempts: 0,
                spool_id: None,
            };
            durable_at = durable_at.max(self.spool.queued(&route.route.name, &mut pending));
            let (pending, reason, why) = match route.queue.try_send(pending) {
                Ok(()) => continue,
                Err(mpsc::error::TrySendError::Full(p)) => (
                    p,
                    Reason::QueueFull,
                    "the route's queue was full (routing.max_queued_events_per_route)",
                ),
                Err(mpsc::error::TrySendError::Closed(p)) => (
                    p,
                    Reason::RouteStopped,
                    "the route's delivery had stopped (the broker is shutting down)",
                ),
            };
            tracing::warn!(route = %route.route.name, reason = reason.as_str(), "event dead-lettered at once");
            self.counters.failed(reason);
            let record = DeadLetters::record(pending.event, reason, 0, why, &pending.publish_time);
            route.dead.keep(record, pending.spool_id);
        }
        durable_at
    }

    /// Sends the dead letters of route `name` through the route again
    /// (attempts from zero, a new time to live) and returns how many, once
    /// they are durable in the spool; those its queue has no room for stay
    /// dead letters.
    pub async fn replay(&self, name: &str) -> Result<usize, ReplayError> {
        let route = self
            .table
            .read()
            .routes
            .iter()
            .find(|r| r.route.name == name)
            .cloned();
        let route = route.ok_or_else(|| ReplayError::NoRoute(name.to_owned()))?;
        let (spool, queue, name) = (self.spool.clone(), route.queue.clone(), name.to_owned());
        let requeue = move |record: serde_json::Value| {
            let publish_time = record["publishtime"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let mut pending = Pending {
                event: DeadLetters::event_of(record),
                received: tokio::time::Instant::now(),
                publish_time,
                attempts: 0,
                spool_id: None,
            };
            let durable_at = spool.queued(&name, &mut pending);
            let id = pending.spool_id;
            match queue.try_send(pending) {
                Ok(()) => Some(durable_at),
                Err(_) => {
                    spool.settled(id);
                    None
                }
            }
        };
        Ok(route.dead.replay(requeue).await?)
    }

    /// The newest dead letters of route `name` (oldest first), or `None` if
    /// the route is not in force and had none since the broker started.
    pub async fn dead_letters(
        &self,
        name: &str,
    ) -> Option<std::io::Result<Vec<serde_json::Value>>> {
        let dead = self.dead_letters.lock().get(name).cloned()?;
        Some(dead.list().await)
    }
}

/// Why dead letters could not be replayed.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// No route of that name is in force.
    #[error("no route named '{0}' is in force")]
    NoRoute(String),
    /// The route's dead-letter files could not be read, written or moved.
    #[error("the dead-letter files could not be replayed: {0}")]
    Files(#[from] std::io::Error),
}

/// The publisher as enrichments see it (registry attributes as they are now).
fn principal(namespace: Option<&Namespace>, identity: &Identity) -> Principal {
    let attributes = match &identity.source {
        IdentitySource::Registry => namespace
            .and_then(|ns| ns.client_by_authentication_name(&identity.authentication_name))
            .map(|c| c.attributes.clone())
            .unwrap_or_default(),
        IdentitySource::Claims(attributes) => attributes.clone(),
        IdentitySource::Open => Default::default(),
    };
    Principal {
        authentication_name: identity.authentication_name.clone(),
        attributes,
    }
}
