//! Retained messages: the last retained PUBLISH of each topic [MQTT-3.3.1-5].

use crate::message::Message;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;
use tern_topic::filter_matches;

/// The retained message of every topic that has one.
#[derive(Debug, Default)]
pub struct RetainedStore {
    by_topic: HashMap<Arc<str>, Arc<Message>>,
}

impl RetainedStore {
    /// Stores, replaces or (empty payload) deletes the retained message of its topic
    /// [MQTT-3.3.1-6], [MQTT-3.3.1-7]. Returns whether anything changed.
    pub fn apply(&mut self, message: &Arc<Message>) -> bool {
        if message.payload_len() == 0 {
            self.by_topic.remove(&message.topic).is_some()
        } else {
            self.by_topic.insert(message.topic.clone(), message.clone());
            true
        }
    }

    /// Retained messages whose topic matches `filter`, skipping expired ones.
    pub fn matching(&self, filter: &str, now: Instant) -> Vec<Arc<Message>> {
        self.by_topic
            .values()
            .filter(|m| !m.is_expired(now) && filter_matches(filter, &m.topic))
            .cloned()
            .collect()
    }

    /// Drops expired messages; returns how many were dropped.
    pub fn purge_expired(&mut self, now: Instant) -> usize {
        let before = self.by_topic.len();
        self.by_topic.retain(|_, m| !m.is_expired(now));
        before - self.by_topic.len()
    }

    /// Every retained message (for persistence).
    pub fn all(&self) -> impl Iterator<Item = &Arc<Message>> {
        self.by_topic.values()
    }

    /// Number of retained messages.
    pub fn len(&self) -> usize {
        self.by_topic.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_topic.is_empty()
    }
}
