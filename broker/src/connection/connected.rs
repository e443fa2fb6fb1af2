//! The life of a connected client: CONNACK and resumption, the main loop
//! (input, the session's queue, control messages, timers, flow control), and
//! the clean-up when it ends (session detached, will, life-cycle event).

use super::handshake::Start;
use super::{authz, buffers, CloseReason, Conn, Connected, Stream};
use crate::lifecycle::DisconnectionReason;
use crate::session::{Control, SessionCell};
use std::sync::Arc;
use std::time::Duration;
use tern_protocol::mqtt::connection::TimerKind;
use tern_protocol::mqtt::result_code::DisconnectReasonCode;
use tokio::io::AsyncWriteExt;
use tokio::time::Instant;

impl<S: Stream> Conn<S, Connected> {
    /// Runs the connection once CONNACK is written (see [`Conn::begin`])
    /// until it ends; returns why it ended.
    pub(super) async fn run(&mut self) -> CloseReason {
        if let Some(reason) = self.closing {
            return reason;
        }
        // CONNACK is written next: the socket no longer counts as pending.
        self.pending_slot.release();
        // The resumption and re-authentication futures are boxed: they are
        // short-lived, and inline they would make every idle connection's
        // task as large as the largest of them.
        if let Err(reason) = Box::pin(self.after_connack()).await {
            return reason;
        }
        loop {
            if let Some(reason) = self.closing {
                return reason;
            }
            if std::mem::take(&mut self.access_change_seen) {
                // Announced while a write was in progress (see `write_out`).
                self.on_access_changed();
                continue;
            }
            if let Some(data) = self.phase.pending_reauth.take() {
                Box::pin(self.reauthenticate(data)).await;
                // The AUTH Success must leave now, not with the next packet.
                if self.flush().await.is_err() {
                    return CloseReason::ConnectionLost;
                }
                continue;
            }
            let session = self.client().session.clone();
            let keep_alive = self.keep_alive_deadline;
            let credential_expiry = self
                .client()
                .identity
                .expires_at
                .and_then(authz::until_unix);
            let held_back_by = self.phase.held_back_by.clone();
            let drain_pending = self.phase.drain_pending;
            let stall_after =
                Duration::from_millis(self.broker.config.sessions.subscriber_stall_ms);
            tokio::select! {
                biased;
                control = self.control.recv() => {
                    return self.on_control(control).await;
                }
                _ = self.broker.shutdown.cancelled() => {
                    return self.on_control(Control::ServerShutdown).await;
                }
                // Before input: once an access change is announced, nothing the
                // client sends afterwards is judged by the old rules.
                changed = self.access_changes.changed() => match changed {
                    Ok(()) => self.on_access_changed(),
                    // The broker state (and its sender) outlives connections.
                    Err(_) => return CloseReason::ServerInitiated,
                },
                // Flow control: no more input while a subscriber of this client's
                // messages is behind (see `session`'s flow control).
                _ = wait_for_all(&held_back_by, stall_after), if !held_back_by.is_empty() => {
                    self.phase.held_back_by.clear();
                }
                read = buffers::read_sized(&mut self.stream, &mut self.read_buf, &mut self.read_sizing),
                    if held_back_by.is_empty() => {
                    match read {
                        Ok(0) | Err(_) => return CloseReason::ConnectionLost,
                        Ok(n) => {
                            self.traffic.received(n);
                            self.process_input();
                        }
                    }
                }
                _ = session.wake.notified() => {}
                // The last drain stopped at the write budget: go on once what was
                // written has left (after any input, which comes first).
                _ = std::future::ready(()), if drain_pending => {}
                _ = sleep_opt(credential_expiry) => self.on_credential_expired(),
                // Not while held back: what the client sent meanwhile is unread, so
                // the keep alive is judged once reading resumes (the read comes first).
                _ = sleep_until_opt(keep_alive), if held_back_by.is_empty() => {
                    // First: the library's DISCONNECT asks to close too.
                    self.close(CloseReason::KeepAliveTimeout);
                    let events = self.proto.notify_timer_fired(TimerKind::PingreqRecv);
                    self.handle_events(events);
                }
            }
            self.drain_queue();
            // Before the write: a client that has its PUBACK sees itself counted.
            self.phase.client.metrics.flush();
            if self.flush_interruptible().await.is_err() {
                return match self.interrupted_by.take() {
                    // The socket is mid-packet: no DISCONNECT can be framed.
                    Some(control) => {
                        self.end_because(disconnection_reason(control));
                        CloseReason::ServerInitiated
                    }
                    None => CloseReason::ConnectionLost,
                };
            }
        }
    }

    /// Sends CONNACK and the Connected event; a resumed session loses the
    /// subscriptions its client may no longer hold.
    pub(super) fn begin(&mut self, start: Start) {
        let Some(connack) = start.connack else {
            tracing::error!(client_id = %self.client().client_id, "CONNACK could not be built: closing");
            self.close(CloseReason::ServerInitiated);
            return;
        };
        self.send(connack);
        self.broker.publish_from_broker(Arc::new(start.connected));
        if start.present && !self.broker.access.is_static() {
            self.drop_disallowed_subscriptions();
        }
    }

    async fn on_control(&mut self, control: Control) -> CloseReason {
        self.end_because(disconnection_reason(control));
        let code = match control {
            Control::TakenOver => DisconnectReasonCode::SessionTakenOver,
            Control::QuotaExceeded => DisconnectReasonCode::QuotaExceeded,
            Control::ServerShutdown => DisconnectReasonCode::ServerShuttingDown,
            Control::Administrative => DisconnectReasonCode::AdministrativeAction,
        };
        self.disconnect(code, CloseReason::ServerInitiated);
        let _ = self.flush().await;
        CloseReason::ServerInitiated
    }

    /// Ends the connection: flushes, closes, detaches the session and handles the will.
    ///
    /// The session is detached before the socket is closed, so a client that sees the
    /// socket close can rely on the session being settled (offline, or gone when its
    /// expiry is 0) when it reconnects at once.
    pub(super) async fn finish(&mut self, reason: CloseReason) {
        let _ = tokio::time::timeout(Duration::from_secs(2), self.flush()).await;
        self.pending_slot.release();
        {
            let client = &mut self.phase.client;
            tracing::debug!(client_id = %client.client_id, ?reason, "connection closed");
            let will = client.will.take().filter(|_| reason.publishes_will());
            self.broker
                .detach_session(&client.session, client.generation, will);
            let why = self.ended_by.unwrap_or(match reason {
                CloseReason::NormalDisconnect | CloseReason::DisconnectWithWill => {
                    DisconnectionReason::ClientInitiatedDisconnect
                }
                CloseReason::ConnectionLost | CloseReason::KeepAliveTimeout => {
                    DisconnectionReason::ConnectionLost
                }
                CloseReason::ProtocolViolation => DisconnectionReason::ClientError,
                CloseReason::ServerInitiated => DisconnectionReason::ServerInitiatedDisconnect,
            });
            let event = self.broker.lifecycle.disconnected(&client.lifecycle, why);
            self.broker.publish_from_broker(Arc::new(event));
        }
        let _ = tokio::time::timeout(Duration::from_secs(2), self.stream.shutdown()).await;
    }
}

/// The life-cycle reason of a connection ended by a control message.
fn disconnection_reason(control: Control) -> DisconnectionReason {
    match control {
        Control::TakenOver => DisconnectionReason::SessionTakenOver,
        Control::QuotaExceeded => DisconnectionReason::SessionOverflow,
        Control::ServerShutdown | Control::Administrative => {
            DisconnectionReason::ServerInitiatedDisconnect
        }
    }
}

/// Waits until every session in `sessions` caught up or turned out to be stalled.
/// (The waiting is boxed, so idle connections do not carry its room.)
async fn wait_for_all(sessions: &[Arc<SessionCell>], stall_after: Duration) {
    if sessions.is_empty() {
        return;
    }
    Box::pin(async {
        for session in sessions {
            session.wait_for_progress(stall_after).await;
        }
    })
    .await;
}

/// Sleeps for `duration`, or forever when there is none.
/// (Boxed: few connections have one, and idle ones should not carry its room.)
async fn sleep_opt(duration: Option<Duration>) {
    match duration {
        Some(d) => Box::pin(tokio::time::sleep(d)).await,
        None => std::future::pending().await,
    }
}

/// Sleeps until `deadline`, or forever when there is none.
async fn sleep_until_opt(deadline: Option<Instant>) {
    match deadline {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
