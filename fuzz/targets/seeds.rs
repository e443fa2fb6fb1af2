//! Writes the committed seed corpus (`fuzz/seeds/<target>/`): valid MQTT
//! 3.1.1 and 5.0 conversations, WebSocket frame streams, queries, templates,
//! namespace files and REST request sequences. Run by the ignored test
//! `write_fuzz_seeds` in broker/tests/fuzz_smoke.rs (see FUZZING.md). The
//! JWT seeds change on every run (ES256 signatures are randomized); the rest
//! is byte-for-byte the same.

use crate::connection::{fixture, JWT_AUDIENCE, SEPARATOR};
use std::path::Path;

/// Writes every seed below `root` (`fuzz/seeds`), replacing what is there.
pub fn write_all(root: &Path) {
    for (target, seeds) in [
        ("connection", connection_seeds()),
        ("ws_stream", ws_seeds()),
        ("query", query_seeds()),
        ("template", template_seeds()),
        ("namespace", namespace_seeds()),
    ] {
        let dir = root.join(target);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a seed directory");
        for (name, bytes) in seeds {
            std::fs::write(dir.join(name), bytes).expect("a seed file");
        }
    }
}

// ---- MQTT encoding -------------------------------------------------------

fn varint(mut n: usize, out: &mut Vec<u8>) {
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

fn string(s: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(&(s.len() as u16).to_be_bytes());
    out.extend_from_slice(s);
}

fn packet(first: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![first];
    varint(body.len(), &mut out);
    out.extend_from_slice(body);
    out
}

/// MQTT 5 properties.
#[derive(Default, Clone)]
struct Props(Vec<u8>);

impl Props {
    fn byte(mut self, id: u8, v: u8) -> Self {
        self.0.extend([id, v]);
        self
    }
    fn u16(mut self, id: u8, v: u16) -> Self {
        self.0.push(id);
        self.0.extend(v.to_be_bytes());
        self
    }
    fn u32(mut self, id: u8, v: u32) -> Self {
        self.0.push(id);
        self.0.extend(v.to_be_bytes());
        self
    }
    fn str(mut self, id: u8, v: &[u8]) -> Self {
        self.0.push(id);
        string(v, &mut self.0);
        self
    }
    fn var(mut self, id: u8, v: usize) -> Self {
        self.0.push(id);
        varint(v, &mut self.0);
        self
    }
    fn user(mut self, k: &str, v: &str) -> Self {
        self.0.push(0x26);
        string(k.as_bytes(), &mut self.0);
        string(v.as_bytes(), &mut self.0);
        self
    }
    fn encode(&self, out: &mut Vec<u8>) {
        varint(self.0.len(), out);
        out.extend_from_slice(&self.0);
    }
}

struct Will<'a> {
    topic: &'a str,
    payload: &'a [u8],
    qos: u8,
    retain: bool,
    props: Props,
}

struct Connect<'a> {
    v5: bool,
    client_id: &'a str,
    clean: bool,
    keep_alive: u16,
    username: Option<&'a str>,
    password: Option<&'a [u8]>,
    will: Option<Will<'a>>,
    props: Props,
}

impl<'a> Connect<'a> {
    fn new(v5: bool, client_id: &'a str) -> Self {
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
    fn login(mut self, user: &'a str, password: &'a [u8]) -> Self {
        self.username = Some(user);
        self.password = Some(password);
        self
    }
    fn encode(&self) -> Vec<u8> {
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

fn subscribe(v5: bool, id: u16, props: Props, filters: &[(&str, u8)]) -> Vec<u8> {
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

fn unsubscribe(v5: bool, id: u16, filters: &[&str]) -> Vec<u8> {
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
fn publish(
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

fn ack(first: u8, id: u16) -> Vec<u8> {
    packet(first, &id.to_be_bytes())
}

fn ack_v5(first: u8, id: u16, reason: u8) -> Vec<u8> {
    let mut b = id.to_be_bytes().to_vec();
    b.push(reason);
    Props::default().encode(&mut b);
    packet(first, &b)
}

fn pingreq() -> Vec<u8> {
    vec![0xC0, 0x00]
}

fn disconnect(v5: bool, reason: u8) -> Vec<u8> {
    if !v5 {
        return vec![0xE0, 0x00];
    }
    let mut b = vec![reason];
    Props::default().encode(&mut b);
    packet(0xE0, &b)
}

fn auth(reason: u8, method: &str, data: &[u8]) -> Vec<u8> {
    let mut b = vec![reason];
    Props::default()
        .str(0x15, method.as_bytes())
        .str(0x16, data)
        .encode(&mut b);
    packet(0xF0, &b)
}

/// A development JWT of the fixture's issuer for `subject`, valid until 2100.
fn jwt(subject: &str) -> String {
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

fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

fn with_flags(flags: u8, clients: &[Vec<u8>]) -> Vec<u8> {
    let mut out = vec![flags];
    for (i, c) in clients.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(SEPARATOR);
        }
        out.extend_from_slice(c);
    }
    out
}

// ---- connection ----------------------------------------------------------

/// A full 3.1.1 conversation of dev1: SUBSCRIBE, PUBLISH QoS 0/1/2, PUBREL, PINGREQ, DISCONNECT.
fn v3_dev1() -> Vec<u8> {
    let mut c = Connect::new(false, "dev1").login("dev1", b"pw-dev1");
    c.keep_alive = 30;
    cat(&[
        c.encode(),
        subscribe(
            false,
            1,
            Props::default(),
            &[("devices/dev1/commands/+", 1), ("public/#", 2)],
        ),
        publish(
            false,
            "devices/dev1/telemetry/t",
            0,
            false,
            false,
            0,
            Props::default(),
            b"21.5",
        ),
        publish(
            false,
            "devices/dev1/telemetry/t",
            1,
            false,
            false,
            2,
            Props::default(),
            b"q1",
        ),
        publish(
            false,
            "public/news",
            2,
            true,
            false,
            3,
            Props::default(),
            b"q2 retained",
        ),
        ack(0x62, 3),
        publish(
            false,
            "public/news",
            1,
            false,
            false,
            4,
            Props::default(),
            b"echo",
        ),
        ack(0x40, 1),
        pingreq(),
        unsubscribe(false, 5, &["public/#"]),
        disconnect(false, 0),
    ])
}

/// A full 5.0 conversation of dev1 with properties, topic aliases and QoS 2.
fn v5_dev1() -> Vec<u8> {
    let mut c = Connect::new(true, "dev1").login("dev1", b"pw-dev1");
    c.keep_alive = 60;
    c.props = Props::default()
        .u32(0x11, 120)
        .u16(0x21, 10)
        .u32(0x27, 4096)
        .u16(0x22, 5)
        .byte(0x17, 1)
        .byte(0x19, 1)
        .user("k", "v");
    c.will = Some(Will {
        topic: "devices/dev1/telemetry/status",
        payload: b"offline",
        qos: 1,
        retain: true,
        props: Props::default().u32(0x18, 5).byte(0x01, 1).u32(0x02, 60),
    });
    let pub_props = Props::default()
        .byte(0x01, 1)
        .u32(0x02, 30)
        .u16(0x23, 1)
        .str(0x08, b"devices/dev1/commands/reply")
        .str(0x09, b"corr-1")
        .str(0x03, b"text/plain")
        .user("a", "b");
    cat(&[
        c.encode(),
        subscribe(
            true,
            1,
            Props::default().var(0x0B, 7).user("s", "t"),
            &[
                ("devices/dev1/commands/+", 0x01 | 0x04 | 0x08),
                ("public/#", 0x02 | 0x10),
                ("$share/g1/public/shared", 1),
                ("devices/#", 1),
            ],
        ),
        publish(
            true,
            "devices/dev1/telemetry/t",
            1,
            false,
            false,
            1,
            pub_props,
            b"23",
        ),
        // The alias alone names the topic now.
        publish(
            true,
            "",
            0,
            false,
            false,
            0,
            Props::default().u16(0x23, 1),
            b"24",
        ),
        publish(
            true,
            "public/x",
            2,
            false,
            false,
            2,
            Props::default(),
            b"qos2",
        ),
        publish(
            true,
            "public/x",
            2,
            false,
            true,
            2,
            Props::default(),
            b"qos2 dup",
        ),
        ack_v5(0x62, 2, 0),
        publish(
            true,
            "public/y",
            1,
            true,
            false,
            3,
            Props::default().u32(0x02, 1),
            b"r",
        ),
        ack_v5(0x40, 1, 0),
        ack_v5(0x50, 2, 0),
        ack_v5(0x70, 2, 0),
        pingreq(),
        unsubscribe(true, 4, &["public/#", "nothing/here"]),
        disconnect(true, 0x04),
    ])
}

/// MQTT 5 enhanced authentication: CONNECT with CUSTOM-JWT, then re-authentication (AUTH 0x19).
fn v5_jwt() -> Vec<u8> {
    let token = jwt("jwt-dev");
    let mut c = Connect::new(true, "jwt-dev");
    c.props = Props::default()
        .str(0x15, b"CUSTOM-JWT")
        .str(0x16, token.as_bytes())
        .u32(0x11, 30);
    cat(&[
        c.encode(),
        subscribe(
            true,
            1,
            Props::default(),
            &[("devices/jwt-dev/commands/+", 1)],
        ),
        publish(
            true,
            "devices/jwt-dev/telemetry/a",
            1,
            false,
            false,
            1,
            Props::default(),
            b"1",
        ),
        publish(
            true,
            "floors/2/x",
            0,
            false,
            false,
            0,
            Props::default(),
            b"floor",
        ),
        auth(0x19, "CUSTOM-JWT", token.as_bytes()),
        publish(
            true,
            "devices/jwt-dev/telemetry/b",
            2,
            false,
            false,
            2,
            Props::default(),
            b"2",
        ),
        ack_v5(0x62, 2, 0),
        auth(0x19, "CUSTOM-JWT", b"not.a.jwt"),
        disconnect(true, 0),
    ])
}

fn connection_seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>| seeds.push((name.to_owned(), bytes));
    add("v3-full", with_flags(0, &[v3_dev1()]));
    add("v3-full-bytewise", with_flags(1, &[v3_dev1()]));
    add("v5-full", with_flags(0, &[v5_dev1()]));
    add("v5-full-chunks7", with_flags(4, &[v5_dev1()]));
    add("v5-jwt-auth-reauth", with_flags(0, &[v5_jwt()]));
    // A 3.1.1 client with the JWT as its password.
    let token = jwt("jwt-v3");
    add(
        "v3-jwt-password",
        with_flags(
            0,
            &[cat(&[
                Connect::new(false, "jwt-v3")
                    .login("jwt-v3", token.as_bytes())
                    .encode(),
                publish(
                    false,
                    "devices/jwt-v3/telemetry/x",
                    1,
                    false,
                    false,
                    1,
                    Props::default(),
                    b"x",
                ),
                disconnect(false, 0),
            ])],
        ),
    );
    // An unknown Authentication Method, then AUTH without a CONNACK.
    let mut c = Connect::new(true, "scram");
    c.props = Props::default()
        .str(0x15, b"SCRAM-SHA-1")
        .str(0x16, b"n,,n=user,r=nonce");
    add(
        "v5-unknown-auth-method",
        with_flags(
            0,
            &[cat(&[c.encode(), auth(0x18, "SCRAM-SHA-1", b"c=biws")])],
        ),
    );
    // app1 (v5) subscribes to everything; dev1 (3.1.1) publishes; dev2 checks denial.
    let mut app = Connect::new(true, "app1").login("app1", b"pw-app1");
    app.props = Props::default().u16(0x21, 2).u32(0x11, 0xFFFF_FFFF);
    let app_stream = cat(&[
        app.encode(),
        subscribe(
            true,
            1,
            Props::default().var(0x0B, 1),
            &[
                ("devices/#", 2),
                ("floors/+/+", 1),
                ("$share/grp/devices/+/telemetry/#", 1),
            ],
        ),
    ]);
    let dev2 = cat(&[
        Connect::new(false, "dev2")
            .login("Dev-Two", b"pw-dev2")
            .encode(),
        // dev2 is on floor 7: not a sensor of the group, everything is denied.
        publish(
            false,
            "devices/Dev-Two/telemetry/t",
            1,
            false,
            false,
            1,
            Props::default(),
            b"no",
        ),
        subscribe(
            false,
            2,
            Props::default(),
            &[("devices/#", 1), ("public/+", 0)],
        ),
        publish(
            false,
            "public/ok",
            0,
            false,
            false,
            0,
            Props::default(),
            b"yes",
        ),
        disconnect(false, 0),
    ]);
    add(
        "three-clients",
        with_flags(0, &[app_stream.clone(), v3_dev1(), dev2]),
    );
    // Take-over: the same client identifier twice, the first kept open.
    add(
        "takeover",
        with_flags(8, &[v5_dev1()[..v5_dev1().len() - 3].to_vec(), v3_dev1()]),
    );
    // Refusals: wrong password, disabled client, unknown user, a denied will, a bad client id.
    let mut denied_will = Connect::new(false, "dev1w").login("dev1", b"pw-dev1");
    denied_will.will = Some(Will {
        topic: "devices/other/telemetry",
        payload: b"x",
        qos: 0,
        retain: false,
        props: Props::default(),
    });
    let mut no_id = Connect::new(false, "").login("dev1", b"pw-dev1");
    no_id.clean = false;
    add(
        "refusals",
        with_flags(
            0,
            &[
                Connect::new(false, "dev1").login("dev1", b"wrong").encode(),
                Connect::new(true, "off1")
                    .login("off1", b"pw-off1")
                    .encode(),
                Connect::new(true, "nobody").login("nobody", b"pw").encode(),
                cat(&[denied_will.encode(), no_id.encode()]),
            ],
        ),
    );
    // Keep alive expiry with the stream left open, and a will with a delay.
    let mut ka = Connect::new(true, "dev1").login("dev1", b"pw-dev1");
    ka.keep_alive = 5;
    ka.props = Props::default().u32(0x11, 10);
    ka.will = Some(Will {
        topic: "devices/dev1/telemetry/lwt",
        payload: b"gone",
        qos: 1,
        retain: false,
        props: Props::default().u32(0x18, 3),
    });
    add(
        "keepalive-timeout-will",
        with_flags(
            8,
            &[
                cat(&[
                    ka.encode(),
                    subscribe(true, 1, Props::default(), &[("public/#", 1)]),
                ]),
                cat(&[
                    app.encode(),
                    subscribe(
                        true,
                        1,
                        Props::default(),
                        &[("devices/dev1/telemetry/#", 1)],
                    ),
                ]),
            ],
        ),
    );
    // The namespace changes while dev1 is connected (dev1 disabled, a binding removed).
    add(
        "namespace-change",
        with_flags(
            8 | 16,
            &[
                cat(&[
                    Connect::new(true, "dev1")
                        .login("dev1", b"pw-dev1")
                        .encode(),
                    subscribe(true, 1, Props::default(), &[("devices/dev1/commands/+", 1)]),
                ]),
                cat(&[
                    app.encode(),
                    subscribe(true, 1, Props::default(), &[("devices/+/commands/#", 1)]),
                ]),
            ],
        ),
    );
    // Protocol violations after CONNECT: reserved type 0, SUBSCRIBE with bad flags, a second CONNECT.
    let login = Connect::new(true, "dev1")
        .login("dev1", b"pw-dev1")
        .encode();
    add(
        "violations",
        with_flags(
            0,
            &[
                cat(&[login.clone(), vec![0x00, 0x00]]),
                cat(&[
                    login.clone(),
                    vec![0x80, 0x05, 0x00, 0x01, 0x00, 0x01, b'a'],
                ]),
                cat(&[login.clone(), login.clone()]),
                cat(&[
                    Connect::new(false, "dev1")
                        .login("dev1", b"pw-dev1")
                        .encode(),
                    publish(
                        false,
                        "public/+",
                        0,
                        false,
                        false,
                        0,
                        Props::default(),
                        b"bad topic",
                    ),
                ]),
            ],
        ),
    );
    // Retained messages then a late subscriber with Retain Handling.
    add(
        "retained",
        with_flags(
            8,
            &[
                cat(&[
                    login.clone(),
                    publish(
                        true,
                        "public/r1",
                        1,
                        true,
                        false,
                        1,
                        Props::default().u32(0x02, 100),
                        b"keep",
                    ),
                    publish(true, "public/r2", 0, true, false, 0, Props::default(), b""),
                    disconnect(true, 0),
                ]),
                cat(&[
                    Connect::new(false, "app1")
                        .login("app1", b"pw-app1")
                        .encode(),
                    subscribe(false, 1, Props::default(), &[("public/#", 1)]),
                ]),
            ],
        ),
    );
    seeds
}

// ---- ws_stream -----------------------------------------------------------

/// A client WebSocket frame: FIN + opcode, masked with key 0 (payload unchanged).
fn frame(fin: bool, opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = vec![if fin { 0x80 } else { 0 } | opcode];
    match payload.len() {
        n if n < 126 => out.push(0x80 | n as u8),
        n if n <= 0xFFFF => {
            out.push(0x80 | 126);
            out.extend((n as u16).to_be_bytes());
        }
        n => {
            out.push(0x80 | 127);
            out.extend((n as u64).to_be_bytes());
        }
    }
    out.extend([0, 0, 0, 0]);
    out.extend_from_slice(payload);
    out
}

/// `bytes` cut into binary frames at `cuts` (packets spanning frames and
/// frames holding several packets).
fn frames(bytes: &[u8], cuts: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut start = 0;
    for &cut in cuts.iter().chain([bytes.len()].iter()) {
        let cut = cut.min(bytes.len());
        if cut > start {
            out.extend(frame(true, 0x2, &bytes[start..cut]));
            start = cut;
        }
    }
    out
}

fn ws_seeds() -> Vec<(String, Vec<u8>)> {
    let close = frame(true, 0x8, &[0x03, 0xE8]);
    let mut seeds = Vec::new();
    let mut add = |name: &str, flags: u8, bytes: Vec<u8>| {
        let mut v = vec![flags];
        v.extend(bytes);
        seeds.push((name.to_owned(), v));
    };
    add(
        "echo-frames-ping-close",
        0,
        cat(&[
            frame(true, 0x2, b"hello"),
            frame(true, 0x9, b"ping"),
            frame(true, 0x2, &[0u8; 200]),
            frame(true, 0xA, b"pong"),
            close.clone(),
        ]),
    );
    add(
        "echo-fragmented",
        3,
        cat(&[
            frame(false, 0x2, b"part one "),
            frame(false, 0x0, b"part two "),
            frame(true, 0x9, b"ping in between"),
            frame(true, 0x0, b"end"),
            close.clone(),
        ]),
    );
    add(
        "echo-text-frame",
        0,
        cat(&[frame(true, 0x2, b"ok"), frame(true, 0x1, b"text")]),
    );
    add("echo-unmasked", 0, vec![0x82, 0x03, b'a', b'b', b'c']);
    add("echo-open", 8, frame(true, 0x2, b"left open"));
    let v3 = v3_dev1();
    add(
        "mqtt-v3-split",
        16,
        cat(&[frames(&v3, &[1, 5, 40, 41, 90]), close.clone()]),
    );
    add("mqtt-v3-one-frame-bytewise", 16 | 1, frames(&v3, &[]));
    let v5 = v5_dev1();
    add("mqtt-v5-split", 16 | 8, frames(&v5, &[3, 17, 100, 180]));
    add("mqtt-v5-jwt", 16, cat(&[frames(&v5_jwt(), &[60]), close]));
    seeds
}

// ---- query ---------------------------------------------------------------

fn query_seeds() -> Vec<(String, Vec<u8>)> {
    let queries = [
        "attributes.type = 'sensor' and attributes.floor <= 5",
        "attributes.role IN ['app', 'admin'] or authenticationName = 'app1'",
        "(attributes.type = \"sensor\" or attributes.type = 'actuator') and not_a_keyword = 1",
        "attributes.floor >= -3 AND attributes.floor < 10 OR attributes.floor IN [42, 43]",
        "attributes.tags = 'a' and attributes.tags <> 'c'",
        "authenticationName != 'DEV1' and attributes.site = 'it''s'",
        "((attributes.x_1 > 0))",
        "attributes.type = 'sensor' and (attributes.floor = 3 or (attributes.role IN [\"app\"]))",
        "attributes. = 1",
        "attributes.x IN []",
        "attributes.x = 'unterminated",
        "attributes.x < 'string'",
        "authenticationName = 99999999999999999999",
        "(attributes.a = 1",
        "attributes.a = 1)",
    ];
    queries
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut v = q.as_bytes().to_vec();
            v.push(0);
            v.extend([2, 1, 0, 5, 3, 0, 1, 2, 1, 3, 2, 0, 2, 0, 1, 4, 7, 1]);
            (format!("query-{i:02}"), v)
        })
        .collect()
}

// ---- template ------------------------------------------------------------

fn template_seeds() -> Vec<(String, Vec<u8>)> {
    let cases: [(&str, &str, &str); 12] = [
        (
            "devices/${client.authenticationName}/telemetry/#",
            "devices/dev1/telemetry/t",
            "devices/dev1/telemetry/+",
        ),
        (
            "floors/${client.attributes.floor}/+",
            "floors/3/x",
            "floors/3/#",
        ),
        (
            "devices/${client.authenticationName}/commands/+",
            "devices/dev1/commands/reboot",
            "devices/+/commands/+",
        ),
        (
            "a/pre-${client.attributes.type}-${client.authenticationName}-post/b",
            "a/pre-sensor-dev1-post/b",
            "a/+/b",
        ),
        ("#", "$SYS/x", "$SYS/#"),
        ("+/x/#", "a/x", "a/x/#"),
        ("${client.attributes.site}/#", "$x/y", "+/#"),
        ("public/#", "public", "public/+/#"),
        (
            "devices/${client.attributes.tags}/x",
            "devices/a/x",
            "devices/a/x",
        ),
        ("bad/${client.nope}", "bad/x", "bad/#"),
        ("bad/${client.authenticationName", "bad/x", "bad/+"),
        ("$reserved/x", "x", "#"),
    ];
    cases
        .iter()
        .enumerate()
        .map(|(i, (t, topic, filter))| {
            let mut v = Vec::new();
            for part in [t, topic, filter] {
                v.extend_from_slice(part.as_bytes());
                v.push(0);
            }
            v.extend([0, 2, 1, 0, 0, 1, 1, 0, 3, 2, 0, 2, 5, 1, 1]);
            (format!("template-{i:02}"), v)
        })
        .collect()
}

// ---- namespace -----------------------------------------------------------

fn namespace_seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    let file = include_str!("namespace.toml");
    let mut v = vec![0u8];
    v.extend_from_slice(file.as_bytes());
    seeds.push(("file-fixed".to_owned(), v));
    let small = r#"
[[clients]]
name = "d1"
attributes = { k = ["x", "y"], n = -5 }
clientCertificateAuthentication = { validationScheme = "ThumbprintMatch", allowedThumbprints = ["AB0000000000000000000000000000000000000000000000000000000000CDEF"] }

[[caCertificates]]
name = "ca-one"
encodedCertificate = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIQ\n-----END CERTIFICATE-----\n"

[[clientGroups]]
name = "grp"
query = "attributes.n < 0"

[[topicSpaces]]
name = "space"
topicTemplates = ["k/${client.attributes.n}/#"]

[[permissionBindings]]
name = "bind"
clientGroupName = "grp"
topicSpaceName = "space"
permission = "subscriber"
"#;
    let mut v = vec![0u8];
    v.extend_from_slice(small.as_bytes());
    seeds.push(("file-small".to_owned(), v));
    let requests: [&[&str]; 4] = [
        &[
            "PUT /api/v1/clients/dev9\n{\"attributes\":{\"type\":\"sensor\",\"floor\":1},\"password\":\"pw\"}",
            "POST /api/v1/clientGroups\n{\"name\":\"floor-one\",\"query\":\"attributes.floor = 1\"}",
            "PUT /api/v1/topicSpaces/mine\n{\"topicTemplates\":[\"mine/${client.authenticationName}/#\"]}",
            "PUT /api/v1/permissionBindings/b1\n{\"clientGroupName\":\"floor-one\",\"topicSpaceName\":\"mine\",\"permission\":\"Publisher\"}",
            "GET /api/v1/explain?client=dev9&publish=mine%2Fdev9%2Fx",
            "DELETE /api/v1/clientGroups/floor-one",
            "DELETE /api/v1/permissionBindings/b1",
            "DELETE /api/v1/clientGroups/floor-one",
            "GET /api/v1/clients",
        ],
        &[
            "PUT /api/v1/clients/dev1\n{\"name\":\"other\"}",
            "PUT /api/v1/clients/dev1\n{\"authenticationName\":\"changed\"}",
            "PUT /api/v1/clients/dev1\n{\"passwordHash\":\"x\"}",
            "POST /api/v1/clients\n{\"name\":\"dev1\"}",
            "POST /api/v1/clients\n[1,2]",
            "PUT /api/v1/topicSpaces/telemetry\n{\"topicTemplates\":[]}",
            "DELETE /api/v1/topicSpaces/telemetry",
            "PATCH /api/v1/clients/dev1\n{}",
            "GET /api/v1/nothing",
        ],
        &[
            "GET /api/v1/explain?client=dev1&subscribe=devices%2Fdev1%2Fcommands%2F%2B",
            "GET /api/v1/explain?client=Dev-Two&publish=devices/Dev-Two/telemetry/x",
            "GET /api/v1/explain?client=%ZZ&publish=x",
            "GET /api/v1/explain?publish=x",
            "GET /api/v1/explain?client=dev1&color=red",
            "GET /api/v1/clients/dev%2",
            "GET /api/v1/caCertificates/none",
        ],
        &[
            "PUT /api/v1/caCertificates/ca1\n{\"encodedCertificate\":\"-----BEGIN CERTIFICATE-----\\nMIIBszCCAVmgAwIBAgIQ\\n-----END CERTIFICATE-----\\n\"}",
            "PUT /api/v1/clients/cert-dev\n{\"clientCertificateAuthentication\":{\"validationScheme\":\"SubjectMatchesAuthenticationName\"},\"state\":\"Disabled\"}",
            "PUT /api/v1/clientGroups/bad\n{\"query\":\"attributes.x IN [\"}",
            "PUT /api/v1/clients/x\n{\"attributes\":{\"bad key\":1}}",
            "DELETE /api/v1/caCertificates/ca1",
            "DELETE /api/v1/clients/cert-dev",
        ],
    ];
    for (i, list) in requests.iter().enumerate() {
        let mut v = vec![1u8];
        v.extend_from_slice(list.join("~~next~~").as_bytes());
        seeds.push((format!("rest-{i}"), v));
    }
    seeds
}
