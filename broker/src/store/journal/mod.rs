//! The journal: a write-ahead log of every change of durable state, written
//! by one thread with group commit.
//!
//! Connections [`Journal::append`] records (a mutex-guarded push: no I/O, no
//! encoding) and get an LSN back; before a connection writes an
//! acknowledgement that promises a change, it waits ([`Journal::wait`]) until
//! the writer has made that LSN durable. The writer takes everything appended
//! since its last write, encodes it, writes it in one `write` and (in
//! `fsync` mode) one `fdatasync`: however many connections wait, one sync
//! serves them all, and no runtime thread ever blocks on the disk.

pub mod record;
pub mod segment;
mod writer;

use parking_lot::{Condvar, Mutex};
use record::Op;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::watch;

/// A log sequence number: the position of a record in the journal, growing
/// across restarts. 0 stands for "nothing to wait for".
pub type Lsn = u64;

/// How far a record is written before what promises it goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sync {
    /// Synced to the disk (`fdatasync`): survives power loss.
    Disk,
    /// Handed to the operating system (`write`): survives a crash of the
    /// broker, not of the machine.
    Os,
}

/// The journal of one store.
#[derive(Debug)]
pub struct Journal {
    shared: Arc<Shared>,
    writer: Mutex<Option<std::thread::JoinHandle<()>>>,
}

/// What appenders and the writer share.
#[derive(Debug)]
struct Shared {
    queue: Mutex<Queue>,
    /// Signalled when the queue gets work.
    work: Condvar,
    /// The highest durable LSN.
    durable: watch::Sender<Lsn>,
    /// Whether the writer could reserve room for new records (false when the
    /// disk is full): new promises are refused while it is not.
    writable: AtomicBool,
    /// Bytes in the journal's current segment.
    bytes: AtomicU64,
    /// Past this many bytes the writer asks for compaction.
    compact_after: AtomicU64,
    /// Signalled when the journal passed `compact_after`.
    compaction_due: tokio::sync::Notify,
}

/// Records waiting for the writer, and requests to it.
#[derive(Debug, Default)]
struct Queue {
    next_lsn: Lsn,
    ops: Vec<(Lsn, Op)>,
    rotations: Vec<std::sync::mpsc::Sender<io::Result<Vec<PathBuf>>>>,
    stop: bool,
}

impl Journal {
    /// Starts a journal in `dir` whose next record is `next_lsn`, written to
    /// a new segment (the directory must hold no older segments that matter).
    /// Compaction is asked for ([`Journal::compaction_due`]) once the
    /// current segment holds `compact_after` bytes.
    pub fn start(
        dir: &Path,
        sync: Sync,
        next_lsn: Lsn,
        compact_after: u64,
    ) -> io::Result<Arc<Self>> {
        let segment = segment::Segment::create(dir, next_lsn)?;
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue {
                next_lsn,
                ..Queue::default()
            }),
            work: Condvar::new(),
            durable: watch::Sender::new(next_lsn.saturating_sub(1)),
            writable: AtomicBool::new(true),
            bytes: AtomicU64::new(0),
            compact_after: AtomicU64::new(compact_after.max(1)),
            compaction_due: tokio::sync::Notify::new(),
        });
        let writer = {
            let shared = shared.clone();
            let dir = dir.to_path_buf();
            std::thread::Builder::new()
                .name("tern-journal".into())
                .spawn(move || writer::run(&shared, &dir, sync, segment))?
        };
        Ok(Arc::new(Self {
            shared,
            writer: Mutex::new(Some(writer)),
        }))
    }

    /// Appends a record; returns its LSN. Call it under the lock of what the
    /// record changes, right after changing it, so the journal's order is the
    /// order of the changes.
    pub fn append(&self, op: Op) -> Lsn {
        let mut queue = self.shared.queue.lock();
        let lsn = queue.next_lsn;
        queue.next_lsn += 1;
        queue.ops.push((lsn, op));
        if queue.ops.len() == 1 {
            self.shared.work.notify_one();
        }
        lsn
    }

    /// Whether the record `lsn` is durable.
    pub fn is_durable(&self, lsn: Lsn) -> bool {
        *self.shared.durable.borrow() >= lsn
    }

    /// Waits until the record `lsn` is durable.
    pub async fn wait(&self, lsn: Lsn) {
        if self.is_durable(lsn) {
            return;
        }
        let mut durable = self.shared.durable.subscribe();
        // The sender lives as long as the journal, which outlives its waiters.
        let _ = durable.wait_for(|d| *d >= lsn).await;
    }

    /// Whether new promises may be made: false while the writer cannot
    /// reserve room on the disk (publishes are then refused with Quota
    /// exceeded rather than acknowledged without being stored).
    pub fn accepts_new_records(&self) -> bool {
        self.shared.writable.load(Ordering::Acquire)
    }

    /// Bytes in the journal's current segment.
    pub fn bytes(&self) -> u64 {
        self.shared.bytes.load(Ordering::Relaxed)
    }

    /// Moves the compaction threshold (see `broker.rs`: it follows the size
    /// of the last snapshot, so compaction costs no more than it reclaims).
    pub fn set_compact_after(&self, bytes: u64) {
        self.shared
            .compact_after
            .store(bytes.max(1), Ordering::Relaxed);
    }

    /// Waits until the journal has grown past its compaction threshold.
    pub async fn compaction_due(&self) {
        loop {
            let due = self.shared.compaction_due.notified();
            if self.bytes() >= self.shared.compact_after.load(Ordering::Relaxed) {
                return;
            }
            due.await;
        }
    }

    /// Starts a new segment; returns the older ones. Everything appended
    /// before the call is in them (and durable). Blocks until done.
    pub fn rotate(&self) -> io::Result<Vec<PathBuf>> {
        let (reply, done) = std::sync::mpsc::channel();
        {
            let mut queue = self.shared.queue.lock();
            queue.rotations.push(reply);
            self.shared.work.notify_one();
        }
        done.recv()
            .map_err(|_| io::Error::other("the journal writer stopped"))?
    }

    /// Writes what is queued and stops the writer.
    pub fn stop(&self) {
        {
            let mut queue = self.shared.queue.lock();
            queue.stop = true;
            self.shared.work.notify_one();
        }
        if let Some(writer) = self.writer.lock().take() {
            let _ = writer.join();
        }
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        self.stop();
    }
}
