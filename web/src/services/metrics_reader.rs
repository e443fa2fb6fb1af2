//! Reads the broker's `/metrics` (same origin as the dashboard) with
//! `fetch`, with `Authorization: Bearer <token>` when the Broker view has a
//! metrics token (see [`crate::services::metrics_token`]); says why it could
//! not ([`MetricsFailure`], which never holds the token).

use crate::services::metrics_token;
use crate::state::metrics_failure::MetricsFailure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The exposition text of the page's `/metrics`, read with `token` if given.
pub async fn read_metrics(token: Option<&str>) -> Result<String, MetricsFailure> {
    let unreadable = |why: &str| MetricsFailure::Unreadable(why.to_string());
    let window = web_sys::window().ok_or_else(|| unreadable("no window"))?;
    let headers = web_sys::Headers::new().map_err(|_| unreadable("no Headers"))?;
    if let Some(token) = token {
        headers
            .set("Authorization", &metrics_token::bearer(token))
            .map_err(|_| {
                unreadable("the metrics token cannot be sent in an HTTP header (it has characters outside Latin-1)")
            })?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init("/metrics", &init)
        .map_err(|_| unreadable("the /metrics request could not be made"))?;
    let response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| unreadable("the broker could not be reached"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| unreadable("not an HTTP response"))?;
    if !response.ok() {
        return Err(MetricsFailure::from_status(
            response.status(),
            token.is_some(),
        ));
    }
    let text = response.text().map_err(|_| unreadable("no body"))?;
    let text = JsFuture::from(text)
        .await
        .map_err(|_| unreadable("the body could not be read"))?;
    Ok(text.as_string().unwrap_or_default())
}
