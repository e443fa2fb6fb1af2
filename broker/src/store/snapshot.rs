//! The snapshot: an [`Image`] in redb tables, replaced in one transaction
//! (redb commits are atomic and checksummed, so a crash leaves the previous
//! snapshot or the new one, never a mix); the messages table is updated, not
//! rewritten ([`write`]).

use super::image::{Image, ImageSession};
use super::model::{StoredInflight, StoredMessage, StoredQueued, StoredSubscription};
use super::{decode, encode, tx, StoreError};
use redb::{
    Database, ReadTransaction, ReadableTable, ReadableTableMetadata, TableDefinition,
    WriteTransaction,
};
use serde::de::DeserializeOwned;
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
        written += insert_rows(&txn, SESSIONS, &image.sessions, |s| &s.client_id)?;
        {
            let mut messages = txn.open_table(MESSAGES).map_err(tx)?;
            for id in stored {
                if !image.kept_messages.contains(id) && !image.messages.contains_key(id) {
                    messages.remove(id).map_err(tx)?;
                }
            }
        }
        written += insert_rows(&txn, MESSAGES, &image.messages, |m| &m.topic)?;
        let mut retained = txn.open_table(RETAINED).map_err(tx)?;
        for (topic, message) in &image.retained {
            let bytes = encode(topic, message)?;
            written += bytes.len() as u64;
            retained
                .insert(topic.as_str(), bytes.as_slice())
                .map_err(tx)?;
        }
        written += insert_rows(&txn, ROUTED, &image.routed, |e| &e.route)?;
        written += insert_rows(&txn, WILLS, &image.wills, |w| &w.message.topic)?;
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
    read_rows(&txn, SESSIONS, false, |id, s| {
        image.sessions.insert(id, s);
    })?;
    read_rows(&txn, MESSAGES, false, |id, m| {
        image.messages.insert(id, m);
    })?;
    let stored = image.messages.keys().copied().collect();
    for row in txn.open_table(RETAINED).map_err(tx)?.iter().map_err(tx)? {
        let (topic, value) = row.map_err(tx)?;
        let message: StoredMessage = decode(topic.value(), value.value())?;
        image.retained.insert(topic.value().to_string(), message);
    }
    // A store of an older Tern has neither table.
    read_rows(&txn, WILLS, true, |id, w| {
        image.wills.insert(id, w);
    })?;
    read_rows(&txn, ROUTED, true, |id, e| {
        image.routed.insert(id, e);
    })?;
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

/// Writes `rows` into the `u64`-keyed `table`, each encoded (`name` says
/// which row an encoding error is about); returns the bytes written.
fn insert_rows<'r, T: Serialize + 'r>(
    txn: &WriteTransaction,
    table: TableDefinition<u64, &[u8]>,
    rows: impl IntoIterator<Item = (&'r u64, &'r T)>,
    name: impl Fn(&T) -> &str,
) -> Result<u64, StoreError> {
    let mut table = txn.open_table(table).map_err(tx)?;
    let mut written = 0;
    for (id, row) in rows {
        let bytes = encode(name(row), row)?;
        written += bytes.len() as u64;
        table.insert(id, bytes.as_slice()).map_err(tx)?;
    }
    Ok(written)
}

/// Hands every row of the `u64`-keyed `table` to `each`, decoded; an
/// `optional` table (one a store of an older Tern does not have) may be
/// missing and then reads as empty.
fn read_rows<T: DeserializeOwned>(
    txn: &ReadTransaction,
    table: TableDefinition<u64, &[u8]>,
    optional: bool,
    mut each: impl FnMut(u64, T),
) -> Result<(), StoreError> {
    let table = match txn.open_table(table) {
        Ok(table) => table,
        Err(_) if optional => return Ok(()),
        Err(e) => return Err(tx(e)),
    };
    for row in table.iter().map_err(tx)? {
        let (id, value) = row.map_err(tx)?;
        let id = id.value();
        each(id, decode(&id.to_string(), value.value())?);
    }
    Ok(())
}
