//! The journal's writer thread: takes every queued record at once, encodes
//! them, writes them in one call and syncs once (group commit), then tells
//! the waiters.

use super::record::{Op, Record};
use super::segment::{self, Segment};
use super::{Lsn, Shared, Sync};
use crate::store::model::{store_message, Clocks};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Numbers the segments this process writes, so a message can tell which
/// one holds its content ([`crate::message::Message::mark_journaled_in`]).
static SEGMENT_MARKS: AtomicU64 = AtomicU64::new(1);

fn next_segment_mark() -> u64 {
    SEGMENT_MARKS.fetch_add(1, Ordering::Relaxed)
}

/// How long the writer waits before retrying a failed write.
const RETRY_AFTER: Duration = Duration::from_millis(200);

/// Runs the writer until asked to stop.
pub(super) fn run(shared: &Shared, dir: &Path, sync: Sync, mut segment: Segment) {
    let mut buf = Vec::new();
    // Messages whose content this segment holds are marked with it.
    let mut segment_mark = next_segment_mark();
    loop {
        let (ops, rotations, next_lsn, stop) = {
            let mut queue = shared.queue.lock();
            while queue.ops.is_empty() && queue.rotations.is_empty() && !queue.stop {
                if shared.writable.load(Ordering::Acquire) {
                    shared.work.wait(&mut queue);
                } else if shared.work.wait_for(&mut queue, RETRY_AFTER).timed_out() {
                    // Refusing new records: try again for room, so the refusals
                    // end once the disk has space (nothing else would write).
                    reserve(shared, &mut segment, 0);
                }
            }
            (
                std::mem::take(&mut queue.ops),
                std::mem::take(&mut queue.rotations),
                queue.next_lsn,
                queue.stop,
            )
        };
        if let Some(last) = ops.last().map(|(lsn, _)| *lsn) {
            buf.clear();
            encode(&ops, &mut buf, segment_mark);
            drop(ops);
            if write(shared, &mut segment, &buf, sync, stop) {
                let len = buf.len() as u64;
                let before = shared.bytes.fetch_add(len, Ordering::Relaxed);
                shared.durable.send_replace(last);
                if before + len >= shared.compact_after.load(Ordering::Relaxed) {
                    shared.compaction_due.notify_waiters();
                }
            }
        }
        for reply in rotations {
            segment_mark = next_segment_mark();
            shared.bytes.store(0, Ordering::Relaxed);
            let _ = reply.send(rotate(&mut segment, dir, next_lsn));
        }
        if stop {
            let _ = segment.close();
            return;
        }
    }
}

/// Encodes `ops`, each message's content before the first record of the
/// segment that refers to it.
fn encode(ops: &[(Lsn, Op)], buf: &mut Vec<u8>, segment_mark: u64) {
    let clocks = Clocks::now();
    for (lsn, op) in ops {
        let record = match op {
            Op::Session {
                session,
                change,
                message,
            } => {
                if let Some(message) = message {
                    if message.mark_journaled_in(segment_mark) {
                        let content = Record::Message {
                            id: message.store_id(),
                            message: store_message(message, clocks),
                        };
                        frame(buf, *lsn, &content);
                    }
                }
                Record::Session {
                    session: *session,
                    change: change.clone(),
                }
            }
            Op::Retain(message) => Record::Retain(store_message(message, clocks)),
            Op::Routed(op) => Record::Routed(op.to_record()),
        };
        frame(buf, *lsn, &record);
    }
}

fn frame(buf: &mut Vec<u8>, lsn: Lsn, record: &Record) {
    if let Err(e) = segment::encode_frame(buf, lsn, record) {
        // Only a bug can make postcard fail on these types.
        tracing::error!(lsn, error = %e, "journal record not encodable: left out");
    }
}

/// Writes `bytes`, retrying until it succeeds: the records are already in
/// memory and their waiters must not be told they are durable before they
/// are. While room cannot be reserved, new promises are refused. Returns
/// whether they were written (only a write still failing at shutdown gives up).
fn write(shared: &Shared, segment: &mut Segment, bytes: &[u8], sync: Sync, stopping: bool) -> bool {
    let mut failures = 0u32;
    loop {
        reserve(shared, segment, bytes.len() as u64);
        match segment.append(bytes, sync == Sync::Disk) {
            Ok(()) => {
                if failures > 0 {
                    tracing::info!(failures, "journal write succeeded again");
                }
                return true;
            }
            Err(e) => {
                shared.writable.store(false, Ordering::Release);
                if failures == 0 {
                    tracing::error!(path = %segment.path().display(), error = %e, "journal write failed: retrying; new QoS 1/2 messages are refused meanwhile");
                }
                failures += 1;
                if stopping && failures > 25 {
                    tracing::error!("journal write still failing at shutdown: records not written");
                    return false;
                }
                std::thread::sleep(RETRY_AFTER);
            }
        }
    }
}

/// Reserves room for `len` more bytes; new records are refused while there
/// is none (logged when that starts and ends).
fn reserve(shared: &Shared, segment: &mut Segment, len: u64) {
    let reserved = segment.reserve(len);
    let was = shared.writable.swap(reserved.is_ok(), Ordering::AcqRel);
    match reserved {
        Err(e) if was => {
            tracing::error!(path = %segment.path().display(), error = %e, "journal space could not be reserved: new QoS 1/2 messages are refused until there is room");
        }
        Ok(()) if !was => tracing::info!("journal space reserved again: QoS 1/2 messages accepted"),
        _ => {}
    }
}

/// Closes the current segment and starts the next; returns the closed ones.
fn rotate(segment: &mut Segment, dir: &Path, next_lsn: Lsn) -> std::io::Result<Vec<PathBuf>> {
    let next = Segment::create(dir, next_lsn)?;
    let old = std::mem::replace(segment, next);
    let closed = old.close()?;
    let mut older: Vec<PathBuf> = segment::list(dir)?
        .into_iter()
        .filter(|p| p != segment.path())
        .collect();
    if !older.contains(&closed) {
        older.push(closed);
    }
    Ok(older)
}
