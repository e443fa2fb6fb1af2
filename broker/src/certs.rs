//! Certificates for trying Tern's TLS out: a CA, server certificates and client
//! certificates, made with rcgen (the `tern certs` commands).
//!
//! What Event Grid's walkthroughs do with `step certificate create`: a CA that
//! signs a server certificate for the broker's names and one client
//! certificate per device (subject CN = the client name, extended key usage
//! clientAuth), or a self-signed client certificate for ThumbprintMatch. Keys
//! are ECDSA P-256 in PKCS#8 PEM, written with mode 0600; certificates are PEM.
//! Existing files are never overwritten.

use crate::x509::sha256_thumbprint;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use std::io::Write;
use std::net::IpAddr;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use time::{Duration, OffsetDateTime};

/// File name of the CA certificate in a CA folder.
pub const CA_CERT_FILE: &str = "ca.pem";
/// File name of the CA private key in a CA folder.
pub const CA_KEY_FILE: &str = "ca.key";

/// Why certificates could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CertsError {
    /// An output file exists already.
    #[error("{0} already exists: remove it or choose another --out folder")]
    Exists(PathBuf),
    /// A file could not be written.
    #[error("writing {path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The CA files could not be read.
    #[error("reading {path}: {source} (a CA folder holds the ca.pem and ca.key that `tern certs ca create` writes)")]
    ReadCa {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The CA files are not a usable CA certificate and key.
    #[error("the CA in {dir} cannot sign: {source}")]
    BadCa {
        /// The CA folder.
        dir: PathBuf,
        /// What rcgen said.
        source: rcgen::Error,
    },
    /// rcgen could not make the key or certificate.
    #[error("generating the certificate: {0}")]
    Generate(#[from] rcgen::Error),
    /// `days` was zero.
    #[error("--days must be at least 1")]
    ZeroDays,
    /// A server certificate without any name.
    #[error("a server certificate needs at least one name: pass --dns NAME or --ip ADDRESS")]
    NoServerNames,
    /// A DNS name that cannot go into a certificate.
    #[error("--dns {0:?} is not a valid DNS name: dot-separated labels of ASCII letters, digits and '-' (a leading \"*.\" is allowed)")]
    BadDnsName(String),
    /// A client name that cannot be a file name or an Event Grid client name.
    #[error("client name {0:?} is invalid: use 1-128 of A-Z a-z 0-9 - : . _ (Event Grid's rule for client names), not \".\" or \"..\"")]
    BadClientName(String),
}

/// A certificate written to disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// The PEM certificate file.
    pub cert_path: PathBuf,
    /// The PEM private key file (mode 0600).
    pub key_path: PathBuf,
    /// SHA-256 of the DER certificate, 64 uppercase hex digits (Event Grid's thumbprint).
    pub sha256_thumbprint: String,
}

/// Who signs a client certificate.
#[derive(Debug, Clone, Copy)]
pub enum ClientIssuer<'a> {
    /// The CA in this folder (`ca.pem`, `ca.key`).
    Ca(&'a Path),
    /// The certificate signs itself (for ThumbprintMatch).
    SelfSigned,
}

/// Makes a CA: `out/ca.pem` and `out/ca.key`, subject CN `common_name`, valid `days` days.
pub fn create_ca(out: &Path, common_name: &str, days: u32) -> Result<Issued, CertsError> {
    let files = Files::new(out, "ca")?;
    let mut params = base_params(common_name, days)?;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let key = KeyPair::generate()?;
    let cert = params.self_signed(&key)?;
    files.write(cert.pem(), key.serialize_pem(), cert.der())
}

/// Makes a server certificate signed by the CA in `ca_dir`: `out/server.pem`
/// and `out/server.key`, with DNS and IP subject alternative names, extended
/// key usage serverAuth, valid `days` days.
pub fn create_server(
    ca_dir: &Path,
    out: &Path,
    dns_names: &[String],
    ips: &[IpAddr],
    days: u32,
) -> Result<Issued, CertsError> {
    let common_name = match (dns_names.first(), ips.first()) {
        (Some(dns), _) => dns.clone(),
        (None, Some(ip)) => ip.to_string(),
        (None, None) => return Err(CertsError::NoServerNames),
    };
    let ca = load_ca(ca_dir)?;
    let files = Files::new(out, "server")?;
    let mut params = base_params(&common_name, days)?;
    for name in dns_names {
        let ia5 = Some(name.clone())
            .filter(|n| is_dns_name(n))
            .and_then(|n| n.try_into().ok())
            .ok_or_else(|| CertsError::BadDnsName(name.clone()))?;
        params.subject_alt_names.push(SanType::DnsName(ia5));
    }
    params
        .subject_alt_names
        .extend(ips.iter().copied().map(SanType::IpAddress));
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.use_authority_key_identifier_extension = true;
    let key = KeyPair::generate()?;
    let cert = params.signed_by(&key, &ca)?;
    files.write(cert.pem(), key.serialize_pem(), cert.der())
}

/// Makes a client certificate: `out/NAME.pem` and `out/NAME.key`, subject CN
/// `name`, no subject alternative names, extended key usage clientAuth, valid
/// `days` days, signed by `issuer`.
pub fn create_client(
    name: &str,
    issuer: ClientIssuer<'_>,
    out: &Path,
    days: u32,
) -> Result<Issued, CertsError> {
    let valid_name = !name.is_empty()
        && name.len() <= 128
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '_'));
    if !valid_name {
        return Err(CertsError::BadClientName(name.to_owned()));
    }
    let ca = match issuer {
        ClientIssuer::Ca(dir) => Some(load_ca(dir)?),
        ClientIssuer::SelfSigned => None,
    };
    let files = Files::new(out, name)?;
    let mut params = base_params(name, days)?;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let key = KeyPair::generate()?;
    let cert = match &ca {
        Some(ca) => {
            params.use_authority_key_identifier_extension = true;
            params.signed_by(&key, ca)?
        }
        None => params.self_signed(&key)?,
    };
    files.write(cert.pem(), key.serialize_pem(), cert.der())
}

/// Parameters shared by every certificate: subject CN, validity from five
/// minutes ago (clock skew) to `days` days from now.
fn base_params(common_name: &str, days: u32) -> Result<CertificateParams, CertsError> {
    if days == 0 {
        return Err(CertsError::ZeroDays);
    }
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, common_name);
    params.distinguished_name = dn;
    let now = OffsetDateTime::now_utc();
    params.not_before = now - Duration::minutes(5);
    params.not_after = now + Duration::days(i64::from(days));
    Ok(params)
}

/// Whether `name` is a host name (labels of letters, digits and '-', at most
/// 63 bytes each, 253 in all), optionally a `*.` wildcard.
fn is_dns_name(name: &str) -> bool {
    let host = name.strip_prefix("*.").unwrap_or(name);
    !host.is_empty()
        && name.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// Reads the CA of a folder written by [`create_ca`].
fn load_ca(dir: &Path) -> Result<Issuer<'static, KeyPair>, CertsError> {
    let read = |file: &str| {
        let path = dir.join(file);
        std::fs::read_to_string(&path).map_err(|source| CertsError::ReadCa { path, source })
    };
    let cert = read(CA_CERT_FILE)?;
    let key = read(CA_KEY_FILE)?;
    let bad = |source| CertsError::BadCa {
        dir: dir.to_owned(),
        source,
    };
    let key = KeyPair::from_pem(&key).map_err(bad)?;
    Issuer::from_ca_cert_pem(&cert, key).map_err(bad)
}

/// The two files of one certificate, checked to be new before anything is made.
struct Files {
    cert: PathBuf,
    key: PathBuf,
}

impl Files {
    /// `out/STEM.pem` and `out/STEM.key`; creates `out`; fails if either exists.
    fn new(out: &Path, stem: &str) -> Result<Self, CertsError> {
        std::fs::create_dir_all(out).map_err(|source| CertsError::Write {
            path: out.to_owned(),
            source,
        })?;
        let files = Self {
            cert: out.join(format!("{stem}.pem")),
            key: out.join(format!("{stem}.key")),
        };
        for path in [&files.cert, &files.key] {
            if path.exists() {
                return Err(CertsError::Exists(path.clone()));
            }
        }
        Ok(files)
    }

    /// Writes the key (0600) and the certificate (0644).
    fn write(self, cert_pem: String, key_pem: String, der: &[u8]) -> Result<Issued, CertsError> {
        write_new(&self.key, key_pem.as_bytes(), 0o600)?;
        write_new(&self.cert, cert_pem.as_bytes(), 0o644)?;
        Ok(Issued {
            cert_path: self.cert,
            key_path: self.key,
            sha256_thumbprint: sha256_thumbprint(der),
        })
    }
}

/// Creates `path` (which must not exist) with `mode` and writes `contents`.
fn write_new(path: &Path, contents: &[u8], mode: u32) -> Result<(), CertsError> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => CertsError::Exists(path.to_owned()),
            _ => CertsError::Write {
                path: path.to_owned(),
                source,
            },
        })?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|source| CertsError::Write {
            path: path.to_owned(),
            source,
        })
}

#[cfg(test)]
#[path = "certs_tests.rs"]
mod tests;
