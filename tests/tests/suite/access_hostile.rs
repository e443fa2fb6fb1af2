//! Hostile clients in access mode.
//!
//! Sessions belong to authentication names: a client authenticated as one
//! name that connects with another name's Client Identifier is refused with
//! Not authorized (0x87, 3.1.1 return code 5) and the session is not touched
//! — not resumed, not taken over, not cleared — as in Event Grid, where a
//! session is keyed by the authentication name.
//!
//! Password guessing is rate limited per source address and per name: once a
//! limit is spent, CONNECTs are refused with Connection rate exceeded (0x9F)
//! before any credential is checked.

use crate::common;

use common::*;

const PASSWORD: &str = "pa55word";

/// alice and bob with passwords; everyone may publish to any inbox and
/// subscribe to their own.
fn namespace() -> String {
    let hash = tern::access::password::hash_password(PASSWORD).unwrap();
    format!(
        r#"
[[clients]]
name = "alice"
passwordHash = "{hash}"

[[clients]]
name = "bob"
passwordHash = "{hash}"

[[topicSpaces]]
name = "ownInbox"
topicTemplates = ["inbox/${{client.authenticationName}}"]

[[topicSpaces]]
name = "anyInbox"
topicTemplates = ["inbox/+"]

[[permissionBindings]]
name = "readOwn"
clientGroupName = "$all"
topicSpaceName = "ownInbox"
permission = "Subscriber"

[[permissionBindings]]
name = "writeAny"
clientGroupName = "$all"
topicSpaceName = "anyInbox"
permission = "Publisher"
"#
    )
}

async fn start_access() -> (tern::Broker, tempfile::TempDir) {
    start_access_with(|_| {}).await
}

async fn start_access_with(
    tweak: impl FnOnce(&mut tern::Config),
) -> (tern::Broker, tempfile::TempDir) {
    start_with_namespace_file(&namespace(), tweak).await
}

fn login(v5: bool, client_id: &str, user: &str) -> Connect {
    let connect = if v5 {
        Connect::v5(client_id)
    } else {
        Connect::v3(client_id)
    };
    // A session that outlives the connection (v5: one hour).
    let connect = if v5 {
        connect.props(prop::session_expiry(3600))
    } else {
        connect
    };
    connect.clean(false).credentials(user, PASSWORD)
}

async fn ping(raw: &mut Raw) {
    raw.send(&[0xC0, 0x00]).await;
    raw.expect(kind::PINGRESP).await;
}

/// The reported attack: alice takes bob's Client Identifier with Clean
/// Session 0 to read what was queued for him, or to knock him off.
#[tokio::test]
async fn another_name_s_client_identifier_is_refused_and_its_session_untouched() {
    let (broker, _dir) = start_access().await;
    let addr = broker.mqtt_addr();
    for v5 in [false, true] {
        let bob_id = format!("bob-device-{v5}");
        let refused = if v5 { 0x87 } else { 5 };

        // bob subscribes in a persistent session and goes offline.
        let (mut bob, connack) = Raw::connected(addr, &login(v5, &bob_id, "bob")).await;
        assert!(!connack.session_present);
        assert_eq!(bob.subscribe(1, &[("inbox/bob", 1)]).await, vec![1]);
        bob.send(&[0xE0, 0x00]).await;
        bob.expect_closed().await;

        // A message is queued for him.
        let (mut alice, _) = Raw::connected(addr, &login(v5, "alice-pub", "alice")).await;
        alice
            .send(&publish(v5, "inbox/bob", "for bob only", 1, false, 1, &[]))
            .await;
        assert_eq!(alice.expect(kind::PUBACK).await.ack(), (1, 0));

        // alice with bob's Client Identifier: refused, nothing delivered.
        let (mut thief, connack) = Raw::connect(addr, &login(v5, &bob_id, "alice")).await;
        assert_eq!(connack.code, refused, "v5={v5}: {connack:?}");
        assert!(!connack.session_present, "v5={v5}");
        thief.expect_closed().await;

        // bob's session is intact: present, with its message.
        let (mut bob, connack) = Raw::connected(addr, &login(v5, &bob_id, "bob")).await;
        assert!(connack.session_present, "v5={v5}: bob's session survived");
        let message = bob.recv_publish_ack().await;
        assert_eq!(
            (message.topic.as_str(), message.payload.as_slice()),
            ("inbox/bob", &b"for bob only"[..])
        );

        // While bob is online, alice cannot knock him off.
        let (mut thief, connack) = Raw::connect(addr, &login(v5, &bob_id, "alice")).await;
        assert_eq!(connack.code, refused, "v5={v5}");
        thief.expect_closed().await;
        // A take-over would have been posted to bob's connection before the
        // thief's CONNACK, and is handled before bob's input.
        bob.expect_nothing_pending().await;

        // The same name may take its own session over [MQTT-3.1.4-3].
        let (_bob2, connack) = Raw::connected(addr, &login(v5, &bob_id, "bob")).await;
        assert!(connack.session_present, "v5={v5}");
        if v5 {
            bob.expect_disconnect(0x8E).await;
        } else {
            bob.expect_closed().await;
        }
        alice.send(&[0xE0, 0x00]).await;
    }
    broker.shutdown().await;
}

fn guess(v5: bool, user: &str, password: &str) -> Connect {
    let connect = if v5 {
        Connect::v5("guesser")
    } else {
        Connect::v3("guesser")
    };
    connect.credentials(user, password)
}

#[tokio::test]
async fn password_guessing_is_rate_limited_per_name() {
    let (broker, _dir) = start_access_with(|c| {
        c.access.failed_auth_per_address_per_minute = 0;
        c.access.failed_auth_per_name_per_minute = 3;
    })
    .await;
    let addr = broker.mqtt_addr();
    for attempt in 0..3 {
        let (_, connack) = Raw::connect(addr, &guess(true, "bob", "wrong")).await;
        assert_eq!(connack.code, 0x86, "attempt {attempt}");
    }
    // Spent: even the right password is not checked now.
    let (_, connack) = Raw::connect(addr, &guess(true, "BOB", PASSWORD)).await;
    assert_eq!(connack.code, 0x9F);
    let (_, connack) = Raw::connect(addr, &guess(false, "bob", PASSWORD)).await;
    assert_eq!(connack.code, 3, "3.1.1: Server unavailable");
    // Other names are not affected.
    let (_, connack) = Raw::connect(addr, &guess(true, "alice", PASSWORD)).await;
    assert_eq!(connack.code, 0);
    broker.shutdown().await;
}

#[tokio::test]
async fn password_guessing_is_rate_limited_per_address() {
    let (broker, _dir) = start_access_with(|c| {
        c.access.failed_auth_per_address_per_minute = 2;
        c.access.failed_auth_per_name_per_minute = 0;
    })
    .await;
    let addr = broker.mqtt_addr();
    for user in ["bob", "nobody"] {
        let (_, connack) = Raw::connect(addr, &guess(true, user, "wrong")).await;
        assert_eq!(connack.code, 0x86);
    }
    let (_, connack) = Raw::connect(addr, &guess(true, "alice", PASSWORD)).await;
    assert_eq!(connack.code, 0x9F, "this address spent its allowance");
    broker.shutdown().await;
}

/// A client disabled while the broker is blocked writing to it (it stopped
/// reading) is closed at once, its will published — not left hanging.
#[tokio::test]
async fn a_client_disabled_while_it_reads_nothing_is_closed() {
    let token = "hostile-admin-token";
    let (broker, _dir) = start_access_with(|c| {
        c.admin.token = Some(token.into());
        c.listeners.write_timeout_secs = 600;
    })
    .await;
    let addr = broker.mqtt_addr();
    let (mut alice, _) = Raw::connected(addr, &login(true, "alice-1", "alice")).await;
    assert_eq!(alice.subscribe(1, &[("inbox/alice", 1)]).await, vec![1]);
    let will = Will {
        topic: "inbox/alice".into(),
        payload: b"bob is gone".to_vec(),
        qos: 1,
        ..Will::default()
    };
    let (mut bob, _) = Raw::connected(addr, &login(true, "bob-1", "bob").will(will)).await;
    assert_eq!(bob.subscribe(1, &[("inbox/bob", 0)]).await, vec![0]);
    // bob reads nothing from here on; alice fills his socket.
    let payload = vec![b'x'; 64 * 1024];
    for _ in 0..400 {
        alice
            .send(&publish(true, "inbox/bob", &payload, 0, false, 0, &[]))
            .await;
    }
    ping(&mut alice).await;
    let admin = tern::admin::client::AdminClient {
        url: format!("http://{}", broker.http_addr()),
        token: Some(token.into()),
    };
    let body = serde_json::json!({"name": "bob", "state": "Disabled"});
    admin
        .call(
            tern::admin::client::Method::PUT,
            "/api/v1/clients/bob",
            Some(&body),
        )
        .await
        .expect("bob disabled");
    let message = alice.recv_publish_ack().await;
    assert_eq!(message.payload, b"bob is gone");
    broker.shutdown().await;
}
