//! What a listener hands a connection about the other end: its address, the
//! client certificate chain of a TLS handshake, whether MQTT arrives over
//! WebSocket. Its own module because the listeners (`transport`), the TLS
//! layer (`tls`) and the connection all need it, and none of them should
//! depend on another for it.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

/// What the transport knows about the other end of a connection.
///
/// The connection passes the certificate chain on to the access model in
/// [`ConnectRequest`](crate::access::ConnectRequest); it shows as the address in logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerInfo {
    /// The remote socket address.
    pub addr: SocketAddr,
    /// The certificate chain the client presented during the TLS handshake
    /// (DER, leaf first); `None` on plain transports or when it sent none.
    pub client_certificate_chain: Option<Arc<Vec<Vec<u8>>>>,
    /// Whether MQTT arrives over WebSocket (the metrics' `MQTT3-WS`/`MQTT5-WS`).
    pub websocket: bool,
}

impl PeerInfo {
    /// A peer on a plain (non-TLS) transport.
    pub fn plain(addr: SocketAddr) -> Self {
        Self {
            addr,
            client_certificate_chain: None,
            websocket: false,
        }
    }
}

impl fmt::Display for PeerInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.addr.fmt(f)
    }
}
