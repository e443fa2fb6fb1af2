//! The stream of reported messages (responses on the response topics), newest
//! first and bounded: the oldest are dropped past [`ReportedLog::capacity`].

use std::collections::VecDeque;
use std::rc::Rc;

/// Longest payload text kept per message (longer ones are cut, with a note).
pub const MAX_PAYLOAD_CHARS: usize = 4096;

/// One message as the Reported view shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportedMessage {
    /// Sequence number: the row's key.
    pub seq: u64,
    /// Topic name.
    pub topic: String,
    /// The device the topic names, if it follows `…devices/{id}/reported`.
    pub device: Option<String>,
    /// Correlation Data, as text.
    pub correlation: Option<String>,
    /// User properties.
    pub user_properties: Vec<(String, String)>,
    /// Content Type property.
    pub content_type: Option<String>,
    /// Payload as text (lossy UTF-8, cut at [`MAX_PAYLOAD_CHARS`]).
    pub payload: String,
    /// When it arrived (ms since the epoch).
    pub received_at_ms: f64,
    /// The request it answered, if any.
    pub request_seq: Option<u64>,
}

/// Default number of messages kept.
pub const DEFAULT_CAPACITY: usize = 200;

/// Reported messages, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportedLog {
    rows: VecDeque<Rc<ReportedMessage>>,
    capacity: usize,
    next_seq: u64,
    total: u64,
}

impl Default for ReportedLog {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl ReportedLog {
    /// An empty log keeping at most `capacity` messages (at least 1).
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            rows: VecDeque::new(),
            capacity: capacity.max(1),
            next_seq: 1,
            total: 0,
        }
    }

    /// The maximum number of messages kept.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Messages, newest first.
    pub fn iter(&self) -> impl Iterator<Item = &Rc<ReportedMessage>> {
        self.rows.iter()
    }

    /// Number of messages kept.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Messages received in total (kept or not).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Adds a message (its `seq` is assigned here) and drops the oldest past capacity.
    pub fn push(&mut self, mut msg: ReportedMessage) {
        msg.seq = self.next_seq;
        self.next_seq += 1;
        self.total += 1;
        if msg.payload.chars().count() > MAX_PAYLOAD_CHARS {
            let cut: String = msg.payload.chars().take(MAX_PAYLOAD_CHARS).collect();
            msg.payload = format!("{cut}… (cut)");
        }
        self.rows.push_front(Rc::new(msg));
        self.rows.truncate(self.capacity);
    }

    /// Forgets every message.
    pub fn clear(&mut self) {
        self.rows.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(topic: &str) -> ReportedMessage {
        ReportedMessage {
            seq: 0,
            topic: topic.into(),
            device: None,
            correlation: None,
            user_properties: vec![],
            content_type: None,
            payload: "{}".into(),
            received_at_ms: 0.0,
            request_seq: None,
        }
    }

    #[test]
    fn newest_first_and_bounded() {
        let mut log = ReportedLog::with_capacity(3);
        for i in 0..5 {
            log.push(msg(&format!("t{i}")));
        }
        let topics: Vec<&str> = log.iter().map(|m| m.topic.as_str()).collect();
        assert_eq!(topics, vec!["t4", "t3", "t2"]);
        assert_eq!(log.total(), 5);
        let seqs: Vec<u64> = log.iter().map(|m| m.seq).collect();
        assert_eq!(seqs, vec![5, 4, 3]);
    }

    #[test]
    fn long_payloads_are_cut() {
        let mut log = ReportedLog::default();
        let mut m = msg("t");
        m.payload = "x".repeat(MAX_PAYLOAD_CHARS + 10);
        log.push(m);
        assert!(log.iter().next().unwrap().payload.ends_with("… (cut)"));
    }
}
