//! Shared helpers of the broker-core integration tests: starting a broker, a raw
//! MQTT client over a `TcpStream` with a small hand-written encoder and decoder
//! (independent of the protocol library the broker uses), and rumqttc helpers.
//!
//! Every wait is bounded by [`WAIT`]; nothing sleeps to synchronise. Nor is
//! anything shown absent by waiting a while for it: a fixed window passes
//! falsely on a slow machine, where the unwanted packet simply comes later.
//! A test instead makes something come that would arrive *after* the
//! unwanted packet (a sentinel: [`Raw::publish_sentinel`] and
//! [`Raw::expect_sentinel`], or the PINGREQ round trips of
//! [`Raw::expect_nothing_pending`]) and asserts that the sentinel is next.

#![allow(dead_code)]

use bytes::{Buf, BytesMut};

mod codec;
pub use codec::*;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(4);
/// The payload of a sentinel message (see [`Raw::publish_sentinel`]).
pub const SENTINEL: &[u8] = b"sentinel";
/// PINGREQ (the broker answers PINGRESP).
pub const PINGREQ: [u8; 2] = [0xC0, 0x00];

/// Starts a broker with the test configuration, tweaked by `tweak`.
pub async fn start_with(tweak: impl FnOnce(&mut tern::Config)) -> tern::Broker {
    let mut config = tern::Config::for_tests();
    tweak(&mut config);
    tern::Broker::start(config).await.expect("broker starts")
}

/// Starts a broker with the plain test configuration.
pub async fn start() -> tern::Broker {
    start_with(|_| {}).await
}

/// Starts a broker in access mode on the namespace file `namespace` (TOML),
/// tweaked by `tweak`; the folder of the file must outlive the broker.
pub async fn start_with_namespace_file(
    namespace: &str,
    tweak: impl FnOnce(&mut tern::Config),
) -> (tern::Broker, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("namespace.toml");
    std::fs::write(&file, namespace).unwrap();
    let broker = start_with(|c| {
        c.open = false;
        c.access.namespace_file = Some(file);
        tweak(c);
    })
    .await;
    (broker, dir)
}

/// `GET {url}` with an optional bearer token: status, content type and body.
pub async fn http_get(url: &str, token: Option<&str>) -> (u16, String, String) {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Empty<bytes::Bytes>>();
    let mut request = hyper::Request::get(url);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let response = tokio::time::timeout(
        WAIT,
        client.request(request.body(http_body_util::Empty::new()).unwrap()),
    )
    .await
    .expect("an HTTP answer in time")
    .expect("an HTTP answer");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

/// Asks `probe` every 20 ms until it gives something, for at most [`WAIT`]
/// (then the test fails, saying `what` it waited for): for state that settles
/// in another task, such as a file written or a counter reached.
pub async fn poll<T, F, Fut>(what: &str, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    poll_within(what, WAIT, probe).await
}

/// [`poll`] for at most `within` instead of [`WAIT`]: for state that settles
/// only after a known interval of real time (a session expiry), which the
/// bound must cover with [`WAIT`] to spare.
pub async fn poll_within<T, F, Fut>(what: &str, within: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + within;
    loop {
        if let Some(found) = probe().await {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "waited {within:?} for {what}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

// ---------------------------------------------------------------- raw client

/// A raw MQTT client on a TCP socket.
pub struct Raw {
    /// The socket.
    pub stream: Box<dyn ByteStream>,
    buf: BytesMut,
    /// Whether this client speaks MQTT 5 (for decoding).
    pub v5: bool,
}

/// A byte stream to the broker: TCP, or a WebSocket seen as bytes.
pub trait ByteStream: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send> ByteStream for T {}

impl Raw {
    /// Opens a socket to the broker.
    pub async fn open(addr: SocketAddr) -> Self {
        let stream = tokio::time::timeout(WAIT, TcpStream::connect(addr))
            .await
            .expect("connect in time")
            .expect("connect");
        stream.set_nodelay(true).ok();
        Self::over(Box::new(stream))
    }

    /// A raw client over any byte stream.
    pub fn over(stream: Box<dyn ByteStream>) -> Self {
        Self {
            stream,
            buf: BytesMut::new(),
            v5: true,
        }
    }

    /// Opens a WebSocket (subprotocol `mqtt`) to `url` and uses it as a byte
    /// stream, each write one binary frame (tokio-tungstenite as the client).
    pub async fn open_ws(url: &str) -> Self {
        use tokio_tungstenite::tungstenite::client::IntoClientRequest;
        let mut request = url.into_client_request().expect("a ws:// URL");
        request
            .headers_mut()
            .insert("Sec-WebSocket-Protocol", "mqtt".parse().unwrap());
        let (ws, _) = tokio::time::timeout(WAIT, tokio_tungstenite::connect_async(request))
            .await
            .expect("WebSocket handshake in time")
            .expect("WebSocket handshake");
        Self::over(Box::new(tern::transport::ws_stream::WsByteStream::new(ws)))
    }

    /// Connects over an opened stream and returns the CONNACK.
    pub async fn connect_over(mut raw: Self, connect: &Connect) -> (Self, Connack) {
        raw.v5 = connect.v5;
        raw.send(&connect.encode()).await;
        let frame = raw.recv().await.expect("CONNACK, not a closed socket");
        let connack = frame.connack(connect.v5);
        (raw, connack)
    }

    /// Connects and returns the CONNACK (whatever its code).
    pub async fn connect(addr: SocketAddr, connect: &Connect) -> (Self, Connack) {
        Self::connect_over(Self::open(addr).await, connect).await
    }

    /// Connects and asserts success.
    pub async fn connected(addr: SocketAddr, connect: &Connect) -> (Self, Connack) {
        let (raw, connack) = Self::connect(addr, connect).await;
        assert_eq!(connack.code, 0, "CONNACK refused: {connack:?}");
        (raw, connack)
    }

    /// Writes bytes (errors ignored: the broker may have closed already).
    pub async fn send(&mut self, bytes: &[u8]) {
        let _ = self.stream.write_all(bytes).await;
        let _ = self.stream.flush().await;
    }

    /// The next packet within `within`: `Ok(None)` when the socket closed, `Err` on timeout.
    pub async fn recv_within(&mut self, within: Duration) -> Result<Option<Frame>, ()> {
        tokio::time::timeout(within, self.read_frame())
            .await
            .map_err(|_| ())
    }

    /// The next packet (`None` when the socket closed); fails the test after [`WAIT`].
    pub async fn recv(&mut self) -> Option<Frame> {
        self.recv_within(WAIT)
            .await
            .expect("a packet or EOF within the time limit")
    }

    /// The next packet, which must exist and be of `kind`.
    pub async fn expect(&mut self, kind: u8) -> Frame {
        let frame = self.recv().await.expect("a packet, not a closed socket");
        assert_eq!(frame.kind(), kind, "unexpected packet {frame:?}");
        frame
    }

    /// The next PUBLISH, decoded.
    pub async fn expect_publish(&mut self) -> Publish {
        let v5 = self.v5;
        self.expect(kind::PUBLISH).await.publish(v5)
    }

    /// Receives the next PUBLISH and acknowledges it (PUBACK, or PUBREC…PUBCOMP).
    pub async fn recv_publish_ack(&mut self) -> Publish {
        let p = self.expect_publish().await;
        match p.qos {
            1 => self.send(&ack(0x40, p.packet_id)).await,
            2 => {
                self.send(&ack(0x50, p.packet_id)).await;
                let rel = self.expect(kind::PUBREL).await;
                assert_eq!(rel.ack().0, p.packet_id);
                self.send(&ack(0x70, p.packet_id)).await;
            }
            _ => {}
        }
        p
    }

    /// Publishes the sentinel message ([`SENTINEL`], QoS 0, not retained) to
    /// `topic`, in this client's protocol version, for [`Raw::expect_sentinel`].
    ///
    /// It shows that a message X did not reach a subscriber without waiting
    /// for X: X's publisher sends the sentinel after X, to a topic the
    /// subscriber receives. The broker routes one connection's PUBLISHes in
    /// the order it reads them, and each session's queue is first in, first
    /// out, so had X been queued for the subscriber, it would arrive before
    /// the sentinel. (QoS 0 takes no packet identifier and no acknowledgement,
    /// so it leaves the publisher's own exchanges as they were.)
    pub async fn publish_sentinel(&mut self, topic: &str) {
        let v5 = self.v5;
        self.send(&publish(v5, topic, SENTINEL, 0, false, 0, &[]))
            .await;
    }

    /// Asserts that the next packet is the sentinel PUBLISH on `topic` (see
    /// [`Raw::publish_sentinel`]): anything else arrived before it, which is
    /// what must not have happened.
    pub async fn expect_sentinel(&mut self, topic: &str) {
        let frame = self
            .recv()
            .await
            .expect("the sentinel PUBLISH, not a closed socket");
        let v5 = self.v5;
        let is_sentinel = frame.kind() == kind::PUBLISH && {
            let p = frame.publish(v5);
            p.topic == topic && p.payload == SENTINEL
        };
        assert!(
            is_sentinel,
            "expected the sentinel on {topic} next, got {frame:?} before it"
        );
    }

    /// Asserts that nothing is on its way to this client: two PINGREQ round
    /// trips, one after the other, each answered by PINGRESP as the very next
    /// packet.
    ///
    /// For packets that must not come where no sentinel message can follow
    /// them (flow control holding messages back, a subscription that must not
    /// exist, a will that must not fire). A connection reads and handles its
    /// input (the PINGREQ is answered in the write buffer at once), then moves
    /// what the session's queue holds into the write buffer behind it, then
    /// writes (broker/src/connection/mod.rs, `run`; outbound.rs,
    /// `drain_queue`). So a packet queued, or written, for this client before
    /// the broker read the first PINGREQ comes before the first PINGRESP or
    /// right after it, and in any case before the second one.
    ///
    /// Use it only where the unwanted packet, had the broker sent it, would
    /// be in this client's queue before the first PINGREQ is read: retained
    /// messages of a SUBSCRIBE whose SUBACK came, a resumed session's queue
    /// once CONNACK came, messages whose publisher got its PUBACK (or
    /// PINGRESP, or saw its connection closed), the will of a connection seen
    /// closed. Anything routed later may come after both PINGRESPs.
    pub async fn expect_nothing_pending(&mut self) {
        for round in ["first", "second"] {
            let before = self.frames_before_pingresp().await;
            assert!(
                before.is_empty(),
                "expected nothing before the {round} PINGRESP, got {before:?}"
            );
        }
    }

    /// Every PUBLISH on its way to this client, acknowledged as it comes (QoS 0
    /// and 1 only): what arrives before the second of two PINGREQ round trips
    /// (see [`Raw::expect_nothing_pending`], whose condition applies). For a
    /// number of messages the test cannot know beforehand (a retained set
    /// within a queue limit, a shared group's split); they must fit in the
    /// client's Receive Maximum, so that the broker sends them all at once.
    pub async fn pending_publishes(&mut self) -> Vec<Publish> {
        let mut got = Vec::new();
        for _ in 0..2 {
            for frame in self.frames_before_pingresp().await {
                assert_eq!(frame.kind(), kind::PUBLISH, "{frame:?}");
                let p = frame.publish(self.v5);
                match p.qos {
                    0 => {}
                    1 => self.send(&ack(0x40, p.packet_id)).await,
                    _ => panic!("pending_publishes takes QoS 0 and 1, got {p:?}"),
                }
                got.push(p);
            }
        }
        got
    }

    /// Sends PINGREQ and returns the packets that came before its PINGRESP.
    async fn frames_before_pingresp(&mut self) -> Vec<Frame> {
        self.send(&PINGREQ).await;
        let mut before = Vec::new();
        loop {
            match self.recv().await {
                Some(frame) if frame.kind() == kind::PINGRESP => return before,
                Some(frame) => before.push(frame),
                None => panic!("the socket closed before PINGRESP, after {before:?}"),
            }
        }
    }

    /// Subscribes (v5 options bytes or v3 QoS) and returns the SUBACK codes.
    pub async fn subscribe(&mut self, packet_id: u16, entries: &[(&str, u8)]) -> Vec<u8> {
        let bytes = if self.v5 {
            subscribe_v5(packet_id, entries, None)
        } else {
            subscribe_v3(packet_id, entries)
        };
        self.send(&bytes).await;
        let v5 = self.v5;
        self.expect(kind::SUBACK).await.codes(v5)
    }

    /// Asserts that the broker sends DISCONNECT `code` and closes the socket.
    pub async fn expect_disconnect(&mut self, code: u8) {
        let frame = self.recv().await.expect("DISCONNECT, not a closed socket");
        assert_eq!(frame.disconnect_code(), code, "DISCONNECT {frame:?}");
        self.expect_closed().await;
    }

    /// Waits for the socket to close, skipping anything but DISCONNECT; returns the
    /// DISCONNECT reason code if one came first.
    pub async fn expect_end(&mut self) -> Option<u8> {
        let mut code = None;
        while let Some(frame) = self.recv().await {
            if frame.kind() == kind::DISCONNECT {
                code = Some(frame.disconnect_code());
            }
        }
        code
    }

    /// Asserts that the socket is closed within [`WAIT`] (skipping nothing).
    pub async fn expect_closed(&mut self) {
        if let Some(frame) = self.recv().await {
            panic!("expected a closed socket, got {frame:?}");
        }
    }

    async fn read_frame(&mut self) -> Option<Frame> {
        loop {
            if let Some(frame) = self.parse_frame() {
                return Some(frame);
            }
            match self.stream.read_buf(&mut self.buf).await {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    }

    fn parse_frame(&mut self) -> Option<Frame> {
        let b = &self.buf[..];
        if b.len() < 2 {
            return None;
        }
        let mut len = 0usize;
        let mut i = 1;
        loop {
            let byte = *b.get(i)?;
            len |= usize::from(byte & 0x7F) << (7 * (i - 1));
            i += 1;
            if byte & 0x80 == 0 {
                break;
            }
        }
        if b.len() < i + len {
            return None;
        }
        let first = b[0];
        let body = b[i..i + len].to_vec();
        self.buf.advance(i + len);
        Some(Frame { first, body })
    }
}

/// A connected MQTT 5 raw client with clean start and keep alive 60.
pub async fn v5(addr: SocketAddr, client_id: &str) -> Raw {
    Raw::connected(addr, &Connect::v5(client_id)).await.0
}

/// A connected MQTT 3.1.1 raw client with clean session and keep alive 60.
pub async fn v3(addr: SocketAddr, client_id: &str) -> Raw {
    Raw::connected(addr, &Connect::v3(client_id)).await.0
}

/// Proves the broker still serves: a fresh client subscribes, publishes to itself and
/// gets the message back.
pub async fn assert_broker_serves(addr: SocketAddr) {
    let mut c = v5(addr, "still-alive-probe").await;
    assert_eq!(c.subscribe(1, &[("alive/probe", 1)]).await, vec![1]);
    c.send(&publish(true, "alive/probe", "ok", 1, false, 7, &[]))
        .await;
    let mut got_ack = false;
    let mut got_msg = false;
    while !(got_ack && got_msg) {
        let f = c.recv().await.expect("broker still serving");
        match f.kind() {
            kind::PUBACK => got_ack = true,
            kind::PUBLISH => {
                let p = f.publish(true);
                assert_eq!(p.payload, b"ok");
                c.send(&ack(0x40, p.packet_id)).await;
                got_msg = true;
            }
            _ => panic!("unexpected {f:?}"),
        }
    }
}
