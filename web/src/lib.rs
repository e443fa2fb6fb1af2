//! Tern's dashboard: a Yew application that plays the "cloud application" of
//! MQTT request-response. It sends desired-property commands to devices, shows
//! their reported responses, and tracks their online/offline state from will
//! messages.
//!
//! The pure parts ([`state`], [`route`], [`services::mqtt::session`],
//! [`services::commands`], [`services::credentials`]) build and test on any
//! target; the components, pages, hooks and the WebSocket transport exist only
//! on `wasm32`.

pub mod route;
pub mod services;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod pages;

/// Mounts the dashboard on the page's `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
