//! What a connection reports of its session's QoS 1/2 exchanges and settings:
//! acknowledgements in both directions, the QoS 2 packet identifiers it must
//! remember, a new Session Expiry Interval.
//!
//! Connections change these parts of a session only through here, so each is
//! one call the broker sees: the points where a durable store records the
//! change before the acknowledgement that promises it goes out.

use super::BrokerState;
use crate::session::{Inflight, InflightState, SessionCell};
use std::collections::HashSet;

impl BrokerState {
    /// A QoS 1/2 message sent to the client is done with: PUBACK, PUBCOMP, a
    /// PUBREC with an error code, or a message that could not be sent after
    /// all (its packet identifier is released).
    pub fn outbound_done(&self, session: &SessionCell, packet_id: u16) {
        session.state.lock().remove_inflight(packet_id);
    }

    /// PUBREC for a QoS 2 message sent to the client: it now waits for PUBCOMP
    /// (after the PUBREL the broker sends).
    pub fn outbound_received(&self, session: &SessionCell, packet_id: u16) {
        let mut state = session.state.lock();
        if let Some(m) = state.inflight_mut(packet_id) {
            m.state = InflightState::AwaitingComp;
        }
    }

    /// A QoS 2 message from the client was accepted (PUBREC sent): its packet
    /// identifier is remembered until PUBREL, across reconnects [MQTT-4.3.3-10].
    pub fn inbound_qos2_received(&self, session: &SessionCell, packet_id: u16) {
        session.state.lock().incoming_qos2.insert(packet_id);
    }

    /// PUBREL from the client: the QoS 2 exchange ends (PUBCOMP).
    pub fn inbound_qos2_released(&self, session: &SessionCell, packet_id: u16) {
        session.state.lock().incoming_qos2.remove(&packet_id);
    }

    /// The client set a new Session Expiry Interval on DISCONNECT [MQTT-3.14.2-2 allows it].
    pub fn set_session_expiry(&self, session: &SessionCell, secs: u32) {
        session.state.lock().expiry_secs = secs;
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
