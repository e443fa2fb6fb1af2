//! Routes and their endpoints: bad routes refused with the field and the
//! rule, the webhook validation handshake, and HTTPS with the route's CA.

use super::receiver::Receiver;
use super::support::*;
use serde_json::json;
use tern::admin::client::Method;

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
