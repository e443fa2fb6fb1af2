//! Who may read `GET /metrics`: loopback clients without a token (by
//! default), anyone with `metrics.token` as a bearer token.

use crate::config::MetricsConfig;
use crate::state::BrokerState;
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

/// The `/metrics` route of the HTTP listeners.
#[derive(Debug)]
pub struct MetricsEndpoint {
    broker: Arc<BrokerState>,
    access: MetricsConfig,
}

impl MetricsEndpoint {
    /// The endpoint of `broker`, with the access rules of its configuration.
    pub fn new(broker: Arc<BrokerState>) -> Self {
        let access = broker.config.metrics.clone();
        Self { broker, access }
    }

    /// The metrics text for a request from `peer` with the `Authorization`
    /// header `authorization`, or why it is refused.
    pub fn scrape(&self, peer: IpAddr, authorization: Option<&str>) -> Result<String, Refused> {
        self.admits(peer, authorization)?;
        Ok(self.broker.metrics_text())
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
