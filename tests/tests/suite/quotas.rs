//! Quotas: what one client may make the broker hold. Each refusal carries
//! its reason code, and the connection (and the broker) go on.

use crate::common;

use common::*;

/// MQTT 5 SUBSCRIBE with the same options byte for every filter.
fn subscribe_many(packet_id: u16, filters: &[&str], options: u8) -> Vec<u8> {
    let entries: Vec<(&str, u8)> = filters.iter().map(|f| (*f, options)).collect();
    subscribe_v5(packet_id, &entries, None)
}

/// Counts the PUBLISHes on their way to `raw` once its SUBACK came (the
/// retained messages of a SUBSCRIBE are queued before its SUBACK).
async fn count_publishes(raw: &mut Raw) -> usize {
    raw.pending_publishes().await.len()
}

async fn puback(raw: &mut Raw, topic: &str, payload: &[u8], retain: bool, id: u16) -> u8 {
    raw.send(&publish(raw.v5, topic, payload, 1, retain, id, &[]))
        .await;
    let (got, code) = raw.expect(kind::PUBACK).await.ack();
    assert_eq!(got, id);
    code
}

/// The reported attack: one SUBSCRIBE repeating `#` many times over many
/// retained messages multiplied them in the subscriber's queue without limit.
#[tokio::test]
async fn retained_delivery_stays_within_the_session_queue() {
    let broker = start_with(|c| c.sessions.max_online_messages = 50).await;
    let addr = broker.mqtt_addr();
    let mut publisher = v5(addr, "retainer").await;
    for i in 0..300u16 {
        publisher
            .send(&publish(true, &format!("r/{i}"), "kept", 0, true, 0, &[]))
            .await;
    }
    // The publisher's PINGRESP comes after its PUBLISHes were handled.
    publisher.send(&[0xC0, 0x00]).await;
    publisher.expect(kind::PINGRESP).await;

    let mut subscriber = v5(addr, "greedy").await;
    let filters = vec!["#"; 2_000];
    subscriber.send(&subscribe_many(1, &filters, 0)).await;
    let codes = subscriber.expect(kind::SUBACK).await.codes(true);
    assert_eq!(codes.len(), 2_000);
    assert!(codes.iter().all(|&c| c == 0), "{codes:?}");
    assert_eq!(
        count_publishes(&mut subscriber).await,
        50,
        "the session queue's limit, not 300 x 2,000"
    );
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn a_filter_repeated_in_one_subscribe_brings_its_retained_messages_once() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut publisher = v5(addr, "retainer").await;
    for topic in ["a/1", "a/2", "a/3", "b/1"] {
        assert_eq!(puback(&mut publisher, topic, b"kept", true, 1).await, 0);
    }
    let mut subscriber = v5(addr, "twice").await;
    subscriber
        .send(&subscribe_many(1, &["a/#", "a/#", "a/#"], 0))
        .await;
    assert_eq!(
        subscriber.expect(kind::SUBACK).await.codes(true),
        vec![0, 0, 0]
    );
    assert_eq!(count_publishes(&mut subscriber).await, 3);
    broker.shutdown().await;
}

#[tokio::test]
async fn retained_quotas_refuse_with_0x97_and_the_refused_message_is_not_routed() {
    let broker = start_with(|c| {
        c.quotas.max_retained_messages = 2;
        c.quotas.max_retained_message_bytes = 100;
    })
    .await;
    let addr = broker.mqtt_addr();
    let mut watcher = v5(addr, "watcher").await;
    assert_eq!(watcher.subscribe(1, &[("t/#", 0)]).await, vec![0]);
    let mut p = v5(addr, "retainer").await;
    assert_eq!(puback(&mut p, "t/1", b"one", true, 1).await, 0);
    assert_eq!(puback(&mut p, "t/2", b"two", true, 2).await, 0);
    assert_eq!(puback(&mut p, "t/3", b"three", true, 3).await, 0x97);
    assert_eq!(puback(&mut p, "t/1", b"one again", true, 4).await, 0);
    assert_eq!(puback(&mut p, "t/1", &[b'x'; 200], true, 5).await, 0x97);
    // Not retained, so not limited.
    assert_eq!(puback(&mut p, "t/9", &[b'x'; 200], false, 6).await, 0);
    // Deleting one makes room.
    assert_eq!(puback(&mut p, "t/2", b"", true, 7).await, 0);
    assert_eq!(puback(&mut p, "t/3", b"three", true, 8).await, 0);
    let mut seen = Vec::new();
    for _ in 0..6 {
        seen.push(watcher.expect_publish().await.payload);
    }
    let expected: Vec<Vec<u8>> = vec![
        b"one".to_vec(),
        b"two".to_vec(),
        b"one again".to_vec(),
        vec![b'x'; 200],
        Vec::new(),
        b"three".to_vec(),
    ];
    assert_eq!(seen, expected, "refused retained messages were not routed");
    p.publish_sentinel("t/sentinel").await;
    watcher.expect_sentinel("t/sentinel").await;
    broker.shutdown().await;
}

#[tokio::test]
async fn subscriptions_per_session_are_capped_with_0x97() {
    let broker = start_with(|c| c.quotas.max_subscriptions_per_session = 3).await;
    let addr = broker.mqtt_addr();
    for v5_client in [true, false] {
        let mut c = if v5_client {
            v5(addr, "many").await
        } else {
            v3(addr, "many3").await
        };
        let refused = if v5_client { 0x97 } else { 0x80 };
        let codes = c
            .subscribe(1, &[("a", 0), ("b", 0), ("c", 0), ("d", 0), ("a", 1)])
            .await;
        assert_eq!(codes, vec![0, 0, 0, refused, 1], "v5={v5_client}");
        c.send(&unsubscribe(v5_client, 2, &["b"])).await;
        c.expect(kind::UNSUBACK).await;
        assert_eq!(c.subscribe(3, &[("d", 0)]).await, vec![0]);
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn topics_beyond_the_level_and_length_limits_are_refused() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = v5(addr, "deep").await;
    let eight = "1/2/3/4/5/6/7/8";
    let nine = "1/2/3/4/5/6/7/8/9";
    let long = "x".repeat(257);
    assert_eq!(puback(&mut c, eight, b"ok", false, 1).await, 0);
    assert_eq!(puback(&mut c, nine, b"no", false, 2).await, 0x90);
    assert_eq!(puback(&mut c, &long, b"no", false, 3).await, 0x90);
    let shared = format!("$share/g/{eight}");
    let codes = c
        .subscribe(
            4,
            &[(eight, 0), (nine, 0), (long.as_str(), 0), (&shared, 0)],
        )
        .await;
    assert_eq!(codes, vec![0, 0x8F, 0x8F, 0]);
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn connections_are_capped_per_authentication_name_and_in_all() {
    let broker = start_with(|c| {
        c.quotas.max_connections = 3;
        c.quotas.max_connections_per_authentication_name = 2;
    })
    .await;
    let addr = broker.mqtt_addr();
    // In open mode the authentication name is the User Name.
    let (mut a, _) = Raw::connected(addr, &Connect::v5("a").username("fleet")).await;
    let (_b, _) = Raw::connected(addr, &Connect::v5("b").username("FLEET")).await;
    let (_, connack) = Raw::connect(addr, &Connect::v5("c").username("fleet")).await;
    assert_eq!(connack.code, 0x97, "third connection of one name");
    let (_, connack) = Raw::connect(addr, &Connect::v3("c3").username("fleet")).await;
    assert_eq!(connack.code, 3, "3.1.1: Server unavailable");
    // Taking one's own session over is not one more connection.
    let (_a2, connack) = Raw::connect(addr, &Connect::v5("a").username("fleet")).await;
    assert_eq!(connack.code, 0, "take-over within the quota");
    // Once the old connection is gone, its place is free again.
    a.expect_disconnect(0x8E).await;
    let (_other, _) = Raw::connected(addr, &Connect::v5("other")).await;
    let (_, connack) = Raw::connect(addr, &Connect::v5("one-more")).await;
    assert_eq!(connack.code, 0x89, "Server busy beyond max_connections");
    broker.shutdown().await;
}
