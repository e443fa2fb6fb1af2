//! Why the Broker view could not read the broker's `/metrics`, and what the
//! status line says about it. A refusal (HTTP 401/403) points at the
//! dashboard's "Metrics token" setting: the broker answers `/metrics`
//! without a token only to loopback clients (`metrics.open_on_loopback`),
//! others need `Authorization: Bearer <metrics.token>`. Pure: testable
//! natively. The token itself is never part of a failure.

use std::fmt;

/// Why a read of `/metrics` failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetricsFailure {
    /// The broker refused the read: HTTP 401 (a token is configured and the
    /// request did not carry it) or 403 (no token is configured and the
    /// browser is not on loopback).
    Refused {
        /// The HTTP status (401 or 403).
        status: u16,
        /// Whether the request carried the dashboard's metrics token.
        token_sent: bool,
    },
    /// Any other HTTP status.
    Status(u16),
    /// No answer, or one that could not be read; why.
    Unreadable(String),
}

impl MetricsFailure {
    /// The failure for an HTTP answer with `status` that was not OK.
    pub fn from_status(status: u16, token_sent: bool) -> Self {
        match status {
            401 | 403 => Self::Refused { status, token_sent },
            _ => Self::Status(status),
        }
    }

    /// Whether the dashboard's metrics token setting would fix it (the
    /// Broker view highlights the setting).
    pub fn needs_token(&self) -> bool {
        matches!(self, Self::Refused { .. })
    }
}

impl fmt::Display for MetricsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused {
                status: 401,
                token_sent: false,
            } => write!(
                f,
                "/metrics needs the broker's metrics token (HTTP 401): enter metrics.token \
                 (TERN_METRICS_TOKEN) under \"Metrics token\" below"
            ),
            Self::Refused {
                status: 401,
                token_sent: true,
            } => write!(
                f,
                "/metrics refused the metrics token (HTTP 401): check the token under \
                 \"Metrics token\" below, it must equal the broker's metrics.token"
            ),
            Self::Refused { status, .. } => write!(
                f,
                "/metrics answers only loopback clients (HTTP {status}): set metrics.token \
                 (or TERN_METRICS_TOKEN) on the broker, then enter it under \"Metrics token\" below"
            ),
            Self::Status(status) => write!(f, "/metrics answered HTTP {status}"),
            Self::Unreadable(why) => f.write_str(why),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_point_at_the_token_setting() {
        for (status, sent, says) in [
            (401, false, "needs the broker's metrics token (HTTP 401)"),
            (401, true, "refused the metrics token (HTTP 401)"),
            (403, false, "answers only loopback clients (HTTP 403)"),
        ] {
            let failure = MetricsFailure::from_status(status, sent);
            assert!(failure.needs_token());
            let text = failure.to_string();
            assert!(text.contains(says), "{text}");
            assert!(text.contains("\"Metrics token\""), "{text}");
        }
    }

    #[test]
    fn other_failures_do_not_ask_for_a_token() {
        let failure = MetricsFailure::from_status(500, false);
        assert_eq!(failure, MetricsFailure::Status(500));
        assert!(!failure.needs_token());
        assert_eq!(failure.to_string(), "/metrics answered HTTP 500");
        let down = MetricsFailure::Unreadable("the broker could not be reached".into());
        assert!(!down.needs_token());
        assert_eq!(down.to_string(), "the broker could not be reached");
    }
}
