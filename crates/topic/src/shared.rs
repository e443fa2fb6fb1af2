//! MQTT 5.0 shared subscriptions (`$share/{ShareName}/{filter}`, section
//! 4.8.2), split into their group and topic filter at the protocol boundary
//! so the rest of the broker only ever sees validated parts.

use std::fmt;

use crate::validate::{check_common, validate_topic_filter};
use crate::TopicError;

/// The first level that marks a shared subscription.
const SHARE_LEVEL: &str = "$share";

/// A well-formed shared subscription, `$share/{group}/{filter}`.
///
/// Both parts borrow from the string they were parsed from; `Display`
/// writes the original `$share/{group}/{filter}` form back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SharedFilter<'a> {
    /// The ShareName: non-empty, without `/`, `+` or `#`.
    pub group: &'a str,
    /// The topic filter the group subscribes to; a valid topic filter.
    pub filter: &'a str,
}

impl<'a> SharedFilter<'a> {
    /// Parses and fully validates a subscription filter as sent in SUBSCRIBE.
    ///
    /// Returns `Ok(Some(_))` for a well-formed `$share/{ShareName}/{filter}`,
    /// `Ok(None)` for a valid ordinary topic filter, and an error otherwise,
    /// including for any string whose first level is `$share` but which is
    /// not a well-formed shared subscription (e.g. `$share/g`).
    pub fn parse(raw: &'a str) -> Result<Option<Self>, TopicError> {
        check_common(raw)?;
        let rest = match raw.strip_prefix(SHARE_LEVEL) {
            Some("") => return Err(TopicError::InvalidShareName),
            Some(rest) if rest.starts_with('/') => &rest[1..],
            _ => {
                validate_topic_filter(raw)?;
                return Ok(None);
            }
        };
        let (group, filter) = match rest.split_once('/') {
            Some((group, filter)) => (group, Some(filter)),
            None => (rest, None),
        };
        if group.is_empty() || group.contains(['+', '#']) {
            return Err(TopicError::InvalidShareName);
        }
        let filter = match filter {
            Some(filter) if !filter.is_empty() => filter,
            _ => return Err(TopicError::MissingSharedTopicFilter),
        };
        validate_topic_filter(filter)?;
        Ok(Some(SharedFilter { group, filter }))
    }
}

impl fmt::Display for SharedFilter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{SHARE_LEVEL}/{}/{}", self.group, self.filter)
    }
}

/// Validates a subscription filter as sent in SUBSCRIBE and splits off the
/// share group, if any.
///
/// Returns `(Some(group), filter)` for `$share/{group}/{filter}` and
/// `(None, raw)` for an ordinary topic filter. Both the ShareName rules
/// [MQTT-4.8.2-1] [MQTT-4.8.2-2] and all topic filter rules (see
/// [`validate_topic_filter`]) are enforced; a string starting with the level
/// `$share` that is not a well-formed shared subscription is an error.
///
/// ```
/// use tern_topic::parse_subscription_filter;
/// assert_eq!(parse_subscription_filter("$share/g/a/+"), Ok((Some("g"), "a/+")));
/// assert_eq!(parse_subscription_filter("a/#"), Ok((None, "a/#")));
/// assert!(parse_subscription_filter("$share/g").is_err());
/// ```
pub fn parse_subscription_filter(raw: &str) -> Result<(Option<&str>, &str), TopicError> {
    Ok(match SharedFilter::parse(raw)? {
        Some(shared) => (Some(shared.group), shared.filter),
        None => (None, raw),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_filters_pass_through() {
        for raw in [
            "a/b",
            "#",
            "+/x",
            "$SYS/#",
            "$shared/x",
            "$sharex",
            "x/$share/y",
        ] {
            assert_eq!(parse_subscription_filter(raw), Ok((None, raw)), "{raw:?}");
        }
        assert_eq!(
            parse_subscription_filter("a/#/b"),
            Err(TopicError::MisplacedMultiLevelWildcard)
        );
        assert_eq!(parse_subscription_filter(""), Err(TopicError::Empty));
    }

    #[test]
    fn well_formed_shared_subscriptions() {
        let cases = [
            ("$share/g/a", "g", "a"),
            (
                "$share/consumer1/sport/tennis/+",
                "consumer1",
                "sport/tennis/+",
            ),
            ("$share/g/#", "g", "#"),
            ("$share/g//", "g", "/"),
            ("$share/g/$SYS/#", "g", "$SYS/#"),
            ("$share/$g€/a", "$g€", "a"),
        ];
        for (raw, group, filter) in cases {
            assert_eq!(
                parse_subscription_filter(raw),
                Ok((Some(group), filter)),
                "{raw:?}"
            );
            let shared = SharedFilter::parse(raw).unwrap().unwrap();
            assert_eq!(shared, SharedFilter { group, filter });
            assert_eq!(shared.to_string(), raw);
        }
    }

    #[test]
    fn malformed_share_names() {
        for raw in [
            "$share",
            "$share/",
            "$share//a",
            "$share/g+/a",
            "$share/#",
            "$share/+/a",
        ] {
            assert_eq!(
                parse_subscription_filter(raw),
                Err(TopicError::InvalidShareName),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn missing_or_invalid_shared_topic_filter() {
        for raw in ["$share/g", "$share/g/"] {
            assert_eq!(
                parse_subscription_filter(raw),
                Err(TopicError::MissingSharedTopicFilter),
                "{raw:?}"
            );
        }
        assert_eq!(
            parse_subscription_filter("$share/g/a/#/b"),
            Err(TopicError::MisplacedMultiLevelWildcard)
        );
        assert_eq!(
            parse_subscription_filter("$share/g/a+"),
            Err(TopicError::MisplacedSingleLevelWildcard)
        );
        assert_eq!(
            parse_subscription_filter("$share/g\0/a"),
            Err(TopicError::NullCharacter)
        );
        let long = format!("$share/g/{}", "a".repeat(65_530));
        assert_eq!(
            parse_subscription_filter(&long),
            Err(TopicError::TooLong { len: long.len() })
        );
    }
}
