//! The spool: every event a route holds — queued, in delivery, or waiting
//! for a retry — kept in the store until it is settled (its webhook took it,
//! or it was dead-lettered), so a crash or a restart loses none.
//!
//! Each change is a journal record ([`RoutedOp`]), appended under the spool's
//! lock right after the index below changes, so the journal's order is the
//! index's. The index is what compaction and shutdown write to the snapshot
//! ([`Spool::capture`]) and what recovery fills ([`Spool::restore`]); its size
//! is bounded by the routes' queues (`routing.max_queued_events_per_route`
//! queued plus as many waiting per route). Without a data folder the spool
//! keeps nothing.
//!
//! A publisher's acknowledgement waits for the LSN of its events as it does
//! for its sessions' (`storage.durability`): a PUBACK means the routes'
//! copies are durable too. A dead-lettered event is settled once its record
//! is in the route's dead-letter file, so a crash in between delivers it
//! again rather than losing it.

use super::delivery::Pending;
use crate::store::journal::record::{Op, RoutedOp};
use crate::store::journal::{Journal, Lsn};
use crate::store::model::{unix_ms, Clocks, StoredRouted};
use parking_lot::Mutex;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The events routes hold, and their journal.
#[derive(Debug)]
pub struct Spool {
    /// Whether events are kept (the broker has a data folder).
    enabled: bool,
    journal: OnceLock<Arc<Journal>>,
    index: Mutex<Index>,
}

#[derive(Debug, Default)]
struct Index {
    events: BTreeMap<u64, Arc<StoredRouted>>,
    next_id: u64,
    /// LSN of the last change journaled.
    last_lsn: Lsn,
    /// Recovered events not yet handed to a route, by route name (`None`
    /// once the first routes were put in force).
    recovered: Option<HashMap<String, Vec<Pending>>>,
}

impl Spool {
    /// A spool that keeps events when `enabled`.
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            journal: OnceLock::new(),
            index: Mutex::new(Index {
                next_id: 1,
                ..Index::default()
            }),
        }
    }

    /// Starts journaling changes (once, after recovery).
    pub fn set_journal(&self, journal: Arc<Journal>) {
        let _ = self.journal.set(journal);
    }

    fn append(&self, index: &mut Index, op: RoutedOp) -> Lsn {
        let Some(journal) = self.journal.get() else {
            return 0;
        };
        let lsn = journal.append(Op::Routed(op));
        index.last_lsn = lsn;
        lsn
    }

    /// Keeps an event route `route` takes, setting its `spool_id` (left
    /// `None` without a data folder); returns the LSN that makes it durable.
    pub fn queued(&self, route: &str, pending: &mut Pending) -> Lsn {
        if !self.enabled {
            return 0;
        }
        // With the disk full, an event is delivered from memory only: its
        // publisher's QoS 1/2 PUBLISH was refused already, and a QoS 0 one
        // must not grow the journal's queue while it cannot be written.
        if self.journal.get().is_some_and(|j| !j.accepts_new_records()) {
            return 0;
        }
        let clocks = Clocks::now();
        let event = Arc::new(StoredRouted {
            route: route.to_owned(),
            event: pending.event.to_string(),
            received_ms: unix_ms(
                clocks.wall - clocks.now.saturating_duration_since(pending.received),
            ),
            publish_time: pending.publish_time.clone(),
            attempts: pending.attempts,
        });
        let mut index = self.index.lock();
        let id = index.next_id;
        index.next_id += 1;
        index.events.insert(id, event.clone());
        pending.spool_id = Some(id);
        self.append(&mut index, RoutedOp::Queued(id, event))
    }

    /// A delivery attempt of event `id` failed; it waits for its retry.
    pub fn attempted(&self, id: Option<u64>, attempts: u32) {
        let Some(id) = id else { return };
        let mut index = self.index.lock();
        let Some(event) = index.events.get_mut(&id) else {
            return;
        };
        Arc::make_mut(event).attempts = attempts;
        self.append(&mut index, RoutedOp::Attempted { id, attempts });
    }

    /// Waits until the change `lsn` (from [`Spool::queued`]) is durable.
    pub async fn durable(&self, lsn: Lsn) {
        if let Some(journal) = self.journal.get() {
            journal.wait(lsn).await;
        }
    }

    /// Event `id` is settled: delivered, or dead-lettered.
    pub fn settled(&self, id: Option<u64>) {
        let Some(id) = id else { return };
        let mut index = self.index.lock();
        if index.events.remove(&id).is_some() {
            self.append(&mut index, RoutedOp::Settled { id });
        }
    }

    /// The events held, and the LSN of the last change among them (for a
    /// snapshot: replay skips what it already has).
    pub fn capture(&self) -> (Lsn, BTreeMap<u64, StoredRouted>) {
        let index = self.index.lock();
        let events = index
            .events
            .iter()
            .map(|(id, e)| (*id, StoredRouted::clone(e)))
            .collect();
        (index.last_lsn, events)
    }

    /// Loads the events of a recovered store (before any route is in force);
    /// spool ids handed out from now on are above `max_id`. An event whose
    /// text no longer parses is logged and left out (the checkpoint after
    /// recovery then drops it).
    pub fn restore(&self, events: BTreeMap<u64, StoredRouted>, max_id: u64, lsn: Lsn) {
        let mut index = self.index.lock();
        let mut by_route: HashMap<String, Vec<Pending>> = HashMap::new();
        for (id, event) in events {
            let Some(pending) = to_pending(id, &event) else {
                continue;
            };
            by_route
                .entry(event.route.clone())
                .or_default()
                .push(pending);
            index.events.insert(id, Arc::new(event));
        }
        let highest = index.events.keys().next_back().copied().unwrap_or(0);
        index.next_id = index.next_id.max(highest.max(max_id) + 1);
        index.last_lsn = index.last_lsn.max(lsn);
        index.recovered = Some(by_route);
    }

    /// The recovered events of route `name`, oldest first (each once: a
    /// second call returns none).
    pub fn take_recovered(&self, name: &str) -> Vec<Pending> {
        let mut index = self.index.lock();
        let recovered = index.recovered.as_mut().and_then(|r| r.remove(name));
        recovered.unwrap_or_default()
    }

    /// Ends recovery: the recovered events of routes that are not in force
    /// (deleted while the broker was down), by route name.
    pub fn take_orphans(&self) -> Vec<(String, Vec<Pending>)> {
        let recovered = self.index.lock().recovered.take();
        recovered.unwrap_or_default().into_iter().collect()
    }
}

/// A recovered event as a delivery: its time to live goes on from when the
/// broker first received it.
fn to_pending(id: u64, stored: &StoredRouted) -> Option<Pending> {
    let event = match serde_json::from_str(&stored.event) {
        Ok(event) => event,
        Err(e) => {
            tracing::error!(route = %stored.route, id, error = %e, "a stored routed event does not parse: not delivered");
            return None;
        }
    };
    let clocks = Clocks::now();
    let age_ms = unix_ms(clocks.wall).saturating_sub(stored.received_ms);
    let now = clocks.now;
    Some(Pending {
        event,
        received: now
            .checked_sub(Duration::from_millis(age_ms))
            .unwrap_or(now),
        publish_time: stored.publish_time.clone(),
        attempts: stored.attempts,
        spool_id: Some(id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(route: &str, n: u32) -> StoredRouted {
        StoredRouted {
            route: route.into(),
            event: format!("{{\"id\":\"{n}\"}}"),
            received_ms: unix_ms(std::time::SystemTime::now()),
            publish_time: String::new(),
            attempts: n,
        }
    }

    #[test]
    fn recovered_events_go_to_their_route_once_and_the_rest_are_orphans() {
        let spool = Spool::new(true);
        let mut events = BTreeMap::new();
        events.insert(3, stored("a", 3));
        events.insert(5, stored("b", 5));
        events.insert(7, stored("a", 7));
        let mut broken = stored("a", 8);
        broken.event = "{not json".into();
        events.insert(8, broken);
        spool.restore(events, 9, 0);

        let a: Vec<_> = spool
            .take_recovered("a")
            .into_iter()
            .map(|p| p.spool_id)
            .collect();
        assert_eq!(
            a,
            vec![Some(3), Some(7)],
            "oldest first; the unparsable one left out"
        );
        assert!(spool.take_recovered("a").is_empty(), "handed out once");
        let orphans = spool.take_orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].0, "b");
        assert_eq!(orphans[0].1[0].attempts, 5);
        assert!(spool.take_recovered("b").is_empty(), "recovery is over");

        // New ids come after every recovered one; settling removes them.
        let mut pending = orphans.into_iter().next().unwrap().1.remove(0);
        spool.queued("a", &mut pending);
        assert_eq!(pending.spool_id, Some(10));
        spool.settled(Some(3));
        let (_, held) = spool.capture();
        assert_eq!(held.keys().copied().collect::<Vec<_>>(), vec![5, 7, 10]);
    }

    #[test]
    fn without_a_data_folder_nothing_is_kept() {
        let spool = Spool::new(false);
        let mut pending = to_pending(1, &stored("a", 0)).unwrap();
        pending.spool_id = None;
        assert_eq!(spool.queued("a", &mut pending), 0);
        assert_eq!(pending.spool_id, None);
        assert!(spool.capture().1.is_empty());
    }
}
