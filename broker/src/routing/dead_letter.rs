//! Events a route could not deliver: kept (bounded) for `GET
//! /api/v1/routes/{name}/deadLetters`, and appended to
//! `{storage.data_dir}/deadletters/{route}.jsonl` when there is a data folder.
//!
//! Records reach the file through a writer task of their own ([`DeadLetters::writer`]),
//! a batch of lines and one `fsync` at a time, so neither a PUBLISH (a full
//! queue dead-letters at once) nor a delivery task waits for the disk. At
//! most as many records as are kept in memory wait for the writer; beyond
//! that a record stays in memory only, and is counted.
//!
//! Each record is the CloudEvent with Event Grid's dead-letter attributes
//! added: `deadletterreason`, `deliveryattempts`, `lastdeliveryoutcome`,
//! `publishtime`.

use parking_lot::Mutex;
use prometheus_client::metrics::counter::Counter;
use serde_json::Value;
use std::collections::VecDeque;
use std::path::PathBuf;

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
    kept: Mutex<VecDeque<Value>>,
    max: usize,
    /// Records pushed out of memory by newer ones (still in the file, if any):
    /// `tern_dead_letters_forgotten`.
    forgotten: Counter,
    file: Option<PathBuf>,
    /// Past this size the file is moved to `NAME.1.jsonl`.
    max_file_bytes: u64,
    /// Records waiting for the writer task.
    unwritten: Mutex<Vec<Value>>,
    /// Wakes the writer task.
    written_wanted: tokio::sync::Notify,
    /// Records the file never got (the writer was too far behind, or
    /// failed): `tern_dead_letters_not_written`.
    not_written: Counter,
}

impl DeadLetters {
    /// Dead letters keeping at most `max` records in memory, appended to
    /// `file` too (moved aside past `max_file_bytes`); `(forgotten,
    /// not_written)` count what memory and the file lose (see
    /// [`crate::metrics::Metrics::dead_letter_counters`]).
    pub fn new(
        max: usize,
        file: Option<PathBuf>,
        max_file_bytes: u64,
        (forgotten, not_written): (Counter, Counter),
    ) -> Self {
        Self {
            kept: Mutex::new(VecDeque::new()),
            max: max.max(1),
            forgotten,
            file,
            max_file_bytes,
            unwritten: Mutex::new(Vec::new()),
            written_wanted: tokio::sync::Notify::new(),
            not_written,
        }
    }

    /// Appends what waits to the file until `stop`; there is nothing to do
    /// without a file. Run it as a task of its own.
    pub async fn writer(self: std::sync::Arc<Self>, stop: tokio_util::sync::CancellationToken) {
        let Some(file) = self.file.clone() else {
            return;
        };
        let mut stopping = false;
        loop {
            let batch = std::mem::take(&mut *self.unwritten.lock());
            if batch.is_empty() {
                if stopping {
                    return;
                }
                // At shutdown, what is still waiting is written before the task ends.
                tokio::select! {
                    _ = self.written_wanted.notified() => {}
                    _ = stop.cancelled() => stopping = true,
                }
                continue;
            }
            let lines: String = batch.iter().map(|r| format!("{r}\n")).collect();
            let (path, max_bytes) = (file.clone(), self.max_file_bytes);
            let written =
                tokio::task::spawn_blocking(move || append(&path, &lines, max_bytes)).await;
            if let Ok(Err(e)) | Err(e) = written.map_err(std::io::Error::other) {
                self.not_written.inc_by(batch.len() as u64);
                tracing::warn!(error = %e, records = batch.len(), "dead letters could not be written to their file (kept in memory)");
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

    /// Keeps `record` in memory (the oldest goes when full) and hands it to
    /// the file's writer; never waits.
    pub fn keep(&self, record: Value) {
        if self.file.is_some() {
            let mut unwritten = self.unwritten.lock();
            if unwritten.len() < self.max {
                unwritten.push(record.clone());
                drop(unwritten);
                self.written_wanted.notify_one();
            } else {
                self.not_written.inc();
            }
        }
        self.remember(record);
    }

    /// Keeps `record` in memory only (a replay that found no room puts it back).
    pub fn remember(&self, record: Value) {
        let mut kept = self.kept.lock();
        if kept.len() >= self.max {
            kept.pop_front();
            self.forgotten.inc();
        }
        kept.push_back(record);
    }

    /// Takes every record out of memory, oldest first (the file keeps them).
    pub fn take_all(&self) -> Vec<Value> {
        self.kept.lock().drain(..).collect()
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

    /// The records in memory, oldest first.
    pub fn list(&self) -> Vec<Value> {
        self.kept.lock().iter().cloned().collect()
    }
}

/// Appends `line` to `file`, first moving a file past `max_bytes` to
/// `NAME.1.jsonl` (replacing an older one), so a route's files stay bounded.
fn append(file: &std::path::Path, line: &str, max_bytes: u64) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    if std::fs::metadata(file).is_ok_and(|m| m.len() >= max_bytes) {
        std::fs::rename(file, file.with_extension("1.jsonl"))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)?;
    f.write_all(line.as_bytes())?;
    f.sync_data()
}

#[cfg(test)]
mod tests {
    use super::append;

    #[test]
    fn a_full_file_is_moved_aside_and_a_new_one_started() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("route.jsonl");
        append(&file, "1234567\n", 8).unwrap();
        append(&file, "a\n", 8).unwrap();
        append(&file, "1234567\n", 8).unwrap();
        // Past 8 bytes: moved to route.1.jsonl, replacing the older one.
        append(&file, "b\n", 8).unwrap();
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(read("route.jsonl"), "b\n");
        assert_eq!(read("route.1.jsonl"), "a\n1234567\n");
    }
}
