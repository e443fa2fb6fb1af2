//! The few MQTT 3.1.1 / 5.0 packets a load generator needs, encoded and decoded
//! by hand.
//!
//! The generator must be cheaper than the broker it measures and independent of
//! the protocol library the broker uses, so it writes the packets straight into
//! a buffer (no builders, no property lists) and decodes only what it reads:
//! CONNACK, SUBACK, PUBLISH, the QoS acknowledgements, PINGRESP, DISCONNECT.

use bytes::{Buf, BufMut, Bytes, BytesMut};

/// The MQTT protocol version spoken on a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Version {
    /// MQTT 3.1.1 (protocol level 4).
    V311,
    /// MQTT 5.0 (protocol level 5).
    V5,
}

impl Version {
    /// Whether packets carry MQTT 5 property sections.
    pub fn is_v5(self) -> bool {
        self == Version::V5
    }
}

/// Errors of the wire layer: what the peer sent cannot be understood.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    /// The Remaining Length is longer than four bytes [MQTT-2.2.3].
    #[error("malformed Remaining Length")]
    BadLength,
    /// A packet body is shorter than its fields.
    #[error("truncated {0} packet")]
    Truncated(&'static str),
}

/// Appends a Variable Byte Integer (Remaining Length, property length).
pub fn put_varint(buf: &mut BytesMut, mut n: usize) {
    loop {
        let mut byte = (n % 128) as u8;
        n /= 128;
        if n > 0 {
            byte |= 0x80;
        }
        buf.put_u8(byte);
        if n == 0 {
            break;
        }
    }
}

fn varint_len(n: usize) -> usize {
    match n {
        0..=127 => 1,
        128..=16_383 => 2,
        16_384..=2_097_151 => 3,
        _ => 4,
    }
}

fn put_str(buf: &mut BytesMut, s: &[u8]) {
    buf.put_u16(s.len() as u16);
    buf.put_slice(s);
}

/// Appends a CONNECT with Clean Start/Clean Session set, no will, no credentials.
pub fn connect(buf: &mut BytesMut, version: Version, client_id: &str, keep_alive: u16) {
    connect_with(buf, version, client_id, keep_alive, None);
}

/// Appends a CONNECT, no will, no credentials. `session_expiry` `None` asks for
/// a clean session (Clean Start / Clean Session 1); `Some(secs)` for a
/// persistent one: Clean Start 0 with a Session Expiry Interval of `secs` in
/// MQTT 5, Clean Session 0 in MQTT 3.1.1 (where the broker picks the expiry).
pub fn connect_with(
    buf: &mut BytesMut,
    version: Version,
    client_id: &str,
    keep_alive: u16,
    session_expiry: Option<u32>,
) {
    // Property length, then Session Expiry Interval (0x11, four bytes) if asked.
    let props = match (version.is_v5(), session_expiry) {
        (false, _) => 0,
        (true, None) => 1,
        (true, Some(_)) => 1 + 5,
    };
    let len = 6 + 1 + 1 + 2 + props + 2 + client_id.len();
    buf.put_u8(0x10);
    put_varint(buf, len);
    put_str(buf, b"MQTT");
    buf.put_u8(if version.is_v5() { 5 } else { 4 });
    buf.put_u8(if session_expiry.is_some() { 0x00 } else { 0x02 });
    buf.put_u16(keep_alive);
    if version.is_v5() {
        match session_expiry {
            None => buf.put_u8(0), // no properties
            Some(secs) => {
                buf.put_u8(5);
                buf.put_u8(0x11);
                buf.put_u32(secs);
            }
        }
    }
    put_str(buf, client_id.as_bytes());
}

/// Appends a SUBSCRIBE of one filter at `qos`.
pub fn subscribe(buf: &mut BytesMut, version: Version, packet_id: u16, filter: &str, qos: u8) {
    let props = usize::from(version.is_v5());
    buf.put_u8(0x82);
    put_varint(buf, 2 + props + 2 + filter.len() + 1);
    buf.put_u16(packet_id);
    if version.is_v5() {
        buf.put_u8(0);
    }
    put_str(buf, filter.as_bytes());
    buf.put_u8(qos);
}

/// Appends an UNSUBSCRIBE of one filter.
pub fn unsubscribe(buf: &mut BytesMut, version: Version, packet_id: u16, filter: &str) {
    let props = usize::from(version.is_v5());
    buf.put_u8(0xA2);
    put_varint(buf, 2 + props + 2 + filter.len());
    buf.put_u16(packet_id);
    if version.is_v5() {
        buf.put_u8(0);
    }
    put_str(buf, filter.as_bytes());
}

/// Appends a PUBLISH; `packet_id` is used for QoS 1 and 2 only.
pub fn publish(
    buf: &mut BytesMut,
    version: Version,
    topic: &[u8],
    qos: u8,
    packet_id: u16,
    payload: &[u8],
) {
    let pid = if qos > 0 { 2 } else { 0 };
    let props = usize::from(version.is_v5());
    let len = 2 + topic.len() + pid + props + payload.len();
    buf.reserve(1 + varint_len(len) + len);
    buf.put_u8(0x30 | (qos << 1));
    put_varint(buf, len);
    put_str(buf, topic);
    if qos > 0 {
        buf.put_u16(packet_id);
    }
    if version.is_v5() {
        buf.put_u8(0);
    }
    buf.put_slice(payload);
}

/// Appends an acknowledgement (PUBACK 0x40, PUBREC 0x50, PUBREL 0x62, PUBCOMP 0x70)
/// in its short form: success, no properties (valid in both versions).
pub fn ack(buf: &mut BytesMut, first_byte: u8, packet_id: u16) {
    buf.put_u8(first_byte);
    buf.put_u8(2);
    buf.put_u16(packet_id);
}

/// First byte of PUBACK.
pub const PUBACK: u8 = 0x40;
/// First byte of PUBREC.
pub const PUBREC: u8 = 0x50;
/// First byte of PUBREL (its reserved flags are 0b0010 [MQTT-3.6.1-1]).
pub const PUBREL: u8 = 0x62;
/// First byte of PUBCOMP.
pub const PUBCOMP: u8 = 0x70;
/// A whole PINGREQ.
pub const PINGREQ: [u8; 2] = [0xC0, 0x00];
/// A whole DISCONNECT (normal disconnection in both versions).
pub const DISCONNECT: [u8; 2] = [0xE0, 0x00];

/// One packet read from the broker, borrowing nothing (payloads are `Bytes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Packet {
    /// CONNACK.
    ConnAck {
        /// Its Session Present flag: the broker resumed a stored session.
        session_present: bool,
        /// Its return / reason code.
        code: u8,
    },
    /// SUBACK with its packet id and the first granted QoS / reason code.
    SubAck(u16, u8),
    /// UNSUBACK with its packet id.
    UnsubAck(u16),
    /// An application message.
    Publish {
        /// Its topic name.
        topic: Bytes,
        /// Its QoS.
        qos: u8,
        /// Its packet id (0 for QoS 0).
        packet_id: u16,
        /// Its payload.
        payload: Bytes,
    },
    /// PUBACK with its packet id and reason code (0 when absent; 0x80 and
    /// above: the broker refused the message).
    PubAck(u16, u8),
    /// PUBREC with its packet id and reason code (as for PUBACK).
    PubRec(u16, u8),
    /// PUBREL.
    PubRel(u16),
    /// PUBCOMP.
    PubComp(u16),
    /// PINGRESP.
    PingResp,
    /// DISCONNECT with its reason code (0 when absent).
    Disconnect(u8),
    /// Any other packet type (first byte).
    Other(u8),
}

/// Takes one complete packet off the front of `buf`, or `None` if more bytes are needed.
pub fn decode(buf: &mut BytesMut, version: Version) -> Result<Option<Packet>, WireError> {
    let Some((header, body_len)) = frame_len(buf)? else {
        return Ok(None);
    };
    if buf.len() < header + body_len {
        return Ok(None);
    }
    let first = buf[0];
    buf.advance(header);
    let mut body = buf.split_to(body_len).freeze();
    let id = |b: &Bytes, what| {
        if b.len() < 2 {
            Err(WireError::Truncated(what))
        } else {
            Ok(u16::from_be_bytes([b[0], b[1]]))
        }
    };
    let packet = match first >> 4 {
        2 => Packet::ConnAck {
            session_present: body.first().ok_or(WireError::Truncated("CONNACK"))? & 1 == 1,
            code: *body.get(1).ok_or(WireError::Truncated("CONNACK"))?,
        },
        3 => {
            let qos = (first >> 1) & 3;
            let tlen = usize::from(id(&body, "PUBLISH")?);
            if body.len() < 2 + tlen {
                return Err(WireError::Truncated("PUBLISH"));
            }
            body.advance(2);
            let topic = body.split_to(tlen);
            let mut packet_id = 0;
            if qos > 0 {
                packet_id = id(&body, "PUBLISH")?;
                body.advance(2);
            }
            if version.is_v5() {
                let (plen, n) = read_varint(&body)?.ok_or(WireError::Truncated("PUBLISH"))?;
                if body.len() < n + plen {
                    return Err(WireError::Truncated("PUBLISH"));
                }
                body.advance(n + plen);
            }
            Packet::Publish {
                topic,
                qos,
                packet_id,
                payload: body,
            }
        }
        // The reason code follows the packet id in MQTT 5 (absent: success).
        4 => Packet::PubAck(id(&body, "PUBACK")?, body.get(2).copied().unwrap_or(0)),
        5 => Packet::PubRec(id(&body, "PUBREC")?, body.get(2).copied().unwrap_or(0)),
        6 => Packet::PubRel(id(&body, "PUBREL")?),
        7 => Packet::PubComp(id(&body, "PUBCOMP")?),
        9 => Packet::SubAck(
            id(&body, "SUBACK")?,
            *body.last().ok_or(WireError::Truncated("SUBACK"))?,
        ),
        11 => Packet::UnsubAck(id(&body, "UNSUBACK")?),
        13 => Packet::PingResp,
        14 => Packet::Disconnect(body.first().copied().unwrap_or(0)),
        _ => Packet::Other(first),
    };
    Ok(Some(packet))
}

/// The fixed header's length and the Remaining Length of the packet at the front of
/// `buf`, or `None` when the header is incomplete.
pub fn frame_len(buf: &[u8]) -> Result<Option<(usize, usize)>, WireError> {
    if buf.is_empty() {
        return Ok(None);
    }
    Ok(read_varint(&buf[1..])?.map(|(len, n)| (1 + n, len)))
}

fn read_varint(buf: &[u8]) -> Result<Option<(usize, usize)>, WireError> {
    let mut value = 0usize;
    for (i, byte) in buf.iter().enumerate().take(4) {
        value |= usize::from(byte & 0x7F) << (7 * i);
        if byte & 0x80 == 0 {
            return Ok(Some((value, i + 1)));
        }
    }
    if buf.len() >= 4 {
        Err(WireError::BadLength)
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_round_trips_in_both_versions() {
        for version in [Version::V311, Version::V5] {
            for qos in 0..=2 {
                let mut buf = BytesMut::new();
                publish(&mut buf, version, b"a/b", qos, 7, &[1u8; 300]);
                let packet = decode(&mut buf, version).unwrap().unwrap();
                assert_eq!(
                    packet,
                    Packet::Publish {
                        topic: Bytes::from_static(b"a/b"),
                        qos,
                        packet_id: if qos > 0 { 7 } else { 0 },
                        payload: Bytes::from(vec![1u8; 300]),
                    }
                );
                assert!(buf.is_empty());
            }
        }
    }

    #[test]
    fn partial_packets_wait_for_more_bytes() {
        let mut whole = BytesMut::new();
        ack(&mut whole, PUBACK, 9);
        let mut part = BytesMut::from(&whole[..3]);
        assert_eq!(decode(&mut part, Version::V311).unwrap(), None);
        part.extend_from_slice(&whole[3..]);
        assert_eq!(
            decode(&mut part, Version::V311).unwrap(),
            Some(Packet::PubAck(9, 0))
        );
    }

    #[test]
    fn persistent_connect_and_reason_codes() {
        let mut buf = BytesMut::new();
        connect_with(&mut buf, Version::V5, "c", 60, Some(3600));
        // Flags 0 (no Clean Start); properties: Session Expiry Interval 3600.
        assert_eq!(buf[9], 0x00);
        assert_eq!(&buf[12..18], &[5, 0x11, 0, 0, 0x0e, 0x10]);
        assert_eq!(buf[1] as usize, buf.len() - 2);
        let mut v3 = BytesMut::new();
        connect_with(&mut v3, Version::V311, "c", 60, Some(3600));
        assert_eq!(v3[9], 0x00);
        assert_eq!(v3[1] as usize, v3.len() - 2);

        let mut acks = BytesMut::from(&[0x20, 2, 1, 0, 0x40, 3, 0, 7, 0x97][..]);
        assert_eq!(
            decode(&mut acks, Version::V5).unwrap(),
            Some(Packet::ConnAck {
                session_present: true,
                code: 0
            })
        );
        assert_eq!(
            decode(&mut acks, Version::V5).unwrap(),
            Some(Packet::PubAck(7, 0x97))
        );
    }
}
