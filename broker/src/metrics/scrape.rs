//! The point-in-time gauges, set when `/metrics` is scraped from the
//! [`Readings`] the broker's state takes then (`state/gauges.rs`): nothing
//! on the hot path keeps them up to date.

use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::{Registry, Unit};
use std::path::Path;

/// The gauges set at scrape time.
pub(super) struct Gauges {
    sessions: Gauge,
    online_sessions: Gauge,
    queued_messages: Gauge,
    queued_bytes: Gauge,
    inflight_messages: Gauge,
    retained_messages: Gauge,
    retained_bytes: Gauge,
    store_bytes: Gauge,
    pending_connections: Gauge,
}

impl Gauges {
    pub(super) fn register(registry: &mut Registry) -> Self {
        let mut gauge = |name: &str, help: &str, unit: Option<Unit>| {
            let gauge = Gauge::default();
            match unit {
                Some(unit) => registry.register_with_unit(name, help, unit, gauge.clone()),
                None => registry.register(name, help, gauge.clone()),
            }
            gauge
        };
        Self {
            sessions: gauge(
                "tern_sessions",
                "Sessions the broker holds, online or not",
                None,
            ),
            online_sessions: gauge("tern_online_sessions", "Sessions with a connection", None),
            queued_messages: gauge(
                "tern_queued_messages",
                "Messages waiting in session queues (not yet sent)",
                None,
            ),
            queued_bytes: gauge(
                "tern_queued",
                "Payload and topic bytes waiting in session queues",
                Some(Unit::Bytes),
            ),
            inflight_messages: gauge(
                "tern_inflight_messages",
                "QoS 1/2 messages sent and not yet acknowledged",
                None,
            ),
            retained_messages: gauge("tern_retained_messages", "Retained messages", None),
            retained_bytes: gauge(
                "tern_retained",
                "Bytes of the retained messages",
                Some(Unit::Bytes),
            ),
            store_bytes: gauge(
                "tern_store",
                "Size of the files in storage.data_dir and its dead letters (0 without a store)",
                Some(Unit::Bytes),
            ),
            pending_connections: gauge(
                "tern_pending_connections",
                "Sockets that have not finished CONNECT",
                None,
            ),
        }
    }
}

/// What the gauges show, read from the broker's state at scrape time.
#[derive(Debug, Clone, Copy, Default)]
pub struct Readings {
    /// Sessions, online or not.
    pub sessions: usize,
    /// Sessions with a connection.
    pub online_sessions: usize,
    /// Messages waiting in session queues.
    pub queued_messages: usize,
    /// Their payload and topic bytes.
    pub queued_bytes: usize,
    /// QoS 1/2 messages sent and not yet acknowledged.
    pub inflight_messages: usize,
    /// Retained messages.
    pub retained_messages: usize,
    /// Their bytes.
    pub retained_bytes: usize,
    /// Bytes of the files in the data folder.
    pub store_bytes: usize,
    /// Sockets that have not finished CONNECT.
    pub pending_connections: usize,
}

impl super::Metrics {
    /// The metrics in the OpenMetrics text format, the gauges set to `readings`.
    pub fn text(&self, readings: &Readings) -> String {
        let gauges = &self.gauges;
        let set = |gauge: &Gauge, value: usize| {
            gauge.set(i64::try_from(value).unwrap_or(i64::MAX));
        };
        set(&gauges.sessions, readings.sessions);
        set(&gauges.online_sessions, readings.online_sessions);
        set(&gauges.queued_messages, readings.queued_messages);
        set(&gauges.queued_bytes, readings.queued_bytes);
        set(&gauges.inflight_messages, readings.inflight_messages);
        set(&gauges.retained_messages, readings.retained_messages);
        set(&gauges.retained_bytes, readings.retained_bytes);
        set(&gauges.store_bytes, readings.store_bytes);
        set(&gauges.pending_connections, readings.pending_connections);
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

/// The bytes of the files in `dir` and its subfolders one level down (the
/// store's files, and `deadletters/`).
pub fn dir_bytes(dir: &Path) -> usize {
    files_bytes(dir, 1)
}

fn files_bytes(dir: &Path, depth: u8) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.metadata() {
            Ok(m) if m.is_file() => m.len() as usize,
            Ok(m) if m.is_dir() && depth > 0 => files_bytes(&e.path(), depth - 1),
            _ => 0,
        })
        .sum()
}
