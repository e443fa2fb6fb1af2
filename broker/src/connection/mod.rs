//! One client connection: the loop that moves bytes between a socket and the broker.
//!
//! The listener hands over any byte stream (TCP, TLS, WebSocket) and a
//! [`PeerInfo`]; this module never cares which transport it was. Each connection owns one sans-I/O protocol state
//! machine (`mqtt_protocol_core`'s server-role `Connection`), feeds it the bytes
//! it reads, and acts on the events it returns: packets to write, packets
//! received, keep-alive timers, errors. One `tokio::select!` loop waits on the
//! socket, the session's wake-up, the keep-alive deadline, the control channel
//! (take-over, shutdown) — so no lock is ever held across an await.

mod authz;
mod buffers;
mod framing;
mod handshake;
mod inbound;
mod outbound;
mod precheck;
mod subscribe;

use crate::auth::{ConnectRequest, Identity};
use crate::lifecycle::{DisconnectionReason, SessionRef};
use crate::metrics::{ClientMetrics, Traffic};
use crate::session::{Control, ControlSlot, SessionCell};
use crate::state::{BrokerState, Will};
use crate::transport::pending::PendingSlot;
use crate::transport::PeerInfo;
use crate::version::Version;
use bytes::BytesMut;
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;
use tern_protocol::mqtt::connection::{Event, TimerKind};
use tern_protocol::mqtt::packet::{v5_0, GenericPacket};
use tern_protocol::mqtt::result_code::{ConnectReasonCode, DisconnectReasonCode};
use tern_protocol::mqtt::{role, Connection};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::watch;
use tokio::time::Instant;

/// Why a connection ended; decides whether the will is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseReason {
    /// DISCONNECT 0x00 (or any 3.1.1 DISCONNECT): the will is discarded [MQTT-3.1.2-10].
    NormalDisconnect,
    /// DISCONNECT 0x04: the will is published.
    DisconnectWithWill,
    /// The socket closed or failed without DISCONNECT.
    ConnectionLost,
    /// The client broke a protocol rule (reason code sent to v5 clients).
    ProtocolViolation,
    /// No packet within 1.5 × keep alive [MQTT-3.1.2-22].
    KeepAliveTimeout,
    /// The broker ended the connection (take-over, overflow, shutdown, admin).
    ServerInitiated,
}

impl CloseReason {
    /// Whether this way of ending publishes the will.
    fn publishes_will(self) -> bool {
        !matches!(self, CloseReason::NormalDisconnect)
    }
}

/// Serves one client connection until it ends. Never panics on bad input.
///
/// Should a bug panic inside this connection's task anyway, the panic is
/// caught here and the connection's clean-up still runs (the will is
/// published, the session detached), as for any server-initiated close; no
/// other connection is affected.
///
/// `slot` is the socket's place among those that have not finished CONNECT; it is
/// given back once CONNACK is sent (or when the connection ends without one).
pub async fn serve<S>(broker: Arc<BrokerState>, stream: S, peer: PeerInfo, slot: PendingSlot)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let mut conn = Conn::new(broker, stream, peer, slot);
    let reason = match AssertUnwindSafe(conn.run()).catch_unwind().await {
        Ok(reason) => reason,
        Err(panic) => {
            tracing::error!(peer = %conn.peer, panic = panic_text(&panic), "connection task panicked: cleaning up");
            conn.end_because(DisconnectionReason::ServerError);
            CloseReason::ServerInitiated
        }
    };
    if let Err(panic) = AssertUnwindSafe(conn.finish(reason)).catch_unwind().await {
        tracing::error!(peer = %conn.peer, panic = panic_text(&panic), "connection clean-up panicked");
    }
}

/// The message of a caught panic, for the log.
fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// The state of one connection.
pub(crate) struct Conn<S> {
    broker: Arc<BrokerState>,
    stream: S,
    peer: PeerInfo,
    proto: Connection<role::Server>,
    read_buf: BytesMut,
    write_buf: BytesMut,
    keep_alive_deadline: Option<Instant>,
    /// The broker's own keep alive limit (1.5 × `mqtt.max_keep_alive_secs`) for an
    /// MQTT 3.1.1 client that asked for none or a longer one; it replaces the
    /// protocol layer's timer (MQTT 5 clients are told Server Keep Alive instead).
    keep_alive_limit: Option<Duration>,
    /// Where the broker posts take-over, overflow and shutdown to this connection.
    control: Arc<ControlSlot>,
    /// Set once CONNECT has been accepted.
    client: Option<ClientState>,
    /// Set when the protocol state machine asked to close the connection.
    close_requested: bool,
    /// The reason an error of the state machine implies, if any.
    error: Option<CloseReason>,
    /// A CONNECT received and not yet answered (boxed: it is there only briefly).
    pending_connect: Option<Box<GenericPacket<u16>>>,
    /// Authentication Data of an AUTH received during the handshake.
    pending_auth: Option<Vec<u8>>,
    /// Authentication Data of a re-authentication (AUTH 0x19) not yet run.
    pending_reauth: Option<Vec<u8>>,
    /// Changes of the access model (see `authz`).
    access_changes: watch::Receiver<u64>,
    /// Whether the first byte from the client was checked to start a CONNECT.
    first_byte_checked: bool,
    /// Fixed-header checks of the incoming stream.
    framer: framing::Framer,
    /// Bytes at the start of `read_buf` the framer has already scanned.
    scanned: usize,
    /// How much room the next read gets (small while the client is quiet).
    read_sizing: buffers::ReadSizing,
    /// Connected sessions this client published to that are behind: nothing more
    /// is read from the client until they catch up (flow control, see `session`).
    held_back_by: Vec<Arc<SessionCell>>,
    /// The last drain left messages queued because the write buffer had its
    /// budget's worth (see `outbound`).
    drain_pending: bool,
    /// The control message that cut a write short, if one did.
    interrupted_by: Option<Control>,
    /// An access change was announced during a write and is still to be
    /// acted on by the main loop.
    access_change_seen: bool,
    /// Why the connection ends, when more is known than its [`CloseReason`]
    /// says (for the Disconnected life-cycle event); the first reason wins.
    ended_by: Option<DisconnectionReason>,
    /// This socket's place among those that have not finished CONNECT.
    pending_slot: PendingSlot,
    /// Bytes in and out, for `mqtt_throughput_bytes`.
    traffic: Traffic,
}

/// What a connection knows once CONNECT was accepted.
pub(crate) struct ClientState {
    client_id: Arc<str>,
    version: Version,
    identity: Identity,
    /// The authentication facts of CONNECT, kept for re-authentication.
    request: ConnectRequest,
    /// Cached authorization decisions.
    authz: authz::AuthzCache,
    session: Arc<SessionCell>,
    generation: u64,
    will: Option<Will>,
    /// Session Expiry Interval from CONNECT was zero (DISCONNECT may not raise it [MQTT-3.14.2-2]).
    expiry_was_zero: bool,
    /// Maximum Packet Size the client accepts.
    client_max_packet: u32,
    /// The keep alive in force, seconds (0: none).
    keep_alive_secs: u16,
    /// This connection's place in the connection quotas, given back on drop.
    _permit: crate::quota::ConnectionPermit,
    /// Who the life-cycle events of this connection are about.
    lifecycle: SessionRef,
    /// This client's counters; it counts as connected while they exist.
    metrics: ClientMetrics,
}

impl<S> Conn<S>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    fn new(broker: Arc<BrokerState>, stream: S, peer: PeerInfo, pending_slot: PendingSlot) -> Self {
        let options = tern_protocol::mqtt::connection::ConnectionOptions::new()
            .maximum_packet_size_recv(broker.config.mqtt.max_packet_size)
            .receive_maximum(broker.config.mqtt.receive_maximum);
        let mut proto = Connection::<role::Server>::with_options(
            tern_protocol::mqtt::Version::Undetermined,
            options,
        );
        proto.set_auto_ping_response(true);
        proto.set_auto_map_topic_alias_send(true);
        let access_changes = broker.access_changes.subscribe();
        let traffic = broker.metrics.traffic();
        Self {
            traffic,
            broker,
            stream,
            peer,
            proto,
            read_buf: BytesMut::new(),
            write_buf: BytesMut::new(),
            read_sizing: buffers::ReadSizing::default(),
            keep_alive_deadline: None,
            keep_alive_limit: None,
            control: Arc::default(),
            client: None,
            close_requested: false,
            error: None,
            pending_connect: None,
            pending_auth: None,
            pending_reauth: None,
            access_changes,
            first_byte_checked: false,
            framer: framing::Framer::default(),
            scanned: 0,
            held_back_by: Vec::new(),
            drain_pending: false,
            interrupted_by: None,
            access_change_seen: false,
            ended_by: None,
            pending_slot,
        }
    }

    /// Runs the connection: handshake, then the main loop. Returns why it ended.
    async fn run(&mut self) -> CloseReason {
        let connect_timeout =
            Duration::from_secs(self.broker.config.listeners.connect_timeout_secs);
        // The handshake, resumption and re-authentication futures are boxed: they
        // are short-lived, and inline they would make every idle connection's
        // task as large as the largest of them.
        let broker = self.broker.clone();
        let handshake = tokio::time::timeout(connect_timeout, Box::pin(self.handshake()));
        // Shutdown does not wait for a client that has not connected.
        let handshake = tokio::select! {
            result = handshake => result,
            _ = broker.shutdown.cancelled() => {
                tracing::debug!(peer = %self.peer, "shutdown before CONNECT: closing");
                return CloseReason::ServerInitiated;
            }
        };
        match handshake {
            // CONNACK is written next: the socket no longer counts as pending.
            Ok(Ok(())) => self.pending_slot.release(),
            Ok(Err(reason)) => return reason,
            Err(_) => {
                tracing::debug!(peer = %self.peer, "no CONNECT in time: closing");
                return CloseReason::ProtocolViolation;
            }
        }
        if let Err(reason) = Box::pin(self.after_connack()).await {
            return reason;
        }
        loop {
            if let Some(reason) = self.should_stop() {
                return reason;
            }
            if std::mem::take(&mut self.access_change_seen) {
                // Announced while a write was in progress (see `write_out`).
                self.on_access_changed();
                continue;
            }
            if let Some(data) = self.pending_reauth.take() {
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
            let held_back_by = self.held_back_by.clone();
            let drain_pending = self.drain_pending;
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
                    self.held_back_by.clear();
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
                    let events = self.proto.notify_timer_fired(TimerKind::PingreqRecv);
                    self.handle_events(events);
                    self.error.get_or_insert(CloseReason::KeepAliveTimeout);
                    self.close_requested = true;
                }
            }
            self.drain_queue();
            // Before the write: a client that has its PUBACK sees itself counted.
            if let Some(client) = self.client.as_mut() {
                client.metrics.flush();
            }
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

    fn should_stop(&self) -> Option<CloseReason> {
        if self.close_requested {
            return Some(self.error.unwrap_or(CloseReason::ProtocolViolation));
        }
        None
    }

    fn client(&self) -> &ClientState {
        self.client
            .as_ref()
            .expect("client state exists after CONNECT")
    }

    /// Feeds every complete packet in the read buffer to the protocol state machine.
    fn process_input(&mut self) {
        if !self.first_byte_checked {
            if let Some(&first) = self.read_buf.first() {
                self.first_byte_checked = true;
                if first != 0x10 {
                    // [MQTT-3.1.0-1]: the first packet MUST be CONNECT; anything else
                    // (garbage, another protocol) is refused at its first byte instead
                    // of waiting for the rest of a packet that may never come.
                    tracing::debug!(peer = %self.peer, first, "first packet is not CONNECT");
                    self.error.get_or_insert(CloseReason::ProtocolViolation);
                    self.close_requested = true;
                    return;
                }
            }
        }
        let data = self.read_buf.split().freeze();
        let scanned = std::mem::take(&mut self.scanned).min(data.len());
        let malformed_at = self.framer.scan(&data[scanned..]).map(|at| scanned + at);
        let end = malformed_at.unwrap_or(data.len());
        // Only whole packets go to the checks and to the protocol layer; an
        // unfinished one waits in the read buffer for the rest.
        let mut at = 0;
        let mut unfinished = None;
        while at < end && !self.close_requested {
            let len = match framing::extent(&data[at..end]) {
                framing::Extent::Complete(len) => len,
                framing::Extent::Incomplete { total } => {
                    unfinished = total;
                    break;
                }
            };
            let packet = &data[at..at + len];
            if let Some(violation) = self.precheck(packet) {
                self.on_violation(violation);
                return;
            }
            let mut cursor = tern_protocol::mqtt::common::Cursor::new(packet);
            let events = self.proto.recv(&mut cursor);
            self.handle_events(events);
            at += len;
            if let Some(limit) = self.keep_alive_limit {
                self.keep_alive_deadline = Some(Instant::now() + limit);
            }
            if self.client.is_none() && self.pending_connect.is_some() {
                // Packets pipelined after CONNECT wait until CONNACK is sent.
                if malformed_at.is_some() {
                    // Not yet connected: just close.
                    self.error.get_or_insert(CloseReason::ProtocolViolation);
                    self.close_requested = true;
                } else {
                    self.keep_unread(data, at);
                }
                return;
            }
        }
        if malformed_at.is_some() {
            if !self.close_requested {
                tracing::debug!(peer = %self.peer, "malformed fixed header");
                // [MQTT-4.8.0-1]/[MQTT-2.1.3-1]: a malformed packet ends the connection.
                self.disconnect(
                    DisconnectReasonCode::MalformedPacket,
                    CloseReason::ProtocolViolation,
                );
            }
            return;
        }
        if self.close_requested || at == data.len() {
            return;
        }
        let max = self.broker.config.mqtt.max_packet_size as usize;
        if unfinished.is_some_and(|total| total > max) {
            // Too large to wait for: the protocol layer refuses it from its fixed
            // header (DISCONNECT 0x95 [MQTT-3.2.2-15]/[MQTT-4.13.1-1]).
            let mut cursor = tern_protocol::mqtt::common::Cursor::new(&data[at..]);
            let events = self.proto.recv(&mut cursor);
            self.handle_events(events);
            return;
        }
        self.keep_unread(data, at);
    }

    /// Puts the bytes of `data` from `at` on back into the read buffer, marked as
    /// scanned by the framer (reusing `data`'s memory when nothing else holds it).
    fn keep_unread(&mut self, data: bytes::Bytes, at: usize) {
        self.scanned = data.len() - at;
        match data.try_into_mut() {
            Ok(mut buf) => {
                let _ = buf.split_to(at);
                self.read_buf = buf;
            }
            Err(data) => self.read_buf.extend_from_slice(&data[at..]),
        }
    }

    /// The checks of `precheck` that apply to `packet` at this point of the connection.
    fn precheck(&self, packet: &[u8]) -> Option<precheck::Violation> {
        match &self.client {
            None => precheck::connect(packet),
            Some(client) => precheck::after_connect(packet, client.version),
        }
    }

    /// Ends the connection over a packet that breaks `violation`'s rule.
    fn on_violation(&mut self, violation: precheck::Violation) {
        tracing::debug!(
            peer = %self.peer,
            rule = violation.rule,
            "{} {}: closing the connection",
            violation.rule,
            violation.what
        );
        if self.client.is_some() {
            self.disconnect(violation.code, CloseReason::ProtocolViolation);
            return;
        }
        if violation.connack {
            // MQTT 5 CONNECT: a CONNACK with the reason code may precede the close
            // [MQTT-4.13.1-1]; 3.1.1 has no return code for it, so it is just closed.
            let code = ConnectReasonCode::try_from(violation.code as u8)
                .unwrap_or(ConnectReasonCode::MalformedPacket);
            if let Ok(connack) = v5_0::Connack::builder()
                .session_present(false)
                .reason_code(code)
                .build()
            {
                // Written directly: the state machine has not seen the CONNECT.
                tern_protocol::encode_into(&mut self.write_buf, &connack.into());
            }
        }
        self.error.get_or_insert(CloseReason::ProtocolViolation);
        self.close_requested = true;
    }

    /// Acts on the events the protocol state machine returned.
    fn handle_events(&mut self, events: Vec<Event>) {
        for event in events {
            match event {
                Event::RequestSendPacket { packet, .. } => {
                    tern_protocol::encode_into(&mut self.write_buf, &packet);
                }
                Event::NotifyPacketReceived(packet) => self.on_packet(packet),
                Event::RequestTimerReset {
                    kind: TimerKind::PingreqRecv,
                    duration_ms,
                } => {
                    let limit = self
                        .keep_alive_limit
                        .unwrap_or(Duration::from_millis(duration_ms));
                    self.keep_alive_deadline = Some(Instant::now() + limit);
                }
                Event::RequestTimerCancel(TimerKind::PingreqRecv) => {
                    if self.keep_alive_limit.is_none() {
                        self.keep_alive_deadline = None;
                    }
                }
                Event::RequestTimerReset { .. } | Event::RequestTimerCancel(_) => {}
                Event::NotifyError(error) => {
                    tracing::debug!(peer = %self.peer, ?error, "protocol error");
                    self.error.get_or_insert(CloseReason::ProtocolViolation);
                    if self.client.is_none() {
                        // Before CONNACK there is no session to protect: any error ends
                        // the connection [MQTT-4.8.0-1].
                        self.close_requested = true;
                    }
                }
                Event::RequestClose => self.close_requested = true,
                Event::NotifyPacketIdReleased(_) => {}
            }
        }
    }

    /// Sends a packet through the protocol state machine.
    pub(crate) fn send(&mut self, packet: GenericPacket<u16>) {
        let events = self.proto.send(packet);
        self.handle_events(events);
    }

    /// Sends DISCONNECT with `code` to an MQTT 5 client (3.1.1 clients are just closed)
    /// and marks the connection for closing.
    pub(crate) fn disconnect(&mut self, code: DisconnectReasonCode, reason: CloseReason) {
        let reply = self
            .client
            .as_ref()
            .and_then(|c| c.version.disconnect(code));
        if let Some(packet) = reply {
            self.send(packet);
        }
        self.error.get_or_insert(reason);
        self.close_requested = true;
    }

    /// Records why the connection ends, unless a reason is known already.
    pub(crate) fn end_because(&mut self, why: DisconnectionReason) {
        self.ended_by.get_or_insert(why);
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

    /// Writes everything buffered. A client that takes nothing for the write
    /// time-out (see [`Conn::write_stall_limit`]) makes it fail.
    async fn flush(&mut self) -> std::io::Result<()> {
        self.write_out(false).await
    }

    /// Like [`Conn::flush`], but also gives up as soon as a control message
    /// (take-over, overflow, administrative close) or shutdown arrives, so a
    /// client that stopped reading cannot hold its connection open: the main
    /// loop's writes go through here. The control message is kept for the loop.
    async fn flush_interruptible(&mut self) -> std::io::Result<()> {
        self.write_out(true).await
    }

    async fn write_out(&mut self, interruptible: bool) -> std::io::Result<()> {
        use std::io::{Error, ErrorKind};
        if self.write_buf.is_empty() {
            return Ok(());
        }
        let stall = self.write_stall_limit();
        let mut written = 0;
        while written < self.write_buf.len() {
            let write = tokio::time::timeout(stall, self.stream.write(&self.write_buf[written..]));
            tokio::select! {
                biased;
                control = self.control.recv(), if interruptible => {
                    self.interrupted_by = Some(control);
                    return Err(Error::new(ErrorKind::Interrupted, "control message while writing"));
                }
                _ = self.broker.shutdown.cancelled(), if interruptible => {
                    self.interrupted_by = Some(Control::ServerShutdown);
                    return Err(Error::new(ErrorKind::Interrupted, "shutdown while writing"));
                }
                // A client disabled while its connection waits to write is closed
                // at once; any other change is handled once the write is done.
                changed = self.access_changes.changed(), if interruptible => {
                    let admitted = changed.is_ok()
                        && self.client.as_ref().is_none_or(|c| self.broker.access.admits(&c.identity).is_ok());
                    if !admitted {
                        tracing::info!(peer = %self.peer, "client no longer admitted while writing: closing");
                        self.ended_by.get_or_insert(DisconnectionReason::ClientAuthorizationError);
                        self.interrupted_by = Some(Control::Administrative);
                        return Err(Error::new(ErrorKind::Interrupted, "access revoked while writing"));
                    }
                    self.access_change_seen = true;
                }
                result = write => match result {
                    Ok(Ok(0)) => return Err(ErrorKind::WriteZero.into()),
                    Ok(Ok(n)) => {
                        written += n;
                        self.traffic.sent(n);
                    }
                    Ok(Err(e)) => return Err(e),
                    Err(_) => {
                        tracing::info!(peer = %self.peer, secs = stall.as_secs_f32(), "client took nothing within the write time-out: closing");
                        return Err(ErrorKind::TimedOut.into());
                    }
                },
            }
        }
        buffers::reset_write_buffer(&mut self.write_buf);
        match tokio::time::timeout(stall, self.stream.flush()).await {
            Ok(result) => result,
            Err(_) => Err(ErrorKind::TimedOut.into()),
        }
    }

    /// How long a write may make no progress: `listeners.write_timeout_secs`,
    /// or 1.5 × the client's keep alive when that is shorter.
    fn write_stall_limit(&self) -> Duration {
        let configured =
            Duration::from_secs(self.broker.config.listeners.write_timeout_secs.max(1));
        match self.client.as_ref().map(|c| c.keep_alive_secs) {
            Some(ka) if ka > 0 => configured.min(Duration::from_millis(u64::from(ka) * 1500)),
            _ => configured,
        }
    }

    /// Ends the connection: flushes, closes, detaches the session and handles the will.
    ///
    /// The session is detached before the socket is closed, so a client that sees the
    /// socket close can rely on the session being settled (offline, or gone when its
    /// expiry is 0) when it reconnects at once.
    async fn finish(&mut self, reason: CloseReason) {
        let _ = tokio::time::timeout(Duration::from_secs(2), self.flush()).await;
        self.pending_slot.release();
        if let Some(client) = self.client.take() {
            tracing::debug!(client_id = %client.client_id, ?reason, "connection closed");
            let will = client.will.filter(|_| reason.publishes_will());
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
