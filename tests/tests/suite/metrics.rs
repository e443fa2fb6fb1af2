//! `GET /metrics`: Event Grid's MQTT metrics with its dimensions and Tern's
//! gauges, scraped over real HTTP and parsed with a Prometheus text parser
//! (prometheus-parse), after real MQTT traffic over TCP and WebSocket; and
//! who may read it (loopback without a token, a bearer token otherwise).

use crate::common;

use common::*;
use prometheus_parse::{Scrape, Value};

/// Scrapes the broker's `/metrics` from loopback and parses it.
async fn scrape(broker: &tern::Broker) -> Scrape {
    let (status, content_type, body) =
        http_get(&format!("http://{}/metrics", broker.http_addr()), None).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    assert!(
        body.ends_with("# EOF\n"),
        "an OpenMetrics exposition ends with # EOF"
    );
    Scrape::parse(body.lines().map(|l| Ok(l.to_owned()))).expect("parses as Prometheus text")
}

/// The value of the sample `metric` whose labels include `labels` (0 when
/// there is none: a label set nothing has counted yet is not exported).
fn value(scrape: &Scrape, metric: &str, labels: &[(&str, &str)]) -> f64 {
    let matching: Vec<f64> = scrape
        .samples
        .iter()
        .filter(|s| s.metric == metric)
        .filter(|s| labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match s.value {
            Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => v,
            _ => panic!("{metric} is not a single number"),
        })
        .collect();
    assert!(
        matching.len() <= 1,
        "{metric}{labels:?} matches {matching:?}"
    );
    matching.first().copied().unwrap_or(0.0)
}

#[tokio::test]
async fn mqtt_traffic_is_counted_with_event_grid_dimensions() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let before = scrape(&broker).await;
    assert_eq!(value(&before, "mqtt_connections", &[]), 0.0);

    // An MQTT 5 subscriber: one filter accepted, one refused (invalid).
    let mut sub = v5(addr, "sub").await;
    assert_eq!(
        sub.subscribe(1, &[("m/#", 1), ("m/#/x", 1)]).await,
        vec![1, 0x8F]
    );
    // An MQTT 3.1.1 publisher: three accepted QoS 1 messages, one refused.
    let mut publisher = v3(addr, "pub").await;
    for id in 1..=3 {
        publisher
            .send(&publish(false, "m/x", "hello", 1, false, id, &[]))
            .await;
        assert_eq!(publisher.expect(kind::PUBACK).await.ack().0, id);
    }
    publisher
        .send(&publish(false, "$events/forged", "x", 1, false, 9, &[]))
        .await;
    assert_eq!(publisher.expect(kind::PUBACK).await.ack().0, 9);
    for _ in 0..3 {
        assert_eq!(sub.recv_publish_ack().await.topic, "m/x");
    }
    // An MQTT 5 client over WebSocket.
    let ws = Raw::open_ws(&format!("ws://{}/mqtt", broker.http_addr())).await;
    let (_ws, connack) = Raw::connect_over(ws, &Connect::v5("ws")).await;
    assert_eq!(connack.code, 0);
    // A refused CONNECT: 3.1.1, empty Client Identifier without Clean Session [MQTT-3.1.3-8].
    let (_, refused) = Raw::connect(addr, &Connect::v3("").clean(false)).await;
    assert_eq!(refused.code, 2);

    let m = scrape(&broker).await;
    for (protocol, count) in [
        ("MQTT5", 1.0),
        ("MQTT3", 1.0),
        ("MQTT5-WS", 1.0),
        ("MQTT3-WS", 0.0),
    ] {
        assert_eq!(
            value(&m, "mqtt_connections", &[("protocol", protocol)]),
            count,
            "{protocol}"
        );
    }
    let connects = |protocol, result, error| {
        value(
            &m,
            "mqtt_request_count_total",
            &[
                ("operation_type", "Connect"),
                ("protocol", protocol),
                ("result", result),
                ("error", error),
            ],
        )
    };
    assert_eq!(connects("MQTT3", "Success", ""), 1.0);
    assert_eq!(connects("MQTT5-WS", "Success", ""), 1.0);
    assert_eq!(connects("MQTT3", "ClientError", "ClientError"), 1.0);
    let mqtt3_qos1 = [("protocol", "MQTT3"), ("qos", "1")];
    assert_eq!(
        value(&m, "mqtt_successful_published_messages_total", &mqtt3_qos1),
        3.0
    );
    assert_eq!(
        value(
            &m,
            "mqtt_failed_published_messages_total",
            &[
                ("protocol", "MQTT3"),
                ("qos", "1"),
                ("error", "AuthorizationError")
            ]
        ),
        1.0
    );
    assert_eq!(
        value(
            &m,
            "mqtt_request_count_total",
            &[
                ("operation_type", "Publish"),
                ("protocol", "MQTT3"),
                ("result", "Success")
            ]
        ),
        3.0
    );
    assert_eq!(
        value(
            &m,
            "mqtt_successful_delivered_messages_total",
            &[("protocol", "MQTT5"), ("qos", "1")]
        ),
        3.0
    );
    assert_eq!(
        value(
            &m,
            "mqtt_successful_subscription_operations_total",
            &[("operation_type", "Subscribe"), ("protocol", "MQTT5")]
        ),
        1.0
    );
    assert_eq!(
        value(
            &m,
            "mqtt_failed_subscription_operations_total",
            &[
                ("operation_type", "Subscribe"),
                ("protocol", "MQTT5"),
                ("error", "ClientError")
            ]
        ),
        1.0
    );
    // One SUBSCRIBE request, counted with the error of its refused filter.
    assert_eq!(
        value(
            &m,
            "mqtt_request_count_total",
            &[
                ("operation_type", "Subscribe"),
                ("protocol", "MQTT5"),
                ("result", "ClientError")
            ]
        ),
        1.0
    );
    let inbound = value(
        &m,
        "mqtt_throughput_bytes_total",
        &[("direction", "Inbound")],
    );
    let outbound = value(
        &m,
        "mqtt_throughput_bytes_total",
        &[("direction", "Outbound")],
    );
    // At least the four PUBLISHes in and the three out (each 12+ bytes).
    assert!(inbound >= 4.0 * 12.0, "inbound {inbound}");
    assert!(outbound >= 3.0 * 12.0, "outbound {outbound}");
    assert_eq!(value(&m, "tern_sessions", &[]), 3.0);
    assert_eq!(value(&m, "tern_online_sessions", &[]), 3.0);

    // A clean 3.1.1 session that disconnects is dropped as transient; its
    // connection no longer counts.
    publisher.send(&[0xE0, 0x00]).await;
    publisher.expect_closed().await;
    let after = scrape(&broker).await;
    assert_eq!(
        value(&after, "mqtt_connections", &[("protocol", "MQTT3")]),
        0.0
    );
    assert_eq!(
        value(
            &after,
            "mqtt_dropped_sessions_total",
            &[("drop_reason", "TransientSession")]
        ),
        1.0
    );
    assert_eq!(value(&after, "tern_sessions", &[]), 2.0);
}

#[tokio::test]
async fn quota_refusals_and_queues_are_exported() {
    let broker = start_with(|c| c.quotas.max_subscriptions_per_session = 1).await;
    let addr = broker.mqtt_addr();
    let mut client = v5(addr, "quota").await;
    assert_eq!(
        client.subscribe(1, &[("a", 1), ("b", 1)]).await,
        vec![1, 0x97]
    );
    // An offline persistent session with two queued messages.
    let mut offline = Raw::connected(addr, &Connect::v3("offline").clean(false))
        .await
        .0;
    assert_eq!(offline.subscribe(1, &[("q", 1)]).await, vec![1]);
    offline.send(&[0xE0, 0x00]).await;
    offline.expect_closed().await;
    for id in 1..=2 {
        client
            .send(&publish(true, "q", "12345", 1, false, id, &[]))
            .await;
        assert_eq!(client.expect(kind::PUBACK).await.ack().0, id);
    }

    let m = scrape(&broker).await;
    assert_eq!(
        value(
            &m,
            "tern_quota_refusals_total",
            &[("quota", "max_subscriptions_per_session")]
        ),
        1.0
    );
    assert_eq!(
        value(
            &m,
            "mqtt_failed_subscription_operations_total",
            &[("operation_type", "Subscribe"), ("error", "QuotaExceeded")]
        ),
        1.0
    );
    assert_eq!(value(&m, "tern_queued_messages", &[]), 2.0);
    assert!(value(&m, "tern_queued_bytes", &[]) >= 10.0);
    assert_eq!(value(&m, "tern_online_sessions", &[]), 1.0);
    assert_eq!(value(&m, "tern_sessions", &[]), 2.0);
}

#[tokio::test]
async fn metrics_need_the_token_unless_loopback_is_open() {
    // Loopback open (the default) and a token: both ways in.
    let broker = start_with(|c| c.metrics.token = Some("s3cret".into())).await;
    let url = format!("http://{}/metrics", broker.http_addr());
    assert_eq!(http_get(&url, None).await.0, 200);
    assert_eq!(http_get(&url, Some("s3cret")).await.0, 200);

    // Loopback closed: the token is the only way in.
    let broker = start_with(|c| {
        c.metrics.token = Some("s3cret".into());
        c.metrics.open_on_loopback = false;
    })
    .await;
    let url = format!("http://{}/metrics", broker.http_addr());
    let (status, _, body) = http_get(&url, None).await;
    assert_eq!(status, 401);
    assert!(body.contains("metrics.token"), "{body}");
    assert_eq!(http_get(&url, Some("wrong")).await.0, 401);
    let (status, _, body) = http_get(&url, Some("s3cret")).await;
    assert_eq!(status, 200);
    assert!(body.contains("tern_sessions 0"), "{body}");

    // Loopback closed and no token: nobody.
    let broker = start_with(|c| c.metrics.open_on_loopback = false).await;
    let (status, _, body) = http_get(&format!("http://{}/metrics", broker.http_addr()), None).await;
    assert_eq!(status, 403);
    assert!(body.contains("metrics.token"), "{body}");
}
