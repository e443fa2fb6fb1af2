//! Options every accepted TCP socket gets, whichever listener accepted it:
//! `TCP_NODELAY` (MQTT packets are small and latency matters) and TCP
//! keep-alive (`SO_KEEPALIVE`), so a peer that vanished without a FIN or RST —
//! a device that lost power, a NAT that forgot the flow — is noticed by the
//! operating system even when the client asked for no MQTT keep alive.

use std::time::Duration;
use tokio::net::TcpStream;

/// Sets the options of an accepted socket; `keepalive` is the idle time before
/// the first TCP keep-alive probe (`None`: keep-alive stays off). Failures are
/// logged and otherwise ignored: the connection works without them.
pub(crate) fn configure_accepted(stream: &TcpStream, keepalive: Option<Duration>) {
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!(error = %e, "TCP_NODELAY not set");
    }
    let Some(idle) = keepalive else { return };
    // Probes every quarter of the idle time: with Linux's 9 probes a dead peer is
    // dropped about 3¼ × the idle time after its last sign of life.
    let interval = (idle / 4).max(Duration::from_secs(1));
    let params = socket2::TcpKeepalive::new()
        .with_time(idle)
        .with_interval(interval);
    if let Err(e) = socket2::SockRef::from(stream).set_tcp_keepalive(&params) {
        tracing::debug!(error = %e, "TCP keep-alive not set");
    }
}

/// The TCP keep-alive idle time of `listeners.tcp_keepalive_secs` (0: off).
pub(crate) fn keepalive_from_secs(secs: u64) -> Option<Duration> {
    (secs > 0).then(|| Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    /// A connected pair: (the accepted socket, the client's).
    async fn accepted() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        let (server, _) = listener.accept().await.unwrap();
        (server, client)
    }

    #[tokio::test]
    async fn accepted_sockets_get_keepalive_and_nodelay() {
        let (server, _client) = accepted().await;
        configure_accepted(&server, Some(Duration::from_secs(60)));
        let sock = socket2::SockRef::from(&server);
        assert!(sock.keepalive().unwrap(), "SO_KEEPALIVE set");
        assert_eq!(sock.tcp_keepalive_time().unwrap(), Duration::from_secs(60));
        assert_eq!(
            sock.tcp_keepalive_interval().unwrap(),
            Duration::from_secs(15)
        );
        assert!(server.nodelay().unwrap());
    }

    #[tokio::test]
    async fn keepalive_off_leaves_it_off() {
        let (server, _client) = accepted().await;
        configure_accepted(&server, None);
        assert!(!socket2::SockRef::from(&server).keepalive().unwrap());
        assert!(server.nodelay().unwrap());
    }
}
