//! Broker configuration: one TOML file, every option with a default.
//!
//! Unknown keys are refused (`deny_unknown_fields`) so a typo never silently
//! falls back to a default. `tern print-default-config` prints
//! [`DEFAULT_CONFIG_TOML`], the example that documents every option; a test
//! checks that it parses to [`Config::default`].

use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The commented example configuration, with every option at its default value.
pub const DEFAULT_CONFIG_TOML: &str = include_str!("../tern.example.toml");

/// The whole configuration of one broker.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where the broker listens.
    pub listeners: ListenerConfig,
    /// The server certificate of the TLS listeners.
    pub tls: TlsConfig,
    /// MQTT protocol limits and behaviour.
    pub mqtt: MqttConfig,
    /// Session and offline-queue limits.
    pub sessions: SessionConfig,
    /// Per-client and broker-wide quotas.
    pub quotas: QuotaConfig,
    /// Where state is persisted.
    pub storage: StorageConfig,
    /// The Event Grid access model: namespace, authentication methods.
    pub access: AccessConfig,
    /// The REST admin API.
    pub admin: AdminConfig,
    /// The Prometheus endpoint, `GET /metrics`.
    pub metrics: MetricsConfig,
    /// Delivery of routed messages to webhooks (the routes are namespace resources).
    pub routing: RoutingConfig,
    /// Open mode: accept every client and permit every action (local tries and conformance runs).
    pub open: bool,
    /// Allow open mode on a non-loopback address.
    pub force_open_on_public_address: bool,
}

/// Addresses of the listeners, one per transport, each serving MQTT 3.1.1 and 5.0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ListenerConfig {
    /// MQTT over TCP.
    pub mqtt: SocketAddr,
    /// HTTP: MQTT over WebSocket at `ws_path`, `/healthz`, and the dashboard's static files.
    pub http: SocketAddr,
    /// MQTT over TLS (usually port 8883); off when unset. Needs `[tls]`.
    pub mqtts: Option<SocketAddr>,
    /// HTTPS: the HTTP listener's routes (secure WebSocket at `ws_path`, `/healthz`,
    /// static files) over TLS; off when unset. Needs `[tls]`.
    pub https: Option<SocketAddr>,
    /// The WebSocket path for MQTT.
    pub ws_path: String,
    /// A folder of static files served on the HTTP listener (the dashboard), if any.
    pub static_dir: Option<PathBuf>,
    /// Seconds a new socket may take to send CONNECT before it is closed (on the TLS
    /// listeners the TLS handshake first gets the same time).
    pub connect_timeout_secs: u64,
    /// Seconds a connection may be unable to write to its client (it stopped
    /// reading) before it is closed; 1.5 × the client's keep alive if shorter.
    pub write_timeout_secs: u64,
    /// Seconds an accepted socket may be idle before the operating system sends its
    /// first TCP keep-alive probe (then every quarter of that), on every listener; a
    /// peer that vanished without closing is dropped that way. 0 turns it off.
    pub tcp_keepalive_secs: u64,
    /// Sockets, across all listeners, that may be open without having finished
    /// CONNECT (TLS handshake, HTTP upgrade and CONNECT included); a new socket beyond
    /// it is closed at once. 0 means no cap.
    pub max_pending_connections: usize,
}

/// The certificate the TLS listeners present.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TlsConfig {
    /// PEM file of the server certificate chain, leaf first.
    pub cert: Option<PathBuf>,
    /// PEM file of the server's private key (PKCS#8, RSA or EC).
    pub key: Option<PathBuf>,
}

/// MQTT protocol limits; Event Grid's limits are the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MqttConfig {
    /// Largest packet accepted from or sent to a client, in bytes.
    pub max_packet_size: u32,
    /// Largest Topic Alias a client may use towards the broker (0 disables aliases).
    pub topic_alias_maximum: u16,
    /// How many unacknowledged QoS 1/2 PUBLISHes a client may have outstanding towards us.
    pub receive_maximum: u16,
    /// The largest keep alive the broker accepts; a larger (or zero) one is replaced by this
    /// value through Server Keep Alive (MQTT 5), and an MQTT 3.1.1 client asking for one
    /// is held to it all the same (closed after 1.5 × this of silence) — 0 means no maximum.
    pub max_keep_alive_secs: u16,
    /// Response Information returned when a client asks for it; `{clientId}` is replaced.
    pub response_information: Option<String>,
}

/// Session limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SessionConfig {
    /// Upper bound of Session Expiry Interval, seconds.
    pub max_session_expiry_secs: u32,
    /// Session expiry for MQTT 3.1.1 clients that connect with clean session 0, seconds.
    pub v3_session_expiry_secs: u32,
    /// Messages a disconnected session may queue; one more ends the session.
    pub max_offline_messages: usize,
    /// Payload bytes a disconnected session may queue; more ends the session.
    pub max_offline_bytes: usize,
    /// Messages a connected session may have waiting to be written; beyond it QoS 0 messages
    /// are dropped and a QoS 1/2 message ends the session (the client gets 0x97).
    pub max_online_messages: usize,
    /// Payload bytes a connected session may have queued or in flight; beyond it the
    /// same as for `max_online_messages` applies.
    pub max_online_bytes: usize,
    /// Flow control: a connected session whose queue passes a quarter of
    /// `max_online_messages` makes its publishers stop reading until it drains to an
    /// eighth; one that takes nothing off its queue for this many milliseconds counts
    /// as stalled and holds nobody back (its queue limit applies instead).
    pub subscriber_stall_ms: u64,
}

/// Quotas: what one client, and all of them together, may hold. Every
/// refusal uses the MQTT reason code for it and is counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuotaConfig {
    /// Connected clients in all; one more is refused with Server busy (0x89).
    pub max_connections: usize,
    /// Connected clients per authentication name (Event Grid's
    /// MaxClientSessionsPerAuthenticationName); one more: Quota exceeded (0x97).
    pub max_connections_per_authentication_name: usize,
    /// Subscriptions a session may hold; one more gets SUBACK Quota exceeded (0x97).
    pub max_subscriptions_per_session: usize,
    /// Retained messages in all; a new retained topic beyond it is refused (0x97).
    pub max_retained_messages: usize,
    /// Bytes (topics and payloads) of all retained messages; beyond it: 0x97.
    pub max_retained_bytes: usize,
    /// Bytes (topic and payload) of one retained message; larger: 0x97.
    pub max_retained_message_bytes: usize,
    /// Levels of a topic name or filter (Event Grid: 8); more: Topic Name
    /// invalid (0x90) on PUBLISH, Topic Filter invalid (0x8F) on SUBSCRIBE.
    pub max_topic_levels: usize,
    /// Bytes of a topic name or filter (Event Grid: 256); longer: as above.
    pub max_topic_bytes: usize,
}

impl Default for QuotaConfig {
    fn default() -> Self {
        Self {
            max_connections: 100_000,
            max_connections_per_authentication_name: 100,
            max_subscriptions_per_session: 100,
            max_retained_messages: 100_000,
            max_retained_bytes: 256 * 1024 * 1024,
            max_retained_message_bytes: 512 * 1024,
            max_topic_levels: 8,
            max_topic_bytes: 256,
        }
    }
}

/// Persistence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StorageConfig {
    /// Folder of the embedded store; `None` keeps everything in memory.
    pub data_dir: Option<PathBuf>,
    /// What a PUBACK/PUBREC (and SUBACK, and each step of a QoS 2 exchange)
    /// promises about persistent sessions and retained messages.
    pub durability: Durability,
    /// With `durability = "snapshot"`: seconds between snapshots (one is
    /// also written on graceful shutdown).
    pub snapshot_interval_secs: u64,
    /// With `fsync` or `os`: the journal is compacted into the snapshot
    /// once it holds this many bytes, or as many as the last snapshot if
    /// that is more, and `compact_min_garbage_percent` of it is no longer
    /// live.
    pub compact_after_bytes: u64,
    /// How much of the journal, in percent, must be no longer live (acked,
    /// delivered, replaced) for a compaction: below it, compacting would
    /// rewrite mostly live state to reclaim little. 0 compacts whenever the
    /// size is reached.
    pub compact_min_garbage_percent: u8,
}

/// `storage.durability`: how far a change is written before the broker
/// acknowledges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Durability {
    /// Journaled and synced to the disk (`fdatasync`, group commit) before
    /// the acknowledgement: survives power loss.
    #[default]
    Fsync,
    /// Journaled and handed to the operating system before the
    /// acknowledgement: survives a broker crash, not a power loss.
    Os,
    /// Snapshots every `snapshot_interval_secs`: a crash loses what changed since.
    Snapshot,
}

/// The access model: where the namespace comes from and how clients authenticate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccessConfig {
    /// A declarative namespace file (TOML: clients, clientGroups, topicSpaces,
    /// permissionBindings, caCertificates) applied at start over the stored namespace.
    pub namespace_file: Option<PathBuf>,
    /// The namespace host name: a JWT's `aud` must contain it.
    pub hostname: String,
    /// Resource limits (Event Grid's by default).
    pub limits: tern_access::Limits,
    /// Issuers whose JWTs are accepted (Authentication Method `CUSTOM-JWT` /
    /// `OAUTH2-JWT`, or the token as the password of a 3.1.1 client).
    pub jwt_issuers: Vec<JwtIssuerConfig>,
    /// Webhook authentication, if configured.
    pub webhook: Option<WebhookConfig>,
    /// Failed authentications a minute from one source address before further
    /// CONNECTs from it are refused with 0x9F until the allowance refills; 0: no limit.
    pub failed_auth_per_address_per_minute: u32,
    /// The same per authentication name (User Name); 0: no limit.
    pub failed_auth_per_name_per_minute: u32,
}

/// One trusted JWT issuer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JwtIssuerConfig {
    /// The `iss` claim this issuer's tokens carry.
    pub issuer: String,
    /// `RS256` or `ES256`.
    pub algorithm: String,
    /// PEM public key (RSA or EC P-256) that verifies the tokens.
    pub public_key_file: PathBuf,
    /// PEM private key (PKCS#8) `tern token create` signs development tokens with.
    #[serde(default)]
    pub signing_key_file: Option<PathBuf>,
}

/// Webhook authentication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    /// `http://` URL the CONNECT facts are POSTed to.
    pub url: String,
    /// Milliseconds to wait for the answer; later means Server unavailable.
    #[serde(default = "default_webhook_timeout_ms")]
    pub timeout_ms: u64,
}

fn default_webhook_timeout_ms() -> u64 {
    2000
}

/// The REST admin API (`/api/v1/...` on the HTTP listener).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AdminConfig {
    /// Bearer token the API requires (`TERN_ADMIN_TOKEN` given to `tern run`
    /// overrides it). Unset: the API answers 403 to everything.
    pub token: Option<String>,
}

/// How routed messages are delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RoutingConfig {
    /// Events waiting for delivery, per route; beyond it an event is dead-lettered.
    pub max_queued_events_per_route: usize,
    /// Delays before the second, third… attempt, in milliseconds (the last
    /// repeats): Event Grid's 10 s, 30 s, 1 min, then every 5 min.
    pub retry_delays_ms: Vec<u64>,
    /// How long a webhook may take to answer, in seconds.
    pub response_timeout_secs: u64,
    /// Dead letters kept in memory per route (listed by the admin API).
    pub max_dead_letters_per_route: usize,
    /// Bytes a route's dead-letter file (`deadletters/NAME.jsonl`) may
    /// reach before it is moved to `NAME.1.jsonl` (replacing an older one)
    /// and a new one started: the files of a route stay under twice this.
    pub max_dead_letter_file_bytes: u64,
}

impl Default for RoutingConfig {
    fn default() -> Self {
        Self {
            max_queued_events_per_route: 10_000,
            retry_delays_ms: vec![10_000, 30_000, 60_000, 300_000],
            response_timeout_secs: 30,
            max_dead_letters_per_route: 1_000,
            max_dead_letter_file_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Who may read `GET /metrics` on the HTTP listeners.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    /// Bearer token that opens `/metrics` to any address (`TERN_METRICS_TOKEN`
    /// given to `tern run` overrides it).
    pub token: Option<String>,
    /// Whether loopback clients may read `/metrics` without the token.
    pub open_on_loopback: bool,
}

impl Default for MetricsConfig {
    fn default() -> Self {
        Self {
            token: None,
            open_on_loopback: true,
        }
    }
}

impl Default for AccessConfig {
    fn default() -> Self {
        Self {
            namespace_file: None,
            hostname: "tern.local".into(),
            limits: tern_access::Limits::default(),
            jwt_issuers: Vec::new(),
            webhook: None,
            failed_auth_per_address_per_minute: 60,
            failed_auth_per_name_per_minute: 10,
        }
    }
}

impl Default for ListenerConfig {
    fn default() -> Self {
        Self {
            mqtt: SocketAddr::from(([127, 0, 0, 1], 1883)),
            http: SocketAddr::from(([127, 0, 0, 1], 8080)),
            mqtts: None,
            https: None,
            ws_path: "/mqtt".into(),
            static_dir: None,
            connect_timeout_secs: 10,
            write_timeout_secs: 30,
            tcp_keepalive_secs: 60,
            max_pending_connections: 1000,
        }
    }
}

impl Default for MqttConfig {
    fn default() -> Self {
        Self {
            max_packet_size: 512 * 1024,
            topic_alias_maximum: 10,
            receive_maximum: 100,
            max_keep_alive_secs: 1160,
            response_information: Some("responses/{clientId}".into()),
        }
    }
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            max_session_expiry_secs: 8 * 3600,
            v3_session_expiry_secs: 3600,
            max_offline_messages: 100,
            max_offline_bytes: 1024 * 1024,
            max_online_messages: 10_000,
            max_online_bytes: 16 * 1024 * 1024,
            subscriber_stall_ms: 500,
        }
    }
}

impl Default for StorageConfig {
    fn default() -> Self {
        Self {
            data_dir: None,
            durability: Durability::default(),
            snapshot_interval_secs: 10,
            compact_after_bytes: 64 * 1024 * 1024,
            compact_min_garbage_percent: 50,
        }
    }
}

impl Config {
    /// Parses a TOML configuration.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// A configuration for tests: open mode, in-memory store, the MQTT/TCP and HTTP
    /// listeners on 127.0.0.1:0 (the TLS listeners off).
    pub fn for_tests() -> Self {
        let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
        Self {
            open: true,
            listeners: ListenerConfig {
                mqtt: loopback,
                http: loopback,
                ..ListenerConfig::default()
            },
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_config_parses_to_the_defaults() {
        let parsed = Config::from_toml(DEFAULT_CONFIG_TOML).expect("example config parses");
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = Config::from_toml("[mqtt]\nmax_packet_sise = 5\n").unwrap_err();
        assert!(err.to_string().contains("max_packet_sise"), "{err}");
    }
}
