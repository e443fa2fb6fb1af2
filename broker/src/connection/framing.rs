//! Fixed-header checks on the incoming byte stream, before the protocol layer sees it.
//!
//! The protocol state machine ignores packets of the reserved type 0 and accepts
//! SUBSCRIBE, UNSUBSCRIBE and PUBREL with wrong fixed-header flags. [MQTT-2.1.3-1]
//! fixes those flags, and [MQTT-3.8.1-1], [MQTT-3.10.1-1], [MQTT-3.6.1-1] and
//! [MQTT-4.8.0-1] say a packet breaking that rule is malformed and ends the
//! connection. [`Framer`] follows packet boundaries in the stream and reports the
//! first malformed fixed header.

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

/// The Topic Alias property of a complete MQTT 5 PUBLISH packet at the start of
/// `packet`, if it has one.
///
/// The protocol layer refuses a Topic Alias of 0 while decoding the property,
/// which ends the connection with Protocol Error; [MQTT-3.3.2-8] asks for
/// Topic Alias invalid (0x94), so the connection looks first. `None` also when
/// the packet is incomplete or its properties cannot be walked (the protocol
/// layer then reports what is wrong).
pub(super) fn publish_topic_alias(packet: &[u8]) -> Option<u16> {
    let first = *packet.first()?;
    if first >> 4 != 3 {
        return None;
    }
    let (len, header) = vbi(&packet[1..])?;
    let body = packet.get(1 + header..1 + header + len)?;
    let topic_len = usize::from(u16::from_be_bytes([*body.first()?, *body.get(1)?]));
    let mut at = 2 + topic_len + if (first >> 1) & 3 > 0 { 2 } else { 0 };
    let (props_len, n) = vbi(body.get(at..)?)?;
    at += n;
    let props = body.get(at..at + props_len)?;
    let mut i = 0;
    while i < props.len() {
        let id = props[i];
        i += 1;
        let two = |i: usize| {
            Some(usize::from(u16::from_be_bytes([
                *props.get(i)?,
                *props.get(i + 1)?,
            ])))
        };
        i += match id {
            0x01 => 1,
            0x02 => 4,
            0x23 => return two(i).map(|v| v as u16),
            0x03 | 0x08 | 0x09 => 2 + two(i)?,
            0x26 => {
                let key = 2 + two(i)?;
                key + 2 + two(i + key)?
            }
            0x0B => vbi(props.get(i..)?)?.1,
            _ => return None,
        };
    }
    None
}

/// A Variable Byte Integer at the start of `b`: (value, bytes used).
fn vbi(b: &[u8]) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for (k, byte) in b.iter().take(4).enumerate() {
        value |= usize::from(byte & 0x7F) << (7 * k);
        if byte & 0x80 == 0 {
            return Some((value, k + 1));
        }
    }
    None
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
    fn finds_the_topic_alias_of_a_publish() {
        // PUBLISH QoS 1, topic "a", packet id 1, properties: PFI 1, user property
        // ("k","v"), topic alias 0.
        let props = [0x01, 0x01, 0x26, 0, 1, b'k', 0, 1, b'v', 0x23, 0, 0];
        let mut body = vec![0, 1, b'a', 0, 1, props.len() as u8];
        body.extend(props);
        let mut packet = vec![0x32, body.len() as u8];
        packet.extend(&body);
        assert_eq!(publish_topic_alias(&packet), Some(0));
        assert_eq!(
            publish_topic_alias(&packet[..packet.len() - 1]),
            None,
            "incomplete"
        );
        // QoS 0, no properties.
        assert_eq!(publish_topic_alias(&[0x30, 0x04, 0, 1, b'a', 0]), None);
        // Not a PUBLISH.
        assert_eq!(publish_topic_alias(&[0x82, 0x00]), None);
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
