//! Hooks: [`use_dashboard::use_dashboard`] wires the state, the MQTT client
//! and the event batching together.

pub mod use_dashboard;
