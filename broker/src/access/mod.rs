//! Event Grid's access model in the broker: the live namespace plus the ways a
//! client proves who it is (registry password, client certificate, JWT, webhook).
//!
//! The pure model — resources, group queries, topic templates, decisions —
//! lives in the `tern-access` crate; this module does what needs I/O or a
//! clock: it holds the current [`Namespace`] (swapped whole on every change,
//! so readers never wait on writers), verifies credentials, and turns the
//! model's decisions into the broker's [`AccessControl`] answers.

mod authn;
mod certificate;
mod control;
pub mod jwt;
pub mod password;
pub mod webhook;

use crate::config::AccessConfig;
pub use control::{
    unix_now, AccessControl, Action, AttributeValue, Attributes, AuthFuture, AuthStep,
    ConnectRequest, Denial, Identity, IdentitySource, OpenAccess,
};
use parking_lot::RwLock;
use std::sync::Arc;
use tern_access::{ClientState, Decision, Namespace, Principal};

/// Why the access model cannot be set up from the configuration.
#[derive(Debug, thiserror::Error)]
pub enum AccessSetupError {
    /// A JWT issuer is misconfigured.
    #[error(transparent)]
    Jwt(#[from] jwt::JwtConfigError),
    /// The webhook is misconfigured.
    #[error(transparent)]
    Webhook(#[from] webhook::WebhookConfigError),
}

/// The Event Grid access model as the broker's [`AccessControl`].
#[derive(Debug)]
pub struct NamespaceAccess {
    namespace: RwLock<Arc<Namespace>>,
    jwt: Option<jwt::JwtVerifier>,
    webhook: Option<webhook::WebhookAuth>,
}

impl NamespaceAccess {
    /// Sets up authentication from `config`, starting from `namespace`.
    pub fn new(config: &AccessConfig, namespace: Namespace) -> Result<Self, AccessSetupError> {
        let jwt = if config.jwt_issuers.is_empty() {
            None
        } else {
            Some(jwt::JwtVerifier::new(
                &config.jwt_issuers,
                &config.hostname,
            )?)
        };
        let webhook = config
            .webhook
            .as_ref()
            .map(webhook::WebhookAuth::new)
            .transpose()?;
        Ok(Self {
            namespace: RwLock::new(Arc::new(namespace)),
            jwt,
            webhook,
        })
    }

    /// The current namespace (a snapshot; later changes do not affect it).
    pub fn namespace(&self) -> Arc<Namespace> {
        self.namespace.read().clone()
    }

    /// Replaces the namespace. Callers then tell connections through
    /// `BrokerState::notify_access_changed`.
    pub fn replace(&self, namespace: Namespace) {
        *self.namespace.write() = Arc::new(namespace);
    }

    /// The principal authorization sees for `identity` now: registered
    /// clients with their current attributes, others with their claims.
    fn principal(namespace: &Namespace, identity: &Identity) -> Result<Principal, Denial> {
        match &identity.source {
            IdentitySource::Registry => namespace
                .client_by_authentication_name(&identity.authentication_name)
                .map(|c| c.principal())
                .ok_or_else(|| {
                    Arc::from(format!(
                        "client '{}' is no longer registered",
                        identity.authentication_name
                    ))
                }),
            IdentitySource::Claims(attributes) => Ok(Principal {
                authentication_name: identity.authentication_name.clone(),
                attributes: attributes.clone(),
            }),
            IdentitySource::Open => Ok(Principal {
                authentication_name: identity.authentication_name.clone(),
                ..Principal::default()
            }),
        }
    }

    /// Explains a decision for `tern explain` and the admin API.
    pub fn explain(&self, principal: &Principal, action: Action<'_>) -> Decision {
        self.namespace().authorize(principal, action)
    }
}

impl AccessControl for NamespaceAccess {
    fn authenticate<'a>(&'a self, request: &'a ConnectRequest) -> AuthFuture<'a> {
        Box::pin(self.authenticate_request(request))
    }

    fn authorize(&self, identity: &Identity, action: Action<'_>) -> Result<(), Denial> {
        let namespace = self.namespace();
        let principal = Self::principal(&namespace, identity)?;
        match namespace.authorize(&principal, action) {
            Decision::Allowed(_) => Ok(()),
            denied => Err(Arc::from(denied.to_string())),
        }
    }

    fn admits(&self, identity: &Identity) -> Result<(), u8> {
        const ADMINISTRATIVE_ACTION: u8 = 0x98;
        let namespace = self.namespace();
        let client = namespace.client_by_authentication_name(&identity.authentication_name);
        match (&identity.source, client) {
            (_, Some(c)) if c.state == ClientState::Disabled => Err(ADMINISTRATIVE_ACTION),
            (IdentitySource::Registry, None) => Err(ADMINISTRATIVE_ACTION),
            _ => Ok(()),
        }
    }

    fn admits_owner(&self, authentication_name: &str) -> bool {
        match self
            .namespace()
            .client_by_authentication_name(authentication_name)
        {
            Some(client) => client.state != ClientState::Disabled,
            // Not registered: only a JWT or webhook client can still be that name.
            None => self.jwt.is_some() || self.webhook.is_some(),
        }
    }
}
