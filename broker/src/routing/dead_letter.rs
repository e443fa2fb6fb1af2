//! Events a route could not deliver: kept (bounded) for `GET
//! /api/v1/routes/{name}/deadLetters`, and appended to
//! `{storage.data_dir}/deadletters/{route}.jsonl` when there is a data folder.
//!
//! Each record is the CloudEvent with Event Grid's dead-letter attributes
//! added: `deadletterreason`, `deliveryattempts`, `lastdeliveryoutcome`,
//! `publishtime`.

use parking_lot::Mutex;
use serde_json::Value;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

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
}

impl Reason {
    /// The `deadletterreason` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MaxDeliveryAttemptsExceeded => "MaxDeliveryAttemptsExceeded",
            Self::TimeToLiveExceeded => "TimeToLiveExceeded",
            Self::NonRetriableStatus => "NonRetriableStatus",
            Self::QueueFull => "QueueFull",
        }
    }
}

/// The dead letters of one route.
#[derive(Debug)]
pub struct DeadLetters {
    kept: Mutex<VecDeque<Value>>,
    max: usize,
    /// Records pushed out of memory by newer ones (still in the file, if any).
    forgotten: AtomicU64,
    file: Option<PathBuf>,
}

impl DeadLetters {
    /// Dead letters keeping at most `max` records in memory, appended to `file` too.
    pub fn new(max: usize, file: Option<PathBuf>) -> Self {
        Self {
            kept: Mutex::new(VecDeque::new()),
            max: max.max(1),
            forgotten: AtomicU64::new(0),
            file,
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

    /// Keeps `record` in memory (the oldest goes when full).
    pub fn keep(&self, record: Value) {
        let mut kept = self.kept.lock();
        if kept.len() >= self.max {
            kept.pop_front();
            self.forgotten.fetch_add(1, Ordering::Relaxed);
        }
        kept.push_back(record);
    }

    /// Keeps `record` and appends it to the file (off the runtime's workers).
    pub async fn keep_and_write(&self, record: Value) {
        if let Some(file) = self.file.clone() {
            let line = format!("{record}\n");
            let written = tokio::task::spawn_blocking(move || append(&file, &line)).await;
            if let Ok(Err(e)) | Err(e) = written.map_err(std::io::Error::other) {
                tracing::warn!(error = %e, "dead letter could not be written to its file (kept in memory)");
            }
        }
        self.keep(record);
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

    /// How many records were pushed out of memory.
    pub fn forgotten(&self) -> u64 {
        self.forgotten.load(Ordering::Relaxed)
    }
}

fn append(file: &std::path::Path, line: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)?;
    f.write_all(line.as_bytes())?;
    f.sync_data()
}
