//! A connection's side of access control: cached PUBLISH decisions, live
//! re-evaluation when the access model changes, credential expiry and
//! re-authentication (AUTH 0x19).
//!
//! Decisions are cached per connection (a topic → verdict map, cleared when
//! the access model changes, bounded in size), so the hot path asks the access
//! model once per distinct topic. When an administrator changes a client,
//! group, topic space or binding, every connection is woken through
//! `BrokerState::access_changes`, drops its cache, checks that its client is
//! still admitted (DISCONNECT 0x98 otherwise) and removes subscriptions that
//! are no longer allowed.

use super::{CloseReason, Conn, Connected, Stream};
use crate::access::{AuthStep, Denial};
use crate::lifecycle::DisconnectionReason;
use std::collections::HashMap;
use std::time::Duration;
use tern_access::Action;
use tern_protocol::mqtt::packet::{v5_0, AuthenticationMethod, Property};
use tern_protocol::mqtt::result_code::{AuthReasonCode, DisconnectReasonCode};

/// Most distinct topics a connection remembers decisions for; the cache is
/// cleared when it would grow beyond this.
const CACHE_CAPACITY: usize = 1024;

/// Cached decisions of one connection.
#[derive(Debug, Default)]
pub(super) struct AuthzCache {
    /// May the client publish to this topic (`None`: yes)?
    publish: HashMap<Box<str>, Option<Denial>>,
    /// May the client receive a message on this topic, i.e. subscribe to it?
    receive: HashMap<Box<str>, bool>,
}

impl AuthzCache {
    fn clear(&mut self) {
        self.publish.clear();
        self.receive.clear();
    }
}

/// How long until a unix-seconds deadline (zero when it has passed), to the
/// sub-second: the credential ends at the start of its `exp` second, not up to
/// a second later. `None` for a deadline beyond what the clock can represent
/// (a JWT or webhook may say `exp` 2^63 or more): such a credential never
/// expires.
pub(super) fn until_unix(deadline: u64) -> Option<Duration> {
    let at = std::time::UNIX_EPOCH.checked_add(Duration::from_secs(deadline))?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

impl<S: Stream> Conn<S, Connected> {
    /// May this client publish to `topic`? Asks the access model once per
    /// topic until the model changes; every denial is logged with its reason.
    pub(super) fn authorize_publish(&mut self, topic: &str) -> Result<(), Denial> {
        let access = self.broker.access.clone();
        if access.is_static() {
            return access.authorize(&self.client().identity, Action::Publish(topic));
        }
        let client = &mut self.phase.client;
        let verdict = match client.authz.publish.get(topic) {
            Some(cached) => cached.clone(),
            None => {
                let verdict = access
                    .authorize(&client.identity, Action::Publish(topic))
                    .err();
                if client.authz.publish.len() >= CACHE_CAPACITY {
                    client.authz.clear();
                }
                client.authz.publish.insert(topic.into(), verdict.clone());
                verdict
            }
        };
        match verdict {
            None => Ok(()),
            Some(why) => {
                tracing::debug!(client_id = %client.client_id, %topic, %why, "PUBLISH denied");
                Err(why)
            }
        }
    }

    /// May a message on `topic` be handed to this client? Delivery checks the
    /// topic itself against the client's Subscriber bindings, whatever
    /// subscription routed it there, so a session can never receive what its
    /// client may not subscribe to (its rights may have shrunk since it
    /// subscribed, or it may hold messages queued for an earlier owner).
    pub(super) fn may_receive(&mut self, topic: &str) -> bool {
        let access = self.broker.access.clone();
        if access.is_static() {
            return true;
        }
        let client = &mut self.phase.client;
        if let Some(&allowed) = client.authz.receive.get(topic) {
            return allowed;
        }
        let verdict = access.authorize(&client.identity, Action::Subscribe(topic));
        if let Err(why) = &verdict {
            tracing::debug!(client_id = %client.client_id, %topic, %why, "delivery denied: message dropped");
        }
        if client.authz.receive.len() >= CACHE_CAPACITY {
            client.authz.receive.clear();
        }
        client.authz.receive.insert(topic.into(), verdict.is_ok());
        verdict.is_ok()
    }

    /// May this client subscribe to `filter` (without `$share/{group}/`)?
    pub(super) fn authorize_subscribe(&self, filter: &str) -> Result<(), Denial> {
        let client = self.client();
        let verdict = self
            .broker
            .access
            .authorize(&client.identity, Action::Subscribe(filter));
        if let Err(why) = &verdict {
            tracing::debug!(client_id = %client.client_id, %filter, %why, "SUBSCRIBE denied");
        }
        verdict
    }

    /// The access model changed: forget cached decisions, close the
    /// connection if the client is no longer admitted, and drop subscriptions
    /// that are no longer allowed.
    pub(super) fn on_access_changed(&mut self) {
        let client = &mut self.phase.client;
        client.authz.clear();
        if let Err(code) = self.broker.access.admits(&self.client().identity) {
            let code = DisconnectReasonCode::try_from(code)
                .unwrap_or(DisconnectReasonCode::AdministrativeAction);
            tracing::info!(client_id = %self.client().client_id, ?code, "client no longer admitted: disconnecting");
            self.broker.end_unauthorized_session(&self.client().session);
            self.end_because(DisconnectionReason::ClientAuthorizationError);
            self.disconnect(code, CloseReason::ServerInitiated);
            return;
        }
        self.drop_disallowed_subscriptions();
    }

    /// Removes the session's subscriptions the client may no longer hold
    /// (also run when a session is resumed, as rights may have changed while
    /// it was offline).
    pub(super) fn drop_disallowed_subscriptions(&mut self) {
        let client = self.client();
        for raw in self.broker.subscriptions_of(&client.session) {
            let Ok((_, filter)) = tern_topic::parse_subscription_filter(&raw) else {
                continue;
            };
            if let Err(why) = self
                .broker
                .access
                .authorize(&client.identity, Action::Subscribe(filter))
            {
                tracing::info!(client_id = %client.client_id, filter = %raw, %why, "subscription no longer allowed: removed");
                self.broker.unsubscribe(&client.session, &raw);
            }
        }
    }

    /// The client's credential expired without re-authentication.
    pub(super) fn on_credential_expired(&mut self) {
        tracing::info!(client_id = %self.client().client_id, "credential expired: disconnecting");
        self.end_because(DisconnectionReason::ClientAuthenticationError);
        self.disconnect(
            DisconnectReasonCode::NotAuthorized,
            CloseReason::ServerInitiated,
        );
    }

    /// Runs a re-authentication the client started with AUTH 0x19 [MQTT-4.12.1-1]:
    /// the same method, new Authentication Data; the identity may not change.
    pub(super) async fn reauthenticate(&mut self, data: Vec<u8>) {
        let access = self.broker.access.clone();
        let mut request = self.client().request.clone();
        let method = request.auth_method.clone().unwrap_or_default();
        request.auth_data = Some(data);
        let step = access.authenticate(&request).await;
        let code = match step {
            AuthStep::Success(identity)
                if identity.authentication_name == self.client().identity.authentication_name =>
            {
                let client = &mut self.phase.client;
                client.identity = identity;
                client.request = request;
                client.authz.clear();
                let mut props: Vec<Property> = Vec::new();
                if let Ok(m) = AuthenticationMethod::new(method.as_str()) {
                    props.push(m.into());
                }
                if let Ok(auth) = v5_0::Auth::builder()
                    .reason_code(AuthReasonCode::Success)
                    .props(props)
                    .build()
                {
                    self.send(auth.into());
                }
                tracing::debug!(client_id = %self.client().client_id, "re-authenticated");
                self.drop_disallowed_subscriptions();
                return;
            }
            AuthStep::Success(_) => DisconnectReasonCode::NotAuthorized,
            AuthStep::Continue(_) => DisconnectReasonCode::NotAuthorized,
            AuthStep::Refuse(code) => {
                DisconnectReasonCode::try_from(code).unwrap_or(DisconnectReasonCode::NotAuthorized)
            }
        };
        tracing::info!(client_id = %self.client().client_id, ?code, "re-authentication failed");
        self.end_because(DisconnectionReason::ClientAuthenticationError);
        self.disconnect(code, CloseReason::ServerInitiated);
    }
}
