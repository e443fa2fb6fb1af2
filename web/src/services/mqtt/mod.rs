//! The dashboard's MQTT 5 client: a sans-I/O [`session`] on the shared protocol
//! layer, and (in the browser) its WebSocket transport with keep-alive and
//! reconnect.

pub mod session;

#[cfg(target_arch = "wasm32")]
pub mod client;

pub use session::{
    ConnectOptions, Credentials, IncomingPublish, Notice, OutgoingPublish, Output, Session,
    SessionError, Will,
};
