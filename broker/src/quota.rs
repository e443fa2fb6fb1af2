//! Quotas that span connections, and the counters of every quota refusal.
//!
//! Per-session and per-message quotas are checked where the thing is
//! created (subscriptions in `connection::inbound`, retained messages in
//! [`crate::retained`], topic limits in [`TopicLimits`]); the connection
//! counts live here, because they are shared by every connection. Each
//! refusal is counted in [`Refusals`], so an operator can see on `/metrics`
//! what was refused and why.

use crate::metrics::labels::Quota;
use crate::metrics::Metrics;
use parking_lot::Mutex;
use prometheus_client::metrics::counter::Counter;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// How many times each quota refused something since the broker started
/// (exported as `tern_quota_refusals{quota}`).
#[derive(Debug)]
pub struct Refusals {
    /// CONNECTs refused by `quotas.max_connections`.
    pub connections: Counter,
    /// CONNECTs refused by `quotas.max_connections_per_authentication_name`.
    pub connections_per_name: Counter,
    /// Subscriptions refused by `quotas.max_subscriptions_per_session`.
    pub subscriptions: Counter,
    /// Retained PUBLISHes refused by the retained-message quotas.
    pub retained: Counter,
    /// Topic names and filters refused by `quotas.max_topic_levels` / `max_topic_bytes`.
    pub topics: Counter,
    /// Authentications refused by the failed-authentication rate limit.
    pub authentication_rate: Counter,
}

impl Refusals {
    /// The counters, registered in `metrics`.
    pub fn registered(metrics: &Metrics) -> Self {
        Self {
            connections: metrics.quota_counter(Quota::Connections),
            connections_per_name: metrics.quota_counter(Quota::ConnectionsPerName),
            subscriptions: metrics.quota_counter(Quota::Subscriptions),
            retained: metrics.quota_counter(Quota::Retained),
            topics: metrics.quota_counter(Quota::Topics),
            authentication_rate: metrics.quota_counter(Quota::AuthenticationRate),
        }
    }

    /// Counts one refusal.
    pub fn count(counter: &Counter) {
        counter.inc();
    }
}

/// The topic quotas: levels and bytes of a topic name or filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicLimits {
    /// Most levels.
    pub max_levels: usize,
    /// Most bytes.
    pub max_bytes: usize,
}

impl TopicLimits {
    /// Why `topic` (a name or the filter without `$share/{group}/`) is beyond
    /// the limits, if it is.
    pub fn check(&self, topic: &str) -> Result<(), String> {
        if topic.len() > self.max_bytes {
            return Err(format!(
                "{} bytes exceed quotas.max_topic_bytes ({})",
                topic.len(),
                self.max_bytes
            ));
        }
        let levels = topic.split('/').count();
        if levels > self.max_levels {
            return Err(format!(
                "{levels} levels exceed quotas.max_topic_levels ({})",
                self.max_levels
            ));
        }
        Ok(())
    }
}

/// Why a connection was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ConnectionRefused {
    /// `quotas.max_connections` clients are connected (CONNACK 0x89 Server busy).
    #[error("quotas.max_connections ({0}) clients are connected")]
    Total(usize),
    /// The authentication name has `quotas.max_connections_per_authentication_name`
    /// connections (CONNACK 0x97 Quota exceeded).
    #[error("quotas.max_connections_per_authentication_name ({0}) reached for this name")]
    PerName(usize),
}

/// Connected clients, in all and per authentication name.
#[derive(Debug, Default)]
pub struct ConnectionCounts {
    total: AtomicUsize,
    /// Lower-cased authentication name → connections (names are
    /// case-insensitive, as in Event Grid); entries at zero are removed.
    by_name: Mutex<HashMap<Box<str>, usize>>,
}

/// A connection's place in [`ConnectionCounts`], given back when dropped
/// (so also when the connection's task unwinds).
#[derive(Debug)]
pub struct ConnectionPermit {
    counts: Arc<ConnectionCounts>,
    name: Box<str>,
}

impl ConnectionCounts {
    /// Admits one more connection of `name` within the limits.
    pub fn admit(
        self: &Arc<Self>,
        name: &str,
        max_total: usize,
        max_per_name: usize,
    ) -> Result<ConnectionPermit, ConnectionRefused> {
        let name: Box<str> = name.to_lowercase().into();
        let mut by_name = self.by_name.lock();
        let total = self.total.load(Ordering::Relaxed);
        if total >= max_total {
            return Err(ConnectionRefused::Total(max_total));
        }
        let of_name = by_name.entry(name.clone()).or_insert(0);
        if *of_name >= max_per_name {
            if *of_name == 0 {
                by_name.remove(&name);
            }
            return Err(ConnectionRefused::PerName(max_per_name));
        }
        *of_name += 1;
        self.total.store(total + 1, Ordering::Relaxed);
        Ok(ConnectionPermit {
            counts: self.clone(),
            name,
        })
    }

    /// Connected clients now.
    pub fn total(&self) -> usize {
        self.total.load(Ordering::Relaxed)
    }
}

impl Drop for ConnectionPermit {
    fn drop(&mut self) {
        let mut by_name = self.counts.by_name.lock();
        if let Some(n) = by_name.get_mut(&self.name) {
            *n -= 1;
            if *n == 0 {
                by_name.remove(&self.name);
            }
        }
        self.counts.total.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permits_count_per_name_case_insensitively_and_in_all() {
        let counts = Arc::new(ConnectionCounts::default());
        let a = counts.admit("Alice", 3, 2).unwrap();
        let _b = counts.admit("alice", 3, 2).unwrap();
        assert_eq!(
            counts.admit("ALICE", 3, 2).unwrap_err(),
            ConnectionRefused::PerName(2)
        );
        let _c = counts.admit("bob", 3, 2).unwrap();
        assert_eq!(
            counts.admit("carol", 3, 2).unwrap_err(),
            ConnectionRefused::Total(3)
        );
        drop(a);
        assert_eq!(counts.total(), 2);
        let _d = counts.admit("alice", 3, 2).unwrap();
        assert_eq!(counts.by_name.lock().get("alice"), Some(&2));
    }

    #[test]
    fn topic_limits_name_the_rule() {
        let limits = TopicLimits {
            max_levels: 3,
            max_bytes: 10,
        };
        assert!(limits.check("a/b/c").is_ok());
        assert!(limits
            .check("a/b/c/d")
            .unwrap_err()
            .contains("max_topic_levels"));
        assert!(limits
            .check("abcdefghijk")
            .unwrap_err()
            .contains("max_topic_bytes"));
    }
}
