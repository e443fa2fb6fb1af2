//! What a client may make the broker hold before it has connected: WebSocket
//! frames and messages no larger than `mqtt.max_packet_size` plus header room,
//! and at most `listeners.max_pending_connections` sockets, across every
//! listener, that have not finished CONNECT.

use crate::common;

use common::*;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A WebSocket upgrade done by hand on a raw socket (subprotocol `mqtt`), so the
/// test can then write frames the way a hostile client would.
async fn raw_ws(addr: SocketAddr) -> TcpStream {
    let mut tcp = TcpStream::connect(addr).await.expect("connect");
    let request = format!(
        "GET /mqtt HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Protocol: mqtt\r\n\r\n"
    );
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        let n = tokio::time::timeout(WAIT, tcp.read(&mut byte))
            .await
            .expect("101 in time")
            .unwrap();
        assert_eq!(
            n,
            1,
            "the upgrade was answered: {:?}",
            String::from_utf8_lossy(&head)
        );
        head.push(byte[0]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 101"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    tcp
}

/// Reads until the server closes the socket (what it sends first is ignored);
/// fails the test if that takes longer than [`WAIT`].
async fn expect_closed_by_server(tcp: &mut TcpStream) {
    let mut buf = [0u8; 1024];
    tokio::time::timeout(WAIT, async {
        loop {
            match tcp.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .expect("the server closes the socket in time");
}

#[tokio::test]
async fn a_websocket_frame_larger_than_the_packet_limit_closes_that_connection() {
    let broker = start_with(|c| c.mqtt.max_packet_size = 1024).await;
    // A masked binary frame announcing 1 MiB, of which only the start is sent:
    // the broker must not wait for (and buffer) the rest.
    let mut hostile = raw_ws(broker.http_addr()).await;
    let mut frame = vec![0x82, 0x80 | 127];
    frame.extend((1u64 << 20).to_be_bytes());
    frame.extend([1, 2, 3, 4]);
    frame.extend([0u8; 512]);
    hostile.write_all(&frame).await.unwrap();
    expect_closed_by_server(&mut hostile).await;
    // Everyone else is served, over WebSocket too, up to the packet limit.
    assert_broker_serves(broker.mqtt_addr()).await;
    let ws = Raw::open_ws(&broker.ws_url()).await;
    let (mut c, connack) = Raw::connect_over(ws, &Connect::v5("ws-big-ok")).await;
    assert_eq!(connack.code, 0);
    assert_eq!(c.subscribe(1, &[("ws/big", 0)]).await, vec![0]);
    c.send(&publish(true, "ws/big", vec![7u8; 900], 0, false, 0, &[]))
        .await;
    assert_eq!(c.expect_publish().await.payload.len(), 900);
    broker.shutdown().await;
}

#[tokio::test]
async fn sockets_that_have_not_connected_are_capped_across_listeners() {
    let broker = start_with(|c| c.listeners.max_pending_connections = 2).await;
    let addr = broker.mqtt_addr();
    // A connected client holds no slot.
    let mut connected = v5(addr, "pending-connected").await;
    assert_eq!(connected.subscribe(1, &[("pending/t", 1)]).await, vec![1]);
    // Two sockets that send nothing fill the cap.
    let first = Raw::open(addr).await;
    let _second = Raw::open(addr).await;
    // A third is closed at once, on the MQTT listener and on the HTTP one.
    let mut third = Raw::open(addr).await;
    third.expect_closed().await;
    let mut ws = TcpStream::connect(broker.http_addr()).await.unwrap();
    expect_closed_by_server(&mut ws).await;
    assert_eq!(broker.pending_refused(), 2);
    // The connected client is not affected.
    connected
        .send(&publish(true, "pending/t", "still here", 1, false, 1, &[]))
        .await;
    let mut got = 0;
    while got < 2 {
        let f = connected.recv().await.expect("a packet");
        match f.kind() {
            kind::PUBACK => got += 1,
            kind::PUBLISH => {
                let p = f.publish(true);
                assert_eq!(p.payload, b"still here");
                connected.send(&ack(0x40, p.packet_id)).await;
                got += 1;
            }
            _ => panic!("unexpected {f:?}"),
        }
    }
    // Once a pending socket has its CONNACK, its slot is free for a new client.
    let (_first, connack) = Raw::connect_over(first, &Connect::v5("pending-first")).await;
    assert_eq!(connack.code, 0);
    let (_late, connack) = Raw::connect(addr, &Connect::v3("pending-late")).await;
    assert_eq!(connack.code, 0);
    // The cap holds again once two sockets wait.
    let _another = Raw::open(addr).await;
    let mut over = Raw::open(addr).await;
    over.expect_closed().await;
    assert_eq!(broker.pending_refused(), 3);
    broker.shutdown().await;
}

#[tokio::test]
async fn shutdown_does_not_wait_for_sockets_that_have_not_connected() {
    let broker = start().await;
    let mut silent = Raw::open(broker.mqtt_addr()).await;
    let mut half = Raw::open(broker.mqtt_addr()).await;
    let connect = Connect::v5("half-connect").encode();
    half.send(&connect[..5]).await;
    let ws = Raw::open_ws(&broker.ws_url()).await;
    let mut ws = ws;
    // Well within the 10 s connect timeout and Broker::shutdown's 5 s bound.
    let started = std::time::Instant::now();
    tokio::time::timeout(WAIT, broker.shutdown())
        .await
        .expect("shutdown in time");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "shutdown took {:?}",
        started.elapsed()
    );
    silent.expect_closed().await;
    half.expect_closed().await;
    ws.expect_closed().await;
}
