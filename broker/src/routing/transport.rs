//! How a route reaches its webhook: plain HTTP through hyper-util's pooled
//! client, or HTTPS over rustls trusting only the route's own CA certificate
//! (a self-hosted broker's webhooks are usually signed by a private CA; the
//! system's roots are not consulted), one connection kept for reuse.

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, Response};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use std::sync::Arc;
use tern_access::Route;
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

/// The client of one route's webhook.
pub enum WebhookClient {
    /// `http://`.
    Plain(Client<HttpConnector, Full<Bytes>>),
    /// `https://`, trusting the route's CA.
    Tls {
        /// rustls with the route's CA as the only root.
        connector: TlsConnector,
        /// The open connection, if any.
        open: Option<SendRequest<Full<Bytes>>>,
    },
}

impl WebhookClient {
    /// The client for `route`'s URL (its CA certificate for `https://`).
    pub fn for_route(route: &Route) -> Result<Self, String> {
        if !route.endpoint_url.starts_with("https://") {
            let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
            return Ok(Self::Plain(client));
        }
        let pem = route
            .ca_certificate
            .as_deref()
            .ok_or("an https:// route needs caCertificate")?;
        let mut roots = rustls::RootCertStore::empty();
        for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
            let cert = cert.map_err(|e| format!("caCertificate: {e}"))?;
            roots.add(cert).map_err(|e| format!("caCertificate: {e}"))?;
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(Self::Tls {
            connector: TlsConnector::from(Arc::new(config)),
            open: None,
        })
    }

    /// Sends `request` (an absolute URL) and returns the response head.
    pub async fn send(
        &mut self,
        request: Request<Full<Bytes>>,
    ) -> Result<Response<Incoming>, String> {
        match self {
            Self::Plain(client) => client
                .request(request)
                .await
                .map_err(|e| format!("transport error: {e}")),
            Self::Tls { connector, open } => {
                let mut sender = match open.take() {
                    Some(sender) if !sender.is_closed() => sender,
                    _ => connect(connector, &request).await?,
                };
                sender
                    .ready()
                    .await
                    .map_err(|e| format!("transport error: {e}"))?;
                let request = origin_form(request)?;
                let response = sender
                    .send_request(request)
                    .await
                    .map_err(|e| format!("transport error: {e}"))?;
                *open = Some(sender);
                Ok(response)
            }
        }
    }
}

/// Opens a TLS connection to the request's host and port.
async fn connect(
    connector: &TlsConnector,
    request: &Request<Full<Bytes>>,
) -> Result<SendRequest<Full<Bytes>>, String> {
    let uri = request.uri();
    let host = uri.host().ok_or("the URL has no host")?.to_owned();
    let port = uri.port_u16().unwrap_or(443);
    let bare = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let tcp = TcpStream::connect((bare.as_str(), port))
        .await
        .map_err(|e| format!("transport error: connecting to {host}:{port}: {e}"))?;
    let _ = tcp.set_nodelay(true);
    let name = ServerName::try_from(bare).map_err(|e| format!("server name {host}: {e}"))?;
    let tls = connector
        .connect(name, tcp)
        .await
        .map_err(|e| format!("TLS handshake with {host}:{port}: {e}"))?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tls))
        .await
        .map_err(|e| format!("transport error: {e}"))?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    Ok(sender)
}

/// The request with its URI in origin form (path and query) and a Host
/// header, as a request on an open connection is sent.
fn origin_form(request: Request<Full<Bytes>>) -> Result<Request<Full<Bytes>>, String> {
    let (mut parts, body) = request.into_parts();
    let authority = parts
        .uri
        .authority()
        .map(|a| a.as_str().to_owned())
        .ok_or("the URL has no host")?;
    let path = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    parts.uri = path.parse().map_err(|e| format!("URL path: {e}"))?;
    parts.headers.insert(
        hyper::header::HOST,
        authority.parse().map_err(|e| format!("Host: {e}"))?,
    );
    Ok(Request::from_parts(parts, body))
}
