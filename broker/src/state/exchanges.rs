//! What a connection takes from its session and reports of its QoS 1/2
//! exchanges and settings: batches of queued messages to send, acknowledgements
//! in both directions, the QoS 2 packet identifiers it must remember, a new
//! Session Expiry Interval.
//!
//! Connections change these parts of a session only through here, so each is
//! one call the broker sees: the points where a durable store records the
//! change before the acknowledgement that promises it goes out.

use super::BrokerState;
use crate::session::{Inflight, InflightState, Queued, Session, SessionCell};
use crate::store::journal::record::SessionChange;
use std::collections::HashSet;
use tern_protocol::mqtt::packet::Qos;
use tokio::time::Instant;

/// How much a connection may take off its session's queue in one step.
#[derive(Debug, Clone, Copy)]
pub struct BatchLimits {
    /// Most messages.
    pub max_messages: usize,
    /// Bytes (payload and topic) the write buffer still has room for; taking
    /// stops when none is left (a message larger than what is left still goes).
    pub room: usize,
    /// When expiry is judged: expired messages are dropped, not sent [MQTT-3.3.2-5].
    pub now: Instant,
}

/// How a batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    /// Room left of [`BatchLimits::room`].
    pub room: usize,
    /// It stopped for want of room: more may be waiting.
    pub out_of_room: bool,
}

impl BrokerState {
    /// A QoS 1/2 message sent to the client is done with: PUBACK, PUBCOMP, a
    /// PUBREC with an error code, or a message that could not be sent after
    /// all (its packet identifier is released).
    pub fn outbound_done(&self, session: &SessionCell, packet_id: u16) {
        let mut state = session.state.lock();
        if state.remove_inflight(packet_id).is_some() {
            session.record(&mut state, self.journal(), || SessionChange::Done {
                packet_id,
            });
        }
    }

    /// PUBREC for a QoS 2 message sent to the client: it now waits for PUBCOMP
    /// (after the PUBREL the broker sends).
    pub fn outbound_received(&self, session: &SessionCell, packet_id: u16) {
        let mut state = session.state.lock();
        if let Some(m) = state.inflight_mut(packet_id) {
            m.state = InflightState::AwaitingComp;
            session.record(&mut state, self.journal(), || SessionChange::Received {
                packet_id,
            });
        }
    }

    /// A QoS 2 message from the client was accepted (PUBREC sent): its packet
    /// identifier is remembered until PUBREL, across reconnects [MQTT-4.3.3-10].
    pub fn inbound_qos2_received(&self, session: &SessionCell, packet_id: u16) {
        let mut state = session.state.lock();
        if state.incoming_qos2.insert(packet_id) {
            let change = || SessionChange::InboundQos2 { packet_id };
            session.record(&mut state, self.journal(), change);
        }
    }

    /// PUBREL from the client: the QoS 2 exchange ends (PUBCOMP).
    pub fn inbound_qos2_released(&self, session: &SessionCell, packet_id: u16) {
        let mut state = session.state.lock();
        if state.incoming_qos2.remove(&packet_id) {
            let change = || SessionChange::InboundReleased { packet_id };
            session.record(&mut state, self.journal(), change);
        }
    }

    /// The client set a new Session Expiry Interval on DISCONNECT [MQTT-3.14.2-2 allows it].
    pub fn set_session_expiry(&self, session: &SessionCell, secs: u32) {
        let mut state = session.state.lock();
        state.expiry_secs = secs;
        session.record(&mut state, self.journal(), || SessionChange::Expiry {
            secs,
        });
    }

    /// Takes the next queued messages for the client into `batch`, within
    /// `limits`, the client's send quota (`quota(in flight now)`: its Receive
    /// Maximum) and the session's byte limit (in-flight payloads count
    /// against it). A QoS 1/2 message gets a packet identifier from
    /// `packet_id` (none left: it stays queued) and is recorded in flight in
    /// the same locked step that takes it off the queue, so a connection
    /// taking the session over meanwhile finds it there and redelivers it.
    /// The messages are encoded by the caller after the lock is released:
    /// publishers enqueueing to this session never wait for that.
    pub fn take_batch(
        &self,
        session: &SessionCell,
        limits: BatchLimits,
        quota: impl FnOnce(usize) -> usize,
        mut packet_id: impl FnMut() -> Option<u16>,
        batch: &mut Vec<(Queued, Option<u16>)>,
    ) -> Taken {
        let queue_limits = self.queue_limits();
        let mut room = limits.room;
        let mut out_of_room = false;
        let mut state = session.state.lock();
        let queued_before = state.queue.len();
        let mut quota = quota(state.inflight().len());
        let mut inflight_bytes = state.inflight_bytes();
        while batch.len() < limits.max_messages {
            let Some(front) = state.queue.front() else {
                break;
            };
            if room == 0 {
                out_of_room = true;
                break;
            }
            let size = front.message.payload_len();
            let needs_id = front.qos != Qos::AtMostOnce;
            if needs_id
                && (quota == 0
                    || (inflight_bytes > 0 && inflight_bytes + size > queue_limits.online_bytes))
            {
                break;
            }
            room = room.saturating_sub(size + front.message.topic.len());
            let item = state.pop_queued().expect("front exists");
            if item.message.is_expired(limits.now) {
                continue; // [MQTT-3.3.2-5]
            }
            let id = if needs_id {
                let Some(id) = packet_id() else {
                    state.queue.push_front(item);
                    break;
                };
                quota -= 1;
                inflight_bytes += size;
                let inflight = Inflight {
                    packet_id: id,
                    item: item.clone(),
                    state: InflightState::AwaitingAck,
                };
                self.outbound_sent(session, &mut state, inflight);
                Some(id)
            } else {
                None
            };
            batch.push((item, id));
        }
        if state.queue.len() < queued_before {
            session.made_progress(state.queue.len(), queue_limits);
        }
        Taken { room, out_of_room }
    }

    /// A queued message goes to the client with `packet_id`: it is in flight
    /// from now on, a resumed session resends it [MQTT-4.4.0-1]. Called
    /// under the session's lock, in the step that took the message off the
    /// queue.
    fn outbound_sent(&self, cell: &SessionCell, state: &mut Session, inflight: Inflight) {
        let (packet_id, qos) = (inflight.packet_id, inflight.item.qos);
        let message = state.durable.then(|| inflight.item.message.store_id());
        state.push_inflight(inflight);
        if let Some(message) = message {
            cell.record_sent(state, self.journal(), (message, packet_id), qos);
        }
    }

    /// What a resumed session left unfinished: the messages in flight to the
    /// client, to resend [MQTT-4.4.0-1], and the QoS 2 packet identifiers it
    /// sent and has not released.
    pub fn unfinished_exchanges(&self, session: &SessionCell) -> (Vec<Inflight>, HashSet<u16>) {
        let state = session.state.lock();
        (
            state.inflight().iter().cloned().collect(),
            state.incoming_qos2.clone(),
        )
    }
}
