//! Services: everything that talks to the outside world (the broker, the
//! browser's storage and URL), kept apart from the components and from the
//! pure state; [`controller`] ties them together in the browser.

pub mod commands;
pub mod credentials;
pub mod metrics_token;
pub mod mqtt;

#[cfg(target_arch = "wasm32")]
pub mod controller;
#[cfg(target_arch = "wasm32")]
pub mod metrics_reader;
#[cfg(target_arch = "wasm32")]
pub mod storage;
