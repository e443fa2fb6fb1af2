//! A small JSON-over-HTTP client for the admin API: the CLI's resource
//! commands and `tern explain` use it, and so do the end-to-end tests.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
/// The HTTP method of a call (re-exported so callers need no hyper dependency).
pub use hyper::Method;
use hyper::{Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use std::time::Duration;

/// Where the admin API is (`--admin URL` / `TERN_ADMIN_URL`) and its bearer
/// token (`TERN_ADMIN_TOKEN`).
#[derive(Debug, Clone)]
pub struct AdminClient {
    /// Base URL of the broker's HTTP listener.
    pub url: String,
    /// Bearer token of the admin API.
    pub token: Option<String>,
}

impl AdminClient {
    /// The API at `url`, with the token from `TERN_ADMIN_TOKEN`.
    pub fn new(url: String) -> Self {
        let token = std::env::var("TERN_ADMIN_TOKEN")
            .ok()
            .filter(|t| !t.is_empty());
        Self { url, token }
    }

    /// Sends one request and returns the JSON answer (`Null` for 204); a 4xx/5xx
    /// becomes an error carrying the API's message and field.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, ClientError> {
        let token = self.token.as_deref().ok_or(ClientError::NoToken)?;
        let url = format!("{}{}", self.url.trim_end_matches('/'), path);
        let failed = |what: String| ClientError::Transport {
            url: url.clone(),
            what,
        };
        let body = match body {
            Some(v) => Bytes::from(serde_json::to_vec(v).map_err(|e| failed(e.to_string()))?),
            None => Bytes::new(),
        };
        let request = Request::builder()
            .method(method)
            .uri(&url)
            .header(hyper::header::AUTHORIZATION, format!("Bearer {token}"))
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .body(Full::new(body))
            .map_err(|e| failed(e.to_string()))?;
        let client = Client::builder(TokioExecutor::new()).build_http();
        let response = tokio::time::timeout(TIMEOUT, client.request(request))
            .await
            .map_err(|_| failed(format!("no answer within {TIMEOUT:?}")))?
            .map_err(|e| failed(format!("cannot reach the admin API: {e}")))?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| failed(e.to_string()))?
            .to_bytes();
        if status.is_success() && (status == StatusCode::NO_CONTENT || bytes.is_empty()) {
            return Ok(Value::Null);
        }
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|_| failed(format!("answer is not JSON ({status})")))?;
        if !status.is_success() {
            let error = &value["error"];
            return Err(ClientError::Api {
                status: status.as_u16(),
                message: error["message"]
                    .as_str()
                    .unwrap_or("request failed")
                    .to_owned(),
                field: error["field"].as_str().map(str::to_owned),
            });
        }
        Ok(value)
    }
}

/// How long one API call may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Why an admin API call failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// No bearer token was given.
    #[error("no admin token: set TERN_ADMIN_TOKEN")]
    NoToken,
    /// The API could not be reached or answered something unreadable.
    #[error("{url}: {what}")]
    Transport {
        /// The URL called.
        url: String,
        /// What went wrong.
        what: String,
    },
    /// The API refused the request.
    #[error("{status}: {message}{}", field.as_deref().map(|f| format!(" (field '{f}')")).unwrap_or_default())]
    Api {
        /// HTTP status.
        status: u16,
        /// The API's message.
        message: String,
        /// The field at fault, if any.
        field: Option<String>,
    },
}

/// Percent-encodes a path segment or query value (everything but unreserved characters).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
