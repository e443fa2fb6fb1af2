//! The MQTT protocol layer shared by the broker and the browser dashboard.
//!
//! Tern does not implement the MQTT wire format itself: it uses
//! [`mqtt_protocol_core`], a sans-I/O implementation of MQTT 3.1.1 and 5.0 with
//! client and server roles (see ARCHITECTURE.md for why). This crate re-exports
//! it as [`mqtt`] so both sides depend on one version with one feature set, and
//! adds the few helpers both sides need: encoding a packet into a write buffer
//! and describing reason codes to people.

pub use mqtt_protocol_core::mqtt;

mod encode;
mod reason;

pub use encode::encode_into;
pub use reason::{connect_reason_text, disconnect_reason_text};
