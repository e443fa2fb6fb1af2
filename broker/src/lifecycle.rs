//! Client life-cycle events: Event Grid's `MQTTClientSessionConnected`,
//! `MQTTClientSessionDisconnected`, `MQTTClientCreatedOrUpdated` and
//! `MQTTClientDeleted`, as CloudEvents 1.0 (structured JSON), published on the
//! broker's own topics `$events/clients/{authenticationName}/connected`,
//! `.../disconnected`, `.../createdOrUpdated` and `.../deleted`.
//!
//! Devices and applications subscribe to them like to any topic (in access
//! mode through a Subscriber binding whose template starts with `$events/`);
//! clients can never publish there. The shapes follow Event Grid's: subject
//! `clients/{authenticationName}/sessions/{clientId}`, data
//! `namespaceName`, `clientAuthenticationName`, `clientSessionName`,
//! `sequenceNumber` (increasing per connection; a Disconnected event carries
//! its Connected event's number) and, when disconnected,
//! `disconnectionReason`.

use crate::message::Message;
use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tern_protocol::mqtt::packet::{
    ContentType, PayloadFormat, PayloadFormatIndicator, Property, Qos,
};
use tern_protocol::mqtt::IntoPayload;

/// The topics of life-cycle events begin with this; clients may not publish
/// there (it is the one `$` prefix topic templates may grant).
pub use tern_access::EVENTS_PREFIX;

/// Why a session's connection ended, in Event Grid's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisconnectionReason {
    /// The credential was refused or ran out.
    ClientAuthenticationError,
    /// The client is no longer allowed (disabled, rights revoked).
    ClientAuthorizationError,
    /// The client broke a protocol rule.
    ClientError,
    /// The client sent DISCONNECT.
    ClientInitiatedDisconnect,
    /// The socket closed or went silent (keep alive, write time-out).
    ConnectionLost,
    /// A quota was exceeded.
    QuotaExceeded,
    /// The broker failed (a panic in the connection's task).
    ServerError,
    /// The broker ended the connection (shutdown, administrator).
    ServerInitiatedDisconnect,
    /// The session's queue overflowed.
    SessionOverflow,
    /// Another connection took the session over.
    SessionTakenOver,
}

impl DisconnectionReason {
    /// The name Event Grid uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ClientAuthenticationError => "ClientAuthenticationError",
            Self::ClientAuthorizationError => "ClientAuthorizationError",
            Self::ClientError => "ClientError",
            Self::ClientInitiatedDisconnect => "ClientInitiatedDisconnect",
            Self::ConnectionLost => "ConnectionLost",
            Self::QuotaExceeded => "QuotaExceeded",
            Self::ServerError => "ServerError",
            Self::ServerInitiatedDisconnect => "ServerInitiatedDisconnect",
            Self::SessionOverflow => "SessionOverflow",
            Self::SessionTakenOver => "SessionTakenOver",
        }
    }
}

/// Who a life-cycle event is about.
#[derive(Debug, Clone)]
pub struct SessionRef {
    /// The client's authentication name.
    pub authentication_name: Arc<str>,
    /// The Client Identifier (Event Grid's session name).
    pub client_id: Arc<str>,
    /// The Connected event's sequence number.
    pub sequence_number: u64,
}

/// Makes the life-cycle events of one broker.
#[derive(Debug)]
pub struct Lifecycle {
    /// `source` of every event and `namespaceName` of its data.
    namespace: String,
    next_sequence: AtomicU64,
    /// Distinguishes the ids of this run from those of earlier runs.
    run: u64,
}

impl Lifecycle {
    /// Events of the namespace called `namespace`.
    pub fn new(namespace: &str) -> Self {
        Self {
            namespace: namespace.to_owned(),
            next_sequence: AtomicU64::new(1),
            run: fastrand::u64(..),
        }
    }

    /// A client connected: the session it names, and the event to publish.
    pub fn connected(&self, authentication_name: &str, client_id: &str) -> (SessionRef, Message) {
        let session = SessionRef {
            authentication_name: Arc::from(authentication_name),
            client_id: Arc::from(client_id),
            sequence_number: self.next_sequence.fetch_add(1, Ordering::Relaxed),
        };
        let message = self.event(&session, "connected", None);
        (session, message)
    }

    /// The connection of `session` ended for `reason`.
    pub fn disconnected(&self, session: &SessionRef, reason: DisconnectionReason) -> Message {
        self.event(session, "disconnected", Some(reason))
    }

    fn event(
        &self,
        session: &SessionRef,
        what: &str,
        reason: Option<DisconnectionReason>,
    ) -> Message {
        let kind = match reason {
            None => "Microsoft.EventGrid.MQTTClientSessionConnected",
            Some(_) => "Microsoft.EventGrid.MQTTClientSessionDisconnected",
        };
        let mut data = json!({
            "namespaceName": self.namespace,
            "clientAuthenticationName": &*session.authentication_name,
            "clientSessionName": &*session.client_id,
            "sequenceNumber": session.sequence_number,
        });
        if let Some(reason) = reason {
            data["disconnectionReason"] = reason.as_str().into();
        }
        let event = json!({
            "specversion": "1.0",
            "id": format!("{:016x}-{}-{what}", self.run, session.sequence_number),
            "time": now_rfc3339(),
            "type": kind,
            "source": self.namespace,
            "subject": format!("clients/{}/sessions/{}", session.authentication_name, session.client_id),
            "datacontenttype": "application/json",
            "data": data,
        });
        let topic = format!(
            "{EVENTS_PREFIX}clients/{}/{what}",
            topic_level(&session.authentication_name)
        );
        cloud_event_message(topic, &event)
    }

    /// A client of the registry was created or changed: Event Grid's
    /// `MQTTClientCreatedOrUpdated`, on `$events/clients/{authenticationName}/createdOrUpdated`.
    pub fn client_created_or_updated(&self, client: &tern_access::Client) -> Message {
        let data = json!({
            "createdOn": client.created_on,
            "updatedOn": client.updated_on,
            "namespaceName": self.namespace,
            "clientName": client.name,
            "clientAuthenticationName": client.authentication_name(),
            "state": client.state,
            "attributes": client.attributes,
        });
        self.client_event(
            client,
            "createdOrUpdated",
            "MQTTClientCreatedOrUpdated",
            data,
        )
    }

    /// A client was deleted from the registry: Event Grid's
    /// `MQTTClientDeleted`, on `$events/clients/{authenticationName}/deleted`.
    pub fn client_deleted(&self, client: &tern_access::Client) -> Message {
        let data = json!({
            "namespaceName": self.namespace,
            "clientName": client.name,
            "clientAuthenticationName": client.authentication_name(),
        });
        self.client_event(client, "deleted", "MQTTClientDeleted", data)
    }

    fn client_event(
        &self,
        client: &tern_access::Client,
        what: &str,
        kind: &str,
        data: serde_json::Value,
    ) -> Message {
        let number = self.next_sequence.fetch_add(1, Ordering::Relaxed);
        let event = json!({
            "specversion": "1.0",
            "id": format!("{:016x}-{number}-{what}", self.run),
            "time": now_rfc3339(),
            "type": format!("Microsoft.EventGrid.{kind}"),
            "source": self.namespace,
            "subject": format!("clients/{}", client.name),
            "datacontenttype": "application/json",
            "data": data,
        });
        let topic = format!(
            "{EVENTS_PREFIX}clients/{}/{what}",
            topic_level(client.authentication_name())
        );
        cloud_event_message(topic, &event)
    }
}

/// A CloudEvent (structured JSON) as a QoS 1 message from the broker on `topic`.
fn cloud_event_message(topic: String, event: &serde_json::Value) -> Message {
    let mut properties: Vec<Property> = Vec::new();
    if let Ok(p) = PayloadFormatIndicator::new(PayloadFormat::String) {
        properties.push(p.into());
    }
    if let Ok(p) = ContentType::new("application/cloudevents+json") {
        properties.push(p.into());
    }
    Message {
        topic: Arc::from(topic),
        payload: event.to_string().into_bytes().into_payload(),
        qos: Qos::AtLeastOnce,
        retain: false,
        properties: properties.into(),
        expires_at: None,
        publisher: Arc::from(""),
        store: Default::default(),
    }
}

/// The current time as Event Grid writes it (RFC 3339, UTC).
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// An authentication name as one topic level: the characters a topic level
/// cannot hold (`/`, `+`, `#`, NUL) and `%` are percent-encoded; an empty
/// name is `%00`. (Event Grid's names never need it; open mode's may.)
fn topic_level(name: &str) -> String {
    if name.is_empty() {
        return "%00".to_owned();
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '/' | '+' | '#' | '%' | '\0' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_follow_event_grid_s_shape() {
        let lifecycle = Lifecycle::new("tern.local");
        let (session, connected) = lifecycle.connected("dev/1", "s1");
        assert_eq!(&*connected.topic, "$events/clients/dev%2F1/connected");
        assert!(tern_topic::validate_topic_name(&connected.topic).is_ok());
        let body: serde_json::Value = serde_json::from_slice(connected.payload.as_slice()).unwrap();
        assert_eq!(body["specversion"], "1.0");
        assert_eq!(
            body["type"],
            "Microsoft.EventGrid.MQTTClientSessionConnected"
        );
        assert_eq!(body["subject"], "clients/dev/1/sessions/s1");
        assert_eq!(body["data"]["sequenceNumber"], 1);
        let gone = lifecycle.disconnected(&session, DisconnectionReason::SessionTakenOver);
        let body: serde_json::Value = serde_json::from_slice(gone.payload.as_slice()).unwrap();
        assert_eq!(body["data"]["sequenceNumber"], 1);
        assert_eq!(body["data"]["disconnectionReason"], "SessionTakenOver");
        let (next, _) = lifecycle.connected("dev/1", "s1");
        assert_eq!(next.sequence_number, 2);
        assert_eq!(topic_level("a+b#%"), "a%2Bb%23%25");
        assert_eq!(topic_level(""), "%00");
    }
}
