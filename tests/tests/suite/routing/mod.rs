//! Routing of MQTT messages to a webhook as CloudEvents, against a real HTTP
//! receiver (hyper on 127.0.0.1:0) that checks what it gets and answers, per
//! topic, the statuses a test scripts: the envelope and enrichments, topic
//! filters, retries, statuses that are not retried, dead letters listed by the
//! admin API, a full queue, and bad routes refused with the field and rule.
//!
//! The tests are in one module per topic: `events` (envelope, enrichments,
//! filters), `delivery` (retries, dead letters, queues) and `endpoints`
//! (route validation, the handshake, HTTPS); `receiver` and `support` are
//! their shared webhook and broker.

mod delivery;
mod endpoints;
mod events;
mod receiver;
mod support;
