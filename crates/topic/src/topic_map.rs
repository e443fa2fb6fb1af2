//! An index of values by topic name that answers "which topics match this
//! filter?" without looking at the others: the retained-message store's
//! index (one retained message per topic, looked up on every SUBSCRIBE).
//!
//! A trie of topic levels: a filter walks only the branches its levels
//! select (`+` every child of one level, `#` a whole subtree), so a
//! subscription to `a/b` costs one path however many retained topics exist.
//! Every walk, the pruning after a removal and the drop are iterative, so a
//! topic of thousands of levels cannot overflow the stack.

use crate::matching::next_level;
use std::collections::HashMap;

type Map<V> = HashMap<Box<str>, Node<V>, foldhash::fast::RandomState>;

struct Node<V> {
    children: Map<V>,
    value: Option<V>,
}

impl<V> Default for Node<V> {
    fn default() -> Self {
        Self {
            children: Map::default(),
            value: None,
        }
    }
}

/// Drops subtrees iteratively (see the module documentation).
impl<V> Drop for Node<V> {
    fn drop(&mut self) {
        let mut pending: Vec<Node<V>> = self.children.drain().map(|(_, n)| n).collect();
        while let Some(mut node) = pending.pop() {
            pending.extend(node.children.drain().map(|(_, n)| n));
        }
    }
}

/// Values keyed by topic name, found by topic filter.
///
/// ```
/// use tern_topic::TopicMap;
/// let mut retained = TopicMap::default();
/// retained.insert("sport/tennis", 1);
/// retained.insert("sport/golf/results", 2);
/// retained.insert("$SYS/uptime", 3);
/// let mut hits = Vec::new();
/// retained.for_each_match("sport/#", |v| { hits.push(*v); true });
/// hits.sort();
/// assert_eq!(hits, [1, 2]);
/// let mut all = 0;
/// retained.for_each_match("#", |_| { all += 1; true });
/// assert_eq!(all, 2, "wildcards at the first level skip $ topics [MQTT-4.7.2-1]");
/// ```
pub struct TopicMap<V> {
    root: Node<V>,
    len: usize,
}

impl<V> Default for TopicMap<V> {
    fn default() -> Self {
        Self {
            root: Node::default(),
            len: 0,
        }
    }
}

impl<V: std::fmt::Debug> std::fmt::Debug for TopicMap<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TopicMap").field("len", &self.len).finish()
    }
}

impl<V> TopicMap<V> {
    /// Number of topics with a value.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no topic has a value.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Sets the value of `topic`, returning the one it replaces.
    pub fn insert(&mut self, topic: &str, value: V) -> Option<V> {
        let mut node = &mut self.root;
        for level in topic.split('/') {
            node = node.children.entry(level.into()).or_default();
        }
        let old = node.value.replace(value);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    /// The value of `topic`, if any.
    pub fn get(&self, topic: &str) -> Option<&V> {
        let mut node = &self.root;
        for level in topic.split('/') {
            node = node.children.get(level)?;
        }
        node.value.as_ref()
    }

    /// Removes the value of `topic`, freeing the nodes that led only to it.
    pub fn remove(&mut self, topic: &str) -> Option<V> {
        let mut node = &mut self.root;
        for level in topic.split('/') {
            node = node.children.get_mut(level)?;
        }
        let old = node.value.take()?;
        self.len -= 1;
        if node.children.is_empty() {
            self.prune(topic);
        }
        Some(old)
    }

    /// Frees the chain of nodes at the end of `topic` that hold nothing but
    /// the edge to the next one, after its value was removed.
    fn prune(&mut self, topic: &str) {
        // The shallowest depth from which each node down to the end has no
        // value and exactly one child (the path's), or is the emptied end.
        let mut cut = None;
        let mut node = &self.root;
        let levels = topic.split('/').count();
        for (depth, level) in topic.split('/').enumerate() {
            let Some(child) = node.children.get(level) else {
                return;
            };
            let last = depth + 1 == levels;
            let passes = child.value.is_none() && (last || child.children.len() == 1);
            if passes {
                cut.get_or_insert(depth);
            } else {
                cut = None;
            }
            node = child;
        }
        let Some(cut) = cut else { return };
        let mut parent = &mut self.root;
        let mut path = topic.split('/');
        for level in path.by_ref().take(cut) {
            match parent.children.get_mut(level) {
                Some(child) => parent = child,
                None => return,
            }
        }
        if let Some(level) = path.next() {
            parent.children.remove(level);
        }
    }

    /// Calls `f` with the value of every topic matching `filter`, following
    /// [`crate::filter_matches`]: `+` one level, `#` the parent level and
    /// everything below, no wildcard match of a first level starting with `$`.
    /// `f` returns whether to go on; the walk stops at the first `false`.
    ///
    /// `filter` must be a valid topic filter (the inner filter of a shared
    /// subscription); for anything else the result is unspecified, but the
    /// walk never panics.
    pub fn for_each_match(&self, filter: &str, mut f: impl FnMut(&V) -> bool) {
        let _ = self.walk(filter, &mut f);
    }

    /// Calls `f` with every value, `$` topics included, in no particular
    /// order; stops at the first `false`.
    pub fn for_each_value(&self, mut f: impl FnMut(&V) -> bool) {
        let mut pending = vec![&self.root];
        while let Some(node) = pending.pop() {
            if let Some(value) = &node.value {
                if !f(value) {
                    return;
                }
            }
            pending.extend(node.children.values());
        }
    }

    fn walk(&self, filter: &str, f: &mut impl FnMut(&V) -> bool) -> Option<()> {
        // (node, whether it is the root, the filter levels still to match)
        let mut pending: Vec<(&Node<V>, bool, Option<&str>)> =
            vec![(&self.root, true, Some(filter))];
        while let Some((node, at_root, rest)) = pending.pop() {
            let Some(rest) = rest else {
                if let Some(value) = &node.value {
                    keep_going(f(value))?;
                }
                continue;
            };
            let (level, tail) = next_level(rest);
            match level {
                "#" => {
                    // The parent level itself [MQTT-4.7.1-2], then the subtree.
                    if let Some(value) = &node.value {
                        keep_going(f(value))?;
                    }
                    let mut subtree: Vec<&Node<V>> = wildcard_children(node, at_root).collect();
                    while let Some(node) = subtree.pop() {
                        if let Some(value) = &node.value {
                            keep_going(f(value))?;
                        }
                        subtree.extend(node.children.values());
                    }
                }
                "+" => {
                    pending
                        .extend(wildcard_children(node, at_root).map(|child| (child, false, tail)));
                }
                literal => {
                    if let Some(child) = node.children.get(literal) {
                        pending.push((child, false, tail));
                    }
                }
            }
        }
        Some(())
    }
}

/// `Some` to go on walking, `None` to stop.
fn keep_going(go_on: bool) -> Option<()> {
    go_on.then_some(())
}

/// The children of `node` a wildcard level reaches: at the root, not those
/// starting with `$` [MQTT-4.7.2-1].
fn wildcard_children<V>(node: &Node<V>, at_root: bool) -> impl Iterator<Item = &Node<V>> {
    node.children
        .iter()
        .filter(move |(level, _)| !(at_root && level.starts_with('$')))
        .map(|(_, child)| child)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter_matches;

    const TOPICS: &[&str] = &[
        "a", "a/b", "a/b/c", "a//c", "a/", "/a", "b/c", "$SYS/x", "$SYS", "x/y/z/w",
    ];
    const FILTERS: &[&str] = &[
        "#",
        "a/#",
        "a/+",
        "+/+",
        "+",
        "a/b",
        "+/b/#",
        "$SYS/#",
        "+/#",
        "a//+",
        "/+",
        "x/+/z/#",
        "nothing/#",
    ];

    fn matches(map: &TopicMap<String>, filter: &str) -> Vec<String> {
        let mut hits = Vec::new();
        map.for_each_match(filter, |topic| {
            hits.push(topic.clone());
            true
        });
        hits.sort();
        hits
    }

    #[test]
    fn agrees_with_filter_matches() {
        let mut map = TopicMap::default();
        for topic in TOPICS {
            map.insert(topic, topic.to_string());
        }
        for filter in FILTERS {
            let mut expected: Vec<String> = TOPICS
                .iter()
                .filter(|t| filter_matches(filter, t))
                .map(|t| t.to_string())
                .collect();
            expected.sort();
            assert_eq!(matches(&map, filter), expected, "filter {filter:?}");
        }
    }

    #[test]
    fn removal_frees_nodes_and_keeps_the_rest() {
        let mut map = TopicMap::default();
        for topic in TOPICS {
            map.insert(topic, topic.to_string());
        }
        for topic in TOPICS {
            assert!(map.remove(topic).is_some(), "{topic}");
            assert!(map.get(topic).is_none());
            let left: Vec<&str> = TOPICS
                .iter()
                .copied()
                .filter(|t| map.get(t).is_some())
                .collect();
            assert_eq!(left.len(), map.len());
        }
        assert!(map.is_empty());
        assert!(map.root.children.is_empty(), "every node was freed");
    }

    #[test]
    fn every_value_is_visited_dollar_topics_too() {
        let mut map = TopicMap::default();
        for topic in TOPICS {
            map.insert(topic, topic.to_string());
        }
        let mut all = Vec::new();
        map.for_each_value(|v| {
            all.push(v.clone());
            true
        });
        all.sort_unstable();
        let mut expected: Vec<String> = TOPICS.iter().map(|t| t.to_string()).collect();
        expected.sort_unstable();
        assert_eq!(all, expected);
    }

    #[test]
    fn the_walk_stops_when_asked() {
        let mut map = TopicMap::default();
        for i in 0..100 {
            map.insert(&format!("t/{i}"), i);
        }
        let mut seen = 0;
        map.for_each_match("t/#", |_| {
            seen += 1;
            seen < 10
        });
        assert_eq!(seen, 10);
    }

    #[test]
    fn deep_topics_do_not_overflow_the_stack() {
        let deep = vec!["l"; 40_000].join("/");
        let mut map = TopicMap::default();
        map.insert(&deep, "deep".to_string());
        assert_eq!(matches(&map, "#").len(), 1);
        assert_eq!(matches(&map, &deep).len(), 1);
        map.insert("l", "l".to_string());
        assert_eq!(map.remove(&deep).as_deref(), Some("deep"));
        assert_eq!(map.len(), 1);
        map.insert(&deep, "again".to_string());
        drop(map);
    }
}
