//! The examples of MQTT 5.0 section 4.7 (Topic Names and Topic Filters),
//! checked against both `filter_matches` and `SubscriptionTrie`.

use tern_topic::{filter_matches, validate_topic_filter, validate_topic_name, SubscriptionTrie};

/// (filter, topic, expected) triples taken from the specification text.
const SPEC_EXAMPLES: &[(&str, &str, bool)] = &[
    // 4.7.1.2 Multi-level wildcard
    ("sport/tennis/player1/#", "sport/tennis/player1", true),
    (
        "sport/tennis/player1/#",
        "sport/tennis/player1/ranking",
        true,
    ),
    (
        "sport/tennis/player1/#",
        "sport/tennis/player1/score/wimbledon",
        true,
    ),
    ("sport/#", "sport", true),
    ("#", "sport/tennis/player1", true),
    // 4.7.1.3 Single-level wildcard
    ("sport/tennis/+", "sport/tennis/player1", true),
    ("sport/tennis/+", "sport/tennis/player2", true),
    ("sport/tennis/+", "sport/tennis/player1/ranking", false),
    ("sport/+", "sport", false),
    ("sport/+", "sport/", true),
    ("sport/+", "sport/tennis/player1", false),
    ("+/+", "/finance", true),
    ("/+", "/finance", true),
    ("+", "/finance", false),
    ("+/tennis/#", "sport/tennis/player1", true),
    ("sport/+/player1", "sport/tennis/player1", true),
    // 4.7.2 Topics beginning with $
    ("#", "$SYS/x", false),
    ("#", "$SYS", false),
    ("+/monitor/Clients", "$SYS/monitor/Clients", false),
    ("$SYS/#", "$SYS/x", true),
    ("$SYS/#", "$SYS", true),
    ("$SYS/monitor/+", "$SYS/monitor/Clients", true),
    // 4.7.3 Topic semantic: case sensitive, spaces significant
    ("ACCOUNTS", "Accounts", false),
    ("Accounts payable", "Accounts payable", true),
    ("/finance", "finance", false),
];

fn trie_matches(filter: &str, topic: &str) -> bool {
    let mut trie = SubscriptionTrie::new();
    trie.insert(filter, (), ());
    let mut hits = 0;
    trie.for_each_match(topic, |matched, _, _| {
        assert_eq!(matched, filter);
        hits += 1;
    });
    assert!(hits <= 1);
    hits == 1
}

#[test]
fn spec_examples_are_valid() {
    for &(filter, topic, _) in SPEC_EXAMPLES {
        assert_eq!(validate_topic_filter(filter), Ok(()), "{filter:?}");
        assert_eq!(validate_topic_name(topic), Ok(()), "{topic:?}");
    }
}

#[test]
fn spec_examples_with_filter_matches() {
    for &(filter, topic, expected) in SPEC_EXAMPLES {
        assert_eq!(
            filter_matches(filter, topic),
            expected,
            "{filter:?} vs {topic:?}"
        );
    }
}

#[test]
fn spec_examples_with_trie() {
    for &(filter, topic, expected) in SPEC_EXAMPLES {
        assert_eq!(
            trie_matches(filter, topic),
            expected,
            "{filter:?} vs {topic:?}"
        );
    }
}

#[test]
fn spec_examples_all_in_one_trie() {
    let mut trie = SubscriptionTrie::new();
    for (i, &(filter, _, _)) in SPEC_EXAMPLES.iter().enumerate() {
        trie.insert(filter, i, ());
    }
    for &(_, topic, _) in SPEC_EXAMPLES {
        let mut got = Vec::new();
        trie.for_each_match(topic, |filter, key, _| {
            assert_eq!(SPEC_EXAMPLES[*key].0, filter);
            got.push(*key);
        });
        got.sort_unstable();
        let want: Vec<usize> = (0..SPEC_EXAMPLES.len())
            .filter(|&i| filter_matches(SPEC_EXAMPLES[i].0, topic))
            .collect();
        assert_eq!(got, want, "{topic:?}");
    }
}
