//! Client life-cycle events on `$events/clients/{authenticationName}/connected`
//! and `.../disconnected`: CloudEvents 1.0 with Event Grid's types, subject and
//! data, a Disconnected event carrying its Connected event's sequence number
//! and the reason; subscribable (in access mode through a binding), never
//! publishable by clients.

use crate::common;

use common::*;
use serde_json::{json, Value};

/// The next life-cycle event a monitor receives, as JSON (after its topic was checked).
async fn next_event(monitor: &mut Raw, topic: &str) -> Value {
    let message = monitor.recv_publish_ack().await;
    assert_eq!(message.topic, topic);
    assert_eq!(
        message.props.str(0x03),
        Some("application/cloudevents+json")
    );
    serde_json::from_slice(&message.payload).expect("a JSON CloudEvent")
}

fn assert_envelope(event: &Value, kind: &str, name: &str, client_id: &str) {
    assert_eq!(event["specversion"], "1.0");
    assert_eq!(
        event["type"],
        format!("Microsoft.EventGrid.MQTTClientSession{kind}")
    );
    assert_eq!(event["source"], "tern.local");
    assert_eq!(
        event["subject"],
        format!("clients/{name}/sessions/{client_id}")
    );
    assert!(event["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(event["time"].as_str().is_some_and(|t| t.contains('T')));
    let data = &event["data"];
    assert_eq!(data["namespaceName"], "tern.local");
    assert_eq!(data["clientAuthenticationName"], name);
    assert_eq!(data["clientSessionName"], client_id);
}

#[tokio::test]
async fn connects_and_disconnects_are_published_with_their_reasons() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut monitor = v5(addr, "monitor").await;
    assert_eq!(
        monitor.subscribe(1, &[("$events/clients/#", 1)]).await,
        vec![1]
    );

    // A normal DISCONNECT.
    let (mut dev, _) = Raw::connected(addr, &Connect::v5("s1").username("dev1")).await;
    let connected = next_event(&mut monitor, "$events/clients/dev1/connected").await;
    assert_envelope(&connected, "Connected", "dev1", "s1");
    let sequence = connected["data"]["sequenceNumber"].as_u64().unwrap();
    dev.send(&[0xE0, 0x00]).await;
    let gone = next_event(&mut monitor, "$events/clients/dev1/disconnected").await;
    assert_envelope(&gone, "Disconnected", "dev1", "s1");
    assert_eq!(gone["data"]["sequenceNumber"], sequence);
    assert_eq!(
        gone["data"]["disconnectionReason"],
        "ClientInitiatedDisconnect"
    );
    assert_ne!(gone["id"], connected["id"]);

    // A take-over, then a lost connection.
    let (first, _) = Raw::connected(addr, &Connect::v3("s2").username("dev2")).await;
    let one = next_event(&mut monitor, "$events/clients/dev2/connected").await;
    let (second, _) = Raw::connected(addr, &Connect::v3("s2").username("dev2")).await;
    let mut events = [
        next_event_any(&mut monitor).await,
        next_event_any(&mut monitor).await,
    ];
    events.sort_by_key(|e| e["type"].as_str().unwrap_or_default().to_owned());
    let (two, taken) = (&events[0], &events[1]);
    assert_eq!(
        two["type"],
        "Microsoft.EventGrid.MQTTClientSessionConnected"
    );
    assert!(two["data"]["sequenceNumber"].as_u64() > one["data"]["sequenceNumber"].as_u64());
    assert_eq!(
        taken["data"]["sequenceNumber"],
        one["data"]["sequenceNumber"]
    );
    assert_eq!(taken["data"]["disconnectionReason"], "SessionTakenOver");
    drop(first);
    drop(second);
    let lost = next_event(&mut monitor, "$events/clients/dev2/disconnected").await;
    assert_eq!(
        lost["data"]["sequenceNumber"],
        two["data"]["sequenceNumber"]
    );
    assert_eq!(lost["data"]["disconnectionReason"], "ConnectionLost");

    // A protocol error.
    let (mut bad, _) = Raw::connected(addr, &Connect::v5("s3").username("dev3")).await;
    next_event(&mut monitor, "$events/clients/dev3/connected").await;
    bad.send(&[0x00, 0x00]).await; // reserved packet type 0
    let broken = next_event(&mut monitor, "$events/clients/dev3/disconnected").await;
    assert_eq!(broken["data"]["disconnectionReason"], "ClientError");
    broker.shutdown().await;
}

/// The next event whatever its topic.
async fn next_event_any(monitor: &mut Raw) -> Value {
    let message = monitor.recv_publish_ack().await;
    serde_json::from_slice(&message.payload).expect("a JSON CloudEvent")
}

#[tokio::test]
async fn clients_cannot_publish_life_cycle_events_and_wildcards_skip_them() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut everything = v5(addr, "everything").await;
    assert_eq!(everything.subscribe(1, &[("#", 1)]).await, vec![1]);
    let mut forger = v5(addr, "forger").await;
    forger
        .send(&publish(
            true,
            "$events/clients/x/connected",
            "{}",
            1,
            false,
            1,
            &[],
        ))
        .await;
    assert_eq!(forger.expect(kind::PUBACK).await.ack(), (1, 0x87));
    // `#` does not match `$` topics [MQTT-4.7.2-1]: the forger's own events
    // (and everyone's) stay out of it. Its connected event went out before its
    // CONNACK, the forged one before its PUBACK: both before the sentinel.
    forger.publish_sentinel("forger/sentinel").await;
    everything.expect_sentinel("forger/sentinel").await;
    broker.shutdown().await;
}

/// In access mode a Subscriber binding with a `$events/` template grants them:
/// here each client its own.
#[tokio::test]
async fn a_binding_grants_a_client_its_own_life_cycle_events() {
    let password = "pa55word";
    let hash = tern::access::password::hash_password(password).unwrap();
    let namespace = format!(
        r#"
[[clients]]
name = "alice"
passwordHash = "{hash}"

[[topicSpaces]]
name = "ownEvents"
topicTemplates = ["$events/clients/${{client.authenticationName}}/#"]

[[permissionBindings]]
name = "readOwnEvents"
clientGroupName = "$all"
topicSpaceName = "ownEvents"
permission = "Subscriber"
"#
    );
    let (broker, _dir) = start_with_namespace_file(&namespace, |_| {}).await;
    let addr = broker.mqtt_addr();
    let login = |id: &str| Connect::v5(id).credentials("alice", password);
    let (mut watcher, _) = Raw::connected(addr, &login("alice-watch")).await;
    let codes = watcher
        .subscribe(
            1,
            &[
                ("$events/clients/alice/#", 1),
                ("$events/clients/+/connected", 1),
            ],
        )
        .await;
    assert_eq!(codes, vec![1, 0x87], "its own events only");
    let (_other, _) = Raw::connected(addr, &login("alice-phone")).await;
    let event = next_event(&mut watcher, "$events/clients/alice/connected").await;
    assert_envelope(&event, "Connected", "alice", "alice-phone");
    broker.shutdown().await;
}

#[tokio::test]
async fn registry_changes_publish_client_created_updated_and_deleted_events() {
    use tern::admin::client::{AdminClient, Method};
    let password = "pa55word";
    let hash = tern::access::password::hash_password(password).unwrap();
    let namespace = format!(
        r#"
[[clients]]
name = "ops"
passwordHash = "{hash}"

[[topicSpaces]]
name = "allEvents"
topicTemplates = ["$events/clients/#"]

[[permissionBindings]]
name = "opsReadsEvents"
clientGroupName = "$all"
topicSpaceName = "allEvents"
permission = "Subscriber"
"#
    );
    let (broker, _dir) = start_with_namespace_file(&namespace, |c| {
        c.admin.token = Some("admin-token".into());
    })
    .await;
    let admin = AdminClient {
        url: format!("http://{}", broker.http_addr()),
        token: Some("admin-token".into()),
    };
    let login = Connect::v5("ops-monitor").credentials("ops", password);
    let (mut monitor, _) = Raw::connected(broker.mqtt_addr(), &login).await;
    let codes = monitor
        .subscribe(
            1,
            &[
                ("$events/clients/+/createdOrUpdated", 1),
                ("$events/clients/+/deleted", 1),
            ],
        )
        .await;
    assert_eq!(codes, vec![1, 1]);
    let put = |body: Value| {
        let admin = &admin;
        async move {
            admin
                .call(Method::PUT, "/api/v1/clients/dev1", Some(&body))
                .await
                .expect("PUT accepted")
        }
    };
    let client_event = |event: &Value, kind: &str| {
        assert_eq!(event["specversion"], "1.0");
        assert_eq!(
            event["type"],
            format!("Microsoft.EventGrid.MQTTClient{kind}")
        );
        assert_eq!(event["source"], "tern.local");
        assert_eq!(event["subject"], "clients/dev1");
        assert_eq!(event["data"]["namespaceName"], "tern.local");
        assert_eq!(event["data"]["clientName"], "dev1");
        assert_eq!(event["data"]["clientAuthenticationName"], "dev1-auth");
    };

    // Created.
    put(json!({"name": "dev1", "authenticationName": "dev1-auth", "attributes": {"room": "1"}}))
        .await;
    let created = next_event(&mut monitor, "$events/clients/dev1-auth/createdOrUpdated").await;
    client_event(&created, "CreatedOrUpdated");
    let data = &created["data"];
    assert_eq!(data["state"], "Enabled");
    assert_eq!(data["attributes"]["room"], "1");
    assert!(data["createdOn"].as_str().is_some_and(|t| t.contains('T')));
    assert_eq!(data["createdOn"], data["updatedOn"]);

    // The same definition again (even with forged times) is no update: the
    // next event is the real update's below (room 2), which is published
    // after this PUT's would have been (the admin API publishes a change's
    // events before it answers).
    put(json!({"name": "dev1", "attributes": {"room": "1"}, "createdOn": "1999-01-01T00:00:00Z"}))
        .await;
    let shown = admin
        .call(Method::GET, "/api/v1/clients/dev1", None)
        .await
        .unwrap();
    assert_eq!(shown["createdOn"], data["createdOn"]);

    // Updated: created time kept, new attributes.
    put(json!({"name": "dev1", "attributes": {"room": "2"}})).await;
    let updated = next_event(&mut monitor, "$events/clients/dev1-auth/createdOrUpdated").await;
    client_event(&updated, "CreatedOrUpdated");
    assert_eq!(updated["data"]["createdOn"], data["createdOn"]);
    assert_eq!(updated["data"]["attributes"]["room"], "2");
    assert_ne!(updated["id"], created["id"]);

    // Deleted.
    admin
        .call(Method::DELETE, "/api/v1/clients/dev1", None)
        .await
        .unwrap();
    let deleted = next_event(&mut monitor, "$events/clients/dev1-auth/deleted").await;
    client_event(&deleted, "Deleted");
    assert!(deleted["data"].get("attributes").is_none());
    broker.shutdown().await;
}
