//! Messages to the client: draining the session queue within the client's
//! Receive Maximum and Maximum Packet Size, and redelivering in-flight messages
//! when a session is resumed.

use super::{CloseReason, Conn, Connected, Stream};
use crate::message::Delivery;
use crate::session::{InflightState, Queued, SessionCell};
use crate::state::BatchLimits;
use crate::version::Version;
use std::sync::Arc;
use tern_protocol::mqtt::packet::GenericPacketTrait;
use tokio::time::Instant;

/// QoS 1/2 messages in flight to a client that has no Receive Maximum (MQTT 3.1.1).
const V3_INFLIGHT_LIMIT: usize = 100;
/// Messages taken off a session's queue per locked step.
const DRAIN_BATCH: usize = 64;
/// Bytes a drain may move into the write buffer before the buffer is written
/// out (one message always goes, however large): a connection never holds
/// more than about this plus one packet, whatever its queue holds.
const WRITE_BUDGET: usize = 64 * 1024;

impl<S: Stream> Conn<S, Connected> {
    /// After CONNACK: resend unacknowledged messages [MQTT-4.4.0-1], then handle any
    /// packets the client pipelined after CONNACK.
    pub(super) async fn after_connack(&mut self) -> Result<(), CloseReason> {
        let (inflight, incoming_qos2) = self.broker.unfinished_exchanges(&self.client().session);
        self.proto
            .restore_qos2_publish_handled(incoming_qos2.into_iter().collect());
        for m in inflight {
            if m.state == InflightState::AwaitingAck && !self.may_receive(&m.item.message.topic) {
                // Rights changed while the session was away: never delivered.
                self.broker
                    .outbound_done(&self.client().session, m.packet_id);
                continue;
            }
            // Reserved now, so no new message takes the identifier.
            if self.proto.register_packet_id(m.packet_id).is_ok() {
                self.phase.resend.push_back(m);
            }
        }
        self.resend_inflight();
        if !self.read_buf.is_empty() {
            self.process_input();
        }
        self.drain_queue();
        self.flush().await.map_err(|_| CloseReason::ConnectionLost)
    }

    /// Resends the resumed session's in-flight messages, oldest first, as far
    /// as the client's Receive Maximum allows: the resent PUBLISHes and
    /// PUBRELs count toward it like new ones [MQTT-4.9.0-2]; the rest go as
    /// acknowledgements free room. Returns whether all went.
    fn resend_inflight(&mut self) -> bool {
        let now = Instant::now();
        let version = self.client().version;
        while !self.phase.resend.is_empty() {
            if self.proto.get_receive_maximum_vacancy_for_send() == Some(0) {
                return false;
            }
            let m = self.phase.resend.pop_front().expect("front exists");
            match m.state {
                InflightState::AwaitingAck => {
                    let delivery = Delivery {
                        version,
                        qos: m.item.qos,
                        retain: m.item.retain,
                        dup: true,
                        packet_id: Some(m.packet_id),
                        subscription_ids: &m.item.subscription_ids,
                    };
                    // An expired message is still redelivered: it was already in flight.
                    let packet = m.item.message.to_publish(&delivery, now).or_else(|| {
                        let mut fresh = (*m.item.message).clone();
                        fresh.expires_at = None;
                        fresh.to_publish(&delivery, now)
                    });
                    if let Some(packet) = packet {
                        self.send(packet);
                    }
                }
                InflightState::AwaitingComp => self.send_pubrel(m.packet_id),
            }
        }
        true
    }

    /// Moves queued messages to the write buffer while the client can take
    /// them: batches come from [`crate::state::BrokerState::take_batch`] and
    /// are encoded here, after the session's lock is released.
    pub(super) fn drain_queue(&mut self) {
        if self.is_closing() {
            return;
        }
        // What was in flight before goes first.
        if !self.phase.resend.is_empty() && !self.resend_inflight() {
            return;
        }
        let client = &self.phase.client;
        let session = client.session.clone();
        let version = client.version;
        let max_packet = client.client_max_packet;
        let now = Instant::now();
        let mut batch: Vec<(Queued, Option<u16>)> = Vec::new();
        let mut room = WRITE_BUDGET.saturating_sub(self.write_buf.len());
        self.phase.drain_pending = false;
        loop {
            let limits = BatchLimits {
                max_messages: DRAIN_BATCH,
                room,
                now,
            };
            let vacancy = self.proto.get_receive_maximum_vacancy_for_send();
            let proto = &mut self.proto;
            let taken = self.broker.take_batch(
                &session,
                limits,
                |inflight| send_quota(vacancy, inflight),
                || proto.acquire_packet_id().ok(),
                &mut batch,
            );
            room = taken.room;
            self.phase.drain_pending |= taken.out_of_room;
            if batch.is_empty() {
                break;
            }
            for (item, packet_id) in batch.drain(..) {
                self.write_publish(&item, packet_id, version, max_packet, now);
            }
        }
    }

    /// Encodes one message for this client into the write buffer. A message that
    /// cannot go (expired meanwhile, or larger than the client's Maximum Packet
    /// Size) is dropped as if sent, and its packet identifier released.
    fn write_publish(
        &mut self,
        item: &Queued,
        packet_id: Option<u16>,
        version: Version,
        max_packet: u32,
        now: Instant,
    ) {
        if !self.may_receive(&item.message.topic) {
            self.forget_inflight(packet_id);
            return;
        }
        let delivery = Delivery {
            version,
            qos: item.qos,
            retain: item.retain,
            dup: false,
            packet_id,
            subscription_ids: &item.subscription_ids,
        };
        let packet = match item.message.to_publish(&delivery, now) {
            // [MQTT-3.1.2-24]/[MQTT-3.1.2-25]: too large for this client: dropped as if sent.
            Some(packet) if packet.size() > max_packet as usize => {
                tracing::debug!(topic = %item.message.topic, size = packet.size(), "message larger than the client's Maximum Packet Size dropped");
                None
            }
            other => other,
        };
        let Some(packet) = packet else {
            self.forget_inflight(packet_id);
            return;
        };
        for event in self.proto.send(packet) {
            match event {
                tern_protocol::mqtt::connection::Event::RequestSendPacket { packet, .. } => {
                    tern_protocol::encode_into(&mut self.write_buf, &packet);
                    self.phase.client.metrics.delivered(item.qos);
                }
                tern_protocol::mqtt::connection::Event::NotifyError(error) => {
                    tracing::debug!(?error, "outgoing PUBLISH refused by the protocol layer");
                }
                _ => {}
            }
        }
    }

    /// Undoes the in-flight record and packet identifier of a message not sent.
    fn forget_inflight(&mut self, packet_id: Option<u16>) {
        let Some(id) = packet_id else { return };
        let _ = self.proto.release_packet_id(id);
        self.broker.outbound_done(&self.client().session, id);
    }

    /// Remembers the sessions this client's messages went to that are behind: the
    /// connection reads nothing more from its client until they caught up (or
    /// turned out to be stalled). Its own session never holds it back.
    pub(super) fn hold_back_for(&mut self, congested: Vec<Arc<SessionCell>>) {
        let own = &self.client().session;
        let new: Vec<_> = congested
            .into_iter()
            .filter(|s| !Arc::ptr_eq(s, own))
            .filter(|s| !self.phase.held_back_by.iter().any(|h| Arc::ptr_eq(h, s)))
            .collect();
        self.phase.held_back_by.extend(new);
    }
}

/// How many more QoS 1/2 messages the client may have in flight: what its
/// Receive Maximum leaves (`vacancy`), or for MQTT 3.1.1, which has none,
/// [`V3_INFLIGHT_LIMIT`] less those in flight.
fn send_quota(vacancy: Option<u16>, inflight: usize) -> usize {
    match vacancy {
        Some(vacancy) => usize::from(vacancy),
        None => V3_INFLIGHT_LIMIT.saturating_sub(inflight),
    }
}
