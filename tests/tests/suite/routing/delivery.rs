//! Getting events to the webhook: retries, statuses that are not retried,
//! dead letters, full queues, batching, outages and shutdown.

use super::receiver::Receiver;
use super::support::*;
use crate::common::*;
use serde_json::{json, Value};
use tern::admin::client::Method;
use tokio::net::TcpListener;

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
        metrics.contains("tern_routing_delivery_duration_seconds_count 1\n"),
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

#[tokio::test]
async fn dead_letters_pushed_out_of_memory_are_counted() {
    let mut receiver = Receiver::start("").await;
    let (broker, admin, _dir) = start_broker(|c| c.routing.max_dead_letters_per_route = 1).await;
    put_route(
        &admin,
        json!({"name": "main", "endpointUrl": receiver.url, "topicFilters": ["devices/dev1/x"]}),
    )
    .await
    .unwrap();
    receiver.answer("devices/dev1/x", &[404, 404, 404]);
    let mut dev = device(&broker).await;
    for id in 1..=3 {
        publish_acked(&mut dev, "devices/dev1/x", b"x", id, &[]).await;
        receiver.next().await;
    }
    // Memory keeps the newest one; the two before are counted as forgotten.
    let url = format!("http://{}/metrics", broker.http_addr());
    poll("tern_dead_letters_forgotten_total 2", || async {
        let (_, _, metrics) = http_get(&url, None).await;
        metrics
            .contains("tern_dead_letters_forgotten_total 2\n")
            .then_some(())
    })
    .await;
    assert_eq!(dead_letters(&admin, "main", 1).await.len(), 1);
    broker.shutdown().await;
}
