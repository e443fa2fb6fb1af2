//! A small MQTT 3.1.1/5.0 encoder for the seeds (independent of the broker's codec).

use crate::connection::{fixture, JWT_AUDIENCE, SEPARATOR};

// ---- MQTT encoding -------------------------------------------------------

pub(super) fn varint(mut n: usize, out: &mut Vec<u8>) {
    loop {
        let mut b = (n % 128) as u8;
        n /= 128;
        if n > 0 {
            b |= 0x80;
        }
        out.push(b);
        if n == 0 {
            break;
        }
    }
}

pub(super) fn string(s: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&(s.len() as u16).to_be_bytes());
    out.extend_from_slice(s);
}

pub(super) fn packet(first: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![first];
    varint(body.len(), &mut out);
    out.extend_from_slice(body);
    out
}

/// MQTT 5 properties.
#[derive(Default, Clone)]
pub(super) struct Props(Vec<u8>);

impl Props {
    pub(super) fn byte(mut self, id: u8, v: u8) -> Self {
        self.0.extend([id, v]);
        self
    }
    pub(super) fn u16(mut self, id: u8, v: u16) -> Self {
        self.0.push(id);
        self.0.extend(v.to_be_bytes());
        self
    }
    pub(super) fn u32(mut self, id: u8, v: u32) -> Self {
        self.0.push(id);
        self.0.extend(v.to_be_bytes());
        self
    }
    pub(super) fn str(mut self, id: u8, v: &[u8]) -> Self {
        self.0.push(id);
        string(v, &mut self.0);
        self
    }
    pub(super) fn var(mut self, id: u8, v: usize) -> Self {
        self.0.push(id);
        varint(v, &mut self.0);
        self
    }
    pub(super) fn user(mut self, k: &str, v: &str) -> Self {
        self.0.push(0x26);
        string(k.as_bytes(), &mut self.0);
        string(v.as_bytes(), &mut self.0);
        self
    }
    pub(super) fn encode(&self, out: &mut Vec<u8>) {
        varint(self.0.len(), out);
        out.extend_from_slice(&self.0);
    }
}

pub(super) struct Will<'a> {
    pub(super) topic: &'a str,
    pub(super) payload: &'a [u8],
    pub(super) qos: u8,
    pub(super) retain: bool,
    pub(super) props: Props,
}

pub(super) struct Connect<'a> {
    v5: bool,
    pub(super) client_id: &'a str,
    pub(super) clean: bool,
    pub(super) keep_alive: u16,
    pub(super) username: Option<&'a str>,
    pub(super) password: Option<&'a [u8]>,
    pub(super) will: Option<Will<'a>>,
    pub(super) props: Props,
}

impl<'a> Connect<'a> {
    pub(super) fn new(v5: bool, client_id: &'a str) -> Self {
        Connect {
            v5,
            client_id,
            clean: true,
            keep_alive: 0,
            username: None,
            password: None,
            will: None,
            props: Props::default(),
        }
    }
    pub(super) fn login(mut self, user: &'a str, password: &'a [u8]) -> Self {
        self.username = Some(user);
        self.password = Some(password);
        self
    }
    pub(super) fn encode(&self) -> Vec<u8> {
        let mut b = Vec::new();
        string(b"MQTT", &mut b);
        b.push(if self.v5 { 5 } else { 4 });
        let mut flags = 0u8;
        if self.username.is_some() {
            flags |= 0x80;
        }
        if self.password.is_some() {
            flags |= 0x40;
        }
        if let Some(w) = &self.will {
            flags |= 0x04 | (w.qos << 3) | if w.retain { 0x20 } else { 0 };
        }
        if self.clean {
            flags |= 0x02;
        }
        b.push(flags);
        b.extend(self.keep_alive.to_be_bytes());
        if self.v5 {
            self.props.encode(&mut b);
        }
        string(self.client_id.as_bytes(), &mut b);
        if let Some(w) = &self.will {
            if self.v5 {
                w.props.encode(&mut b);
            }
            string(w.topic.as_bytes(), &mut b);
            string(w.payload, &mut b);
        }
        if let Some(u) = self.username {
            string(u.as_bytes(), &mut b);
        }
        if let Some(p) = self.password {
            string(p, &mut b);
        }
        packet(0x10, &b)
    }
}

pub(super) fn subscribe(v5: bool, id: u16, props: Props, filters: &[(&str, u8)]) -> Vec<u8> {
    let mut b = id.to_be_bytes().to_vec();
    if v5 {
        props.encode(&mut b);
    }
    for (f, opts) in filters {
        string(f.as_bytes(), &mut b);
        b.push(*opts);
    }
    packet(0x82, &b)
}

pub(super) fn unsubscribe(v5: bool, id: u16, filters: &[&str]) -> Vec<u8> {
    let mut b = id.to_be_bytes().to_vec();
    if v5 {
        Props::default().encode(&mut b);
    }
    for f in filters {
        string(f.as_bytes(), &mut b);
    }
    packet(0xA2, &b)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn publish(
    v5: bool,
    topic: &str,
    qos: u8,
    retain: bool,
    dup: bool,
    id: u16,
    props: Props,
    payload: &[u8],
) -> Vec<u8> {
    let mut b = Vec::new();
    string(topic.as_bytes(), &mut b);
    if qos > 0 {
        b.extend(id.to_be_bytes());
    }
    if v5 {
        props.encode(&mut b);
    }
    b.extend_from_slice(payload);
    let first = 0x30 | (u8::from(dup) << 3) | (qos << 1) | u8::from(retain);
    packet(first, &b)
}

pub(super) fn ack(first: u8, id: u16) -> Vec<u8> {
    packet(first, &id.to_be_bytes())
}

pub(super) fn ack_v5(first: u8, id: u16, reason: u8) -> Vec<u8> {
    let mut b = id.to_be_bytes().to_vec();
    b.push(reason);
    Props::default().encode(&mut b);
    packet(first, &b)
}

pub(super) fn pingreq() -> Vec<u8> {
    vec![0xC0, 0x00]
}

pub(super) fn disconnect(v5: bool, reason: u8) -> Vec<u8> {
    if !v5 {
        return vec![0xE0, 0x00];
    }
    let mut b = vec![reason];
    Props::default().encode(&mut b);
    packet(0xE0, &b)
}

pub(super) fn auth(reason: u8, method: &str, data: &[u8]) -> Vec<u8> {
    let mut b = vec![reason];
    Props::default()
        .str(0x15, method.as_bytes())
        .str(0x16, data)
        .encode(&mut b);
    packet(0xF0, &b)
}

/// A development JWT of the fixture's issuer for `subject`, valid until 2100.
pub(super) fn jwt(subject: &str) -> String {
    let issuer = &fixture().config.access.jwt_issuers[0];
    let mut claims = serde_json::Map::new();
    claims.insert("type".into(), "sensor".into());
    claims.insert("floor".into(), 2.into());
    let now = 1_700_000_000;
    tern::access::jwt::mint(
        issuer,
        JWT_AUDIENCE,
        subject,
        &claims,
        now,
        4_102_444_800 - now,
    )
    .expect("minting a JWT")
}

pub(super) fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

pub(super) fn with_flags(flags: u8, clients: &[Vec<u8>]) -> Vec<u8> {
    let mut out = vec![flags];
    for (i, c) in clients.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(SEPARATOR);
        }
        out.extend_from_slice(c);
    }
    out
}
