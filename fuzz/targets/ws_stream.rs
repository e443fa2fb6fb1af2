//! Fuzz target `ws_stream`: bytes → the WebSocket byte stream
//! (`tern::transport::ws_stream::WsByteStream`) a `/mqtt` upgrade becomes.
//!
//! The bytes are what a client sends after the upgrade (WebSocket frames; a
//! client masks its frames, and mask key 0 leaves the payload as it is, which
//! the seeds use). They reach a server-role `WebSocketStream` with the HTTP
//! listener's limits (16 MiB messages and frames) over `tokio::io::duplex`,
//! wrapped in a `WsByteStream`, on a current-thread runtime with a paused
//! clock.
//!
//! Input: one flags byte, then the client's bytes. Flags: bits 0-2 pick the
//! write chunk size (`connection::CHUNKS`); bit 3 keeps the client's side
//! open after its bytes; bit 4 serves an MQTT connection over the stream
//! (`tern::serve_connection`, access model on, as in the `connection`
//! target) instead of echoing every byte read back (one write and flush per
//! read, then shutdown).

use crate::connection::{drive_client, finish, runtime, shared_broker, CHUNKS};
use std::time::Duration;
use tern::peer::PeerInfo;
use tern::pending::PendingSlot;
use tern::transport::ws_stream::WsByteStream;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::WebSocketStream;

/// The HTTP listener's WebSocket limits, for the default packet size.
fn ws_config() -> WebSocketConfig {
    let max = tern::transport::http::ws_message_limit(tern::Config::default().mqtt.max_packet_size);
    tern::transport::http::ws_config(max)
}

/// The fuzz target.
pub fn run(data: &[u8]) {
    crate::common::run_guarded(|| serve_input(data));
}

fn serve_input(data: &[u8]) {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let chunk = CHUNKS[usize::from(flags & 7)];
    let keep_open = flags & 8 != 0;
    let mqtt = flags & 16 != 0;
    let (state, _access) = shared_broker();
    runtime().block_on(async {
        let (client_side, server_side) = tokio::io::duplex(64 * 1024);
        let client = drive_client(client_side, bytes, chunk, keep_open, Duration::ZERO);
        let server = async {
            let ws = WebSocketStream::from_raw_socket(server_side, Role::Server, Some(ws_config()))
                .await;
            let mut stream = WsByteStream::new(ws);
            if mqtt {
                let peer = PeerInfo::plain(([127, 0, 0, 1], 40_000).into());
                tern::serve_connection(state.clone(), stream, peer, PendingSlot::none()).await;
                return;
            }
            let mut buf = vec![0u8; 1024];
            loop {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if stream.write_all(&buf[..n]).await.is_err()
                            || stream.flush().await.is_err()
                        {
                            break;
                        }
                    }
                }
            }
            let _ = stream.shutdown().await;
        };
        finish(&state, futures_util::future::join(client, server)).await;
    });
}
