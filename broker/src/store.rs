//! Persistence: sessions and retained messages in an embedded redb database.
//!
//! The broker runs from memory; the store holds snapshots. A snapshot is written
//! every `storage.snapshot_interval_secs` and on graceful shutdown, and loaded at
//! start, so a restart keeps persistent sessions (subscriptions, queued and
//! in-flight messages, pending QoS 2 receipts) and retained messages. A crash
//! loses what changed since the last snapshot. Records are postcard-encoded
//! `Stored*` structs, so the on-disk format is explicit and versioned here.

use crate::message::Message;
use crate::session::{Inflight, InflightState, Queued, SessionCell, SubOptions};
use crate::state::BrokerState;
use redb::{Database, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tern_protocol::mqtt::packet::{
    ContentType, CorrelationData, PayloadFormat, PayloadFormatIndicator, Property, Qos,
    ResponseTopic, RetainHandling, UserProperty,
};
use tern_protocol::mqtt::IntoPayload;
use tokio::time::Instant;

/// Sessions with their owner (authentication name); written by snapshots.
const SESSIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions_v2");
/// Sessions of an older Tern, without owners: read once, never written.
const SESSIONS_V1: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions_v1");
const RETAINED: TableDefinition<&str, &[u8]> = TableDefinition::new("retained_v1");
/// The access-model namespace, one JSON record (its attribute values are
/// untagged enums, which postcard cannot read back). Written on every admin
/// change, not by snapshots.
const NAMESPACE: TableDefinition<&str, &[u8]> = TableDefinition::new("namespace_v1");
const NAMESPACE_KEY: &str = "namespace";

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or created.
    #[error("opening the store at {path}: {source}")]
    Open {
        /// The database file.
        path: String,
        /// redb's error.
        source: redb::DatabaseError,
    },
    /// A read or write failed.
    #[error("store transaction failed: {0}")]
    Transaction(String),
    /// A record could not be encoded or decoded.
    #[error("store record {key:?} is not readable: {source}")]
    Record {
        /// The record's key.
        key: String,
        /// postcard's error.
        source: postcard::Error,
    },
}

fn tx<E: std::fmt::Display>(e: E) -> StoreError {
    StoreError::Transaction(e.to_string())
}

/// The embedded store.
#[derive(Debug)]
pub struct Store {
    db: Database,
}

/// A message as stored.
#[derive(Debug, Serialize, Deserialize)]
struct StoredMessage {
    topic: String,
    payload: Vec<u8>,
    qos: u8,
    retain: bool,
    properties: Vec<StoredProperty>,
    /// Unix milliseconds when the message expires.
    expires_at_ms: Option<u64>,
    publisher: String,
}

/// The properties a message carries, as stored (forwarded unchanged and in order).
#[derive(Debug, Serialize, Deserialize)]
enum StoredProperty {
    PayloadFormatUtf8(bool),
    ContentType(String),
    ResponseTopic(String),
    CorrelationData(Vec<u8>),
    User(String, String),
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredQueued {
    message: StoredMessage,
    qos: u8,
    retain: bool,
    subscription_ids: Vec<u32>,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredSubscription {
    filter: String,
    qos: u8,
    no_local: bool,
    retain_as_published: bool,
    retain_handling: u8,
    subscription_id: Option<u32>,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredSession {
    /// The authentication name the session belongs to (access mode).
    owner_name: Option<String>,
    /// Everything else, as in v1.
    rest: StoredSessionV1,
}

/// A session as `sessions_v1` stored it (and the owner-less part of v2).
#[derive(Debug, Serialize, Deserialize)]
struct StoredSessionV1 {
    v5: bool,
    expiry_secs: u32,
    /// Unix seconds of the snapshot: expiry counts from here after a restart.
    saved_at_secs: u64,
    subscriptions: Vec<StoredSubscription>,
    queue: Vec<StoredQueued>,
    /// (packet id, awaiting PUBCOMP, message)
    inflight: Vec<(u16, bool, StoredQueued)>,
    incoming_qos2: Vec<u16>,
}

impl Store {
    /// Opens (or creates) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        let path = dir.join("tern.redb");
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Transaction(e.to_string()))?;
        let db = Database::create(&path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        let txn = db.begin_write().map_err(tx)?;
        txn.open_table(SESSIONS).map_err(tx)?;
        txn.open_table(RETAINED).map_err(tx)?;
        txn.open_table(NAMESPACE).map_err(tx)?;
        txn.commit().map_err(tx)?;
        Ok(Self { db })
    }

    /// The stored access-model namespace, if one was ever saved.
    pub fn load_namespace(&self) -> Result<Option<tern_access::NamespaceSpec>, StoreError> {
        let txn = self.db.begin_read().map_err(tx)?;
        let table = txn.open_table(NAMESPACE).map_err(tx)?;
        let Some(value) = table.get(NAMESPACE_KEY).map_err(tx)? else {
            return Ok(None);
        };
        serde_json::from_slice(value.value())
            .map(Some)
            .map_err(|e| StoreError::Transaction(format!("reading the stored namespace: {e}")))
    }

    /// Replaces the stored namespace (one committed transaction).
    pub fn save_namespace(&self, spec: &tern_access::NamespaceSpec) -> Result<(), StoreError> {
        let bytes = serde_json::to_vec(spec)
            .map_err(|e| StoreError::Transaction(format!("encoding the namespace: {e}")))?;
        let txn = self.db.begin_write().map_err(tx)?;
        {
            let mut table = txn.open_table(NAMESPACE).map_err(tx)?;
            table.insert(NAMESPACE_KEY, bytes.as_slice()).map_err(tx)?;
        }
        txn.commit().map_err(tx)
    }

    /// Replaces the stored snapshot with the broker's current sessions and retained messages.
    pub fn save(&self, state: &BrokerState) -> Result<(), StoreError> {
        let now_wall = SystemTime::now();
        let now = Instant::now();
        let sessions: Vec<Arc<SessionCell>> = state.sessions();
        let retained: Vec<Arc<Message>> = state.retained_messages();
        let txn = self.db.begin_write().map_err(tx)?;
        txn.delete_table(SESSIONS).map_err(tx)?;
        txn.delete_table(SESSIONS_V1).map_err(tx)?;
        txn.delete_table(RETAINED).map_err(tx)?;
        {
            let mut table = txn.open_table(SESSIONS).map_err(tx)?;
            for cell in sessions {
                let session = cell.state.lock();
                if session.expiry_secs == 0 {
                    continue;
                }
                let rest = StoredSessionV1 {
                    v5: session.version.is_v5(),
                    expiry_secs: session.expiry_secs,
                    saved_at_secs: unix_secs(now_wall),
                    subscriptions: session
                        .subscriptions
                        .iter()
                        .map(|(filter, o)| StoredSubscription {
                            filter: filter.clone(),
                            qos: o.qos as u8,
                            no_local: o.no_local,
                            retain_as_published: o.retain_as_published,
                            retain_handling: o.retain_handling as u8,
                            subscription_id: o.subscription_id,
                        })
                        .collect(),
                    queue: session
                        .queue
                        .iter()
                        .map(|q| store_queued(q, now, now_wall))
                        .collect(),
                    inflight: session
                        .inflight()
                        .iter()
                        .map(|m| {
                            let comp = m.state == InflightState::AwaitingComp;
                            (m.packet_id, comp, store_queued(&m.item, now, now_wall))
                        })
                        .collect(),
                    incoming_qos2: session.incoming_qos2.iter().copied().collect(),
                };
                let stored = StoredSession {
                    owner_name: session.owner_name.as_deref().map(str::to_string),
                    rest,
                };
                let bytes = encode(&cell.client_id, &stored)?;
                table
                    .insert(&*cell.client_id, bytes.as_slice())
                    .map_err(tx)?;
            }
            let mut table = txn.open_table(RETAINED).map_err(tx)?;
            for message in retained {
                let stored = store_message(&message, now, now_wall);
                let bytes = encode(&message.topic, &stored)?;
                table
                    .insert(&*message.topic, bytes.as_slice())
                    .map_err(tx)?;
            }
        }
        txn.commit().map_err(tx)?;
        Ok(())
    }

    /// Loads the stored snapshot into a fresh broker state; returns (sessions, retained) counts.
    pub fn load(&self, state: &Arc<BrokerState>) -> Result<(usize, usize), StoreError> {
        let now_wall = SystemTime::now();
        let now = Instant::now();
        let txn = self.db.begin_read().map_err(tx)?;
        let mut retained_count = 0;
        for row in txn.open_table(RETAINED).map_err(tx)?.iter().map_err(tx)? {
            let (key, value) = row.map_err(tx)?;
            let stored: StoredMessage = decode(key.value(), value.value())?;
            let message = Arc::new(load_message(stored, now, now_wall));
            if !message.is_expired(now) {
                match state.restore_retained(&message) {
                    Ok(_) => retained_count += 1,
                    Err(refused) => {
                        tracing::warn!(topic = %message.topic, "stored retained message not loaded: {refused}");
                    }
                }
            }
        }
        let mut stored_sessions = Vec::new();
        for row in txn.open_table(SESSIONS).map_err(tx)?.iter().map_err(tx)? {
            let (key, value) = row.map_err(tx)?;
            let stored: StoredSession = decode(key.value(), value.value())?;
            stored_sessions.push((Arc::<str>::from(key.value()), stored));
        }
        if stored_sessions.is_empty() {
            // A store written by an older Tern: its sessions have no owner.
            if let Ok(table) = txn.open_table(SESSIONS_V1) {
                for row in table.iter().map_err(tx)? {
                    let (key, value) = row.map_err(tx)?;
                    let rest: StoredSessionV1 = decode(key.value(), value.value())?;
                    let stored = StoredSession {
                        owner_name: None,
                        rest,
                    };
                    stored_sessions.push((Arc::<str>::from(key.value()), stored));
                }
            }
        }
        let mut session_count = 0;
        for (client_id, stored) in stored_sessions {
            let StoredSession {
                owner_name,
                rest: stored,
            } = stored;
            let elapsed = unix_secs(now_wall).saturating_sub(stored.saved_at_secs);
            let Some(remaining) = u64::from(stored.expiry_secs).checked_sub(elapsed) else {
                continue; // expired while the broker was down
            };
            let cell = SessionCell::new(
                client_id.clone(),
                crate::version::Version::from_v5(stored.v5),
                stored.expiry_secs,
            );
            {
                let mut session = cell.state.lock();
                session.owner_name = owner_name.map(Arc::from);
                for q in stored.queue {
                    let item = load_queued(q, now, now_wall);
                    session.queued_bytes += item.message.payload_len();
                    session.queue.push_back(item);
                }
                for (packet_id, comp, q) in stored.inflight {
                    session.push_inflight(Inflight {
                        packet_id,
                        item: load_queued(q, now, now_wall),
                        state: if comp {
                            InflightState::AwaitingComp
                        } else {
                            InflightState::AwaitingAck
                        },
                    });
                }
                session.incoming_qos2 = stored.incoming_qos2.into_iter().collect();
            }
            let subscriptions = stored
                .subscriptions
                .into_iter()
                .map(|s| {
                    let options = SubOptions {
                        qos: qos_from(s.qos),
                        no_local: s.no_local,
                        retain_as_published: s.retain_as_published,
                        retain_handling: match s.retain_handling {
                            1 => RetainHandling::SendRetainedIfNotExists,
                            2 => RetainHandling::DoNotSendRetained,
                            _ => RetainHandling::SendRetained,
                        },
                        subscription_id: s.subscription_id,
                    };
                    (s.filter, options)
                })
                .collect();
            let remaining = u32::try_from(remaining).unwrap_or(u32::MAX);
            state.restore_session(cell, subscriptions, remaining);
            session_count += 1;
        }
        Ok((session_count, retained_count))
    }
}

fn encode<T: Serialize>(key: &str, value: &T) -> Result<Vec<u8>, StoreError> {
    postcard::to_stdvec(value).map_err(|source| StoreError::Record {
        key: key.to_string(),
        source,
    })
}

fn decode<'a, T: Deserialize<'a>>(key: &str, bytes: &'a [u8]) -> Result<T, StoreError> {
    postcard::from_bytes(bytes).map_err(|source| StoreError::Record {
        key: key.to_string(),
        source,
    })
}

fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn qos_from(v: u8) -> Qos {
    match v {
        2 => Qos::ExactlyOnce,
        1 => Qos::AtLeastOnce,
        _ => Qos::AtMostOnce,
    }
}

fn store_queued(q: &Queued, now: Instant, now_wall: SystemTime) -> StoredQueued {
    StoredQueued {
        message: store_message(&q.message, now, now_wall),
        qos: q.qos as u8,
        retain: q.retain,
        subscription_ids: q.subscription_ids.clone(),
    }
}

fn load_queued(q: StoredQueued, now: Instant, now_wall: SystemTime) -> Queued {
    Queued {
        message: Arc::new(load_message(q.message, now, now_wall)),
        qos: qos_from(q.qos),
        retain: q.retain,
        subscription_ids: q.subscription_ids,
    }
}

fn store_message(m: &Message, now: Instant, now_wall: SystemTime) -> StoredMessage {
    let properties = m
        .properties
        .iter()
        .filter_map(|p| match p {
            Property::PayloadFormatIndicator(v) => {
                Some(StoredProperty::PayloadFormatUtf8(v.val() == 1))
            }
            Property::ContentType(v) => Some(StoredProperty::ContentType(v.val().to_string())),
            Property::ResponseTopic(v) => Some(StoredProperty::ResponseTopic(v.val().to_string())),
            Property::CorrelationData(v) => Some(StoredProperty::CorrelationData(v.val().to_vec())),
            Property::UserProperty(v) => Some(StoredProperty::User(
                v.key().to_string(),
                v.val().to_string(),
            )),
            _ => None,
        })
        .collect();
    let expires_at_ms = m.expires_at.map(|at| {
        let wall = now_wall + at.saturating_duration_since(now);
        wall.duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    });
    StoredMessage {
        topic: m.topic.to_string(),
        payload: m.payload.as_slice().to_vec(),
        qos: m.qos as u8,
        retain: m.retain,
        properties,
        expires_at_ms,
        publisher: m.publisher.to_string(),
    }
}

fn load_message(m: StoredMessage, now: Instant, now_wall: SystemTime) -> Message {
    let properties: Vec<Property> = m
        .properties
        .into_iter()
        .filter_map(|p| match p {
            StoredProperty::PayloadFormatUtf8(utf8) => {
                let format = if utf8 {
                    PayloadFormat::String
                } else {
                    PayloadFormat::Binary
                };
                PayloadFormatIndicator::new(format).ok().map(Into::into)
            }
            StoredProperty::ContentType(v) => ContentType::new(v).ok().map(Into::into),
            StoredProperty::ResponseTopic(v) => ResponseTopic::new(v).ok().map(Into::into),
            StoredProperty::CorrelationData(v) => CorrelationData::new(v).ok().map(Into::into),
            StoredProperty::User(k, v) => UserProperty::new(k, v).ok().map(Into::into),
        })
        .collect();
    let expires_at = m.expires_at_ms.map(|ms| {
        let wall = UNIX_EPOCH + Duration::from_millis(ms);
        now + wall.duration_since(now_wall).unwrap_or(Duration::ZERO)
    });
    Message {
        topic: Arc::from(m.topic),
        payload: m.payload.into_payload(),
        qos: qos_from(m.qos),
        retain: m.retain,
        properties: properties.into(),
        expires_at,
        publisher: Arc::from(m.publisher),
    }
}
