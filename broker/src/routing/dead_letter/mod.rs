//! Events a route could not deliver, for `GET
//! /api/v1/routes/{name}/deadLetters` and `POST .../deadLetters/replay`
//! (`tern route dead-letters NAME [--replay]`).
//!
//! With a data folder every record is kept in the route's files
//! ([`files`]), which survive restarts; listing reads them. Records reach
//! the files through a writer task of their own ([`DeadLetters::writer`]), a
//! batch of lines and one `fsync` at a time, so neither a PUBLISH (a full
//! queue dead-letters at once) nor a delivery task waits for the disk. A
//! dead letter's event stays in the spool until its record is written: a
//! crash in between delivers the event again, it is not lost. At most
//! `routing.max_dead_letters_per_route` records wait for the writer; beyond
//! that, or when a write fails, a record stays in memory only, and is
//! counted. Without a data folder the newest records are kept in memory.
//!
//! Each record is the CloudEvent with Event Grid's dead-letter attributes
//! added: `deadletterreason`, `deliveryattempts`, `lastdeliveryoutcome`,
//! `publishtime`.

pub mod files;

use super::spool::Spool;
use crate::store::journal::Lsn;
use files::{read_records, Files};
use parking_lot::Mutex;
use prometheus_client::metrics::counter::Counter;
use serde_json::Value;
use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use tokio::sync::Notify;

/// Why an event was dead-lettered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Every allowed attempt failed (`maxDeliveryCount`).
    MaxDeliveryAttemptsExceeded,
    /// It waited longer than `eventTimeToLiveSecs`.
    TimeToLiveExceeded,
    /// The webhook answered a status that is not retried (400, 401, 403, 404, 413, 414).
    NonRetriableStatus,
    /// The route's queue was full when the message arrived.
    QueueFull,
    /// The route's delivery had stopped (the broker is shutting down).
    RouteStopped,
}

impl Reason {
    /// The `deadletterreason` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MaxDeliveryAttemptsExceeded => "MaxDeliveryAttemptsExceeded",
            Self::TimeToLiveExceeded => "TimeToLiveExceeded",
            Self::NonRetriableStatus => "NonRetriableStatus",
            Self::QueueFull => "QueueFull",
            Self::RouteStopped => "RouteStopped",
        }
    }
}

/// The dead letters of one route.
#[derive(Debug)]
pub struct DeadLetters {
    /// Without files, every record (the newest `max`); with files, those
    /// the files never got (the writer was too far behind, or failed).
    memory: Mutex<VecDeque<Value>>,
    max: usize,
    /// Records pushed out of memory by newer ones: `tern_dead_letters_forgotten`.
    forgotten: Counter,
    /// Records the files never got: `tern_dead_letters_not_written`.
    not_written: Counter,
    files: Option<FileLog>,
    /// Where a dead letter's event is settled once its record is kept.
    spool: Arc<Spool>,
}

/// The files of a route and what waits to be written to them.
#[derive(Debug)]
struct FileLog {
    files: Files,
    /// Records waiting for the writer, with their events' spool ids (settled
    /// once written).
    unwritten: Mutex<Vec<(Value, Option<u64>)>>,
    /// Wakes the writer task.
    wanted: Notify,
    /// One user of the files at a time: the writer, a listing, a replay
    /// taking them aside.
    turn: tokio::sync::Mutex<()>,
    /// One replay at a time.
    replaying: tokio::sync::Mutex<()>,
}

impl DeadLetters {
    /// Dead letters keeping at most `max` records in memory and, when `files`
    /// are given, every record in them; `(forgotten, not_written)` count what
    /// memory and the files lose (see
    /// [`crate::metrics::Metrics::dead_letter_counters`]).
    pub fn new(
        max: usize,
        files: Option<Files>,
        (forgotten, not_written): (Counter, Counter),
        spool: Arc<Spool>,
    ) -> Self {
        Self {
            memory: Mutex::new(VecDeque::new()),
            max: max.max(1),
            forgotten,
            not_written,
            files: files.map(|files| FileLog {
                files,
                unwritten: Mutex::new(Vec::new()),
                wanted: Notify::new(),
                turn: tokio::sync::Mutex::new(()),
                replaying: tokio::sync::Mutex::new(()),
            }),
            spool,
        }
    }

    /// Writes what waits to the files until `stop`, and what still waits
    /// then; there is nothing to do without files. Run it as a task of its own.
    pub async fn writer(self: Arc<Self>, stop: tokio_util::sync::CancellationToken) {
        let Some(log) = &self.files else {
            return;
        };
        let mut stopping = false;
        loop {
            if log.unwritten.lock().is_empty() {
                if stopping {
                    return;
                }
                tokio::select! {
                    _ = log.wanted.notified() => {}
                    _ = stop.cancelled() => stopping = true,
                }
                continue;
            }
            let _turn = log.turn.lock().await;
            self.write_unwritten(log).await;
        }
    }

    /// Appends the waiting records (the caller has the files' turn) and
    /// settles their events; a record the files cannot take stays in memory.
    async fn write_unwritten(&self, log: &FileLog) {
        let batch = std::mem::take(&mut *log.unwritten.lock());
        if batch.is_empty() {
            return;
        }
        let lines: String = batch.iter().map(|(r, _)| format!("{r}\n")).collect();
        let files = log.files.clone();
        let written = tokio::task::spawn_blocking(move || files.append(&lines)).await;
        let failed = match written {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(e) => Some(io::Error::other(e)),
        };
        if let Some(e) = &failed {
            self.not_written.inc_by(batch.len() as u64);
            tracing::warn!(error = %e, records = batch.len(), "dead letters could not be written to their file (kept in memory)");
        }
        for (record, spool_id) in batch {
            self.spool.settled(spool_id);
            if failed.is_some() {
                self.remember(record);
            }
        }
    }

    /// The record of `event`, dead-lettered for `reason` after `attempts`.
    pub fn record(
        mut event: Value,
        reason: Reason,
        attempts: u32,
        last_outcome: &str,
        publish_time: &str,
    ) -> Value {
        if let Some(object) = event.as_object_mut() {
            object.insert("deadletterreason".into(), reason.as_str().into());
            object.insert("deliveryattempts".into(), attempts.into());
            object.insert("lastdeliveryoutcome".into(), last_outcome.into());
            object.insert("publishtime".into(), publish_time.into());
        }
        event
    }

    /// Keeps `record`, the dead letter of the event `spool_id`, and settles
    /// that event once the record is in the files (at once without files):
    /// a crash before then delivers the event again rather than losing it.
    /// Never waits.
    pub fn keep(&self, record: Value, spool_id: Option<u64>) {
        if let Some(log) = &self.files {
            let mut unwritten = log.unwritten.lock();
            if unwritten.len() < self.max {
                unwritten.push((record, spool_id));
                drop(unwritten);
                log.wanted.notify_one();
                return;
            }
            drop(unwritten);
            self.not_written.inc();
        }
        self.spool.settled(spool_id);
        self.remember(record);
    }

    /// Keeps `record` in memory (the oldest goes when full).
    fn remember(&self, record: Value) {
        let mut memory = self.memory.lock();
        if memory.len() >= self.max {
            memory.pop_front();
            self.forgotten.inc();
        }
        memory.push_back(record);
    }

    /// The event of a record, without the dead-letter attributes.
    pub fn event_of(mut record: Value) -> Value {
        if let Some(object) = record.as_object_mut() {
            for key in [
                "deadletterreason",
                "deliveryattempts",
                "lastdeliveryoutcome",
                "publishtime",
            ] {
                object.remove(key);
            }
        }
        record
    }

    /// The newest `max` records (those in the files and those only in
    /// memory), oldest first.
    pub async fn list(&self) -> io::Result<Vec<Value>> {
        let mut newest = VecDeque::with_capacity(self.max);
        if let Some(log) = &self.files {
            let _turn = log.turn.lock().await;
            self.write_unwritten(log).await;
            let (files, max) = (log.files.clone(), self.max);
            newest = tokio::task::spawn_blocking(move || {
                let mut newest = VecDeque::with_capacity(max);
                read_records(&files.all()?, |record| {
                    push_bounded(&mut newest, record, max)
                })?;
                Ok::<_, io::Error>(newest)
            })
            .await
            .map_err(io::Error::other)??;
        }
        for record in self.memory.lock().iter() {
            push_bounded(&mut newest, record.clone(), self.max);
        }
        Ok(newest.into())
    }

    /// Hands every record (oldest first) to `requeue`, which sends its event
    /// through the route again and returns the LSN that makes it durable, or
    /// `None` when the route has no room (the record stays a dead letter).
    /// The files a replay takes are removed only once the events queued from
    /// them are durable: a crash before then replays them again. Returns how
    /// many were queued.
    pub async fn replay(
        &self,
        mut requeue: impl FnMut(Value) -> Option<Lsn> + Send + 'static,
    ) -> io::Result<usize> {
        let memory: Vec<Value> = self.memory.lock().drain(..).collect();
        let Some(log) = &self.files else {
            let mut replayed = 0;
            for record in memory {
                match requeue(record.clone()) {
                    Some(_) => replayed += 1,
                    None => self.remember(record),
                }
            }
            return Ok(replayed);
        };
        let _one_replay = log.replaying.lock().await;
        let taken = {
            let _turn = log.turn.lock().await;
            self.write_unwritten(log).await;
            let files = log.files.clone();
            tokio::task::spawn_blocking(move || files.take_for_replay())
                .await
                .map_err(io::Error::other)??
        };
        let (files, to_read) = (log.files.clone(), taken.clone());
        let (replayed, durable_at, back, read) = tokio::task::spawn_blocking(move || {
            let (mut replayed, mut durable_at) = (0, 0);
            let read = files.aside().and_then(|mut aside| {
                let mut failed = Ok(());
                read_records(&to_read, |record| match requeue(record.clone()) {
                    Some(lsn) => (replayed, durable_at) = (replayed + 1, durable_at.max(lsn)),
                    None if failed.is_ok() => failed = aside.push(&record),
                    None => {}
                })?;
                failed?;
                aside.finish()
            });
            // Then those only in memory (the files never got them).
            let mut back = Vec::new();
            for record in memory {
                match requeue(record.clone()) {
                    Some(lsn) => (replayed, durable_at) = (replayed + 1, durable_at.max(lsn)),
                    None => back.push(record),
                }
            }
            (replayed, durable_at, back, read)
        })
        .await
        .map_err(io::Error::other)?;
        for record in back {
            self.remember(record);
        }
        // On failure the taken files stay: they are still dead letters.
        read?;
        self.spool.durable(durable_at).await;
        tokio::task::spawn_blocking(move || Files::remove(&taken))
            .await
            .map_err(io::Error::other)??;
        Ok(replayed)
    }
}

/// Appends `record`, dropping the oldest beyond `max`.
fn push_bounded(records: &mut VecDeque<Value>, record: Value, max: usize) {
    if records.len() >= max {
        records.pop_front();
    }
    records.push_back(record);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::delivery::Pending;
    use serde_json::json;

    fn dead_letters(dir: &std::path::Path, max: usize) -> (DeadLetters, Arc<Spool>) {
        let spool = Arc::new(Spool::new(true));
        let files = Files::new(dir.to_owned(), "route", 1 << 20);
        let counters = (Counter::default(), Counter::default());
        (
            DeadLetters::new(max, Some(files), counters, spool.clone()),
            spool,
        )
    }

    fn spooled(spool: &Spool, n: u32) -> Option<u64> {
        let mut pending = Pending {
            event: json!({ "n": n }),
            received: tokio::time::Instant::now(),
            publish_time: String::new(),
            attempts: 0,
            spool_id: None,
        };
        spool.queued("route", &mut pending);
        pending.spool_id
    }

    #[tokio::test]
    async fn an_event_leaves_the_spool_only_once_its_dead_letter_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (dead, spool) = dead_letters(dir.path(), 10);
        let id = spooled(&spool, 1);
        dead.keep(json!({ "n": 1 }), id);
        assert_eq!(spool.capture().1.len(), 1, "not written yet: still held");
        // Listing writes what waits first.
        assert_eq!(dead.list().await.unwrap(), vec![json!({ "n": 1 })]);
        assert!(spool.capture().1.is_empty(), "written, so settled");
        // A new broker on the same folder lists it.
        let (again, _) = dead_letters(dir.path(), 10);
        assert_eq!(again.list().await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_replay_queues_what_fits_and_the_rest_stays_a_dead_letter() {
        let dir = tempfile::tempdir().unwrap();
        let (dead, spool) = dead_letters(dir.path(), 2);
        for n in 1..=3 {
            dead.keep(
                json!({ "n": n, "deadletterreason": "QueueFull" }),
                spooled(&spool, n),
            );
        }
        // Two wait for the writer at most: the third is in memory only.
        let listed = dead.list().await.unwrap();
        assert_eq!(listed.len(), 2, "the newest `max` are listed");
        assert_eq!(
            (listed[0]["n"].clone(), listed[1]["n"].clone()),
            (json!(2), json!(3))
        );
        let mut room = 2;
        let replayed = dead
            .replay(move |record| {
                assert!(record.get("deadletterreason").is_some());
                (room > 0).then(|| room -= 1).map(|()| 0)
            })
            .await
            .unwrap();
        assert_eq!(replayed, 2);
        let left = dead.list().await.unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0]["n"], 3, "the files' went first");
        let none_left = dead.replay(|_| Some(0)).await.unwrap();
        assert_eq!(none_left, 1);
        assert!(dead.list().await.unwrap().is_empty());
    }
}
