//! Exhaustive agreement between `SubscriptionTrie::for_each_match` and the
//! reference `filter_matches`, over every short filter and topic built from a
//! small alphabet of levels (deterministic, no randomness).

use tern_topic::{filter_matches, validate_topic_filter, validate_topic_name, SubscriptionTrie};

/// Every `/`-joined sequence of 1..=max_levels levels drawn from `alphabet`.
fn combinations(alphabet: &[&str], max_levels: usize) -> Vec<String> {
    let mut all: Vec<String> = alphabet.iter().map(|l| (*l).to_owned()).collect();
    let mut previous = all.clone();
    for _ in 1..max_levels {
        let next: Vec<String> = previous
            .iter()
            .flat_map(|prefix| alphabet.iter().map(move |l| format!("{prefix}/{l}")))
            .collect();
        all.extend(next.iter().cloned());
        previous = next;
    }
    all
}

fn filters() -> Vec<String> {
    let mut filters = combinations(&["a", "b", "", "+", "#", "$SYS"], 4);
    filters.retain(|f| validate_topic_filter(f).is_ok());
    filters
}

fn topics() -> Vec<String> {
    let mut topics = combinations(&["a", "b", "", "$SYS", "c"], 4);
    topics.retain(|t| validate_topic_name(t).is_ok());
    topics
}

/// Indices of the filters the trie reports for `topic`, sorted.
fn trie_hits(trie: &SubscriptionTrie<usize, ()>, filters: &[String], topic: &str) -> Vec<usize> {
    let mut hits = Vec::new();
    trie.for_each_match(topic, |filter, key, _| {
        assert_eq!(filters[*key], filter);
        hits.push(*key);
    });
    hits.sort_unstable();
    hits
}

fn reference_hits(filters: &[String], live: &[bool], topic: &str) -> Vec<usize> {
    (0..filters.len())
        .filter(|&i| live[i] && filter_matches(&filters[i], topic))
        .collect()
}

#[test]
fn trie_agrees_with_filter_matches() {
    let filters = filters();
    let topics = topics();
    // 935 valid filters and 779 topics: large enough, and fast in debug builds.
    assert!(filters.len() > 900 && topics.len() > 700);
    let mut trie = SubscriptionTrie::new();
    for (i, filter) in filters.iter().enumerate() {
        assert_eq!(trie.insert(filter, i, ()), None);
    }
    assert_eq!(trie.len(), filters.len());
    let live = vec![true; filters.len()];
    let mut total = 0;
    for topic in &topics {
        let hits = trie_hits(&trie, &filters, topic);
        assert_eq!(hits, reference_hits(&filters, &live, topic), "{topic:?}");
        total += hits.len();
    }
    assert!(total > 10_000, "the generated set should exercise matching");
}

#[test]
fn trie_agrees_after_removing_every_other_filter() {
    let filters = filters();
    let topics = topics();
    let mut trie = SubscriptionTrie::new();
    for (i, filter) in filters.iter().enumerate() {
        trie.insert(filter, i, ());
    }
    let mut live = vec![true; filters.len()];
    for (i, filter) in filters.iter().enumerate().step_by(2) {
        assert_eq!(trie.remove(filter, &i), Some(()));
        live[i] = false;
    }
    assert_eq!(trie.len(), live.iter().filter(|l| **l).count());
    for topic in &topics {
        assert_eq!(
            trie_hits(&trie, &filters, topic),
            reference_hits(&filters, &live, topic),
            "{topic:?}"
        );
    }
    for (i, filter) in filters.iter().enumerate().skip(1).step_by(2) {
        assert_eq!(trie.remove(filter, &i), Some(()));
    }
    assert!(trie.is_empty());
    assert_eq!(trie.iter().count(), 0);
    for topic in &topics {
        assert!(trie_hits(&trie, &filters, topic).is_empty());
    }
}
