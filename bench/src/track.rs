//! Counting what a subscriber received: unique messages, duplicates and
//! reordering per publisher, and latency in an HDR histogram.

use crate::payload;
use hdrhistogram::Histogram;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What one publisher's messages looked like at one subscriber.
#[derive(Debug, Default, Clone)]
struct PerPublisher {
    seen: Vec<u64>,
    unique: u64,
    max_seq: Option<u64>,
}

/// Received-message bookkeeping of one subscriber (or several, merged).
#[derive(Debug, Clone)]
pub struct Tracker {
    publishers: Vec<PerPublisher>,
    /// Latency from the stamped time to receipt, nanoseconds.
    pub latency: Histogram<u64>,
    /// Messages received, duplicates included.
    pub received: u64,
    /// Messages received again (same publisher and sequence).
    pub duplicates: u64,
    /// Messages received after a later one of the same publisher.
    pub reordered: u64,
    /// Payloads that carried no header (not from this run).
    pub foreign: u64,
    /// When the last message arrived (run clock, ns).
    pub last_ns: u64,
    /// Shared progress counter, read while the run drains.
    pub progress: Arc<AtomicU64>,
    merged_unique: u64,
}

impl Default for Tracker {
    fn default() -> Self {
        Self::new(Arc::new(AtomicU64::new(0)))
    }
}

impl Tracker {
    /// A tracker that also counts receipts into `progress`.
    pub fn new(progress: Arc<AtomicU64>) -> Self {
        Self {
            publishers: Vec::new(),
            latency: new_histogram(),
            received: 0,
            duplicates: 0,
            reordered: 0,
            foreign: 0,
            last_ns: 0,
            progress,
            merged_unique: 0,
        }
    }

    /// Records one received payload at `now_ns`.
    pub fn record(&mut self, body: &[u8], now_ns: u64) {
        self.received += 1;
        self.last_ns = now_ns;
        self.progress.fetch_add(1, Ordering::Relaxed);
        let Some((publisher, seq, at)) = payload::read(body) else {
            self.foreign += 1;
            return;
        };
        let p = publisher as usize;
        if self.publishers.len() <= p {
            self.publishers.resize(p + 1, PerPublisher::default());
        }
        let track = &mut self.publishers[p];
        let (word, bit) = ((seq / 64) as usize, seq % 64);
        if track.seen.len() <= word {
            track.seen.resize(word + 1, 0);
        }
        if track.seen[word] & (1 << bit) != 0 {
            self.duplicates += 1;
            return;
        }
        track.seen[word] |= 1 << bit;
        track.unique += 1;
        match track.max_seq {
            Some(max) if seq < max => self.reordered += 1,
            _ => track.max_seq = Some(seq),
        }
        let _ = self.latency.record(now_ns.saturating_sub(at).max(1));
    }

    /// Distinct messages received.
    pub fn unique(&self) -> u64 {
        self.merged_unique + self.publishers.iter().map(|p| p.unique).sum::<u64>()
    }

    /// Adds another subscriber's counts to these (per-publisher state is not merged:
    /// each subscriber is judged on its own).
    pub fn merge(&mut self, other: &Tracker) {
        self.received += other.received;
        self.duplicates += other.duplicates;
        self.reordered += other.reordered;
        self.foreign += other.foreign;
        self.last_ns = self.last_ns.max(other.last_ns);
        let _ = self.latency.add(&other.latency);
        self.merged_unique += other.unique();
    }
}

/// A latency histogram: 1 ns to 100 s at 3 significant figures.
pub fn new_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 100_000_000_000, 3).expect("valid histogram bounds")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(publisher: u32, seq: u64) -> Vec<u8> {
        let mut p = payload::template(32);
        payload::stamp(&mut p, publisher, seq, 10);
        p
    }

    #[test]
    fn counts_duplicates_and_reordering_per_publisher() {
        let mut t = Tracker::default();
        for (p, s) in [(0, 0), (1, 0), (0, 2), (0, 1), (0, 2), (1, 1)] {
            t.record(&msg(p, s), 100);
        }
        assert_eq!(t.received, 6);
        assert_eq!(t.unique(), 5);
        assert_eq!(t.duplicates, 1);
        assert_eq!(t.reordered, 1);
        t.record(b"short", 100);
        assert_eq!(t.foreign, 1);
    }
}
