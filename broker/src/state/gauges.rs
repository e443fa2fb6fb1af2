//! The readings of the `/metrics` gauges, taken when it is scraped.
//!
//! One pass over the sessions (each locked briefly, never two at once) per
//! scrape.

use super::BrokerState;
use crate::metrics::{dir_bytes, Readings};

impl BrokerState {
    /// The metrics in the OpenMetrics text format, gauges read now.
    pub fn metrics_text(&self) -> String {
        let sessions = self.sessions();
        let mut readings = Readings {
            sessions: sessions.len(),
            ..Readings::default()
        };
        for session in &sessions {
            let state = session.state.lock();
            readings.online_sessions += usize::from(state.owner.is_some());
            readings.queued_messages += state.queue.len();
            readings.queued_bytes += state.queued_bytes;
            readings.inflight_messages += state.inflight().len();
        }
        (readings.retained_messages, readings.retained_bytes) = self.retained_size();
        readings.store_bytes = self.config.storage.data_dir.as_deref().map_or(0, dir_bytes);
        readings.pending_connections = self.pending.pending();
        self.metrics.text(&readings)
    }
}
