//! Client-certificate authentication, as Event Grid's: a client accepts a
//! certificate by thumbprint (ThumbprintMatch, often self-signed), or by a
//! chain to a registered CA plus a name-matching scheme (the subject CN, or a
//! DNS / URI / IP / e-mail SAN equals the authentication name). Either way the
//! leaf must be within its validity period.

use crate::tls::x509::{verify_chain, CertificateFacts};
use tern_access::{Client, ValidationScheme};

/// Whether `client` accepts the presented chain (DER, leaf first) at
/// `now_unix`; `Err` says why not, for the debug log.
pub fn accepts(
    client: &Client,
    chain: &[Vec<u8>],
    ca_pems: &[&str],
    now_unix: u64,
) -> Result<(), String> {
    let Some(auth) = &client.client_certificate_authentication else {
        return Err(format!(
            "client '{}' has no clientCertificateAuthentication",
            client.name
        ));
    };
    let leaf = chain.first().ok_or("no certificate was presented")?;
    let facts = CertificateFacts::parse(leaf).map_err(|e| e.to_string())?;
    if !facts.is_valid_at(now_unix) {
        return Err(format!(
            "the certificate is outside its validity period ({}..{} unix seconds)",
            facts.not_before, facts.not_after
        ));
    }
    let name = client.authentication_name();
    let names: &[String] = match auth.validation_scheme {
        ValidationScheme::ThumbprintMatch => {
            return if auth
                .allowed_thumbprints
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&facts.sha256_thumbprint))
            {
                Ok(())
            } else {
                Err(format!(
                    "thumbprint {} is not one of the client's allowedThumbprints",
                    facts.sha256_thumbprint
                ))
            };
        }
        ValidationScheme::SubjectMatchesAuthenticationName => facts.subject_common_name.as_slice(),
        ValidationScheme::DnsMatchesAuthenticationName => &facts.dns_names,
        ValidationScheme::UriMatchesAuthenticationName => &facts.uris,
        ValidationScheme::IpMatchesAuthenticationName => &facts.ip_addresses,
        ValidationScheme::EmailMatchesAuthenticationName => &facts.emails,
    };
    if ca_pems.is_empty() {
        return Err("no CA certificate is registered to validate the chain".into());
    }
    verify_chain(chain, ca_pems, now_unix).map_err(|e| e.to_string())?;
    if names.iter().any(|n| n == name) {
        Ok(())
    } else {
        Err(format!(
            "{:?}: none of {names:?} equals the authentication name '{name}'",
            auth.validation_scheme
        ))
    }
}
