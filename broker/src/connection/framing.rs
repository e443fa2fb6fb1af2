//! Fixed-header checks on the incoming byte stream, before the protocol layer sees it.
//!
//! The protocol state machine ignores packets of the reserved type 0 and accepts
//! SUBSCRIBE, UNSUBSCRIBE and PUBREL with wrong fixed-header flags. [MQTT-2.1.3-1]
//! fixes those flags, and [MQTT-3.8.1-1], [MQTT-3.10.1-1], [MQTT-3.6.1-1] and
//! [MQTT-4.8.0-1] say a packet breaking that rule is malformed and ends the
//! connection. [`Framer`] follows packet boundaries in the stream and reports the
//! first malformed fixed header; [`extent`] says where the packet at a boundary
//! ends, so that only whole packets go to the checks of `precheck` and to the
//! protocol layer.

/// Follows packet boundaries across reads.
#[derive(Debug, Default)]
pub(super) struct Framer {
    /// Bytes of the current packet still to skip.
    need: usize,
    /// The fixed header read so far, when it is split across reads.
    header: Vec<u8>,
}

impl Framer {
    /// Scans the next bytes of the stream; returns the offset in `data` at which the
    /// first malformed fixed header starts (0 when it started in an earlier read).
    pub(super) fn scan(&mut self, data: &[u8]) -> Option<usize> {
        let mut i = 0;
        while i < data.len() {
            if self.need > 0 {
                let n = self.need.min(data.len() - i);
                self.need -= n;
                i += n;
                continue;
            }
            let start = i.saturating_sub(self.header.len());
            self.header.push(data[i]);
            i += 1;
            if self.header.len() == 1 {
                if !valid_first_byte(data[i - 1]) {
                    return Some(start);
                }
                continue;
            }
            if data[i - 1] & 0x80 != 0 {
                if self.header.len() == 5 {
                    // A Variable Byte Integer has at most four bytes [MQTT-1.5.5-1].
                    return Some(start);
                }
                continue;
            }
            self.need = self.header[1..]
                .iter()
                .enumerate()
                .map(|(k, b)| usize::from(b & 0x7F) << (7 * k))
                .sum();
            self.header.clear();
        }
        None
    }
}

/// Whether a fixed header's first byte has a defined type and the flags
/// [MQTT-2.1.3-1] requires for it.
fn valid_first_byte(b: u8) -> bool {
    match b >> 4 {
        0 => false,
        3 => (b >> 1) & 3 != 3, // QoS 3 [MQTT-3.3.1-4]
        6 | 8 | 10 => b & 0x0F == 0x02,
        _ => b & 0x0F == 0,
    }
}

/// How much of a packet is at the start of `data` (which starts at a packet
/// boundary and whose fixed header the [`Framer`] found well formed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Extent {
    /// The whole packet is there: its length, fixed header included.
    Complete(usize),
    /// Only part of it; `total` is its whole length once the fixed header is there.
    Incomplete {
        /// The packet's length, fixed header included, when known.
        total: Option<usize>,
    },
}

/// Where the packet at the start of `data` ends.
pub(super) fn extent(data: &[u8]) -> Extent {
    match data.get(1..).and_then(super::precheck::vbi) {
        Some((len, header)) if data.len() >= 1 + header + len => Extent::Complete(1 + header + len),
        Some((len, header)) => Extent::Incomplete {
            total: Some(1 + header + len),
        },
        None => Extent::Incomplete { total: None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_packets_across_reads() {
        let mut f = Framer::default();
        // PUBLISH with a 130-byte body (two-byte remaining length), split everywhere.
        let mut stream = vec![0x30, 0x82, 0x01];
        stream.extend([0u8; 130]);
        stream.extend([0xC0, 0x00]);
        for chunk in stream.chunks(7) {
            assert_eq!(f.scan(chunk), None);
        }
        assert_eq!(f.scan(&[0x82, 0x00]), None);
    }

    #[test]
    fn finds_where_a_packet_ends() {
        assert_eq!(extent(&[0xC0, 0x00, 0xC0]), Extent::Complete(2));
        assert_eq!(extent(&[0x30]), Extent::Incomplete { total: None });
        assert_eq!(extent(&[0x30, 0x82]), Extent::Incomplete { total: None });
        assert_eq!(
            extent(&[0x30, 0x82, 0x01, 0]),
            Extent::Incomplete { total: Some(133) }
        );
        let mut whole = vec![0x30, 0x82, 0x01];
        whole.extend([0u8; 130]);
        assert_eq!(extent(&whole), Extent::Complete(133));
    }

    #[test]
    fn reports_reserved_types_and_bad_flags() {
        assert_eq!(Framer::default().scan(&[0xC0, 0x00, 0x00, 0x00]), Some(2));
        assert_eq!(Framer::default().scan(&[0x80, 0x00]), Some(0));
        assert_eq!(Framer::default().scan(&[0x60, 0x00]), Some(0));
        assert_eq!(Framer::default().scan(&[0x36, 0x00]), Some(0));
        assert_eq!(
            Framer::default().scan(&[0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
            Some(0)
        );
    }
}
