//! Matching of a single topic filter against a single topic name (MQTT 5.0
//! section 4.7). This is the reference semantics: [`crate::SubscriptionTrie`]
//! must agree with it, and it is what retained-message delivery uses.

/// Splits the next level off a topic, the same levels as `split('/')`.
///
/// `rest` is `None` once every level has been consumed, so `"a/"` yields
/// `"a"` and then `""`, and `""` yields one empty level.
#[inline]
pub(crate) fn next_level(rest: &str) -> (&str, Option<&str>) {
    match rest.split_once('/') {
        Some((level, tail)) => (level, Some(tail)),
        None => (rest, None),
    }
}

/// Returns whether `topic` (a topic name) matches `filter` (a topic filter).
///
/// * `+` matches exactly one level, which may be empty (`sport/+` matches `sport/`).
/// * `#` matches any number of levels including the parent level itself
///   (`a/#` matches `a`, `a/b` and `a/b/c`).
/// * Filters starting with a wildcard do not match topics starting with `$`
///   (`#` does not match `$SYS/x`, `$SYS/#` does) [MQTT-4.7.2-1].
///
/// Both arguments are expected to be valid (see
/// [`crate::validate_topic_filter`] and [`crate::validate_topic_name`]); for
/// invalid input the result is unspecified but the function never panics.
pub fn filter_matches(filter: &str, topic: &str) -> bool {
    let wildcard_may_match_first = !topic.starts_with('$');
    let mut filter_levels = filter.split('/');
    let mut topic_levels = topic.split('/');
    let mut first = true;
    loop {
        match (filter_levels.next(), topic_levels.next()) {
            (Some("#"), _) => return wildcard_may_match_first || !first,
            (Some("+"), Some(_)) => {
                if first && !wildcard_may_match_first {
                    return false;
                }
            }
            (Some(f), Some(t)) => {
                if f != t {
                    return false;
                }
            }
            (None, None) => return true,
            (Some(_), None) | (None, Some(_)) => return false,
        }
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_level_agrees_with_split() {
        for topic in ["", "a", "/", "a/", "/a", "a//b", "a/b/c", "//"] {
            let mut levels = Vec::new();
            let mut rest = Some(topic);
            while let Some(r) = rest {
                let (level, tail) = next_level(r);
                levels.push(level);
                rest = tail;
            }
            assert_eq!(levels, topic.split('/').collect::<Vec<_>>(), "{topic:?}");
        }
    }

    #[test]
    fn literal_filters() {
        assert!(filter_matches("a/b", "a/b"));
        assert!(filter_matches("/", "/"));
        assert!(!filter_matches("a/b", "a/b/c"));
        assert!(!filter_matches("a/b/c", "a/b"));
        assert!(!filter_matches("a/b", "a/c"));
        assert!(!filter_matches("a", "a/"));
        assert!(!filter_matches("A", "a"), "matching is case sensitive");
        assert!(!filter_matches("a ", "a"), "spaces are significant");
    }

    #[test]
    fn single_level_wildcard() {
        assert!(filter_matches("+", "a"));
        assert!(!filter_matches("+", "a/b"));
        assert!(!filter_matches("+", "/a"));
        assert!(filter_matches("a/+/c", "a/b/c"));
        assert!(filter_matches("a/+/c", "a//c"));
        assert!(!filter_matches("a/+/c", "a/b/d"));
        assert!(filter_matches("+/+", "/"));
        assert!(!filter_matches("a/+", "a"));
    }

    #[test]
    fn multi_level_wildcard() {
        assert!(filter_matches("#", "a"));
        assert!(filter_matches("#", "/"));
        assert!(filter_matches("#", "a/b/c"));
        assert!(filter_matches("a/#", "a"));
        assert!(filter_matches("a/#", "a/"));
        assert!(filter_matches("a/#", "a/b/c"));
        assert!(!filter_matches("a/#", "b/a"));
        assert!(!filter_matches("a/b/#", "a"));
        assert!(filter_matches("+/#", "a"));
        assert!(filter_matches("/#", "/"));
        assert!(!filter_matches("/#", "a"));
    }

    #[test]
    fn dollar_topics() {
        assert!(!filter_matches("#", "$SYS"));
        assert!(!filter_matches("#", "$SYS/x"));
        assert!(!filter_matches("+", "$SYS"));
        assert!(!filter_matches("+/x", "$SYS/x"));
        assert!(!filter_matches("+/#", "$SYS/x"));
        assert!(filter_matches("$SYS/#", "$SYS/x"));
        assert!(filter_matches("$SYS/#", "$SYS"));
        assert!(filter_matches("$SYS/+", "$SYS/x"));
        assert!(filter_matches("$SYS/x", "$SYS/x"));
        assert!(
            filter_matches("a/+", "a/$b"),
            "only the first level is special"
        );
        assert!(filter_matches("a/#", "a/$b"));
    }
}
