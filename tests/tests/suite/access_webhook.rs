//! Webhook authentication end to end, against a real HTTP server (hyper) on
//! 127.0.0.1:0 that records every request and answers each one by its
//! client id: allow (with an authentication name, attributes and an
//! expiration), deny, 4xx/5xx, an unreadable body, or no answer at all.
//! Covers what the hook receives, the reason codes of every refusal,
//! attributes reaching group queries and topic templates, expiration and
//! re-authentication, and live revocation of a webhook-authenticated client.

use crate::common;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use bytes::Bytes;
use common::*;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tern::access::unix_now;
use tern::admin::client::{AdminClient, Method};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

const ADMIN_TOKEN: &str = "hook-admin-token";
/// How long the broker waits for the hook.
const HOOK_TIMEOUT_MS: u64 = 500;

/// Clients the hook calls members may publish in their room; everybody may
/// publish under their authentication name. `banned` is registered, disabled.
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
name = "allOwn"
clientGroupName = "$all"
topicSpaceName = "own"
permission = "Publisher"
"#;

/// One request as the hook saw it.
#[derive(Debug)]
struct Seen {
    method: String,
    content_type: Option<String>,
    body: Value,
}

/// The hook's answer to one request.
enum Reply {
    /// This status and JSON body.
    Json(u16, Value),
    /// This status and a body that is not JSON.
    Text(u16, &'static str),
    /// Never answers.
    Hang,
}

/// The hook's policy: by the Authentication Data `until:<unix>` (allowed as
/// the client id until then) or `wrong` (denied), else by the client id.
fn decide(request: &Value) -> Reply {
    let now = unix_now();
    let allow = |name: &str, expiration: u64| {
        let attributes = json!({"role": "member", "room": "r1", "floor": 2, "tags": ["a", "b"]});
        let body = json!({"decision": "allow", "clientAuthenticationName": name,
            "attributes": attributes, "expiration": expiration});
        Reply::Json(200, body)
    };
    let id = request["clientId"].as_str().unwrap_or_default();
    let data = request["authenticationData"]
        .as_str()
        .and_then(|d| BASE64.decode(d).ok())
        .and_then(|d| String::from_utf8(d).ok())
        .unwrap_or_default();
    if let Some(until) = data.strip_prefix("until:") {
        return allow(id, until.parse().expect("until:<unix seconds>"));
    }
    if data == "wrong" {
        return Reply::Json(200, json!({"decision": "deny"}));
    }
    match id {
        "deny" => Reply::Json(
            200,
            json!({"decision": "deny", "errorReason": "not on the list"}),
        ),
        "five-hundred" => Reply::Json(503, json!({"error": "overloaded"})),
        "forbidden" => Reply::Json(403, json!({})),
        "garbled" => Reply::Text(200, "allow, I suppose"),
        "bad-attributes" => Reply::Json(
            200,
            json!({"decision": "allow", "attributes": {"no-dashes": "x"}}),
        ),
        "slow" => Reply::Hang,
        "banned" => allow("banned", now + 600),
        "expired" => allow("expired", now - 10),
        _ => {
            let user = request["userName"].as_str().unwrap_or(id);
            allow(&format!("hooked-{user}"), now + 600)
        }
    }
}

/// A webhook server on 127.0.0.1:0; every request it receives arrives on `seen`.
struct Hook {
    url: String,
    seen: mpsc::UnboundedReceiver<Seen>,
}

impl Hook {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/authenticate", listener.local_addr().unwrap());
        let (tx, seen) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let tx = tx.clone();
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let tx = tx.clone();
                    async move { answer(req, tx).await }
                });
                tokio::spawn(async move {
                    let http = hyper::server::conn::http1::Builder::new();
                    let _ = http.serve_connection(TokioIo::new(tcp), service).await;
                });
            }
        });
        Self { url, seen }
    }

    /// The next request the hook received.
    async fn next(&mut self) -> Seen {
        tokio::time::timeout(WAIT, self.seen.recv())
            .await
            .expect("a webhook request in time")
            .expect("the hook is running")
    }
}

async fn answer(
    req: Request<Incoming>,
    tx: mpsc::UnboundedSender<Seen>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let method = req.method().to_string();
    let content_type = req
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = req.into_body().collect().await?.to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let reply = decide(&body);
    let _ = tx.send(Seen {
        method,
        content_type,
        body,
    });
    let (status, body) = match reply {
        Reply::Json(status, v) => (status, v.to_string()),
        Reply::Text(status, text) => (status, text.to_owned()),
        Reply::Hang => std::future::pending().await,
    };
    Ok(Response::builder()
        .status(status)
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body)))
        .expect("a valid response"))
}

/// A broker whose webhook is `url`, with [`NAMESPACE`] and the admin API.
async fn start_broker(url: String) -> (tern::Broker, AdminClient, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let namespace = dir.path().join("namespace.toml");
    std::fs::write(&namespace, NAMESPACE).unwrap();
    let broker = start_with(|c| {
        c.open = false;
        c.access.namespace_file = Some(namespace);
        c.access.webhook = Some(tern::config::WebhookConfig {
            url,
            timeout_ms: HOOK_TIMEOUT_MS,
        });
        c.admin.token = Some(ADMIN_TOKEN.into());
        // Refusals are what these tests are about; the failed-authentication
        // rate limit has tests of its own.
        c.access.failed_auth_per_address_per_minute = 0;
        c.access.failed_auth_per_name_per_minute = 0;
    })
    .await;
    let admin = AdminClient {
        url: format!("http://{}", broker.http_addr()),
        token: Some(ADMIN_TOKEN.into()),
    };
    (broker, admin, dir)
}

/// The reason code of the PUBACK of a QoS 1 PUBLISH to `topic`.
async fn puback(raw: &mut Raw, topic: &str, packet_id: u16) -> u8 {
    raw.send(&publish(true, topic, "x", 1, false, packet_id, &[]))
        .await;
    let (id, code) = raw.expect(kind::PUBACK).await.ack();
    assert_eq!(id, packet_id);
    code
}

async fn settle(raw: &mut Raw) {
    raw.send(&[0xC0, 0x00]).await;
    raw.expect(kind::PINGRESP).await;
}

/// An MQTT 5 CONNECT with an Authentication Method only the hook knows.
fn hook_method(client_id: &str, data: &str) -> Connect {
    Connect::v5(client_id).props([prop::str(0x15, "HOOK-TOKEN"), prop::str(0x16, data)].concat())
}

#[tokio::test]
async fn the_hook_sees_the_connect_and_its_answer_grants_rights() {
    let mut hook = Hook::start().await;
    let (broker, _admin, _dir) = start_broker(hook.url.clone()).await;
    let addr = broker.mqtt_addr();
    let password = b"s3cret\x00\xff";
    let connect = Connect::v5("sess-1").credentials("alice", password).props(
        [
            prop::user("site", "lab"),
            prop::user("model", "x1"),
            prop::user("site", "annex"),
        ]
        .concat(),
    );
    let (mut alice, _) = Raw::connected(addr, &connect).await;
    let seen = hook.next().await;
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.content_type.as_deref(), Some("application/json"));
    let body = &seen.body;
    assert_eq!(body["clientId"], "sess-1");
    assert_eq!(body["userName"], "alice");
    assert_eq!(body["password"], BASE64.encode(password));
    assert_eq!(body["authenticationMethod"], Value::Null);
    assert_eq!(body["authenticationData"], Value::Null);
    assert_eq!(body["clientCertificate"], Value::Null);
    assert_eq!(
        body["userProperties"],
        json!([
            {"name": "site", "value": "lab"},
            {"name": "model", "value": "x1"},
            {"name": "site", "value": "annex"}
        ]),
        "user properties in order, duplicates kept"
    );
    // The hook named it `hooked-alice` with attributes role/room/floor.
    assert_eq!(puback(&mut alice, "rooms/r1/lamp", 1).await, 0);
    assert_eq!(puback(&mut alice, "rooms/r2/lamp", 2).await, 0x87);
    assert_eq!(puback(&mut alice, "devices/hooked-alice/x", 3).await, 0);
    assert_eq!(puback(&mut alice, "devices/alice/x", 4).await, 0x87);

    // An Authentication Method the broker does not know goes to the hook, and is echoed.
    let (_, connack) = Raw::connected(addr, &hook_method("sess-2", "opaque")).await;
    assert_eq!(connack.props.str(0x15), Some("HOOK-TOKEN"));
    let body = hook.next().await.body;
    assert_eq!(body["authenticationMethod"], "HOOK-TOKEN");
    assert_eq!(body["authenticationData"], BASE64.encode("opaque"));
    assert_eq!(body["userName"], Value::Null);
    assert_eq!(body["password"], Value::Null);

    // 3.1.1.
    let connect = Connect::v3("sess-3").credentials("bob", "pw");
    let (mut bob, _) = Raw::connected(addr, &connect).await;
    let body = hook.next().await.body;
    assert_eq!(
        (&body["clientId"], &body["userName"]),
        (&json!("sess-3"), &json!("bob"))
    );
    assert_eq!(body["password"], BASE64.encode("pw"));
    assert_eq!(body["userProperties"], json!([]));
    assert_eq!(bob.subscribe(1, &[("rooms/r1/#", 0)]).await, [0x80]);
    broker.shutdown().await;
}

#[tokio::test]
async fn refusals_and_failures_of_the_hook_have_their_reason_codes() {
    let mut hook = Hook::start().await;
    let (broker, _admin, _dir) = start_broker(hook.url.clone()).await;
    let addr = broker.mqtt_addr();
    let cases = [
        ("deny", 0x87, 5),
        ("forbidden", 0x87, 5),
        ("garbled", 0x87, 5),
        ("bad-attributes", 0x87, 5),
        ("banned", 0x87, 5),
        ("five-hundred", 0x88, 3),
        ("slow", 0x88, 3),
        ("expired", 0x86, 4),
    ];
    for (client_id, v5_code, v3_code) in cases {
        for (v5, code) in [(true, v5_code), (false, v3_code)] {
            let connect = if v5 {
                Connect::v5(client_id)
            } else {
                Connect::v3(client_id)
            };
            let started = std::time::Instant::now();
            let (mut raw, connack) = Raw::connect(addr, &connect.credentials("u", "p")).await;
            assert_eq!(connack.code, code, "{client_id} v5={v5}");
            raw.expect_closed().await;
            assert_eq!(hook.next().await.body["clientId"], client_id);
            if client_id == "slow" {
                let waited = started.elapsed();
                assert!(
                    waited >= Duration::from_millis(HOOK_TIMEOUT_MS),
                    "{waited:?}"
                );
            }
        }
    }
    broker.shutdown().await;

    // An unreachable hook: Server unavailable. (The port was free a moment ago.)
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let (broker, _admin, _dir) = start_broker(url).await;
    let connect = Connect::v5("anyone").credentials("u", "p");
    assert_eq!(
        Raw::connect(broker.mqtt_addr(), &connect).await.1.code,
        0x88
    );
    let connect = Connect::v3("anyone").credentials("u", "p");
    assert_eq!(Raw::connect(broker.mqtt_addr(), &connect).await.1.code, 3);
    broker.shutdown().await;
}

/// AUTH 0x19 with the hook's method and `data`.
fn renew(data: &str) -> Vec<u8> {
    auth_v5(
        0x19,
        &[prop::str(0x15, "HOOK-TOKEN"), prop::str(0x16, data)].concat(),
    )
}

#[tokio::test]
async fn the_hook_expiration_ends_the_connection_unless_re_authenticated() {
    let mut hook = Hook::start().await;
    let (broker, _admin, _dir) = start_broker(hook.url.clone()).await;
    let addr = broker.mqtt_addr();
    let exp = unix_now() + 3;
    let until = format!("until:{exp}");
    let (mut lapsing, _) = Raw::connected(addr, &hook_method("lapsing", &until)).await;
    let (mut renewing, _) = Raw::connected(addr, &hook_method("renewing", &until)).await;
    for _ in 0..2 {
        assert_eq!(
            hook.next().await.body["authenticationData"],
            BASE64.encode(&until)
        );
    }
    let later = format!("until:{}", unix_now() + 600);
    renewing.send(&renew(&later)).await;
    let (code, props) = renewing.expect(kind::AUTH).await.auth();
    assert_eq!((code, props.str(0x15)), (0, Some("HOOK-TOKEN")));
    let body = hook.next().await.body;
    assert_eq!(body["clientId"], "renewing");
    assert_eq!(body["authenticationData"], BASE64.encode(&later));

    // lapsing's credential runs out: DISCONNECT Not authorized, not before `expiration`.
    let deadline = UNIX_EPOCH + Duration::from_secs(exp);
    let left = deadline
        .duration_since(SystemTime::now())
        .unwrap_or_default();
    let frame = lapsing
        .recv_within(left + WAIT)
        .await
        .expect("DISCONNECT once the expiration passed")
        .expect("DISCONNECT, not a closed socket");
    assert_eq!(frame.disconnect_code(), 0x87);
    lapsing.expect_closed().await;
    assert!(SystemTime::now() >= deadline, "ended before its expiration");
    // The renewed connection's first expiration has passed too; it goes on.
    settle(&mut renewing).await;
    assert_eq!(puback(&mut renewing, "rooms/r1/x", 1).await, 0);

    // A renewal the hook denies ends the connection.
    renewing.send(&renew("wrong")).await;
    renewing.expect_disconnect(0x87).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn disabling_the_named_client_disconnects_a_hook_authenticated_connection() {
    let mut hook = Hook::start().await;
    let (broker, admin, _dir) = start_broker(hook.url.clone()).await;
    let addr = broker.mqtt_addr();
    let zed_connect = Connect::v5("z").credentials("zed", "pw");
    let (mut zed, _) = Raw::connected(addr, &zed_connect).await;
    let (mut other, _) = Raw::connected(addr, &Connect::v5("o").credentials("other", "pw")).await;
    let put = |state: &str| {
        let body = json!({"name": "hooked-zed", "state": state});
        let admin = admin.clone();
        async move {
            admin
                .call(Method::PUT, "/api/v1/clients/hooked-zed", Some(&body))
                .await
                .unwrap();
        }
    };
    // Registering the hook's authentication name (enabled) changes nothing...
    put("Enabled").await;
    settle(&mut zed).await;
    // ...disabling it ends the connection with Administrative action.
    put("Disabled").await;
    zed.expect_disconnect(0x98).await;
    settle(&mut other).await;
    let (_, connack) = Raw::connect(addr, &zed_connect).await;
    assert_eq!(connack.code, 0x87);
    for _ in 0..3 {
        hook.next().await;
    }
    broker.shutdown().await;
}

/// An `expiration` beyond what the clock can hold (2^63 and more) means a
/// credential that does not run out; it used to panic the connection's task
/// right after CONNACK (`SystemTime` overflow), closing the socket.
#[tokio::test]
async fn an_expiration_past_the_clock_s_range_never_ends_the_connection() {
    let mut hook = Hook::start().await;
    let (broker, _admin, _dir) = start_broker(hook.url.clone()).await;
    let addr = broker.mqtt_addr();
    for exp in [1u64 << 63, u64::MAX] {
        let id = format!("far-{exp}");
        let (mut raw, _) = Raw::connected(addr, &hook_method(&id, &format!("until:{exp}"))).await;
        hook.next().await;
        settle(&mut raw).await;
        assert_eq!(puback(&mut raw, "rooms/r1/x", 1).await, 0);
        settle(&mut raw).await;
    }
    broker.shutdown().await;
}
