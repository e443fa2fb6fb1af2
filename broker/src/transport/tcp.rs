//! The MQTT-over-TCP listener.

use crate::connection;
use crate::state::BrokerState;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// Accepts TCP connections until shutdown and serves each on its own task.
pub async fn serve_tcp(listener: TcpListener, broker: Arc<BrokerState>) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = broker.shutdown.cancelled() => return,
        };
        match accepted {
            Ok((stream, peer)) => {
                if let Err(e) = stream.set_nodelay(true) {
                    tracing::debug!(%peer, error = %e, "TCP_NODELAY not set");
                }
                let broker_for_task = broker.clone();
                broker
                    .tasks
                    .spawn(connection::serve(broker_for_task, stream, peer));
            }
            Err(e) => {
                // EMFILE and friends: back off instead of spinning.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}
