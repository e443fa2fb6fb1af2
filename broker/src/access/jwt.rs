//! JWT authentication, as Event Grid's custom JWT: the token arrives as MQTT 5
//! Authentication Data (method `CUSTOM-JWT` or `OAUTH2-JWT`) or as the password
//! of a 3.1.1 client.
//!
//! `iss` must name a configured issuer whose key verifies the signature
//! (RS256/ES256), `aud` must contain the namespace host name, `exp` and `nbf`
//! are checked, `sub` is the authentication name, and every other integer,
//! string or string-array claim becomes a client attribute.

use crate::config::JwtIssuerConfig;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tern_access::{AttributeValue, Attributes};

/// Authentication Methods that carry a JWT.
pub const JWT_METHODS: [&str; 2] = ["CUSTOM-JWT", "OAUTH2-JWT"];

/// Registered claims, never turned into attributes.
const REGISTERED_CLAIMS: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// Why the JWT configuration cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum JwtConfigError {
    /// A key file cannot be read.
    #[error("JWT issuer '{issuer}': cannot read {}: {source}", path.display())]
    Read {
        /// The issuer.
        issuer: String,
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A key or algorithm is unusable.
    #[error("JWT issuer '{issuer}': {rule}")]
    Invalid {
        /// The issuer.
        issuer: String,
        /// The rule broken.
        rule: String,
    },
}

/// Why a token was refused (the CONNACK code is Bad User Name or Password).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// No configured issuer has this `iss`, or the token has none.
    #[error("unknown issuer {0:?}")]
    UnknownIssuer(Option<String>),
    /// Signature, `exp`, `nbf`, `aud` or shape check failed.
    #[error("invalid token: {0}")]
    Invalid(#[from] jsonwebtoken::errors::Error),
    /// No `sub` claim.
    #[error("the token has no 'sub' claim (the authentication name)")]
    NoSubject,
}

/// What a verified token says about its client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenClaims {
    /// `sub`: the authentication name.
    pub subject: String,
    /// Attributes from the other claims.
    pub attributes: Attributes,
    /// `exp`, if present.
    pub expires_at: Option<u64>,
}

/// Verifies tokens of the configured issuers.
pub struct JwtVerifier {
    issuers: HashMap<String, (DecodingKey, Validation)>,
}

impl std::fmt::Debug for JwtVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtVerifier")
            .field("issuers", &self.issuers.keys().collect::<Vec<_>>())
            .finish()
    }
}

fn read(issuer: &str, path: &Path) -> Result<Vec<u8>, JwtConfigError> {
    std::fs::read(path).map_err(|source| JwtConfigError::Read {
        issuer: issuer.to_owned(),
        path: path.to_owned(),
        source,
    })
}

fn algorithm(cfg: &JwtIssuerConfig) -> Result<Algorithm, JwtConfigError> {
    match cfg.algorithm.as_str() {
        "RS256" => Ok(Algorithm::RS256),
        "ES256" => Ok(Algorithm::ES256),
        other => Err(JwtConfigError::Invalid {
            issuer: cfg.issuer.clone(),
            rule: format!("algorithm {other:?} is not supported (use RS256 or ES256)"),
        }),
    }
}

impl JwtVerifier {
    /// Loads the issuers' public keys; `audience` is the namespace host name.
    pub fn new(issuers: &[JwtIssuerConfig], audience: &str) -> Result<Self, JwtConfigError> {
        let mut map = HashMap::new();
        for cfg in issuers {
            let alg = algorithm(cfg)?;
            let pem = read(&cfg.issuer, &cfg.public_key_file)?;
            let key = match alg {
                Algorithm::RS256 => DecodingKey::from_rsa_pem(&pem),
                _ => DecodingKey::from_ec_pem(&pem),
            }
            .map_err(|e| JwtConfigError::Invalid {
                issuer: cfg.issuer.clone(),
                rule: format!("public_key_file is not a PEM {alg:?} public key: {e}"),
            })?;
            let mut validation = Validation::new(alg);
            validation.set_issuer(&[&cfg.issuer]);
            validation.set_audience(&[audience]);
            validation.set_required_spec_claims(&["exp", "sub", "iss", "aud"]);
            validation.validate_nbf = true;
            validation.leeway = 0;
            map.insert(cfg.issuer.clone(), (key, validation));
        }
        Ok(Self { issuers: map })
    }

    /// Verifies a token and returns what it says.
    pub fn verify(&self, token: &str) -> Result<TokenClaims, TokenError> {
        let issuer = unverified_issuer(token);
        let (key, validation) = issuer
            .as_deref()
            .and_then(|iss| self.issuers.get(iss))
            .ok_or_else(|| TokenError::UnknownIssuer(issuer.clone()))?;
        let data = jsonwebtoken::decode::<Map<String, Value>>(token, key, validation)?;
        let claims = data.claims;
        let subject = claims
            .get("sub")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or(TokenError::NoSubject)?
            .to_owned();
        let expires_at = claims.get("exp").and_then(Value::as_u64);
        Ok(TokenClaims {
            subject,
            attributes: claims_to_attributes(&claims),
            expires_at,
        })
    }
}

/// Reads `iss` from a token's payload without verifying anything, only to
/// pick the issuer whose key then verifies the whole token.
fn unverified_issuer(token: &str) -> Option<String> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let value: Value = serde_json::from_slice(&bytes).ok()?;
    value.get("iss")?.as_str().map(str::to_owned)
}

/// Integer, string and string-array claims other than the registered ones,
/// with keys Event Grid allows for attributes (`[A-Za-z0-9_]`).
fn claims_to_attributes(claims: &Map<String, Value>) -> Attributes {
    let mut attributes = Attributes::new();
    for (key, value) in claims {
        if REGISTERED_CLAIMS.contains(&key.as_str())
            || key.is_empty()
            || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            continue;
        }
        let attribute = match value {
            Value::String(s) => AttributeValue::String(s.clone()),
            Value::Number(n) => match n.as_i64() {
                Some(i) => AttributeValue::Int(i),
                None => continue,
            },
            Value::Array(items) => {
                let strings: Option<Vec<String>> = items
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect();
                match strings {
                    Some(s) => AttributeValue::Strings(s),
                    None => continue,
                }
            }
            _ => continue,
        };
        attributes.insert(key.clone(), attribute);
    }
    attributes
}

/// Signs a development token with an issuer's `signing_key_file`
/// (`tern token create`, `tern demo`).
pub fn mint(
    cfg: &JwtIssuerConfig,
    audience: &str,
    subject: &str,
    extra_claims: &Map<String, Value>,
    now_unix: u64,
    ttl_secs: u64,
) -> Result<String, JwtConfigError> {
    let invalid = |rule: String| JwtConfigError::Invalid {
        issuer: cfg.issuer.clone(),
        rule,
    };
    let alg = algorithm(cfg)?;
    let path = cfg
        .signing_key_file
        .as_ref()
        .ok_or_else(|| invalid("no signing_key_file is configured".into()))?;
    let pem = read(&cfg.issuer, path)?;
    let key = match alg {
        Algorithm::RS256 => EncodingKey::from_rsa_pem(&pem),
        _ => EncodingKey::from_ec_pem(&pem),
    }
    .map_err(|e| {
        invalid(format!(
            "signing_key_file is not a PKCS#8 PEM {alg:?} key: {e}"
        ))
    })?;
    let mut claims = extra_claims.clone();
    claims.insert("iss".into(), Value::from(cfg.issuer.clone()));
    claims.insert("sub".into(), Value::from(subject));
    claims.insert("aud".into(), Value::from(audience));
    claims.insert("iat".into(), Value::from(now_unix));
    claims.insert("nbf".into(), Value::from(now_unix));
    claims.insert("exp".into(), Value::from(now_unix + ttl_secs));
    jsonwebtoken::encode(&Header::new(alg), &claims, &key)
        .map_err(|e| invalid(format!("signing failed: {e}")))
}
