//! Rate limits on failed authentication, per source address and per
//! authentication name (the User Name of the CONNECT).
//!
//! Each key has a token bucket holding up to a minute's allowance of
//! failures, refilled continuously. While a key's bucket is empty, CONNECTs
//! from it are refused at once with Connection rate exceeded (0x9F; 3.1.1:
//! Server unavailable), before any credential is checked — so a password
//! guesser gets neither answers nor argon2 CPU time. Memory is bounded: at
//! most [`MAX_TRACKED`] keys of each kind are remembered, recovered buckets
//! are forgotten first, and beyond that new keys are not tracked (the other
//! kind of key still limits them).

use parking_lot::Mutex;
use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::time::Instant;

/// Keys remembered per kind (addresses, names).
pub const MAX_TRACKED: usize = 10_000;

/// Which limit refused an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RateLimited {
    /// `access.failed_auth_per_address_per_minute` failures from this address.
    #[error("too many failed authentications from this address (access.failed_auth_per_address_per_minute)")]
    Address,
    /// `access.failed_auth_per_name_per_minute` failures for this name.
    #[error(
        "too many failed authentications for this name (access.failed_auth_per_name_per_minute)"
    )]
    Name,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

#[derive(Debug)]
struct Buckets<K> {
    /// Failures allowed per minute (and the bucket's size); 0: no limit.
    per_minute: u32,
    map: HashMap<K, Bucket>,
}

impl<K: Hash + Eq + Clone> Buckets<K> {
    fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            map: HashMap::new(),
        }
    }

    fn level(&self, bucket: Bucket, now: Instant) -> f64 {
        let rate = f64::from(self.per_minute) / 60.0;
        let refilled =
            bucket.tokens + now.saturating_duration_since(bucket.at).as_secs_f64() * rate;
        refilled.min(f64::from(self.per_minute))
    }

    fn allows(&self, key: &K, now: Instant) -> bool {
        self.per_minute == 0 || self.map.get(key).is_none_or(|b| self.level(*b, now) >= 1.0)
    }

    fn record(&mut self, key: &K, now: Instant) {
        if self.per_minute == 0 {
            return;
        }
        if !self.map.contains_key(key) && self.map.len() >= MAX_TRACKED {
            let full = f64::from(self.per_minute);
            let map = std::mem::take(&mut self.map);
            self.map = map
                .into_iter()
                .filter(|(_, b)| self.level(*b, now) < full)
                .collect();
            if self.map.len() >= MAX_TRACKED {
                return;
            }
        }
        let full = Bucket {
            tokens: f64::from(self.per_minute),
            at: now,
        };
        let current = self.map.get(key).copied().unwrap_or(full);
        let tokens = (self.level(current, now) - 1.0).max(0.0);
        self.map.insert(key.clone(), Bucket { tokens, at: now });
    }
}

/// The failed-authentication limits of one broker.
#[derive(Debug)]
pub struct FailedAuthLimiter {
    by_address: Mutex<Buckets<IpAddr>>,
    by_name: Mutex<Buckets<Box<str>>>,
}

impl FailedAuthLimiter {
    /// Limits of `per_address` and `per_name` failures a minute (0: none).
    pub fn new(per_address: u32, per_name: u32) -> Self {
        Self {
            by_address: Mutex::new(Buckets::new(per_address)),
            by_name: Mutex::new(Buckets::new(per_name)),
        }
    }

    /// Whether an attempt from `address` for `name` may be checked now.
    pub fn check(&self, address: IpAddr, name: Option<&str>) -> Result<(), RateLimited> {
        let now = Instant::now();
        if !self.by_address.lock().allows(&address, now) {
            return Err(RateLimited::Address);
        }
        if let Some(name) = name {
            let key: Box<str> = name.to_lowercase().into();
            if !self.by_name.lock().allows(&key, now) {
                return Err(RateLimited::Name);
            }
        }
        Ok(())
    }

    /// Records a failed authentication from `address` for `name`.
    pub fn record_failure(&self, address: IpAddr, name: Option<&str>) {
        let now = Instant::now();
        self.by_address.lock().record(&address, now);
        if let Some(name) = name {
            let key: Box<str> = name.to_lowercase().into();
            self.by_name.lock().record(&key, now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_empties_with_failures_and_refills_with_time() {
        let mut buckets = Buckets::new(3);
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(buckets.allows(&"k", t0));
            buckets.record(&"k", t0);
        }
        assert!(!buckets.allows(&"k", t0));
        assert!(buckets.allows(&"other", t0));
        // One failure's worth comes back every 20 s at 3 a minute.
        assert!(!buckets.allows(&"k", t0 + Duration::from_secs(19)));
        assert!(buckets.allows(&"k", t0 + Duration::from_secs(20)));
    }

    #[test]
    fn tracking_is_bounded_and_forgets_recovered_keys_first() {
        let mut buckets = Buckets::new(1);
        let t0 = Instant::now();
        for k in 0..MAX_TRACKED {
            buckets.record(&k, t0);
        }
        // All are empty: a new key is not tracked.
        buckets.record(&usize::MAX, t0);
        assert_eq!(buckets.map.len(), MAX_TRACKED);
        assert!(buckets.allows(&usize::MAX, t0));
        // A minute later all recovered: they make room.
        let later = t0 + Duration::from_secs(61);
        buckets.record(&usize::MAX, later);
        assert_eq!(buckets.map.len(), 1);
        assert!(!buckets.allows(&usize::MAX, later));
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = FailedAuthLimiter::new(0, 0);
        let ip: IpAddr = [127, 0, 0, 1].into();
        for _ in 0..100 {
            limiter.record_failure(ip, Some("x"));
        }
        assert!(limiter.check(ip, Some("x")).is_ok());
    }
}
