//! Who may read `GET /metrics`: loopback clients without a token (by
//! default), anyone with `metrics.token` as a bearer token.

use crate::config::MetricsConfig;
use std::net::IpAddr;
use std::sync::Arc;

/// The content type of the OpenMetrics text format (Prometheus scrapes it).
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// Why a scrape was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// A token is configured and the request did not carry it (HTTP 401).
    #[error("/metrics needs the bearer token of metrics.token (Authorization: Bearer <token>)")]
    WrongToken,
    /// Not from loopback, and no token is configured (HTTP 403).
    #[error("/metrics answers only loopback clients: set metrics.token to open it to others")]
    NotLoopback,
}

/// Produces the metrics text when `/metrics` is scraped (the broker's
/// `BrokerState::metrics_text`, injected so this module needs no state).
pub type MetricsText = Arc<dyn Fn() -> String + Send + Sync>;

/// The `/metrics` route of the HTTP listeners.
pub struct MetricsEndpoint {
    text: MetricsText,
    access: MetricsConfig,
}

impl std::fmt::Debug for MetricsEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MetricsEndpoint")
            .field("access", &self.access)
            .finish_non_exhaustive()
    }
}

impl MetricsEndpoint {
    /// The endpoint serving `text`, with the access rules `access`.
    pub fn new(access: MetricsConfig, text: MetricsText) -> Self {
        Self { text, access }
    }

    /// The metrics text for a request from `peer` with the `Authorization`
    /// header `authorization`, or why it is refused.
    pub fn scrape(&self, peer: IpAddr, authorization: Option<&str>) -> Result<String, Refused> {
        self.admits(peer, authorization)?;
        Ok((self.text)())
    }

    fn admits(&self, peer: IpAddr, authorization: Option<&str>) -> Result<(), Refused> {
        let presented = authorization.and_then(|v| v.strip_prefix("Bearer "));
        if let (Some(expected), Some(presented)) = (&self.access.token, presented) {
            if crate::admin::constant_time_eq(expected.as_bytes(), presented.as_bytes()) {
                return Ok(());
            }
        }
        if self.access.open_on_loopback && is_loopback(peer) {
            return Ok(());
        }
        match self.access.token {
            Some(_) => Err(Refused::WrongToken),
            None => Err(Refused::NotLoopback),
        }
    }
}

/// Loopback, also as an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`).
fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}
