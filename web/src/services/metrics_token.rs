//! The Broker view's "Metrics token": the broker's `metrics.token`
//! (`TERN_METRICS_TOKEN`), which a browser not on the broker's host needs to
//! read `/metrics` (sent as `Authorization: Bearer <token>`). Kept in the
//! browser's `localStorage` under [`STORAGE_KEY`] (see `services::storage`),
//! so it outlives the tab, unlike the login. Pure: testable natively.

/// The `localStorage` key of the token.
pub const STORAGE_KEY: &str = "tern.dashboard.metrics_token";

/// The token to keep for what was typed: trimmed, `None` when nothing is
/// left (then `/metrics` is read without a token, which loopback allows).
pub fn normalize(typed: &str) -> Option<String> {
    let token = typed.trim();
    (!token.is_empty()).then(|| token.to_string())
}

/// The `Authorization` header value that carries `token`.
pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_tokens_are_trimmed_and_empty_means_none() {
        assert_eq!(normalize("  s3cret \n").as_deref(), Some("s3cret"));
        assert_eq!(normalize(" \t"), None);
        assert_eq!(normalize(""), None);
    }

    #[test]
    fn the_header_is_a_bearer_token() {
        assert_eq!(bearer("s3cret"), "Bearer s3cret");
    }
}
