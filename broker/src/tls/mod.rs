//! TLS for the MQTT-over-TLS (`mqtts`) and secure WebSocket (`https`) listeners.
//!
//! rustls with the *ring* provider, TLS 1.2 and 1.3 only. One certificate is
//! served whatever name the client asks for with SNI (or none, when it
//! connects by IP address). Client certificates are asked for but optional
//! ([`verifier::OptionalClientCert`]); the chain a client sends is handed to
//! the connection in a [`PeerInfo`] and from there to the access model.
//!
//! - [`ServerTls::from_config`] reads `[tls] cert` and `key` (PEM) once at start.
//! - [`ServerTls::accept`] runs one handshake; listeners call it from the
//!   connection's own task, so a slow or broken handshake never blocks accept.

mod verifier;

use crate::config::Config;
use crate::peer::PeerInfo;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::ServerConfig;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;
use tokio_util::sync::CancellationToken;

/// Why the TLS listeners could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A TLS listener is configured but `[tls] cert` or `key` is not.
    #[error("the {listener} listener ({addr}) needs a server certificate: set [tls] cert and key in the configuration (or --tls-cert and --tls-key); `tern certs` can make them")]
    MissingCertificate {
        /// Which listener (`listeners.mqtts` or `listeners.https`).
        listener: &'static str,
        /// Its address.
        addr: SocketAddr,
    },
    /// The certificate file could not be read or holds a bad PEM block.
    #[error("reading the TLS certificate file {path}: {source}")]
    ReadCertificate {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: rustls::pki_types::pem::Error,
    },
    /// The certificate file holds no certificate.
    #[error("the TLS certificate file {path} holds no `-----BEGIN CERTIFICATE-----` block")]
    NoCertificate {
        /// The file.
        path: PathBuf,
    },
    /// The key file could not be read or holds no private key.
    #[error("reading the TLS private key file {path}: {source} (expected a PEM PKCS#8, RSA or EC private key)")]
    ReadKey {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: rustls::pki_types::pem::Error,
    },
    /// rustls refused the certificate and key (e.g. the key does not match).
    #[error("the TLS certificate {cert} and key {key} cannot be used: {source}")]
    Config {
        /// The certificate file.
        cert: PathBuf,
        /// The key file.
        key: PathBuf,
        /// What rustls said.
        source: rustls::Error,
    },
}

/// Why one TLS handshake failed (logged at debug level; the socket is closed).
#[derive(Debug, thiserror::Error)]
pub enum HandshakeError {
    /// The handshake did not finish within the connect timeout.
    #[error("TLS handshake not finished within {0:?}")]
    TimedOut(Duration),
    /// The broker is shutting down.
    #[error("shutting down")]
    Shutdown,
    /// The client broke off or spoke no (acceptable) TLS.
    #[error("TLS handshake failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The server side of TLS: the acceptor built from the configuration.
#[derive(Clone)]
pub struct ServerTls {
    acceptor: TlsAcceptor,
    handshake_timeout: Duration,
}

impl std::fmt::Debug for ServerTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerTls")
            .field("handshake_timeout", &self.handshake_timeout)
            .finish_non_exhaustive()
    }
}

impl ServerTls {
    /// The TLS setup of `config`: `None` when no TLS listener is configured; an
    /// error when one is but the certificate or key is missing or unusable.
    pub fn from_config(config: &Config) -> Result<Option<Self>, TlsError> {
        let listeners = [
            ("listeners.mqtts", config.listeners.mqtts),
            ("listeners.https", config.listeners.https),
        ];
        let Some((listener, addr)) = listeners
            .into_iter()
            .find_map(|(name, addr)| addr.map(|a| (name, a)))
        else {
            return Ok(None);
        };
        let (Some(cert), Some(key)) = (&config.tls.cert, &config.tls.key) else {
            return Err(TlsError::MissingCertificate { listener, addr });
        };
        let handshake_timeout = Duration::from_secs(config.listeners.connect_timeout_secs);
        Self::load(cert, key, handshake_timeout).map(Some)
    }

    /// Reads a PEM certificate chain (leaf first) and its PEM private key and
    /// builds the server configuration.
    pub fn load(cert: &Path, key: &Path, handshake_timeout: Duration) -> Result<Self, TlsError> {
        let chain = CertificateDer::pem_file_iter(cert)
            .and_then(Iterator::collect::<Result<Vec<_>, _>>)
            .map_err(|source| TlsError::ReadCertificate {
                path: cert.to_owned(),
                source,
            })?;
        if chain.is_empty() {
            return Err(TlsError::NoCertificate {
                path: cert.to_owned(),
            });
        }
        let private_key =
            PrivateKeyDer::from_pem_file(key).map_err(|source| TlsError::ReadKey {
                path: key.to_owned(),
                source,
            })?;
        let config = server_config(chain, private_key).map_err(|source| TlsError::Config {
            cert: cert.to_owned(),
            key: key.to_owned(),
            source,
        })?;
        Ok(Self {
            acceptor: TlsAcceptor::from(Arc::new(config)),
            handshake_timeout,
        })
    }

    /// Runs the server side of a TLS handshake on `io`, bounded by the connect
    /// timeout and abandoned on `shutdown`. Returns the encrypted stream and
    /// what was learnt about the peer (its address and certificate chain).
    pub async fn accept<IO>(
        &self,
        io: IO,
        addr: SocketAddr,
        shutdown: &CancellationToken,
    ) -> Result<(TlsStream<IO>, PeerInfo), HandshakeError>
    where
        IO: AsyncRead + AsyncWrite + Unpin,
    {
        let stream = tokio::select! {
            accepted = tokio::time::timeout(self.handshake_timeout, self.acceptor.accept(io)) => {
                accepted.map_err(|_| HandshakeError::TimedOut(self.handshake_timeout))??
            }
            _ = shutdown.cancelled() => return Err(HandshakeError::Shutdown),
        };
        let chain = stream
            .get_ref()
            .1
            .peer_certificates()
            .filter(|chain| !chain.is_empty())
            .map(|chain| Arc::new(chain.iter().map(|c| c.as_ref().to_vec()).collect()));
        let peer = PeerInfo {
            addr,
            client_certificate_chain: chain,
            websocket: false,
        };
        Ok((stream, peer))
    }
}

/// The rustls server configuration: ring, TLS 1.3 and 1.2, optional client
/// certificates, one certificate for every SNI name.
fn server_config(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> Result<ServerConfig, rustls::Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(verifier::OptionalClientCert::new(
        provider.signature_verification_algorithms,
    ));
    ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])?
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
}
