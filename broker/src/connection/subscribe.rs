//! SUBSCRIBE and UNSUBSCRIBE: topic filter checks, quotas, authorization,
//! the router, and the retained messages a subscription brings.
//!
//! Retained messages go into the session's queue within its limits (count
//! and bytes, as any message): what does not fit is not sent, and a filter
//! repeated in one SUBSCRIBE brings its retained messages once, so no
//! SUBSCRIBE can make the broker hold more for a client than its queue may.

use super::{CloseReason, Conn, Connected, Stream};
use crate::metrics::labels::Operation;
use crate::quota::Refusals;
use crate::session::SubOptions;
use crate::state::SubscribeRefused;
use tern_protocol::mqtt::packet::{RetainHandling, SubEntry};
use tern_protocol::mqtt::result_code::{DisconnectReasonCode, UnsubackReasonCode};
use tokio::time::Instant;

impl<S: Stream> Conn<S, Connected> {
    pub(super) fn on_subscribe(
        &mut self,
        packet_id: u16,
        entries: &[SubEntry],
        sub_id: Option<u32>,
    ) {
        let client_id = self.client().client_id.clone();
        let session = self.client().session.clone();
        let topic_limits = self.broker.topic_limits();
        let mut codes: Vec<u8> = Vec::with_capacity(entries.len());
        // Filters whose retained messages go out, each once, with the options
        // of its last occurrence in this SUBSCRIBE.
        let mut send_retained_for: Vec<(String, SubOptions)> = Vec::new();
        for entry in entries {
            let raw = entry.topic_filter();
            let (group, filter) = match tern_topic::parse_subscription_filter(raw) {
                Ok(parsed) => parsed,
                Err(e) => {
                    tracing::debug!(%client_id, filter = raw, error = %e, "invalid topic filter");
                    codes.push(0x8F);
                    continue;
                }
            };
            let shared = group.is_some();
            if shared && entry.sub_opts().nl() {
                // [MQTT-3.8.3-4]: No Local on a shared subscription is a protocol error.
                self.disconnect(
                    DisconnectReasonCode::ProtocolError,
                    CloseReason::ProtocolViolation,
                );
                return;
            }
            if let Err(why) = topic_limits.check(filter) {
                // Valid, but beyond this broker's limits: Topic Filter invalid.
                Refusals::count(&self.broker.refusals.topics);
                tracing::debug!(%client_id, filter = raw, "subscription refused: filter {why}");
                codes.push(0x8F);
                continue;
            }
            if self.authorize_subscribe(filter).is_err() {
                codes.push(0x87);
                continue;
            }
            let options = SubOptions {
                qos: entry.sub_opts().qos(),
                no_local: entry.sub_opts().nl(),
                retain_as_published: entry.sub_opts().rap(),
                retain_handling: entry.sub_opts().rh(),
                subscription_id: sub_id,
            };
            let existed = match self.broker.subscribe(&session, raw, options.clone()) {
                Ok(existed) => existed,
                Err(refused) => {
                    tracing::debug!(%client_id, filter = raw, "subscription refused: {refused}");
                    codes.push(match refused {
                        SubscribeRefused::InvalidFilter(_) => 0x8F,
                        SubscribeRefused::TooMany { .. } => {
                            Refusals::count(&self.broker.refusals.subscriptions);
                            0x97
                        }
                        SubscribeRefused::SessionEnded => 0x80,
                    });
                    continue;
                }
            };
            codes.push(options.qos as u8);
            // Retained messages on subscribe [MQTT-3.3.1-9..11]; never for shared ones.
            let send_retained = !shared
                && match options.retain_handling {
                    RetainHandling::SendRetained => true,
                    RetainHandling::SendRetainedIfNotExists => !existed,
                    RetainHandling::DoNotSendRetained => false,
                };
            if send_retained {
                send_retained_for.retain(|(f, _)| f != filter);
                send_retained_for.push((filter.to_string(), options));
            }
        }
        let protocol = self.client().metrics.protocol();
        self.broker
            .metrics
            .subscription_request(Operation::Subscribe, protocol, &codes);
        self.send_suback(packet_id, &codes);
        // SUBACK goes first; retained messages follow through the session queue.
        self.queue_retained(&send_retained_for, sub_id);
    }

    fn send_suback(&mut self, packet_id: u16, codes: &[u8]) {
        if let Some(packet) = self.client().version.suback(packet_id, codes) {
            self.send(packet);
        }
    }

    /// Queues the retained messages of `filters` within the session's queue
    /// limits; those that do not fit are not sent (logged).
    fn queue_retained(&mut self, filters: &[(String, SubOptions)], sub_id: Option<u32>) {
        if filters.is_empty() {
            return;
        }
        let session = self.client().session.clone();
        let now = Instant::now();
        let skipped: usize = filters
            .iter()
            .map(|(filter, options)| {
                self.broker
                    .queue_retained(&session, filter, options, sub_id, now)
            })
            .sum();
        if skipped > 0 {
            tracing::debug!(client_id = %self.client().client_id, skipped, "retained messages beyond the session's queue limits not sent");
        }
    }

    pub(super) fn on_unsubscribe(&mut self, packet_id: u16, filters: &[String]) {
        let mut codes = Vec::with_capacity(filters.len());
        let session = self.client().session.clone();
        for raw in filters {
            let code = if tern_topic::parse_subscription_filter(raw).is_err() {
                UnsubackReasonCode::TopicFilterInvalid
            } else if self.broker.unsubscribe(&session, raw) {
                UnsubackReasonCode::Success
            } else {
                UnsubackReasonCode::NoSubscriptionExisted
            };
            codes.push(code);
        }
        let numeric: Vec<u8> = codes.iter().map(|&c| c as u8).collect();
        let protocol = self.client().metrics.protocol();
        self.broker
            .metrics
            .subscription_request(Operation::Unsubscribe, protocol, &numeric);
        let packet = self.client().version.unsuback(packet_id, codes);
        if let Some(packet) = packet {
            self.send(packet);
        }
    }
}
