//! TLS client settings of a simulated device: the CA that signed the broker's certificate and,
//! optionally, the device's own certificate and key (Event Grid's certificate authentication).
//!
//! The PEM files are read and checked once when the simulator starts, so a missing or broken
//! file is an error at start-up rather than an endless reconnect loop. The result is a rustls
//! `ClientConfig` handed to rumqttc's rustls transport.

use rumqttc::tokio_rustls::rustls::{self, pki_types, ClientConfig, RootCertStore};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a device's TLS files could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file holds no PEM certificate.
    #[error("{path} holds no PEM certificate")]
    NoCertificate {
        /// The file.
        path: PathBuf,
    },
    /// The CA file's certificates were all rejected as trust anchors.
    #[error("{path}: no certificate is usable as a trust anchor")]
    NoTrustAnchor {
        /// The CA file.
        path: PathBuf,
    },
    /// The key file holds no PKCS#8, PKCS#1 or SEC1 private key.
    #[error("{path} holds no PEM private key (PKCS#8, PKCS#1 or SEC1)")]
    NoKey {
        /// The key file.
        path: PathBuf,
    },
    /// rustls refused the certificate and key (e.g. an unsupported key type).
    #[error("certificate {cert} with key {key}: {source}")]
    Rustls {
        /// The certificate file.
        cert: PathBuf,
        /// The key file.
        key: PathBuf,
        /// What rustls said.
        source: rustls::Error,
    },
}

/// Ready-to-use TLS settings for one device.
#[derive(Clone)]
pub struct DeviceTls {
    /// The rustls client configuration passed to rumqttc.
    pub(crate) client_config: Arc<ClientConfig>,
}

impl std::fmt::Debug for DeviceTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceTls")
            .field(
                "client_auth",
                &self.client_config.client_auth_cert_resolver.has_certs(),
            )
            .finish()
    }
}

impl DeviceTls {
    /// Reads the CA file (`ca_pem`, one or more PEM certificates) and, when `client` is
    /// given, the device's certificate chain and private key (PEM files).
    pub fn load(ca_pem: &Path, client: Option<(&Path, &Path)>) -> Result<Self, TlsError> {
        let mut roots = RootCertStore::empty();
        let (added, _ignored) = roots.add_parsable_certificates(read_certs(ca_pem)?);
        if added == 0 {
            return Err(TlsError::NoTrustAnchor {
                path: ca_pem.to_owned(),
            });
        }
        let builder = ClientConfig::builder().with_root_certificates(roots);
        let client_config = match client {
            None => builder.with_no_client_auth(),
            Some((cert, key)) => {
                let chain = read_certs(cert)?;
                let private_key = read_key(key)?;
                builder
                    .with_client_auth_cert(chain, private_key)
                    .map_err(|source| TlsError::Rustls {
                        cert: cert.to_owned(),
                        key: key.to_owned(),
                        source,
                    })?
            }
        };
        Ok(Self {
            client_config: Arc::new(client_config),
        })
    }

    /// The device's certificate and key paths in a certificate folder: `DIR/{id}.pem` and
    /// `DIR/{id}.key` (the layout `step certificate create {id} {id}.pem {id}.key` produces,
    /// as in the Event Grid walkthroughs).
    pub fn paths_in(dir: &Path, id: &str) -> (PathBuf, PathBuf) {
        (dir.join(format!("{id}.pem")), dir.join(format!("{id}.key")))
    }
}

fn read(path: &Path) -> Result<Vec<u8>, TlsError> {
    std::fs::read(path).map_err(|source| TlsError::Read {
        path: path.to_owned(),
        source,
    })
}

fn read_certs(path: &Path) -> Result<Vec<pki_types::CertificateDer<'static>>, TlsError> {
    let bytes = read(path)?;
    let certs = rustls_pemfile::certs(&mut BufReader::new(&bytes[..]))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|source| TlsError::Read {
            path: path.to_owned(),
            source,
        })?;
    if certs.is_empty() {
        return Err(TlsError::NoCertificate {
            path: path.to_owned(),
        });
    }
    Ok(certs)
}

fn read_key(path: &Path) -> Result<pki_types::PrivateKeyDer<'static>, TlsError> {
    let bytes = read(path)?;
    rustls_pemfile::private_key(&mut BufReader::new(&bytes[..]))
        .map_err(|source| TlsError::Read {
            path: path.to_owned(),
            source,
        })?
        .ok_or_else(|| TlsError::NoKey {
            path: path.to_owned(),
        })
}
