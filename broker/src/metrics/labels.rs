//! The dimensions of the metrics, with Event Grid's names and values.
//!
//! Each dimension is a closed enum, so a typo cannot invent a label value,
//! and each label set is a small `Copy` struct, so looking one up hashes a
//! few bytes and allocates nothing.

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use std::fmt::Write;
use tern_protocol::mqtt::packet::Qos;

/// Declares a label-value enum with the text each variant is exported as.
macro_rules! label_values {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// The value as the exposition shows it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl EncodeLabelValue for $name {
            fn encode(&self, encoder: &mut LabelValueEncoder<'_>) -> std::fmt::Result {
                encoder.write_str(self.as_str())
            }
        }
    };
}

label_values! {
    /// Event Grid's `Protocol`: the MQTT version, and whether over WebSocket.
    Protocol {
        /// MQTT 3.1.1 over TCP or TLS.
        Mqtt3 => "MQTT3",
        /// MQTT 5 over TCP or TLS.
        Mqtt5 => "MQTT5",
        /// MQTT 3.1.1 over WebSocket (plain or secure).
        Mqtt3Ws => "MQTT3-WS",
        /// MQTT 5 over WebSocket (plain or secure).
        Mqtt5Ws => "MQTT5-WS",
    }
}

impl Protocol {
    /// The protocol of a connection.
    pub fn of(version: crate::version::Version, websocket: bool) -> Self {
        use crate::version::Version::{V3_1_1, V5};
        match (version, websocket) {
            (V3_1_1, false) => Self::Mqtt3,
            (V5, false) => Self::Mqtt5,
            (V3_1_1, true) => Self::Mqtt3Ws,
            (V5, true) => Self::Mqtt5Ws,
        }
    }
}

label_values! {
    /// Event Grid's `OperationType`.
    Operation {
        /// CONNECT from a client.
        Connect => "Connect",
        /// PUBLISH from a client.
        Publish => "Publish",
        /// PUBLISH from the broker to a client.
        Deliver => "Deliver",
        /// SUBSCRIBE (per request in RequestCount, per filter in the subscription metrics).
        Subscribe => "Subscribe",
        /// UNSUBSCRIBE (likewise).
        Unsubscribe => "Unsubscribe",
    }
}

label_values! {
    /// Event Grid's `Result` of a request.
    Outcome {
        /// Done.
        Success => "Success",
        /// Refused because of the client (bad input, rights, quotas).
        ClientError => "ClientError",
        /// Refused because of the broker.
        ServiceError => "ServiceError",
    }
}

label_values! {
    /// Event Grid's `Error` dimension (empty for a success).
    Error {
        /// No error.
        None => "",
        /// A quota or throttling limit was exceeded.
        QuotaExceeded => "QuotaExceeded",
        /// Authentication failed.
        AuthenticationError => "AuthenticationError",
        /// The client may not do this.
        AuthorizationError => "AuthorizationError",
        /// A bad request or an unsupported feature.
        ClientError => "ClientError",
        /// An unexpected error of the broker.
        ServiceError => "ServiceError",
    }
}

impl Error {
    /// The error an MQTT reason code (CONNACK, PUBACK, SUBACK, UNSUBACK) stands for.
    pub fn of_reason_code(code: u8) -> Self {
        match code {
            0x00..=0x7F => Self::None,
            // Bad user name or password, Bad authentication method.
            0x86 | 0x8C => Self::AuthenticationError,
            // Not authorized.
            0x87 => Self::AuthorizationError,
            // Server busy, Quota exceeded, Connection rate exceeded.
            0x89 | 0x97 | 0x9F => Self::QuotaExceeded,
            // Unspecified error, Implementation specific error, Server unavailable.
            0x80 | 0x83 | 0x88 => Self::ServiceError,
            _ => Self::ClientError,
        }
    }

    /// The `Result` this error implies.
    pub fn outcome(self) -> Outcome {
        match self {
            Self::None => Outcome::Success,
            Self::ServiceError => Outcome::ServiceError,
            _ => Outcome::ClientError,
        }
    }
}

label_values! {
    /// Event Grid's `QoS` (Tern also has QoS 2).
    QosLabel {
        /// At most once.
        Zero => "0",
        /// At least once.
        One => "1",
        /// Exactly once.
        Two => "2",
    }
}

impl From<Qos> for QosLabel {
    fn from(qos: Qos) -> Self {
        match qos {
            Qos::AtMostOnce => Self::Zero,
            Qos::AtLeastOnce => Self::One,
            Qos::ExactlyOnce => Self::Two,
        }
    }
}

label_values! {
    /// Event Grid's `Direction` of throughput.
    Direction {
        /// Bytes from clients.
        Inbound => "Inbound",
        /// Bytes to clients.
        Outbound => "Outbound",
    }
}

label_values! {
    /// Event Grid's `DropReason` of a session.
    DropReason {
        /// A persistent session expired.
        SessionExpiry => "SessionExpiry",
        /// A session with expiry 0 ended with its connection.
        TransientSession => "TransientSession",
        /// Its queue reached its limit.
        SessionOverflow => "SessionOverflow",
        /// Its client was no longer admitted (disabled, deleted, or no
        /// longer matching what admitted it).
        AuthorizationError => "AuthorizationError",
    }
}

label_values! {
    /// Which of Tern's quotas refused something.
    Quota {
        /// `quotas.max_connections`.
        Connections => "max_connections",
        /// `quotas.max_connections_per_authentication_name`.
        ConnectionsPerName => "max_connections_per_authentication_name",
        /// `quotas.max_subscriptions_per_session`.
        Subscriptions => "max_subscriptions_per_session",
        /// The retained-message quotas.
        Retained => "max_retained",
        /// `quotas.max_topic_levels` / `max_topic_bytes`.
        Topics => "max_topic",
        /// The failed-authentication rate limits.
        AuthenticationRate => "failed_auth_per_minute",
    }
}

label_values! {
    /// Why a routed message was not delivered (`mqtt_failed_routed_messages`).
    RoutingError {
        /// Every allowed attempt failed.
        MaxDeliveryAttemptsExceeded => "MaxDeliveryAttemptsExceeded",
        /// It waited longer than the route's time to live.
        TimeToLiveExceeded => "TimeToLiveExceeded",
        /// The webhook answered a status that is not retried.
        NonRetriableStatus => "NonRetriableStatus",
        /// The route's queue was full.
        QueueFull => "QueueFull",
        /// The route's delivery had stopped (shutdown).
        RouteStopped => "RouteStopped",
    }
}

/// Labels of `mqtt_failed_routed_messages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct RoutingErrorLabels {
    /// Why.
    pub error: RoutingError,
}

/// Labels of `mqtt_request_count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct RequestLabels {
    /// What was asked.
    pub operation_type: Operation,
    /// Over what.
    pub protocol: Protocol,
    /// How it ended.
    pub result: Outcome,
    /// Why it failed.
    pub error: Error,
}

/// Labels of the message counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct MessageLabels {
    /// Over what.
    pub protocol: Protocol,
    /// At which QoS.
    pub qos: QosLabel,
}

/// Labels of `mqtt_failed_published_messages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct FailedMessageLabels {
    /// Over what.
    pub protocol: Protocol,
    /// At which QoS.
    pub qos: QosLabel,
    /// Why it failed.
    pub error: Error,
}

/// Labels of `mqtt_successful_subscription_operations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct SubscriptionLabels {
    /// Subscribe or Unsubscribe.
    pub operation_type: Operation,
    /// Over what.
    pub protocol: Protocol,
}

/// Labels of `mqtt_failed_subscription_operations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct FailedSubscriptionLabels {
    /// Subscribe or Unsubscribe.
    pub operation_type: Operation,
    /// Over what.
    pub protocol: Protocol,
    /// Why it failed.
    pub error: Error,
}

/// Labels of `mqtt_connections`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct ProtocolLabels {
    /// Over what.
    pub protocol: Protocol,
}

/// Labels of `mqtt_throughput_bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct DirectionLabels {
    /// In or out.
    pub direction: Direction,
}

/// Labels of `mqtt_dropped_sessions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct DropLabels {
    /// Why the session went.
    pub drop_reason: DropReason,
}

/// Labels of `tern_quota_refusals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct QuotaLabels {
    /// Which quota.
    pub quota: Quota,
}

/// Labels of `tern_authentication_duration_seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EncodeLabelSet)]
pub struct AuthLabels {
    /// Success, or the error.
    pub error: Error,
}
