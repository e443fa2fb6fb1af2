//! A TCP proxy between a device and the broker that records the MQTT packets the device
//! sends on each connection, so tests can tell an abrupt close (no DISCONNECT) from a clean
//! one (DISCONNECT 0x00) on the wire.

use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// The MQTT packet type of DISCONNECT.
pub const DISCONNECT: u8 = 14;

/// One packet the device sent: its type and body (after the fixed header).
#[derive(Debug, Clone)]
pub struct Sent {
    /// Packet type (1 CONNECT, 3 PUBLISH, 8 SUBSCRIBE, 14 DISCONNECT, ...).
    pub kind: u8,
    /// Variable header and payload.
    pub body: Vec<u8>,
}

/// A recording proxy in front of the broker.
pub struct Tap {
    /// Where devices should connect.
    pub addr: SocketAddr,
    /// One entry per finished connection: every packet the device sent on it, in order.
    pub finished: mpsc::UnboundedReceiver<Vec<Sent>>,
}

impl Tap {
    /// Starts the proxy on a loopback port.
    pub async fn start(broker: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind tap");
        let addr = listener.local_addr().expect("tap address");
        let (tx, finished) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((device, _)) = listener.accept().await {
                let tx = tx.clone();
                tokio::spawn(async move {
                    let upstream = TcpStream::connect(broker)
                        .await
                        .expect("tap reaches broker");
                    let sent = relay(device, upstream).await;
                    let _ = tx.send(sent);
                });
            }
        });
        Self { addr, finished }
    }
}

/// Copies both ways; returns the device's packets once the device side ends (EOF or error),
/// after closing the broker side (so the broker sees the connection end as the device left it).
async fn relay(device: TcpStream, upstream: TcpStream) -> Vec<Sent> {
    let (mut device_read, mut device_write) = device.into_split();
    let (mut upstream_read, mut upstream_write) = upstream.into_split();
    let down = tokio::spawn(async move {
        let _ = tokio::io::copy(&mut upstream_read, &mut device_write).await;
    });
    let mut buffer = Vec::new();
    let mut sent = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = match device_read.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        buffer.extend_from_slice(&chunk[..n]);
        while let Some(packet) = take_packet(&mut buffer) {
            sent.push(packet);
        }
        if upstream_write.write_all(&chunk[..n]).await.is_err() {
            break;
        }
    }
    let _ = upstream_write.shutdown().await;
    down.abort();
    sent
}

/// Splits one complete packet off the front of `buffer`.
fn take_packet(buffer: &mut Vec<u8>) -> Option<Sent> {
    let mut length = 0usize;
    let mut i = 1;
    loop {
        let byte = *buffer.get(i)?;
        length |= usize::from(byte & 0x7F) << (7 * (i - 1));
        i += 1;
        if byte & 0x80 == 0 {
            break;
        }
    }
    if buffer.len() < i + length {
        return None;
    }
    let kind = buffer[0] >> 4;
    let body = buffer[i..i + length].to_vec();
    buffer.drain(..i + length);
    Some(Sent { kind, body })
}
