//! One client connection: the loop that moves bytes between a socket and the broker.
//!
//! The listener hands over any byte stream (TCP, TLS, WebSocket) and a
//! [`PeerInfo`]; this module never cares which transport it was. Each connection owns one sans-I/O protocol state
//! machine (`mqtt_protocol_core`'s server-role `Connection`), feeds it the bytes
//! it reads, and acts on the events it returns: packets to write, packets
//! received, keep-alive timers, errors. One `tokio::select!` loop waits on the
//! socket, the session's wake-up, the keep-alive deadline, the control channel
//! (take-over, shutdown) — so no lock is ever held across an await.
//!
//! A connection is a type-state: [`Conn<S, Handshake>`] until CONNECT is
//! accepted (`handshake.rs`), then [`Conn<S, Connected>`], whose phase holds
//! the [`ClientState`] — so the code that needs a client has one, and the code
//! of the handshake cannot reach one. The byte paths (`input.rs`, `writer.rs`)
//! serve both phases. A connection ends through [`Conn::close`] (the first
//! reason given wins), or by returning a [`CloseReason`] from its loop.

mod authz;
mod buffers;
mod connected;
mod framing;
mod handshake;
mod inbound;
mod input;
mod outbound;
mod precheck;
mod subscribe;
mod writer;

use crate::access::{ConnectRequest, Identity};
use crate::lifecycle::{DisconnectionReason, SessionRef};
use crate::metrics::{ClientMetrics, Traffic};
use crate::peer::PeerInfo;
use crate::pending::PendingSlot;
use crate::session::{Control, ControlSlot, SessionCell};
use crate::state::{BrokerState, Will};
use crate::version::Version;
use bytes::BytesMut;
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;
use tern_protocol::mqtt::packet::GenericPacket;
use tern_protocol::mqtt::result_code::DisconnectReasonCode;
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

/// The byte streams a connection runs over (TCP, TLS, WebSocket, in-memory).
pub(crate) trait Stream: AsyncRead + AsyncWrite + Unpin + Send + 'static {}

impl<S: AsyncRead + AsyncWrite + Unpin + Send + 'static> Stream for S {}

/// What a connection does differently before and after CONNECT is accepted.
pub(crate) trait Phase: Sized + Send {
    /// The client, once CONNECT was accepted.
    fn client(&self) -> Option<&ClientState>;

    /// Handles one packet the protocol state machine accepted.
    fn on_packet<S: Stream>(conn: &mut Conn<S, Self>, packet: GenericPacket<u16>);

    /// Whether reading must pause after the packet just handled (packets
    /// pipelined after CONNECT wait until CONNACK is sent).
    fn pauses_input(&self) -> bool;
}

/// The handshake: CONNECT, any AUTH exchange, until CONNACK.
#[derive(Default)]
pub(crate) struct Handshake {
    /// A CONNECT received and not yet answered (boxed: it is there only briefly).
    pending_connect: Option<Box<GenericPacket<u16>>>,
    /// Authentication Data of an AUTH received during the handshake.
    pending_auth: Option<Vec<u8>>,
}

/// A connected client.
pub(crate) struct Connected {
    /// Who the client is and its session.
    client: ClientState,
    /// Connected sessions this client published to that are behind: nothing more
    /// is read from the client until they catch up (flow control, see `session`).
    held_back_by: Vec<Arc<SessionCell>>,
    /// The last drain left messages queued because the write buffer had its
    /// budget's worth (see `outbound`).
    drain_pending: bool,
    /// Authentication Data of a re-authentication (AUTH 0x19) not yet run.
    pending_reauth: Option<Vec<u8>>,
    /// In-flight messages of a resumed session not resent yet: the client's
    /// Receive Maximum had no room for them (see `outbound`).
    resend: std::collections::VecDeque<crate::session::Inflight>,
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
    // The handshake runs in a boxed future of its own: it is short-lived, and
    // inline its connection and futures would be room in the task of every
    // idle connection.
    let Some((mut conn, start)) = Box::pin(handshake(broker, stream, peer, slot)).await else {
        return;
    };
    conn.begin(start);
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

/// Runs the handshake phase; the connected connection, or `None` when the
/// connection ended (closed, with its clean-up done) before a client connected.
async fn handshake<S: Stream>(
    broker: Arc<BrokerState>,
    stream: S,
    peer: PeerInfo,
    slot: PendingSlot,
) -> Option<(Conn<S, Connected>, handshake::Start)> {
    let mut conn = Conn::new(broker, stream, peer, slot);
    let accepted = match AssertUnwindSafe(conn.handshake_in_time())
        .catch_unwind()
        .await
    {
        Ok(Ok(accepted)) => accepted,
        Ok(Err(_)) => {
            conn.finish_unconnected().await;
            return None;
        }
        Err(panic) => {
            tracing::error!(peer = %conn.peer, panic = panic_text(&panic), "handshake panicked: closing");
            conn.finish_unconnected().await;
            return None;
        }
    };
    Some(conn.into_connected(accepted))
}

/// The message of a caught panic, for the log.
fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// The state of one connection in phase `P`.
pub(crate) struct Conn<S, P> {
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
    /// Set once the connection is to end, with why (see [`Conn::close`]).
    closing: Option<CloseReason>,
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
    /// The control message that cut a write short, if one did.
    interrupted_by: Option<Control>,
    /// The journal LSN that must be durable before the write buffer goes
    /// out: it holds acknowledgements that promise what that record stores
    /// (see [`Conn::flush`]).
    durable_at: crate::store::journal::Lsn,
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
    /// What only this phase has.
    phase: P,
}

impl<S: Stream> Conn<S, Handshake> {
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
        // The session keeps and resends in-flight messages (`Session::inflight`):
        // the library's own copies would never be read.
        proto.set_store_disabled(true);
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
            closing: None,
            access_changes,
            first_byte_checked: false,
            framer: framing::Framer::default(),
            scanned: 0,
            interrupted_by: None,
            durable_at: 0,
            access_change_seen: false,
            ended_by: None,
            pending_slot,
            phase: Handshake::default(),
        }
    }

    /// Moves on to the connected phase with the client CONNECT made; returns
    /// what the connected phase starts with (CONNACK and the rest).
    fn into_connected(
        self,
        accepted: handshake::Accepted,
    ) -> (Conn<S, Connected>, handshake::Start) {
        let handshake::Accepted { client, start } = accepted;
        let conn = Conn {
            broker: self.broker,
            stream: self.stream,
            peer: self.peer,
            proto: self.proto,
            read_buf: self.read_buf,
            write_buf: self.write_buf,
            keep_alive_deadline: self.keep_alive_deadline,
            keep_alive_limit: self.keep_alive_limit,
            control: self.control,
            closing: self.closing,
            access_changes: self.access_changes,
            first_byte_checked: self.first_byte_checked,
            framer: self.framer,
            scanned: self.scanned,
            read_sizing: self.read_sizing,
            interrupted_by: self.interrupted_by,
            durable_at: self.durable_at,
            access_change_seen: self.access_change_seen,
            ended_by: self.ended_by,
            pending_slot: self.pending_slot,
            traffic: self.traffic,
            phase: Connected {
                client,
                held_back_by: Vec::new(),
                drain_pending: false,
                pending_reauth: None,
                resend: Default::default(),
            },
        };
        (conn, start)
    }

    /// Ends a connection that never got a client: flushes what is written
    /// (a refusing CONNACK) and closes.
    async fn finish_unconnected(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(2), self.flush()).await;
        self.pending_slot.release();
        let _ = tokio::time::timeout(Duration::from_secs(2), self.stream.shutdown()).await;
    }
}

impl<S: Stream, P: Phase> Conn<S, P> {
    /// Marks the connection to end for `reason`; the first reason given wins
    /// (a DISCONNECT the broker sends, then the client's own, still ends it
    /// for the broker's reason).
    pub(crate) fn close(&mut self, reason: CloseReason) {
        self.closing.get_or_insert(reason);
    }

    /// Whether the connection is to end.
    fn is_closing(&self) -> bool {
        self.closing.is_some()
    }

    /// Sends a packet through the protocol state machine.
    pub(crate) fn send(&mut self, packet: GenericPacket<u16>) {
        let events = self.proto.send(packet);
        self.handle_events(events);
    }

    /// Sends DISCONNECT with `code` to an MQTT 5 client (3.1.1 clients are just closed)
    /// and closes the connection for `reason`.
    pub(crate) fn disconnect(&mut self, code: DisconnectReasonCode, reason: CloseReason) {
        // First: sending DISCONNECT makes the library ask to close too.
        self.close(reason);
        let reply = self.phase.client().and_then(|c| c.version.disconnect(code));
        if let Some(packet) = reply {
            self.send(packet);
        }
    }

    /// Records why the connection ends, unless a reason is known already.
    pub(crate) fn end_because(&mut self, why: DisconnectionReason) {
        self.ended_by.get_or_insert(why);
    }
}

impl Phase for Handshake {
    fn client(&self) -> Option<&ClientState> {
        None
    }

    fn on_packet<S: Stream>(conn: &mut Conn<S, Self>, packet: GenericPacket<u16>) {
        conn.on_handshake_packet(packet);
    }

    fn pauses_input(&self) -> bool {
        self.pending_connect.is_some()
    }
}

impl Phase for Connected {
    fn client(&self) -> Option<&ClientState> {
        Some(&self.client)
    }

    fn on_packet<S: Stream>(conn: &mut Conn<S, Self>, packet: GenericPacket<u16>) {
        conn.on_packet(packet);
    }

    fn pauses_input(&self) -> bool {
        false
    }
}

impl<S: Stream> Conn<S, Connected> {
    /// The connected client.
    fn client(&self) -> &ClientState {
        &self.phase.client
    }
}
