//! What a connection reports of its session's QoS 1/2 exchanges and settings:
//! acknowledgements in both directions, the QoS 2 packet identifiers it must
//! remember, a new Session Expiry Interval.
//!
//! Connections change these parts of a session only through here, so each is
//! one call the broker sees: the points where a durable store records the
//! change before the acknowledgement that promises it goes out.

use super::BrokerState;
use crate::session::{Inflight, InflightState, Session, SessionCell};
use crate::store::journal::record::SessionChange;
use std::collections::HashSet;

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

    /// A queued message goes to the client with `packet_id`: it is in flight
    /// from now on, a resumed session resends it [MQTT-4.4.0-1]. Called by
    /// the connection under the session's lock, in the step that took the
    /// message off the queue.
    pub(crate) fn outbound_sent(
        &self,
        cell: &SessionCell,
        state: &mut Session,
        inflight: Inflight,
    ) {
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
