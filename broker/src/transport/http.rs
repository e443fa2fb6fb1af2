//! The broker's HTTP listener: MQTT over WebSocket, a health check and static files.
//!
//! Browsers can only speak MQTT through WebSocket, and a browser client needs a
//! page to load it from, so one HTTP port serves:
//! - `GET /healthz`: `200 ok`, for load balancers and orchestrators;
//! - `GET {ws_path}` (default `/mqtt`) with a WebSocket upgrade: the handshake is
//!   done here (subprotocol `mqtt` or `mqttv3.1` required, [MQTT-6.0.0-3],
//!   [MQTT-6.0.0-4]) and the connection is handed to the broker as a plain byte
//!   stream ([`WsByteStream`]) through an [`MqttStreamHandler`];
//! - any other `GET`: a file from the configured static directory, if any.
//!
//! `HEAD` is answered like `GET` (without a body, as HTTP requires); every other
//! method gets `405`. The server is hyper 1 (HTTP/1.1 with upgrades); each
//! connection runs in its own task, and [`serve_http`] stops accepting when its
//! cancellation token fires, asking open HTTP connections to finish gracefully.
//! Upgraded WebSocket connections belong to the broker from the handler on.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::WebSocketStream;
use tokio_util::sync::CancellationToken;
use tracing::{debug, trace, warn};

use super::ws_stream::WsByteStream;

/// Called with each accepted MQTT-over-WebSocket byte stream and the peer address.
///
/// It is called from a task of the HTTP listener and should return quickly
/// (typically by spawning the connection's own task).
pub type MqttStreamHandler = Arc<dyn Fn(WsByteStream, SocketAddr) + Send + Sync>;

/// The WebSocket subprotocols accepted for MQTT, in no particular order: `mqtt`
/// is the registered name [MQTT-6.0.0-3]; `mqttv3.1` is what older MQTT 3.1
/// clients offer.
pub const MQTT_SUBPROTOCOLS: [&str; 2] = ["mqtt", "mqttv3.1"];

/// Largest WebSocket message and frame accepted from a client (16 MiB).
///
/// It bounds a single WebSocket message, not an MQTT packet (packets may span
/// messages), and is generous enough for MQTT payloads of several megabytes from
/// clients that send one packet per message, as browsers' MQTT libraries do.
pub const WS_MAX_MESSAGE_SIZE: usize = 16 * 1024 * 1024;

/// How long a client may take to send a request's headers.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Pause after an accept error that is not about one connection (e.g. `EMFILE`),
/// so the loop does not spin while the condition lasts.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// The response body type of every answer.
type Body = Full<Bytes>;

/// Configuration of the HTTP listener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpConfig {
    /// Directory whose files are served for `GET` requests that are neither the
    /// health check nor the WebSocket path; `None` answers those with `404`.
    pub static_dir: Option<PathBuf>,
    /// Path of the MQTT-over-WebSocket endpoint, e.g. `"/mqtt"`.
    pub ws_path: String,
}

impl Default for HttpConfig {
    /// No static files; WebSocket endpoint at `/mqtt`.
    fn default() -> Self {
        Self {
            static_dir: None,
            ws_path: "/mqtt".to_owned(),
        }
    }
}

/// Serves HTTP on `listener` until `shutdown` is cancelled.
///
/// Each accepted connection is served in its own task; MQTT-over-WebSocket
/// connections are passed to `on_mqtt` once the handshake is done. When
/// `shutdown` fires this stops accepting and returns; open HTTP connections are
/// asked to shut down gracefully (finishing the request in progress) by their
/// own tasks. Accept errors are logged and never end the loop.
pub async fn serve_http(
    listener: TcpListener,
    config: Arc<HttpConfig>,
    on_mqtt: MqttStreamHandler,
    shutdown: CancellationToken,
) {
    let local = listener.local_addr().ok();
    debug!(?local, ws_path = %config.ws_path, "HTTP listener started");
    loop {
        let accepted = tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((tcp, peer)) => {
                debug!(%peer, "HTTP connection accepted");
                if let Err(e) = tcp.set_nodelay(true) {
                    debug!(%peer, error = %e, "could not set TCP_NODELAY");
                }
                tokio::spawn(serve_connection(
                    tcp,
                    peer,
                    config.clone(),
                    on_mqtt.clone(),
                    shutdown.clone(),
                ));
            }
            Err(e) if is_connection_error(&e) => {
                debug!(error = %e, "HTTP accept: connection failed before it was accepted");
            }
            Err(e) => {
                warn!(error = %e, "HTTP accept failed; backing off");
                tokio::select! {
                    () = shutdown.cancelled() => break,
                    () = tokio::time::sleep(ACCEPT_BACKOFF) => {}
                }
            }
        }
    }
    debug!(?local, "HTTP listener stopped");
}

/// Whether an accept error concerns only the one connection being accepted (so
/// the next accept may well succeed at once).
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::Interrupted
    )
}

/// Serves one HTTP connection until it closes, is upgraded or `shutdown` fires.
async fn serve_connection(
    tcp: TcpStream,
    peer: SocketAddr,
    config: Arc<HttpConfig>,
    on_mqtt: MqttStreamHandler,
    shutdown: CancellationToken,
) {
    let service = service_fn(move |req| {
        let config = config.clone();
        let on_mqtt = on_mqtt.clone();
        async move { Ok::<_, Infallible>(handle_request(req, &config, on_mqtt, peer).await) }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let conn = builder
        .serve_connection(TokioIo::new(tcp), service)
        .with_upgrades();
    let mut conn = std::pin::pin!(conn);
    let result = tokio::select! {
        result = conn.as_mut() => result,
        () = shutdown.cancelled() => {
            conn.as_mut().graceful_shutdown();
            conn.await
        }
    };
    match result {
        Ok(()) => debug!(%peer, "HTTP connection done"),
        Err(e) => debug!(%peer, error = %e, "HTTP connection ended with an error"),
    }
}

/// Routes one request.
async fn handle_request(
    mut req: Request<Incoming>,
    config: &HttpConfig,
    on_mqtt: MqttStreamHandler,
    peer: SocketAddr,
) -> Response<Body> {
    trace!(%peer, method = %req.method(), uri = %req.uri(), "HTTP request");
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut resp = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n");
        resp.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return resp;
    }
    let path = req.uri().path();
    if path == "/healthz" {
        return text(StatusCode::OK, "ok");
    }
    if path == config.ws_path {
        return websocket_upgrade(&mut req, on_mqtt, peer);
    }
    serve_static(config.static_dir.as_deref(), path).await
}

/// A plain-text response.
fn text(status: StatusCode, body: impl Into<Bytes>) -> Response<Body> {
    let mut resp = Response::new(Full::new(body.into()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// `404 Not Found`.
fn not_found() -> Response<Body> {
    text(StatusCode::NOT_FOUND, "not found\n")
}

/// Whether any of the `name` headers holds `token` in its comma-separated list
/// (compared case-insensitively, as `Connection` and `Upgrade` require).
fn has_token(headers: &HeaderMap, name: HeaderName, token: &str) -> bool {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

/// The MQTT subprotocol to answer with: the first of [`MQTT_SUBPROTOCOLS`] in the
/// order the client offered them, or `None` if it offered neither.
fn select_subprotocol(headers: &HeaderMap) -> Option<&'static str> {
    headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .find_map(|offered| {
            let offered = offered.trim();
            MQTT_SUBPROTOCOLS.into_iter().find(|p| *p == offered)
        })
}

/// The WebSocket settings for MQTT connections.
fn ws_config() -> WebSocketConfig {
    WebSocketConfig::default()
        .max_message_size(Some(WS_MAX_MESSAGE_SIZE))
        .max_frame_size(Some(WS_MAX_MESSAGE_SIZE))
}

/// A refusal of a WebSocket upgrade: plain text, and the connection is closed
/// after it, since a client that wanted a WebSocket has no use for it.
fn refuse_upgrade(status: StatusCode, why: &'static str) -> Response<Body> {
    let mut resp = text(status, why);
    resp.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    resp
}

/// Answers a request to the WebSocket path: `101` with the handshake and a task
/// that hands the upgraded connection to `on_mqtt`, or an error status saying
/// why the request was refused.
fn websocket_upgrade(
    req: &mut Request<Incoming>,
    on_mqtt: MqttStreamHandler,
    peer: SocketAddr,
) -> Response<Body> {
    let headers = req.headers();
    if req.method() != Method::GET
        || req.version() < Version::HTTP_11
        || !has_token(headers, header::CONNECTION, "upgrade")
        || !has_token(headers, header::UPGRADE, "websocket")
    {
        let mut resp = refuse_upgrade(
            StatusCode::UPGRADE_REQUIRED,
            "this endpoint speaks MQTT over WebSocket only: send a WebSocket upgrade \
             (HTTP/1.1 GET with Upgrade: websocket) offering subprotocol \"mqtt\"\n",
        );
        resp.headers_mut()
            .insert(header::UPGRADE, HeaderValue::from_static("websocket"));
        return resp;
    }
    if headers
        .get(header::SEC_WEBSOCKET_VERSION)
        .is_none_or(|v| v.as_bytes() != b"13")
    {
        let mut resp = refuse_upgrade(
            StatusCode::UPGRADE_REQUIRED,
            "unsupported WebSocket version: Sec-WebSocket-Version must be 13\n",
        );
        resp.headers_mut().insert(
            header::SEC_WEBSOCKET_VERSION,
            HeaderValue::from_static("13"),
        );
        return resp;
    }
    let Some(key) = headers
        .get(header::SEC_WEBSOCKET_KEY)
        .filter(|k| !k.is_empty())
    else {
        return refuse_upgrade(
            StatusCode::BAD_REQUEST,
            "missing Sec-WebSocket-Key header\n",
        );
    };
    let Some(protocol) = select_subprotocol(headers) else {
        debug!(%peer, "WebSocket upgrade refused: no MQTT subprotocol offered");
        return refuse_upgrade(
            StatusCode::BAD_REQUEST,
            "MQTT over WebSocket requires the WebSocket subprotocol \"mqtt\" \
             (or \"mqttv3.1\"): send Sec-WebSocket-Protocol: mqtt [MQTT-6.0.0-3]\n",
        );
    };
    let Ok(accept) = HeaderValue::try_from(derive_accept_key(key.as_bytes())) else {
        // Base64 is always a valid header value; refuse rather than panic anyway.
        return refuse_upgrade(StatusCode::INTERNAL_SERVER_ERROR, "handshake failed\n");
    };

    // Resolves once hyper has sent the 101 below and released the connection.
    let on_upgrade = hyper::upgrade::on(req);
    tokio::spawn(async move {
        match on_upgrade.await {
            Ok(upgraded) => {
                let ws = WebSocketStream::from_raw_socket(
                    TokioIo::new(upgraded),
                    Role::Server,
                    Some(ws_config()),
                )
                .await;
                debug!(%peer, protocol, "MQTT over WebSocket connection established");
                on_mqtt(WsByteStream::new(ws), peer);
            }
            Err(e) => debug!(%peer, error = %e, "WebSocket upgrade failed"),
        }
    });

    let mut resp = Response::new(Full::default());
    *resp.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let h = resp.headers_mut();
    h.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    h.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    h.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    h.insert(
        header::SEC_WEBSOCKET_PROTOCOL,
        HeaderValue::from_static(protocol),
    );
    resp
}

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is
/// not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request path to a path relative to the static directory, or `None`
/// if it must not be served: a malformed escape, a backslash, NUL or colon, a
/// `..` segment or any other segment starting with a dot (hidden files). The
/// checks are made after percent-decoding, so `%2e%2e` is `..`. Paths ending in
/// `/` (including `/` itself) map to that directory's `index.html`.
fn static_relative_path(uri_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(uri_path)?;
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0', ':']) {
        return None;
    }
    let mut rel = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') {
            return None;
        }
        rel.push(segment);
    }
    if decoded.ends_with('/') {
        rel.push("index.html");
    }
    Some(rel)
}

/// The `Content-Type` for a file, by extension.
fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("json" | "map") => "application/json",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serves a file from `static_dir` for the request path `uri_path`.
async fn serve_static(static_dir: Option<&Path>, uri_path: &str) -> Response<Body> {
    let Some(root) = static_dir else {
        return not_found();
    };
    let Some(rel) = static_relative_path(uri_path) else {
        debug!(path = uri_path, "static file request refused");
        return not_found();
    };
    let full = root.join(&rel);
    match tokio::fs::metadata(&full).await {
        Ok(meta) if meta.is_file() => {}
        _ => return not_found(),
    }
    let data = match tokio::fs::read(&full).await {
        Ok(data) => data,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied
            ) =>
        {
            return not_found();
        }
        Err(e) => {
            warn!(path = %full.display(), error = %e, "could not read static file");
            return text(StatusCode::INTERNAL_SERVER_ERROR, "internal error\n");
        }
    };
    let mut resp = Response::new(Full::new(Bytes::from(data)));
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&full)),
    );
    if rel.file_name().is_some_and(|n| n == "index.html") {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::{SinkExt, StreamExt};
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
        streams: mpsc::UnboundedReceiver<(WsByteStream, SocketAddr)>,
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
        let on_mqtt: MqttStreamHandler = Arc::new(move |stream, peer| {
            let _ = tx.send((stream, peer));
        });
        let config = Arc::new(HttpConfig {
            static_dir,
            ..HttpConfig::default()
        });
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(serve_http(listener, config, on_mqtt, shutdown.clone()));
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
    async fn connect(
        server: &mut Server,
        protocols: &'static str,
    ) -> (Client, String, WsByteStream) {
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
        assert!(peer.ip().is_loopback());
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
        let payload: Vec<u8> = (0..2 * 1024 * 1024 + 7).map(|i| (i % 251) as u8).collect();
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
}
