//! Retained messages: the last retained PUBLISH of each topic [MQTT-3.3.1-5].
//!
//! Indexed by a topic trie ([`tern_topic::TopicMap`]), so a SUBSCRIBE visits
//! only the topics its filter can match, and bounded by quotas (count, total
//! bytes, bytes of one message). Messages with a Message Expiry wait in a
//! heap ordered by expiry, so purging costs what expired, not a scan.

use crate::message::Message;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;
use tern_topic::TopicMap;
use tokio::time::Instant;

/// The quotas of the retained store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetainedLimits {
    /// Retained messages in all.
    pub max_messages: usize,
    /// Bytes (topic and payload) of all retained messages.
    pub max_bytes: usize,
    /// Bytes (topic and payload) of one retained message.
    pub max_message_bytes: usize,
}

impl Default for RetainedLimits {
    fn default() -> Self {
        Self {
            max_messages: usize::MAX,
            max_bytes: usize::MAX,
            max_message_bytes: usize::MAX,
        }
    }
}

/// Why a retained message was not stored (PUBACK/PUBREC Quota exceeded, 0x97).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RetainRefused {
    /// The message alone is larger than `quotas.max_retained_message_bytes`.
    #[error(
        "retained message of {size} bytes exceeds quotas.max_retained_message_bytes ({limit})"
    )]
    MessageTooLarge {
        /// Topic and payload bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A new topic beyond `quotas.max_retained_messages`.
    #[error("retained messages are at quotas.max_retained_messages ({limit})")]
    TooManyMessages {
        /// The limit.
        limit: usize,
    },
    /// Beyond `quotas.max_retained_bytes`.
    #[error("retained messages would exceed quotas.max_retained_bytes ({limit})")]
    TooManyBytes {
        /// The limit.
        limit: usize,
    },
}

/// A stored message with the number that tells its expiry entry apart from
/// those of the messages it replaced.
#[derive(Debug)]
struct Entry {
    message: Arc<Message>,
    serial: u64,
}

/// The retained message of every topic that has one.
#[derive(Debug, Default)]
pub struct RetainedStore {
    by_topic: TopicMap<Entry>,
    /// Topic and payload bytes of every stored message.
    bytes: usize,
    /// (expiry, serial, topic) of stored messages with a Message Expiry; may
    /// hold stale entries of replaced messages, rebuilt when they dominate.
    expiries: BinaryHeap<Reverse<(Instant, u64, Arc<str>)>>,
    next_serial: u64,
    limits: RetainedLimits,
    /// LSN of the last journaled change (see `store::journal`): a snapshot
    /// of the store records where the journal stood for it.
    pub journal_lsn: u64,
}

/// Bytes a retained message counts for.
fn size_of(message: &Message) -> usize {
    message.topic.len() + message.payload_len()
}

impl RetainedStore {
    /// An empty store with these quotas.
    pub fn with_limits(limits: RetainedLimits) -> Self {
        Self {
            limits,
            ..Self::default()
        }
    }

    /// Stores, replaces or (empty payload) deletes the retained message of its topic
    /// [MQTT-3.3.1-6], [MQTT-3.3.1-7]. Returns whether anything changed; refuses
    /// a message beyond the quotas, changing nothing.
    pub fn apply(&mut self, message: &Arc<Message>) -> Result<bool, RetainRefused> {
        if message.payload_len() == 0 {
            let removed = self.by_topic.remove(&message.topic);
            if let Some(old) = &removed {
                self.bytes -= size_of(&old.message);
            }
            return Ok(removed.is_some());
        }
        let size = size_of(message);
        let limits = self.limits;
        if size > limits.max_message_bytes {
            return Err(RetainRefused::MessageTooLarge {
                size,
                limit: limits.max_message_bytes,
            });
        }
        let replaced = self
            .by_topic
            .get(&message.topic)
            .map(|e| size_of(&e.message));
        if replaced.is_none() && self.by_topic.len() >= limits.max_messages {
            return Err(RetainRefused::TooManyMessages {
                limit: limits.max_messages,
            });
        }
        if self.bytes - replaced.unwrap_or(0) + size > limits.max_bytes {
            return Err(RetainRefused::TooManyBytes {
                limit: limits.max_bytes,
            });
        }
        let serial = self.next_serial;
        self.next_serial += 1;
        self.by_topic.insert(
            &message.topic,
            Entry {
                message: message.clone(),
                serial,
            },
        );
        self.bytes = self.bytes - replaced.unwrap_or(0) + size;
        if let Some(at) = message.expires_at {
            self.expiries
                .push(Reverse((at, serial, message.topic.clone())));
            self.compact_expiries();
        }
        Ok(true)
    }

    /// Retained messages whose topic matches `filter`, skipping expired ones, at
    /// most `max_count` of them and about `max_bytes` of payload (one message
    /// always fits): what a SUBSCRIBE can take into a session's queue.
    pub fn matching(
        &self,
        filter: &str,
        now: Instant,
        max_count: usize,
        max_bytes: usize,
    ) -> Vec<Arc<Message>> {
        let mut found = Vec::new();
        let mut bytes = 0;
        self.by_topic.for_each_match(filter, |entry| {
            let message = &entry.message;
            if message.is_expired(now) {
                return true;
            }
            if found.len() >= max_count
                || (!found.is_empty() && bytes + message.payload_len() > max_bytes)
            {
                return false;
            }
            bytes += message.payload_len();
            found.push(message.clone());
            true
        });
        found
    }

    /// Drops expired messages; returns how many were dropped.
    pub fn purge_expired(&mut self, now: Instant) -> usize {
        let mut dropped = 0;
        while let Some(Reverse((at, serial, _))) = self.expiries.peek() {
            if *at > now {
                break;
            }
            let serial = *serial;
            let Some(Reverse((_, _, topic))) = self.expiries.pop() else {
                break;
            };
            if self
                .by_topic
                .get(&topic)
                .is_some_and(|e| e.serial == serial)
            {
                if let Some(old) = self.by_topic.remove(&topic) {
                    self.bytes -= size_of(&old.message);
                    dropped += 1;
                }
            }
        }
        dropped
    }

    /// Rebuilds the expiry heap from the stored messages once stale entries
    /// (of replaced or deleted messages) make up most of it, so it stays
    /// within a constant factor of the store's size.
    fn compact_expiries(&mut self) {
        if self.expiries.len() <= 2 * self.by_topic.len() + 64 {
            return;
        }
        let mut live = BinaryHeap::with_capacity(self.by_topic.len());
        for_each_entry(&self.by_topic, |entry| {
            if let Some(at) = entry.message.expires_at {
                live.push(Reverse((at, entry.serial, entry.message.topic.clone())));
            }
        });
        self.expiries = live;
    }

    /// Every retained message (for persistence).
    pub fn all(&self) -> Vec<Arc<Message>> {
        let mut all = Vec::with_capacity(self.by_topic.len());
        for_each_entry(&self.by_topic, |entry| all.push(entry.message.clone()));
        all
    }

    /// Number of retained messages.
    pub fn len(&self) -> usize {
        self.by_topic.len()
    }

    /// Topic and payload bytes of all retained messages.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

/// Calls `f` for every entry, `$` topics included.
fn for_each_entry(map: &TopicMap<Entry>, mut f: impl FnMut(&Entry)) {
    map.for_each_value(|entry| {
        f(entry);
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tern_protocol::mqtt::packet::Qos;
    use tern_protocol::mqtt::ArcPayload;

    fn message(topic: &str, payload: &str, expires_at: Option<Instant>) -> Arc<Message> {
        Arc::new(Message {
            topic: Arc::from(topic),
            payload: ArcPayload::new(Arc::from(payload.as_bytes()), 0, payload.len()),
            qos: Qos::AtMostOnce,
            retain: true,
            properties: Arc::from(Vec::new()),
            expires_at,
            publisher: Arc::from("p"),
            store: Default::default(),
        })
    }

    /// Expiry purges what expired, and a replaced message's old expiry never
    /// removes its replacement.
    #[test]
    fn purging_follows_the_expiry_of_the_current_message() {
        let now = Instant::now();
        let soon = now + Duration::from_secs(1);
        let later = now + Duration::from_secs(100);
        let mut store = RetainedStore::default();
        store.apply(&message("a", "1", Some(soon))).unwrap();
        store.apply(&message("b", "1", Some(soon))).unwrap();
        store.apply(&message("a", "2", Some(later))).unwrap();
        store.apply(&message("c", "1", None)).unwrap();
        assert_eq!(store.purge_expired(now), 0);
        assert_eq!(store.purge_expired(soon), 1, "b only; a was replaced");
        assert_eq!(store.len(), 2);
        assert_eq!(store.bytes(), 4);
        assert_eq!(store.purge_expired(later), 1);
        assert_eq!(store.all().len(), 1);
    }

    /// Replacing messages with an expiry over and over keeps the heap small.
    #[test]
    fn the_expiry_heap_stays_proportional_to_the_store() {
        let later = Instant::now() + Duration::from_secs(100);
        let mut store = RetainedStore::default();
        for i in 0..10_000 {
            store
                .apply(&message("same", &i.to_string(), Some(later)))
                .unwrap();
        }
        assert!(store.expiries.len() <= 2 * store.len() + 65);
    }
}
