//! Tern: a self-hosted MQTT 3.1.1 and 5.0 broker.
//!
//! Start with [`Broker::start`] and a [`Config`]; see ARCHITECTURE.md for the
//! map of the modules and how a PUBLISH flows through them.

pub mod access;
pub mod admin;
pub mod auth;
mod broker;
pub mod certs;
pub mod config;
mod connection;
pub mod demo;
pub mod failed_auth;
pub mod lifecycle;
pub mod message;
pub mod quota;
pub mod retained;
pub mod router;
pub mod session;
pub mod state;
pub mod store;
pub mod tls;
pub mod transport;

pub use broker::{Broker, StartError};
pub use config::Config;
