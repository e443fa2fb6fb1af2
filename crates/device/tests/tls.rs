//! TLS with client certificates (`--cafile` / `--cert-dir`), against Debian's `mosquitto`
//! configured to require a client certificate: Tern's own TLS listener is not on this branch
//! yet, and mosquitto (OpenSSL) is an independent check of rumqttc's rustls transport.
//! Certificates are made for the test with rcgen: a CA, a server certificate for 127.0.0.1,
//! and one client certificate per device (CN = device id) as `DIR/{id}.pem` / `DIR/{id}.key`.

mod common;

use common::*;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SanType,
};
use rumqttc::v5::MqttOptions;
use rumqttc::Transport;
use serde_json::json;
use std::path::Path;
use tern_device::{
    BrokerAddress, CancellationToken, DeviceIds, Simulator, SimulatorConfig, TlsClientOptions,
};
use tern_tests::MosquittoBroker;

/// A test CA and the files signed by it.
struct Pki {
    ca: CertifiedIssuer<'static, KeyPair>,
}

impl Pki {
    fn new() -> Self {
        let mut params = CertificateParams::default();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, "tern-device test CA");
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        Self { ca }
    }

    /// Writes `{dir}/{name}.pem` and `{dir}/{name}.key`.
    fn issue(&self, dir: &Path, name: &str, server: bool) {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        if server {
            params.subject_alt_names = vec![
                SanType::IpAddress([127, 0, 0, 1].into()),
                SanType::DnsName("localhost".try_into().unwrap()),
            ];
            params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        } else {
            params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        }
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.ca).unwrap();
        std::fs::write(dir.join(format!("{name}.pem")), cert.pem()).unwrap();
        std::fs::write(dir.join(format!("{name}.key")), key.serialize_pem()).unwrap();
    }
}

#[tokio::test]
async fn devices_connect_with_client_certificates_and_answer_over_tls() {
    let pki = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let ca_pem = dir.path().join("ca.pem");
    std::fs::write(&ca_pem, pki.ca.pem()).unwrap();
    let certs = dir.path().join("certs");
    std::fs::create_dir(&certs).unwrap();
    pki.issue(dir.path(), "server", true);
    for name in ["tls-1", "tls-2", "cloud"] {
        pki.issue(&certs, name, false);
    }
    let mosquitto = MosquittoBroker::start(&format!(
        "cafile {}\ncertfile {}\nkeyfile {}\nrequire_certificate true\nuse_identity_as_username true\n",
        ca_pem.display(),
        dir.path().join("server.pem").display(),
        dir.path().join("server.key").display(),
    ))
    .await
    .expect("mosquitto starts with TLS");
    let port = mosquitto.port();

    // The cloud application, also with a client certificate.
    let read = |f: &str| std::fs::read(certs.join(f)).unwrap();
    let mut options = MqttOptions::new("cloud", "127.0.0.1", port);
    options.set_transport(Transport::tls(
        std::fs::read(&ca_pem).unwrap(),
        Some((read("cloud.pem"), read("cloud.key"))),
        None,
    ));
    let mut cloud = Cloud::connect_with(options).await;
    cloud.subscribe("clients/+/status").await;
    cloud.subscribe("cloud/inbox").await;

    let shutdown = CancellationToken::new();
    let mut config = SimulatorConfig::new(BrokerAddress {
        host: "127.0.0.1".into(),
        port,
    });
    config.devices = DeviceIds::Ids(vec!["tls-1".into(), "tls-2".into()]);
    config.tls = Some(TlsClientOptions {
        ca_pem: ca_pem.clone(),
        cert_dir: Some(certs.clone()),
    });
    let sim = Simulator::start(&config, shutdown.clone()).expect("fleet starts");
    cloud
        .expect_all(&[
            ("clients/tls-1/status", "online"),
            ("clients/tls-2/status", "online"),
        ])
        .await;
    cloud
        .request(
            "tls-2",
            r#"{"secure":true}"#,
            Some("cloud/inbox"),
            "tls-req",
        )
        .await;
    let r = Response::parse(&cloud.expect_topic("cloud/inbox").await);
    assert_eq!(r.correlation, "tls-req");
    assert_eq!(r.state, json!({"secure":true,"$version":1}));

    // Without a client certificate the broker refuses the device.
    let unsigned_shutdown = CancellationToken::new();
    let mut unsigned = config.clone();
    unsigned.devices = DeviceIds::Ids(vec!["no-cert".into()]);
    unsigned.tls = Some(TlsClientOptions {
        ca_pem: ca_pem.clone(),
        cert_dir: None,
    });
    let refused = Simulator::start(&unsigned, unsigned_shutdown.clone()).expect("starts");
    let status = wait_status(&refused.devices()[0], "refused", |s| s.failures >= 1).await;
    assert_eq!(status.sessions, 0, "{status:?}");
    unsigned_shutdown.cancel();
    refused.join().await.expect("stops");

    shutdown.cancel();
    tokio::time::timeout(WAIT, sim.join())
        .await
        .expect("devices stop in time")
        .expect("device tasks end cleanly");
    cloud
        .expect_all(&[
            ("clients/tls-1/status", "offline"),
            ("clients/tls-2/status", "offline"),
        ])
        .await;
}

#[tokio::test]
async fn a_missing_client_certificate_fails_at_start() {
    let pki = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    let ca_pem = dir.path().join("ca.pem");
    std::fs::write(&ca_pem, pki.ca.pem()).unwrap();
    pki.issue(dir.path(), "present", false);
    let mut config = SimulatorConfig::new("127.0.0.1:8883".parse().unwrap());
    config.devices = DeviceIds::Ids(vec!["present".into(), "absent".into()]);
    config.tls = Some(TlsClientOptions {
        ca_pem,
        cert_dir: Some(dir.path().to_owned()),
    });
    let err = Simulator::start(&config, CancellationToken::new()).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("`absent`") && text.contains("absent.pem"),
        "{text}"
    );
}
