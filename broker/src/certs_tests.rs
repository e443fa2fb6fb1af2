//! Tests of `tern certs`' library: what is written, and that it fits together.
use super::*;
use crate::x509::{verify_chain, CertificateFacts, X509Error};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use std::os::unix::fs::PermissionsExt;
use std::time::{SystemTime, UNIX_EPOCH};

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn der_of(path: &Path) -> Vec<u8> {
    CertificateDer::from_pem_file(path).unwrap().to_vec()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn ca_server_and_client_fit_together() {
    let dir = tempfile::tempdir().unwrap();
    let ca_dir = dir.path().join("ca");
    let ca = create_ca(&ca_dir, "Test CA", 30).unwrap();
    assert_eq!(ca.cert_path, ca_dir.join("ca.pem"));
    assert_eq!(ca.key_path, ca_dir.join("ca.key"));
    assert_eq!(mode(&ca.key_path), 0o600);

    let server = create_server(
        &ca_dir,
        &dir.path().join("server"),
        &["localhost".into()],
        &["127.0.0.1".parse().unwrap()],
        10,
    )
    .unwrap();
    assert_eq!(mode(&server.key_path), 0o600);
    let facts = CertificateFacts::parse(&der_of(&server.cert_path)).unwrap();
    assert_eq!(facts.subject_common_name.as_deref(), Some("localhost"));
    assert_eq!(facts.dns_names, ["localhost"]);
    assert_eq!(facts.ip_addresses, ["127.0.0.1"]);
    assert!(facts.is_valid_at(now()));
    assert!(!facts.is_valid_at(now() + 11 * 86_400));
    // The server certificate and key load into the TLS listener's configuration.
    crate::tls::ServerTls::load(
        &server.cert_path,
        &server.key_path,
        std::time::Duration::from_secs(1),
    )
    .unwrap();

    let clients = dir.path().join("clients");
    let dev1 = create_client("dev1", ClientIssuer::Ca(&ca_dir), &clients, 5).unwrap();
    assert_eq!(dev1.cert_path, clients.join("dev1.pem"));
    assert_eq!(mode(&dev1.key_path), 0o600);
    let der = der_of(&dev1.cert_path);
    let facts = CertificateFacts::parse(&der).unwrap();
    assert_eq!(facts.sha256_thumbprint, dev1.sha256_thumbprint);
    assert_eq!(facts.subject_common_name.as_deref(), Some("dev1"));
    assert!(facts.dns_names.is_empty() && facts.uris.is_empty());
    let ca_pem = std::fs::read_to_string(&ca.cert_path).unwrap();
    verify_chain(&[der], &[&ca_pem], now()).unwrap();
}

#[test]
fn a_self_signed_client_does_not_chain_to_the_ca() {
    let dir = tempfile::tempdir().unwrap();
    let ca = create_ca(dir.path(), "Test CA", 30).unwrap();
    let dev = create_client("dev2", ClientIssuer::SelfSigned, dir.path(), 5).unwrap();
    let der = der_of(&dev.cert_path);
    assert_eq!(
        CertificateFacts::parse(&der).unwrap().sha256_thumbprint,
        dev.sha256_thumbprint
    );
    let ca_pem = std::fs::read_to_string(&ca.cert_path).unwrap();
    assert_eq!(
        verify_chain(std::slice::from_ref(&der), &[&ca_pem], now()),
        Err(X509Error::UnknownIssuer)
    );
    // It is its own issuer.
    let own = std::fs::read_to_string(&dev.cert_path).unwrap();
    verify_chain(&[der], &[&own], now()).unwrap();
}

#[test]
fn existing_files_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let ca = create_ca(dir.path(), "Test CA", 30).unwrap();
    let before = std::fs::read(&ca.key_path).unwrap();
    let err = create_ca(dir.path(), "Other CA", 30).unwrap_err();
    assert!(
        matches!(err, CertsError::Exists(ref p) if p == &ca.cert_path),
        "{err}"
    );
    assert_eq!(std::fs::read(&ca.key_path).unwrap(), before);
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    assert!(matches!(create_ca(out, "CA", 0), Err(CertsError::ZeroDays)));
    assert!(matches!(
        create_server(out, out, &[], &[], 1),
        Err(CertsError::NoServerNames)
    ));
    let err = create_server(out, out, &["localhost".into()], &[], 1).unwrap_err();
    assert!(matches!(err, CertsError::ReadCa { .. }), "{err}");
    assert!(err.to_string().contains("ca.pem"), "{err}");
    for name in ["", "..", "a/b", "dev 1", &"x".repeat(129)] {
        assert!(
            matches!(
                create_client(name, ClientIssuer::SelfSigned, out, 1),
                Err(CertsError::BadClientName(_))
            ),
            "{name:?}"
        );
    }
    create_ca(out, "CA", 1).unwrap();
    let err = create_server(out, out, &["bad name!".into()], &[], 1).unwrap_err();
    assert!(matches!(err, CertsError::BadDnsName(_)), "{err}");
}
