//! The router: which sessions a PUBLISH goes to.
//!
//! Subscriptions are held in [`tern_topic::SubscriptionTrie`]s, each behind a
//! lock of its own, so a SUBSCRIBE holds back only the publishes it could
//! change: filters without wildcards (the usual `devices/{id}/commands`) in
//! [`EXACT_SHARDS`] shards by a hash of the filter, wildcard filters in one
//! more. A PUBLISH read-locks the shard of its topic, then the wildcard one;
//! a change write-locks one of them, so the two orders never deadlock.
//!
//! Plain subscriptions of one session that overlap are merged into one copy
//! at the highest QoS with all Subscription Identifiers ([MQTT-3.3.4-2],
//! [MQTT-3.3.4-3]); each shared subscription group
//! (`$share/{group}/{filter}`) gets one copy, given to one of its members,
//! preferring connected ones [MQTT-4.8.2-3].

use crate::message::{min_qos, Message};
use crate::session::{Queued, SessionCell, SessionId, SubOptions};
use parking_lot::RwLock;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;
use tern_topic::SubscriptionTrie;

/// Shards of the filters without wildcards.
pub const EXACT_SHARDS: usize = 16;

type Trie = SubscriptionTrie<SubscriberKey, Subscriber>;

/// Who subscribed: the session (by id, never by Client Identifier, so a
/// session's successor of the same name is a different subscriber), and the
/// shared-subscription group if any.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SubscriberKey {
    /// The subscribing session.
    pub session: SessionId,
    /// The `$share` group name, for shared subscriptions.
    pub share_group: Option<Arc<str>>,
}

impl SubscriberKey {
    /// Parses a subscription's full filter (`$share/{group}/{filter}` or a plain one) into
    /// the router key of `session` and the filter to match topics against.
    pub fn parse(session: SessionId, raw: &str) -> Result<(Self, &str), tern_topic::TopicError> {
        let (group, filter) = tern_topic::parse_subscription_filter(raw)?;
        let key = Self {
            session,
            share_group: group.map(Arc::from),
        };
        Ok((key, filter))
    }
}

/// A subscription as the router sees it.
#[derive(Debug, Clone)]
pub struct Subscriber {
    /// The session to deliver to.
    pub session: Arc<SessionCell>,
    /// The granted options.
    pub options: SubOptions,
}

/// Every subscription of every session.
#[derive(Debug)]
pub struct Router {
    /// Filters without wildcards, by [`Router::shard_of`] of the filter (an
    /// exact filter matches only the topic that is the same string, so a
    /// topic's shard is the one to look in).
    exact: Box<[RwLock<Trie>]>,
    /// Filters with `+` or `#`.
    wild: RwLock<Trie>,
    /// Fixed seeds: a filter and the topics it matches go to one shard.
    hasher: foldhash::fast::FixedState,
}

impl Default for Router {
    fn default() -> Self {
        Self {
            exact: (0..EXACT_SHARDS).map(|_| RwLock::default()).collect(),
            wild: RwLock::default(),
            hasher: foldhash::fast::FixedState::default(),
        }
    }
}

/// One message bound for one session.
pub type Target = (Arc<SessionCell>, Queued);

impl Router {
    /// The trie a filter belongs in.
    fn trie_of(&self, filter: &str) -> &RwLock<Trie> {
        if filter.contains(['+', '#']) {
            &self.wild
        } else {
            &self.exact[self.shard_of(filter)]
        }
    }

    fn shard_of(&self, topic: &str) -> usize {
        self.hasher.hash_one(topic) as usize % self.exact.len()
    }

    /// Adds or replaces a subscription; returns whether one existed [MQTT-3.8.4-3].
    pub fn subscribe(&self, filter: &str, key: SubscriberKey, subscriber: Subscriber) -> bool {
        let trie = self.trie_of(filter);
        trie.write().insert(filter, key, subscriber).is_some()
    }

    /// Removes a subscription; returns whether it existed.
    pub fn unsubscribe(&self, filter: &str, key: &SubscriberKey) -> bool {
        self.trie_of(filter).write().remove(filter, key).is_some()
    }

    /// Number of subscriptions.
    pub fn len(&self) -> usize {
        let exact: usize = self.exact.iter().map(|t| t.read().len()).sum();
        exact + self.wild.read().len()
    }

    /// Whether there are no subscriptions.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sessions `message` goes to, each with the shape of its copy.
    pub fn route(&self, message: &Arc<Message>) -> Vec<Target> {
        let exact = self.exact[self.shard_of(&message.topic)].read();
        let wild = self.wild.read();
        let mut plain = Targets::default();
        let mut groups: HashMap<(&str, &str), Vec<&Subscriber>> = HashMap::new();
        visit([&*exact, &*wild], &message.topic, |filter, key, sub| {
            if let Some(group) = &key.share_group {
                groups.entry((group, filter)).or_default().push(sub);
                return;
            }
            // No Local: a client does not get its own messages back [MQTT-3.8.3-3].
            if sub.options.no_local && *sub.session.client_id == *message.publisher {
                return;
            }
            let qos = min_qos(message.qos, sub.options.qos);
            let retain = sub.options.retain_as_published && message.retain;
            match plain.find(&sub.session) {
                Some(queued) => {
                    if (qos as u8) > (queued.qos as u8) {
                        queued.qos = qos;
                    }
                    queued.retain |= retain;
                    queued.subscription_ids.extend(sub.options.subscription_id);
                }
                None => plain.push(
                    sub.session.clone(),
                    Queued {
                        message: message.clone(),
                        qos,
                        retain,
                        subscription_ids: sub.options.subscription_id.into_iter().collect(),
                    },
                ),
            }
        });
        let mut targets = plain.list;
        for members in groups.into_values() {
            if let Some(sub) = pick_member(&members) {
                targets.push((
                    sub.session.clone(),
                    Queued {
                        message: message.clone(),
                        qos: min_qos(message.qos, sub.options.qos),
                        retain: sub.options.retain_as_published && message.retain,
                        subscription_ids: sub.options.subscription_id.into_iter().collect(),
                    },
                ));
            }
        }
        targets
    }
}

/// Calls `f` for every subscription of `tries` that matches `topic`.
fn visit<'r>(
    tries: [&'r Trie; 2],
    topic: &str,
    mut f: impl FnMut(&'r str, &'r SubscriberKey, &'r Subscriber),
) {
    for trie in tries {
        trie.for_each_match(topic, &mut f);
    }
}

/// The plain (non-shared) targets of one message, one per session: a session
/// whose subscriptions overlap gets one copy [MQTT-3.3.4-2]. Few targets are
/// found by a scan; past [`Targets::SCAN_LIMIT`] an index by session is built.
#[derive(Default)]
struct Targets {
    list: Vec<Target>,
    index: Option<HashMap<SessionId, usize, foldhash::fast::RandomState>>,
}

impl Targets {
    const SCAN_LIMIT: usize = 16;

    /// The copy already bound for `session`, if any.
    fn find(&mut self, session: &Arc<SessionCell>) -> Option<&mut Queued> {
        let at = match &self.index {
            Some(index) => index.get(&session.id).copied(),
            None => self.list.iter().position(|(s, _)| s.id == session.id),
        }?;
        Some(&mut self.list[at].1)
    }

    /// Adds the copy for a session not seen yet.
    fn push(&mut self, session: Arc<SessionCell>, queued: Queued) {
        if let Some(index) = &mut self.index {
            index.insert(session.id, self.list.len());
        } else if self.list.len() == Self::SCAN_LIMIT {
            let index = self
                .list
                .iter()
                .enumerate()
                .map(|(i, (s, _))| (s.id, i))
                .chain([(session.id, self.list.len())])
                .collect();
            self.index = Some(index);
        }
        self.list.push((session, queued));
    }
}

/// Picks the member of a shared group that gets a message: a random connected one,
/// or a random one if none is connected (its session queues the message).
fn pick_member<'a>(members: &[&'a Subscriber]) -> Option<&'a Subscriber> {
    let online: Vec<&Subscriber> = members
        .iter()
        .copied()
        .filter(|s| s.session.is_online())
        .collect();
    let pool = if online.is_empty() {
        members
    } else {
        &online[..]
    };
    if pool.is_empty() {
        return None;
    }
    Some(pool[fastrand::usize(..pool.len())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::SubOptions;
    use tern_protocol::mqtt::packet::{Qos, RetainHandling};

    fn options(qos: Qos, subscription_id: u32) -> SubOptions {
        SubOptions {
            qos,
            no_local: false,
            retain_as_published: false,
            retain_handling: RetainHandling::SendRetained,
            subscription_id: Some(subscription_id),
        }
    }

    /// A message from someone else on `topic` at `qos`.
    fn message(topic: &str, qos: Qos) -> Arc<Message> {
        Arc::new(Message {
            topic: Arc::from(topic),
            payload: tern_protocol::mqtt::ArcPayload::new(Arc::from(&b"p"[..]), 0, 1),
            qos,
            retain: false,
            properties: Arc::from(Vec::new()),
            expires_at: None,
            publisher: Arc::from("someone"),
            store: Default::default(),
        })
    }

    /// Overlapping subscriptions give each session one copy, with every
    /// Subscription Identifier and the highest QoS — whether the targets are
    /// few (scanned) or many (indexed).
    #[test]
    fn one_copy_per_session_with_few_and_many_targets() {
        for sessions in [3usize, 40] {
            let router = Router::default();
            for n in 0..sessions {
                let id: Arc<str> = Arc::from(format!("c{n}"));
                let session = SessionCell::new(id.clone(), crate::version::Version::V5, 0);
                for (filter, qos, sub_id) in
                    [("t/#", Qos::AtMostOnce, 1), ("t/+", Qos::AtLeastOnce, 2)]
                {
                    let (key, filter) = SubscriberKey::parse(session.id, filter).unwrap();
                    let subscriber = Subscriber {
                        session: session.clone(),
                        options: options(qos, sub_id),
                    };
                    router.subscribe(filter, key, subscriber);
                }
            }
            let message = message("t/x", Qos::ExactlyOnce);
            let targets = router.route(&message);
            assert_eq!(targets.len(), sessions);
            for (_, queued) in &targets {
                assert_eq!(queued.qos, Qos::AtLeastOnce);
                let mut ids = queued.subscription_ids.clone();
                ids.sort_unstable();
                assert_eq!(ids, [1, 2]);
            }
        }
    }

    /// An exact filter and a wildcard one live in different tries (an
    /// exact shard, the wildcard trie): a session holding both still gets
    /// one copy with every matching Subscription Identifier.
    #[test]
    fn exact_and_wildcard_filters_are_merged_into_one_copy() {
        let router = Router::default();
        let session = SessionCell::new(Arc::from("c"), crate::version::Version::V5, 0);
        for (filter, sub_id) in [("a/b", 1), ("a/+", 2), ("#", 3), ("a/c", 4)] {
            let (key, filter) = SubscriberKey::parse(session.id, filter).unwrap();
            let subscriber = Subscriber {
                session: session.clone(),
                options: options(Qos::AtLeastOnce, sub_id),
            };
            assert!(!router.subscribe(filter, key, subscriber));
        }
        assert_eq!(router.len(), 4);
        let message = message("a/b", Qos::AtLeastOnce);
        let targets = router.route(&message);
        assert_eq!(targets.len(), 1);
        let mut ids = targets[0].1.subscription_ids.clone();
        ids.sort_unstable();
        assert_eq!(ids, [1, 2, 3], "a/c does not match");
        let (key, filter) = SubscriberKey::parse(session.id, "a/b").unwrap();
        assert!(router.unsubscribe(filter, &key));
        assert_eq!(router.len(), 3);
    }
}
