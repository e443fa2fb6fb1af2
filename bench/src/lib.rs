//! `tern-bench`: a loopback-only MQTT load generator for comparing brokers.
//!
//! It speaks MQTT 3.1.1 and 5.0 over TCP and WebSocket through a small
//! hand-written client ([`client`], [`wire`]) so the generator stays cheaper
//! than the broker it measures and does not share the broker's protocol
//! library. Every scenario ([`scenario`]) is bounded in time and messages,
//! stamps a publisher id, a sequence number and a send time into each payload
//! ([`payload`]) and reports delivered messages per second, loss, duplicates,
//! reordering, latency percentiles ([`track`]), and the CPU and memory of the
//! broker and of the generator itself ([`procstat`]) as a [`report::Report`].
//! [`relay`] holds the ceilings: byte movers that do no broker work;
//! [`summary`] turns rounds of JSON reports into medians and ratios.

pub mod client;
pub mod payload;
pub mod procstat;
pub mod relay;
pub mod report;
pub mod scenario;
pub mod summary;
pub mod target;
pub mod track;
pub mod wire;

pub use report::Report;
pub use scenario::Env;
pub use target::Target;
pub use wire::Version;
