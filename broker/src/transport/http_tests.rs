//! Tests of the HTTP listener over real sockets on 127.0.0.1:0.
use super::*;
use futures_util::{SinkExt, StreamExt};
use std::path::Path;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::MaybeTlsStream;

const LIMIT: Duration = Duration::from_secs(10);

type Client = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// A running listener and what it handed to the broker.
struct Server {
    addr: SocketAddr,
    streams: mpsc::UnboundedReceiver<(WsByteStream, PeerInfo)>,
    shutdown: CancellationToken,
    task: JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

async fn start(static_dir: Option<PathBuf>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, streams) = mpsc::unbounded_channel();
    let on_mqtt: MqttStreamHandler = Arc::new(move |stream, peer, _slot| {
        let _ = tx.send((stream, peer));
    });
    let config = Arc::new(HttpConfig {
        static_dir,
        ..HttpConfig::default()
    });
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(serve_http(
        listener,
        config,
        on_mqtt,
        shutdown.clone(),
        None,
    ));
    Server {
        addr,
        streams,
        shutdown,
        task,
    }
}

/// A raw HTTP/1.1 exchange: (status, head, body).
async fn raw(addr: SocketAddr, request: &str) -> (u16, String, Vec<u8>) {
    timeout(LIMIT, async {
        let mut tcp = TcpStream::connect(addr).await.unwrap();
        tcp.write_all(request.as_bytes()).await.unwrap();
        let mut resp = Vec::new();
        tcp.read_to_end(&mut resp).await.unwrap();
        let split = resp
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of head");
        let head = String::from_utf8(resp[..split].to_vec()).unwrap();
        let status = head[9..12].parse().unwrap();
        (status, head, resp[split + 4..].to_vec())
    })
    .await
    .unwrap()
}

async fn get(addr: SocketAddr, path: &str) -> (u16, String, Vec<u8>) {
    raw(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"),
    )
    .await
}

/// A raw WebSocket upgrade request to `/mqtt` with the given extra headers.
fn upgrade_request(extra: &str) -> String {
    format!(
        "GET /mqtt HTTP/1.1\r\nHost: test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\
         Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n{extra}\r\n"
    )
}

fn has_header(head: &str, line: &str) -> bool {
    head.lines().any(|l| l.eq_ignore_ascii_case(line))
}

/// Connects a WebSocket client offering `protocols`; returns the client, the
/// subprotocol the server chose and the server's byte stream.
async fn connect(server: &mut Server, protocols: &'static str) -> (Client, String, WsByteStream) {
    let mut req = format!("ws://{}/mqtt", server.addr)
        .into_client_request()
        .unwrap();
    req.headers_mut().insert(
        "Sec-WebSocket-Protocol",
        HeaderValue::from_static(protocols),
    );
    let (client, resp) = timeout(LIMIT, tokio_tungstenite::connect_async(req))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SWITCHING_PROTOCOLS);
    let chosen = resp.headers()["sec-websocket-protocol"]
        .to_str()
        .unwrap()
        .to_owned();
    let (stream, peer) = timeout(LIMIT, server.streams.recv())
        .await
        .unwrap()
        .unwrap();
    assert!(peer.addr.ip().is_loopback());
    assert_eq!(peer.client_certificate_chain, None);
    (client, chosen, stream)
}

async fn read_exact(stream: &mut WsByteStream, n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    timeout(LIMIT, stream.read_exact(&mut buf))
        .await
        .unwrap()
        .unwrap();
    buf
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let dir = std::env::temp_dir().join(format!(
            "tern-http-test-{}-{}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn healthz() {
    let server = start(None).await;
    let (status, head, body) = get(server.addr, "/healthz").await;
    assert_eq!(status, 200, "{head}");
    assert_eq!(body, b"ok");
    // HEAD gets the same status and no body.
    let (status, _, body) = raw(
        server.addr,
        "HEAD /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.is_empty());
}

#[tokio::test]
async fn other_methods_are_refused() {
    let server = start(None).await;
    let (status, head, _) = raw(
        server.addr,
        "POST /healthz HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_eq!(status, 405);
    assert!(has_header(&head, "allow: GET, HEAD"), "{head}");
}

#[tokio::test]
async fn mqtt_subprotocol_is_echoed_and_bytes_flow() {
    let mut server = start(None).await;
    let (mut client, chosen, mut stream) = connect(&mut server, "mqtt").await;
    assert_eq!(chosen, "mqtt");

    // One packet written as three frames arrives as one byte sequence.
    let packet: Vec<u8> = (0u8..64).collect();
    for chunk in [&packet[..1], &packet[1..30], &packet[30..]] {
        client.send(Message::binary(chunk.to_vec())).await.unwrap();
    }
    assert_eq!(read_exact(&mut stream, packet.len()).await, packet);

    // Two packets in one frame are both delivered.
    client
        .send(Message::binary(vec![0xC0, 0x00, 0xE0, 0x00]))
        .await
        .unwrap();
    assert_eq!(read_exact(&mut stream, 2).await, [0xC0, 0x00]);
    assert_eq!(read_exact(&mut stream, 2).await, [0xE0, 0x00]);

    // Writes come back as binary frames.
    timeout(LIMIT, async {
        stream.write_all(&[0xD0, 0x00]).await.unwrap();
        stream.flush().await.unwrap();
    })
    .await
    .unwrap();
    let msg = timeout(LIMIT, client.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(msg, Message::binary(vec![0xD0, 0x00]));
}

#[tokio::test]
async fn first_offered_mqtt_subprotocol_wins() {
    let mut server = start(None).await;
    let (_client, chosen, _stream) = connect(&mut server, "chat, mqttv3.1, mqtt").await;
    assert_eq!(chosen, "mqttv3.1");
}

#[tokio::test]
async fn large_message_is_delivered() {
    let mut server = start(None).await;
    let (mut client, _, mut stream) = connect(&mut server, "mqtt").await;
    // Just within the default limit (the default packet limit plus header room).
    let limit = ws_message_limit(crate::config::MqttConfig::default().max_packet_size);
    let payload: Vec<u8> = (0..limit).map(|i| (i % 251) as u8).collect();
    let send = async {
        client.send(Message::binary(payload.clone())).await.unwrap();
    };
    let (_, got) = tokio::join!(send, read_exact(&mut stream, payload.len()));
    assert!(got == payload);
}

#[tokio::test]
async fn missing_subprotocol_is_refused() {
    let mut server = start(None).await;
    let (status, head, body) = raw(server.addr, &upgrade_request("")).await;
    assert_eq!(status, 400, "{head}");
    let body = String::from_utf8(body).unwrap();
    assert!(body.contains("\"mqtt\""), "{body}");
    assert!(body.contains("Sec-WebSocket-Protocol"), "{body}");

    let (status, _, _) = raw(
        server.addr,
        &upgrade_request("Sec-WebSocket-Protocol: chat\r\n"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(server.streams.try_recv().is_err());
}

#[tokio::test]
async fn raw_handshake_answers_rfc6455_accept_key() {
    let server = start(None).await;
    // Only the head is read: the connection stays open as a WebSocket.
    let head = timeout(LIMIT, async {
        let mut tcp = TcpStream::connect(server.addr).await.unwrap();
        let req = upgrade_request("Sec-WebSocket-Protocol: mqtt\r\n");
        tcp.write_all(req.as_bytes()).await.unwrap();
        let mut resp = Vec::new();
        while !resp.ends_with(b"\r\n\r\n") {
            let mut byte = [0u8; 1];
            assert_eq!(tcp.read(&mut byte).await.unwrap(), 1);
            resp.push(byte[0]);
        }
        String::from_utf8(resp).unwrap()
    })
    .await
    .unwrap();
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    // The sample key and answer from RFC 6455 §1.3.
    assert!(
        has_header(&head, "sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
        "{head}"
    );
    assert!(has_header(&head, "sec-websocket-protocol: mqtt"), "{head}");
}

#[tokio::test]
async fn plain_get_on_ws_path_needs_upgrade() {
    let server = start(None).await;
    let (status, _, _) = get(server.addr, "/mqtt").await;
    assert_eq!(status, 426);
    let (status, _, _) = raw(
        server.addr,
        &upgrade_request("Sec-WebSocket-Protocol: mqtt\r\n")
            .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"),
    )
    .await;
    assert_eq!(status, 426);
}

#[tokio::test]
async fn static_files() {
    let dir = TempDir::new();
    std::fs::write(dir.0.join("index.html"), "<h1>tern</h1>").unwrap();
    std::fs::write(dir.0.join("app.wasm"), b"\0asm").unwrap();
    std::fs::create_dir(dir.0.join("sub")).unwrap();
    std::fs::write(dir.0.join("sub").join("a b.js"), "x()").unwrap();
    std::fs::write(dir.0.join(".secret"), "no").unwrap();
    let server = start(Some(dir.0.clone())).await;

    let (status, head, body) = get(server.addr, "/").await;
    assert_eq!(status, 200, "{head}");
    assert_eq!(body, b"<h1>tern</h1>");
    assert!(
        has_header(&head, "content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(has_header(&head, "cache-control: no-cache"), "{head}");

    let (status, head, body) = get(server.addr, "/app.wasm").await;
    assert_eq!(status, 200);
    assert_eq!(body, b"\0asm");
    assert!(
        has_header(&head, "content-type: application/wasm"),
        "{head}"
    );
    assert!(
        !head.to_ascii_lowercase().contains("cache-control"),
        "{head}"
    );

    let (status, head, body) = get(server.addr, "/sub/a%20b.js?v=1").await;
    assert_eq!(status, 200, "{head}");
    assert_eq!(body, b"x()");
    assert!(
        has_header(&head, "content-type: text/javascript; charset=utf-8"),
        "{head}"
    );

    for path in [
        "/../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/sub/..%2f..%2fetc%2fpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "/.secret",
        "/missing.html",
        "/sub",
        "/sub/",
        "/%zz",
        "/%00",
    ] {
        let (status, head, _) = get(server.addr, path).await;
        assert_eq!(status, 404, "{path}: {head}");
    }
}

#[tokio::test]
async fn no_static_dir_is_404() {
    let server = start(None).await;
    let (status, _, _) = get(server.addr, "/").await;
    assert_eq!(status, 404);
    let (status, _, _) = get(server.addr, "/index.html").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn shutdown_stops_accepting() {
    let mut server = start(None).await;
    server.shutdown.cancel();
    timeout(LIMIT, &mut server.task).await.unwrap().unwrap();
    // The listener is gone with the task.
    assert!(TcpStream::connect(server.addr).await.is_err());
}

#[test]
fn relative_paths() {
    let p = |s| static_relative_path(s);
    assert_eq!(p("/"), Some(PathBuf::from("index.html")));
    assert_eq!(p("/a/b.css"), Some(PathBuf::from("a/b.css")));
    assert_eq!(p("//a//b/"), Some(PathBuf::from("a/b/index.html")));
    assert_eq!(p("/a%2Fb"), Some(PathBuf::from("a/b")));
    assert_eq!(p("/a/../b"), None);
    assert_eq!(p("/a\\b"), None);
    assert_eq!(p("/C:/x"), None);
    assert_eq!(p("relative"), None);
    assert_eq!(p("/%"), None);
    assert_eq!(p("/%ff"), None);
}

#[test]
fn content_types() {
    assert_eq!(
        content_type(Path::new("a/index.HTML")),
        "text/html; charset=utf-8"
    );
    assert_eq!(content_type(Path::new("x.wasm")), "application/wasm");
    assert_eq!(content_type(Path::new("x.svg")), "image/svg+xml");
    assert_eq!(content_type(Path::new("x.ico")), "image/x-icon");
    assert_eq!(content_type(Path::new("x.json")), "application/json");
    assert_eq!(content_type(Path::new("x.png")), "image/png");
    assert_eq!(content_type(Path::new("x.css")), "text/css; charset=utf-8");
    assert_eq!(
        content_type(Path::new("Makefile")),
        "application/octet-stream"
    );
}
