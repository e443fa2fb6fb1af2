//! JWT authentication end to end, with real tokens: an ES256 issuer whose
//! P-256 key is made by rcgen and an RS256 issuer whose key is made by
//! `openssl genpkey`, both at test time; tokens minted by
//! `tern::access::jwt::mint` (or signed with jsonwebtoken when a test needs
//! claims `mint` would not write). Covers CONNECT with `CUSTOM-JWT` /
//! `OAUTH2-JWT` and the 3.1.1 password, every refusal's reason code, claims as
//! attributes in group queries and topic templates, mosquitto_pub as a
//! third-party client, re-authentication with AUTH 0x19, token expiry, and
//! live revocation through the admin API.

use crate::common;

use common::*;
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tern::access::unix_now;
use tern::admin::client::{AdminClient, Method};
use tern::config::JwtIssuerConfig;
use tern_tests::{mosquitto_pub, MqttVersion};

/// The namespace host name a token's `aud` must contain.
const HOST: &str = "tern-test.example";
const ADMIN_TOKEN: &str = "jwt-admin-token";

/// Members (a `role` claim) on floors up to 5 may publish and subscribe in
/// their own room (a `room` claim); everybody may publish under their own
/// authentication name. `banned` is registered but disabled.
const NAMESPACE: &str = r#"
[[clients]]
name = "banned"
state = "Disabled"

[[clientGroups]]
name = "members"
query = "attributes.role = 'member' and attributes.floor <= 5"

[[topicSpaces]]
name = "rooms"
topicTemplates = ["rooms/${client.attributes.room}/#"]

[[topicSpaces]]
name = "own"
topicTemplates = ["devices/${client.authenticationName}/#"]

[[permissionBindings]]
name = "membersPub"
clientGroupName = "members"
topicSpaceName = "rooms"
permission = "Publisher"

[[permissionBindings]]
name = "membersSub"
clientGroupName = "members"
topicSpaceName = "rooms"
permission = "Subscriber"

[[permissionBindings]]
name = "allOwn"
clientGroupName = "$all"
topicSpaceName = "own"
permission = "Publisher"
"#;

/// A broker with two trusted issuers, plus an untrusted impostor's key.
struct Env {
    broker: tern::Broker,
    es: JwtIssuerConfig,
    rs: JwtIssuerConfig,
    /// Not configured in the broker: its key signs forged tokens.
    impostor: JwtIssuerConfig,
    admin: AdminClient,
    _dir: tempfile::TempDir,
}

/// An ES256 issuer with a P-256 key pair generated now.
fn es256_issuer(dir: &Path, issuer: &str) -> JwtIssuerConfig {
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let stem = issuer.replace(|c: char| !c.is_ascii_alphanumeric(), "_");
    let private = dir.join(format!("{stem}.key.pem"));
    let public = dir.join(format!("{stem}.pub.pem"));
    std::fs::write(&private, key.serialize_pem()).unwrap();
    std::fs::write(&public, key.public_key_pem()).unwrap();
    issuer_config(issuer, "ES256", public, private)
}

/// An RS256 issuer: ring (rcgen's backend here) cannot generate RSA keys, so
/// `openssl genpkey` makes the 2048-bit key (PKCS#8) and its SPKI public key.
async fn rs256_issuer(dir: &Path, issuer: &str) -> JwtIssuerConfig {
    let private = dir.join("rsa.key.pem");
    let public = dir.join("rsa.pub.pem");
    let runs: [Vec<&str>; 2] = [
        vec![
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
        ],
        vec!["pkey", "-pubout", "-in", private.to_str().unwrap()],
    ];
    for (args, out) in runs.iter().zip([&private, &public]) {
        let mut cmd = tokio::process::Command::new("openssl");
        cmd.args(args)
            .args(["-out", out.to_str().unwrap()])
            .kill_on_drop(true);
        let output = tokio::time::timeout(Duration::from_secs(30), cmd.output())
            .await
            .expect("openssl in time")
            .expect("openssl runs (Debian package `openssl`)");
        assert!(output.status.success(), "openssl {args:?}: {output:?}");
    }
    issuer_config(issuer, "RS256", public, private)
}

fn issuer_config(issuer: &str, alg: &str, public: PathBuf, private: PathBuf) -> JwtIssuerConfig {
    JwtIssuerConfig {
        issuer: issuer.into(),
        algorithm: alg.into(),
        public_key_file: public,
        signing_key_file: Some(private),
    }
}

impl Env {
    async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let es = es256_issuer(dir.path(), "https://es.issuer.test");
        let rs = rs256_issuer(dir.path(), "https://rs.issuer.test").await;
        let impostor = es256_issuer(dir.path(), "https://impostor.test");
        let namespace = dir.path().join("namespace.toml");
        std::fs::write(&namespace, NAMESPACE).unwrap();
        let issuers = vec![es.clone(), rs.clone()];
        let broker = start_with(|c| {
            c.open = false;
            c.access.hostname = HOST.into();
            c.access.jwt_issuers = issuers;
            c.access.namespace_file = Some(namespace);
            c.admin.token = Some(ADMIN_TOKEN.into());
            // These tests refuse dozens of bad tokens on purpose; the
            // failed-authentication rate limit has tests of its own.
            c.access.failed_auth_per_address_per_minute = 0;
            c.access.failed_auth_per_name_per_minute = 0;
        })
        .await;
        let admin = AdminClient {
            url: format!("http://{}", broker.http_addr()),
            token: Some(ADMIN_TOKEN.into()),
        };
        Self {
            broker,
            es,
            rs,
            impostor,
            admin,
            _dir: dir,
        }
    }
}

/// `tern::access::jwt::mint`: a token of `issuer` for `sub` valid from now for `ttl` seconds.
fn mint(issuer: &JwtIssuerConfig, sub: &str, claims: Value, ttl: u64) -> String {
    mint_at(issuer, sub, claims, unix_now(), ttl)
}

fn mint_at(issuer: &JwtIssuerConfig, sub: &str, claims: Value, now: u64, ttl: u64) -> String {
    let extra: Map<String, Value> = serde_json::from_value(claims).unwrap();
    tern::access::jwt::mint(issuer, HOST, sub, &extra, now, ttl).unwrap()
}

/// Signs arbitrary claims with `key`'s private key (ES256).
fn sign(key: &JwtIssuerConfig, claims: Value) -> String {
    let pem = std::fs::read(key.signing_key_file.as_ref().unwrap()).unwrap();
    let key = jsonwebtoken::EncodingKey::from_ec_pem(&pem).unwrap();
    let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
    jsonwebtoken::encode(&header, &claims, &key).unwrap()
}

fn member(room: &str, floor: i64) -> Value {
    json!({"role": "member", "room": room, "floor": floor})
}

/// An MQTT 5 CONNECT carrying `token` as Authentication Data.
fn jwt_connect(client_id: &str, method: &str, token: &str) -> Connect {
    Connect::v5(client_id).props([prop::str(0x15, method), prop::str(0x16, token)].concat())
}

/// AUTH 0x19 (Re-authenticate) with `method` and `token`.
fn reauth(method: &str, token: &str) -> Vec<u8> {
    auth_v5(
        0x19,
        &[prop::str(0x15, method), prop::str(0x16, token)].concat(),
    )
}

/// A PINGREQ round trip: the connection is alive and has handled everything before it.
async fn settle(raw: &mut Raw) {
    raw.send(&[0xC0, 0x00]).await;
    raw.expect(kind::PINGRESP).await;
}

/// The reason code of the PUBACK of a QoS 1 PUBLISH to `topic`.
async fn puback(raw: &mut Raw, topic: &str, packet_id: u16) -> u8 {
    raw.send(&publish(true, topic, "x", 1, false, packet_id, &[]))
        .await;
    let (id, code) = raw.expect(kind::PUBACK).await.ack();
    assert_eq!(id, packet_id);
    code
}

#[tokio::test]
async fn tokens_authenticate_and_their_claims_become_attributes() {
    let env = Env::start().await;
    let addr = env.broker.mqtt_addr();
    // Both methods, the CONNACK echoing the method.
    for (id, method) in [("a1", "CUSTOM-JWT"), ("a2", "OAUTH2-JWT")] {
        let token = mint(&env.es, id, member("r1", 3), 600);
        let (_, connack) = Raw::connected(addr, &jwt_connect(id, method, &token)).await;
        assert_eq!(connack.props.str(0x15), Some(method), "{connack:?}");
    }
    // `room: "r1"` fills `rooms/${client.attributes.room}/#`; floor 3 <= 5 joins `members`.
    let token = mint(&env.es, "alice", member("r1", 3), 600);
    let (mut alice, _) = Raw::connected(addr, &jwt_connect("s1", "CUSTOM-JWT", &token)).await;
    assert_eq!(
        alice
            .subscribe(1, &[("rooms/r1/#", 1), ("rooms/r2/#", 1)])
            .await,
        [1, 0x87]
    );
    assert_eq!(puback(&mut alice, "rooms/r1/lamp", 2).await, 0);
    assert_eq!(alice.recv_publish_ack().await.topic, "rooms/r1/lamp");
    assert_eq!(puback(&mut alice, "rooms/r2/lamp", 3).await, 0x87);
    // `sub` is the authentication name (not the client id).
    assert_eq!(puback(&mut alice, "devices/alice/x", 4).await, 0);
    assert_eq!(puback(&mut alice, "devices/s1/x", 5).await, 0x87);
    // An integer claim in the query: floor 7 is not a member.
    let token = mint(&env.es, "bob", member("r1", 7), 600);
    let (mut bob, _) = Raw::connected(addr, &jwt_connect("s2", "CUSTOM-JWT", &token)).await;
    assert_eq!(puback(&mut bob, "rooms/r1/lamp", 1).await, 0x87);
    // RS256, as the password of a 3.1.1 client; `aud` may be an array.
    let token = mint(&env.rs, "carol", member("r2", 1), 600);
    let (mut carol, _) =
        Raw::connected(addr, &Connect::v3("s3").credentials("carol", &token)).await;
    assert_eq!(
        carol
            .subscribe(1, &[("rooms/r2/#", 1), ("rooms/r1/#", 1)])
            .await,
        [1, 0x80]
    );
    let now = unix_now();
    let claims = json!({"iss": env.es.issuer, "sub": "dave", "aud": ["elsewhere", HOST],
        "exp": now + 600, "room": "r2", "role": "member", "floor": 0});
    let (mut dave, _) = Raw::connected(
        addr,
        &jwt_connect("s4", "CUSTOM-JWT", &sign(&env.es, claims)),
    )
    .await;
    assert_eq!(puback(&mut dave, "rooms/r2/x", 1).await, 0);
    assert_eq!(carol.recv_publish_ack().await.topic, "rooms/r2/x");
    env.broker.shutdown().await;
}

#[tokio::test]
async fn bad_tokens_are_refused_with_the_right_reason_codes() {
    let env = Env::start().await;
    let addr = env.broker.mqtt_addr();
    let now = unix_now();
    let es = &env.es.issuer;
    let valid = json!({"iss": es, "sub": "eve", "aud": HOST, "exp": now + 600});
    let with = |key: &str, value: Value| {
        let mut claims = valid.clone();
        claims[key] = value;
        claims
    };
    let without = |key: &str| {
        let mut claims = valid.clone();
        claims.as_object_mut().unwrap().remove(key);
        claims
    };
    // A valid token whose payload is swapped for another one: the signature no longer matches.
    let tampered = {
        let good = sign(&env.es, valid.clone());
        let other = sign(&env.es, with("sub", json!("mallory")));
        let parts: Vec<&str> = good.split('.').collect();
        let payload = other.split('.').nth(1).unwrap();
        format!("{}.{payload}.{}", parts[0], parts[2])
    };
    let cases: Vec<(&str, String, u8)> = vec![
        ("control", sign(&env.es, valid.clone()), 0),
        ("forged", sign(&env.impostor, valid.clone()), 0x86),
        ("tampered", tampered, 0x86),
        (
            "unknown issuer",
            sign(&env.impostor, with("iss", json!(env.impostor.issuer))),
            0x86,
        ),
        (
            "wrong aud",
            sign(&env.es, with("aud", json!("other.example"))),
            0x86,
        ),
        ("no aud", sign(&env.es, without("aud")), 0x86),
        ("expired", sign(&env.es, with("exp", json!(now - 5))), 0x86),
        ("no exp", sign(&env.es, without("exp")), 0x86),
        (
            "future nbf",
            sign(&env.es, with("nbf", json!(now + 300))),
            0x86,
        ),
        ("no sub", sign(&env.es, without("sub")), 0x86),
        ("empty sub", sign(&env.es, with("sub", json!(""))), 0x86),
        ("not a JWT", "not-a-token".into(), 0x86),
        (
            "disabled client",
            sign(&env.es, with("sub", json!("banned"))),
            0x87,
        ),
    ];
    for (what, token, code) in &cases {
        let (mut raw, connack) = Raw::connect(addr, &jwt_connect("c", "CUSTOM-JWT", token)).await;
        assert_eq!(connack.code, *code, "{what}: {connack:?}");
        if *code != 0 {
            raw.expect_closed().await;
        }
    }
    // 3.1.1 with the token as the password: return codes 0, 4 and 5.
    for (what, token, code) in &cases {
        let v3_code = match code {
            0 => 0,
            0x86 => 4,
            _ => 5,
        };
        let connect = Connect::v3("c").credentials("whoever", token);
        let (_, connack) = Raw::connect(addr, &connect).await;
        assert_eq!(connack.code, v3_code, "3.1.1 {what}");
    }
    // A JWT method without Authentication Data is a bad credential, not a crash.
    let connect = Connect::v5("c").props(prop::str(0x15, "CUSTOM-JWT"));
    assert_eq!(Raw::connect(addr, &connect).await.1.code, 0x86);
    env.broker.shutdown().await;
}

#[tokio::test]
async fn mosquitto_pub_connects_with_a_jwt_in_3_1_1_and_5() {
    let env = Env::start().await;
    let port = env.broker.mqtt_addr().port();
    let token = mint(&env.es, "watcher", member("r1", 1), 600);
    let connect = jwt_connect("watcher", "CUSTOM-JWT", &token);
    let (mut watcher, _) = Raw::connected(env.broker.mqtt_addr(), &connect).await;
    assert_eq!(watcher.subscribe(1, &[("rooms/r1/#", 1)]).await, [1]);

    let token = mint(&env.rs, "mosq", member("r1", 2), 600);
    let v3 = ["-q", "1", "-i", "mosq-v3", "-u", "mosq", "-P", &token];
    mosquitto_pub(port, MqttVersion::V311, "rooms/r1/v3", "hello", &v3)
        .await
        .expect("mosquitto_pub 3.1.1 with the JWT as password");
    let v5 = [
        "-q",
        "1",
        "-i",
        "mosq-v5",
        "-D",
        "connect",
        "authentication-method",
        "CUSTOM-JWT",
        "-D",
        "connect",
        "authentication-data",
        &token,
    ];
    mosquitto_pub(port, MqttVersion::V5, "rooms/r1/v5", "hello", &v5)
        .await
        .expect("mosquitto_pub 5 with the JWT as Authentication Data");
    for topic in ["rooms/r1/v3", "rooms/r1/v5"] {
        let p = watcher.recv_publish_ack().await;
        assert_eq!(
            (p.topic.as_str(), p.payload.as_slice()),
            (topic, &b"hello"[..])
        );
    }
    // The same tools with an expired token are refused.
    let stale = mint_at(&env.rs, "mosq", member("r1", 2), unix_now() - 100, 10);
    let v3 = ["-i", "mosq-v3", "-u", "mosq", "-P", &stale];
    let err = mosquitto_pub(port, MqttVersion::V311, "rooms/r1/v3", "x", &v3)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.to_lowercase().contains("bad user name or password"),
        "{err}"
    );
    let mut v5 = v5;
    v5[11] = &stale;
    let err = mosquitto_pub(port, MqttVersion::V5, "rooms/r1/v5", "x", &v5)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.to_lowercase().contains("bad user name or password"),
        "{err}"
    );
    // The refused tools never published (their CONNECT was answered with a
    // refusal first); a stray copy of the accepted messages, routed before
    // their PUBACK, would come before the watcher's own sentinel.
    watcher.publish_sentinel("rooms/r1/sentinel").await;
    watcher.expect_sentinel("rooms/r1/sentinel").await;
    env.broker.shutdown().await;
}

#[tokio::test]
async fn re_authentication_with_auth_0x19() {
    let env = Env::start().await;
    let addr = env.broker.mqtt_addr();
    let token = mint(&env.es, "frank", member("r1", 1), 600);
    let (mut frank, _) = Raw::connected(addr, &jwt_connect("f", "CUSTOM-JWT", &token)).await;
    assert_eq!(puback(&mut frank, "rooms/r1/x", 1).await, 0);
    // A fresh token with new claims: AUTH Success with the method, and the new room applies.
    let fresh = mint(&env.es, "frank", member("r2", 1), 600);
    frank.send(&reauth("CUSTOM-JWT", &fresh)).await;
    let (code, props) = frank.expect(kind::AUTH).await.auth();
    assert_eq!((code, props.str(0x15)), (0, Some("CUSTOM-JWT")));
    assert_eq!(puback(&mut frank, "rooms/r2/x", 2).await, 0);
    assert_eq!(
        puback(&mut frank, "rooms/r1/x", 3).await,
        0x87,
        "the cached decision for rooms/r1/x was dropped"
    );
    // A bad token ends the connection: DISCONNECT Not authorized.
    frank
        .send(&reauth("CUSTOM-JWT", &sign(&env.impostor, json!({}))))
        .await;
    frank.expect_disconnect(0x87).await;

    // Another client's token: the identity may not change.
    let token = mint(&env.es, "gina", member("r1", 1), 600);
    let (mut gina, _) = Raw::connected(addr, &jwt_connect("g", "CUSTOM-JWT", &token)).await;
    let other = mint(&env.es, "frank", member("r1", 1), 600);
    gina.send(&reauth("CUSTOM-JWT", &other)).await;
    gina.expect_disconnect(0x87).await;

    // Another method than CONNECT's: Protocol Error [MQTT-4.12.1-1].
    let (mut hal, _) = Raw::connected(addr, &jwt_connect("h", "CUSTOM-JWT", &token)).await;
    hal.send(&reauth("OAUTH2-JWT", &token)).await;
    hal.expect_disconnect(0x82).await;
    env.broker.shutdown().await;
}

/// Waits (bounded) for the broker to end `raw` once `exp` has passed;
/// returns the DISCONNECT code, if any, and checks it did not come early.
async fn ended_after(raw: &mut Raw, exp: u64) -> Option<u8> {
    let deadline = UNIX_EPOCH + Duration::from_secs(exp);
    let left = deadline
        .duration_since(SystemTime::now())
        .unwrap_or_default();
    let mut code = None;
    loop {
        match raw.recv_within(left + WAIT).await {
            Err(()) => panic!("still connected {WAIT:?} after the token expired"),
            Ok(None) => break,
            Ok(Some(frame)) => {
                assert_eq!(frame.kind(), kind::DISCONNECT, "{frame:?}");
                code = Some(frame.disconnect_code());
            }
        }
    }
    assert!(SystemTime::now() >= deadline, "ended before `exp`");
    code
}

#[tokio::test]
async fn an_expiring_token_ends_the_connection_unless_renewed() {
    let env = Env::start().await;
    let addr = env.broker.mqtt_addr();
    let now = unix_now();
    let exp = now + 3;
    let short = |sub: &str| mint_at(&env.es, sub, member("r1", 1), now, 3);
    let (mut lapsing, _) =
        Raw::connected(addr, &jwt_connect("l", "CUSTOM-JWT", &short("lapsing"))).await;
    let (mut lapsing_v3, _) =
        Raw::connected(addr, &Connect::v3("l3").credentials("x", short("lapsing3"))).await;
    let (mut renewing, _) =
        Raw::connected(addr, &jwt_connect("r", "CUSTOM-JWT", &short("renewing"))).await;
    let later = mint(&env.es, "renewing", member("r1", 1), 600);
    renewing.send(&reauth("CUSTOM-JWT", &later)).await;
    assert_eq!(renewing.expect(kind::AUTH).await.auth().0, 0);

    assert_eq!(ended_after(&mut lapsing, exp).await, Some(0x87));
    assert_eq!(
        ended_after(&mut lapsing_v3, exp).await,
        None,
        "3.1.1: closed"
    );
    // The first token's `exp` has passed; the renewed connection goes on.
    settle(&mut renewing).await;
    assert_eq!(puback(&mut renewing, "rooms/r1/x", 1).await, 0);
    env.broker.shutdown().await;
}

#[tokio::test]
async fn admin_changes_apply_to_jwt_connections() {
    let env = Env::start().await;
    let addr = env.broker.mqtt_addr();
    let put_client = |state: &'static str| {
        let admin = env.admin.clone();
        async move {
            let body = json!({"name": "kim", "state": state});
            admin
                .call(Method::PUT, "/api/v1/clients/kim", Some(&body))
                .await
                .unwrap();
        }
    };
    put_client("Enabled").await;
    let token = mint(&env.es, "kim", member("r1", 1), 600);
    let (mut kim, _) = Raw::connected(addr, &jwt_connect("k", "CUSTOM-JWT", &token)).await;
    let other = mint(&env.es, "lee", member("r1", 1), 600);
    let (mut lee, _) = Raw::connected(addr, &jwt_connect("l", "CUSTOM-JWT", &other)).await;
    assert_eq!(lee.subscribe(1, &[("rooms/r1/#", 0)]).await, [0]);

    // Disabling the registered client with the token's `sub`: DISCONNECT 0x98.
    put_client("Disabled").await;
    kim.expect_disconnect(0x98).await;
    let (_, connack) = Raw::connect(addr, &jwt_connect("k", "CUSTOM-JWT", &token)).await;
    assert_eq!(connack.code, 0x87);
    settle(&mut lee).await;

    // Deleting the Subscriber binding removes lee's subscription.
    env.admin
        .call(
            Method::DELETE,
            "/api/v1/permissionBindings/membersSub",
            None,
        )
        .await
        .unwrap();
    settle(&mut lee).await;
    lee.send(&publish(true, "rooms/r1/x", "x", 0, false, 0, &[]))
        .await;
    // No sentinel message can reach lee now (no Subscriber binding is left);
    // its own PUBLISH is routed before its PINGREQs are read.
    lee.expect_nothing_pending().await;
    assert_eq!(
        puback(&mut lee, "rooms/r1/y", 2).await,
        0,
        "still a publisher"
    );
    env.broker.shutdown().await;
}
