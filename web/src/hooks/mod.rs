//! Hooks: [`use_dashboard::use_dashboard`] wires the state and the controller
//! (the MQTT client, the event batching, the timers) together;
//! [`use_page::use_page`] keeps the current page in the URL.

pub mod use_dashboard;
pub mod use_page;
