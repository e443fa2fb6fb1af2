//! The payload every generated message carries: who sent it, its sequence
//! number and when it was (scheduled to be) sent.
//!
//! Loss, duplicates and reordering are counted per publisher from the sequence
//! numbers; latency is the receive time minus the stamped time. All clients of
//! a run live in one process, so one monotonic clock ([`now_ns`]) is shared.

use std::sync::OnceLock;
use std::time::Instant;

/// Bytes used by the header: publisher id (4), sequence (8), timestamp (8).
pub const HEADER: usize = 20;

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// Nanoseconds on the run's monotonic clock.
pub fn now_ns() -> u64 {
    epoch().elapsed().as_nanos() as u64
}

/// The run's clock reading `at` as nanoseconds.
pub fn instant_ns(at: Instant) -> u64 {
    at.saturating_duration_since(epoch()).as_nanos() as u64
}

/// A payload template of `size` bytes (at least [`HEADER`]).
pub fn template(size: usize) -> Vec<u8> {
    let mut v = vec![b'x'; size.max(HEADER)];
    v[..HEADER].fill(0);
    v
}

/// Writes the header into a payload from [`template`].
pub fn stamp(payload: &mut [u8], publisher: u32, seq: u64, at_ns: u64) {
    payload[0..4].copy_from_slice(&publisher.to_le_bytes());
    payload[4..12].copy_from_slice(&seq.to_le_bytes());
    payload[12..20].copy_from_slice(&at_ns.to_le_bytes());
}

/// Reads `(publisher, seq, at_ns)` back, or `None` for a foreign payload.
pub fn read(payload: &[u8]) -> Option<(u32, u64, u64)> {
    if payload.len() < HEADER {
        return None;
    }
    let publisher = u32::from_le_bytes(payload[0..4].try_into().ok()?);
    let seq = u64::from_le_bytes(payload[4..12].try_into().ok()?);
    let at = u64::from_le_bytes(payload[12..20].try_into().ok()?);
    Some((publisher, seq, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_back() {
        let mut p = template(64);
        stamp(&mut p, 3, 99, 12345);
        assert_eq!(p.len(), 64);
        assert_eq!(read(&p), Some((3, 99, 12345)));
        assert_eq!(template(5).len(), HEADER);
    }
}
