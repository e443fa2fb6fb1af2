//! The protocol over WebSocket with the raw client (tokio-tungstenite as the
//! WebSocket client): the same listener serves MQTT 5 and 3.1.1, packets may
//! span frames, QoS 2 works end to end, and a malformed packet closes only
//! that connection.

use crate::common;

use common::*;

#[tokio::test]
async fn qos2_over_websocket_with_a_connect_split_across_frames() {
    let broker = start().await;
    let url = broker.ws_url();
    // CONNECT sent in two WebSocket frames.
    let mut sub = Raw::open_ws(&url).await;
    let connect = Connect::v5("ws-sub").encode();
    let (head, tail) = connect.split_at(5);
    sub.send(head).await;
    sub.send(tail).await;
    let connack = sub.expect(kind::CONNACK).await.connack(true);
    assert_eq!(connack.code, 0);
    assert_eq!(sub.subscribe(1, &[("ws/qos2", 2)]).await, [2]);

    // A 3.1.1 publisher on the same WebSocket listener, QoS 2.
    let (mut publ, connack) =
        Raw::connect_over(Raw::open_ws(&url).await, &Connect::v3("ws-pub")).await;
    assert_eq!(connack.code, 0);
    publ.send(&publish(
        false,
        "ws/qos2",
        b"exactly once",
        2,
        false,
        9,
        &[],
    ))
    .await;
    assert_eq!(publ.expect(kind::PUBREC).await.ack().0, 9);
    publ.send(&ack(0x62, 9)).await; // PUBREL
    assert_eq!(publ.expect(kind::PUBCOMP).await.ack().0, 9);

    let p = sub.recv_publish_ack().await;
    assert_eq!(
        (p.topic.as_str(), p.qos, &p.payload[..]),
        ("ws/qos2", 2, &b"exactly once"[..])
    );
    // Exactly once: a second copy would come before the sentinel.
    publ.publish_sentinel("ws/qos2").await;
    sub.expect_sentinel("ws/qos2").await;
    broker.shutdown().await;
}

#[tokio::test]
async fn a_malformed_packet_over_websocket_closes_only_that_connection() {
    let broker = start().await;
    let (mut bad, _) =
        Raw::connect_over(Raw::open_ws(&broker.ws_url()).await, &Connect::v5("ws-bad")).await;
    let (mut good, _) = Raw::connect_over(
        Raw::open_ws(&broker.ws_url()).await,
        &Connect::v5("ws-good"),
    )
    .await;
    // PUBLISH with QoS 3 [MQTT-3.3.1-4].
    bad.send(&[0x36, 0x05, 0x00, 0x01, b'x', 0x00, 0x01]).await;
    assert_eq!(
        bad.expect_end().await,
        Some(0x81),
        "DISCONNECT Malformed Packet"
    );
    assert_eq!(good.subscribe(1, &[("still/here", 0)]).await, [0]);
    assert_broker_serves(broker.mqtt_addr()).await;
    broker.shutdown().await;
}
