//! The subscription index answering "who is subscribed to this topic?" for
//! every PUBLISH, the broker's hot path.
//!
//! Following emqx, wildcard-free filters (the common case) live in a plain
//! `HashMap` keyed by the filter, answered with one lookup, while filters with
//! `+` or `#` live in a trie of levels, so matching costs are proportional to
//! the levels of the topic and the wildcards actually present, not to the
//! number of subscriptions. All walks are iterative, so a 32k-level filter
//! cannot overflow the stack.

mod node;
#[cfg(test)]
mod tests;

use std::fmt;
use std::hash::Hash;

use crate::matching::next_level;
use crate::stack::InlineStack;
use node::{path_levels, split_filter, Leaf, Map, Node};

/// Pending `+` branches kept on the stack before `for_each_match` allocates.
const INLINE_BRANCHES: usize = 16;

/// A trie node still to visit, with the topic levels not yet consumed.
type Frame<'n, 't, K, V> = (&'n Node<K, V>, Option<&'t str>);

/// Subscriptions indexed by topic filter: filter → {key → value}.
///
/// `K` identifies a subscriber (e.g. a session id), `V` is whatever the
/// subscriber asked for (e.g. QoS and subscription options). A key has at
/// most one value per filter; MQTT's overlapping subscriptions are simply
/// several filters matching one topic.
///
/// Filters must be valid (see [`crate::validate_topic_filter`]); pass the
/// inner filter of a shared subscription, not the `$share/...` string.
///
/// ```
/// use tern_topic::SubscriptionTrie;
/// let mut subs = SubscriptionTrie::new();
/// subs.insert("sport/tennis/+", "alice", 1u8);
/// subs.insert("sport/#", "bob", 0u8);
/// subs.insert("news", "bob", 2u8);
/// let mut hits = Vec::new();
/// subs.for_each_match("sport/tennis/player1", |filter, key, qos| hits.push((filter.to_owned(), *key, *qos)));
/// hits.sort();
/// assert_eq!(hits, [("sport/#".to_owned(), "bob", 0), ("sport/tennis/+".to_owned(), "alice", 1)]);
/// ```
pub struct SubscriptionTrie<K, V> {
    /// Wildcard-free filters, matched by a single lookup of the topic.
    exact: Map<String, Map<K, V>>,
    /// Filters containing `+` or `#`.
    root: Node<K, V>,
    /// Number of (filter, key) pairs.
    len: usize,
}

impl<K, V> Default for SubscriptionTrie<K, V> {
    fn default() -> Self {
        Self {
            exact: Map::default(),
            root: Node::default(),
            len: 0,
        }
    }
}

impl<K, V> fmt::Debug for SubscriptionTrie<K, V>
where
    K: fmt::Debug,
    V: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<K, V> SubscriptionTrie<K, V> {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of (filter, key) subscriptions stored.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no subscription is stored.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Calls `f(filter, key, value)` for every subscription whose filter
    /// matches `topic`, in unspecified order.
    ///
    /// Same semantics as [`crate::filter_matches`], including
    /// [MQTT-4.7.2-1]: filters starting with `+` or `#` do not match topics
    /// starting with `$`. Does not allocate unless the topic meets more than
    /// 16 simultaneously pending `+` branches.
    pub fn for_each_match<'s>(&'s self, topic: &str, mut f: impl FnMut(&'s str, &'s K, &'s V)) {
        if let Some((filter, subs)) = self.exact.get_key_value(topic) {
            for (key, value) in subs {
                f(filter, key, value);
            }
        }
        if self.root.degree() == 0 {
            return;
        }
        let mut pending = InlineStack::<Frame<'_, '_, K, V>, INLINE_BRANCHES>::new();
        let wildcards_at_root = !topic.starts_with('$');
        step(
            &self.root,
            Some(topic),
            wildcards_at_root,
            &mut pending,
            &mut f,
        );
        while let Some((node, rest)) = pending.pop() {
            step(node, rest, true, &mut pending, &mut f);
        }
    }

    /// Iterates over every (filter, key, value), in unspecified order, e.g.
    /// to persist or inspect the subscriptions.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &K, &V)> + '_ {
        let exact = self.exact.iter().flat_map(|(filter, subs)| {
            subs.iter()
                .map(move |(key, value)| (filter.as_str(), key, value))
        });
        let mut nodes = vec![&self.root];
        let mut leaves = Vec::new();
        let wildcard_leaves = std::iter::from_fn(move || loop {
            if let Some(leaf) = leaves.pop() {
                return Some(leaf);
            }
            let node = nodes.pop()?;
            nodes.extend(node.children.values());
            nodes.extend(node.plus.as_deref());
            leaves.extend(node.here.as_ref());
            leaves.extend(node.hash.as_ref());
        });
        let wildcard = wildcard_leaves.flat_map(|leaf: &Leaf<K, V>| {
            leaf.subs
                .iter()
                .map(move |(key, value)| (leaf.filter.as_str(), key, value))
        });
        exact.chain(wildcard)
    }
}

impl<K: Eq + Hash, V> SubscriptionTrie<K, V> {
    /// Subscribes `key` to `filter` with `value`, returning the value it
    /// replaces if `key` was already subscribed to exactly this filter.
    ///
    /// `filter` must be a valid topic filter (checked in debug builds only).
    pub fn insert(&mut self, filter: &str, key: K, value: V) -> Option<V> {
        debug_assert!(
            crate::validate_topic_filter(filter).is_ok(),
            "invalid topic filter {filter:?}"
        );
        let subs = if is_exact(filter) {
            self.exact.entry(filter.to_owned()).or_default()
        } else {
            let (path, slot) = split_filter(filter);
            let mut node = &mut self.root;
            for level in path_levels(path) {
                node = node.child_or_insert(level);
            }
            let leaf = node.slot_mut(slot).get_or_insert_with(|| Leaf {
                filter: filter.to_owned(),
                subs: Map::default(),
            });
            &mut leaf.subs
        };
        let old = subs.insert(key, value);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    /// Unsubscribes `key` from `filter`, returning its value if it was
    /// subscribed. Nodes left without subscriptions are freed.
    pub fn remove(&mut self, filter: &str, key: &K) -> Option<V> {
        if is_exact(filter) {
            let subs = self.exact.get_mut(filter)?;
            let old = subs.remove(key)?;
            if subs.is_empty() {
                self.exact.remove(filter);
            }
            self.len -= 1;
            return Some(old);
        }
        let (path, slot) = split_filter(filter);
        let mut node = &mut self.root;
        for level in path_levels(path) {
            node = node.child_mut(level)?;
        }
        let leaf_slot = node.slot_mut(slot);
        let leaf = leaf_slot.as_mut()?;
        let old = leaf.subs.remove(key)?;
        self.len -= 1;
        if leaf.subs.is_empty() {
            *leaf_slot = None;
            self.prune(path);
        }
        Some(old)
    }

    /// Frees the nodes along `path` that no longer lead to any subscription,
    /// after the leaf at the end of `path` has been removed.
    fn prune(&mut self, path: Option<&str>) {
        // Find the shallowest depth from which every node down to the end of
        // `path` holds nothing but the edge towards the next one.
        let mut cut = None;
        let mut node = &self.root;
        for (depth, level) in path_levels(path).enumerate() {
            let Some(child) = node.child(level) else {
                return;
            };
            node = child;
            if node.degree() <= 1 {
                cut.get_or_insert(depth);
            } else {
                cut = None;
            }
        }
        let Some(cut) = cut else {
            return;
        };
        if node.degree() != 0 {
            return;
        }
        let mut levels = path_levels(path);
        let mut parent = &mut self.root;
        for level in levels.by_ref().take(cut) {
            match parent.child_mut(level) {
                Some(child) => parent = child,
                None => return,
            }
        }
        if let Some(level) = levels.next() {
            parent.remove_child(level);
        }
    }
}

/// Whether `filter` has no wildcard level and so lives in the exact map.
fn is_exact(filter: &str) -> bool {
    !filter.split('/').any(|level| level == "+" || level == "#")
}

/// Visits `node`, the trie node reached after consuming the topic levels
/// before `rest`, and queues the children that the next level leads to.
///
/// `wildcards` is false only for the root of a `$` topic [MQTT-4.7.2-1].
fn step<'n, 't, K, V>(
    node: &'n Node<K, V>,
    rest: Option<&'t str>,
    wildcards: bool,
    pending: &mut InlineStack<Frame<'n, 't, K, V>, INLINE_BRANCHES>,
    f: &mut impl FnMut(&'n str, &'n K, &'n V),
) {
    if wildcards {
        visit(node.hash.as_ref(), f);
    }
    let Some(rest) = rest else {
        visit(node.here.as_ref(), f);
        return;
    };
    let (level, tail) = next_level(rest);
    if let Some(child) = node.children.get(level) {
        pending.push((child, tail));
    }
    if let (true, Some(plus)) = (wildcards, node.plus.as_deref()) {
        pending.push((plus, tail));
    }
}

/// Calls `f` for every subscriber of `leaf`, if any.
fn visit<'n, K, V>(leaf: Option<&'n Leaf<K, V>>, f: &mut impl FnMut(&'n str, &'n K, &'n V)) {
    if let Some(leaf) = leaf {
        for (key, value) in &leaf.subs {
            f(&leaf.filter, key, value);
        }
    }
}
