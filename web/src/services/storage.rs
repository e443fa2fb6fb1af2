//! The browser side of logging in: the connect screen's fields kept in
//! `sessionStorage` for the tab's session, the URL fragment (`#token=…&url=…`),
//! and the page's own location (the default broker URL); and the Broker
//! view's metrics token, kept in `localStorage` (see
//! [`crate::services::metrics_token`]).

use crate::services::credentials::{default_ws_url, parse_fragment, FragmentLogin, Login};
use crate::services::metrics_token;

const KEY: &str = "tern.dashboard.login";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The login kept for this tab, if any.
pub fn load_login() -> Option<Login> {
    let text = session_storage()?.get_item(KEY).ok().flatten()?;
    Login::from_json(&text)
}

/// Keeps `login` for this tab (sessionStorage: gone when the tab closes).
pub fn save_login(login: &Login) {
    if let Some(s) = session_storage() {
        let _ = s.set_item(KEY, &login.to_json());
    }
}

/// Forgets the kept login (on disconnect).
pub fn clear_login() {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(KEY);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The metrics token kept in this browser, if any.
pub fn load_metrics_token() -> Option<String> {
    let text = local_storage()?
        .get_item(metrics_token::STORAGE_KEY)
        .ok()
        .flatten()?;
    metrics_token::normalize(&text)
}

/// Keeps `token` in this browser (localStorage: it outlives the tab), or
/// forgets the kept one when `token` is `None`.
pub fn save_metrics_token(token: Option<&str>) {
    if let Some(s) = local_storage() {
        let _ = match token {
            Some(t) => s.set_item(metrics_token::STORAGE_KEY, t),
            None => s.remove_item(metrics_token::STORAGE_KEY),
        };
    }
}

/// The WebSocket URL of the broker that served this page (`ws(s)://host/mqtt`);
/// in a development build served by `trunk serve`, the broker on port 8080
/// (see [`crate::services::credentials::trunk_serve_ws_url`]).
pub fn page_ws_url() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return "ws://127.0.0.1:8080/mqtt".into();
    };
    let protocol = loc.protocol().unwrap_or_default();
    let host = loc.host().unwrap_or_default();
    if cfg!(debug_assertions) {
        let hostname = loc.hostname().unwrap_or_default();
        let port = loc.port().unwrap_or_default();
        if let Some(url) =
            crate::services::credentials::trunk_serve_ws_url(&protocol, &hostname, &port)
        {
            return url;
        }
    }
    if host.is_empty() {
        "ws://127.0.0.1:8080/mqtt".into()
    } else {
        default_ws_url(&protocol, &host)
    }
}

/// Reads `#token=…&url=…` and removes the login from the address bar, so the
/// token is not left in the history or copied with the link; a route in
/// front of it (`#/broker&token=…`, see [`crate::route`]) stays.
pub fn take_fragment() -> FragmentLogin {
    let Some(window) = web_sys::window() else {
        return FragmentLogin::default();
    };
    let hash = window.location().hash().unwrap_or_default();
    let parsed = parse_fragment(&hash);
    if parsed.token.is_some() || parsed.url.is_some() {
        if let (Ok(history), Ok(path), Ok(search)) = (
            window.history(),
            window.location().pathname(),
            window.location().search(),
        ) {
            let route = crate::route::route_part(&hash)
                .map(|r| format!("#{r}"))
                .unwrap_or_default();
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}{search}{route}")),
            );
        }
    }
    parsed
}
