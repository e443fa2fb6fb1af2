//! Persistence: sessions, retained messages and the namespace, in the data
//! folder (`storage.data_dir`).
//!
//! Two parts (see ARCHITECTURE.md, "Durability"):
//! - the snapshot, an embedded redb database (`tern.redb`): the last
//!   compacted [`Image`] of the durable state, and the namespace (written on
//!   every admin change);
//! - the journal (`journal/*.log`, in `storage.durability` `fsync` or `os`):
//!   every change since, appended before the acknowledgement that promises
//!   it goes out.
//!
//! At start the snapshot is read, the journal replayed over it and the
//! result restored into the broker, then written as the new snapshot (the
//! journal starts empty). Compaction does the same while the broker runs,
//! once the journal passes `storage.compact_after_bytes`.

mod image;
pub mod journal;
pub(crate) mod model;
mod snapshot;
#[cfg(test)]
mod tests;

pub use image::{Image, ImageSession};

use journal::segment;
use redb::{Database, TableDefinition};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// A journal file could not be read, written or removed.
    #[error("journal {path}: {source}")]
    Journal {
        /// The file or folder.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

fn tx<E: std::fmt::Display>(e: E) -> StoreError {
    StoreError::Transaction(e.to_string())
}

/// The embedded store.
#[derive(Debug)]
pub struct Store {
    db: Database,
    journal_dir: PathBuf,
    /// The ids of the messages the snapshot holds.
    snapshot_messages: parking_lot::Mutex<Arc<HashSet<u64>>>,
    /// See [`Store::exclusive`].
    exclusive: parking_lot::Mutex<()>,
}

/// What replaying the journal found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    /// Journal records replayed.
    pub records: usize,
    /// Whether the journal ended in a torn or corrupt record (dropped).
    pub torn: bool,
    /// The LSN the journal goes on from.
    pub next_lsn: journal::Lsn,
    /// The segments replayed (removed by the checkpoint after recovery).
    pub segments: Vec<PathBuf>,
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
        snapshot::create_tables(&db)?;
        let txn = db.begin_write().map_err(tx)?;
        txn.open_table(NAMESPACE).map_err(tx)?;
        txn.commit().map_err(tx)?;
        Ok(Self {
            db,
            journal_dir: dir.join("journal"),
            snapshot_messages: Default::default(),
            exclusive: Default::default(),
        })
    }

    /// The folder of the journal's segments.
    pub fn journal_dir(&self) -> &Path {
        &self.journal_dir
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

    /// Replaces the snapshot with `image` (`storage.durability =
    /// "snapshot"`, and on shutdown).
    pub fn save(&self, image: &Image) -> Result<(), StoreError> {
        self.write_snapshot(image).map(|_| ())
    }

    /// The ids of the messages the snapshot holds: a capture for this store
    /// need not encode them again ([`Image::kept_messages`]).
    pub fn snapshot_messages(&self) -> Arc<HashSet<u64>> {
        self.snapshot_messages.lock().clone()
    }

    /// Held by whoever captures the broker's state and writes it as the
    /// snapshot (compaction, periodic snapshots, shutdown): a capture must be
    /// of the state the snapshot it was read against is replaced by, so two
    /// must never interleave.
    pub fn exclusive(&self) -> parking_lot::MutexGuard<'_, ()> {
        self.exclusive.lock()
    }

    fn write_snapshot(&self, image: &Image) -> Result<u64, StoreError> {
        let stored = self.snapshot_messages();
        let (written, now_stored) = snapshot::write(&self.db, image, &stored)?;
        *self.snapshot_messages.lock() = Arc::new(now_stored);
        Ok(written)
    }

    /// Recovery: reads the snapshot and replays the journal over it, up to a
    /// torn or corrupt record, which is dropped with a warning (never a
    /// refused start). The caller restores the image into the broker and
    /// then [`Store::checkpoint`]s with [`Replayed::segments`].
    pub fn recover(&self) -> Result<(Image, Replayed), StoreError> {
        let (mut image, stored) = snapshot::read(&self.db)?;
        *self.snapshot_messages.lock() = Arc::new(stored);
        let segments = segment::list(&self.journal_dir).map_err(|e| self.journal_error(e))?;
        let mut records = 0;
        let mut torn = false;
        for path in &segments {
            if torn {
                tracing::warn!(path = %path.display(), "journal segment after a torn one: not replayed");
                continue;
            }
            let end = segment::read(path, |lsn, record| {
                records += 1;
                image.apply(lsn, record);
            })
            .map_err(|source| StoreError::Journal {
                path: path.display().to_string(),
                source,
            })?;
            if let segment::End::Torn(at) = end {
                tracing::warn!(path = %path.display(), offset = at, "journal ends in a torn or corrupt record: dropped (it was never acknowledged)");
                torn = true;
            }
        }
        image.drop_unreferenced_messages();
        let replayed = Replayed {
            records,
            torn,
            next_lsn: image.last_lsn + 1,
            segments,
        };
        Ok((image, replayed))
    }

    /// Compaction: writes `image` (the broker's state, read after
    /// `segments` were closed) as the snapshot, then removes those journal
    /// segments. A crash in between replays them over the new snapshot,
    /// which skips what it already has. Returns the bytes of the snapshot's
    /// records.
    pub fn checkpoint(&self, image: &Image, segments: &[PathBuf]) -> Result<u64, StoreError> {
        let written = self.write_snapshot(image)?;
        for path in segments {
            if let Err(e) = std::fs::remove_file(path) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    return Err(StoreError::Journal {
                        path: path.display().to_string(),
                        source: e,
                    });
                }
            }
        }
        Ok(written)
    }

    fn journal_error(&self, source: std::io::Error) -> StoreError {
        StoreError::Journal {
            path: self.journal_dir.display().to_string(),
            source,
        }
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
