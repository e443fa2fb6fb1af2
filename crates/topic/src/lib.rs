//! MQTT topic handling for Tern, kept free of I/O so it can be tested in
//! isolation and reused anywhere (including `wasm32-unknown-unknown`).
//!
//! Every broker needs the same five things from topics, and getting any of
//! them subtly wrong breaks interoperability, so they live here, next to the
//! spec rules they implement:
//!
//! * validation of PUBLISH topic names and SUBSCRIBE topic filters
//!   ([`validate_topic_name`], [`validate_topic_filter`]),
//! * parsing of MQTT 5.0 shared subscriptions, `$share/{ShareName}/{filter}`
//!   ([`parse_subscription_filter`], [`SharedFilter`]),
//! * matching one filter against one topic ([`filter_matches`]), the
//!   reference semantics,
//! * an index of many subscriptions answering "who is subscribed to this
//!   topic?" on the publish hot path ([`SubscriptionTrie`]),
//! * an index of values by topic answering "which topics match this
//!   filter?", for retained messages ([`TopicMap`]).
//!
//! Errors are reported as [`TopicError`], whose messages quote the
//! normative statement of the MQTT specification that was violated.

mod error;
mod matching;
mod shared;
mod stack;
mod topic_map;
mod trie;
mod validate;

pub use error::TopicError;
pub use matching::filter_matches;
pub use shared::{parse_subscription_filter, SharedFilter};
pub use topic_map::TopicMap;
pub use trie::SubscriptionTrie;
pub use validate::{validate_topic_filter, validate_topic_name, MAX_TOPIC_LEN};
