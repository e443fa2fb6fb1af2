//! Authentication and authorization, behind one trait the access model plugs into.
//!
//! The broker asks an [`AccessControl`] who a CONNECT (or enhanced-authentication
//! exchange) is, whether that identity may publish to a topic or subscribe to a
//! filter, and — after the access model changed — whether it is still admitted.
//! Two implementations exist: [`OpenAccess`] (`tern run --open`: everyone may do
//! everything) and [`super::NamespaceAccess`], Event Grid's model.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
pub use tern_access::{Action, AttributeValue, Attributes};

/// What the broker knows about a connecting client when it asks to authenticate it.
#[derive(Debug, Clone, Default)]
pub struct ConnectRequest {
    /// The Client Identifier (the session name).
    pub client_id: String,
    /// The User Name, if present (Event Grid: the authentication name).
    pub username: Option<String>,
    /// The Password, if present.
    pub password: Option<Vec<u8>>,
    /// MQTT 5 Authentication Method, if present.
    pub auth_method: Option<String>,
    /// MQTT 5 Authentication Data, if present.
    pub auth_data: Option<Vec<u8>>,
    /// The will topic, which must be authorized at CONNECT.
    pub will_topic: Option<String>,
    /// The certificate chain a TLS client presented (DER, leaf first); `None`
    /// on plain transports or when the client sent none. The TLS layer only
    /// checks that the client holds the leaf's key; the access model decides
    /// whether the certificate is acceptable.
    pub client_certificate_chain: Option<Arc<Vec<Vec<u8>>>>,
    /// User Properties of the CONNECT (passed to webhook authentication).
    pub user_properties: Vec<(String, String)>,
}

/// Where an identity's attributes come from, which decides how it follows
/// changes of the access model.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IdentitySource {
    /// Open mode: no access model.
    #[default]
    Open,
    /// A registered client: its current attributes are read from the registry
    /// on every decision, so updates apply to connected clients.
    Registry,
    /// Attributes carried by a credential (JWT claims, a webhook's answer).
    Claims(Attributes),
}

/// Who a client is once authenticated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The authentication name (Event Grid: `${client.authenticationName}`).
    pub authentication_name: String,
    /// Where the attributes come from.
    pub source: IdentitySource,
    /// When the credential stops being valid (unix seconds; JWT `exp`, a
    /// webhook's `expiration`); the connection is closed then unless the client
    /// re-authenticates first.
    pub expires_at: Option<u64>,
}

/// The answer to one authentication step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthStep {
    /// Authenticated.
    Success(Identity),
    /// Enhanced authentication goes on: send AUTH 0x18 with this Authentication Data.
    Continue(Vec<u8>),
    /// Refused, with the MQTT 5 reason code (0x86, 0x87, 0x88, 0x8C ...); the
    /// handshake maps it to a 3.1.1 return code for 3.1.1 clients.
    Refuse(u8),
}

/// Why an action was denied: one line, logged at debug level on every denial.
pub type Denial = Arc<str>;

/// A boxed future, so the trait stays object-safe.
pub type AuthFuture<'a> = Pin<Box<dyn Future<Output = AuthStep> + Send + 'a>>;

/// Decides who may connect and what they may do.
pub trait AccessControl: Send + Sync + std::fmt::Debug {
    /// First authentication step, from CONNECT. Also called for re-authentication
    /// (AUTH 0x19), with the new Authentication Data in `request`.
    fn authenticate<'a>(&'a self, request: &'a ConnectRequest) -> AuthFuture<'a>;

    /// A further enhanced-authentication step (AUTH 0x18 from the client). The
    /// default refuses with Bad authentication method.
    fn continue_auth<'a>(
        &'a self,
        _request: &'a ConnectRequest,
        _auth_data: &'a [u8],
    ) -> AuthFuture<'a> {
        Box::pin(async { AuthStep::Refuse(0x8C) })
    }

    /// May `identity` do `action`? `Err` says why not.
    fn authorize(&self, identity: &Identity, action: Action<'_>) -> Result<(), Denial>;

    /// Is `identity` still admitted (asked after the access model changed)?
    /// `Err` carries the DISCONNECT reason code to close the connection with.
    fn admits(&self, _identity: &Identity) -> Result<(), u8> {
        Ok(())
    }

    /// May a session owned by `authentication_name` live on while its client
    /// is offline (asked after the access model changed)? `false` for a
    /// client that could no longer connect as that name (disabled or
    /// deleted): Event Grid drops such sessions.
    fn admits_owner(&self, _authentication_name: &str) -> bool {
        true
    }

    /// Whether decisions may change over time (then connections cache them per
    /// generation and follow [`crate::state::BrokerState::access_changes`]).
    fn is_static(&self) -> bool {
        false
    }
}

/// Seconds since the Unix epoch (credential expiry is in these units).
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Open mode: every client is accepted and every action permitted.
///
/// Enhanced authentication is refused with Bad authentication method (0x8C): open
/// mode has no method to run [MQTT-4.12.0-1].
#[derive(Debug, Default, Clone, Copy)]
pub struct OpenAccess;

impl AccessControl for OpenAccess {
    fn authenticate<'a>(&'a self, request: &'a ConnectRequest) -> AuthFuture<'a> {
        Box::pin(async move {
            if request.auth_method.is_some() {
                return AuthStep::Refuse(0x8C);
            }
            AuthStep::Success(Identity {
                authentication_name: request
                    .username
                    .clone()
                    .unwrap_or_else(|| request.client_id.clone()),
                ..Identity::default()
            })
        })
    }

    fn authorize(&self, _identity: &Identity, _action: Action<'_>) -> Result<(), Denial> {
        Ok(())
    }

    fn is_static(&self) -> bool {
        true
    }
}
