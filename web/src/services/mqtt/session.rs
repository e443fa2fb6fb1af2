//! The dashboard's MQTT 5 client session, without I/O.
//!
//! [`Session`] wraps the client role of the protocol layer the broker uses
//! (`tern_protocol::mqtt::Connection<role::Client>`): the caller feeds it the
//! bytes that arrived and the timers that fired, and acts on the [`Output`]s it
//! returns (bytes to send, timers to start or cancel, close the transport,
//! [`Notice`]s for the application). No clock, no socket: the same code runs in
//! the browser over a WebSocket and natively over TCP in the tests.

use tern_protocol::mqtt::connection::{Event, TimerKind};
use tern_protocol::mqtt::packet::{
    v5_0, AuthenticationData, AuthenticationMethod, ContentType, CorrelationData, GenericPacket,
    Packet, PayloadFormat, PayloadFormatIndicator, Property, Qos, RequestResponseInformation,
    ResponseTopic, SubEntry, SubOpts, UserProperty,
};
use tern_protocol::mqtt::{self, Version};

/// The Authentication Method that carries a JWT in CONNECT (Event Grid's name for it).
pub const JWT_AUTH_METHOD: &str = "CUSTOM-JWT";

/// How long to wait for PINGRESP after a PINGREQ before the connection counts as dead.
const PINGRESP_TIMEOUT_MS: u64 = 10_000;

/// How the dashboard proves who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// No credentials (open mode brokers).
    Anonymous,
    /// MQTT User Name and Password fields.
    UserPassword {
        /// The User Name field (Event Grid: the authentication name).
        username: String,
        /// The Password field; empty means no password.
        password: String,
    },
    /// MQTT 5 enhanced authentication: method `CUSTOM-JWT`, the token as Authentication Data.
    Jwt {
        /// The encoded JWT.
        token: String,
    },
}

/// A will message for CONNECT (the dashboard itself has none; tests use it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Will {
    /// Where the broker publishes the will.
    pub topic: String,
    /// The will's payload.
    pub payload: Vec<u8>,
    /// Whether the will is retained.
    pub retain: bool,
}

/// What goes into CONNECT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectOptions {
    /// The ClientId (session name); must not be empty.
    pub client_id: String,
    /// Credentials.
    pub credentials: Credentials,
    /// Keep Alive in seconds (0 disables pings).
    pub keep_alive_secs: u16,
    /// An optional will.
    pub will: Option<Will>,
}

/// A PUBLISH to send.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutgoingPublish {
    /// Topic name.
    pub topic: String,
    /// Payload bytes.
    pub payload: Vec<u8>,
    /// QoS 0 or 1 (the dashboard never needs 2).
    pub qos: u8,
    /// RETAIN flag.
    pub retain: bool,
    /// Response Topic property (request-response).
    pub response_topic: Option<String>,
    /// Correlation Data property (request-response).
    pub correlation_data: Option<Vec<u8>>,
    /// Content Type property.
    pub content_type: Option<String>,
    /// Payload Format Indicator 1 (UTF-8 text) when true.
    pub utf8_payload: bool,
    /// User properties, in order.
    pub user_properties: Vec<(String, String)>,
}

/// A PUBLISH that arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingPublish {
    /// Topic name.
    pub topic: String,
    /// Payload bytes.
    pub payload: Vec<u8>,
    /// RETAIN flag as delivered (set for retained messages sent on subscribe).
    pub retain: bool,
    /// Response Topic property.
    pub response_topic: Option<String>,
    /// Correlation Data property.
    pub correlation_data: Option<Vec<u8>>,
    /// Content Type property.
    pub content_type: Option<String>,
    /// Payload Format Indicator was 1.
    pub utf8_payload: bool,
    /// User properties, in order.
    pub user_properties: Vec<(String, String)>,
}

/// What happened on the connection that the application cares about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// CONNACK with reason Success.
    Connected {
        /// Response Information from CONNACK (the prefix for response topics), if any.
        response_information: Option<String>,
        /// Assigned Client Identifier from CONNACK, if any.
        assigned_client_id: Option<String>,
    },
    /// CONNACK refused the connection.
    Refused {
        /// The CONNACK reason code.
        code: u8,
        /// The Reason String property, if any.
        reason: Option<String>,
    },
    /// A PUBLISH arrived.
    Message(IncomingPublish),
    /// SUBACK: one reason code per filter, in order.
    SubAck {
        /// The SUBSCRIBE's packet identifier.
        packet_id: u16,
        /// Granted QoS (0..=2) or a failure code (>= 0x80) per filter.
        codes: Vec<u8>,
    },
    /// PUBACK of a QoS 1 PUBLISH.
    PubAck {
        /// The PUBLISH's packet identifier.
        packet_id: u16,
        /// The reason code (0 success, 0x10 no matching subscribers, >= 0x80 failure).
        code: u8,
        /// The Reason String property, if any.
        reason: Option<String>,
    },
    /// The server sent DISCONNECT.
    ServerDisconnect {
        /// The DISCONNECT reason code.
        code: u8,
        /// The Reason String property, if any.
        reason: Option<String>,
    },
    /// The protocol layer reported an error (malformed input, no PINGRESP, ...).
    ProtocolError(String),
}

/// What the transport has to do for the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Write these bytes (one or more whole packets) to the transport.
    Send(Vec<u8>),
    /// Start (or restart) the timer `kind`, firing after `ms` milliseconds.
    StartTimer {
        /// Which timer.
        kind: TimerKind,
        /// Delay in milliseconds.
        ms: u64,
    },
    /// Cancel the timer `kind`.
    CancelTimer(TimerKind),
    /// Close the transport.
    Close,
    /// Tell the application.
    Notice(Notice),
}

/// Building or sending a packet failed before anything reached the wire.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SessionError {
    /// A packet field broke a rule of the protocol layer (length, characters, ...).
    #[error("cannot build {packet}: {field} is invalid ({detail})")]
    Build {
        /// The packet being built.
        packet: &'static str,
        /// The field that was refused.
        field: &'static str,
        /// The protocol layer's error.
        detail: String,
    },
    /// All 65,535 packet identifiers are in use.
    #[error("no packet identifier is free (too many unacknowledged packets)")]
    NoPacketId,
    /// SUBSCRIBE and PUBLISH need an established connection.
    #[error("not connected")]
    NotConnected,
}

fn build_err<E: core::fmt::Debug>(
    packet: &'static str,
    field: &'static str,
) -> impl Fn(E) -> SessionError {
    move |e| SessionError::Build {
        packet,
        field,
        detail: format!("{e:?}"),
    }
}

/// One MQTT 5 client connection's protocol state.
pub struct Session {
    conn: mqtt::Connection<mqtt::role::Client>,
    connected: bool,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    /// A fresh session for one transport connection.
    pub fn new() -> Self {
        let mut conn = mqtt::Connection::<mqtt::role::Client>::new(Version::V5_0);
        conn.set_auto_pub_response(true);
        conn.set_auto_ping_response(true);
        conn.set_pingresp_recv_timeout(PINGRESP_TIMEOUT_MS);
        Self {
            conn,
            connected: false,
        }
    }

    /// Whether CONNACK accepted the connection and it has not ended since.
    pub fn is_connected(&self) -> bool {
        self.connected
    }

    /// Builds and sends CONNECT. Request Response Information is always asked for,
    /// so that CONNACK can tell the dashboard which response-topic prefix to use.
    pub fn connect(&mut self, opts: &ConnectOptions) -> Result<Vec<Output>, SessionError> {
        let mut props: Vec<Property> = vec![RequestResponseInformation::new(1)
            .map_err(build_err("CONNECT", "Request Response Information"))?
            .into()];
        let mut builder = v5_0::Connect::builder()
            .client_id(opts.client_id.as_str())
            .map_err(build_err("CONNECT", "ClientId"))?
            .clean_start(true)
            .keep_alive(opts.keep_alive_secs);
        match &opts.credentials {
            Credentials::Anonymous => {}
            Credentials::UserPassword { username, password } => {
                builder = builder
                    .user_name(username.as_str())
                    .map_err(build_err("CONNECT", "User Name"))?;
                if !password.is_empty() {
                    builder = builder
                        .password(password.as_bytes().to_vec())
                        .map_err(build_err("CONNECT", "Password"))?;
                }
            }
            Credentials::Jwt { token } => {
                props.push(
                    AuthenticationMethod::new(JWT_AUTH_METHOD)
                        .map_err(build_err("CONNECT", "Authentication Method"))?
                        .into(),
                );
                props.push(
                    AuthenticationData::new(token.as_bytes().to_vec())
                        .map_err(build_err("CONNECT", "Authentication Data (the token)"))?
                        .into(),
                );
            }
        }
        if let Some(will) = &opts.will {
            builder = builder
                .will_message(
                    will.topic.as_str(),
                    &will.payload,
                    Qos::AtLeastOnce,
                    will.retain,
                )
                .map_err(build_err("CONNECT", "will"))?;
        }
        let connect = builder
            .props(props)
            .build()
            .map_err(build_err("CONNECT", "packet"))?;
        let events = self.conn.checked_send(connect);
        Ok(self.translate(events))
    }

    /// Feeds bytes that arrived from the transport (any split of packets).
    pub fn receive(&mut self, data: &[u8]) -> Vec<Output> {
        let mut out = Vec::new();
        let mut cursor = mqtt::common::Cursor::new(data);
        while (cursor.position() as usize) < data.len() {
            let before = cursor.position();
            let events = self.conn.recv(&mut cursor);
            let closing = events.iter().any(|e| matches!(e, Event::RequestClose));
            out.extend(self.translate(events));
            if cursor.position() == before || closing {
                break;
            }
        }
        merge_sends(out)
    }

    /// Tells the session that a timer it asked for has fired.
    pub fn timer_fired(&mut self, kind: TimerKind) -> Vec<Output> {
        let events = self.conn.notify_timer_fired(kind);
        self.translate(events)
    }

    /// Subscribes to `filters` with QoS 1; returns the packet identifier SUBACK will carry.
    pub fn subscribe(&mut self, filters: &[&str]) -> Result<(u16, Vec<Output>), SessionError> {
        if !self.connected {
            return Err(SessionError::NotConnected);
        }
        let entries = filters
            .iter()
            .map(|f| SubEntry::new(*f, SubOpts::new().set_qos(Qos::AtLeastOnce)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(build_err("SUBSCRIBE", "topic filter"))?;
        let packet_id = self
            .conn
            .acquire_packet_id()
            .map_err(|_| SessionError::NoPacketId)?;
        let subscribe = v5_0::Subscribe::builder()
            .entries(entries)
            .packet_id(packet_id)
            .build();
        let subscribe = match subscribe {
            Ok(s) => s,
            Err(e) => {
                let _ = self.conn.release_packet_id(packet_id);
                return Err(build_err("SUBSCRIBE", "packet")(e));
            }
        };
        let events = self.conn.checked_send(subscribe);
        Ok((packet_id, self.translate(events)))
    }

    /// Publishes `msg`; for QoS 1 returns the packet identifier PUBACK will carry.
    pub fn publish(
        &mut self,
        msg: &OutgoingPublish,
    ) -> Result<(Option<u16>, Vec<Output>), SessionError> {
        if !self.connected {
            return Err(SessionError::NotConnected);
        }
        let mut props: Vec<Property> = Vec::new();
        if msg.utf8_payload {
            props.push(
                PayloadFormatIndicator::new(PayloadFormat::String)
                    .map_err(build_err("PUBLISH", "Payload Format Indicator"))?
                    .into(),
            );
        }
        if let Some(topic) = &msg.response_topic {
            props.push(
                ResponseTopic::new(topic.as_str())
                    .map_err(build_err("PUBLISH", "Response Topic"))?
                    .into(),
            );
        }
        if let Some(data) = &msg.correlation_data {
            props.push(
                CorrelationData::new(data)
                    .map_err(build_err("PUBLISH", "Correlation Data"))?
                    .into(),
            );
        }
        if let Some(ct) = &msg.content_type {
            props.push(
                ContentType::new(ct.as_str())
                    .map_err(build_err("PUBLISH", "Content Type"))?
                    .into(),
            );
        }
        for (k, v) in &msg.user_properties {
            props.push(
                UserProperty::new(k.as_str(), v.as_str())
                    .map_err(build_err("PUBLISH", "User Property"))?
                    .into(),
            );
        }
        let qos = if msg.qos == 0 {
            Qos::AtMostOnce
        } else {
            Qos::AtLeastOnce
        };
        let mut builder = v5_0::Publish::builder()
            .topic_name(msg.topic.as_str())
            .map_err(build_err("PUBLISH", "topic name"))?
            .qos(qos)
            .retain(msg.retain)
            .payload(msg.payload.clone())
            .props(props);
        let packet_id = if qos == Qos::AtLeastOnce {
            let id = self
                .conn
                .acquire_packet_id()
                .map_err(|_| SessionError::NoPacketId)?;
            builder = builder.packet_id(id);
            Some(id)
        } else {
            None
        };
        let publish = match builder.build() {
            Ok(p) => p,
            Err(e) => {
                if let Some(id) = packet_id {
                    let _ = self.conn.release_packet_id(id);
                }
                return Err(build_err("PUBLISH", "packet")(e));
            }
        };
        let events = self.conn.checked_send(publish);
        Ok((packet_id, self.translate(events)))
    }

    /// Sends DISCONNECT (reason 0: the server discards the will) and asks to close.
    pub fn disconnect(&mut self) -> Vec<Output> {
        if !self.connected {
            return vec![Output::Close];
        }
        let mut out = match v5_0::Disconnect::builder().build() {
            Ok(d) => {
                let events = self.conn.checked_send(d);
                self.translate(events)
            }
            Err(_) => Vec::new(),
        };
        if !out.iter().any(|o| matches!(o, Output::Close)) {
            out.push(Output::Close);
        }
        out
    }

    /// Tells the session that the transport closed.
    pub fn closed(&mut self) -> Vec<Output> {
        self.connected = false;
        let events = self.conn.notify_closed();
        self.translate(events)
            .into_iter()
            .filter(|o| !matches!(o, Output::Close | Output::Send(_)))
            .collect()
    }

    /// Turns protocol events into outputs, tracking the connected state.
    fn translate(&mut self, events: Vec<Event>) -> Vec<Output> {
        let mut out = Vec::with_capacity(events.len());
        for event in events {
            match event {
                Event::RequestSendPacket { packet, .. } => {
                    let mut buf = bytes::BytesMut::new();
                    tern_protocol::encode_into(&mut buf, &packet);
                    out.push(Output::Send(buf.to_vec()));
                }
                Event::NotifyPacketReceived(packet) => {
                    if let Some(notice) = self.on_packet(packet) {
                        out.push(Output::Notice(notice));
                    }
                }
                Event::RequestTimerReset { kind, duration_ms } => out.push(Output::StartTimer {
                    kind,
                    ms: duration_ms,
                }),
                Event::RequestTimerCancel(kind) => out.push(Output::CancelTimer(kind)),
                Event::NotifyError(e) => {
                    out.push(Output::Notice(Notice::ProtocolError(format!("{e:?}"))))
                }
                Event::RequestClose => {
                    self.connected = false;
                    out.push(Output::Close);
                }
                Event::NotifyPacketIdReleased(_) => {}
            }
        }
        merge_sends(out)
    }

    fn on_packet(&mut self, packet: GenericPacket<u16>) -> Option<Notice> {
        match packet {
            Packet::V5_0Connack(connack) => {
                let code = connack.reason_code() as u8;
                if code == 0 {
                    self.connected = true;
                    let mut response_information = None;
                    let mut assigned_client_id = None;
                    for p in connack.props().iter() {
                        match p {
                            Property::ResponseInformation(v) => {
                                response_information = Some(v.val().to_string())
                            }
                            Property::AssignedClientIdentifier(v) => {
                                assigned_client_id = Some(v.val().to_string())
                            }
                            _ => {}
                        }
                    }
                    Some(Notice::Connected {
                        response_information,
                        assigned_client_id,
                    })
                } else {
                    Some(Notice::Refused {
                        code,
                        reason: reason_string(connack.props()),
                    })
                }
            }
            Packet::V5_0Publish(publish) => Some(Notice::Message(incoming(&publish))),
            Packet::V5_0Suback(suback) => Some(Notice::SubAck {
                packet_id: suback.packet_id(),
                codes: suback.reason_codes().into_iter().map(|c| c as u8).collect(),
            }),
            Packet::V5_0Puback(puback) => Some(Notice::PubAck {
                packet_id: puback.packet_id(),
                code: puback.reason_code().map_or(0, |c| c as u8),
                reason: reason_string(puback.props().as_deref().unwrap_or(&[])),
            }),
            Packet::V5_0Disconnect(disconnect) => {
                self.connected = false;
                Some(Notice::ServerDisconnect {
                    code: disconnect.reason_code().map_or(0, |c| c as u8),
                    reason: disconnect.props().as_deref().and_then(reason_string),
                })
            }
            _ => None,
        }
    }
}

/// Merges consecutive `Send`s so one turn writes one WebSocket frame.
fn merge_sends(outputs: Vec<Output>) -> Vec<Output> {
    let mut merged: Vec<Output> = Vec::with_capacity(outputs.len());
    for o in outputs {
        match (merged.last_mut(), o) {
            (Some(Output::Send(prev)), Output::Send(next)) => prev.extend_from_slice(&next),
            (_, o) => merged.push(o),
        }
    }
    merged
}

fn reason_string(props: &[Property]) -> Option<String> {
    props.iter().find_map(|p| match p {
        Property::ReasonString(v) => Some(v.val().to_string()),
        _ => None,
    })
}

fn incoming(publish: &v5_0::Publish) -> IncomingPublish {
    let mut msg = IncomingPublish {
        topic: publish.topic_name().to_string(),
        payload: publish.payload().as_slice().to_vec(),
        retain: publish.retain(),
        response_topic: None,
        correlation_data: None,
        content_type: None,
        utf8_payload: false,
        user_properties: Vec::new(),
    };
    for p in publish.props().iter() {
        match p {
            Property::ResponseTopic(v) => msg.response_topic = Some(v.val().to_string()),
            Property::CorrelationData(v) => msg.correlation_data = Some(v.val().to_vec()),
            Property::ContentType(v) => msg.content_type = Some(v.val().to_string()),
            Property::PayloadFormatIndicator(v) => msg.utf8_payload = v.val() == 1,
            Property::UserProperty(v) => msg
                .user_properties
                .push((v.key().to_string(), v.val().to_string())),
            _ => {}
        }
    }
    msg
}
