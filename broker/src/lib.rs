//! Tern: a self-hosted MQTT 3.1.1 and 5.0 broker.
//!
//! Start with [`Broker::start`] and a [`Config`]; see ARCHITECTURE.md for the
//! map of the modules and how a PUBLISH flows through them. The public
//! modules are the ones the binary, the tests, the benchmarks and the fuzz
//! targets use; the rest are the broker's own.

pub mod access;
pub mod admin;
mod broker;
pub mod certs;
pub mod config;
mod connection;
pub mod demo;
mod failed_auth;
mod lifecycle;
pub mod message;
pub mod metrics;
pub mod peer;
pub mod pending;
mod percent;
mod quota;
mod retained;
pub mod router;
pub mod routing;
pub mod session;
pub mod state;
mod store;
mod tls;
pub mod transport;
pub mod version;
pub mod x509;

pub use broker::{Broker, StartError};
pub use config::Config;
/// Serves one client connection over any byte stream until it ends: what the
/// listeners call once they have a stream (after the TLS handshake or the
/// WebSocket upgrade). Public so that a connection can be driven over an
/// in-memory stream (`tokio::io::duplex`) with a hand-built
/// [`state::BrokerState`], as the fuzz targets in `fuzz/` do.
pub use connection::serve as serve_connection;
