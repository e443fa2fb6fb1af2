//! Tests of certificate facts and chain verification, with certificates made by rcgen.
use super::*;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SanType,
};
use time::OffsetDateTime;

/// 2024-01-01T00:00:00Z.
const JAN_2024: u64 = 1_704_067_200;
/// 2025-01-01T00:00:00Z.
const JAN_2025: u64 = 1_735_689_600;
/// 2026-01-01T00:00:00Z.
const JAN_2026: u64 = 1_767_225_600;

fn at(unix: u64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix as i64).unwrap()
}

/// Parameters valid from `from` to `to` (Unix seconds) with subject CN `cn`.
fn params(cn: &str, from: u64, to: u64) -> CertificateParams {
    let mut p = CertificateParams::default();
    p.distinguished_name = rcgen::DistinguishedName::new();
    p.distinguished_name.push(DnType::CommonName, cn);
    p.not_before = at(from);
    p.not_after = at(to);
    p
}

fn ca_params(cn: &str, from: u64, to: u64) -> CertificateParams {
    let mut p = params(cn, from, to);
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    p
}

/// A CA valid 2024..2026.
fn ca(cn: &str) -> CertifiedIssuer<'static, KeyPair> {
    CertifiedIssuer::self_signed(
        ca_params(cn, JAN_2024, JAN_2026),
        KeyPair::generate().unwrap(),
    )
    .unwrap()
}

/// A client certificate (clientAuth) signed by `issuer`, valid `from..to`.
fn client(issuer: &CertifiedIssuer<'_, KeyPair>, cn: &str, from: u64, to: u64) -> Vec<u8> {
    let mut p = params(cn, from, to);
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let key = KeyPair::generate().unwrap();
    p.signed_by(&key, issuer).unwrap().der().to_vec()
}

#[test]
fn thumbprint_is_sha256_in_uppercase_hex() {
    assert_eq!(
        sha256_thumbprint(b"abc"),
        "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
    );
}

#[test]
fn facts_read_the_common_name_every_kind_of_san_and_the_validity() {
    let mut p = params("device-7", JAN_2024, JAN_2025);
    p.subject_alt_names = vec![
        SanType::DnsName("dev7.example.com".try_into().unwrap()),
        SanType::URI("urn:device:7".try_into().unwrap()),
        SanType::IpAddress("192.0.2.7".parse().unwrap()),
        SanType::IpAddress("2001:db8::7".parse().unwrap()),
        SanType::Rfc822Name("dev7@example.com".try_into().unwrap()),
        SanType::DnsName("other.example.com".try_into().unwrap()),
    ];
    let key = KeyPair::generate().unwrap();
    let der = p.self_signed(&key).unwrap().der().to_vec();
    let facts = CertificateFacts::parse(&der).unwrap();
    assert_eq!(facts.sha256_thumbprint, sha256_thumbprint(&der));
    assert_eq!(facts.sha256_thumbprint.len(), 64);
    assert_eq!(facts.subject_common_name.as_deref(), Some("device-7"));
    assert_eq!(facts.dns_names, ["dev7.example.com", "other.example.com"]);
    assert_eq!(facts.uris, ["urn:device:7"]);
    assert_eq!(facts.ip_addresses, ["192.0.2.7", "2001:db8::7"]);
    assert_eq!(facts.emails, ["dev7@example.com"]);
    assert_eq!(facts.not_before, JAN_2024 as i64);
    assert_eq!(facts.not_after, JAN_2025 as i64);
}

#[test]
fn facts_of_a_certificate_without_cn_or_sans_are_empty() {
    let mut p = CertificateParams::default();
    p.distinguished_name = rcgen::DistinguishedName::new();
    p.distinguished_name.push(DnType::OrganizationName, "Tern");
    let key = KeyPair::generate().unwrap();
    let der = p.self_signed(&key).unwrap().der().to_vec();
    let facts = CertificateFacts::parse(&der).unwrap();
    assert_eq!(facts.subject_common_name, None);
    assert!(facts.dns_names.is_empty() && facts.uris.is_empty());
    assert!(facts.ip_addresses.is_empty() && facts.emails.is_empty());
}

#[test]
fn garbage_and_trailing_bytes_are_not_certificates() {
    assert!(matches!(
        CertificateFacts::parse(b"not a certificate"),
        Err(X509Error::Parse(_))
    ));
    let key = KeyPair::generate().unwrap();
    let mut der = params("x", JAN_2024, JAN_2025)
        .self_signed(&key)
        .unwrap()
        .der()
        .to_vec();
    der.push(0);
    let err = CertificateFacts::parse(&der).unwrap_err();
    assert!(err.to_string().contains("trailing"), "{err}");
}

#[test]
fn validity_includes_both_ends() {
    let key = KeyPair::generate().unwrap();
    let der = params("x", JAN_2024, JAN_2025)
        .self_signed(&key)
        .unwrap()
        .der()
        .to_vec();
    let facts = CertificateFacts::parse(&der).unwrap();
    assert!(!is_valid_at(&facts, JAN_2024 - 1));
    assert!(is_valid_at(&facts, JAN_2024));
    assert!(facts.is_valid_at(JAN_2025));
    assert!(!facts.is_valid_at(JAN_2025 + 1));
}

#[test]
fn a_leaf_signed_by_the_ca_verifies() {
    let ca = ca("Test CA");
    let leaf = client(&ca, "dev1", JAN_2024, JAN_2026);
    verify_chain(&[leaf], &[&ca.pem()], JAN_2025).unwrap();
}

#[test]
fn a_leaf_verifies_through_an_intermediate_it_sends() {
    let root = ca("Root");
    let intermediate = CertifiedIssuer::signed_by(
        ca_params("Intermediate", JAN_2024, JAN_2026),
        KeyPair::generate().unwrap(),
        &root,
    )
    .unwrap();
    let leaf = client(&intermediate, "dev1", JAN_2024, JAN_2026);
    let chain = vec![leaf.clone(), intermediate.der().to_vec()];
    verify_chain(&chain, &[&root.pem()], JAN_2025).unwrap();
    // Without the intermediate the root cannot be reached.
    assert_eq!(
        verify_chain(&[leaf], &[&root.pem()], JAN_2025),
        Err(X509Error::UnknownIssuer)
    );
}

#[test]
fn any_of_several_cas_may_be_the_issuer() {
    let (a, b) = (ca("A"), ca("B"));
    let leaf = client(&b, "dev1", JAN_2024, JAN_2026);
    verify_chain(std::slice::from_ref(&leaf), &[&a.pem(), &b.pem()], JAN_2025).unwrap();
    // Several certificates in one PEM text count too.
    let both = format!("{}{}", a.pem(), b.pem());
    verify_chain(&[leaf], &[&both], JAN_2025).unwrap();
}

#[test]
fn an_expired_leaf_is_reported_with_its_end_date() {
    let ca = ca("Test CA");
    let leaf = client(&ca, "dev1", JAN_2024, JAN_2025);
    let err = verify_chain(&[leaf], &[&ca.pem()], JAN_2025 + 10).unwrap_err();
    assert_eq!(
        err,
        X509Error::Expired {
            not_after: JAN_2025,
            now: JAN_2025 + 10
        }
    );
    let text = err.to_string();
    assert!(text.contains("expired at 2025-01-01T00:00:00Z"), "{text}");
}

#[test]
fn a_leaf_not_valid_yet_is_reported_with_its_start_date() {
    let ca = ca("Test CA");
    let leaf = client(&ca, "dev1", JAN_2025, JAN_2026);
    let err = verify_chain(&[leaf], &[&ca.pem()], JAN_2024).unwrap_err();
    assert_eq!(
        err,
        X509Error::NotYetValid {
            not_before: JAN_2025,
            now: JAN_2024
        }
    );
    assert!(err
        .to_string()
        .contains("not valid before 2025-01-01T00:00:00Z"));
}

#[test]
fn a_leaf_of_another_ca_has_an_unknown_issuer() {
    let (ours, theirs) = (ca("Our CA"), ca("Their CA"));
    let leaf = client(&theirs, "dev1", JAN_2024, JAN_2026);
    let err = verify_chain(&[leaf], &[&ours.pem()], JAN_2025).unwrap_err();
    assert_eq!(err, X509Error::UnknownIssuer);
    assert!(
        err.to_string().contains("upload the CA certificate"),
        "{err}"
    );
}

#[test]
fn a_self_signed_leaf_has_an_unknown_issuer() {
    let ca = ca("Test CA");
    let mut p = params("dev1", JAN_2024, JAN_2026);
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let leaf = p
        .self_signed(&KeyPair::generate().unwrap())
        .unwrap()
        .der()
        .to_vec();
    assert_eq!(
        verify_chain(&[leaf], &[&ca.pem()], JAN_2025),
        Err(X509Error::UnknownIssuer)
    );
}

#[test]
fn a_ca_of_the_same_name_with_another_key_is_a_bad_signature() {
    // The impostor shares the real CA's name, so the path is found by name and
    // fails on the signature.
    let real = ca("Test CA");
    let impostor = ca("Test CA");
    let leaf = client(&impostor, "dev1", JAN_2024, JAN_2026);
    let err = verify_chain(&[leaf], &[&real.pem()], JAN_2025).unwrap_err();
    assert_eq!(err, X509Error::BadSignature, "{err}");
}

#[test]
fn a_server_only_certificate_is_not_for_client_auth() {
    let ca = ca("Test CA");
    let mut p = params("server", JAN_2024, JAN_2026);
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let leaf = p
        .signed_by(&KeyPair::generate().unwrap(), &ca)
        .unwrap()
        .der()
        .to_vec();
    assert_eq!(
        verify_chain(&[leaf], &[&ca.pem()], JAN_2025),
        Err(X509Error::NotForClientAuth)
    );
}

#[test]
fn an_empty_chain_no_ca_and_a_bad_ca_are_errors() {
    let ca = ca("Test CA");
    let leaf = client(&ca, "dev1", JAN_2024, JAN_2026);
    assert_eq!(
        verify_chain(&[], &[&ca.pem()], JAN_2025),
        Err(X509Error::EmptyChain)
    );
    assert_eq!(
        verify_chain(std::slice::from_ref(&leaf), &[], JAN_2025),
        Err(X509Error::NoCaCertificates)
    );
    let err = verify_chain(&[leaf], &[&ca.pem(), "hello"], JAN_2025).unwrap_err();
    assert!(
        matches!(err, X509Error::BadCaCertificate { index: 1, .. }),
        "{err:?}"
    );
}
