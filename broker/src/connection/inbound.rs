//! Packets from the client after CONNECT: PUBLISH and its acknowledgements,
//! DISCONNECT and AUTH (SUBSCRIBE and UNSUBSCRIBE are in `subscribe`).

use super::{CloseReason, Conn, Connected, Stream};
use crate::message::Message;
use crate::metrics::labels::Error;
use crate::quota::Refusals;
use std::sync::Arc;
use tern_protocol::mqtt::packet::{v5_0, GenericPacket, Property, Qos};
use tern_protocol::mqtt::result_code::{AuthReasonCode, DisconnectReasonCode};
use tokio::time::Instant;

/// How a received PUBLISH is answered.
enum PublishVerdict {
    /// Routed.
    Accepted,
    /// Refused with a reason code (sent in PUBACK/PUBREC for QoS 1/2).
    Refused(u8),
}

impl<S: Stream> Conn<S, Connected> {
    /// Dispatches one packet the protocol state machine accepted.
    pub(super) fn on_packet(&mut self, packet: GenericPacket<u16>) {
        match packet {
            GenericPacket::V5_0Auth(auth) => self.on_auth(&auth),
            GenericPacket::V5_0Publish(p) => self.on_publish_v5(p),
            GenericPacket::V3_1_1Publish(p) => {
                let message = Message::from_v3(&p, &self.client().client_id);
                let verdict = self.check_publish(&message);
                self.finish_publish(message, p.packet_id(), verdict);
            }
            GenericPacket::V5_0Puback(p) => self.on_acked(p.packet_id()),
            GenericPacket::V3_1_1Puback(p) => self.on_acked(p.packet_id()),
            GenericPacket::V5_0Pubrec(p) => {
                let failed = p.reason_code().is_some_and(|c| (c as u8) >= 0x80);
                self.on_pubrec(p.packet_id(), failed);
            }
            GenericPacket::V3_1_1Pubrec(p) => self.on_pubrec(p.packet_id(), false),
            GenericPacket::V5_0Pubcomp(p) => self.on_acked(p.packet_id()),
            GenericPacket::V3_1_1Pubcomp(p) => self.on_acked(p.packet_id()),
            GenericPacket::V5_0Pubrel(p) => self.on_pubrel(p.packet_id()),
            GenericPacket::V3_1_1Pubrel(p) => self.on_pubrel(p.packet_id()),
            GenericPacket::V5_0Subscribe(p) => {
                let sub_id = p.props().iter().find_map(|prop| match prop {
                    Property::SubscriptionIdentifier(id) => Some(id.val()),
                    _ => None,
                });
                self.on_subscribe(p.packet_id(), p.entries(), sub_id);
            }
            GenericPacket::V3_1_1Subscribe(p) => {
                self.on_subscribe(p.packet_id(), p.entries(), None);
            }
            GenericPacket::V5_0Unsubscribe(p) => {
                let filters: Vec<String> = p.entries().iter().map(|f| f.to_string()).collect();
                self.on_unsubscribe(p.packet_id(), &filters);
            }
            GenericPacket::V3_1_1Unsubscribe(p) => {
                let filters: Vec<String> = p.entries().iter().map(|f| f.to_string()).collect();
                self.on_unsubscribe(p.packet_id(), &filters);
            }
            GenericPacket::V5_0Disconnect(d) => self.on_disconnect_v5(&d),
            GenericPacket::V3_1_1Disconnect(_) => self.close(CloseReason::NormalDisconnect),
            _ => {}
        }
    }

    fn on_publish_v5(&mut self, p: v5_0::Publish) {
        let message = Message::from_v5(&p, &self.client().client_id, Instant::now());
        let mut verdict = self.check_publish(&message);
        if matches!(verdict, PublishVerdict::Accepted)
            && message.payload_is_utf8()
            && std::str::from_utf8(message.payload.as_slice()).is_err()
        {
            // [MQTT-3.3.2-4 / 5.4.9]: Payload Format Indicator 1 promises UTF-8.
            if p.qos() == Qos::AtMostOnce {
                let protocol = self.client().metrics.protocol();
                self.broker
                    .metrics
                    .publish_failed(protocol, p.qos(), Error::ClientError);
                self.disconnect(
                    DisconnectReasonCode::PayloadFormatInvalid,
                    CloseReason::ProtocolViolation,
                );
                return;
            }
            verdict = PublishVerdict::Refused(0x99);
        }
        self.finish_publish(message, p.packet_id(), verdict);
    }

    /// Checks topic rules and authorization of a received PUBLISH.
    fn check_publish(&mut self, message: &Message) -> PublishVerdict {
        if let Err(e) = tern_topic::validate_topic_name(&message.topic) {
            tracing::debug!(client_id = %self.client().client_id, error = %e, "invalid topic name");
            self.disconnect(
                DisconnectReasonCode::TopicNameInvalid,
                CloseReason::ProtocolViolation,
            );
            return PublishVerdict::Refused(0x90);
        }
        if message.topic.starts_with(crate::lifecycle::EVENTS_PREFIX) {
            // The broker's own life-cycle topics: nobody else publishes there.
            tracing::debug!(client_id = %self.client().client_id, topic = %message.topic, "PUBLISH to the broker's $events topics refused");
            return PublishVerdict::Refused(0x87);
        }
        if let Err(why) = self.broker.topic_limits().check(&message.topic) {
            // Valid, but beyond this broker's limits: Topic Name invalid (for
            // QoS 0 there is nothing to answer; the message is dropped).
            Refusals::count(&self.broker.refusals.topics);
            tracing::debug!(client_id = %self.client().client_id, topic = %message.topic, "PUBLISH refused: topic {why}");
            return PublishVerdict::Refused(0x90);
        }
        if self.authorize_publish(&message.topic).is_err() {
            return PublishVerdict::Refused(0x87);
        }
        if message.qos != Qos::AtMostOnce && !self.broker.accepts_durable_messages() {
            // The store cannot reserve room (disk full): refused rather than
            // acknowledged without being stored. MQTT 3.1.1 has no refusing
            // PUBACK: its connection is closed instead, unacknowledged.
            tracing::warn!(client_id = %self.client().client_id, topic = %message.topic, "QoS 1/2 PUBLISH refused: the store has no room");
            if !self.client().version.is_v5() {
                self.close(CloseReason::ServerInitiated);
            }
            return PublishVerdict::Refused(0x97);
        }
        PublishVerdict::Accepted
    }

    /// Routes an accepted message and acknowledges the PUBLISH.
    fn finish_publish(
        &mut self,
        message: Message,
        packet_id: Option<u16>,
        verdict: PublishVerdict,
    ) {
        let qos = message.qos;
        let message = Arc::new(message);
        if let PublishVerdict::Refused(code) = verdict {
            let protocol = self.client().metrics.protocol();
            self.broker
                .metrics
                .publish_failed(protocol, qos, Error::of_reason_code(code));
        }
        if self.is_closing() {
            return;
        }
        let code = match verdict {
            PublishVerdict::Accepted => match self.broker.publish(Arc::clone(&message)) {
                Ok(routed) => {
                    self.phase.client.metrics.published(qos);
                    let offered = self.broker.routing.offer(&message, &self.client().identity);
                    self.hold_back_for(routed.congested);
                    // The acknowledgement goes out once the message, and the
                    // routes' copies of it, are durable.
                    self.durable_at = self.durable_at.max(routed.lsn).max(offered);
                    0x00
                }
                // A retained message beyond the retained quotas: Quota exceeded.
                Err(_) => {
                    let protocol = self.client().metrics.protocol();
                    self.broker
                        .metrics
                        .publish_failed(protocol, qos, Error::QuotaExceeded);
                    0x97
                }
            },
            PublishVerdict::Refused(code) => code,
        };
        let Some(packet_id) = packet_id else { return };
        let version = self.client().version;
        let packet = match qos {
            Qos::AtLeastOnce => version.puback(packet_id, code),
            Qos::ExactlyOnce => version.pubrec(packet_id, code),
            Qos::AtMostOnce => None,
        };
        if let Some(packet) = packet {
            self.send(packet);
        }
        if qos == Qos::ExactlyOnce && code < 0x80 {
            let session = &self.client().session;
            self.broker.inbound_qos2_received(session, packet_id);
        }
    }

    /// PUBREL from the client: the QoS 2 exchange ends with PUBCOMP.
    fn on_pubrel(&mut self, packet_id: u16) {
        self.broker
            .inbound_qos2_released(&self.client().session, packet_id);
        let packet = self.client().version.pubcomp(packet_id);
        if let Some(packet) = packet {
            self.send(packet);
        }
    }

    /// PUBACK or PUBCOMP: the in-flight message is done.
    fn on_acked(&mut self, packet_id: u16) {
        self.broker.outbound_done(&self.client().session, packet_id);
    }

    /// PUBREC: answer with PUBREL and wait for PUBCOMP (or stop on an error code).
    fn on_pubrec(&mut self, packet_id: u16, failed: bool) {
        let session = &self.client().session;
        if failed {
            self.broker.outbound_done(session, packet_id);
            return;
        }
        self.broker.outbound_received(session, packet_id);
        self.send_pubrel(packet_id);
    }

    /// Sends PUBREL for `packet_id` in the client's version.
    pub(super) fn send_pubrel(&mut self, packet_id: u16) {
        let packet = self.client().version.pubrel(packet_id);
        if let Some(packet) = packet {
            self.send(packet);
        }
    }

    fn on_disconnect_v5(&mut self, d: &v5_0::Disconnect) {
        let new_expiry = d.props().iter().flatten().find_map(|p| match p {
            Property::SessionExpiryInterval(v) => Some(v.val()),
            _ => None,
        });
        if let Some(expiry) = new_expiry {
            if self.client().expiry_was_zero && expiry != 0 {
                // [MQTT-3.14.2-2]
                self.disconnect(
                    DisconnectReasonCode::ProtocolError,
                    CloseReason::ProtocolViolation,
                );
                return;
            }
            let max = self.broker.config.sessions.max_session_expiry_secs;
            let session = &self.client().session;
            self.broker.set_session_expiry(session, expiry.min(max));
        }
        let with_will = d.reason_code() == Some(DisconnectReasonCode::DisconnectWithWillMessage);
        self.close(if with_will {
            CloseReason::DisconnectWithWill
        } else {
            CloseReason::NormalDisconnect
        });
    }

    fn on_auth(&mut self, auth: &v5_0::Auth) {
        let data = auth_data(auth);
        let client = self.client();
        let method = auth.props().iter().flatten().find_map(|p| match p {
            Property::AuthenticationMethod(m) => Some(m.val().to_owned()),
            _ => None,
        });
        let reauth = auth.reason_code() == Some(AuthReasonCode::ReAuthenticate);
        if !reauth || method.is_none() || method != client.request.auth_method {
            // [MQTT-4.12.1-1]: re-authentication uses the CONNECT's method; AUTH
            // without one, or with another reason code after CONNACK, is a
            // protocol error [MQTT-4.12.0-7].
            tracing::debug!(client_id = %client.client_id, ?method, "unexpected AUTH");
            self.disconnect(
                DisconnectReasonCode::ProtocolError,
                CloseReason::ProtocolViolation,
            );
            return;
        }
        self.phase.pending_reauth = Some(data);
    }
}

/// The Authentication Data of an AUTH packet (empty if it has none).
pub(super) fn auth_data(auth: &v5_0::Auth) -> Vec<u8> {
    auth.props()
        .iter()
        .flatten()
        .find_map(|p| match p {
            Property::AuthenticationData(d) => Some(d.val().to_vec()),
            _ => None,
        })
        .unwrap_or_default()
}
