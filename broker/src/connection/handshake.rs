//! CONNECT → (AUTH exchange) → CONNACK, for both protocol versions.

use super::{buffers, ClientState, CloseReason, Conn, Handshake, Stream};
use crate::access::{AuthStep, ConnectRequest, Identity};
use crate::message::Message;
use crate::metrics::labels::{Error, Operation, Protocol};
use crate::quota::{ConnectionRefused, Refusals};
use crate::state::Will;
use crate::version::Version;
use std::sync::Arc;
use std::time::Duration;
use tern_protocol::mqtt::packet::{
    v3_1_1, v5_0, AssignedClientIdentifier, AuthenticationData, AuthenticationMethod,
    GenericPacket, Property, ResponseInformation, ServerKeepAlive, SessionExpiryInterval,
    TopicAliasMaximum,
};
use tern_protocol::mqtt::prelude::*;
use tern_protocol::mqtt::result_code::{AuthReasonCode, ConnectReasonCode, ConnectReturnCode};
use tokio::time::Instant;

/// The facts of a CONNECT, whichever version it came in.
pub(super) struct ConnectFacts {
    version: Version,
    client_id: String,
    clean_start: bool,
    keep_alive: u16,
    request: ConnectRequest,
    will: Option<(Message, u32)>,
    session_expiry: u32,
    client_max_packet: u32,
    request_response_info: bool,
    will_payload_invalid: bool,
}

/// A CONNECT accepted: the client, and what its connected phase starts with.
pub(super) struct Accepted {
    /// The client, attached to its session.
    pub(super) client: ClientState,
    /// What the connected phase sends and does first.
    pub(super) start: Start,
}

/// What a connection does first once its client is connected.
pub(super) struct Start {
    /// The CONNACK (`None` if the protocol library refused to build it: the
    /// connection then closes, and its session is detached as for any close).
    pub(super) connack: Option<GenericPacket<u16>>,
    /// The Connected life-cycle event.
    pub(super) connected: Message,
    /// Whether an existing session was resumed.
    pub(super) present: bool,
}

impl<S: Stream> Conn<S, Handshake> {
    /// The handshake within `listeners.connect_timeout_secs`; shutdown does
    /// not wait for a client that has not connected.
    pub(super) async fn handshake_in_time(&mut self) -> Result<Accepted, CloseReason> {
        let connect_timeout =
            Duration::from_secs(self.broker.config.listeners.connect_timeout_secs);
        let broker = self.broker.clone();
        // Boxed: short-lived, and inline it would make every idle
        // connection's task as large as itself.
        let handshake = tokio::time::timeout(connect_timeout, Box::pin(self.handshake()));
        tokio::select! {
            result = handshake => result.unwrap_or_else(|_| {
                tracing::debug!(peer = %self.peer, "no CONNECT in time: closing");
                Err(CloseReason::ProtocolViolation)
            }),
            _ = broker.shutdown.cancelled() => {
                tracing::debug!(peer = %self.peer, "shutdown before CONNECT: closing");
                Err(CloseReason::ServerInitiated)
            }
        }
    }

    /// Reads until CONNECT, authenticates and attaches the session.
    async fn handshake(&mut self) -> Result<Accepted, CloseReason> {
        self.read_until(|c| c.phase.pending_connect.is_some())
            .await?;
        let packet = *self
            .phase
            .pending_connect
            .take()
            .expect("checked by read_until");
        let mut facts = match packet {
            GenericPacket::V5_0Connect(c) => facts_v5(&c),
            GenericPacket::V3_1_1Connect(c) => facts_v3(&c),
            _ => return Err(CloseReason::ProtocolViolation),
        };
        facts.request.client_certificate_chain = self.peer.client_certificate_chain.clone();
        let assigned = facts.client_id.is_empty();
        if assigned {
            if !facts.version.is_v5() && !facts.clean_start {
                // [MQTT-3.1.3-8]: an empty ClientId needs CleanSession=1 in 3.1.1.
                return self
                    .refuse(&facts, ConnectReasonCode::ClientIdentifierNotValid)
                    .await;
            }
            facts.client_id = self.broker.assign_client_id();
            facts.request.client_id = facts.client_id.clone();
        }
        if let Some(topic) = &facts.request.will_topic {
            if tern_topic::validate_topic_name(topic).is_err() {
                return self
                    .refuse(&facts, ConnectReasonCode::TopicNameInvalid)
                    .await;
            }
        }
        if facts.will_payload_invalid {
            return self
                .refuse(&facts, ConnectReasonCode::PayloadFormatInvalid)
                .await;
        }
        let address = self.peer.addr.ip();
        let name = facts.request.username.clone();
        if let Err(limited) = self.broker.failed_auth.check(address, name.as_deref()) {
            Refusals::count(&self.broker.refusals.authentication_rate);
            tracing::info!(peer = %self.peer, client_id = %facts.client_id, "CONNECT refused unchecked: {limited}");
            return self
                .refuse(&facts, ConnectReasonCode::ConnectionRateExceeded)
                .await;
        }
        let started = Instant::now();
        let authenticated = self.authenticate(&facts).await?;
        let outcome = authenticated.as_ref().err().map(|&code| code as u8);
        self.broker.metrics.authenticated(
            started.elapsed(),
            Error::of_reason_code(outcome.unwrap_or(0)),
        );
        let identity = match authenticated {
            Ok(identity) => identity,
            Err(code) => {
                if code != ConnectReasonCode::ServerUnavailable {
                    self.broker
                        .failed_auth
                        .record_failure(address, name.as_deref());
                }
                return self.refuse(&facts, code).await;
            }
        };
        if let Some(topic) = &facts.request.will_topic {
            // The will topic is authorized at CONNECT, as Event Grid does.
            let verdict = self
                .broker
                .access
                .authorize(&identity, tern_access::Action::Publish(topic));
            if let Err(why) = verdict {
                tracing::debug!(client_id = %facts.client_id, %topic, %why, "will topic denied");
                return self.refuse(&facts, ConnectReasonCode::NotAuthorized).await;
            }
        }
        self.accept(facts, identity, assigned).await
    }

    /// Runs the authentication steps, including an MQTT 5 enhanced-auth exchange.
    async fn authenticate(
        &mut self,
        facts: &ConnectFacts,
    ) -> Result<Result<Identity, ConnectReasonCode>, CloseReason> {
        let access = self.broker.access.clone();
        let mut step = access.authenticate(&facts.request).await;
        loop {
            match step {
                AuthStep::Success(identity) => return Ok(Ok(identity)),
                AuthStep::Refuse(code) => {
                    let code = ConnectReasonCode::try_from(code)
                        .unwrap_or(ConnectReasonCode::NotAuthorized);
                    return Ok(Err(code));
                }
                AuthStep::Continue(data) if facts.version.is_v5() => {
                    let method = facts.request.auth_method.clone().unwrap_or_default();
                    let auth = auth_packet(AuthReasonCode::ContinueAuthentication, &method, data);
                    self.send(auth.into());
                    self.flush()
                        .await
                        .map_err(|_| CloseReason::ConnectionLost)?;
                    self.read_until(|c| c.phase.pending_auth.is_some()).await?;
                    let data = self.phase.pending_auth.take().unwrap_or_default();
                    step = access.continue_auth(&facts.request, &data).await;
                }
                AuthStep::Continue(_) => {
                    return Ok(Err(ConnectReasonCode::BadAuthenticationMethod))
                }
            }
        }
    }

    /// Reads and processes input until `done` holds for the connection.
    async fn read_until(&mut self, done: impl Fn(&Self) -> bool) -> Result<(), CloseReason> {
        loop {
            if done(self) {
                return Ok(());
            }
            if let Some(reason) = self.closing {
                let _ = self.flush().await;
                return Err(reason);
            }
            match buffers::read_sized(&mut self.stream, &mut self.read_buf, &mut self.read_sizing)
                .await
            {
                Ok(0) | Err(_) => return Err(CloseReason::ConnectionLost),
                Ok(n) => {
                    self.traffic.received(n);
                    self.process_input();
                }
            }
        }
    }

    /// Sends a refusing CONNACK and ends the connection [MQTT-3.2.2-7].
    async fn refuse(
        &mut self,
        facts: &ConnectFacts,
        code: ConnectReasonCode,
    ) -> Result<Accepted, CloseReason> {
        tracing::info!(peer = %self.peer, client_id = %facts.client_id, ?code, "connection refused");
        self.broker.metrics.request(
            Operation::Connect,
            Protocol::of(facts.version, self.peer.websocket),
            Error::of_reason_code(code as u8),
        );
        let Some(packet) = facts.version.connack_refused(code) else {
            return Err(CloseReason::ProtocolViolation);
        };
        self.send(packet);
        let _ = self.flush().await;
        Err(CloseReason::ProtocolViolation)
    }

    /// Attaches the session and sends the successful CONNACK.
    async fn accept(
        &mut self,
        facts: ConnectFacts,
        identity: Identity,
        assigned: bool,
    ) -> Result<Accepted, CloseReason> {
        let cfg = self.broker.config.clone();
        let client_id: Arc<str> = Arc::from(facts.client_id.as_str());
        let requested_expiry = facts.session_expiry;
        let expiry = if facts.version.is_v5() {
            requested_expiry.min(cfg.sessions.max_session_expiry_secs)
        } else if facts.clean_start {
            0
        } else {
            cfg.sessions.v3_session_expiry_secs
        };
        let quotas = &cfg.quotas;
        // A connection that takes its own session over replaces one that is
        // about to end: it does not count against the quotas twice.
        let replacing = usize::from(self.broker.is_online(&client_id));
        let permit = match self.broker.connections.admit(
            &identity.authentication_name,
            quotas.max_connections + replacing,
            quotas.max_connections_per_authentication_name + replacing,
        ) {
            Ok(permit) => permit,
            Err(refused) => {
                let (counter, code) = match refused {
                    ConnectionRefused::Total(_) => (
                        &self.broker.refusals.connections,
                        ConnectReasonCode::ServerBusy,
                    ),
                    ConnectionRefused::PerName(_) => (
                        &self.broker.refusals.connections_per_name,
                        ConnectReasonCode::QuotaExceeded,
                    ),
                };
                Refusals::count(counter);
                tracing::info!(client_id = %facts.client_id, authentication_name = %identity.authentication_name, "connection refused: {refused}");
                return self.refuse(&facts, code).await;
            }
        };
        // In access mode a session belongs to its authentication name.
        let owner = (!self.broker.access.is_static())
            .then(|| Arc::from(identity.authentication_name.as_str()));
        let attached = match self.broker.attach_session(
            &client_id,
            facts.clean_start,
            facts.version,
            expiry,
            owner,
            self.control.clone(),
        ) {
            Ok(attached) => attached,
            Err(refused) => {
                tracing::info!(
                    client_id = %facts.client_id,
                    authentication_name = %identity.authentication_name,
                    "{refused}: refused"
                );
                return self.refuse(&facts, ConnectReasonCode::NotAuthorized).await;
            }
        };
        // No early return from here on: the session is attached, and only the
        // connected phase's clean-up detaches it.
        let build_connack = || -> Result<GenericPacket<u16>, CloseReason> {
            Ok(if facts.version.is_v5() {
                let mut props: Vec<Property> = Vec::new();
                if expiry != requested_expiry {
                    props.push(
                        SessionExpiryInterval::new(expiry)
                            .map_err(|_| CloseReason::ProtocolViolation)?
                            .into(),
                    );
                }
                if assigned {
                    props.push(
                        AssignedClientIdentifier::new(facts.client_id.as_str())
                            .map_err(|_| CloseReason::ProtocolViolation)?
                            .into(),
                    );
                }
                let in_force = keep_alive_in_force(
                    facts.keep_alive,
                    cfg.mqtt.max_keep_alive_secs,
                    Version::V5,
                );
                if in_force != facts.keep_alive {
                    props.push(
                        ServerKeepAlive::new(in_force)
                            .map_err(|_| CloseReason::ProtocolViolation)?
                            .into(),
                    );
                }
                if cfg.mqtt.topic_alias_maximum > 0 {
                    props.push(
                        TopicAliasMaximum::new(cfg.mqtt.topic_alias_maximum)
                            .map_err(|_| CloseReason::ProtocolViolation)?
                            .into(),
                    );
                }
                if facts.request_response_info {
                    if let Some(template) = &cfg.mqtt.response_information {
                        let info = template.replace("{clientId}", &facts.client_id);
                        props.push(
                            ResponseInformation::new(info)
                                .map_err(|_| CloseReason::ProtocolViolation)?
                                .into(),
                        );
                    }
                }
                if let Some(method) = &facts.request.auth_method {
                    props.push(
                        AuthenticationMethod::new(method.as_str())
                            .map_err(|_| CloseReason::ProtocolViolation)?
                            .into(),
                    );
                }
                let mut builder = v5_0::Connack::builder()
                    .session_present(attached.present)
                    .reason_code(ConnectReasonCode::Success);
                if !props.is_empty() {
                    builder = builder.props(props);
                }
                builder
                    .build()
                    .map_err(|_| CloseReason::ProtocolViolation)?
                    .into()
            } else {
                v3_1_1::Connack::builder()
                    .session_present(attached.present)
                    .return_code(ConnectReturnCode::Accepted)
                    .build()
                    .map_err(|_| CloseReason::ProtocolViolation)?
                    .into()
            })
        };
        let connack = build_connack().ok();
        let max_ka = cfg.mqtt.max_keep_alive_secs;
        if !facts.version.is_v5()
            && max_ka > 0
            && (facts.keep_alive == 0 || facts.keep_alive > max_ka)
        {
            // MQTT 3.1.1 has no Server Keep Alive to tell the client the maximum, so
            // the broker holds it to the maximum on its own: 1.5 × of silence ends
            // the connection, as for a keep alive of that length [MQTT-3.1.2-24].
            let limit = Duration::from_millis(u64::from(max_ka) * 1500);
            self.keep_alive_limit = Some(limit);
            self.keep_alive_deadline = Some(tokio::time::Instant::now() + limit);
        }
        let will = facts.will.map(|(message, delay_secs)| Will {
            message: Arc::new(message),
            delay_secs,
            publisher: identity.clone(),
        });
        let protocol = Protocol::of(facts.version, self.peer.websocket);
        self.broker
            .metrics
            .request(Operation::Connect, protocol, Error::None);
        let (lifecycle_session, connected) = self
            .broker
            .lifecycle
            .connected(&identity.authentication_name, &client_id);
        let client = ClientState {
            client_id,
            version: facts.version,
            identity,
            request: facts.request,
            authz: Default::default(),
            session: attached.session,
            generation: attached.generation,
            will,
            expiry_was_zero: requested_expiry == 0,
            client_max_packet: facts.client_max_packet,
            _permit: permit,
            lifecycle: lifecycle_session,
            metrics: self.broker.metrics.client(protocol),
            keep_alive_secs: keep_alive_in_force(
                facts.keep_alive,
                cfg.mqtt.max_keep_alive_secs,
                facts.version,
            ),
        };
        Ok(Accepted {
            client,
            start: Start {
                connack,
                connected,
                present: attached.present,
            },
        })
    }

    /// A packet before CONNACK: CONNECT (answered once the handshake has
    /// run), AUTH of an enhanced-authentication exchange; anything else ends
    /// the connection [MQTT-3.1.0-1].
    pub(super) fn on_handshake_packet(&mut self, packet: GenericPacket<u16>) {
        match packet {
            GenericPacket::V5_0Connect(_) | GenericPacket::V3_1_1Connect(_) => {
                self.phase.pending_connect = Some(Box::new(packet));
            }
            GenericPacket::V5_0Auth(auth) => {
                self.phase.pending_auth = Some(super::inbound::auth_data(&auth));
            }
            _ => self.close(CloseReason::ProtocolViolation),
        }
    }
}

/// The keep alive that applies to a client: its own, or the Server Keep Alive
/// an MQTT 5 client was given in its place.
fn keep_alive_in_force(requested: u16, max: u16, version: Version) -> u16 {
    if version.is_v5() && max > 0 && (requested == 0 || requested > max) {
        max
    } else {
        requested
    }
}

/// An AUTH packet with a reason code, method and data.
fn auth_packet(code: AuthReasonCode, method: &str, data: Vec<u8>) -> v5_0::Auth {
    let mut props: Vec<Property> = Vec::new();
    if let Ok(m) = AuthenticationMethod::new(method) {
        props.push(m.into());
    }
    if let Ok(d) = AuthenticationData::new(data) {
        props.push(d.into());
    }
    v5_0::Auth::builder()
        .reason_code(code)
        .props(props)
        .build()
        .expect("AUTH with method and data is valid")
}

/// The CONNACK return code of MQTT 3.1.1 closest to an MQTT 5 reason code.
fn facts_v5(c: &v5_0::Connect) -> ConnectFacts {
    let mut facts = ConnectFacts {
        version: Version::V5,
        client_id: c.client_id().to_string(),
        clean_start: c.clean_start(),
        keep_alive: c.keep_alive(),
        request: ConnectRequest {
            client_id: c.client_id().to_string(),
            username: c.user_name().map(str::to_string),
            password: c.password().map(<[u8]>::to_vec),
            ..ConnectRequest::default()
        },
        will: None,
        session_expiry: 0,
        client_max_packet: u32::MAX,
        request_response_info: false,
        will_payload_invalid: false,
    };
    for prop in c.props() {
        match prop {
            Property::SessionExpiryInterval(p) => facts.session_expiry = p.val(),
            Property::MaximumPacketSize(p) => facts.client_max_packet = p.val(),
            Property::RequestResponseInformation(p) => facts.request_response_info = p.val() == 1,
            Property::AuthenticationMethod(p) => {
                facts.request.auth_method = Some(p.val().to_string())
            }
            Property::AuthenticationData(p) => facts.request.auth_data = Some(p.val().to_vec()),
            Property::UserProperty(p) => facts
                .request
                .user_properties
                .push((p.key().to_string(), p.val().to_string())),
            _ => {}
        }
    }
    if let (Some(topic), Some(payload)) = (c.will_topic(), c.will_payload()) {
        let now = Instant::now();
        let mut delay = 0;
        let mut expires_at = None;
        let mut properties = Vec::new();
        for prop in c.will_props() {
            match prop {
                Property::WillDelayInterval(p) => delay = p.val(),
                Property::MessageExpiryInterval(p) => {
                    expires_at = Some(now + Duration::from_secs(u64::from(p.val())));
                }
                other => properties.push(other.clone()),
            }
        }
        let message = Message {
            topic: Arc::from(topic),
            payload: payload.to_vec().into_payload(),
            qos: c.will_qos(),
            retain: c.will_retain(),
            properties: properties.into(),
            expires_at,
            publisher: Arc::from(c.client_id()),
            store: Default::default(),
        };
        facts.will_payload_invalid =
            message.payload_is_utf8() && std::str::from_utf8(payload).is_err();
        facts.request.will_topic = Some(topic.to_string());
        facts.will = Some((message, delay));
    }
    facts
}

fn facts_v3(c: &v3_1_1::Connect) -> ConnectFacts {
    let will = match (c.will_topic(), c.will_payload()) {
        (Some(topic), Some(payload)) => Some((
            Message {
                topic: Arc::from(topic),
                payload: payload.to_vec().into_payload(),
                qos: c.will_qos(),
                retain: c.will_retain(),
                properties: Arc::from(Vec::new()),
                expires_at: None,
                publisher: Arc::from(c.client_id()),
                store: Default::default(),
            },
            0,
        )),
        _ => None,
    };
    ConnectFacts {
        version: Version::V3_1_1,
        client_id: c.client_id().to_string(),
        clean_start: c.clean_session(),
        keep_alive: c.keep_alive(),
        request: ConnectRequest {
            client_id: c.client_id().to_string(),
            username: c.user_name().map(str::to_string),
            password: c.password().map(<[u8]>::to_vec),
            will_topic: c.will_topic().map(str::to_string),
            ..ConnectRequest::default()
        },
        will,
        session_expiry: 0,
        client_max_packet: u32::MAX,
        request_response_info: false,
        will_payload_invalid: false,
    }
}
