//! The router: which sessions a PUBLISH goes to.
//!
//! One [`tern_topic::SubscriptionTrie`] holds every subscription: exact filters
//! in a map, wildcard filters in a trie. Plain subscriptions of one session that
//! overlap are merged into one copy at the highest QoS with all Subscription
//! Identifiers ([MQTT-3.3.4-2], [MQTT-3.3.4-3]); each shared subscription group
//! (`$share/{group}/{filter}`) gets one copy, given to one of its members,
//! preferring connected ones [MQTT-4.8.2-3].

use crate::message::{min_qos, Message};
use crate::session::{Queued, SessionCell, SessionId, SubOptions};
use std::collections::HashMap;
use std::sync::Arc;
use tern_topic::SubscriptionTrie;

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
#[derive(Debug, Default)]
pub struct Router {
    trie: SubscriptionTrie<SubscriberKey, Subscriber>,
}

/// One message bound for one session.
pub type Target = (Arc<SessionCell>, Queued);

impl Router {
    /// Adds or replaces a subscription; returns whether one existed [MQTT-3.8.4-3].
    pub fn subscribe(&mut self, filter: &str, key: SubscriberKey, subscriber: Subscriber) -> bool {
        self.trie.insert(filter, key, subscriber).is_some()
    }

    /// Removes a subscription; returns whether it existed.
    pub fn unsubscribe(&mut self, filter: &str, key: &SubscriberKey) -> bool {
        self.trie.remove(filter, key).is_some()
    }

    /// Number of subscriptions.
    pub fn len(&self) -> usize {
        self.trie.len()
    }

    /// Whether there are no subscriptions.
    pub fn is_empty(&self) -> bool {
        self.trie.is_empty()
    }

    /// The sessions `message` goes to, each with the shape of its copy.
    pub fn route(&self, message: &Arc<Message>) -> Vec<Target> {
        let mut plain = Targets::default();
        let mut groups: HashMap<(&str, &str), Vec<&Subscriber>> = HashMap::new();
        self.trie
            .for_each_match(&message.topic, |filter, key, sub| {
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

    /// Overlapping subscriptions give each session one copy, with every
    /// Subscription Identifier and the highest QoS — whether the targets are
    /// few (scanned) or many (indexed).
    #[test]
    fn one_copy_per_session_with_few_and_many_targets() {
        for sessions in [3usize, 40] {
            let mut router = Router::default();
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
            let message = Arc::new(Message {
                topic: Arc::from("t/x"),
                payload: tern_protocol::mqtt::ArcPayload::new(Arc::from(&b"p"[..]), 0, 1),
                qos: Qos::ExactlyOnce,
                retain: false,
                properties: Arc::from(Vec::new()),
                expires_at: None,
                publisher: Arc::from("someone"),
                store: Default::default(),
            });
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
}
