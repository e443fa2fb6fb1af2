//! The MQTT-over-TCP listener, and MQTT over TLS on top of it.
//!
//! Accepted sockets get `TCP_NODELAY` and TCP keep-alive (see `socket`); each
//! first takes a slot of the pending-connection cap (see `pending`) and is
//! closed at once when there is none.
//!
//! The accept loop only accepts: the TLS handshake (when there is one) runs in
//! the connection's own task, bounded by the connect timeout, so a slow or
//! broken client never delays the next accept.

use crate::connection;
use crate::peer::PeerInfo;
use crate::pending::PendingSlot;
use crate::state::BrokerState;
use crate::tls::ServerTls;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};

/// Accepts TCP connections until shutdown and serves each on its own task;
/// with `tls`, each connection first completes a TLS handshake.
pub async fn serve_tcp(listener: TcpListener, broker: Arc<BrokerState>, tls: Option<ServerTls>) {
    let keepalive = super::socket::keepalive_from_secs(broker.config.listeners.tcp_keepalive_secs);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = broker.shutdown.cancelled() => return,
        };
        match accepted {
            Ok((stream, peer)) => {
                let Some(slot) = broker.pending.try_acquire() else {
                    tracing::debug!(
                        %peer,
                        refused = broker.pending.refused(),
                        "too many sockets have not finished CONNECT: closed at once"
                    );
                    continue;
                };
                super::socket::configure_accepted(&stream, keepalive);
                let broker_for_task = broker.clone();
                let tls = tls.clone();
                broker
                    .tasks
                    .spawn(serve_socket(broker_for_task, stream, peer, slot, tls));
            }
            Err(e) => {
                // EMFILE and friends: back off instead of spinning.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// Serves one accepted socket, after the TLS handshake when there is one.
///
/// Each kind of connection runs in a boxed future of its own size: inline, every
/// plain TCP task would also reserve the room a TLS connection needs, and most
/// of a fleet's connections sit idle in these futures.
async fn serve_socket(
    broker: Arc<BrokerState>,
    stream: TcpStream,
    addr: SocketAddr,
    slot: PendingSlot,
    tls: Option<ServerTls>,
) {
    match tls {
        None => {
            let peer = PeerInfo::plain(addr);
            Box::pin(connection::serve(broker, stream, peer, slot)).await
        }
        Some(tls) => Box::pin(serve_tls(broker, stream, addr, slot, tls)).await,
    }
}

/// Completes the TLS handshake, then serves the connection.
async fn serve_tls(
    broker: Arc<BrokerState>,
    stream: TcpStream,
    addr: SocketAddr,
    slot: PendingSlot,
    tls: ServerTls,
) {
    match tls.accept(stream, addr, &broker.shutdown).await {
        Ok((stream, peer)) => {
            tracing::debug!(
                %peer,
                client_certificate = peer.client_certificate_chain.is_some(),
                "TLS handshake done"
            );
            Box::pin(connection::serve(broker, stream, peer, slot)).await;
        }
        Err(e) => tracing::debug!(%addr, error = %e, "TLS connection closed"),
    }
}
