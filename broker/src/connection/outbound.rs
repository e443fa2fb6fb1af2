//! Messages to the client: draining the session queue within the client's
//! Receive Maximum and Maximum Packet Size, and redelivering in-flight messages
//! when a session is resumed.

use super::{CloseReason, Conn};
use crate::message::Delivery;
use crate::session::{Inflight, InflightState, SessionCell};
use std::sync::Arc;
use std::time::Instant;
use tern_protocol::mqtt::packet::{GenericPacketTrait, Qos};
use tokio::io::{AsyncRead, AsyncWrite};

/// QoS 1/2 messages in flight to a client that has no Receive Maximum (MQTT 3.1.1).
const V3_INFLIGHT_LIMIT: usize = 100;

impl<S> Conn<S>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    /// After CONNACK: resend unacknowledged messages [MQTT-4.4.0-1], then handle any
    /// packets the client pipelined after CONNECT.
    pub(super) async fn after_connack(&mut self) -> Result<(), CloseReason> {
        let (inflight, incoming_qos2) = {
            let state = self.client().session.state.lock();
            (state.inflight.clone(), state.incoming_qos2.clone())
        };
        self.proto
            .restore_qos2_publish_handled(incoming_qos2.into_iter().collect());
        let now = Instant::now();
        let v5 = self.client().v5;
        for m in inflight {
            if self.proto.register_packet_id(m.packet_id).is_err() {
                continue;
            }
            match m.state {
                InflightState::AwaitingAck => {
                    let delivery = Delivery {
                        v5,
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
        if !self.read_buf.is_empty() {
            self.process_input();
        }
        self.drain_queue();
        self.flush().await.map_err(|_| CloseReason::ConnectionLost)
    }

    /// Moves queued messages to the write buffer while the client can take them.
    pub(super) fn drain_queue(&mut self) {
        if self.close_requested {
            return;
        }
        let Some(client) = self.client.as_ref() else {
            return;
        };
        let session = client.session.clone();
        let v5 = client.v5;
        let max_packet = client.client_max_packet;
        let now = Instant::now();
        let mut state = session.state.lock();
        let queued_before = state.queue.len();
        while let Some(front) = state.queue.front() {
            let needs_id = front.qos != Qos::AtMostOnce;
            if needs_id && !self.has_send_quota(state.inflight.len()) {
                break;
            }
            let item = state.pop_queued().expect("front exists");
            if item.message.is_expired(now) {
                continue; // [MQTT-3.3.2-5]
            }
            let packet_id = if needs_id {
                match self.proto.acquire_packet_id() {
                    Ok(id) => Some(id),
                    Err(_) => {
                        state.queue.push_front(item);
                        break;
                    }
                }
            } else {
                None
            };
            let delivery = Delivery {
                v5,
                qos: item.qos,
                retain: item.retain,
                dup: false,
                packet_id,
                subscription_ids: &item.subscription_ids,
            };
            let Some(packet) = item.message.to_publish(&delivery, now) else {
                self.release(packet_id);
                continue;
            };
            if packet.size() > max_packet as usize {
                // [MQTT-3.1.2-24]/[MQTT-3.1.2-25]: too large for this client: dropped as if sent.
                tracing::debug!(topic = %item.message.topic, size = packet.size(), "message larger than the client's Maximum Packet Size dropped");
                self.release(packet_id);
                continue;
            }
            for event in self.proto.send(packet) {
                match event {
                    tern_protocol::mqtt::connection::Event::RequestSendPacket {
                        packet, ..
                    } => {
                        tern_protocol::encode_into(&mut self.write_buf, &packet);
                    }
                    tern_protocol::mqtt::connection::Event::NotifyError(error) => {
                        tracing::debug!(?error, "outgoing PUBLISH refused by the protocol layer");
                    }
                    _ => {}
                }
            }
            if let Some(packet_id) = packet_id {
                state.inflight.push_back(Inflight {
                    packet_id,
                    item,
                    state: InflightState::AwaitingAck,
                });
            }
        }
        if state.queue.len() < queued_before {
            let left = state.queue.len();
            drop(state);
            session.made_progress(left, self.broker.queue_limits());
        }
    }

    /// Remembers the sessions this client's messages went to that are behind: the
    /// connection reads nothing more from its client until they caught up (or
    /// turned out to be stalled). Its own session never holds it back.
    pub(super) fn hold_back_for(&mut self, congested: Vec<Arc<SessionCell>>) {
        let own = &self.client().session;
        let new: Vec<_> = congested
            .into_iter()
            .filter(|s| !Arc::ptr_eq(s, own))
            .filter(|s| !self.held_back_by.iter().any(|h| Arc::ptr_eq(h, s)))
            .collect();
        self.held_back_by.extend(new);
    }

    fn has_send_quota(&self, inflight: usize) -> bool {
        match self.proto.get_receive_maximum_vacancy_for_send() {
            Some(vacancy) => vacancy > 0,
            None => inflight < V3_INFLIGHT_LIMIT,
        }
    }

    fn release(&mut self, packet_id: Option<u16>) {
        if let Some(id) = packet_id {
            let _ = self.proto.release_packet_id(id);
        }
    }
}
