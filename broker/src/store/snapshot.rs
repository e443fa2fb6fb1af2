//! The snapshot: an [`Image`] in redb tables, replaced in one transaction
//! (redb commits are atomic and checksummed, so a crash leaves the previous
//! snapshot or the new one, never a mix); the messages table is updated, not
//! rewritten ([`write`]).

use super::image::{Image, ImageSession};
use super::model::{
    StoredInflight, StoredMessage, StoredQueued, StoredRouted, StoredSubscription, StoredWill,
};
use super::{decode, encode, tx, StoreError};
use redb::{Database, ReadableTable, ReadableTableMetadata, TableDefinition};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Persistent sessions by id.
pub(super) const SESSIONS: TableDefinition<u64, &[u8]> = TableDefinition::new("sessions_v3");
/// The messages sessions refer to, by store id (each payload once).
pub(super) const MESSAGES: TableDefinition<u64, &[u8]> = TableDefinition::new("messages_v3");
/// Retained messages by topic.
pub(super) const RETAINED: TableDefinition<&str, &[u8]> = TableDefinition::new("retained_v1");
/// The events routes hold, by spool id.
pub(super) const ROUTED: TableDefinition<u64, &[u8]> = TableDefinition::new("routed_v1");
/// The delayed wills of offline sessions, by session id.
pub(super) const WILLS: TableDefinition<u64, &[u8]> = TableDefinition::new("wills_v1");
/// LSNs: where the journal stood for the retained store and the routed
/// events, and the highest seen.
pub(super) const META: TableDefinition<&str, u64> = TableDefinition::new("meta_v3");
/// Sessions of an older Tern (messages inline, no ids): read, never written.
const LEGACY_SESSIONS: TableDefinition<&str, &[u8]> = TableDefinition::new("sessions_v2");

const RETAINED_LSN: &str = "retained_lsn";
const ROUTED_LSN: &str = "routed_lsn";
const LAST_LSN: &str = "last_lsn";

/// Creates the tables of an empty store.
pub(super) fn create_tables(db: &Database) -> Result<(), StoreError> {
    let txn = db.begin_write().map_err(tx)?;
    txn.open_table(SESSIONS).map_err(tx)?;
    txn.open_table(MESSAGES).map_err(tx)?;
    txn.open_table(RETAINED).map_err(tx)?;
    txn.open_table(ROUTED).map_err(tx)?;
    txn.open_table(WILLS).map_err(tx)?;
    txn.open_table(META).map_err(tx)?;
    txn.commit().map_err(tx)
}

/// Replaces the snapshot with `image`. The messages table, whose rows
/// (payloads) are most of a snapshot, is updated rather than rewritten:
/// `stored` holds the ids it has; those `image` no longer refers to are
/// removed, `image.messages` inserted, `image.kept_messages` left as they
/// are. Returns the bytes of the records written and the ids the messages
/// table then holds.
pub(super) fn write(
    db: &Database,
    image: &Image,
    stored: &HashSet<u64>,
) -> Result<(u64, HashSet<u64>), StoreError> {
    let txn = db.begin_write().map_err(tx)?;
    let mut written = 0u64;
    for table in [SESSIONS, ROUTED, WILLS] {
        txn.delete_table(table).map_err(tx)?;
    }
    txn.delete_table(RETAINED).map_err(tx)?;
    txn.delete_table(LEGACY_SESSIONS).map_err(tx)?;
    {
        let mut sessions = txn.open_table(SESSIONS).map_err(tx)?;
        for (id, session) in &image.sessions {
            let bytes = encode(&session.client_id, session)?;
            written += bytes.len() as u64;
            sessions.insert(id, bytes.as_slice()).map_err(tx)?;
        }
        let mut messages = txn.open_table(MESSAGES).map_err(tx)?;
        for id in stored {
            if !image.kept_messages.contains(id) && !image.messages.contains_key(id) {
                messages.remove(id).map_err(tx)?;
            }
        }
        for (id, message) in &image.messages {
            let bytes = encode(&message.topic, message)?;
            written += bytes.len() as u64;
            messages.insert(id, bytes.as_slice()).map_err(tx)?;
        }
        let mut retained = txn.open_table(RETAINED).map_err(tx)?;
        for (topic, message) in &image.retained {
            let bytes = encode(topic, message)?;
            written += bytes.len() as u64;
            retained
                .insert(topic.as_str(), bytes.as_slice())
                .map_err(tx)?;
        }
        let mut routed = txn.open_table(ROUTED).map_err(tx)?;
        for (id, event) in &image.routed {
            let bytes = encode(&event.route, event)?;
            written += bytes.len() as u64;
            routed.insert(id, bytes.as_slice()).map_err(tx)?;
        }
        let mut wills = txn.open_table(WILLS).map_err(tx)?;
        for (id, will) in &image.wills {
            let bytes = encode(&will.message.topic, will)?;
            written += bytes.len() as u64;
            wills.insert(id, bytes.as_slice()).map_err(tx)?;
        }
        let mut meta = txn.open_table(META).map_err(tx)?;
        meta.insert(RETAINED_LSN, image.retained_lsn).map_err(tx)?;
        meta.insert(ROUTED_LSN, image.routed_lsn).map_err(tx)?;
        meta.insert(LAST_LSN, image.last_lsn).map_err(tx)?;
    }
    txn.commit().map_err(tx)?;
    let mut now_stored = image.kept_messages.clone();
    now_stored.extend(image.messages.keys().copied());
    Ok((written, now_stored))
}

/// Reads the snapshot, and the ids its messages table holds.
pub(super) fn read(db: &Database) -> Result<(Image, HashSet<u64>), StoreError> {
    let txn = db.begin_read().map_err(tx)?;
    let mut image = Image::default();
    for row in txn.open_table(SESSIONS).map_err(tx)?.iter().map_err(tx)? {
        let (id, value) = row.map_err(tx)?;
        let id = id.value();
        let session: ImageSession = decode(&id.to_string(), value.value())?;
        image.sessions.insert(id, session);
    }
    for row in txn.open_table(MESSAGES).map_err(tx)?.iter().map_err(tx)? {
        let (id, value) = row.map_err(tx)?;
        let id = id.value();
        let message: StoredMessage = decode(&id.to_string(), value.value())?;
        image.messages.insert(id, message);
    }
    let stored = image.messages.keys().copied().collect();
    for row in txn.open_table(RETAINED).map_err(tx)?.iter().map_err(tx)? {
        let (topic, value) = row.map_err(tx)?;
        let message: StoredMessage = decode(topic.value(), value.value())?;
        image.retained.insert(topic.value().to_string(), message);
    }
    // A store of an older Tern has no such table.
    if let Ok(table) = txn.open_table(WILLS) {
        for row in table.iter().map_err(tx)? {
            let (id, value) = row.map_err(tx)?;
            let id = id.value();
            let will: StoredWill = decode(&id.to_string(), value.value())?;
            image.wills.insert(id, will);
        }
    }
    // A store of an older Tern has no such table.
    if let Ok(table) = txn.open_table(ROUTED) {
        for row in table.iter().map_err(tx)? {
            let (id, value) = row.map_err(tx)?;
            let id = id.value();
            let event: StoredRouted = decode(&id.to_string(), value.value())?;
            image.routed.insert(id, event);
        }
    }
    let meta = txn.open_table(META).map_err(tx)?;
    let lsn = |key| -> Result<u64, StoreError> {
        Ok(meta.get(key).map_err(tx)?.map_or(0, |v| v.value()))
    };
    image.retained_lsn = lsn(RETAINED_LSN)?;
    image.routed_lsn = lsn(ROUTED_LSN)?;
    image.last_lsn = lsn(LAST_LSN)?;
    if image.sessions.is_empty() {
        if let Ok(table) = txn.open_table(LEGACY_SESSIONS) {
            if !table.is_empty().map_err(tx)? {
                read_legacy(&table, &mut image)?;
            }
        }
    }
    Ok((image, stored))
}

/// A session as `sessions_v2` stored it.
#[derive(Debug, Deserialize, Serialize)]
struct LegacySession {
    owner_name: Option<String>,
    v5: bool,
    expiry_secs: u32,
    saved_at_secs: u64,
    subscriptions: Vec<LegacySubscription>,
    queue: Vec<LegacyQueued>,
    /// (packet id, awaiting PUBCOMP, message)
    inflight: Vec<(u16, bool, LegacyQueued)>,
    incoming_qos2: Vec<u16>,
}

#[derive(Debug, Deserialize, Serialize)]
struct LegacySubscription {
    filter: String,
    qos: u8,
    no_local: bool,
    retain_as_published: bool,
    retain_handling: u8,
    subscription_id: Option<u32>,
}

#[derive(Debug, Deserialize, Serialize)]
struct LegacyQueued {
    message: StoredMessage,
    qos: u8,
    retain: bool,
    subscription_ids: Vec<u32>,
}

/// Reads the sessions of an older Tern into `image`, giving their sessions
/// and messages fresh ids.
fn read_legacy(
    table: &redb::ReadOnlyTable<&str, &[u8]>,
    image: &mut Image,
) -> Result<(), StoreError> {
    let mut next_id = 1u64;
    let mut id = || {
        next_id += 1;
        next_id
    };
    for row in table.iter().map_err(tx)? {
        let (key, value) = row.map_err(tx)?;
        let legacy: LegacySession = decode(key.value(), value.value())?;
        let mut queued = |q: LegacyQueued| {
            let message = id();
            image.messages.insert(message, q.message);
            StoredQueued {
                message,
                qos: q.qos,
                retain: q.retain,
                subscription_ids: q.subscription_ids,
            }
        };
        let queue = legacy.queue.into_iter().map(&mut queued).collect();
        let inflight = legacy
            .inflight
            .into_iter()
            .map(|(packet_id, awaiting_comp, q)| StoredInflight {
                packet_id,
                awaiting_comp,
                item: queued(q),
            })
            .collect();
        let session = ImageSession {
            client_id: key.value().to_string(),
            owner: legacy.owner_name,
            v5: legacy.v5,
            expiry_secs: legacy.expiry_secs,
            offline_since_ms: Some(legacy.saved_at_secs * 1000),
            last_lsn: 0,
            subscriptions: legacy
                .subscriptions
                .into_iter()
                .map(|s| {
                    let options = StoredSubscription {
                        qos: s.qos,
                        no_local: s.no_local,
                        retain_as_published: s.retain_as_published,
                        retain_handling: s.retain_handling,
                        subscription_id: s.subscription_id,
                    };
                    (s.filter, options)
                })
                .collect(),
            queue,
            inflight,
            incoming_qos2: legacy.incoming_qos2.into_iter().collect(),
        };
        image.sessions.insert(id(), session);
    }
    Ok(())
}
