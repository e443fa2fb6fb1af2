//! Tern's end-to-end tests, over real sockets with real clients: one test
//! binary for all of them (each file below is a module), because every
//! binary links the whole broker, and two dozen of them took gigabytes of
//! disk and minutes of linking. nextest still runs each test in its own
//! process; `cargo nextest run -p tern-tests -E 'test(/^quotas::/)'` runs one module.

mod common;
mod tls_support;

mod access_hostile;
mod access_jwt;
mod access_live;
mod access_property;
mod access_seeds;
mod access_webhook;
mod architecture_doc;
mod conformance_checks;
mod connect;
mod delivery;
mod flow;
mod lifecycle;
mod metrics;
mod open_mode_and_aliases;
mod pending_limits;
mod persistence;
mod quotas;
mod raw_protocol;
mod routing;
mod sessions;
mod slow_consumers;
mod subscriptions;
mod third_party_clients;
mod tls;
mod wills;
mod ws_protocol;
