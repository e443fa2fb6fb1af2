//! Client-certificate authentication: ThumbprintMatch, or a chain to a
//! registered CA plus the client's name-matching scheme.

use tern_access::Client;

/// Whether `client` accepts the presented chain (DER, leaf first) at `now_unix`.
pub fn accepts(
    client: &Client,
    _chain: &[Vec<u8>],
    _ca_pems: &[&str],
    _now_unix: u64,
) -> Result<(), String> {
    // The TLS listeners (which deliver certificates) and the X.509 checks land
    // together; until then no certificate is accepted.
    Err(format!(
        "client '{}': certificate authentication is not available in this build",
        client.name
    ))
}
