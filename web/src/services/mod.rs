//! Services: everything that talks to the outside world (the broker, the
//! browser's storage and URL), kept apart from the components.

pub mod commands;
pub mod credentials;
pub mod mqtt;

#[cfg(target_arch = "wasm32")]
pub mod storage;
