//! The webhook receiver of the routing tests: a real hyper server (plain or
//! TLS) on loopback that records every request and answers as scripted.

use crate::common::WAIT;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, Semaphore};

/// How long [`Receiver::expect_no_delivery`] watches for an attempt that
/// must not be made.
///
/// The MQTT tests show absence with a sentinel that would come after the
/// unwanted packet; a webhook delivery has none. The attempts these checks
/// rule out are retries, driven by timers, and an event waiting for its retry
/// is set aside while later events overtake it (broker/src/routing/delivery.rs),
/// so no later delivery is sure to come after it. So these few checks watch a
/// fixed window instead: on a slow machine they may pass falsely (the attempt
/// comes later), never fail falsely.
const NO_DELIVERY_WINDOW: Duration = Duration::from_millis(300);

/// One request the receiver got.
pub(super) struct Delivery {
    pub(super) content_type: String,
    pub(super) headers: hyper::HeaderMap,
    pub(super) event: Value,
}

/// A webhook receiver. Each request's CloudEvent `subject` (the MQTT topic)
/// picks the next scripted status for that topic (200 when none is left); a
/// topic in `hold` is answered only once a permit is added to `release`. It
/// answers the validation handshake (`OPTIONS`) with `WebHook-Allowed-Origin:
/// *` while `allow` holds, and with no such header otherwise.
pub(super) struct Receiver {
    pub(super) url: String,
    pub(super) deliveries: mpsc::UnboundedReceiver<Delivery>,
    pub(super) script: Arc<Mutex<HashMap<String, VecDeque<u16>>>>,
    pub(super) release: Arc<Semaphore>,
    pub(super) allow: Arc<std::sync::atomic::AtomicBool>,
    /// `WebHook-Request-Origin` of every handshake, in order.
    pub(super) handshakes: Arc<Mutex<Vec<String>>>,
}

impl Receiver {
    pub(super) async fn start(hold: &'static str) -> Self {
        Self::start_with(hold, None).await
    }

    /// A receiver on HTTPS with the test PKI's server certificate.
    pub(super) async fn start_tls(pki: &crate::tls_support::Pki) -> Self {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let chain = CertificateDer::pem_file_iter(&pki.server.cert_path)
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let key = PrivateKeyDer::from_pem_file(&pki.server.key_path).unwrap();
        let config = rustls::ServerConfig::builder_with_provider(crate::tls_support::provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap();
        Self::start_with("", Some(tokio_rustls::TlsAcceptor::from(Arc::new(config)))).await
    }

    /// A plain receiver on `addr` (a port chosen earlier).
    pub(super) async fn start_on(addr: &str) -> Self {
        Self::serve(TcpListener::bind(addr).await.unwrap(), "", None)
    }

    pub(super) async fn start_with(
        hold: &'static str,
        tls: Option<tokio_rustls::TlsAcceptor>,
    ) -> Self {
        Self::serve(TcpListener::bind("127.0.0.1:0").await.unwrap(), hold, tls)
    }

    pub(super) fn serve(
        listener: TcpListener,
        hold: &'static str,
        tls: Option<tokio_rustls::TlsAcceptor>,
    ) -> Self {
        let scheme = if tls.is_some() { "https" } else { "http" };
        let url = format!("{scheme}://{}/hook", listener.local_addr().unwrap());
        let (tx, deliveries) = mpsc::unbounded_channel();
        let script: Arc<Mutex<HashMap<String, VecDeque<u16>>>> = Arc::default();
        let release = Arc::new(Semaphore::new(0));
        let allow = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let handshakes: Arc<Mutex<Vec<String>>> = Arc::default();
        let shared = (
            script.clone(),
            release.clone(),
            allow.clone(),
            handshakes.clone(),
        );
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let (tx, shared) = (tx.clone(), shared.clone());
                let service = hyper::service::service_fn(move |req: Request<Incoming>| {
                    let tx = tx.clone();
                    let (script, release, allow, handshakes) = shared.clone();
                    async move {
                        if req.method() == hyper::Method::OPTIONS {
                            let origin = req
                                .headers()
                                .get("webhook-request-origin")
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or_default()
                                .to_owned();
                            handshakes.lock().unwrap().push(origin);
                            let mut response = Response::new(Full::new(Bytes::new()));
                            if allow.load(std::sync::atomic::Ordering::SeqCst) {
                                response
                                    .headers_mut()
                                    .insert("WebHook-Allowed-Origin", "*".parse().unwrap());
                            }
                            return Ok(response);
                        }
                        let content_type = req
                            .headers()
                            .get("content-type")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_owned();
                        let headers = req.headers().clone();
                        let body = req.into_body().collect().await?.to_bytes();
                        let event: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                        // A batch is scripted (and held) by its first event.
                        let first = if event.is_array() { &event[0] } else { &event };
                        let subject = first["subject"].as_str().unwrap_or_default().to_owned();
                        let status = script
                            .lock()
                            .unwrap()
                            .get_mut(&subject)
                            .and_then(VecDeque::pop_front)
                            .unwrap_or(200);
                        let _ = tx.send(Delivery {
                            content_type,
                            headers,
                            event,
                        });
                        if subject == hold {
                            let _ = release.acquire().await.map(|p| p.forget());
                        }
                        let mut response = Response::new(Full::new(Bytes::new()));
                        *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap();
                        Ok::<_, hyper::Error>(response)
                    }
                });
                let tls = tls.clone();
                tokio::spawn(async move {
                    let http = hyper::server::conn::http1::Builder::new();
                    match tls {
                        None => {
                            let _ = http.serve_connection(TokioIo::new(tcp), service).await;
                        }
                        Some(acceptor) => {
                            if let Ok(stream) = acceptor.accept(tcp).await {
                                let _ = http.serve_connection(TokioIo::new(stream), service).await;
                            }
                        }
                    }
                });
            }
        });
        Self {
            url,
            deliveries,
            script,
            release,
            allow,
            handshakes,
        }
    }

    pub(super) fn answer(&self, topic: &str, statuses: &[u16]) {
        self.script
            .lock()
            .unwrap()
            .insert(topic.to_owned(), statuses.iter().copied().collect());
    }

    pub(super) async fn next(&mut self) -> Delivery {
        tokio::time::timeout(WAIT, self.deliveries.recv())
            .await
            .expect("a delivery in time")
            .expect("the receiver runs")
    }

    /// Asserts that no request arrives within [`NO_DELIVERY_WINDOW`] (`why`
    /// says what must not happen). Only where no sentinel can follow the
    /// unwanted attempt (see [`NO_DELIVERY_WINDOW`]).
    pub(super) async fn expect_no_delivery(&mut self, why: &str) {
        if let Ok(delivery) = tokio::time::timeout(NO_DELIVERY_WINDOW, self.deliveries.recv()).await
        {
            let event = delivery.map(|d| d.event);
            panic!("{why}: got {event:?}");
        }
    }
}
