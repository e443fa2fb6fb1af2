//! The input path: bytes read from the client become whole packets, checked
//! by the framer and the prechecks, then fed to the protocol state machine,
//! whose events are acted on. Shared by both phases of a connection.

use super::{framing, precheck, CloseReason, Conn, Phase, Stream};
use std::time::Duration;
use tern_protocol::mqtt::connection::{Event, TimerKind};
use tern_protocol::mqtt::packet::v5_0;
use tern_protocol::mqtt::result_code::{ConnectReasonCode, DisconnectReasonCode};
use tokio::time::Instant;

impl<S: Stream, P: Phase> Conn<S, P> {
    /// Feeds every complete packet in the read buffer to the protocol state machine.
    pub(super) fn process_input(&mut self) {
        if !self.first_byte_checked {
            if let Some(&first) = self.read_buf.first() {
                self.first_byte_checked = true;
                if first != 0x10 {
                    // [MQTT-3.1.0-1]: the first packet MUST be CONNECT; anything else
                    // (garbage, another protocol) is refused at its first byte instead
                    // of waiting for the rest of a packet that may never come.
                    tracing::debug!(peer = %self.peer, first, "first packet is not CONNECT");
                    self.close(CloseReason::ProtocolViolation);
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
        while at < end && !self.is_closing() {
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
            if self.phase.pauses_input() {
                // Packets pipelined after CONNECT wait until CONNACK is sent.
                if malformed_at.is_some() {
                    // Not yet connected: just close.
                    self.close(CloseReason::ProtocolViolation);
                } else {
                    self.keep_unread(data, at);
                }
                return;
            }
        }
        if malformed_at.is_some() {
            if !self.is_closing() {
                tracing::debug!(peer = %self.peer, "malformed fixed header");
                // [MQTT-4.8.0-1]/[MQTT-2.1.3-1]: a malformed packet ends the connection.
                self.disconnect(
                    DisconnectReasonCode::MalformedPacket,
                    CloseReason::ProtocolViolation,
                );
            }
            return;
        }
        if self.is_closing() || at == data.len() {
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
        match self.phase.client() {
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
        if self.phase.client().is_some() {
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
        self.close(CloseReason::ProtocolViolation);
    }

    /// Acts on the events the protocol state machine returned.
    pub(super) fn handle_events(&mut self, events: Vec<Event>) {
        for event in events {
            match event {
                Event::RequestSendPacket { packet, .. } => {
                    tern_protocol::encode_into(&mut self.write_buf, &packet);
                }
                Event::NotifyPacketReceived(packet) => P::on_packet(self, packet),
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
                    if self.phase.client().is_none() {
                        // Before CONNACK there is no session to protect: any error ends
                        // the connection [MQTT-4.8.0-1].
                        self.close(CloseReason::ProtocolViolation);
                    }
                }
                // The library asks to close after an error it found, or after a
                // DISCONNECT or refusing CONNACK it sent: the broker closes first
                // with its own reason where it has one (`close` keeps the first).
                Event::RequestClose => self.close(CloseReason::ProtocolViolation),
                Event::NotifyPacketIdReleased(_) => {}
            }
        }
    }
}
