//! Fuzz target `template`: bytes → topic templates (`tern_access::Template`),
//! filter coverage (`filter_covers`) and, under them, `tern-topic`'s
//! validation, matching and subscription trie.
//!
//! Input: `template NUL topic NUL filter NUL principal-bytes` (texts lossy
//! UTF-8; missing parts are empty).
//!
//! Checks, besides "no panic":
//! - an expanded template is a valid topic filter;
//! - `matches_topic` gives `filter_matches(expand(p)?, topic)`, error for error;
//! - coverage is sound: when the expansion covers the filter, every topic the
//!   filter matches (the input topic, and the filter with its wildcards
//!   filled in) is matched by the expansion; a valid filter covers itself;
//! - a `SubscriptionTrie` holding the expansion and the filter finds exactly
//!   the ones `filter_matches` matches.

use crate::common::{principal, take_text};
use tern_access::{filter_covers, Template};
use tern_topic::{filter_matches, validate_topic_filter, validate_topic_name, SubscriptionTrie};

/// The fuzz target.
pub fn run(data: &[u8]) {
    let (template, rest) = take_text(data);
    let (topic, rest) = take_text(rest);
    let (filter, rest) = take_text(rest);
    let mut u = arbitrary::Unstructured::new(rest);
    let p = principal(&mut u);
    let topic_ok = validate_topic_name(&topic).is_ok();
    let filter_ok = validate_topic_filter(&filter).is_ok();
    if filter_ok {
        assert!(
            filter_covers(&filter, &filter),
            "{filter:?} does not cover itself"
        );
        if topic_ok {
            check_trie(&[filter.as_str()], &topic);
        }
    }
    let Ok(t) = Template::parse(&template) else {
        return;
    };
    let expanded = t.expand(&p);
    if let Ok(e) = &expanded {
        assert!(
            validate_topic_filter(e).is_ok(),
            "{template:?} expands to {e:?}, not a valid filter, for {p:?}"
        );
        if !t.has_variables() {
            assert_eq!(e, &template);
        }
    }
    if topic_ok {
        let direct = t.matches_topic(&p, &topic);
        match (&expanded, direct) {
            (Ok(e), Ok(m)) => assert_eq!(
                m,
                filter_matches(e, &topic),
                "matches_topic({template:?}, {topic:?}) vs expansion {e:?} for {p:?}"
            ),
            (Err(_), Err(_)) => {}
            (e, m) => panic!("expand {e:?} but matches_topic {m:?} for {template:?}, {topic:?}"),
        }
    }
    let Ok(e) = expanded else {
        return;
    };
    if filter_ok && filter_covers(&e, &filter) {
        for instance in [topic.clone(), instance_of(&filter)] {
            if validate_topic_name(&instance).is_ok() && filter_matches(&filter, &instance) {
                assert!(
                    filter_matches(&e, &instance),
                    "{e:?} covers {filter:?}, which matches {instance:?}, but {e:?} does not"
                );
            }
        }
    }
    if topic_ok {
        if filter_ok {
            check_trie(&[e.as_str(), filter.as_str()], &topic);
        } else {
            check_trie(&[e.as_str()], &topic);
        }
    }
}

/// A topic `filter` matches: `+` and `#` filled in with literal levels.
fn instance_of(filter: &str) -> String {
    filter
        .split('/')
        .map(|level| match level {
            "+" => "x",
            "#" => "y/z",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The trie's matches for `topic` are exactly the filters `filter_matches` matches.
fn check_trie(filters: &[&str], topic: &str) {
    let mut trie = SubscriptionTrie::new();
    for (i, f) in filters.iter().enumerate() {
        trie.insert(f, i, ());
    }
    let mut found: Vec<usize> = Vec::new();
    trie.for_each_match(topic, |_, k, _| found.push(*k));
    found.sort_unstable();
    let expected: Vec<usize> = (0..filters.len())
        .filter(|&i| filter_matches(filters[i], topic))
        .collect();
    assert_eq!(
        found, expected,
        "trie vs filter_matches for {filters:?} and {topic:?}"
    );
}
