//! Authentication and authorization, behind one trait the access model plugs into.
//!
//! The broker asks an [`AccessControl`] three questions: may this CONNECT (or
//! enhanced-authentication exchange) in, may this client publish to a topic,
//! may it subscribe to a filter. Until the Event Grid access model lands the
//! only implementation is [`OpenAccess`], which says yes to everything and is
//! selected explicitly with `tern run --open`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

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
}

/// Who a client is once authenticated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The authentication name (Event Grid: `${client.authenticationName}`).
    pub authentication_name: String,
}

/// The answer to one authentication step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthStep {
    /// Authenticated.
    Success(Identity),
    /// Enhanced authentication goes on: send AUTH 0x18 with this Authentication Data.
    Continue(Vec<u8>),
    /// Refused, with the CONNACK reason code (0x86, 0x87, 0x88, 0x8C ...).
    Refuse(u8),
}

/// A boxed future, so the trait stays object-safe.
pub type AuthFuture<'a> = Pin<Box<dyn Future<Output = AuthStep> + Send + 'a>>;

/// Decides who may connect and what they may do.
pub trait AccessControl: Send + Sync + std::fmt::Debug {
    /// First authentication step, from CONNECT.
    fn authenticate<'a>(&'a self, request: &'a ConnectRequest) -> AuthFuture<'a>;

    /// A further enhanced-authentication step (AUTH 0x18 from the client), or
    /// re-authentication (AUTH 0x19). The default refuses with Bad authentication method.
    fn continue_auth<'a>(
        &'a self,
        _request: &'a ConnectRequest,
        _auth_data: &'a [u8],
    ) -> AuthFuture<'a> {
        Box::pin(async { AuthStep::Refuse(0x8C) })
    }

    /// May `identity` publish to `topic`?
    fn may_publish(&self, identity: &Identity, topic: &str) -> bool;

    /// May `identity` subscribe to `filter` (without any `$share` prefix)?
    fn may_subscribe(&self, identity: &Identity, filter: &str) -> bool;
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
            })
        })
    }

    fn may_publish(&self, _identity: &Identity, _topic: &str) -> bool {
        true
    }

    fn may_subscribe(&self, _identity: &Identity, _filter: &str) -> bool {
        true
    }
}
