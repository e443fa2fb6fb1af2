//! The point-in-time gauges, read from the broker's state when `/metrics` is scraped.
//!
//! Reading them costs one pass over the sessions (each locked briefly, never
//! two at once) per scrape: nothing on the hot path keeps them up to date.

use crate::state::BrokerState;
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

impl BrokerState {
    /// The metrics in the OpenMetrics text format, gauges read now.
    pub fn metrics_text(&self) -> String {
        let gauges = &self.metrics.gauges;
        let sessions = self.sessions();
        let (mut online, mut queued, mut queued_bytes, mut inflight) = (0, 0, 0, 0);
        for session in &sessions {
            let state = session.state.lock();
            online += usize::from(state.owner.is_some());
            queued += state.queue.len();
            queued_bytes += state.queued_bytes;
            inflight += state.inflight().len();
        }
        let set = |gauge: &Gauge, value: usize| {
            gauge.set(i64::try_from(value).unwrap_or(i64::MAX));
        };
        set(&gauges.sessions, sessions.len());
        set(&gauges.online_sessions, online);
        set(&gauges.queued_messages, queued);
        set(&gauges.queued_bytes, queued_bytes);
        set(&gauges.inflight_messages, inflight);
        let (retained, retained_bytes) = self.retained_size();
        set(&gauges.retained_messages, retained);
        set(&gauges.retained_bytes, retained_bytes);
        let store = self.config.storage.data_dir.as_deref().map_or(0, dir_bytes);
        set(&gauges.store_bytes, store);
        set(&gauges.pending_connections, self.pending.pending());
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.metrics.registry);
        text
    }
}

/// The bytes of the files in `dir` and its subfolders one level down (the
/// store's files, and `deadletters/`).
fn dir_bytes(dir: &Path) -> usize {
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
