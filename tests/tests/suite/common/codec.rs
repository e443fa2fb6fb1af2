//! The test side's own MQTT encoder and decoder, independent of the protocol
//! library the broker uses: packet builders, property builders, and decoders of
//! what the broker sends.

use bytes::Buf;

/// Packet type nibbles.
pub mod kind {
    /// CONNECT.
    pub const CONNECT: u8 = 1;
    /// CONNACK.
    pub const CONNACK: u8 = 2;
    /// PUBLISH.
    pub const PUBLISH: u8 = 3;
    /// PUBACK.
    pub const PUBACK: u8 = 4;
    /// PUBREC.
    pub const PUBREC: u8 = 5;
    /// PUBREL.
    pub const PUBREL: u8 = 6;
    /// PUBCOMP.
    pub const PUBCOMP: u8 = 7;
    /// SUBACK.
    pub const SUBACK: u8 = 9;
    /// UNSUBACK.
    pub const UNSUBACK: u8 = 11;
    /// PINGRESP.
    pub const PINGRESP: u8 = 13;
    /// DISCONNECT.
    pub const DISCONNECT: u8 = 14;
    /// AUTH.
    pub const AUTH: u8 = 15;
}

/// Variable Byte Integer.
pub fn vbi(mut n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let mut b = (n % 128) as u8;
        n /= 128;
        if n > 0 {
            b |= 0x80;
        }
        out.push(b);
        if n == 0 {
            return out;
        }
    }
}

/// A length-prefixed string (or binary data).
pub fn mstr(s: impl AsRef<[u8]>) -> Vec<u8> {
    let s = s.as_ref();
    let mut out = (s.len() as u16).to_be_bytes().to_vec();
    out.extend_from_slice(s);
    out
}

/// A whole packet: first byte, remaining length, body.
pub fn packet(first: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![first];
    out.extend(vbi(body.len()));
    out.extend_from_slice(body);
    out
}

/// Property builders (each returns the encoded property; concatenate them).
pub mod prop {
    use super::{mstr, vbi};
    /// A one-byte property.
    pub fn byte(id: u8, v: u8) -> Vec<u8> {
        vec![id, v]
    }
    /// A two-byte integer property.
    pub fn u16(id: u8, v: u16) -> Vec<u8> {
        let mut out = vec![id];
        out.extend(v.to_be_bytes());
        out
    }
    /// A four-byte integer property.
    pub fn u32(id: u8, v: u32) -> Vec<u8> {
        let mut out = vec![id];
        out.extend(v.to_be_bytes());
        out
    }
    /// A string or binary property.
    pub fn str(id: u8, v: impl AsRef<[u8]>) -> Vec<u8> {
        let mut out = vec![id];
        out.extend(mstr(v));
        out
    }
    /// A variable-byte-integer property (Subscription Identifier).
    pub fn var(id: u8, v: usize) -> Vec<u8> {
        let mut out = vec![id];
        out.extend(vbi(v));
        out
    }
    /// A User Property.
    pub fn user(k: &str, v: &str) -> Vec<u8> {
        let mut out = vec![0x26];
        out.extend(mstr(k));
        out.extend(mstr(v));
        out
    }
    /// Session Expiry Interval.
    pub fn session_expiry(secs: u32) -> Vec<u8> {
        u32(0x11, secs)
    }
    /// Message Expiry Interval.
    pub fn message_expiry(secs: u32) -> Vec<u8> {
        u32(0x02, secs)
    }
}

/// A property section: length then properties.
fn props_section(props: &[u8]) -> Vec<u8> {
    let mut out = vbi(props.len());
    out.extend_from_slice(props);
    out
}

/// A will for [`Connect`].
#[derive(Debug, Clone, Default)]
pub struct Will {
    /// Topic.
    pub topic: String,
    /// Payload.
    pub payload: Vec<u8>,
    /// QoS.
    pub qos: u8,
    /// RETAIN.
    pub retain: bool,
    /// Will properties (v5).
    pub props: Vec<u8>,
}

/// A CONNECT packet description.
#[derive(Debug, Clone)]
pub struct Connect {
    /// MQTT 5 (else 3.1.1).
    pub v5: bool,
    /// Client identifier.
    pub client_id: String,
    /// Clean Start / Clean Session.
    pub clean: bool,
    /// Keep alive seconds.
    pub keep_alive: u16,
    /// CONNECT properties (v5).
    pub props: Vec<u8>,
    /// Will.
    pub will: Option<Will>,
    /// User Name.
    pub username: Option<String>,
    /// Password.
    pub password: Option<Vec<u8>>,
}

impl Connect {
    /// An MQTT 5 CONNECT with clean start and keep alive 60.
    pub fn v5(client_id: &str) -> Self {
        Self {
            v5: true,
            client_id: client_id.into(),
            clean: true,
            keep_alive: 60,
            props: Vec::new(),
            will: None,
            username: None,
            password: None,
        }
    }

    /// An MQTT 3.1.1 CONNECT with clean session and keep alive 60.
    pub fn v3(client_id: &str) -> Self {
        Self {
            v5: false,
            ..Self::v5(client_id)
        }
    }

    /// Sets Clean Start.
    pub fn clean(mut self, clean: bool) -> Self {
        self.clean = clean;
        self
    }

    /// Sets keep alive.
    pub fn keep_alive(mut self, secs: u16) -> Self {
        self.keep_alive = secs;
        self
    }

    /// Adds CONNECT properties.
    pub fn props(mut self, props: impl AsRef<[u8]>) -> Self {
        self.props.extend_from_slice(props.as_ref());
        self
    }

    /// Sets User Name and Password.
    pub fn credentials(mut self, username: &str, password: impl AsRef<[u8]>) -> Self {
        self.username = Some(username.into());
        self.password = Some(password.as_ref().to_vec());
        self
    }

    /// Sets only the User Name.
    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.into());
        self
    }

    /// Sets the will.
    pub fn will(mut self, will: Will) -> Self {
        self.will = Some(will);
        self
    }

    /// The encoded packet.
    pub fn encode(&self) -> Vec<u8> {
        let mut body = mstr("MQTT");
        body.push(if self.v5 { 5 } else { 4 });
        let mut flags = 0u8;
        if self.clean {
            flags |= 0x02;
        }
        if self.username.is_some() {
            flags |= 0x80;
        }
        if self.password.is_some() {
            flags |= 0x40;
        }
        if let Some(w) = &self.will {
            flags |= 0x04 | (w.qos << 3);
            if w.retain {
                flags |= 0x20;
            }
        }
        body.push(flags);
        body.extend(self.keep_alive.to_be_bytes());
        if self.v5 {
            body.extend(props_section(&self.props));
        }
        body.extend(mstr(&self.client_id));
        if let Some(w) = &self.will {
            if self.v5 {
                body.extend(props_section(&w.props));
            }
            body.extend(mstr(&w.topic));
            body.extend(mstr(&w.payload));
        }
        if let Some(u) = &self.username {
            body.extend(mstr(u));
        }
        if let Some(p) = &self.password {
            body.extend(mstr(p));
        }
        packet(0x10, &body)
    }
}

/// A PUBLISH packet. `props` is ignored for 3.1.1.
pub fn publish(
    v5: bool,
    topic: &str,
    payload: impl AsRef<[u8]>,
    qos: u8,
    retain: bool,
    packet_id: u16,
    props: &[u8],
) -> Vec<u8> {
    let mut body = mstr(topic);
    if qos > 0 {
        body.extend(packet_id.to_be_bytes());
    }
    if v5 {
        body.extend(props_section(props));
    }
    body.extend_from_slice(payload.as_ref());
    packet(0x30 | (qos << 1) | u8::from(retain), &body)
}

/// An MQTT 5 SUBSCRIBE of `(filter, options byte)` entries with an optional Subscription Identifier.
pub fn subscribe_v5(packet_id: u16, entries: &[(&str, u8)], sub_id: Option<usize>) -> Vec<u8> {
    let mut body = packet_id.to_be_bytes().to_vec();
    let props = sub_id.map(|id| prop::var(0x0B, id)).unwrap_or_default();
    body.extend(props_section(&props));
    for (filter, opts) in entries {
        body.extend(mstr(filter));
        body.push(*opts);
    }
    packet(0x82, &body)
}

/// An MQTT 3.1.1 SUBSCRIBE of `(filter, qos)` entries.
pub fn subscribe_v3(packet_id: u16, entries: &[(&str, u8)]) -> Vec<u8> {
    let mut body = packet_id.to_be_bytes().to_vec();
    for (filter, qos) in entries {
        body.extend(mstr(filter));
        body.push(*qos);
    }
    packet(0x82, &body)
}

/// An UNSUBSCRIBE.
pub fn unsubscribe(v5: bool, packet_id: u16, filters: &[&str]) -> Vec<u8> {
    let mut body = packet_id.to_be_bytes().to_vec();
    if v5 {
        body.push(0);
    }
    for f in filters {
        body.extend(mstr(f));
    }
    packet(0xA2, &body)
}

/// PUBACK / PUBREC / PUBREL / PUBCOMP (`first` is 0x40, 0x50, 0x62 or 0x70).
pub fn ack(first: u8, packet_id: u16) -> Vec<u8> {
    packet(first, &packet_id.to_be_bytes())
}

/// An MQTT 5 DISCONNECT with a reason code and properties.
pub fn disconnect_v5(code: u8, props: &[u8]) -> Vec<u8> {
    let mut body = vec![code];
    body.extend(props_section(props));
    packet(0xE0, &body)
}

/// An MQTT 5 AUTH with a reason code and properties (0x19 Re-authenticate,
/// 0x18 Continue authentication).
pub fn auth_v5(code: u8, props: &[u8]) -> Vec<u8> {
    let mut body = vec![code];
    body.extend(props_section(props));
    packet(0xF0, &body)
}

/// Subscription options byte: QoS, No Local, Retain As Published, Retain Handling.
pub fn opts(qos: u8, no_local: bool, rap: bool, rh: u8) -> u8 {
    qos | (u8::from(no_local) << 2) | (u8::from(rap) << 3) | (rh << 4)
}

// ---------------------------------------------------------------- decoding

/// A decoded property value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PVal {
    /// Byte, two-byte, four-byte or variable integer.
    Int(u32),
    /// UTF-8 string.
    Str(String),
    /// Binary data.
    Bin(Vec<u8>),
    /// User Property.
    Pair(String, String),
}

/// Decoded properties, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Props(pub Vec<(u8, PVal)>);

impl Props {
    /// The first property with `id`.
    pub fn get(&self, id: u8) -> Option<&PVal> {
        self.0.iter().find(|(i, _)| *i == id).map(|(_, v)| v)
    }
    /// The integer property `id`.
    pub fn int(&self, id: u8) -> Option<u32> {
        match self.get(id) {
            Some(PVal::Int(n)) => Some(*n),
            _ => None,
        }
    }
    /// The string property `id`.
    pub fn str(&self, id: u8) -> Option<&str> {
        match self.get(id) {
            Some(PVal::Str(s)) => Some(s),
            _ => None,
        }
    }
    /// Every integer property `id` (Subscription Identifiers).
    pub fn ints(&self, id: u8) -> Vec<u32> {
        self.0
            .iter()
            .filter_map(|(i, v)| match v {
                PVal::Int(n) if *i == id => Some(*n),
                _ => None,
            })
            .collect()
    }
}

fn read_vbi(b: &mut &[u8]) -> usize {
    let mut n = 0usize;
    let mut shift = 0;
    loop {
        let byte = b.get_u8();
        n |= usize::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return n;
        }
        shift += 7;
    }
}

fn read_bin(b: &mut &[u8]) -> Vec<u8> {
    let len = usize::from(b.get_u16());
    let out = b[..len].to_vec();
    b.advance(len);
    out
}

fn read_str(b: &mut &[u8]) -> String {
    String::from_utf8(read_bin(b)).expect("UTF-8 string")
}

fn read_props(b: &mut &[u8]) -> Props {
    let len = read_vbi(b);
    let (mut p, rest) = b.split_at(len);
    *b = rest;
    let mut out = Vec::new();
    while !p.is_empty() {
        let id = p.get_u8();
        let v = match id {
            0x01 | 0x17 | 0x19 | 0x24 | 0x25 | 0x28 | 0x29 | 0x2A => {
                PVal::Int(u32::from(p.get_u8()))
            }
            0x13 | 0x21 | 0x22 | 0x23 => PVal::Int(u32::from(p.get_u16())),
            0x02 | 0x11 | 0x18 | 0x27 => PVal::Int(p.get_u32()),
            0x0B => PVal::Int(read_vbi(&mut p) as u32),
            0x09 | 0x16 => PVal::Bin(read_bin(&mut p)),
            0x26 => PVal::Pair(read_str(&mut p), read_str(&mut p)),
            _ => PVal::Str(read_str(&mut p)),
        };
        out.push((id, v));
    }
    Props(out)
}

/// One packet as received.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The first byte (type and flags).
    pub first: u8,
    /// The bytes after the remaining length.
    pub body: Vec<u8>,
}

/// A decoded CONNACK.
#[derive(Debug, Clone)]
pub struct Connack {
    /// Session Present.
    pub session_present: bool,
    /// Reason code (v5) or return code (3.1.1).
    pub code: u8,
    /// Properties (v5).
    pub props: Props,
}

/// A decoded PUBLISH.
#[derive(Debug, Clone)]
pub struct Publish {
    /// Topic name (may be empty when a topic alias is used).
    pub topic: String,
    /// QoS.
    pub qos: u8,
    /// RETAIN.
    pub retain: bool,
    /// DUP.
    pub dup: bool,
    /// Packet identifier (QoS > 0).
    pub packet_id: u16,
    /// Properties (v5).
    pub props: Props,
    /// Payload.
    pub payload: Vec<u8>,
}

impl Frame {
    /// The packet type.
    pub fn kind(&self) -> u8 {
        self.first >> 4
    }
    /// CONNACK.
    pub fn connack(&self, v5: bool) -> Connack {
        assert_eq!(self.kind(), kind::CONNACK, "expected CONNACK, got {self:?}");
        let mut b = &self.body[..];
        let session_present = b.get_u8() & 1 == 1;
        let code = b.get_u8();
        let props = if v5 && !b.is_empty() {
            read_props(&mut b)
        } else {
            Props::default()
        };
        Connack {
            session_present,
            code,
            props,
        }
    }
    /// PUBLISH.
    pub fn publish(&self, v5: bool) -> Publish {
        assert_eq!(self.kind(), kind::PUBLISH, "expected PUBLISH, got {self:?}");
        let mut b = &self.body[..];
        let qos = (self.first >> 1) & 3;
        let topic = read_str(&mut b);
        let packet_id = if qos > 0 { b.get_u16() } else { 0 };
        let props = if v5 {
            read_props(&mut b)
        } else {
            Props::default()
        };
        Publish {
            topic,
            qos,
            retain: self.first & 1 == 1,
            dup: self.first & 8 == 8,
            packet_id,
            props,
            payload: b.to_vec(),
        }
    }
    /// The reason code of a v5 DISCONNECT (0 when absent).
    pub fn disconnect_code(&self) -> u8 {
        assert_eq!(
            self.kind(),
            kind::DISCONNECT,
            "expected DISCONNECT, got {self:?}"
        );
        self.body.first().copied().unwrap_or(0)
    }
    /// Reason code and properties of an AUTH (code 0 and no properties when absent).
    pub fn auth(&self) -> (u8, Props) {
        assert_eq!(self.kind(), kind::AUTH, "expected AUTH, got {self:?}");
        let mut b = &self.body[..];
        if b.is_empty() {
            return (0, Props::default());
        }
        let code = b.get_u8();
        let props = if b.is_empty() {
            Props::default()
        } else {
            read_props(&mut b)
        };
        (code, props)
    }
    /// Packet identifier and reason code of PUBACK/PUBREC/PUBREL/PUBCOMP (code 0 when absent).
    pub fn ack(&self) -> (u16, u8) {
        let mut b = &self.body[..];
        let id = b.get_u16();
        (id, b.first().copied().unwrap_or(0))
    }
    /// Reason/return codes of SUBACK or UNSUBACK (v5 skips the properties).
    pub fn codes(&self, v5: bool) -> Vec<u8> {
        let mut b = &self.body[..];
        b.advance(2);
        if v5 {
            read_props(&mut b);
        }
        b.to_vec()
    }
}
