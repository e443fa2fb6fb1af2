//! Sizing of a connection's read and write buffers.
//!
//! Most connections of a device fleet are idle most of the time, so what an idle
//! connection holds matters more than anything else per connection: buffers start
//! small and follow the traffic — a read that fills the buffer doubles the next
//! one (up to [`READ_MAX`]), a run of small reads halves it again, and an empty
//! buffer much larger than needed is given back.

use bytes::BytesMut;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The smallest read buffer: enough for a PINGREQ, an acknowledgement or a small
/// PUBLISH; a larger packet takes a few reads, after which the buffer has grown.
pub(super) const READ_MIN: usize = 128;
/// The largest read buffer.
pub(super) const READ_MAX: usize = 64 * 1024;
/// A write buffer with more capacity than this is freed once flushed.
const WRITE_KEEP: usize = 16 * 1024;

/// How much room the next read gets, learnt from the last reads.
#[derive(Debug)]
pub(super) struct ReadSizing {
    next: usize,
}

impl Default for ReadSizing {
    fn default() -> Self {
        Self { next: READ_MIN }
    }
}

impl ReadSizing {
    /// Makes room in `buf` for the next read; returns the room there is.
    pub(super) fn prepare(&self, buf: &mut BytesMut) -> usize {
        if buf.is_empty() && buf.capacity() > 4 * self.next {
            *buf = BytesMut::new();
        }
        if buf.capacity() - buf.len() < self.next {
            buf.reserve(self.next);
        }
        buf.capacity() - buf.len()
    }

    /// Learns from a read of `n` bytes into `room` bytes of space.
    pub(super) fn record(&mut self, n: usize, room: usize) {
        if n >= room {
            self.next = (self.next * 2).min(READ_MAX);
        } else if n < self.next / 4 {
            self.next = (self.next / 2).max(READ_MIN);
        }
    }
}

/// Reads what the client sent into `buf`, with room sized by `sizing`, and lets
/// `sizing` learn from it; returns the bytes read (0 at end of stream).
pub(super) async fn read_sized<S: AsyncRead + Unpin>(
    stream: &mut S,
    buf: &mut BytesMut,
    sizing: &mut ReadSizing,
) -> std::io::Result<usize> {
    let room = sizing.prepare(buf);
    let n = stream.read_buf(buf).await?;
    sizing.record(n, room);
    Ok(n)
}

/// Empties a flushed write buffer, freeing it if it grew large.
pub(super) fn reset_write_buffer(buf: &mut BytesMut) {
    if buf.capacity() > WRITE_KEEP {
        *buf = BytesMut::new();
    } else {
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_with_full_reads_and_shrinks_with_small_ones() {
        let mut sizing = ReadSizing::default();
        let mut buf = BytesMut::new();
        let room = sizing.prepare(&mut buf);
        assert!(room >= READ_MIN);
        sizing.record(room, room);
        assert_eq!(sizing.next, 2 * READ_MIN);
        for _ in 0..20 {
            sizing.record(sizing.next, sizing.next);
        }
        assert_eq!(sizing.next, READ_MAX);
        for _ in 0..20 {
            sizing.record(2, READ_MAX);
        }
        assert_eq!(sizing.next, READ_MIN);
        // An empty buffer far larger than needed is given back.
        let mut big = BytesMut::with_capacity(READ_MAX);
        sizing.prepare(&mut big);
        assert!(big.capacity() < READ_MAX);
    }

    #[test]
    fn a_large_flushed_write_buffer_is_freed() {
        let mut buf = BytesMut::with_capacity(WRITE_KEEP + 1);
        buf.extend_from_slice(b"x");
        reset_write_buffer(&mut buf);
        assert_eq!(buf.capacity(), 0);
        let mut small = BytesMut::with_capacity(64);
        small.extend_from_slice(b"x");
        reset_write_buffer(&mut small);
        assert!(small.is_empty() && small.capacity() >= 64);
    }
}
