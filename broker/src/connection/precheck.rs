//! Checks of complete packets that the protocol library leaves out, run on the
//! raw bytes before the packet is handed to it.
//!
//! mqtt-protocol-core decodes these packets without complaint although the spec
//! forbids them, so the connection looks first:
//! - CONNECT with the reserved flag set [MQTT-3.1.2-3], Will QoS 3, or Will QoS /
//!   Will Retain set without a will (MQTT 5: [MQTT-3.1.2-11], [MQTT-3.1.2-12],
//!   [MQTT-3.1.2-13]; 3.1.1: [MQTT-3.1.2-13], [MQTT-3.1.2-14], [MQTT-3.1.2-15]);
//!   the library would read Will QoS 3 as 0 and ignore the rest;
//! - QoS 1/2 PUBLISH, SUBSCRIBE or UNSUBSCRIBE with packet identifier 0
//!   [MQTT-2.2.1-3] (the library checks that when building a SUBSCRIBE or
//!   UNSUBSCRIBE, not when parsing one);
//! - a Subscription Identifier in a client's PUBLISH [MQTT-3.3.4-6];
//! - a Topic Alias of 0, which the library refuses as Protocol Error where
//!   [MQTT-3.3.2-8] asks for Topic Alias invalid;
//! - AUTH (type 15) from an MQTT 3.1.1 client, a reserved type there (3.1.1
//!   table 2.1), which the library silently drops.
//!
//! Every function takes one whole packet (fixed header included); anything it
//! cannot walk is left to the library, which then reports what is wrong.

use crate::version::Version;
use tern_protocol::mqtt::result_code::DisconnectReasonCode;

/// A rule a packet breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Violation {
    /// The reason code an MQTT 5 client gets (CONNACK or DISCONNECT).
    pub code: DisconnectReasonCode,
    /// The rule, as the spec numbers it.
    pub rule: &'static str,
    /// What was wrong, for the log.
    pub what: &'static str,
    /// Whether the answer is a CONNACK with `code` (an MQTT 5 CONNECT) rather
    /// than a DISCONNECT or a plain close.
    pub connack: bool,
}

impl Violation {
    const fn malformed(rule: &'static str, what: &'static str) -> Self {
        Self {
            code: DisconnectReasonCode::MalformedPacket,
            rule,
            what,
            connack: false,
        }
    }
}

/// Checks a CONNECT's flags; `None` when they are fine or the packet is not a
/// CONNECT the library would accept as one (it reports that itself).
pub(super) fn connect(packet: &[u8]) -> Option<Violation> {
    connect_flags(packet).map(|(violation, v5)| Violation {
        connack: v5,
        ..violation
    })
}

/// The CONNECT flag rule `packet` breaks, and whether it is an MQTT 5 CONNECT.
fn connect_flags(packet: &[u8]) -> Option<(Violation, bool)> {
    if packet.first()? >> 4 != 1 {
        return None;
    }
    let (_, header) = vbi(packet.get(1..)?)?;
    let body = packet.get(1 + header..)?;
    let name_len = usize::from(u16::from_be_bytes([*body.first()?, *body.get(1)?]));
    let level = *body.get(2 + name_len)?;
    let flags = *body.get(3 + name_len)?;
    let v5 = match level {
        5 => true,
        4 => false,
        _ => return None,
    };
    let will = flags & 0x04 != 0;
    let will_qos = (flags >> 3) & 0x03;
    let will_retain = flags & 0x20 != 0;
    if flags & 0x01 != 0 {
        return Some((
            Violation::malformed("[MQTT-3.1.2-3]", "CONNECT reserved flag is set"),
            v5,
        ));
    }
    if will && will_qos == 3 {
        let rule = if v5 {
            "[MQTT-3.1.2-12]"
        } else {
            "[MQTT-3.1.2-14]"
        };
        return Some((Violation::malformed(rule, "Will QoS 3"), v5));
    }
    if !will && will_qos != 0 {
        let rule = if v5 {
            "[MQTT-3.1.2-11]"
        } else {
            "[MQTT-3.1.2-13]"
        };
        return Some((
            Violation::malformed(rule, "Will QoS set without a will"),
            v5,
        ));
    }
    if !will && will_retain {
        let rule = if v5 {
            "[MQTT-3.1.2-13]"
        } else {
            "[MQTT-3.1.2-15]"
        };
        return Some((
            Violation::malformed(rule, "Will Retain set without a will"),
            v5,
        ));
    }
    None
}

/// Checks a packet received after CONNECT from a client of the given version.
pub(super) fn after_connect(packet: &[u8], version: Version) -> Option<Violation> {
    let v5 = version.is_v5();
    let first = *packet.first()?;
    match first >> 4 {
        15 if !v5 => Some(Violation {
            code: DisconnectReasonCode::ProtocolError,
            rule: "[MQTT-4.8.0-1]",
            what: "AUTH is a reserved packet type in MQTT 3.1.1",
            connack: false,
        }),
        3 => publish(packet, v5),
        8 | 10 => {
            let (_, header) = vbi(packet.get(1..)?)?;
            (read_u16(packet, 1 + header)? == 0).then_some(Violation::malformed(
                "[MQTT-2.2.1-3]",
                "SUBSCRIBE or UNSUBSCRIBE with packet identifier 0",
            ))
        }
        _ => None,
    }
}

/// Checks a PUBLISH: packet identifier, and (MQTT 5) its properties.
fn publish(packet: &[u8], v5: bool) -> Option<Violation> {
    let facts = publish_facts(packet, v5)?;
    if facts.packet_id == Some(0) {
        return Some(Violation::malformed(
            "[MQTT-2.2.1-3]",
            "QoS 1/2 PUBLISH with packet identifier 0",
        ));
    }
    if facts.subscription_identifier {
        return Some(Violation {
            code: DisconnectReasonCode::ProtocolError,
            rule: "[MQTT-3.3.4-6]",
            what: "Subscription Identifier in a PUBLISH from the client",
            connack: false,
        });
    }
    if facts.topic_alias == Some(0) {
        return Some(Violation {
            code: DisconnectReasonCode::TopicAliasInvalid,
            rule: "[MQTT-3.3.2-8]",
            what: "Topic Alias 0",
            connack: false,
        });
    }
    None
}

/// What the checks need from a PUBLISH.
#[derive(Debug, Default, PartialEq, Eq)]
struct PublishFacts {
    /// The packet identifier (QoS 1/2 only).
    packet_id: Option<u16>,
    /// The Topic Alias property, if any (MQTT 5).
    topic_alias: Option<u16>,
    /// Whether a Subscription Identifier property is present (MQTT 5).
    subscription_identifier: bool,
}

/// Reads the facts of a complete PUBLISH; `None` when it cannot be walked (the
/// library then reports what is wrong with it).
fn publish_facts(packet: &[u8], v5: bool) -> Option<PublishFacts> {
    let first = *packet.first()?;
    let (len, header) = vbi(packet.get(1..)?)?;
    let body = packet.get(1 + header..1 + header + len)?;
    let topic_len = usize::from(read_u16(body, 0)?);
    let mut at = 2 + topic_len;
    let mut facts = PublishFacts::default();
    if (first >> 1) & 3 > 0 {
        facts.packet_id = Some(read_u16(body, at)?);
        at += 2;
    }
    if !v5 {
        return Some(facts);
    }
    let (props_len, n) = vbi(body.get(at..)?)?;
    at += n;
    let props = body.get(at..at + props_len)?;
    let mut i = 0;
    while i < props.len() {
        let id = props[i];
        i += 1;
        let two = |i: usize| read_u16(props, i).map(usize::from);
        i += match id {
            0x01 => 1,
            0x02 => 4,
            0x23 => {
                facts.topic_alias = Some(read_u16(props, i)?);
                2
            }
            0x03 | 0x08 | 0x09 => 2 + two(i)?,
            0x26 => {
                let key = 2 + two(i)?;
                key + 2 + two(i + key)?
            }
            0x0B => {
                facts.subscription_identifier = true;
                vbi(props.get(i..)?)?.1
            }
            _ => return None,
        };
    }
    Some(facts)
}

/// A big-endian two-byte integer at `at`.
fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

/// A Variable Byte Integer at the start of `b`: (value, bytes used).
pub(super) fn vbi(b: &[u8]) -> Option<(usize, usize)> {
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

    /// A v5 PUBLISH of `qos` to "a" with packet id `id` and `props`.
    fn publish_v5(qos: u8, id: u16, props: &[u8]) -> Vec<u8> {
        let mut body = vec![0, 1, b'a'];
        if qos > 0 {
            body.extend(id.to_be_bytes());
        }
        body.push(props.len() as u8);
        body.extend(props);
        body.push(b'x');
        let mut packet = vec![0x30 | qos << 1, body.len() as u8];
        packet.extend(body);
        packet
    }

    #[test]
    fn reads_the_facts_of_a_publish() {
        // PFI 1, user property ("k","v"), subscription identifier 7, topic alias 0.
        let props = [
            0x01, 0x01, 0x26, 0, 1, b'k', 0, 1, b'v', 0x0B, 7, 0x23, 0, 0,
        ];
        let packet = publish_v5(1, 9, &props);
        let facts = publish_facts(&packet, true).unwrap();
        assert_eq!(
            facts,
            PublishFacts {
                packet_id: Some(9),
                topic_alias: Some(0),
                subscription_identifier: true,
            }
        );
        assert_eq!(publish_facts(&packet[..packet.len() - 1], true), None);
        assert_eq!(
            publish_facts(&[0x30, 0x04, 0, 1, b'a', 0], true),
            Some(PublishFacts::default())
        );
    }

    #[test]
    fn publish_checks_in_order() {
        let zero_id = publish_v5(2, 0, &[0x0B, 1]);
        assert_eq!(
            after_connect(&zero_id, Version::V5).unwrap().rule,
            "[MQTT-2.2.1-3]"
        );
        let sub_id = publish_v5(0, 0, &[0x0B, 1]);
        assert_eq!(
            after_connect(&sub_id, Version::V5).unwrap().code,
            DisconnectReasonCode::ProtocolError
        );
        let alias = publish_v5(0, 0, &[0x23, 0, 0]);
        assert_eq!(
            after_connect(&alias, Version::V5).unwrap().code,
            DisconnectReasonCode::TopicAliasInvalid
        );
        assert_eq!(
            after_connect(&publish_v5(1, 1, &[0x23, 0, 1]), Version::V5),
            None
        );
        // 3.1.1: no properties; packet identifier 0 only.
        assert_eq!(
            after_connect(&[0x32, 0x05, 0, 1, b'a', 0, 0], Version::V3_1_1)
                .unwrap()
                .rule,
            "[MQTT-2.2.1-3]"
        );
        assert_eq!(
            after_connect(&[0x30, 0x03, 0, 1, b'a'], Version::V3_1_1),
            None
        );
    }

    #[test]
    fn subscribe_and_unsubscribe_need_a_packet_identifier() {
        let subscribe = |id: u16| {
            let mut p = vec![0x82, 6];
            p.extend(id.to_be_bytes());
            p.extend([0, 1, b'a', 0]);
            p
        };
        assert_eq!(
            after_connect(&subscribe(0), Version::V3_1_1).unwrap().rule,
            "[MQTT-2.2.1-3]"
        );
        assert_eq!(after_connect(&subscribe(1), Version::V3_1_1), None);
        assert!(after_connect(&[0xA2, 5, 0, 0, 0, 1, b'a'], Version::V5).is_some());
    }

    #[test]
    fn auth_is_refused_from_3_1_1_clients_only() {
        assert!(after_connect(&[0xF0, 0x00], Version::V3_1_1).is_some());
        assert_eq!(after_connect(&[0xF0, 0x00], Version::V5), None);
    }

    #[test]
    fn connect_flags() {
        // v5 CONNECT "MQTT", level 5, flags, keep alive 60, no props, client id "c".
        let packet = |level: u8, flags: u8| {
            let body = [
                0, 4, b'M', b'Q', b'T', b'T', level, flags, 0, 60, 0, 0, 1, b'c',
            ];
            let mut p = vec![0x10, body.len() as u8];
            p.extend(body);
            p
        };
        assert_eq!(connect(&packet(5, 0x02)), None);
        assert_eq!(connect(&packet(5, 0x03)).unwrap().rule, "[MQTT-3.1.2-3]");
        assert_eq!(connect(&packet(4, 0x1E)).unwrap().rule, "[MQTT-3.1.2-14]");
        assert_eq!(connect(&packet(5, 0x0A)).unwrap().rule, "[MQTT-3.1.2-11]");
        assert_eq!(connect(&packet(4, 0x22)).unwrap().rule, "[MQTT-3.1.2-15]");
        // A will with QoS 2 and RETAIN is fine.
        assert_eq!(connect(&packet(5, 0x36)), None);
        // An unknown level is the library's to refuse.
        assert_eq!(connect(&packet(3, 0x01)), None);
    }
}
