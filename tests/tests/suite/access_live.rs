//! The admin API and live changes: resources created over REST take effect at
//! once, bad input is refused with a 4xx naming the field and changes nothing,
//! and connected clients follow changes (a disabled client gets DISCONNECT
//! 0x98, a subscription that lost its permission stops receiving).

use crate::common;

use common::*;
use serde_json::{json, Value};
use tern::admin::client::{AdminClient, ClientError, Method};

const TOKEN: &str = "test-admin-token";
const PASSWORD: &str = "pa55word";

async fn start_admin() -> (tern::Broker, AdminClient) {
    let broker = start_with(|c| {
        c.open = false;
        c.admin.token = Some(TOKEN.into());
    })
    .await;
    let admin = AdminClient {
        url: format!("http://{}", broker.http_addr()),
        token: Some(TOKEN.into()),
    };
    (broker, admin)
}

async fn put(admin: &AdminClient, collection: &str, body: Value) -> Value {
    let name = body["name"].as_str().unwrap().to_owned();
    admin
        .call(
            Method::PUT,
            &format!("/api/v1/{collection}/{name}"),
            Some(&body),
        )
        .await
        .unwrap_or_else(|e| panic!("PUT {collection}/{name}: {e}"))
}

/// Seed 003's namespace over the REST API, with passwords.
async fn seed_003(admin: &AdminClient) {
    for (name, kind) in [
        ("sensor1", "sensor"),
        ("sensor2", "sensor"),
        ("actuator1", "actuator"),
    ] {
        put(
            admin,
            "clients",
            json!({"name": name, "attributes": {"type": kind}, "password": PASSWORD}),
        )
        .await;
    }
    put(
        admin,
        "clientGroups",
        json!({"name": "sensors", "query": "attributes.type='sensor'"}),
    )
    .await;
    put(
        admin,
        "clientGroups",
        json!({"name": "actuators", "query": "attributes.type='actuator'"}),
    )
    .await;
    put(
        admin,
        "topicSpaces",
        json!({"name": "lwtPub", "topicTemplates": ["clients/${client.authenticationName}/status"]}),
    )
    .await;
    put(
        admin,
        "topicSpaces",
        json!({"name": "lwtSub", "topicTemplates": ["clients/+/status"]}),
    )
    .await;
    put(
        admin,
        "permissionBindings",
        json!({"name": "sensorsPub", "clientGroupName": "sensors", "topicSpaceName": "lwtPub", "permission": "Publisher"}),
    )
    .await;
    put(
        admin,
        "permissionBindings",
        json!({"name": "actuatorsSub", "clientGroupName": "actuators", "topicSpaceName": "lwtSub", "permission": "Subscriber"}),
    )
    .await;
}

fn login(client_id: &str) -> Connect {
    Connect::v5(client_id).credentials(client_id, PASSWORD)
}

/// A PINGREQ round trip: once it returns, the connection has handled every
/// access change announced before it was sent.
async fn settle(raw: &mut Raw) {
    raw.send(&[0xC0, 0x00]).await;
    raw.expect(kind::PINGRESP).await;
}

#[tokio::test]
async fn resources_created_over_rest_apply_at_once_and_explain_themselves() {
    let (broker, admin) = start_admin().await;
    seed_003(&admin).await;
    let listed = admin
        .call(Method::GET, "/api/v1/clients", None)
        .await
        .unwrap();
    let names: Vec<&str> = listed["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["actuator1", "sensor1", "sensor2"]);
    let sensor = admin
        .call(Method::GET, "/api/v1/clients/sensor1", None)
        .await
        .unwrap();
    assert_eq!(sensor["authenticationName"], "sensor1");
    assert_eq!(sensor["hasPassword"], true);
    assert!(
        sensor.get("passwordHash").is_none(),
        "the hash is never returned"
    );

    let (_, connack) = Raw::connect(broker.mqtt_addr(), &login("sensor1")).await;
    assert_eq!(connack.code, 0);

    let allowed = admin
        .call(
            Method::GET,
            "/api/v1/explain?client=sensor1&publish=clients%2Fsensor1%2Fstatus",
            None,
        )
        .await
        .unwrap();
    assert_eq!(allowed["allowed"], true);
    let text = allowed["explanation"].as_str().unwrap();
    for part in [
        "sensors",
        "sensorsPub",
        "lwtPub",
        "clients/${client.authenticationName}/status",
    ] {
        assert!(text.contains(part), "{text}");
    }
    let denied = admin
        .call(
            Method::GET,
            "/api/v1/explain?client=actuator1&subscribe=%23",
            None,
        )
        .await
        .unwrap();
    assert_eq!(denied["allowed"], false, "{denied}");
    broker.shutdown().await;
}

#[tokio::test]
async fn bad_input_gets_a_4xx_naming_the_field_and_changes_nothing() {
    let (broker, admin) = start_admin().await;
    seed_003(&admin).await;
    let before = admin
        .call(Method::GET, "/api/v1/clientGroups", None)
        .await
        .unwrap();
    let cases = [
        (
            "clientGroups/broken",
            json!({"query": "attributes.type = "}),
            400,
            Some("query"),
        ),
        (
            "topicSpaces/spans",
            json!({"topicTemplates": ["a/${client.authenticationName/x"]}),
            400,
            Some("topicTemplates[0]"),
        ),
        (
            "permissionBindings/dangling",
            json!({"clientGroupName": "nobody", "topicSpaceName": "lwtPub", "permission": "Publisher"}),
            400,
            Some("clientGroupName"),
        ),
        ("clients/bad%20name", json!({}), 400, Some("name")),
        ("clients/x", json!({"name": "y"}), 400, Some("name")),
        (
            "clients/x",
            json!({"attributes": {"bad-key": "v"}}),
            400,
            None,
        ),
    ];
    for (path, body, status, field) in cases {
        let err = admin
            .call(Method::PUT, &format!("/api/v1/{path}"), Some(&body))
            .await
            .unwrap_err();
        match err {
            ClientError::Api {
                status: s,
                field: f,
                message,
            } => {
                assert_eq!(s, status, "{path}: {message}");
                if let Some(field) = field {
                    assert_eq!(f.as_deref(), Some(field), "{path}: {message}");
                }
            }
            other => panic!("{path}: {other}"),
        }
    }
    // Deleting a topic space a binding uses: 409, nothing deleted.
    let err = admin
        .call(Method::DELETE, "/api/v1/topicSpaces/lwtPub", None)
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::Api { status: 409, .. }), "{err}");
    admin
        .call(Method::GET, "/api/v1/topicSpaces/lwtPub", None)
        .await
        .unwrap();
    // Missing or wrong token: 401.
    let stranger = AdminClient {
        token: Some("wrong".into()),
        ..admin.clone()
    };
    let err = stranger
        .call(Method::GET, "/api/v1/clients", None)
        .await
        .unwrap_err();
    assert!(matches!(err, ClientError::Api { status: 401, .. }), "{err}");
    let after = admin
        .call(Method::GET, "/api/v1/clientGroups", None)
        .await
        .unwrap();
    assert_eq!(before, after);
    broker.shutdown().await;
}

#[tokio::test]
async fn a_disabled_client_is_disconnected_with_0x98() {
    let (broker, admin) = start_admin().await;
    seed_003(&admin).await;
    let (mut sensor, connack) = Raw::connected(broker.mqtt_addr(), &login("sensor1")).await;
    assert_eq!(connack.code, 0);
    put(
        &admin,
        "clients",
        json!({"name": "sensor1", "attributes": {"type": "sensor"}, "state": "Disabled"}),
    )
    .await;
    sensor.expect_disconnect(0x98).await;
    let (_, connack) = Raw::connect(broker.mqtt_addr(), &login("sensor1")).await;
    assert_eq!(connack.code, 0x87, "a disabled client is refused");
    put(
        &admin,
        "clients",
        json!({"name": "sensor1", "attributes": {"type": "sensor"}, "state": "Enabled"}),
    )
    .await;
    let (_, connack) = Raw::connect(broker.mqtt_addr(), &login("sensor1")).await;
    assert_eq!(connack.code, 0, "the password survived the updates");
    broker.shutdown().await;
}

#[tokio::test]
async fn a_disabled_clients_persistent_session_is_dropped_with_authorization_error() {
    let (broker, admin) = start_admin().await;
    seed_003(&admin).await;
    let persistent = || persistent_login("actuator1");
    let (mut actuator, _) = Raw::connected(broker.mqtt_addr(), &persistent()).await;
    assert_eq!(actuator.subscribe(1, &[("clients/+/status", 1)]).await, [1]);
    set_actuator_state(&admin, "Disabled").await;
    actuator.expect_disconnect(0x98).await;
    expect_authorization_drops(&broker, 1).await;
    set_actuator_state(&admin, "Enabled").await;
    let (_, connack) = Raw::connect(broker.mqtt_addr(), &persistent()).await;
    assert_eq!(connack.code, 0);
    assert!(!connack.session_present, "the dropped session is gone");
    broker.shutdown().await;
}

/// The CONNECT of `name` asking for a persistent session (an hour).
fn persistent_login(name: &str) -> Connect {
    login(name).clean(false).props(prop::session_expiry(3600))
}

/// Sets seed 003's actuator1 `Enabled` or `Disabled` through the admin API.
async fn set_actuator_state(admin: &AdminClient, state: &str) {
    let client = json!({"name": "actuator1", "attributes": {"type": "actuator"}, "state": state});
    put(admin, "clients", client).await;
}

/// `/metrics` counts `n` sessions dropped with AuthorizationError.
async fn expect_authorization_drops(broker: &tern::Broker, n: u32) {
    let metrics_url = format!("http://{}/metrics", broker.http_addr());
    let (_, _, metrics) = http_get(&metrics_url, None).await;
    let line = format!(r#"mqtt_dropped_sessions_total{{drop_reason="AuthorizationError"}} {n}"#);
    assert!(metrics.contains(&line), "{metrics}");
}

/// Event Grid drops the sessions of a disabled client, offline ones too: a
/// persistent session whose client is disabled while it is away is gone when
/// the client is enabled again and comes back.
#[tokio::test]
async fn an_offline_session_of_a_disabled_client_is_dropped_too() {
    let (broker, admin) = start_admin().await;
    seed_003(&admin).await;
    let persistent = || persistent_login("actuator1");
    let (mut actuator, _) = Raw::connected(broker.mqtt_addr(), &persistent()).await;
    assert_eq!(actuator.subscribe(1, &[("clients/+/status", 1)]).await, [1]);
    // The session is offline once the socket closes (detached first).
    actuator.send(&disconnect_v5(0, &[])).await;
    actuator.expect_closed().await;
    // Another client's persistent session is kept (its positive half).
    let other = || persistent_login("sensor1");
    let (mut sensor, _) = Raw::connected(broker.mqtt_addr(), &other()).await;
    sensor.send(&disconnect_v5(0, &[])).await;
    sensor.expect_closed().await;

    set_actuator_state(&admin, "Disabled").await;
    expect_authorization_drops(&broker, 1).await;
    set_actuator_state(&admin, "Enabled").await;
    let (_, connack) = Raw::connect(broker.mqtt_addr(), &persistent()).await;
    assert_eq!(connack.code, 0);
    assert!(!connack.session_present, "the offline session was dropped");
    let (mut sensor, connack) = Raw::connect(broker.mqtt_addr(), &other()).await;
    assert!(
        connack.session_present,
        "an admitted client's session is kept"
    );
    sensor.send(&disconnect_v5(0, &[])).await;
    sensor.expect_closed().await;
    // A deleted client (no JWT or webhook authentication could still be it)
    // loses its offline session as well.
    admin
        .call(Method::DELETE, "/api/v1/clients/sensor1", None)
        .await
        .unwrap();
    expect_authorization_drops(&broker, 2).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn a_subscription_that_loses_its_permission_is_removed() {
    let (broker, admin) = start_admin().await;
    seed_003(&admin).await;
    let (mut actuator, _) = Raw::connected(broker.mqtt_addr(), &login("actuator1")).await;
    assert_eq!(actuator.subscribe(1, &[("clients/+/status", 1)]).await, [1]);
    let (mut sensor, _) = Raw::connected(broker.mqtt_addr(), &login("sensor1")).await;
    sensor
        .send(&publish(
            true,
            "clients/sensor1/status",
            b"online",
            0,
            false,
            0,
            &[],
        ))
        .await;
    assert_eq!(actuator.expect_publish().await.payload, b"online");

    admin
        .call(
            Method::DELETE,
            "/api/v1/permissionBindings/actuatorsSub",
            None,
        )
        .await
        .unwrap();
    settle(&mut actuator).await;
    sensor
        .send(&publish(
            true,
            "clients/sensor1/status",
            b"still?",
            0,
            false,
            0,
            &[],
        ))
        .await;
    // Routed (or not) before sensor's PINGRESP; nothing else may reach the
    // actuator now, so no sentinel message can follow it.
    settle(&mut sensor).await;
    actuator.expect_nothing_pending().await;
    // Re-subscribing is refused now.
    assert_eq!(
        actuator.subscribe(2, &[("clients/+/status", 1)]).await,
        [0x87]
    );

    // Moving sensor1 out of the sensors group (attribute change) takes away its publish right.
    put(
        &admin,
        "clients",
        json!({"name": "sensor1", "attributes": {"type": "retired"}}),
    )
    .await;
    settle(&mut sensor).await;
    sensor
        .send(&publish(
            true,
            "clients/sensor1/status",
            b"x",
            1,
            false,
            5,
            &[],
        ))
        .await;
    assert_eq!(sensor.expect(kind::PUBACK).await.ack(), (5, 0x87));
    broker.shutdown().await;
}
