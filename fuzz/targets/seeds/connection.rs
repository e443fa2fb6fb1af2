//! Seeds of the `connection` target: whole conversations of both versions.

use super::mqtt::*;

// ---- connection ----------------------------------------------------------

/// A full 3.1.1 conversation of dev1: SUBSCRIBE, PUBLISH QoS 0/1/2, PUBREL, PINGREQ, DISCONNECT.
pub(super) fn v3_dev1() -> Vec<u8> {
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
pub(super) fn v5_dev1() -> Vec<u8> {
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
pub(super) fn v5_jwt() -> Vec<u8> {
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

pub(super) fn connection_seeds() -> Vec<(String, Vec<u8>)> {
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
