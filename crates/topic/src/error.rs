//! The single error type of this crate, one variant per spec rule, so callers
//! can map a rejection to the right MQTT reason code and log why.

use thiserror::Error;

/// Why a topic name, topic filter or shared subscription was rejected.
///
/// Each message quotes the normative statement of the MQTT specification
/// (identifiers as in MQTT 5.0; 3.1.1 uses the same rules) that it enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
pub enum TopicError {
    /// The topic name or filter is the empty string.
    #[error("topic names and topic filters must be at least one character long [MQTT-4.7.3-1]")]
    Empty,

    /// The topic name or filter is longer than [`crate::MAX_TOPIC_LEN`] bytes.
    #[error("topic is {len} bytes long; topic names and topic filters must not encode to more than 65535 bytes [MQTT-4.7.3-3]")]
    TooLong {
        /// Length of the rejected string in bytes.
        len: usize,
    },

    /// The topic name or filter contains U+0000.
    #[error(
        "topic names and topic filters must not include the null character U+0000 [MQTT-4.7.3-2]"
    )]
    NullCharacter,

    /// A topic name (as used in PUBLISH) contains `+` or `#`.
    #[error("topic name must not contain wildcard characters [MQTT-3.3.2-2]")]
    WildcardInTopicName,

    /// A `#` in a topic filter is not a whole level, or not the last level.
    #[error("the multi-level wildcard '#' must occupy an entire level and be the last level of a topic filter [MQTT-4.7.1-2]")]
    MisplacedMultiLevelWildcard,

    /// A `+` in a topic filter does not occupy a whole level.
    #[error("the single-level wildcard '+' must occupy an entire level of a topic filter [MQTT-4.7.1-3]")]
    MisplacedSingleLevelWildcard,

    /// The ShareName of `$share/{ShareName}/{filter}` is empty or contains `/`, `+` or `#`.
    #[error("a shared subscription's ShareName must be at least one character long and must not contain '/', '+' or '#' [MQTT-4.8.2-1]")]
    InvalidShareName,

    /// The ShareName of `$share/{ShareName}/{filter}` is not followed by `/` and a topic filter.
    #[error("a shared subscription's ShareName must be followed by '/' and a topic filter [MQTT-4.8.2-2]")]
    MissingSharedTopicFilter,
}

#[cfg(test)]
mod tests {
    use super::TopicError;

    #[test]
    fn messages_quote_the_spec_rule() {
        let all = [
            TopicError::Empty,
            TopicError::TooLong { len: 70_000 },
            TopicError::NullCharacter,
            TopicError::WildcardInTopicName,
            TopicError::MisplacedMultiLevelWildcard,
            TopicError::MisplacedSingleLevelWildcard,
            TopicError::InvalidShareName,
            TopicError::MissingSharedTopicFilter,
        ];
        for err in all {
            let msg = err.to_string();
            assert!(msg.contains("[MQTT-"), "{msg}");
            assert!(msg.ends_with(']'), "{msg}");
        }
        assert_eq!(
            TopicError::WildcardInTopicName.to_string(),
            "topic name must not contain wildcard characters [MQTT-3.3.2-2]"
        );
        assert!(TopicError::TooLong { len: 70_000 }
            .to_string()
            .contains("70000"));
    }
}
