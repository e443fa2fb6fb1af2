//! Transports: listeners that turn sockets into byte streams for connections.
//!
//! Listeners never parse MQTT: TCP hands its socket to the connection as is,
//! TLS hands over the decrypted stream once the handshake is done, and HTTP(S)
//! upgrades `/mqtt` to a WebSocket and hands over a byte-stream view of it.
//! What a listener learnt about the peer travels with the stream as a
//! [`PeerInfo`].

pub mod http;
pub(crate) mod socket;
mod static_files;
pub mod tcp;
pub mod ws_stream;
