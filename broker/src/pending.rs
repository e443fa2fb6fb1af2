//! The cap on sockets that have not finished CONNECT, shared by every listener.
//!
//! A socket costs the broker memory from the moment it is accepted (a TLS
//! handshake, an HTTP request, a WebSocket frame, a partial CONNECT), while
//! only a client that has connected has been authenticated. So every listener
//! takes a [`PendingSlot`] for each socket it accepts, before anything is read,
//! and closes the socket at once when none is left (counted and logged at
//! debug). The connection gives the slot back when it sends its CONNACK, or when
//! it ends without one; an HTTP connection that never becomes MQTT over
//! WebSocket holds its slot until it closes.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

/// How many sockets are pending, and the cap.
#[derive(Debug)]
pub struct PendingLimit {
    /// The cap; 0 means none.
    max: usize,
    /// Sockets holding a slot.
    pending: AtomicUsize,
    /// Sockets closed because the cap was reached.
    refused: AtomicU64,
}

impl PendingLimit {
    /// A limit of `max` pending sockets (0: no cap).
    pub fn new(max: usize) -> Arc<Self> {
        Arc::new(Self {
            max,
            pending: AtomicUsize::new(0),
            refused: AtomicU64::new(0),
        })
    }

    /// No cap (slots are still counted).
    pub fn unlimited() -> Arc<Self> {
        Self::new(0)
    }

    /// A slot for a newly accepted socket, or `None` (counted as refused) when
    /// the cap is reached.
    pub fn try_acquire(self: &Arc<Self>) -> Option<PendingSlot> {
        let taken = self
            .pending
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (self.max == 0 || n < self.max).then_some(n + 1)
            });
        match taken {
            Ok(_) => Some(PendingSlot {
                limit: Some(self.clone()),
            }),
            Err(_) => {
                self.refused.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// Sockets currently holding a slot.
    pub fn pending(&self) -> usize {
        self.pending.load(Ordering::Acquire)
    }

    /// Sockets closed so far because the cap was reached.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }
}

/// One socket's place among the pending ones; given back by [`PendingSlot::release`]
/// or on drop.
#[derive(Debug, Default)]
pub struct PendingSlot {
    limit: Option<Arc<PendingLimit>>,
}

impl PendingSlot {
    /// A slot that counts against no limit (for streams that did not come
    /// through a listener, e.g. in tests).
    pub fn none() -> Self {
        Self::default()
    }

    /// Gives the slot back (once; later calls do nothing).
    pub fn release(&mut self) {
        if let Some(limit) = self.limit.take() {
            limit.pending.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

impl Drop for PendingSlot {
    fn drop(&mut self) {
        self.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_capped_and_given_back() {
        let limit = PendingLimit::new(2);
        let mut a = limit.try_acquire().expect("first");
        let _b = limit.try_acquire().expect("second");
        assert!(limit.try_acquire().is_none());
        assert_eq!((limit.pending(), limit.refused()), (2, 1));
        a.release();
        a.release();
        assert_eq!(limit.pending(), 1);
        let c = limit.try_acquire().expect("freed by release");
        drop(c);
        assert_eq!(limit.pending(), 1);
        let unlimited = PendingLimit::unlimited();
        let many: Vec<_> = (0..10).filter_map(|_| unlimited.try_acquire()).collect();
        assert_eq!(many.len(), 10);
    }
}
