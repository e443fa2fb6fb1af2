//! Unit tests of the trie's bookkeeping: replacement, counting, pruning and
//! robustness against very deep filters. Matching semantics are covered by
//! the integration tests, which compare against `filter_matches`.

use super::node::Node;
use super::SubscriptionTrie;

/// Number of trie nodes, root included.
fn node_count<K, V>(trie: &SubscriptionTrie<K, V>) -> usize {
    let mut count = 0;
    let mut stack: Vec<&Node<K, V>> = vec![&trie.root];
    while let Some(node) = stack.pop() {
        count += 1;
        stack.extend(node.children.values());
        stack.extend(node.plus.as_deref());
    }
    count
}

fn matches(trie: &SubscriptionTrie<u32, char>, topic: &str) -> Vec<(String, u32, char)> {
    let mut out = Vec::new();
    trie.for_each_match(topic, |filter, key, value| {
        out.push((filter.to_owned(), *key, *value))
    });
    out.sort();
    out
}

#[test]
fn insert_replaces_per_filter_and_key() {
    let mut trie = SubscriptionTrie::new();
    assert!(trie.is_empty());
    assert_eq!(trie.insert("a/b", 1, 'x'), None);
    assert_eq!(trie.insert("a/b", 1, 'y'), Some('x'));
    assert_eq!(trie.insert("a/b", 2, 'z'), None);
    assert_eq!(trie.insert("a/+", 1, 'w'), None);
    assert_eq!(trie.insert("a/+", 1, 'v'), Some('w'));
    assert_eq!(trie.insert("#", 1, 'u'), None);
    assert_eq!(trie.len(), 4);
    assert!(!trie.is_empty());
    assert_eq!(
        matches(&trie, "a/b"),
        [
            ("#".to_owned(), 1, 'u'),
            ("a/+".to_owned(), 1, 'v'),
            ("a/b".to_owned(), 1, 'y'),
            ("a/b".to_owned(), 2, 'z'),
        ]
    );
}

#[test]
fn remove_returns_value_and_ignores_unknown() {
    let mut trie = SubscriptionTrie::new();
    trie.insert("a/b", 1, 'x');
    trie.insert("a/#", 1, 'y');
    assert_eq!(trie.remove("a/b", &2), None);
    assert_eq!(trie.remove("a/c", &1), None);
    assert_eq!(trie.remove("a/+", &1), None);
    assert_eq!(trie.remove("a/b/#", &1), None);
    assert_eq!(trie.remove("#", &1), None);
    assert_eq!(trie.len(), 2);
    assert_eq!(trie.remove("a/b", &1), Some('x'));
    assert_eq!(trie.remove("a/b", &1), None);
    assert_eq!(trie.remove("a/#", &1), Some('y'));
    assert_eq!(trie.len(), 0);
    assert!(matches(&trie, "a/b").is_empty());
}

#[test]
fn remove_prunes_everything_it_no_longer_needs() {
    let filters = [
        "#", "+", "+/+", "+/#", "a/+", "a/#", "a/+/c", "a/+/c/#", "a/b/+", "/+", "/#", "$SYS/#",
        "$SYS/+/x", "a/b", "a", "/", "a/b/c/d",
    ];
    let mut trie = SubscriptionTrie::new();
    for (i, filter) in filters.iter().enumerate() {
        trie.insert(filter, 1, 'a');
        trie.insert(filter, 2, 'b');
        assert_eq!(trie.len(), 2 * (i + 1));
    }
    assert!(node_count(&trie) > 1);
    // Remove in an order different from insertion, so that nodes are shared
    // with live filters at each step.
    for (i, filter) in filters.iter().rev().enumerate() {
        assert_eq!(trie.remove(filter, &2), Some('b'), "{filter}");
        assert_eq!(trie.remove(filter, &1), Some('a'), "{filter}");
        assert_eq!(trie.len(), 2 * (filters.len() - i - 1));
        for live in &filters[..filters.len() - i - 1] {
            assert!(trie.iter().any(|(f, _, _)| f == *live), "{live} lost");
        }
    }
    assert!(trie.is_empty());
    assert!(trie.exact.is_empty());
    assert_eq!(trie.root.degree(), 0);
    assert_eq!(node_count(&trie), 1);
}

#[test]
fn remove_keeps_shared_prefixes() {
    let mut trie = SubscriptionTrie::new();
    trie.insert("a/+/c", 1, 'x');
    trie.insert("a/+/d/#", 1, 'y');
    trie.insert("a/#", 1, 'z');
    // root, a, +, c, d
    assert_eq!(node_count(&trie), 5);
    trie.remove("a/+/d/#", &1);
    assert_eq!(node_count(&trie), 4);
    trie.remove("a/+/c", &1);
    // root, a (which still holds `a/#`)
    assert_eq!(node_count(&trie), 2);
    assert_eq!(matches(&trie, "a/q"), [("a/#".to_owned(), 1, 'z')]);
    trie.remove("a/#", &1);
    assert_eq!(node_count(&trie), 1);
}

#[test]
fn iter_and_debug_list_every_subscription() {
    let mut trie = SubscriptionTrie::new();
    trie.insert("a/b", 1, 'x');
    trie.insert("a/b", 2, 'y');
    trie.insert("+/b", 1, 'z');
    trie.insert("#", 3, 'w');
    let mut all: Vec<_> = trie
        .iter()
        .map(|(f, k, v)| (f.to_owned(), *k, *v))
        .collect();
    all.sort();
    assert_eq!(
        all,
        [
            ("#".to_owned(), 3, 'w'),
            ("+/b".to_owned(), 1, 'z'),
            ("a/b".to_owned(), 1, 'x'),
            ("a/b".to_owned(), 2, 'y'),
        ]
    );
    assert_eq!(trie.iter().count(), trie.len());
    let debug = format!("{trie:?}");
    assert!(debug.contains("(\"+/b\", 1, 'z')"), "{debug}");
}

#[test]
fn many_pending_branches_spill_correctly() {
    // Every node on the path a/a/a/... has both a literal and a `+` child,
    // so the walk keeps more than INLINE_BRANCHES branches pending.
    let mut trie = SubscriptionTrie::new();
    let depth = 40;
    for i in 0..depth {
        trie.insert(&format!("{}+/#", "a/".repeat(i)), i as u32, '+');
    }
    let topic = format!("{}a", "a/".repeat(depth));
    assert_eq!(matches(&trie, &topic).len(), depth);
}

#[test]
fn deep_filters_do_not_overflow_the_stack() {
    // A maximal-length filter has ~32k levels; every walk (insert, match,
    // remove, drop) must be iterative. Run on a deliberately small stack.
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let levels = 32_000;
            let filter = format!("{}#", "+/".repeat(levels));
            let topic = format!("{}x", "t/".repeat(levels));
            let mut trie = SubscriptionTrie::new();
            trie.insert(&filter, 1u32, 'a');
            trie.insert("t/+", 2u32, 'b');
            let mut hits = 0;
            trie.for_each_match(&topic, |_, _, _| hits += 1);
            assert_eq!(hits, 1);
            assert_eq!(node_count(&trie), levels + 3);
            assert_eq!(trie.remove(&filter, &1), Some('a'));
            assert_eq!(node_count(&trie), 3);
            trie.insert(&filter, 1u32, 'a');
            drop(trie);
        })
        .unwrap()
        .join()
        .unwrap();
}
