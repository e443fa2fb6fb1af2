//! Transports: listeners that turn sockets into byte streams for connections.
//!
//! Listeners never parse MQTT: TCP hands its socket to the connection as is,
//! HTTP upgrades `/mqtt` to a WebSocket and hands over a byte-stream view of it.

pub mod http;
pub mod tcp;
pub mod ws_stream;
