//! Syntax checks for topic names (PUBLISH) and topic filters (SUBSCRIBE,
//! UNSUBSCRIBE), so malformed input is rejected at the protocol boundary and
//! the matching code can assume well-formed strings.
//!
//! Valid UTF-8 is already guaranteed by `&str`.

use crate::TopicError;

/// Largest allowed topic name or topic filter, in bytes [MQTT-4.7.3-3].
pub const MAX_TOPIC_LEN: usize = 65_535;

/// Checks the rules shared by topic names and topic filters.
pub(crate) fn check_common(s: &str) -> Result<(), TopicError> {
    if s.is_empty() {
        return Err(TopicError::Empty);
    }
    if s.len() > MAX_TOPIC_LEN {
        return Err(TopicError::TooLong { len: s.len() });
    }
    if s.contains('\0') {
        return Err(TopicError::NullCharacter);
    }
    Ok(())
}

/// Validates a topic name as sent in PUBLISH (or a Will topic).
///
/// Rejects the empty string [MQTT-4.7.3-1], wildcards `+` and `#`
/// [MQTT-3.3.2-2], U+0000 [MQTT-4.7.3-2] and more than 65535 bytes
/// [MQTT-4.7.3-3].
pub fn validate_topic_name(topic: &str) -> Result<(), TopicError> {
    check_common(topic)?;
    if topic.contains(['+', '#']) {
        return Err(TopicError::WildcardInTopicName);
    }
    Ok(())
}

/// Validates a topic filter as sent in SUBSCRIBE or UNSUBSCRIBE.
///
/// Rejects the empty string [MQTT-4.7.3-1], a `#` that is not the whole last
/// level [MQTT-4.7.1-2], a `+` that is not a whole level [MQTT-4.7.1-3],
/// U+0000 [MQTT-4.7.3-2] and more than 65535 bytes [MQTT-4.7.3-3].
///
/// `$share/...` strings are checked here as plain filters; use
/// [`crate::parse_subscription_filter`] to accept shared subscriptions.
pub fn validate_topic_filter(filter: &str) -> Result<(), TopicError> {
    check_common(filter)?;
    let mut levels = filter.split('/').peekable();
    while let Some(level) = levels.next() {
        let is_last = levels.peek().is_none();
        if level.contains('#') && (level != "#" || !is_last) {
            return Err(TopicError::MisplacedMultiLevelWildcard);
        }
        if level.contains('+') && level != "+" {
            return Err(TopicError::MisplacedSingleLevelWildcard);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_names() {
        for ok in [
            "a", "/", "a/b", "a//b", "/finance", "sport/", "$SYS/x", " ", "ü/€",
        ] {
            assert_eq!(validate_topic_name(ok), Ok(()), "{ok:?}");
        }
        assert_eq!(validate_topic_name(""), Err(TopicError::Empty));
        for bad in ["+", "a/+", "#", "a/#", "a+b", "a#"] {
            assert_eq!(
                validate_topic_name(bad),
                Err(TopicError::WildcardInTopicName),
                "{bad:?}"
            );
        }
        assert_eq!(validate_topic_name("a\0b"), Err(TopicError::NullCharacter));
    }

    #[test]
    fn length_limit_is_in_bytes() {
        let max = "a".repeat(MAX_TOPIC_LEN);
        assert_eq!(validate_topic_name(&max), Ok(()));
        assert_eq!(validate_topic_filter(&max), Ok(()));
        let over = "a".repeat(MAX_TOPIC_LEN + 1);
        let err = TopicError::TooLong {
            len: MAX_TOPIC_LEN + 1,
        };
        assert_eq!(validate_topic_name(&over), Err(err));
        assert_eq!(validate_topic_filter(&over), Err(err));
        // 21846 three-byte characters are 65538 bytes, though only 21846 chars.
        let wide = "€".repeat(21_846);
        assert_eq!(
            validate_topic_name(&wide),
            Err(TopicError::TooLong { len: 65_538 })
        );
    }

    #[test]
    fn topic_filters() {
        for ok in [
            "#",
            "+",
            "+/+",
            "/+",
            "a/#",
            "a/+/b",
            "+/#",
            "sport/tennis/player1/#",
            "/",
            "a//b",
            "$SYS/#",
            "$share",
        ] {
            assert_eq!(validate_topic_filter(ok), Ok(()), "{ok:?}");
        }
        assert_eq!(validate_topic_filter(""), Err(TopicError::Empty));
        for bad in ["a/#/b", "#/a", "a#", "a/b#", "##", "sport/tennis#", "#/"] {
            assert_eq!(
                validate_topic_filter(bad),
                Err(TopicError::MisplacedMultiLevelWildcard),
                "{bad:?}"
            );
        }
        for bad in ["a+", "a/+b", "++", "sport+", "+a/b"] {
            assert_eq!(
                validate_topic_filter(bad),
                Err(TopicError::MisplacedSingleLevelWildcard),
                "{bad:?}"
            );
        }
        assert_eq!(
            validate_topic_filter("a/\0/#"),
            Err(TopicError::NullCharacter)
        );
    }
}
