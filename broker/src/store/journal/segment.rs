//! Journal segments on disk: framing, checksums, space reservation, and
//! reading back up to the first torn or corrupt frame.
//!
//! A segment is `{journal dir}/{first LSN:020}.log`, a run of frames
//! `[body length: u32 LE][CRC-32 of lsn+body: u32 LE][lsn: u64 LE][body]`,
//! the body a postcard [`Record`]. Space is reserved ahead with
//! `fallocate` (the reserved tail reads as zeros, and a zero length ends
//! the segment), so records already promised have room even when the disk
//! fills: the broker stops making new promises when it cannot reserve more
//! (see [`Segment::reserve`]).

use super::record::Record;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Bytes of a frame's header.
const HEADER: usize = 16;
/// Space reserved at a time.
const RESERVE_CHUNK: u64 = 4 * 1024 * 1024;
/// Room kept reserved beyond what is written: what records already in
/// memory (acknowledgements of deliveries, QoS 2 steps) may still need once
/// new promises stop.
const HEADROOM: u64 = 1024 * 1024;
/// A frame body larger than this is corrupt (no record comes near it: a
/// message is at most `mqtt.max_packet_size`, 256 MiB by the spec).
const MAX_BODY: usize = 300 * 1024 * 1024;

/// The path of the segment whose first record is `first_lsn`.
pub fn path_of(dir: &Path, first_lsn: u64) -> PathBuf {
    dir.join(format!("{first_lsn:020}.log"))
}

/// The segments in `dir`, oldest first.
pub fn list(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut segments: Vec<(u64, PathBuf)> = Vec::new();
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries {
                let path = entry?.path();
                let first = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_suffix(".log"))
                    .and_then(|n| n.parse::<u64>().ok());
                if let Some(first) = first {
                    segments.push((first, path));
                }
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    segments.sort();
    Ok(segments.into_iter().map(|(_, p)| p).collect())
}

/// Appends one frame to `buf`.
pub fn encode_frame(buf: &mut Vec<u8>, lsn: u64, record: &Record) -> Result<(), postcard::Error> {
    let body = postcard::to_stdvec(record)?;
    let mut crc = crc32fast::Hasher::new();
    crc.update(&lsn.to_le_bytes());
    crc.update(&body);
    buf.extend_from_slice(&(body.len() as u32).to_le_bytes());
    buf.extend_from_slice(&crc.finalize().to_le_bytes());
    buf.extend_from_slice(&lsn.to_le_bytes());
    buf.extend_from_slice(&body);
    Ok(())
}

/// Where reading a segment stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum End {
    /// At its end (or its zero-filled reserved tail).
    Clean,
    /// At a frame cut short or failing its checksum, at this byte offset:
    /// what follows is not read.
    Torn(u64),
}

/// Reads the frames of the segment at `path`, calling `each` for every
/// whole, checksummed record.
pub fn read(path: &Path, mut each: impl FnMut(u64, Record)) -> io::Result<End> {
    let mut bytes = Vec::new();
    File::open(path)?.read_to_end(&mut bytes)?;
    let mut at = 0usize;
    loop {
        let rest = &bytes[at..];
        if rest.len() < HEADER {
            return Ok(if rest.iter().all(|b| *b == 0) {
                End::Clean
            } else {
                End::Torn(at as u64)
            });
        }
        let len = u32::from_le_bytes(rest[0..4].try_into().expect("4 bytes")) as usize;
        if len == 0 && rest[..HEADER].iter().all(|b| *b == 0) {
            return Ok(End::Clean);
        }
        if len > MAX_BODY || rest.len() < HEADER + len {
            return Ok(End::Torn(at as u64));
        }
        let crc = u32::from_le_bytes(rest[4..8].try_into().expect("4 bytes"));
        let lsn_bytes = &rest[8..16];
        let body = &rest[HEADER..HEADER + len];
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(lsn_bytes);
        hasher.update(body);
        if hasher.finalize() != crc {
            return Ok(End::Torn(at as u64));
        }
        let Ok(record) = postcard::from_bytes::<Record>(body) else {
            return Ok(End::Torn(at as u64));
        };
        each(
            u64::from_le_bytes(lsn_bytes.try_into().expect("8 bytes")),
            record,
        );
        at += HEADER + len;
    }
}

/// The segment being written.
#[derive(Debug)]
pub struct Segment {
    file: File,
    path: PathBuf,
    /// Bytes written.
    written: u64,
    /// Bytes reserved (the file's length).
    reserved: u64,
}

impl Segment {
    /// Creates the segment whose first record is `first_lsn`, and makes its
    /// name durable (the directory is synced).
    pub fn create(dir: &Path, first_lsn: u64) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let path = path_of(dir, first_lsn);
        let file = OpenOptions::new()
            .create(true)
            .truncate(true)
            .write(true)
            .open(&path)?;
        File::open(dir)?.sync_all()?;
        Ok(Self {
            file,
            path,
            written: 0,
            reserved: 0,
        })
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reserves room for `len` more bytes plus the headroom. A file system
    /// without `fallocate` counts as reserved (the write itself may then
    /// fail when the disk is full).
    pub fn reserve(&mut self, len: u64) -> io::Result<()> {
        let needed = self.written + len + HEADROOM;
        if needed <= self.reserved {
            return Ok(());
        }
        let target = needed.max(self.reserved + RESERVE_CHUNK);
        let result = rustix::fs::fallocate(
            &self.file,
            rustix::fs::FallocateFlags::empty(),
            self.reserved,
            target - self.reserved,
        );
        match result {
            Ok(()) | Err(rustix::io::Errno::OPNOTSUPP) => {
                self.reserved = target;
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Writes `bytes` at the end of what was written, and syncs them to the
    /// disk if `sync`.
    pub fn append(&mut self, bytes: &[u8], sync: bool) -> io::Result<()> {
        use std::os::unix::fs::FileExt;
        self.file.write_all_at(bytes, self.written)?;
        if sync {
            self.file.sync_data()?;
        }
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Ends the segment: its unused reserved tail is given back and what was
    /// written is synced.
    pub fn close(self) -> io::Result<PathBuf> {
        self.file.set_len(self.written)?;
        let mut file = self.file;
        file.flush()?;
        file.sync_all()?;
        Ok(self.path)
    }
}
