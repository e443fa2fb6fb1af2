//! Subscriptions and the retained messages they bring.
//!
//! A session's own list of subscriptions (`Session::subscriptions`, what is
//! stored and re-checked against the access rules) and the router (what
//! publishers match) change only here, under the session's lock, so they
//! always agree, and a discarded session can never be subscribed again.

use super::BrokerState;
use crate::message::{min_qos, Message};
use crate::router::{Subscriber, SubscriberKey};
use crate::session::{Queued, SessionCell, SubOptions};
use crate::store::journal::record::SessionChange;
use std::sync::Arc;
use tokio::time::Instant;

/// Why a subscription was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubscribeRefused {
    /// The topic filter is not valid (SUBACK 0x8F).
    #[error("invalid topic filter: {0}")]
    InvalidFilter(#[from] tern_topic::TopicError),
    /// The session has as many subscriptions as it may (SUBACK 0x97).
    #[error("the session already has {max} subscriptions (quotas.max_subscriptions_per_session)")]
    TooMany {
        /// The quota.
        max: usize,
    },
    /// The session ended (overflowed, expired, taken over by a Clean Start)
    /// while the SUBSCRIBE was being handled; its connection is closing.
    #[error("the session has ended")]
    SessionEnded,
}

impl BrokerState {
    /// Adds or replaces the subscription `raw` (a filter, possibly
    /// `$share/{group}/...`) of `session`, within the per-session quota;
    /// returns whether it replaced one [MQTT-3.8.4-3].
    pub fn subscribe(
        &self,
        session: &Arc<SessionCell>,
        raw: &str,
        options: SubOptions,
    ) -> Result<bool, SubscribeRefused> {
        let max = self.config.quotas.max_subscriptions_per_session;
        self.add_subscription(session, raw, options, max)
    }

    pub(super) fn add_subscription(
        &self,
        session: &Arc<SessionCell>,
        raw: &str,
        options: SubOptions,
        max: usize,
    ) -> Result<bool, SubscribeRefused> {
        let (key, filter) = SubscriberKey::parse(session.id, raw)?;
        let mut state = session.state.lock();
        if state.discarded {
            return Err(SubscribeRefused::SessionEnded);
        }
        if !state.subscriptions.contains_key(raw) && state.subscriptions.len() >= max {
            return Err(SubscribeRefused::TooMany { max });
        }
        state.subscriptions.insert(raw.to_string(), options.clone());
        session.record(&mut state, self.journal(), || SessionChange::Subscribe {
            filter: raw.to_string(),
            options: (&options).into(),
        });
        let subscriber = Subscriber {
            session: session.clone(),
            options,
        };
        Ok(self.router.subscribe(filter, key, subscriber))
    }

    /// Removes the subscription `raw` of `session`; returns whether it existed.
    pub fn unsubscribe(&self, session: &Arc<SessionCell>, raw: &str) -> bool {
        let Ok((key, filter)) = SubscriberKey::parse(session.id, raw) else {
            return false;
        };
        let mut state = session.state.lock();
        let listed = state.subscriptions.remove(raw).is_some();
        if listed {
            session.record(&mut state, self.journal(), || SessionChange::Unsubscribe {
                filter: raw.to_string(),
            });
        }
        let routed = self.router.unsubscribe(filter, &key);
        listed || routed
    }

    /// The filters `session` subscribes to, as the client wrote them.
    pub fn subscriptions_of(&self, session: &SessionCell) -> Vec<String> {
        session.state.lock().subscriptions.keys().cloned().collect()
    }

    /// Retained messages matching `filter` that a subscription gets, at most
    /// `max_count` of them and about `max_bytes` of payload.
    pub fn retained_matching(
        &self,
        filter: &str,
        now: Instant,
        max_count: usize,
        max_bytes: usize,
    ) -> Vec<Arc<Message>> {
        self.retained
            .read()
            .matching(filter, now, max_count, max_bytes)
    }

    /// Queues for `session` the retained messages a new subscription to
    /// `filter` gets [MQTT-3.3.1-9], at `options`' QoS at most and with the
    /// RETAIN flag set [MQTT-3.3.1-8], within the session's online queue
    /// limits; returns how many did not fit (they are not sent).
    pub fn queue_retained(
        &self,
        session: &SessionCell,
        filter: &str,
        options: &SubOptions,
        subscription_id: Option<u32>,
        now: Instant,
    ) -> usize {
        let limits = self.queue_limits();
        let (room, room_bytes) = {
            let state = session.state.lock();
            (
                limits.online_messages.saturating_sub(state.queue.len()),
                limits.online_bytes.saturating_sub(state.queued_bytes),
            )
        };
        if room == 0 || room_bytes == 0 {
            return 1;
        }
        let messages = self.retained_matching(filter, now, room, room_bytes);
        let items = messages.into_iter().map(|message| Queued {
            qos: min_qos(message.qos, options.qos),
            message,
            retain: true,
            subscription_ids: subscription_id.into_iter().collect(),
        });
        session.enqueue_retained(items, limits, self.journal())
    }

    /// The retained messages with the LSN of the last journaled change they
    /// include, read under one lock (for snapshots).
    pub(crate) fn retained_image(&self) -> (u64, Vec<Arc<Message>>) {
        let retained = self.retained.read();
        (retained.journal_lsn, retained.all())
    }

    /// How many retained messages there are, and their bytes.
    pub fn retained_size(&self) -> (usize, usize) {
        let retained = self.retained.read();
        (retained.len(), retained.bytes())
    }

    /// Stores a retained message read back from the store.
    pub(crate) fn restore_retained(
        &self,
        message: &Arc<Message>,
    ) -> Result<bool, crate::retained::RetainRefused> {
        self.retained.write().apply(message)
    }

    /// Number of subscriptions in the router.
    pub fn subscription_count(&self) -> usize {
        self.router.len()
    }
}
