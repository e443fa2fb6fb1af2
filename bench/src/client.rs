//! A minimal MQTT client for load generation: one connection, a reader task and
//! a writer task.
//!
//! The writer coalesces whatever is queued into one socket write (one binary
//! frame over WebSocket). The reader decodes packets, answers the broker's QoS
//! 1/2 flows itself (PUBACK, PUBREC → PUBREL, PUBREL → PUBCOMP), releases an
//! in-flight permit when one of our own publishes completes, and hands each
//! received message to a [`Handler`]. Every wait during the handshake is
//! bounded by [`HANDSHAKE_TIMEOUT`].

use crate::target::Target;
use crate::wire::{self, Packet, Version};
use bytes::{Bytes, BytesMut};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::{mpsc, Semaphore};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::WebSocketStream;
use tokio_util::sync::CancellationToken;

/// The longest the TCP connect, WebSocket upgrade, CONNACK or SUBACK may take.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Errors of one client connection.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// A socket error.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// A WebSocket error.
    #[error("websocket: {0}")]
    Ws(#[from] tokio_tungstenite::tungstenite::Error),
    /// The broker sent something that cannot be decoded.
    #[error(transparent)]
    Wire(#[from] wire::WireError),
    /// A handshake step did not finish in time.
    #[error("timed out waiting for {0}")]
    Timeout(&'static str),
    /// The broker closed the connection during a handshake step.
    #[error("connection closed while waiting for {0}")]
    Closed(&'static str),
    /// The broker refused: CONNACK / SUBACK code.
    #[error("{0} refused with code 0x{1:02x}")]
    Refused(&'static str, u8),
    /// The broker ended the connection with DISCONNECT and this reason code.
    #[error("the broker sent DISCONNECT with reason code 0x{0:02x}")]
    Disconnected(u8),
}

type Ws = WebSocketStream<TcpStream>;

/// The receiving half of a connection.
pub enum Reader {
    /// TCP.
    Tcp(OwnedReadHalf),
    /// WebSocket.
    Ws(SplitStream<Ws>),
}

/// The sending half of a connection.
pub enum Writer {
    /// TCP.
    Tcp(OwnedWriteHalf),
    /// WebSocket.
    Ws(SplitSink<Ws, WsMessage>),
}

impl Reader {
    /// Appends what arrives to `buf`; returns 0 at the end of the stream.
    pub async fn read(&mut self, buf: &mut BytesMut) -> Result<usize, ClientError> {
        match self {
            Reader::Tcp(r) => {
                buf.reserve(64 * 1024);
                Ok(r.read_buf(buf).await?)
            }
            Reader::Ws(r) => loop {
                match r.next().await {
                    None => return Ok(0),
                    Some(Err(e)) => return Err(e.into()),
                    Some(Ok(WsMessage::Binary(b))) if !b.is_empty() => {
                        buf.extend_from_slice(&b);
                        return Ok(b.len());
                    }
                    Some(Ok(WsMessage::Close(_))) => return Ok(0),
                    Some(Ok(_)) => continue,
                }
            },
        }
    }
}

impl Writer {
    /// Sends `bytes` (one binary frame over WebSocket).
    pub async fn write(&mut self, bytes: Bytes) -> Result<(), ClientError> {
        match self {
            Writer::Tcp(w) => Ok(w.write_all(&bytes).await?),
            Writer::Ws(w) => Ok(w.send(WsMessage::Binary(bytes)).await?),
        }
    }
}

/// Opens the transport to `target`, from `bind` (a loopback source address) if given.
pub async fn open(target: &Target, bind: Option<IpAddr>) -> Result<(Reader, Writer), ClientError> {
    let addr = target.addr();
    let connect = async {
        let socket = if addr.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        if let Some(ip) = bind {
            socket.bind((ip, 0).into())?;
        }
        socket.connect(addr).await
    };
    let stream = tokio::time::timeout(HANDSHAKE_TIMEOUT, connect)
        .await
        .map_err(|_| ClientError::Timeout("TCP connect"))??;
    stream.set_nodelay(true)?;
    match target {
        Target::Tcp(_) => {
            let (r, w) = stream.into_split();
            Ok((Reader::Tcp(r), Writer::Tcp(w)))
        }
        Target::Ws { url, .. } => {
            let mut request = url.as_str().into_client_request()?;
            request
                .headers_mut()
                .insert("Sec-WebSocket-Protocol", http_value("mqtt"));
            let (ws, _) = tokio::time::timeout(
                HANDSHAKE_TIMEOUT,
                tokio_tungstenite::client_async(request, stream),
            )
            .await
            .map_err(|_| ClientError::Timeout("WebSocket upgrade"))??;
            let (w, r) = ws.split();
            Ok((Reader::Ws(r), Writer::Ws(w)))
        }
    }
}

fn http_value(s: &'static str) -> tokio_tungstenite::tungstenite::http::HeaderValue {
    tokio_tungstenite::tungstenite::http::HeaderValue::from_static(s)
}

/// A connected client before its tasks start: handshake steps run inline.
pub struct Session {
    reader: Reader,
    writer: Writer,
    buf: BytesMut,
    /// The protocol version of the connection.
    pub version: Version,
    /// The CONNACK's Session Present flag: the broker resumed a stored session.
    pub session_present: bool,
    keep_alive: u16,
}

impl Session {
    /// Connects with a clean session and waits for a successful CONNACK.
    pub async fn connect(
        target: &Target,
        version: Version,
        client_id: &str,
        keep_alive: u16,
        bind: Option<IpAddr>,
    ) -> Result<Self, ClientError> {
        Self::connect_with(target, version, client_id, keep_alive, bind, None).await
    }

    /// Connects and waits for a successful CONNACK; `session_expiry` `Some(secs)`
    /// asks for a persistent session (see [`wire::connect_with`]).
    pub async fn connect_with(
        target: &Target,
        version: Version,
        client_id: &str,
        keep_alive: u16,
        bind: Option<IpAddr>,
        session_expiry: Option<u32>,
    ) -> Result<Self, ClientError> {
        let (reader, mut writer) = open(target, bind).await?;
        let mut out = BytesMut::new();
        wire::connect_with(&mut out, version, client_id, keep_alive, session_expiry);
        writer.write(out.freeze()).await?;
        let mut session = Self {
            reader,
            writer,
            buf: BytesMut::with_capacity(4096),
            version,
            session_present: false,
            keep_alive,
        };
        match session.next_packet("CONNACK").await? {
            Packet::ConnAck {
                session_present,
                code: 0,
            } => {
                session.session_present = session_present;
                Ok(session)
            }
            Packet::ConnAck { code, .. } => Err(ClientError::Refused("CONNECT", code)),
            _ => Err(ClientError::Closed("CONNACK")),
        }
    }

    /// Sends DISCONNECT and waits (bounded by [`HANDSHAKE_TIMEOUT`]) until the
    /// broker closes the connection, so a persistent session is offline when
    /// this returns. Anything the broker sent before closing is dropped.
    pub async fn disconnect(mut self) -> Result<(), ClientError> {
        self.writer
            .write(Bytes::from_static(&wire::DISCONNECT))
            .await?;
        let closed = async {
            loop {
                self.buf.clear();
                if self.reader.read(&mut self.buf).await? == 0 {
                    return Ok(());
                }
            }
        };
        tokio::time::timeout(HANDSHAKE_TIMEOUT, closed)
            .await
            .map_err(|_| ClientError::Timeout("the broker to close after DISCONNECT"))?
    }

    /// Subscribes to `filter` and waits for a SUBACK granting it.
    pub async fn subscribe(&mut self, filter: &str, qos: u8) -> Result<(), ClientError> {
        let mut out = BytesMut::new();
        wire::subscribe(&mut out, self.version, 1, filter, qos);
        self.writer.write(out.freeze()).await?;
        match self.next_packet("SUBACK").await? {
            Packet::SubAck(_, code) if code < 0x80 => Ok(()),
            Packet::SubAck(_, code) => Err(ClientError::Refused("SUBSCRIBE", code)),
            _ => Err(ClientError::Closed("SUBACK")),
        }
    }

    /// Unsubscribes from `filter` and waits for the UNSUBACK.
    pub async fn unsubscribe(&mut self, filter: &str) -> Result<(), ClientError> {
        let mut out = BytesMut::new();
        wire::unsubscribe(&mut out, self.version, 2, filter);
        self.writer.write(out.freeze()).await?;
        match self.next_packet("UNSUBACK").await? {
            Packet::UnsubAck(_) => Ok(()),
            _ => Err(ClientError::Closed("UNSUBACK")),
        }
    }

    async fn next_packet(&mut self, what: &'static str) -> Result<Packet, ClientError> {
        let wait = async {
            loop {
                if let Some(p) = wire::decode(&mut self.buf, self.version)? {
                    return Ok(p);
                }
                if self.reader.read(&mut self.buf).await? == 0 {
                    return Err(ClientError::Closed(what));
                }
            }
        };
        tokio::time::timeout(HANDSHAKE_TIMEOUT, wait)
            .await
            .map_err(|_| ClientError::Timeout(what))?
    }

    /// Starts the reader and writer tasks; `handler` sees every received message.
    pub fn start<H: Handler>(self, handler: H, cancel: CancellationToken) -> Running<H> {
        let (tx, rx) = mpsc::channel::<Bytes>(1024);
        let inflight = Arc::new(Semaphore::new(0));
        let writer = tokio::spawn(write_loop(self.writer, rx, self.keep_alive));
        let reader = tokio::spawn(read_loop(
            self.reader,
            self.buf,
            self.version,
            handler,
            tx.clone(),
            inflight.clone(),
            cancel,
        ));
        Running {
            out: tx,
            inflight,
            reader,
            writer,
            version: self.version,
        }
    }
}

/// What a scenario does with received messages (runs on the reader task).
pub trait Handler: Send + 'static {
    /// A message arrived; packets appended to `out` are sent after this read.
    fn on_publish(&mut self, topic: &[u8], payload: &Bytes, out: &mut BytesMut);
    /// One of our own QoS 1/2 publishes completed (PUBACK or PUBCOMP).
    fn on_complete(&mut self, _out: &mut BytesMut) {}
    /// One of our own QoS 1/2 publishes was refused: PUBACK or PUBREC with
    /// this reason code (0x80 or above). Its in-flight permit is released.
    fn on_refused(&mut self, _code: u8) {}
}

/// A handler that ignores messages (for publishers).
pub struct Ignore;

impl Handler for Ignore {
    fn on_publish(&mut self, _: &[u8], _: &Bytes, _: &mut BytesMut) {}
}

/// A running connection.
pub struct Running<H> {
    /// Queue of bytes to send.
    pub out: mpsc::Sender<Bytes>,
    /// One permit is added each time one of our QoS 1/2 publishes completes.
    pub inflight: Arc<Semaphore>,
    /// The reader task; returns the handler when cancelled or closed, with the
    /// error that ended it if any.
    pub reader: JoinHandle<(H, Option<ClientError>)>,
    /// The writer task; ends when every sender is dropped.
    pub writer: JoinHandle<Result<(), ClientError>>,
    /// The protocol version.
    pub version: Version,
}

impl<H> Running<H> {
    /// Sends DISCONNECT, stops the tasks (the reader must already be cancelled) and
    /// returns the handler with the error that ended the reader early, if any.
    pub async fn finish(mut self) -> (H, Option<ClientError>) {
        // Every step is bounded: the broker may be too busy to read or answer.
        let disconnect = self.out.send(Bytes::from_static(&wire::DISCONNECT));
        let _ = tokio::time::timeout(HANDSHAKE_TIMEOUT, disconnect).await;
        drop(self.out);
        let ended = self.reader.await.expect("reader task does not panic");
        if tokio::time::timeout(HANDSHAKE_TIMEOUT, &mut self.writer)
            .await
            .is_err()
        {
            self.writer.abort();
        }
        ended
    }
}

async fn write_loop(
    mut writer: Writer,
    mut rx: mpsc::Receiver<Bytes>,
    keep_alive: u16,
) -> Result<(), ClientError> {
    let ping_every = Duration::from_secs(u64::from(keep_alive.max(2)) / 2);
    let mut batch = BytesMut::new();
    loop {
        let first = if keep_alive == 0 {
            rx.recv().await
        } else {
            match tokio::time::timeout(ping_every, rx.recv()).await {
                Ok(v) => v,
                Err(_) => Some(Bytes::from_static(&wire::PINGREQ)),
            }
        };
        let Some(first) = first else { break };
        let mut bytes = first;
        // Coalesce whatever else is queued into one write.
        while bytes.len() + batch.len() < 256 * 1024 {
            match rx.try_recv() {
                Ok(more) => {
                    if batch.is_empty() {
                        batch.extend_from_slice(&bytes);
                    }
                    batch.extend_from_slice(&more);
                    bytes = Bytes::new();
                }
                Err(_) => break,
            }
        }
        let chunk = if batch.is_empty() {
            bytes
        } else {
            batch.split().freeze()
        };
        writer.write(chunk).await?;
    }
    if let Writer::Tcp(mut w) = writer {
        let _ = w.shutdown().await;
    } else if let Writer::Ws(mut w) = writer {
        let _ = w.close().await;
    }
    Ok(())
}

async fn read_loop<H: Handler>(
    mut reader: Reader,
    mut buf: BytesMut,
    version: Version,
    mut handler: H,
    tx: mpsc::Sender<Bytes>,
    inflight: Arc<Semaphore>,
    cancel: CancellationToken,
) -> (H, Option<ClientError>) {
    let mut out = BytesMut::new();
    let result = read_packets(
        &mut reader,
        &mut buf,
        version,
        &mut handler,
        &mut out,
        &tx,
        &inflight,
        &cancel,
    )
    .await;
    (handler, result.err())
}

#[allow(clippy::too_many_arguments)]
async fn read_packets<H: Handler>(
    reader: &mut Reader,
    buf: &mut BytesMut,
    version: Version,
    handler: &mut H,
    out: &mut BytesMut,
    tx: &mpsc::Sender<Bytes>,
    inflight: &Semaphore,
    cancel: &CancellationToken,
) -> Result<(), ClientError> {
    loop {
        while let Some(packet) = wire::decode(buf, version)? {
            match packet {
                Packet::Publish {
                    topic,
                    qos,
                    packet_id,
                    payload,
                } => {
                    match qos {
                        1 => wire::ack(out, wire::PUBACK, packet_id),
                        2 => wire::ack(out, wire::PUBREC, packet_id),
                        _ => {}
                    }
                    handler.on_publish(&topic, &payload, out);
                }
                Packet::PubRel(id) => wire::ack(out, wire::PUBCOMP, id),
                Packet::PubAck(_, code) | Packet::PubRec(_, code) if code >= 0x80 => {
                    inflight.add_permits(1);
                    handler.on_refused(code);
                }
                Packet::PubRec(id, _) => wire::ack(out, wire::PUBREL, id),
                Packet::PubAck(..) | Packet::PubComp(_) => {
                    inflight.add_permits(1);
                    handler.on_complete(out);
                }
                Packet::Disconnect(code) => return Err(ClientError::Disconnected(code)),
                _ => {}
            }
        }
        if !out.is_empty() {
            // A writer stuck on a broker that stopped reading must not keep the
            // reader from seeing the end of the run.
            tokio::select! {
                biased;
                _ = cancel.cancelled() => return Ok(()),
                sent = tx.send(out.split().freeze()) => if sent.is_err() {
                    return Ok(());
                }
            }
        }
        tokio::select! {
            biased;
            _ = cancel.cancelled() => return Ok(()),
            n = reader.read(buf) => {
                if n? == 0 {
                    return Err(ClientError::Closed("the end of the run"));
                }
            }
        }
    }
}
