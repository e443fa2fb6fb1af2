//! The ceilings: byte movers with no broker work, loopback only.
//!
//! * [`forward`] — a plain TCP forwarder: every accepted connection is joined
//!   to a new connection to the target broker and bytes are copied both ways.
//!   It adds one loopback hop and no MQTT work (a broker behind a forwarder
//!   shows what the extra hop costs).
//! * [`hub`] — the fan-in ceiling: it answers CONNECT and SUBSCRIBE with canned
//!   acknowledgements and copies every complete PUBLISH, byte for byte, to every
//!   subscriber, with no topic matching, no sessions and no queues beyond a
//!   bounded channel per subscriber (a full one back-pressures publishers, so
//!   nothing is lost). Running the fan-in scenario against it measures how fast
//!   this machine moves the same bytes from N sockets into one.

use crate::wire;
use bytes::{Bytes, BytesMut};
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// Why a relay cannot run.
#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    /// Listening or connecting failed.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// An address is not loopback.
    #[error("{0} is not a loopback address")]
    NotLoopback(SocketAddr),
}

fn loopback(addr: SocketAddr) -> Result<(), RelayError> {
    if addr.ip().is_loopback() {
        Ok(())
    } else {
        Err(RelayError::NotLoopback(addr))
    }
}

/// Binds `listen` (loopback only) and returns the listener and its address.
pub async fn bind(listen: SocketAddr) -> Result<(TcpListener, SocketAddr), RelayError> {
    loopback(listen)?;
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

/// Forwards every connection accepted on `listener` to `target` until `stop`.
pub async fn forward(
    listener: TcpListener,
    target: SocketAddr,
    stop: CancellationToken,
) -> Result<(), RelayError> {
    loopback(target)?;
    loop {
        let (mut inbound, _) = tokio::select! {
            _ = stop.cancelled() => return Ok(()),
            r = listener.accept() => r?,
        };
        let stop = stop.clone();
        tokio::spawn(async move {
            let Ok(mut outbound) = TcpStream::connect(target).await else {
                return;
            };
            let _ = inbound.set_nodelay(true);
            let _ = outbound.set_nodelay(true);
            tokio::select! {
                _ = stop.cancelled() => {}
                _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
            }
        });
    }
}

type Subscribers = Arc<RwLock<Arc<Vec<mpsc::Sender<Bytes>>>>>;

/// Serves the fan-in ceiling on `listener` until `stop`.
pub async fn hub(listener: TcpListener, stop: CancellationToken) -> Result<(), RelayError> {
    let subscribers: Subscribers = Arc::default();
    loop {
        let (stream, _) = tokio::select! {
            _ = stop.cancelled() => return Ok(()),
            r = listener.accept() => r?,
        };
        let _ = stream.set_nodelay(true);
        let (subscribers, stop) = (subscribers.clone(), stop.clone());
        tokio::spawn(async move {
            tokio::select! {
                _ = stop.cancelled() => {}
                _ = hub_connection(stream, subscribers) => {}
            }
        });
    }
}

async fn hub_connection(stream: TcpStream, subscribers: Subscribers) -> std::io::Result<()> {
    let (mut reader, mut writer) = stream.into_split();
    let (tx, mut rx) = mpsc::channel::<Bytes>(256);
    let write_task = tokio::spawn(async move {
        while let Some(chunk) = rx.recv().await {
            if writer.write_all(&chunk).await.is_err() {
                break;
            }
        }
    });
    let mut buf = BytesMut::with_capacity(64 * 1024);
    let mut v5 = false;
    loop {
        buf.reserve(64 * 1024);
        if reader.read_buf(&mut buf).await? == 0 {
            break;
        }
        // Split off the run of complete packets; forward runs of PUBLISH whole.
        let mut reply = BytesMut::new();
        let mut at = 0;
        let mut run_start = None;
        while let Ok(Some((header, len))) = wire::frame_len(&buf[at..]) {
            if buf.len() < at + header + len {
                break;
            }
            let first = buf[at];
            let body = &buf[at + header..at + header + len];
            match first >> 4 {
                3 => {
                    run_start.get_or_insert(at);
                    let qos = (first >> 1) & 3;
                    if qos > 0 {
                        let tlen = usize::from(id_at(body, 0));
                        let id = id_at(body, 2 + tlen);
                        let ack = if qos == 1 { wire::PUBACK } else { wire::PUBREC };
                        wire::ack(&mut reply, ack, id);
                    }
                }
                kind => {
                    if let Some(s) = run_start.take() {
                        send_all(&subscribers, Bytes::copy_from_slice(&buf[s..at])).await;
                    }
                    match kind {
                        1 => {
                            v5 = body.get(6) == Some(&5);
                            reply.extend_from_slice(if v5 {
                                &[0x20, 3, 0, 0, 0]
                            } else {
                                &[0x20, 2, 0, 0]
                            });
                        }
                        5 => wire::ack(&mut reply, wire::PUBREL, id_at(body, 0)),
                        6 => wire::ack(&mut reply, wire::PUBCOMP, id_at(body, 0)),
                        8 => {
                            let [a, b] = id_at(body, 0).to_be_bytes();
                            if v5 {
                                reply.extend_from_slice(&[0x90, 4, a, b, 0, 0]);
                            } else {
                                reply.extend_from_slice(&[0x90, 3, a, b, 0]);
                            }
                            let mut list = subscribers.write().expect("not poisoned");
                            let mut next = Vec::clone(&list);
                            next.push(tx.clone());
                            *list = Arc::new(next);
                        }
                        12 => reply.extend_from_slice(&[0xD0, 0]),
                        14 => return Ok(()),
                        _ => {}
                    }
                }
            }
            at += header + len;
        }
        if let Some(s) = run_start {
            let run = buf.split_to(at).freeze().slice(s..);
            send_all(&subscribers, run).await;
        } else {
            let _ = buf.split_to(at);
        }
        if !reply.is_empty() && tx.send(reply.freeze()).await.is_err() {
            break;
        }
    }
    drop(tx);
    let _ = write_task.await;
    Ok(())
}

async fn send_all(subscribers: &Subscribers, bytes: Bytes) {
    let list = subscribers.read().expect("not poisoned").clone();
    for sub in list.iter() {
        let _ = sub.send(bytes.clone()).await;
    }
}

/// The big-endian u16 at `i` (0 when the packet is too short).
fn id_at(body: &[u8], i: usize) -> u16 {
    match body.get(i..i + 2) {
        Some(b) => u16::from_be_bytes([b[0], b[1]]),
        None => 0,
    }
}
