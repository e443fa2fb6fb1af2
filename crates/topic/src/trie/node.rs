//! The nodes of the wildcard trie: one node per filter level, with literal
//! children in a map and the `+` child and `#` subscribers kept aside, so a
//! publish only ever looks up the levels it actually has.

use std::collections::HashMap;

/// The maps of the trie: foldhash, seeded per map, is several times faster than
/// the default SipHash on short topic levels and still not predictable by clients.
pub(super) type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Subscribers of one filter, stored with the filter's text so that matches
/// can report it without rebuilding it from the trie path.
pub(super) struct Leaf<K, V> {
    /// The full topic filter, e.g. `a/+/#`.
    pub(super) filter: String,
    /// Subscriber key → subscription value; never empty while in the trie.
    pub(super) subs: Map<K, V>,
}

/// Which leaf of a node a filter ends in.
#[derive(Clone, Copy)]
pub(super) enum Slot {
    /// The filter ends at this node, e.g. `a/+` at the `+` node below `a`.
    Here,
    /// The filter is this node's path followed by `/#` (or is `#` at the root).
    Hash,
}

/// One level of the wildcard trie.
pub(super) struct Node<K, V> {
    /// Children for literal levels, keyed by the level text.
    pub(super) children: Map<String, Node<K, V>>,
    /// Child for a `+` level.
    pub(super) plus: Option<Box<Node<K, V>>>,
    /// Subscribers of `{path}/#`.
    pub(super) hash: Option<Leaf<K, V>>,
    /// Subscribers of filters ending exactly at `{path}`.
    pub(super) here: Option<Leaf<K, V>>,
}

impl<K, V> Default for Node<K, V> {
    fn default() -> Self {
        Self {
            children: Map::default(),
            plus: None,
            hash: None,
            here: None,
        }
    }
}

impl<K, V> Node<K, V> {
    /// The child for filter level `level` (`+` selects the wildcard child).
    pub(super) fn child(&self, level: &str) -> Option<&Self> {
        match level {
            "+" => self.plus.as_deref(),
            _ => self.children.get(level),
        }
    }

    /// Mutable version of [`Node::child`].
    pub(super) fn child_mut(&mut self, level: &str) -> Option<&mut Self> {
        match level {
            "+" => self.plus.as_deref_mut(),
            _ => self.children.get_mut(level),
        }
    }

    /// The child for filter level `level`, created if missing.
    pub(super) fn child_or_insert(&mut self, level: &str) -> &mut Self {
        match level {
            "+" => self.plus.get_or_insert_with(Box::default),
            _ => self.children.entry(level.to_owned()).or_default(),
        }
    }

    /// Drops the child for filter level `level` and its whole subtree.
    pub(super) fn remove_child(&mut self, level: &str) {
        match level {
            "+" => self.plus = None,
            _ => {
                self.children.remove(level);
            }
        }
    }

    /// The leaf slot a filter ending at this node uses.
    pub(super) fn slot_mut(&mut self, slot: Slot) -> &mut Option<Leaf<K, V>> {
        match slot {
            Slot::Here => &mut self.here,
            Slot::Hash => &mut self.hash,
        }
    }

    /// Number of edges and leaves hanging off this node.
    pub(super) fn degree(&self) -> usize {
        self.children.len()
            + usize::from(self.plus.is_some())
            + usize::from(self.hash.is_some())
            + usize::from(self.here.is_some())
    }

    /// Moves this node's children (not its leaves) into `out`.
    fn take_children_into(&mut self, out: &mut Vec<Self>) {
        out.extend(self.children.drain().map(|(_, child)| child));
        if let Some(plus) = self.plus.take() {
            out.push(*plus);
        }
    }
}

/// Drops subtrees iteratively: a filter may have ~32k levels, and the
/// default recursive drop of such a chain would overflow the stack.
impl<K, V> Drop for Node<K, V> {
    fn drop(&mut self) {
        let mut pending = Vec::new();
        self.take_children_into(&mut pending);
        while let Some(mut node) = pending.pop() {
            node.take_children_into(&mut pending);
        }
    }
}

/// Splits a wildcard filter into the trie path leading to its node (`None`
/// for the root) and the leaf slot it occupies there.
pub(super) fn split_filter(filter: &str) -> (Option<&str>, Slot) {
    if filter == "#" {
        (None, Slot::Hash)
    } else if let Some(path) = filter.strip_suffix("/#") {
        (Some(path), Slot::Hash)
    } else {
        (Some(filter), Slot::Here)
    }
}

/// The levels of a path returned by [`split_filter`].
pub(super) fn path_levels(path: Option<&str>) -> impl Iterator<Item = &str> {
    path.into_iter().flat_map(|p| p.split('/'))
}
