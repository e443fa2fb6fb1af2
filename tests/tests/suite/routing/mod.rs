//! Routing of MQTT messages to a webhook as CloudEvents, against a real HTTP
//! receiver (hyper on 127.0.0.1:0) that checks what it gets and answers, per
//! topic, the statuses a test scripts: the envelope and enrichments, topic
//! filters, retries, statuses that are not retried, dead letters listed by the
//! admin API, a full queue, and bad routes refused with the field and rule.

mod receiver;
mod support;

use crate::common::*;
use receiver::Receiver;
use serde_json::{json, Value};
use support::*;
use tern::admin::client::Method;
use tokio::net::TcpListener;

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
async fn failed_deliveries_are_retried_or_dead_lettered() {
    let mut receiver = Receiver::start("").await;
    let (broker, admin, _dir) = start_broker(|c| c.routing.retry_delays_ms = vec![30, 30]).await;
    put_route(&admin, json!({"name": "main", "endpointUrl": receiver.url, "topicFilters": ["devices/dev1/a", "devices/dev1/b"]}))
        .await
        .unwrap();
    put_route(&admin, json!({"name": "twice", "endpointUrl": receiver.url, "topicFilters": ["devices/dev1/c"], "maxDeliveryCount": 2}))
        .await
        .unwrap();
    receiver.answer("devices/dev1/a", &[500, 429, 200]);
    receiver.answer("devices/dev1/b", &[404]);
    receiver.answer("devices/dev1/c", &[500, 503]);
    let mut dev = device(&broker).await;

    // Retried after 500 and 429, delivered at the third attempt.
    publish_acked(&mut dev, "devices/dev1/a", b"1", 1, &[]).await;
    let attempts: Vec<Value> = [
        receiver.next().await,
        receiver.next().await,
        receiver.next().await,
    ]
    .into_iter()
    .map(|d| d.event)
    .collect();
    assert!(attempts
        .iter()
        .all(|e| e["subject"] == "devices/dev1/a" && e["id"] == attempts[0]["id"]));
    // 404 is not retried; 500 twice exhausts a maxDeliveryCount of 2.
    publish_acked(&mut dev, "devices/dev1/b", b"2", 2, &[]).await;
    publish_acked(&mut dev, "devices/dev1/c", b"3", 3, &[]).await;
    let mut subjects = Vec::new();
    for _ in 0..3 {
        subjects.push(
            receiver.next().await.event["subject"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    subjects.sort();
    assert_eq!(
        subjects,
        ["devices/dev1/b", "devices/dev1/c", "devices/dev1/c"]
    );

    let main = dead_letters(&admin, "main", 1).await;
    assert_eq!(main[0]["subject"], "devices/dev1/b");
    assert_eq!(main[0]["deadletterreason"], "NonRetriableStatus");
    assert_eq!(main[0]["deliveryattempts"], 1);
    assert_eq!(main[0]["lastdeliveryoutcome"], "HTTP 404");
    assert!(main[0]["publishtime"]
        .as_str()
        .is_some_and(|t| t.contains('T')));
    let twice = dead_letters(&admin, "twice", 1).await;
    assert_eq!(twice[0]["deadletterreason"], "MaxDeliveryAttemptsExceeded");
    assert_eq!(twice[0]["deliveryattempts"], 2);
    assert_eq!(twice[0]["lastdeliveryoutcome"], "HTTP 503");
    // Nothing more was attempted.
    receiver
        .expect_no_delivery("no further delivery attempts")
        .await;

    let (_, _, metrics) = http_get(&format!("http://{}/metrics", broker.http_addr()), None).await;
    assert!(
        metrics.contains("mqtt_successful_routed_messages_total 1\n"),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"mqtt_failed_routed_messages_total{error="NonRetriableStatus"} 1"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(
            r#"mqtt_failed_routed_messages_total{error="MaxDeliveryAttemptsExceeded"} 1"#
        ),
        "{metrics}"
    );

    // Replayed once the webhook takes it: out of the dead letters, delivered.
    let replayed = admin
        .call(Method::POST, "/api/v1/routes/main/deadLetters/replay", None)
        .await
        .unwrap();
    assert_eq!(replayed["replayed"], 1);
    let again = receiver.next().await.event;
    assert_eq!(again["subject"], "devices/dev1/b");
    assert_eq!(again["id"], main[0]["id"], "the same event");
    assert!(again.get("deadletterreason").is_none());
    dead_letters(&admin, "main", 0).await;
    let missing = admin
        .call(Method::POST, "/api/v1/routes/nope/deadLetters/replay", None)
        .await;
    assert!(missing.is_err_and(|e| e.to_string().contains("404")));
    broker.shutdown().await;
}

#[tokio::test]
async fn a_full_route_queue_dead_letters_instead_of_dropping() {
    let mut receiver = Receiver::start("devices/dev1/slow").await;
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_owned();
    let (broker, admin, _dir) = start_broker(|c| {
        c.routing.max_queued_events_per_route = 1;
        c.storage.data_dir = Some(data_dir);
    })
    .await;
    put_route(
        &admin,
        json!({"name": "narrow", "endpointUrl": receiver.url}),
    )
    .await
    .unwrap();
    let mut dev = device(&broker).await;
    publish_acked(&mut dev, "devices/dev1/slow", b"1", 1, &[]).await;
    // The webhook holds the first delivery: the worker is busy.
    assert_eq!(receiver.next().await.event["subject"], "devices/dev1/slow");
    publish_acked(&mut dev, "devices/dev1/q", b"2", 2, &[]).await; // queued
    publish_acked(&mut dev, "devices/dev1/q", b"3", 3, &[]).await; // queue full
    let dead = dead_letters(&admin, "narrow", 1).await;
    assert_eq!(dead[0]["deadletterreason"], "QueueFull");
    assert_eq!(dead[0]["deliveryattempts"], 0);
    // Also in the data folder's file (written by its own task: polled, bounded).
    let file = data.path().join("deadletters/narrow.jsonl");
    let line = poll(
        &format!("a dead-letter file at {}", file.display()),
        || async {
            std::fs::read_to_string(&file)
                .ok()
                .and_then(|t| t.lines().next().map(str::to_owned))
        },
    )
    .await;
    let written: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(written["id"], dead[0]["id"]);
    assert_eq!(written["deadletterreason"], "QueueFull");
    receiver.release.add_permits(1);
    // The queued one still goes out.
    let next = receiver.next().await.event;
    assert_eq!(next["subject"], "devices/dev1/q");
    broker.shutdown().await;
}

#[tokio::test]
async fn bad_routes_are_refused_with_the_field_and_the_rule() {
    let (broker, admin, _dir) = start_broker(|_| {}).await;
    let cases = [
        (
            json!({"name": "route1", "endpointUrl": "ftp://x"}),
            "endpointUrl",
        ),
        (
            json!({"name": "route1", "endpointUrl": "https://example.test/hook"}),
            "caCertificate",
        ),
        (
            json!({"name": "route1", "endpointUrl": "http://127.0.0.1:9/x", "deliveryHeaders": [{"name": "Content-Type", "value": "x"}]}),
            "set by the broker",
        ),
        (
            json!({"name": "route1", "endpointUrl": "http://example.test/hook", "caCertificate": "x"}),
            "only for https://",
        ),
        (
            json!({"name": "route1", "endpointUrl": "http://127.0.0.1:9/x", "enrichments": [{"key": "Bad", "value": "x"}]}),
            "enrichments[0].key",
        ),
        (
            json!({"name": "route1", "endpointUrl": "http://127.0.0.1:9/x", "enrichments": [{"key": "subject", "value": "x"}]}),
            "CloudEvents attribute",
        ),
        (
            json!({"name": "route1", "endpointUrl": "http://127.0.0.1:9/x", "enrichments": [{"key": "a", "value": "${mqtt.message.nope}"}]}),
            "unknown variable",
        ),
        (
            json!({"name": "route1", "endpointUrl": "http://127.0.0.1:9/x", "enrichments": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}]}),
            "appears twice",
        ),
        (
            json!({"name": "route1", "endpointUrl": "http://127.0.0.1:9/x", "topicFilters": ["a/#/b"]}),
            "topicFilters[0]",
        ),
        (
            json!({"name": "route1", "endpointUrl": "http://127.0.0.1:9/x", "maxDeliveryCount": 11}),
            "maxDeliveryCount",
        ),
        (
            json!({"name": "route1", "endpointUrl": "http://127.0.0.1:9/x", "deliveryHeaders": [{"name": "bad name", "value": "x"}]}),
            "deliveryHeaders[0].name",
        ),
    ];
    for (route, expected) in cases {
        let err = put_route(&admin, route.clone()).await.expect_err("refused");
        let text = err.to_string();
        assert!(
            text.contains("400") || text.contains("Invalid"),
            "{route}: {text}"
        );
        assert!(text.contains(expected), "{route}: {text}");
    }
    let listed = admin
        .call(Method::GET, "/api/v1/routes", None)
        .await
        .unwrap();
    assert_eq!(listed["value"], json!([]), "nothing was stored");
    broker.shutdown().await;
}

#[tokio::test]
async fn no_delivery_before_the_webhook_allows_it_in_the_validation_handshake() {
    let mut receiver = Receiver::start("").await;
    receiver
        .allow
        .store(false, std::sync::atomic::Ordering::SeqCst);
    let (broker, admin, _dir) = start_broker(|c| c.routing.retry_delays_ms = vec![20]).await;
    put_route(
        &admin,
        json!({"name": "guarded", "endpointUrl": receiver.url, "maxDeliveryCount": 2}),
    )
    .await
    .unwrap();
    let mut dev = device(&broker).await;
    publish_acked(&mut dev, "devices/dev1/x", b"1", 1, &[]).await;
    // Two attempts, each stopped at the handshake: no POST, then dead-lettered.
    let dead = dead_letters(&admin, "guarded", 1).await;
    assert_eq!(dead[0]["deadletterreason"], "MaxDeliveryAttemptsExceeded");
    assert!(
        dead[0]["lastdeliveryoutcome"]
            .as_str()
            .is_some_and(|o| o.contains("validation handshake")),
        "{dead:?}"
    );
    assert!(
        receiver.deliveries.try_recv().is_err(),
        "nothing was POSTed"
    );
    assert_eq!(
        *receiver.handshakes.lock().unwrap(),
        ["tern.local", "tern.local"],
        "one handshake per attempt, with the namespace as the origin"
    );
    // Allowed: the next event goes out after one more handshake, and later
    // ones need none.
    receiver
        .allow
        .store(true, std::sync::atomic::Ordering::SeqCst);
    publish_acked(&mut dev, "devices/dev1/x", b"2", 2, &[]).await;
    publish_acked(&mut dev, "devices/dev1/x", b"3", 3, &[]).await;
    receiver.next().await;
    receiver.next().await;
    assert_eq!(receiver.handshakes.lock().unwrap().len(), 3);
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
async fn https_webhooks_are_reached_with_the_route_s_ca_only() {
    let pki = crate::tls_support::Pki::new();
    let mut receiver = Receiver::start_tls(&pki).await;
    let (broker, admin, _dir) = start_broker(|c| c.routing.retry_delays_ms = vec![20]).await;
    let ca = std::fs::read_to_string(&pki.ca_pem).unwrap();
    put_route(
        &admin,
        json!({"name": "secure", "endpointUrl": receiver.url, "caCertificate": ca, "topicFilters": ["devices/dev1/s"]}),
    )
    .await
    .unwrap();
    // Another CA: the webhook's certificate is not trusted, nothing arrives.
    let other = crate::tls_support::Pki::new();
    let wrong_ca = std::fs::read_to_string(&other.ca_pem).unwrap();
    put_route(
        &admin,
        json!({"name": "untrusted", "endpointUrl": receiver.url, "caCertificate": wrong_ca,
               "topicFilters": ["devices/dev1/u"], "maxDeliveryCount": 1}),
    )
    .await
    .unwrap();
    let mut dev = device(&broker).await;
    publish_acked(&mut dev, "devices/dev1/s", b"1", 1, &[]).await;
    publish_acked(&mut dev, "devices/dev1/s", b"2", 2, &[]).await;
    assert_eq!(receiver.next().await.event["subject"], "devices/dev1/s");
    assert_eq!(receiver.next().await.event["subject"], "devices/dev1/s");
    publish_acked(&mut dev, "devices/dev1/u", b"3", 3, &[]).await;
    let dead = dead_letters(&admin, "untrusted", 1).await;
    assert!(
        dead[0]["lastdeliveryoutcome"]
            .as_str()
            .is_some_and(|o| o.contains("TLS")),
        "{dead:?}"
    );
    assert!(receiver.deliveries.try_recv().is_err());
    broker.shutdown().await;
}

#[tokio::test]
async fn a_webhook_that_goes_away_and_comes_back_loses_nothing() {
    // A port with nothing listening: deliveries are refused until the
    // receiver starts there.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (broker, admin, _dir) = start_broker(|c| c.routing.retry_delays_ms = vec![50]).await;
    put_route(
        &admin,
        json!({"name": "flaky", "endpointUrl": format!("http://127.0.0.1:{port}/hook")}),
    )
    .await
    .unwrap();
    let mut dev = device(&broker).await;
    const N: u16 = 5;
    for id in 1..=N {
        publish_acked(&mut dev, &format!("devices/dev1/m{id}"), b"x", id, &[]).await;
    }
    // Every event was tried and failed at least once (bounded poll of /metrics).
    let metrics_url = format!("http://{}/metrics", broker.http_addr());
    poll(&format!("{N} failed attempts"), || async {
        let text = http_get(&metrics_url, None).await.2;
        let failed: f64 = text
            .lines()
            .find_map(|l| l.strip_prefix("tern_routing_failed_attempts_total "))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0.0);
        (failed >= f64::from(N)).then_some(())
    })
    .await;
    // The webhook comes back on the same port: every event arrives, once each.
    let mut receiver = Receiver::start_on(&format!("127.0.0.1:{port}")).await;
    let mut subjects = Vec::new();
    for _ in 0..N {
        subjects.push(
            receiver.next().await.event["subject"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    subjects.sort();
    let expected: Vec<String> = (1..=N).map(|i| format!("devices/dev1/m{i}")).collect();
    assert_eq!(subjects, expected);
    receiver.expect_no_delivery("no duplicates").await;
    assert_eq!(dead_letters(&admin, "flaky", 0).await.len(), 0);
    let text = http_get(&metrics_url, None).await.2;
    assert!(
        text.contains(&format!("mqtt_successful_routed_messages_total {N}\n")),
        "{text}"
    );
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

#[tokio::test]
async fn batching_sends_ready_events_in_one_request() {
    let mut receiver = Receiver::start("devices/dev1/slow").await;
    let (broker, admin, _dir) = start_broker(|_| {}).await;
    put_route(
        &admin,
        json!({"name": "batched", "endpointUrl": receiver.url, "maxEventsPerBatch": 10}),
    )
    .await
    .unwrap();
    let mut dev = device(&broker).await;
    publish_acked(&mut dev, "devices/dev1/slow", b"0", 1, &[]).await;
    // Held by the webhook: what comes meanwhile queues up.
    let first = receiver.next().await;
    assert!(
        first
            .content_type
            .starts_with("application/cloudevents-batch+json"),
        "{}",
        first.content_type
    );
    assert_eq!(first.event.as_array().map(Vec::len), Some(1));
    for id in 2..=4 {
        publish_acked(&mut dev, &format!("devices/dev1/b{id}"), b"x", id, &[]).await;
    }
    receiver.release.add_permits(1);
    let batch = receiver.next().await.event;
    let subjects: Vec<&str> = batch
        .as_array()
        .expect("a JSON array of CloudEvents")
        .iter()
        .map(|e| e["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects,
        ["devices/dev1/b2", "devices/dev1/b3", "devices/dev1/b4"]
    );
    let err = put_route(
        &admin,
        json!({"name": "too-big", "endpointUrl": receiver.url, "maxEventsPerBatch": 6000}),
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(err.contains("maxEventsPerBatch"), "{err}");
    broker.shutdown().await;
}

#[tokio::test]
async fn shutdown_does_not_wait_for_a_webhook_that_hangs() {
    let mut receiver = Receiver::start("devices/dev1/hang").await;
    let (broker, admin, _dir) = start_broker(|_| {}).await;
    put_route(
        &admin,
        json!({"name": "hanging", "endpointUrl": receiver.url}),
    )
    .await
    .unwrap();
    let mut dev = device(&broker).await;
    publish_acked(&mut dev, "devices/dev1/hang", b"1", 1, &[]).await;
    // The webhook has the request and never answers (30 s response time-out).
    receiver.next().await;
    // Broker::shutdown gives its tasks at most 5 s; a delivery task stuck in
    // the request would take all of them.
    tokio::time::timeout(std::time::Duration::from_secs(4), broker.shutdown())
        .await
        .expect("shutdown without waiting for the webhook");
}

#[tokio::test]
async fn events_waiting_for_a_retry_count_against_the_queue_limit() {
    let mut receiver = Receiver::start("").await;
    receiver.answer("devices/dev1/w", &[500, 500, 500, 500]);
    let (broker, admin, _dir) = start_broker(|c| {
        c.routing.max_queued_events_per_route = 1;
        c.routing.retry_delays_ms = vec![60_000];
    })
    .await;
    put_route(
        &admin,
        json!({"name": "bounded", "endpointUrl": receiver.url}),
    )
    .await
    .unwrap();
    let mut dev = device(&broker).await;
    publish_acked(&mut dev, "devices/dev1/w", b"1", 1, &[]).await;
    // The first event is being tried (and will wait a minute for its retry).
    receiver.next().await;
    for id in 2..=4 {
        publish_acked(&mut dev, "devices/dev1/w", b"x", id, &[]).await;
    }
    // One waits for its retry, one is queued; the other two are dead letters
    // at once, and nothing else is tried in the meantime.
    let dead = dead_letters(&admin, "bounded", 2).await;
    assert!(
        dead.iter().all(|d| d["deadletterreason"] == "QueueFull"),
        "{dead:?}"
    );
    receiver
        .expect_no_delivery("the queued event waits while the retry set is full")
        .await;
    broker.shutdown().await;
}
