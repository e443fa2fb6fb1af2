//! Facts of an X.509 client certificate, and chain validation against CA certificates.
//!
//! The TLS layer accepts any client certificate whose key the client holds
//! (see `tls::verifier`); whether the certificate is acceptable is the
//! access model's decision, and it decides from what this module reads:
//! - [`CertificateFacts::parse`]: the SHA-256 thumbprint (Event Grid's
//!   ThumbprintMatch), the subject common name and the subject alternative
//!   names (the `*MatchesAuthenticationName` schemes), and the validity period;
//! - [`verify_chain`]: whether the leaf chains, through the intermediates the
//!   client sent, to one of the uploaded CA certificates, is valid now and may
//!   be used for client authentication (rustls-webpki does the path building
//!   and signature checks).
//!
//! Times are Unix seconds and are passed in, so callers (and tests) decide
//! what "now" is.

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, UnixTime};
use std::fmt::Write as _;
use std::net::IpAddr;
use std::time::Duration;
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};

/// Why a certificate could not be read or did not verify.
///
/// Each message says what to change, because it ends up in logs read by the
/// person who configured the client or the CA.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum X509Error {
    /// The bytes are not a DER X.509 certificate.
    #[error("not a valid DER X.509 certificate: {0}")]
    Parse(String),
    /// The client sent no certificate.
    #[error(
        "the client presented no certificate: configure the client with a certificate and its key"
    )]
    EmptyChain,
    /// No CA certificate was given to verify against.
    #[error("no CA certificate is configured to verify client certificates against: upload the CA that issued them")]
    NoCaCertificates,
    /// One of the CA certificates is not a usable PEM certificate.
    #[error("CA certificate {index} is not usable: {reason} (expected a PEM block `-----BEGIN CERTIFICATE-----`)")]
    BadCaCertificate {
        /// Which of the CA PEM texts (0-based).
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// A certificate of the chain expired.
    #[error("the certificate expired at {} (it is now {}): issue a new one", human_time(*not_after), human_time(*now))]
    Expired {
        /// The certificate's notAfter, Unix seconds.
        not_after: u64,
        /// The time of the check, Unix seconds.
        now: u64,
    },
    /// A certificate of the chain is not valid yet.
    #[error("the certificate is not valid before {} (it is now {}): check the clocks of the issuer and of this server", human_time(*not_before), human_time(*now))]
    NotYetValid {
        /// The certificate's notBefore, Unix seconds.
        not_before: u64,
        /// The time of the check, Unix seconds.
        now: u64,
    },
    /// No configured CA issued the certificate (or its intermediates).
    #[error("the certificate was not issued by any configured CA: upload the CA certificate that signed it, and have the client send any intermediate certificates with its own")]
    UnknownIssuer,
    /// A signature in the chain does not verify with the issuer's key.
    #[error("a signature in the certificate chain does not verify with its issuer's public key: the certificate was not signed by the CA it names (or was altered)")]
    BadSignature,
    /// The certificate's extended key usage does not allow client authentication.
    #[error("the certificate may not be used for client authentication: its extended key usage lacks clientAuth (1.3.6.1.5.5.7.3.2)")]
    NotForClientAuth,
    /// Any other reason the chain is invalid.
    #[error("the certificate chain is invalid: {0}")]
    Invalid(String),
}

/// What the access model needs to know about a client certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateFacts {
    /// SHA-256 of the DER certificate, 64 uppercase hex digits (Event Grid's thumbprint).
    pub sha256_thumbprint: String,
    /// The first common name (CN) of the subject, if any.
    pub subject_common_name: Option<String>,
    /// Subject alternative names of type DNS.
    pub dns_names: Vec<String>,
    /// Subject alternative names of type URI.
    pub uris: Vec<String>,
    /// Subject alternative names of type IP address, as text (`192.0.2.1`, `2001:db8::1`).
    pub ip_addresses: Vec<String>,
    /// Subject alternative names of type e-mail (RFC 822 name).
    pub emails: Vec<String>,
    /// Start of the validity period, Unix seconds.
    pub not_before: i64,
    /// End of the validity period, Unix seconds.
    pub not_after: i64,
}

impl CertificateFacts {
    /// Reads the facts of one DER certificate.
    pub fn parse(der: &[u8]) -> Result<Self, X509Error> {
        let (rest, cert) =
            X509Certificate::from_der(der).map_err(|e| X509Error::Parse(e.to_string()))?;
        if !rest.is_empty() {
            return Err(X509Error::Parse(format!(
                "{} bytes of trailing data after the certificate",
                rest.len()
            )));
        }
        let mut facts = Self {
            sha256_thumbprint: sha256_thumbprint(der),
            subject_common_name: cert
                .subject()
                .iter_common_name()
                .next()
                .and_then(|cn| cn.as_str().ok())
                .map(str::to_owned),
            dns_names: Vec::new(),
            uris: Vec::new(),
            ip_addresses: Vec::new(),
            emails: Vec::new(),
            not_before: cert.validity().not_before.timestamp(),
            not_after: cert.validity().not_after.timestamp(),
        };
        let san = cert
            .subject_alternative_name()
            .map_err(|e| X509Error::Parse(format!("subject alternative names: {e}")))?;
        for name in san.iter().flat_map(|ext| ext.value.general_names.iter()) {
            match name {
                GeneralName::DNSName(n) => facts.dns_names.push((*n).to_owned()),
                GeneralName::URI(u) => facts.uris.push((*u).to_owned()),
                GeneralName::RFC822Name(e) => facts.emails.push((*e).to_owned()),
                GeneralName::IPAddress(bytes) => {
                    if let Some(ip) = ip_from_bytes(bytes) {
                        facts.ip_addresses.push(ip.to_string());
                    }
                }
                _ => {}
            }
        }
        Ok(facts)
    }

    /// Whether `now_unix` lies within the validity period (both ends included).
    pub fn is_valid_at(&self, now_unix: u64) -> bool {
        is_valid_at(self, now_unix)
    }
}

/// Whether `now_unix` lies within the certificate's validity period (both ends included).
pub fn is_valid_at(facts: &CertificateFacts, now_unix: u64) -> bool {
    let now = i128::from(now_unix);
    i128::from(facts.not_before) <= now && now <= i128::from(facts.not_after)
}

/// SHA-256 of `der` as 64 uppercase hex digits.
pub fn sha256_thumbprint(der: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, der);
    digest
        .as_ref()
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02X}");
            s
        })
}

/// Verifies that the leaf of `chain` (DER, leaf first, then intermediates in
/// any order) chains to one of the CA certificates in `ca_pems` (each text
/// may hold several PEM certificates), that every certificate on the path is
/// valid at `now_unix`, and that the leaf may be used for client
/// authentication (no extended key usage, or one with clientAuth).
pub fn verify_chain(chain: &[Vec<u8>], ca_pems: &[&str], now_unix: u64) -> Result<(), X509Error> {
    let (leaf, intermediates) = chain.split_first().ok_or(X509Error::EmptyChain)?;
    let mut ca_ders = Vec::new();
    for (index, pem) in ca_pems.iter().enumerate() {
        let before = ca_ders.len();
        for der in CertificateDer::pem_slice_iter(pem.as_bytes()) {
            let der = der.map_err(|e| X509Error::BadCaCertificate {
                index,
                reason: e.to_string(),
            })?;
            ca_ders.push((index, der));
        }
        if ca_ders.len() == before {
            return Err(X509Error::BadCaCertificate {
                index,
                reason: "no certificate in it".into(),
            });
        }
    }
    if ca_ders.is_empty() {
        return Err(X509Error::NoCaCertificates);
    }
    let anchors = ca_ders
        .iter()
        .map(|(index, der)| {
            webpki::anchor_from_trusted_cert(der).map_err(|e| X509Error::BadCaCertificate {
                index: *index,
                reason: format!("{e:?}"),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let leaf = CertificateDer::from(leaf.as_slice());
    let end_entity =
        webpki::EndEntityCert::try_from(&leaf).map_err(|e| X509Error::Parse(format!("{e:?}")))?;
    let intermediates: Vec<CertificateDer<'_>> = intermediates
        .iter()
        .map(|der| CertificateDer::from(der.as_slice()))
        .collect();
    let now = UnixTime::since_unix_epoch(Duration::from_secs(now_unix));
    end_entity
        .verify_for_usage(
            webpki::ALL_VERIFICATION_ALGS,
            &anchors,
            &intermediates,
            now,
            webpki::KeyUsage::client_auth(),
            None,
            None,
        )
        .map(|_| ())
        .map_err(from_webpki)
}

/// Translates a webpki error into one a person can act on.
fn from_webpki(e: webpki::Error) -> X509Error {
    match e {
        webpki::Error::CertExpired { time, not_after } => X509Error::Expired {
            not_after: not_after.as_secs(),
            now: time.as_secs(),
        },
        webpki::Error::CertNotValidYet { time, not_before } => X509Error::NotYetValid {
            not_before: not_before.as_secs(),
            now: time.as_secs(),
        },
        webpki::Error::UnknownIssuer => X509Error::UnknownIssuer,
        webpki::Error::InvalidSignatureForPublicKey => X509Error::BadSignature,
        webpki::Error::RequiredEkuNotFoundContext(_) => X509Error::NotForClientAuth,
        #[allow(deprecated)]
        webpki::Error::RequiredEkuNotFound => X509Error::NotForClientAuth,
        webpki::Error::BadDer | webpki::Error::BadDerTime => X509Error::Parse(format!("{e:?}")),
        other => X509Error::Invalid(format!("{other:?}")),
    }
}

/// An IP address from the 4 or 16 bytes of an iPAddress SAN.
fn ip_from_bytes(bytes: &[u8]) -> Option<IpAddr> {
    match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes).ok().map(IpAddr::from),
        16 => <[u8; 16]>::try_from(bytes).ok().map(IpAddr::from),
        _ => None,
    }
}

/// Unix seconds as RFC 3339 UTC, for messages.
fn human_time(unix: u64) -> String {
    i64::try_from(unix)
        .ok()
        .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| format!("{unix} (Unix seconds)"))
}

#[cfg(test)]
#[path = "x509_tests.rs"]
mod tests;
