//! Support of the TLS end-to-end tests: a throw-away PKI made with `tern::certs`,
//! a broker configuration with both TLS listeners, an access control that
//! records what `ConnectRequest` carried, and a minimal MQTT-over-TLS client on
//! tokio-rustls for what the third-party clients cannot show.

#![allow(dead_code)]

use rustls::client::ResolvesClientCert;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, RootCertStore, SignatureScheme};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tern::access::{AccessControl, Action, AuthFuture, AuthStep, ConnectRequest, Denial, Identity};
use tern::certs::{self, ClientIssuer, Issued};
use tern::Config;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

/// How long one network step may take.
pub const WAIT: Duration = Duration::from_secs(10);

/// A CA, a server certificate for `localhost` and 127.0.0.1, a CA-signed
/// client certificate `dev1` and a self-signed one `dev2`, in a temp folder.
pub struct Pki {
    _dir: tempfile::TempDir,
    /// The CA certificate file.
    pub ca_pem: PathBuf,
    /// The server certificate and key.
    pub server: Issued,
    /// A client certificate signed by the CA (CN dev1).
    pub dev1: Issued,
    /// A self-signed client certificate (CN dev2).
    pub dev2: Issued,
}

impl Pki {
    /// Makes every certificate with `tern::certs`.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let ca_dir = dir.path().join("ca");
        let ca = certs::create_ca(&ca_dir, "Tern Test CA", 2).expect("CA");
        let server = certs::create_server(
            &ca_dir,
            &dir.path().join("server"),
            &["localhost".to_owned()],
            &["127.0.0.1".parse().unwrap()],
            2,
        )
        .expect("server certificate");
        let clients = dir.path().join("clients");
        let dev1 = certs::create_client("dev1", ClientIssuer::Ca(&ca_dir), &clients, 2)
            .expect("client certificate");
        let dev2 = certs::create_client("dev2", ClientIssuer::SelfSigned, &clients, 2)
            .expect("self-signed client certificate");
        Self {
            _dir: dir,
            ca_pem: ca.cert_path,
            server,
            dev1,
            dev2,
        }
    }

    /// `Config::for_tests()` (open mode) plus the MQTT/TLS and HTTPS listeners on
    /// 127.0.0.1:0 with the server certificate.
    pub fn config(&self) -> Config {
        let mut config = Config::for_tests();
        let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
        config.listeners.mqtts = Some(loopback);
        config.listeners.https = Some(loopback);
        config.tls.cert = Some(self.server.cert_path.clone());
        config.tls.key = Some(self.server.key_path.clone());
        config
    }

    /// A rustls client configuration trusting the test CA, presenting `client`
    /// (certificate chain and key) if given.
    pub fn client_config(&self, client: Option<(&Path, &Path)>) -> ClientConfig {
        let mut roots = RootCertStore::empty();
        roots
            .add(der(&self.ca_pem))
            .expect("CA into the root store");
        let builder = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_root_certificates(roots);
        match client {
            None => builder.with_no_client_auth(),
            Some((cert, key)) => {
                let key = PrivateKeyDer::from_pem_file(key).expect("client key");
                let signing = provider()
                    .key_provider
                    .load_private_key(key)
                    .expect("usable client key");
                // A resolver, unlike `with_client_auth_cert`, does not check that
                // the key matches the certificate: the tests need a mismatch.
                let certified = CertifiedKey::new(vec![der(cert)], signing);
                builder.with_client_cert_resolver(Arc::new(FixedClientCert(Arc::new(certified))))
            }
        }
    }
}

/// The ring provider (the tests build no aws-lc-rs).
pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The one certificate of a PEM file.
pub fn der(path: &Path) -> CertificateDer<'static> {
    CertificateDer::from_pem_file(path).expect("PEM certificate")
}

/// Always presents the same client certificate.
#[derive(Debug)]
struct FixedClientCert(Arc<CertifiedKey>);

impl ResolvesClientCert for FixedClientCert {
    fn resolve(&self, _: &[&[u8]], _: &[SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }

    fn has_certs(&self) -> bool {
        true
    }
}

/// Opens TLS to `addr`, asking for `server_name` (a DNS name is sent as SNI).
pub async fn tls_connect(
    addr: SocketAddr,
    server_name: &str,
    config: ClientConfig,
) -> std::io::Result<TlsStream<TcpStream>> {
    let name = ServerName::try_from(server_name.to_owned()).expect("server name");
    let tcp = TcpStream::connect(addr).await?;
    tokio::time::timeout(
        WAIT,
        TlsConnector::from(Arc::new(config)).connect(name, tcp),
    )
    .await
    .map_err(|_| std::io::Error::other("TLS handshake timed out"))?
}

/// A minimal MQTT 5 CONNECT (clean start, keep alive 60) for `client_id`.
pub fn connect_v5(client_id: &str) -> Vec<u8> {
    let mut body = vec![0, 4, b'M', b'Q', b'T', b'T', 5, 0x02, 0, 60, 0];
    body.extend((client_id.len() as u16).to_be_bytes());
    body.extend(client_id.as_bytes());
    let mut packet = vec![0x10, body.len() as u8];
    packet.extend(body);
    packet
}

/// Sends CONNECT and returns the CONNACK reason code, or `None` when the
/// connection fails or closes first.
pub async fn mqtt_connect<S>(stream: &mut S, client_id: &str) -> Option<u8>
where
    S: AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    stream.write_all(&connect_v5(client_id)).await.ok()?;
    stream.flush().await.ok()?;
    let mut head = [0u8; 4];
    match tokio::time::timeout(WAIT, stream.read_exact(&mut head)).await {
        Ok(Ok(_)) if head[0] == 0x20 => Some(head[3]),
        Ok(_) => None,
        Err(_) => panic!("neither CONNACK nor a closed connection within {WAIT:?}"),
    }
}

/// Reads until EOF or error (bounded), returning what arrived.
pub async fn read_to_close<S: AsyncRead + Unpin>(stream: &mut S) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        match tokio::time::timeout(WAIT, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return got,
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => panic!("connection still open after {WAIT:?}; got {got:?}"),
        }
    }
}

/// A TLS 1.1 ClientHello (no supported_versions extension) offering two
/// TLS 1.0/1.1 cipher suites.
pub fn tls11_client_hello() -> Vec<u8> {
    let mut body = vec![0x03, 0x02]; // client_version: TLS 1.1
    body.extend([0x5a; 32]); // random
    body.push(0); // no session id
    body.extend([0x00, 0x04, 0xc0, 0x13, 0x00, 0x2f]); // ECDHE_RSA_AES128_CBC_SHA, RSA_AES128_CBC_SHA
    body.extend([0x01, 0x00]); // compression: null
    let mut handshake = vec![0x01, 0x00];
    handshake.extend((body.len() as u16).to_be_bytes());
    handshake.extend(body);
    let mut record = vec![0x16, 0x03, 0x02];
    record.extend((handshake.len() as u16).to_be_bytes());
    record.extend(handshake);
    record
}

/// A certificate chain as `ConnectRequest` carries it (DER, leaf first).
pub type Chain = Arc<Vec<Vec<u8>>>;

/// Accepts every client and action, and records the certificate chain each
/// CONNECT arrived with, by client id.
#[derive(Debug, Default)]
pub struct Recording {
    seen: Mutex<HashMap<String, Option<Chain>>>,
}

impl Recording {
    /// The chain recorded for `client_id`: `None` if it never authenticated,
    /// `Some(None)` if it came without a certificate.
    pub fn chain_of(&self, client_id: &str) -> Option<Option<Chain>> {
        self.seen.lock().unwrap().get(client_id).cloned()
    }

    /// The client ids seen so far.
    pub fn client_ids(&self) -> Vec<String> {
        self.seen.lock().unwrap().keys().cloned().collect()
    }
}

impl AccessControl for Recording {
    fn authenticate<'a>(&'a self, request: &'a ConnectRequest) -> AuthFuture<'a> {
        self.seen.lock().unwrap().insert(
            request.client_id.clone(),
            request.client_certificate_chain.clone(),
        );
        Box::pin(async move {
            AuthStep::Success(Identity {
                authentication_name: request.client_id.clone(),
                ..Identity::default()
            })
        })
    }

    fn authorize(&self, _identity: &Identity, _action: Action<'_>) -> Result<(), Denial> {
        Ok(())
    }
}

/// The SHA-256 thumbprint of the leaf of a recorded chain.
pub fn leaf_thumbprint(chain: &[Vec<u8>]) -> String {
    tern::x509::CertificateFacts::parse(&chain[0])
        .expect("leaf parses")
        .sha256_thumbprint
}
