//! Webhook authentication, as Event Grid's: the CONNECT facts are POSTed as
//! JSON to a configured URL, which answers allow (with the authentication
//! name, attributes and an expiration) or deny. A time-out, a transport error
//! or a 5xx means Server unavailable; any other non-2xx or an unreadable body
//! means Not authorized.

use crate::access::ConnectRequest;
use crate::config::WebhookConfig;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tern_access::Attributes;

/// What the webhook receives (Event Grid's field names).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct WebhookRequest<'a> {
    client_id: &'a str,
    user_name: Option<&'a str>,
    /// Base64.
    password: Option<String>,
    authentication_method: Option<&'a str>,
    /// Base64.
    authentication_data: Option<String>,
    /// PEM of the leaf certificate, if the client presented one.
    client_certificate: Option<String>,
    /// PEM of the whole chain, leaf first.
    client_certificate_chain: Option<String>,
    /// In CONNECT's order, duplicates kept (a user property may repeat).
    user_properties: Vec<NameValue<'a>>,
}

/// One user property, as Event Grid's webhook request spells it.
#[derive(Debug, Serialize)]
struct NameValue<'a> {
    name: &'a str,
    value: &'a str,
}

/// What the webhook answers.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WebhookResponse {
    decision: String,
    #[serde(default)]
    client_authentication_name: Option<String>,
    #[serde(default)]
    attributes: Attributes,
    #[serde(default)]
    expiration: Option<u64>,
    #[serde(default)]
    error_reason: Option<String>,
}

/// The webhook's verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookVerdict {
    /// Allowed as this authentication name, with attributes, until `expiration`.
    Allow {
        /// The authentication name (the request's username or client id when the hook gives none).
        authentication_name: String,
        /// Attributes for authorization.
        attributes: Attributes,
        /// Unix seconds after which the client must re-authenticate.
        expiration: Option<u64>,
    },
    /// Denied, with the hook's reason.
    Deny(String),
    /// The hook could not be asked (time-out, transport error, 5xx).
    Unavailable(String),
}

/// A configured authentication webhook.
#[derive(Debug)]
pub struct WebhookAuth {
    url: hyper::Uri,
    timeout: Duration,
    client: Client<HttpConnector, Full<Bytes>>,
}

/// Why the webhook configuration is unusable.
#[derive(Debug, thiserror::Error)]
#[error("access.webhook.url {url:?}: {rule}")]
pub struct WebhookConfigError {
    url: String,
    rule: String,
}

fn pem(der: &[u8]) -> String {
    let body = BASE64.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

/// An allow answer must name a usable client: a non-empty authentication
/// name and attributes that follow the registry's rules (keys `[A-Za-z0-9_]`,
/// under 4 KB in all).
fn check_grant(authentication_name: &str, attributes: &Attributes) -> Result<(), String> {
    if authentication_name.is_empty() {
        return Err("clientAuthenticationName is empty".into());
    }
    if let Some(key) = attributes
        .keys()
        .find(|k| k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        return Err(format!(
            "attribute key {key:?} is not 1 or more of [A-Za-z0-9_]"
        ));
    }
    let size = serde_json::to_vec(attributes).map_or(usize::MAX, |v| v.len());
    if size >= 4096 {
        return Err(format!(
            "attributes take {size} bytes; the limit is under 4096"
        ));
    }
    Ok(())
}

impl WebhookAuth {
    /// A webhook client for `config` (plain `http://` URLs).
    pub fn new(config: &WebhookConfig) -> Result<Self, WebhookConfigError> {
        let error = |rule: &str| WebhookConfigError {
            url: config.url.clone(),
            rule: rule.to_owned(),
        };
        let url: hyper::Uri = config.url.parse().map_err(|_| error("not a valid URL"))?;
        if url.scheme_str() != Some("http") {
            return Err(error("must be an http:// URL"));
        }
        Ok(Self {
            url,
            timeout: Duration::from_millis(config.timeout_ms),
            client: Client::builder(TokioExecutor::new()).build_http(),
        })
    }

    /// Asks the webhook about a CONNECT.
    pub async fn ask(&self, request: &ConnectRequest) -> WebhookVerdict {
        let chain = request.client_certificate_chain.as_deref();
        let body = WebhookRequest {
            client_id: &request.client_id,
            user_name: request.username.as_deref(),
            password: request.password.as_deref().map(|p| BASE64.encode(p)),
            authentication_method: request.auth_method.as_deref(),
            authentication_data: request.auth_data.as_deref().map(|d| BASE64.encode(d)),
            client_certificate: chain.and_then(|c| c.first()).map(|der| pem(der)),
            client_certificate_chain: chain.map(|c| c.iter().map(|der| pem(der)).collect()),
            user_properties: request
                .user_properties
                .iter()
                .map(|(name, value)| NameValue { name, value })
                .collect(),
        };
        let body = match serde_json::to_vec(&body) {
            Ok(b) => b,
            Err(e) => return WebhookVerdict::Unavailable(format!("encoding the request: {e}")),
        };
        let http_request = match Request::post(self.url.clone())
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .body(Full::new(Bytes::from(body)))
        {
            Ok(r) => r,
            Err(e) => return WebhookVerdict::Unavailable(format!("building the request: {e}")),
        };
        let exchange = async {
            let response = self.client.request(http_request).await?;
            let status = response.status();
            let body = response.into_body().collect().await?.to_bytes();
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>((status, body))
        };
        let (status, body) = match tokio::time::timeout(self.timeout, exchange).await {
            Err(_) => return WebhookVerdict::Unavailable("timed out".into()),
            Ok(Err(e)) => return WebhookVerdict::Unavailable(e.to_string()),
            Ok(Ok(answer)) => answer,
        };
        if status.is_server_error() {
            return WebhookVerdict::Unavailable(format!("answered {status}"));
        }
        if !status.is_success() {
            return WebhookVerdict::Deny(format!("answered {status}"));
        }
        let answer: WebhookResponse = match serde_json::from_slice(&body) {
            Ok(a) => a,
            Err(e) => return WebhookVerdict::Deny(format!("unreadable answer: {e}")),
        };
        match answer.decision.to_ascii_lowercase().as_str() {
            "allow" => {
                let authentication_name = answer
                    .client_authentication_name
                    .or_else(|| request.username.clone())
                    .unwrap_or_else(|| request.client_id.clone());
                if let Err(rule) = check_grant(&authentication_name, &answer.attributes) {
                    return WebhookVerdict::Deny(format!("unusable answer: {rule}"));
                }
                WebhookVerdict::Allow {
                    authentication_name,
                    attributes: answer.attributes,
                    expiration: answer.expiration,
                }
            }
            "deny" => WebhookVerdict::Deny(
                answer
                    .error_reason
                    .unwrap_or_else(|| "denied by the webhook".into()),
            ),
            other => WebhookVerdict::Deny(format!("unknown decision {other:?}")),
        }
    }
}
