//! The request table: every desired-property command the dashboard sent, and
//! what became of it — pending, answered (with its round-trip time), timed
//! out, or refused.
//!
//! Responses are matched by Correlation Data alone, so they may arrive in any
//! order and from any number of devices; a response that comes after its
//! request timed out is still recorded, marked late. The table is bounded:
//! past [`RequestTable::capacity`] the oldest finished requests are dropped.
//!
//! The rows and the correlation index sit behind their own `Rc`s, so cloning
//! the table (every state the reducer makes keeps the previous one) copies
//! pointers; a response copies the row list's pointers and its one row, and
//! leaves the index shared (only a new request changes it); a change that
//! changes nothing (a duplicate response, a second PUBACK) copies nothing.

use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

/// Where a request is in its life.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestStatus {
    /// Waiting for the SUBACK of its response topic (seed 004: subscribe first).
    Subscribing,
    /// Published, waiting for the response.
    Pending,
    /// The response arrived.
    Answered {
        /// Milliseconds from PUBLISH to response.
        rtt_ms: f64,
        /// The response arrived after the request had timed out.
        late: bool,
    },
    /// No response within the timeout.
    TimedOut,
    /// The broker refused it (PUBACK/SUBACK reason) or it could not be sent.
    Failed(String),
}

impl RequestStatus {
    /// Whether nothing more is expected for this request (it may be evicted).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            RequestStatus::Answered { .. } | RequestStatus::Failed(_)
        )
    }
}

/// A device's response to a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The topic it arrived on.
    pub topic: String,
    /// The payload (the device's full state as JSON).
    pub payload: String,
    /// User property `firmware`, if any.
    pub firmware: Option<String>,
    /// User property `error` (the device refused the request), if any.
    pub error: Option<String>,
    /// When it arrived (ms since the epoch).
    pub received_at_ms: f64,
}

/// One command.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Sequence number: the row's key.
    pub seq: u64,
    /// The device it was sent to.
    pub device: String,
    /// Its Correlation Data (as text: the dashboard generates printable ones).
    pub correlation: String,
    /// Its Response Topic.
    pub response_topic: String,
    /// The desired properties sent.
    pub payload: String,
    /// When it was created (ms since the epoch).
    pub created_at_ms: f64,
    /// When it was published (ms since the epoch); `None` while subscribing.
    pub sent_at_ms: Option<f64>,
    /// How long to wait for the response.
    pub timeout_ms: f64,
    /// Where it is.
    pub status: RequestStatus,
    /// The response, once it arrived.
    pub response: Option<Response>,
}

impl Request {
    /// Whether it is pending and its time is up at `now_ms`.
    pub fn is_due(&self, now_ms: f64) -> bool {
        matches!(self.status, RequestStatus::Pending)
            && self
                .sent_at_ms
                .is_some_and(|sent| now_ms - sent >= self.timeout_ms)
    }
}

/// Default number of requests kept.
pub const DEFAULT_CAPACITY: usize = 500;

/// Requests, newest first, with an index by correlation data.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestTable {
    /// Newest first.
    rows: Rc<VecDeque<Rc<Request>>>,
    /// Correlation data → sequence number.
    by_correlation: Rc<HashMap<String, u64>>,
    /// At most this many rows are kept.
    capacity: usize,
    /// Responses whose correlation data matched no request we know.
    unmatched: u64,
}

impl Default for RequestTable {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl RequestTable {
    /// An empty table keeping at most `capacity` requests (at least 1).
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            rows: Rc::default(),
            by_correlation: Rc::default(),
            capacity: capacity.max(1),
            unmatched: 0,
        }
    }

    /// The maximum number of requests kept.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The requests, newest first.
    pub fn iter(&self) -> impl Iterator<Item = &Rc<Request>> {
        self.rows.iter()
    }

    /// Number of requests kept.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no request is kept.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Responses that matched no known request (foreign or evicted correlation data).
    pub fn unmatched(&self) -> u64 {
        self.unmatched
    }

    /// The request with this correlation data.
    pub fn get(&self, correlation: &str) -> Option<&Rc<Request>> {
        let seq = *self.by_correlation.get(correlation)?;
        self.rows.iter().find(|r| r.seq == seq)
    }

    /// Adds a new request (newest first), evicting the oldest if full.
    ///
    /// Eviction prefers finished requests; if every row is still open, the
    /// oldest one goes anyway (the table stays bounded).
    pub fn insert(&mut self, request: Request) {
        let index = Rc::make_mut(&mut self.by_correlation);
        let rows = Rc::make_mut(&mut self.rows);
        index.insert(request.correlation.clone(), request.seq);
        rows.push_front(Rc::new(request));
        while rows.len() > self.capacity {
            let victim = rows
                .iter()
                .rposition(|r| r.status.is_final() || r.status == RequestStatus::TimedOut)
                .unwrap_or(rows.len() - 1);
            if let Some(r) = rows.remove(victim) {
                index.remove(&r.correlation);
            }
        }
    }

    /// Changes the request with this correlation data with `f` if `changes`
    /// says `f` would change it (else copies nothing); returns whether the
    /// request is known.
    fn update(
        &mut self,
        correlation: &str,
        changes: impl FnOnce(&Request) -> bool,
        f: impl FnOnce(&mut Request),
    ) -> bool {
        let Some(&seq) = self.by_correlation.get(correlation) else {
            return false;
        };
        let Some(i) = self.rows.iter().position(|r| r.seq == seq) else {
            return false;
        };
        if changes(&self.rows[i]) {
            f(Rc::make_mut(&mut Rc::make_mut(&mut self.rows)[i]));
        }
        true
    }

    /// The request was published at `now_ms`: it is pending from then on.
    pub fn mark_published(&mut self, correlation: &str, now_ms: f64) -> bool {
        self.update(
            correlation,
            |r| matches!(r.status, RequestStatus::Subscribing),
            |r| {
                r.status = RequestStatus::Pending;
                r.sent_at_ms = Some(now_ms);
            },
        )
    }

    /// The request failed for `reason` (a refusal by the broker, a send error).
    /// An answered request stays answered.
    pub fn mark_failed(&mut self, correlation: &str, reason: String) -> bool {
        self.update(
            correlation,
            |r| !matches!(r.status, RequestStatus::Answered { .. }),
            |r| r.status = RequestStatus::Failed(reason),
        )
    }

    /// Records a response with this correlation data; returns the request's
    /// sequence number, or `None` if no known request has it.
    ///
    /// The first response wins: a duplicate (QoS 1 redelivery) does not change the
    /// round-trip time.
    pub fn answer(&mut self, correlation: &str, response: Response) -> Option<u64> {
        let seq = self.by_correlation.get(correlation).copied();
        let found = self.update(
            correlation,
            |r| !matches!(r.status, RequestStatus::Answered { .. }),
            |r| {
                let late = matches!(r.status, RequestStatus::TimedOut);
                let sent = r.sent_at_ms.unwrap_or(r.created_at_ms);
                r.status = RequestStatus::Answered {
                    rtt_ms: (response.received_at_ms - sent).max(0.0),
                    late,
                };
                r.response = Some(response);
            },
        );
        if found {
            seq
        } else {
            self.unmatched += 1;
            None
        }
    }

    /// Marks pending requests whose time is up at `now_ms`; returns how many.
    pub fn expire(&mut self, now_ms: f64) -> usize {
        if !self.any_due(now_ms) {
            return 0;
        }
        let mut n = 0;
        for row in Rc::make_mut(&mut self.rows).iter_mut() {
            if row.is_due(now_ms) {
                Rc::make_mut(row).status = RequestStatus::TimedOut;
                n += 1;
            }
        }
        n
    }

    /// Whether a pending request's time is up at `now_ms`.
    pub fn any_due(&self, now_ms: f64) -> bool {
        self.rows.iter().any(|r| r.is_due(now_ms))
    }

    /// Counts of (open, answered, timed out, failed) requests.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for r in self.rows.iter() {
            match r.status {
                RequestStatus::Subscribing | RequestStatus::Pending => c.0 += 1,
                RequestStatus::Answered { .. } => c.1 += 1,
                RequestStatus::TimedOut => c.2 += 1,
                RequestStatus::Failed(_) => c.3 += 1,
            }
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(seq: u64, device: &str, now: f64) -> Request {
        Request {
            seq,
            device: device.into(),
            correlation: format!("c-{seq}"),
            response_topic: format!("devices/{device}/reported"),
            payload: "{}".into(),
            created_at_ms: now,
            sent_at_ms: Some(now),
            timeout_ms: 10_000.0,
            status: RequestStatus::Pending,
            response: None,
        }
    }

    fn response(device: &str, at: f64) -> Response {
        Response {
            topic: format!("devices/{device}/reported"),
            payload: "{\"$version\":2}".into(),
            firmware: Some("1.0".into()),
            error: None,
            received_at_ms: at,
        }
    }

    #[test]
    fn out_of_order_responses_from_several_devices_match_by_correlation() {
        let mut t = RequestTable::default();
        t.insert(request(1, "d1", 1000.0));
        t.insert(request(2, "d2", 1100.0));
        t.insert(request(3, "d1", 1200.0));
        // Answers arrive 3, 1, 2.
        assert_eq!(t.answer("c-3", response("d1", 1250.0)), Some(3));
        assert_eq!(t.answer("c-1", response("d1", 1400.0)), Some(1));
        assert_eq!(t.answer("c-2", response("d2", 1150.0)), Some(2));
        let rtt = |c: &str| match t.get(c).unwrap().status {
            RequestStatus::Answered { rtt_ms, late } => (rtt_ms, late),
            ref s => panic!("{c}: {s:?}"),
        };
        assert_eq!(rtt("c-1"), (400.0, false));
        assert_eq!(rtt("c-2"), (50.0, false));
        assert_eq!(rtt("c-3"), (50.0, false));
        assert_eq!(
            t.get("c-2").unwrap().response.as_ref().unwrap().topic,
            "devices/d2/reported"
        );
        assert_eq!(t.unmatched(), 0);
        // Newest first.
        let seqs: Vec<u64> = t.iter().map(|r| r.seq).collect();
        assert_eq!(seqs, vec![3, 2, 1]);
    }

    #[test]
    fn unknown_correlation_is_counted_not_matched() {
        let mut t = RequestTable::default();
        t.insert(request(1, "d1", 0.0));
        assert_eq!(t.answer("other", response("d1", 5.0)), None);
        assert_eq!(t.unmatched(), 1);
        assert_eq!(t.get("c-1").unwrap().status, RequestStatus::Pending);
    }

    #[test]
    fn timeout_then_late_answer() {
        let mut t = RequestTable::default();
        t.insert(request(1, "d1", 0.0));
        t.insert(request(2, "d1", 5_000.0));
        assert_eq!(t.expire(9_999.0), 0);
        assert_eq!(t.expire(10_000.0), 1);
        assert_eq!(t.get("c-1").unwrap().status, RequestStatus::TimedOut);
        assert_eq!(t.get("c-2").unwrap().status, RequestStatus::Pending);
        assert_eq!(t.expire(10_001.0), 0, "expiring twice counts once");
        t.answer("c-1", response("d1", 12_000.0));
        assert_eq!(
            t.get("c-1").unwrap().status,
            RequestStatus::Answered {
                rtt_ms: 12_000.0,
                late: true
            }
        );
        assert_eq!(t.counts(), (1, 1, 0, 0));
    }

    #[test]
    fn duplicate_response_keeps_first_rtt() {
        let mut t = RequestTable::default();
        t.insert(request(1, "d1", 0.0));
        t.answer("c-1", response("d1", 10.0));
        t.answer("c-1", response("d1", 99.0));
        assert_eq!(
            t.get("c-1").unwrap().status,
            RequestStatus::Answered {
                rtt_ms: 10.0,
                late: false
            }
        );
    }

    #[test]
    fn subscribing_requests_do_not_time_out_until_published() {
        let mut t = RequestTable::default();
        let mut r = request(1, "d1", 0.0);
        r.status = RequestStatus::Subscribing;
        r.sent_at_ms = None;
        t.insert(r);
        assert_eq!(t.expire(1e9), 0);
        assert!(t.mark_published("c-1", 500.0));
        assert_eq!(t.expire(10_499.0), 0);
        assert_eq!(t.expire(10_500.0), 1);
    }

    #[test]
    fn failures_do_not_override_answers() {
        let mut t = RequestTable::default();
        t.insert(request(1, "d1", 0.0));
        t.insert(request(2, "d1", 0.0));
        t.answer("c-1", response("d1", 1.0));
        t.mark_failed("c-1", "late PUBACK".into());
        t.mark_failed("c-2", "not authorized".into());
        assert!(matches!(
            t.get("c-1").unwrap().status,
            RequestStatus::Answered { .. }
        ));
        assert_eq!(
            t.get("c-2").unwrap().status,
            RequestStatus::Failed("not authorized".into())
        );
        assert!(!t.mark_failed("nope", "x".into()));
    }

    #[test]
    fn bounded_evicting_finished_first() {
        let mut t = RequestTable::with_capacity(3);
        t.insert(request(1, "d", 0.0)); // stays pending
        t.insert(request(2, "d", 0.0));
        t.answer("c-2", response("d", 1.0));
        t.insert(request(3, "d", 0.0));
        t.insert(request(4, "d", 0.0));
        assert_eq!(t.len(), 3);
        assert!(t.get("c-2").is_none(), "the answered one was evicted");
        assert!(t.get("c-1").is_some(), "the open one was kept");
        // All open: the oldest goes.
        t.insert(request(5, "d", 0.0));
        assert_eq!(t.len(), 3);
        assert!(t.get("c-1").is_none());
        assert_eq!(t.answer("c-1", response("d", 2.0)), None);
    }

    #[test]
    fn a_response_copies_one_row_and_shares_the_index_and_the_others() {
        let mut before = RequestTable::default();
        for i in 1..=3 {
            before.insert(request(i, "d1", 0.0));
        }
        let mut after = before.clone();
        after.answer("c-2", response("d1", 5.0));
        assert!(Rc::ptr_eq(&before.by_correlation, &after.by_correlation));
        assert!(Rc::ptr_eq(
            before.get("c-1").unwrap(),
            after.get("c-1").unwrap()
        ));
        assert!(!Rc::ptr_eq(
            before.get("c-2").unwrap(),
            after.get("c-2").unwrap()
        ));
        assert_eq!(
            before.get("c-2").unwrap().status,
            RequestStatus::Pending,
            "the old state is intact"
        );
        // Nothing to change: nothing copied (a duplicate answer, a PUBACK for
        // a published request, an unknown correlation, nothing due).
        let again = after.clone();
        after.answer("c-2", response("d1", 9.0));
        after.mark_published("c-1", 9.0);
        after.answer("nope", response("d1", 9.0));
        assert_eq!(after.expire(1.0), 0);
        assert!(Rc::ptr_eq(&again.rows, &after.rows));
        assert_eq!(after.unmatched(), 1);
    }
}
