//! Client-certificate authentication, as Event Grid's: a client accepts a
//! certificate by thumbprint (ThumbprintMatch, often self-signed), or by a
//! chain to a registered CA plus a name-matching scheme (the subject CN, or a
//! DNS / URI / IP / e-mail SAN equals the authentication name). Either way the
//! leaf must be within its validity period.

use crate::x509::{verify_chain, CertificateFacts};
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

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{
        BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose,
        IsCa, KeyPair, KeyUsagePurpose, SanType,
    };
    use tern_access::{CertificateAuthentication, ClientState};
    use time::OffsetDateTime;

    /// 2024-01-01, 2025-01-01, 2026-01-01 (Unix seconds).
    const Y2024: u64 = 1_704_067_200;
    const Y2025: u64 = 1_735_689_600;
    const Y2026: u64 = 1_767_225_600;

    fn params(cn: &str, from: u64, to: u64) -> CertificateParams {
        let mut p = CertificateParams::default();
        p.distinguished_name.push(DnType::CommonName, cn);
        p.not_before = OffsetDateTime::from_unix_timestamp(from as i64).unwrap();
        p.not_after = OffsetDateTime::from_unix_timestamp(to as i64).unwrap();
        p
    }

    fn ca(cn: &str) -> (CertifiedIssuer<'static, KeyPair>, String) {
        let mut p = params(cn, Y2024, Y2026);
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let issuer = CertifiedIssuer::self_signed(p, KeyPair::generate().unwrap()).unwrap();
        let pem = issuer.pem();
        (issuer, pem)
    }

    fn leaf(
        issuer: Option<&CertifiedIssuer<'_, KeyPair>>,
        cn: &str,
        sans: Vec<SanType>,
    ) -> Vec<u8> {
        let mut p = params(cn, Y2024, Y2026);
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        p.subject_alt_names = sans;
        let key = KeyPair::generate().unwrap();
        match issuer {
            Some(issuer) => p.signed_by(&key, issuer).unwrap().der().to_vec(),
            None => p.self_signed(&key).unwrap().der().to_vec(),
        }
    }

    fn client(name: &str, scheme: ValidationScheme, thumbprints: Vec<String>) -> Client {
        Client {
            name: name.into(),
            authentication_name: Some(name.into()),
            description: None,
            attributes: Default::default(),
            state: ClientState::Enabled,
            client_certificate_authentication: Some(CertificateAuthentication {
                validation_scheme: scheme,
                allowed_thumbprints: thumbprints,
            }),
            password_hash: None,
            created_on: None,
            updated_on: None,
        }
    }

    #[test]
    fn thumbprint_match_accepts_only_the_registered_certificate_while_valid() {
        let cert = leaf(None, "dev1", vec![]);
        let thumb = crate::x509::sha256_thumbprint(&cert).to_lowercase();
        let dev1 = client("dev1", ValidationScheme::ThumbprintMatch, vec![thumb]);
        let chain = [cert];
        assert_eq!(accepts(&dev1, &chain, &[], Y2025), Ok(()));
        let other = [leaf(None, "dev1", vec![])];
        assert!(accepts(&dev1, &other, &[], Y2025)
            .unwrap_err()
            .contains("thumbprint"));
        let expired = accepts(&dev1, &chain, &[], Y2026 + 1).unwrap_err();
        assert!(expired.contains("validity"), "{expired}");
        assert!(
            accepts(&dev1, &chain, &[], Y2024 - 1).is_err(),
            "not yet valid"
        );
    }

    #[test]
    fn name_schemes_need_a_chain_to_a_registered_ca_and_the_matching_name() {
        let (issuer, ca_pem) = ca("Test CA");
        let (_, other_ca_pem) = ca("Other CA");
        let sans = vec![
            SanType::DnsName("dev2.example".try_into().unwrap()),
            SanType::URI("urn:dev:2".try_into().unwrap()),
            SanType::IpAddress("192.0.2.2".parse().unwrap()),
            SanType::Rfc822Name("dev2@example.com".try_into().unwrap()),
        ];
        let chain = [leaf(Some(&issuer), "dev2", sans)];
        let cases = [
            ("dev2", ValidationScheme::SubjectMatchesAuthenticationName),
            (
                "dev2.example",
                ValidationScheme::DnsMatchesAuthenticationName,
            ),
            ("urn:dev:2", ValidationScheme::UriMatchesAuthenticationName),
            ("192.0.2.2", ValidationScheme::IpMatchesAuthenticationName),
            (
                "dev2@example.com",
                ValidationScheme::EmailMatchesAuthenticationName,
            ),
        ];
        for (name, scheme) in cases {
            let c = client(name, scheme, vec![]);
            assert_eq!(accepts(&c, &chain, &[&ca_pem], Y2025), Ok(()), "{scheme:?}");
            assert!(
                accepts(&c, &chain, &[&other_ca_pem], Y2025).is_err(),
                "{scheme:?}: wrong CA"
            );
            assert!(
                accepts(&c, &chain, &[], Y2025).is_err(),
                "{scheme:?}: no CA"
            );
            let mut wrong = c.clone();
            wrong.authentication_name = Some("someone-else".into());
            let why = accepts(&wrong, &chain, &[&ca_pem], Y2025).unwrap_err();
            assert!(why.contains("someone-else"), "{why}");
        }
        let expired = client(
            "dev2",
            ValidationScheme::SubjectMatchesAuthenticationName,
            vec![],
        );
        assert!(accepts(&expired, &chain, &[&ca_pem], Y2026 + 1).is_err());
        let mut no_cert_auth = expired.clone();
        no_cert_auth.client_certificate_authentication = None;
        assert!(accepts(&no_cert_auth, &chain, &[&ca_pem], Y2025).is_err());
    }
}
