//! What a route delivers and when: the CloudEvent envelope and its
//! enrichments, messages that already are CloudEvents, life-cycle events,
//! and topic and advanced filters.

use super::receiver::Receiver;
use super::support::*;
use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn routed_messages_arrive_as_cloud_events_with_enrichments() {
    let mut receiver = Receiver::start("").await;
    let (broker, admin, _dir) = start_broker(|_| {}).await;
    let stored = put_route(
        &admin,
        json!({
            "name": "telemetry",
            "endpointUrl": receiver.url,
            "topicFilters": ["devices/+/telemetry"],
            "deliveryHeaders": [{"name": "x-key", "value": "k1"}],
            "enrichments": [
                {"key": "room", "value": "${client.attributes.room}"},
                {"key": "site", "value": "lab"},
                {"key": "who", "value": "${client.authenticationName}"},
                {"key": "tag", "value": "${mqtt.message.userProperties['tag']}"},
                {"key": "missing", "value": "${client.attributes.nope}"},
                {"key": "topic", "value": "${mqtt.message.topicName}"},
                {"key": "pfi", "value": "${mqtt.message.pfi}"}
            ]
        }),
    )
    .await
    .expect("route accepted");
    assert_eq!(stored["maxDeliveryCount"], 10);

    let mut dev = device(&broker).await;
    // Not taken (topic filter), then taken: routes deliver in order, so the
    // first delivery shows the first message was skipped.
    publish_acked(&mut dev, "devices/dev1/status", b"up", 1, &[]).await;
    let props = [
        prop::byte(0x01, 1),
        prop::str(0x03, "application/json"),
        prop::user("tag", "a"),
        prop::user("tag", "b"),
    ]
    .concat();
    publish_acked(
        &mut dev,
        "devices/dev1/telemetry",
        br#"{"t":21}"#,
        2,
        &props,
    )
    .await;
    publish_acked(&mut dev, "devices/dev1/telemetry", &[0xFF, 0x00], 3, &[]).await;
    let text_plain = [prop::byte(0x01, 1), prop::str(0x03, "text/plain")].concat();
    publish_acked(&mut dev, "devices/dev1/telemetry", b"42", 4, &text_plain).await;

    let json_event = receiver.next().await;
    assert!(
        json_event
            .content_type
            .starts_with("application/cloudevents+json"),
        "{}",
        json_event.content_type
    );
    assert_eq!(json_event.headers.get("x-key").unwrap(), "k1");
    let e = &json_event.event;
    assert_eq!(e["specversion"], "1.0");
    assert_eq!(e["type"], "MQTT.EventPublished");
    assert_eq!(e["source"], "tern.local");
    assert_eq!(e["subject"], "devices/dev1/telemetry");
    assert!(e["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(e["time"].as_str().is_some_and(|t| t.contains('T')));
    assert_eq!(e["datacontenttype"], "application/json");
    assert_eq!(e["data"], json!({"t": 21}));
    assert_eq!(e["room"], "r1");
    assert_eq!(e["site"], "lab");
    assert_eq!(e["who"], "dev1");
    assert_eq!(e["tag"], "a,b");
    assert_eq!(e["missing"], "");
    assert_eq!(e["topic"], "devices/dev1/telemetry");
    assert_eq!(e["pfi"], "1");

    let binary = receiver.next().await.event;
    assert_eq!(binary["datacontenttype"], "application/octet-stream");
    assert_eq!(binary["data_base64"], "/wA=");
    assert!(binary.get("data").is_none());
    assert_eq!(binary["pfi"], "0");
    assert_ne!(binary["id"], e["id"]);
    // UTF-8 but not JSON by its content type: a string, even if it parses.
    let text = receiver.next().await.event;
    assert_eq!(text["datacontenttype"], "text/plain");
    assert_eq!(text["data"], "42");
    broker.shutdown().await;
}

#[tokio::test]
async fn a_message_that_is_a_cloud_event_keeps_its_own_attributes() {
    let mut receiver = Receiver::start("").await;
    // The route comes from the namespace file this time.
    let route = format!(
        "\n[[routes]]\nname = \"all\"\nendpointUrl = \"{}\"\n",
        receiver.url
    );
    let (broker, _admin, _dir) = start_with_namespace(&route, |_| {}).await;
    let mut dev = device(&broker).await;
    // Binary mode: the CloudEvent attributes are user properties.
    let binary = [
        prop::user("specversion", "1.0"),
        prop::user("id", "evt-1"),
        prop::user("type", "com.example.reading"),
        prop::user("source", "sensor-7"),
    ]
    .concat();
    publish_acked(&mut dev, "devices/dev1/ce", b"21", 1, &binary).await;
    // Structured mode: the payload is the CloudEvent.
    let structured = prop::str(0x03, "application/cloudevents+json");
    let own = json!({"specversion": "1.0", "id": "evt-2", "type": "com.example.alarm", "source": "sensor-7", "subject": "alarms/1", "data": {"level": 3}});
    publish_acked(
        &mut dev,
        "devices/dev1/ce",
        own.to_string().as_bytes(),
        2,
        &structured,
    )
    .await;
    let first = receiver.next().await.event;
    assert_eq!(
        (
            &first["id"],
            &first["type"],
            &first["source"],
            &first["subject"]
        ),
        (
            &json!("evt-1"),
            &json!("com.example.reading"),
            &json!("sensor-7"),
            &json!("devices/dev1/ce")
        )
    );
    let second = receiver.next().await.event;
    assert_eq!(second, own);
    // Without an id it is no CloudEvent: it gets the broker's envelope.
    let incomplete = json!({"specversion": "1.0", "type": "x", "source": "y"});
    publish_acked(
        &mut dev,
        "devices/dev1/ce",
        incomplete.to_string().as_bytes(),
        3,
        &structured,
    )
    .await;
    let third = receiver.next().await.event;
    assert_eq!(third["type"], "MQTT.EventPublished");
    assert_eq!(third["data"], incomplete);
    broker.shutdown().await;
}

#[tokio::test]
async fn a_will_is_routed_as_its_clients_message() {
    let mut receiver = Receiver::start("").await;
    let (broker, admin, _dir) = start_broker(|_| {}).await;
    let route = json!({
        "name": "wills",
        "endpointUrl": receiver.url,
        "topicFilters": ["devices/+/status"],
        "enrichments": [{"key": "room", "value": "${client.attributes.room}"}]
    });
    put_route(&admin, route).await.unwrap();
    let will = Will {
        topic: "devices/dev1/status".into(),
        payload: b"offline".to_vec(),
        qos: 1,
        ..Will::default()
    };
    let login = Connect::v5("dev1-willing")
        .credentials("dev1", PASSWORD)
        .will(will);
    let (dev, _) = Raw::connected(broker.mqtt_addr(), &login).await;
    // The connection is lost (no DISCONNECT): the will goes out.
    drop(dev);
    let event = receiver.next().await.event;
    assert_eq!(event["subject"], "devices/dev1/status");
    // A client's message: its attributes enrich it.
    assert_eq!(event["room"], "r1", "{event}");
    broker.shutdown().await;
}

#[tokio::test]
async fn a_route_can_take_life_cycle_events() {
    let mut receiver = Receiver::start("").await;
    let (broker, admin, _dir) = start_broker(|_| {}).await;
    put_route(
        &admin,
        json!({"name": "sessions", "endpointUrl": receiver.url, "lifeCycleEvents": true,
               "topicFilters": ["$events/clients/+/connected", "devices/#"]}),
    )
    .await
    .unwrap();
    put_route(
        &admin,
        json!({"name": "plain", "endpointUrl": receiver.url, "topicFilters": ["nothing/here"]}),
    )
    .await
    .unwrap();
    let mut dev = device(&broker).await;
    let connected = receiver.next().await.event;
    assert_eq!(
        connected["type"],
        "Microsoft.EventGrid.MQTTClientSessionConnected"
    );
    assert_eq!(connected["data"]["clientAuthenticationName"], "dev1");
    publish_acked(&mut dev, "devices/dev1/x", b"1", 1, &[]).await;
    assert_eq!(receiver.next().await.event["subject"], "devices/dev1/x");
    broker.shutdown().await;
}

#[tokio::test]
async fn advanced_filters_look_into_the_cloud_event() {
    let mut receiver = Receiver::start("").await;
    let (broker, admin, _dir) = start_broker(|_| {}).await;
    put_route(
        &admin,
        json!({"name": "hot", "endpointUrl": receiver.url,
        "enrichments": [{"key": "room", "value": "${client.attributes.room}"}],
        "advancedFilters": [
            {"operatorType": "NumberGreaterThan", "key": "data.temp", "value": 20},
            {"operatorType": "StringIn", "key": "room", "values": ["R1", "r2"]}
        ]}),
    )
    .await
    .unwrap();
    let json_type = prop::str(0x03, "application/json");
    let mut dev = device(&broker).await;
    // Too cold, no temperature at all, then hot: only the last one is taken
    // (deliveries are in order, so the first delivery shows the others were not).
    publish_acked(
        &mut dev,
        "devices/dev1/t",
        br#"{"temp": 12}"#,
        1,
        &json_type,
    )
    .await;
    publish_acked(
        &mut dev,
        "devices/dev1/t",
        br#"{"humidity": 50}"#,
        2,
        &json_type,
    )
    .await;
    publish_acked(
        &mut dev,
        "devices/dev1/t",
        br#"{"temp": 25}"#,
        3,
        &json_type,
    )
    .await;
    let got = receiver.next().await.event;
    assert_eq!(got["data"]["temp"], 25);
    assert_eq!(got["room"], "r1");
    // A bad filter is refused with its index and rule.
    let err = put_route(
        &admin,
        json!({"name": "bad-filter", "endpointUrl": receiver.url,
               "advancedFilters": [{"operatorType": "NumberGreaterThan", "key": "data.temp", "value": "warm"}]}),
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("advancedFilters[0]") && err.contains("number"),
        "{err}"
    );
    broker.shutdown().await;
}
