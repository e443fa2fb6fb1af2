//! The broker's HTTP(S) listener: MQTT over WebSocket, a health check and static files.
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
//!
//! With a [`ServerTls`] the same routes are served over TLS (HTTPS, secure
//! WebSocket): the handshake runs in the connection's task, bounded by the
//! connect timeout, and the client's certificate chain (if any) goes with the
//! upgraded stream in its [`PeerInfo`].

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
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
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::WebSocketStream;
use tokio_util::sync::CancellationToken;
use tracing::{debug, trace, warn};

use super::static_files::serve_static;
#[cfg(test)]
use super::static_files::{content_type, static_relative_path};
use super::ws_stream::WsByteStream;
use crate::peer::PeerInfo;
use crate::pending::{PendingLimit, PendingSlot};
use crate::tls::ServerTls;

/// Called with each accepted MQTT-over-WebSocket byte stream, what is known of the
/// peer, and the socket's [`PendingSlot`] (to be given back at CONNACK).
///
/// It is called from a task of the HTTP listener and should return quickly
/// (typically by spawning the connection's own task).
pub type MqttStreamHandler = Arc<dyn Fn(WsByteStream, PeerInfo, PendingSlot) + Send + Sync>;

/// Answers one request under `/api/`: injected by the broker (the admin API),
/// as MQTT is, so the listener depends on neither.
pub type ApiHandler = Arc<
    dyn Fn(Request<Incoming>) -> futures_util::future::BoxFuture<'static, Response<Body>>
        + Send
        + Sync,
>;

/// A socket's pending slot while it is an HTTP connection: taken by the WebSocket
/// upgrade, else given back when the connection closes.
type SharedSlot = Arc<parking_lot::Mutex<Option<PendingSlot>>>;

/// The WebSocket subprotocols accepted for MQTT, in no particular order: `mqtt`
/// is the registered name [MQTT-6.0.0-3]; `mqttv3.1` is what older MQTT 3.1
/// clients offer.
pub const MQTT_SUBPROTOCOLS: [&str; 2] = ["mqtt", "mqttv3.1"];

/// Room above `mqtt.max_packet_size` a WebSocket frame or message may take: the
/// MQTT fixed header and a few small packets a client may put in the same
/// message as a large one.
pub const WS_HEADER_ROOM: usize = 4 * 1024;

/// Largest WebSocket frame and message accepted from a client (and largest frame
/// written to one): the largest MQTT packet plus [`WS_HEADER_ROOM`].
///
/// It bounds what one connection can make the broker buffer before a single byte
/// reaches MQTT (tungstenite keeps a frame until it is complete): a client
/// announcing a larger frame is closed as soon as the frame header arrives. MQTT
/// packets may span messages, so a client that splits a packet is not affected.
pub fn ws_message_limit(max_packet_size: u32) -> usize {
    usize::try_from(max_packet_size)
        .unwrap_or(usize::MAX)
        .saturating_add(WS_HEADER_ROOM)
}

/// How long a client may take to send a request's headers.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Pause after an accept error that is not about one connection (e.g. `EMFILE`),
/// so the loop does not spin while the condition lasts.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// The response body type of every answer.
/// The body of every response.
pub type Body = Full<Bytes>;

/// Configuration of the HTTP listener.
#[derive(Clone)]
pub struct HttpConfig {
    /// Directory whose files are served for `GET` requests that are neither the
    /// health check nor the WebSocket path; `None` answers those with `404`.
    pub static_dir: Option<PathBuf>,
    /// Path of the MQTT-over-WebSocket endpoint, e.g. `"/mqtt"`.
    pub ws_path: String,
    /// What answers `/api/...` (the admin API, given by the broker); `None`
    /// (open mode) answers 404.
    pub api: Option<ApiHandler>,
    /// Idle time before the first TCP keep-alive probe on accepted sockets; `None`: off.
    pub tcp_keepalive: Option<Duration>,
    /// Largest WebSocket frame and message, each way (see [`ws_message_limit`]).
    pub ws_max_message: usize,
    /// The cap on sockets that have not finished CONNECT, shared with the other
    /// listeners; each accepted socket takes a slot first.
    pub pending: Arc<PendingLimit>,
    /// `GET /metrics`; `None` answers 404.
    pub metrics: Option<Arc<crate::metrics::MetricsEndpoint>>,
}

impl Default for HttpConfig {
    /// No static files; WebSocket endpoint at `/mqtt`; no TCP keep-alive; the default
    /// packet limit; no cap on pending sockets.
    fn default() -> Self {
        Self {
            static_dir: None,
            ws_path: "/mqtt".to_owned(),
            api: None,
            tcp_keepalive: None,
            ws_max_message: ws_message_limit(crate::config::MqttConfig::default().max_packet_size),
            pending: PendingLimit::unlimited(),
            metrics: None,
        }
    }
}

/// Serves HTTP on `listener` (HTTPS with `tls`) until `shutdown` is cancelled.
///
/// Each accepted connection is served in its own task (which runs the TLS
/// handshake first, if any); MQTT-over-WebSocket
/// connections are passed to `on_mqtt` once the handshake is done. When
/// `shutdown` fires this stops accepting and returns; open HTTP connections are
/// asked to shut down gracefully (finishing the request in progress) by their
/// own tasks. Accept errors are logged and never end the loop.
pub async fn serve_http(
    listener: TcpListener,
    config: Arc<HttpConfig>,
    on_mqtt: MqttStreamHandler,
    shutdown: CancellationToken,
    tls: Option<ServerTls>,
) {
    let local = listener.local_addr().ok();
    let secure = tls.is_some();
    debug!(?local, secure, ws_path = %config.ws_path, "HTTP listener started");
    loop {
        let accepted = tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((tcp, peer)) => {
                let Some(slot) = config.pending.try_acquire() else {
                    debug!(
                        %peer,
                        refused = config.pending.refused(),
                        "too many sockets have not finished CONNECT: closed at once"
                    );
                    continue;
                };
                debug!(%peer, "HTTP connection accepted");
                super::socket::configure_accepted(&tcp, config.tcp_keepalive);
                tokio::spawn(serve_socket(
                    tcp,
                    peer,
                    slot,
                    tls.clone(),
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

/// Serves one accepted socket: the TLS handshake when there is one, then HTTP.
async fn serve_socket(
    tcp: TcpStream,
    addr: SocketAddr,
    slot: PendingSlot,
    tls: Option<ServerTls>,
    config: Arc<HttpConfig>,
    on_mqtt: MqttStreamHandler,
    shutdown: CancellationToken,
) {
    let slot: SharedSlot = Arc::new(parking_lot::Mutex::new(Some(slot)));
    match tls {
        None => {
            let peer = PeerInfo::plain(addr);
            serve_connection(tcp, peer, slot, config, on_mqtt, shutdown).await
        }
        Some(tls) => match tls.accept(tcp, addr, &shutdown).await {
            Ok((stream, peer)) => {
                serve_connection(stream, peer, slot, config, on_mqtt, shutdown).await
            }
            Err(e) => debug!(%addr, error = %e, "HTTPS connection closed"),
        },
    }
}

/// Serves one HTTP connection until it closes, is upgraded or `shutdown` fires.
async fn serve_connection<IO>(
    io: IO,
    peer: PeerInfo,
    slot: SharedSlot,
    config: Arc<HttpConfig>,
    on_mqtt: MqttStreamHandler,
    shutdown: CancellationToken,
) where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service_peer = peer.clone();
    let service = service_fn(move |req| {
        let config = config.clone();
        let on_mqtt = on_mqtt.clone();
        let peer = service_peer.clone();
        let slot = slot.clone();
        async move { Ok::<_, Infallible>(handle_request(req, &config, on_mqtt, peer, slot).await) }
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let conn = builder
        .serve_connection(TokioIo::new(io), service)
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
    peer: PeerInfo,
    slot: SharedSlot,
) -> Response<Body> {
    trace!(%peer, method = %req.method(), uri = %req.uri(), "HTTP request");
    if req.uri().path().starts_with("/api/") {
        return match &config.api {
            Some(api) => api(req).await,
            None => text(
                StatusCode::NOT_FOUND,
                "the admin API needs the access model (it is off in open mode)\n",
            ),
        };
    }
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
    if path == "/metrics" {
        return match &config.metrics {
            Some(metrics) => metrics_response(metrics, &req, &peer),
            None => not_found(),
        };
    }
    if path == config.ws_path {
        return websocket_upgrade(&mut req, on_mqtt, peer, config.ws_max_message, slot);
    }
    serve_static(config.static_dir.as_deref(), path).await
}

/// `GET /metrics`: the metrics, or 401/403 with the rule that refused them.
fn metrics_response(
    metrics: &crate::metrics::MetricsEndpoint,
    req: &Request<Incoming>,
    peer: &PeerInfo,
) -> Response<Body> {
    use crate::metrics::endpoint::{Refused, CONTENT_TYPE};
    let authorization = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match metrics.scrape(peer.addr.ip(), authorization) {
        Ok(body) => {
            let mut resp = text(StatusCode::OK, body);
            resp.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
            resp
        }
        Err(refused @ Refused::WrongToken) => {
            let mut resp = text(StatusCode::UNAUTHORIZED, format!("{refused}\n"));
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            resp
        }
        Err(refused @ Refused::NotLoopback) => text(StatusCode::FORBIDDEN, format!("{refused}\n")),
    }
}

/// A plain-text response.
pub(super) fn text(status: StatusCode, body: impl Into<Bytes>) -> Response<Body> {
    let mut resp = Response::new(Full::new(body.into()));
    *resp.status_mut() = status;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// `404 Not Found`.
pub(super) fn not_found() -> Response<Body> {
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

/// The WebSocket settings for MQTT connections: frames and messages up to
/// `max_message` bytes, and a write buffer that holds at most one such frame
/// beyond tungstenite's usual flush threshold (the byte stream writes frames no
/// larger than that, see [`WsByteStream::with_max_frame`]).
pub fn ws_config(max_message: usize) -> WebSocketConfig {
    let config = WebSocketConfig::default()
        .max_message_size(Some(max_message))
        .max_frame_size(Some(max_message));
    // 14 bytes: the largest WebSocket frame header.
    let max_write = config
        .write_buffer_size
        .saturating_add(max_message)
        .saturating_add(14);
    config.max_write_buffer_size(max_write)
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
    peer: PeerInfo,
    max_message: usize,
    slot: SharedSlot,
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
    let peer = PeerInfo {
        websocket: true,
        ..peer
    };
    // The socket's pending slot goes with it to the MQTT connection.
    let slot = slot.lock().take().unwrap_or_default();
    tokio::spawn(async move {
        match on_upgrade.await {
            Ok(upgraded) => {
                let ws = WebSocketStream::from_raw_socket(
                    TokioIo::new(upgraded),
                    Role::Server,
                    Some(ws_config(max_message)),
                )
                .await;
                debug!(%peer, protocol, "MQTT over WebSocket connection established");
                on_mqtt(
                    WsByteStream::new(ws).with_max_frame(max_message),
                    peer,
                    slot,
                );
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

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
