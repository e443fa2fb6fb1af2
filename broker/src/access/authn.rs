//! Which credential of a CONNECT is checked, and how its answer becomes an
//! [`Identity`] or a refusal.
//!
//! Order: an MQTT 5 Authentication Method (JWT, else the webhook); a client
//! certificate; a password (a registered client's argon2 hash, else a JWT as
//! the password of a 3.1.1 client); the webhook; otherwise Bad User Name or
//! Password. Disabled clients are refused with Not authorized whatever the
//! credential; a credential whose expiry (JWT `exp`, the webhook's
//! `expiration`) has passed is refused with Bad User Name or Password.

use super::jwt::JWT_METHODS;
use super::password::verify_password_off_runtime;
use super::webhook::WebhookVerdict;
use super::NamespaceAccess;
use crate::access::{AuthStep, ConnectRequest, Identity, IdentitySource};
use tern_access::{Client, ClientState};

/// Bad User Name or Password (3.1.1: return code 4).
const BAD_CREDENTIALS: u8 = 0x86;
/// Not authorized (3.1.1: return code 5).
const NOT_AUTHORIZED: u8 = 0x87;
/// Server unavailable (3.1.1: return code 3).
const SERVER_UNAVAILABLE: u8 = 0x88;
/// Bad authentication method.
const BAD_METHOD: u8 = 0x8C;

impl NamespaceAccess {
    /// Runs the authentication of one CONNECT (or re-authentication).
    pub(super) async fn authenticate_request(&self, request: &ConnectRequest) -> AuthStep {
        let step = self.choose_and_check(request).await;
        if let AuthStep::Refuse(code) = step {
            tracing::info!(client_id = %request.client_id, username = ?request.username, code, "authentication refused");
        }
        step
    }

    async fn choose_and_check(&self, request: &ConnectRequest) -> AuthStep {
        if let Some(method) = &request.auth_method {
            if JWT_METHODS.contains(&method.as_str()) && self.jwt.is_some() {
                let token = request.auth_data.as_deref().unwrap_or_default();
                return self.check_jwt(request, token);
            }
            if self.webhook.is_some() {
                return self.check_webhook(request).await;
            }
            tracing::debug!(client_id = %request.client_id, %method, "no such authentication method");
            return AuthStep::Refuse(BAD_METHOD);
        }
        if let Some(chain) = &request.client_certificate_chain {
            return self.check_certificate(request, chain);
        }
        if let Some(password) = &request.password {
            let namespace = self.namespace();
            let registered = request
                .username
                .as_deref()
                .and_then(|name| namespace.client_by_authentication_name(name))
                .filter(|c| c.password_hash.is_some());
            if let Some(client) = registered {
                let hash = client.password_hash.clone().unwrap_or_default();
                if !verify_password_off_runtime(password.clone(), hash).await {
                    tracing::debug!(client = %client.name, "wrong password");
                    return AuthStep::Refuse(BAD_CREDENTIALS);
                }
                return registered_identity(client);
            }
            if self.jwt.is_some() && looks_like_jwt(password) {
                return self.check_jwt(request, password);
            }
        }
        if self.webhook.is_some() {
            return self.check_webhook(request).await;
        }
        AuthStep::Refuse(BAD_CREDENTIALS)
    }

    /// A JWT from Authentication Data or the password.
    fn check_jwt(&self, request: &ConnectRequest, token: &[u8]) -> AuthStep {
        let Some(verifier) = &self.jwt else {
            return AuthStep::Refuse(BAD_METHOD);
        };
        let Ok(token) = std::str::from_utf8(token) else {
            return AuthStep::Refuse(BAD_CREDENTIALS);
        };
        let claims = match verifier.verify(token) {
            Ok(c) => c,
            Err(e) => {
                tracing::debug!(client_id = %request.client_id, error = %e, "JWT refused");
                return AuthStep::Refuse(BAD_CREDENTIALS);
            }
        };
        if has_expired(claims.expires_at) {
            // jsonwebtoken still accepts `exp` == now; the connection would end at once.
            return AuthStep::Refuse(BAD_CREDENTIALS);
        }
        let namespace = self.namespace();
        let mut attributes = Default::default();
        if let Some(client) = namespace.client_by_authentication_name(&claims.subject) {
            if client.state == ClientState::Disabled {
                return AuthStep::Refuse(NOT_AUTHORIZED);
            }
            attributes = client.attributes.clone();
        }
        attributes.extend(claims.attributes);
        AuthStep::Success(Identity {
            authentication_name: claims.subject,
            source: IdentitySource::Claims(attributes),
            expires_at: claims.expires_at,
        })
    }

    /// Asks the webhook.
    async fn check_webhook(&self, request: &ConnectRequest) -> AuthStep {
        let Some(webhook) = &self.webhook else {
            return AuthStep::Refuse(BAD_CREDENTIALS);
        };
        match webhook.ask(request).await {
            WebhookVerdict::Allow {
                authentication_name,
                attributes,
                expiration,
            } => {
                if has_expired(expiration) {
                    tracing::debug!(client_id = %request.client_id, ?expiration, "webhook allowed until a time already past");
                    return AuthStep::Refuse(BAD_CREDENTIALS);
                }
                let namespace = self.namespace();
                let disabled = namespace
                    .client_by_authentication_name(&authentication_name)
                    .is_some_and(|c| c.state == ClientState::Disabled);
                if disabled {
                    return AuthStep::Refuse(NOT_AUTHORIZED);
                }
                AuthStep::Success(Identity {
                    authentication_name,
                    source: IdentitySource::Claims(attributes),
                    expires_at: expiration,
                })
            }
            WebhookVerdict::Deny(why) => {
                tracing::debug!(client_id = %request.client_id, %why, "webhook denied");
                AuthStep::Refuse(NOT_AUTHORIZED)
            }
            WebhookVerdict::Unavailable(why) => {
                tracing::warn!(client_id = %request.client_id, %why, "authentication webhook unavailable");
                AuthStep::Refuse(SERVER_UNAVAILABLE)
            }
        }
    }

    /// A TLS client certificate: the client named by the Username (Event
    /// Grid's rule; the client id when there is none) must accept it.
    fn check_certificate(&self, request: &ConnectRequest, chain: &[Vec<u8>]) -> AuthStep {
        let name = request.username.as_deref().unwrap_or(&request.client_id);
        let namespace = self.namespace();
        let Some(client) = namespace.client_by_authentication_name(name) else {
            tracing::debug!(%name, "certificate for an unknown client");
            return AuthStep::Refuse(BAD_CREDENTIALS);
        };
        let ca_pems: Vec<&str> = namespace
            .ca_certificates()
            .map(|ca| ca.encoded_certificate.as_str())
            .collect();
        match super::certificate::accepts(client, chain, &ca_pems, crate::access::unix_now()) {
            Ok(()) => registered_identity(client),
            Err(why) => {
                tracing::debug!(client = %client.name, %why, "client certificate refused");
                AuthStep::Refuse(BAD_CREDENTIALS)
            }
        }
    }
}

/// A registered client's identity, unless it is disabled.
fn registered_identity(client: &Client) -> AuthStep {
    if client.state == ClientState::Disabled {
        return AuthStep::Refuse(NOT_AUTHORIZED);
    }
    AuthStep::Success(Identity {
        authentication_name: client.authentication_name().to_owned(),
        source: IdentitySource::Registry,
        expires_at: None,
    })
}

/// Whether a credential valid until `expires_at` (unix seconds) has run out:
/// such a credential is refused like an expired JWT (Bad User Name or
/// Password) instead of being accepted and ended at once.
fn has_expired(expires_at: Option<u64>) -> bool {
    expires_at.is_some_and(|at| at <= crate::access::unix_now())
}

/// Three base64url parts separated by dots.
fn looks_like_jwt(password: &[u8]) -> bool {
    password.split(|&b| b == b'.').count() == 3
        && password
            .iter()
            .all(|&b| b == b'.' || b == b'-' || b == b'_' || b.is_ascii_alphanumeric())
}
