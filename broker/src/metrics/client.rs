//! The counters of one connection, resolved once so the hot path only adds.

use super::labels::*;
use super::Metrics;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use tern_protocol::mqtt::packet::Qos;

/// Bytes in and out of one connection (`mqtt_throughput_bytes`), counted
/// from its first byte, before its protocol is known.
#[derive(Debug, Clone)]
pub struct Traffic {
    inbound: Counter,
    outbound: Counter,
}

impl Traffic {
    pub(super) fn new(family: &Family<DirectionLabels, Counter>) -> Self {
        let counter = |direction| family.get_or_create_owned(&DirectionLabels { direction });
        Self {
            inbound: counter(Direction::Inbound),
            outbound: counter(Direction::Outbound),
        }
    }

    /// Counts `bytes` read from the client.
    pub fn received(&self, bytes: usize) {
        self.inbound.inc_by(bytes as u64);
    }

    /// Counts `bytes` written to the client.
    pub fn sent(&self, bytes: usize) {
        self.outbound.inc_by(bytes as u64);
    }
}

/// The counters of a connected client, by its protocol. While it exists the
/// client counts in `mqtt_connections`.
#[derive(Debug)]
pub struct ClientMetrics {
    protocol: Protocol,
    /// Accepted PUBLISHes by QoS, and the matching RequestCount.
    published: [Counter; 3],
    publish_requests: Counter,
    /// Deliveries by QoS, and the matching RequestCount.
    delivered: [Counter; 3],
    deliver_requests: Counter,
    connected: Gauge,
}

impl ClientMetrics {
    pub(super) fn new(metrics: &Metrics, protocol: Protocol) -> Self {
        let by_qos = |family: &Family<MessageLabels, Counter>| {
            [QosLabel::Zero, QosLabel::One, QosLabel::Two]
                .map(|qos| family.get_or_create_owned(&MessageLabels { protocol, qos }))
        };
        let success = |operation_type| {
            metrics.requests.get_or_create_owned(&RequestLabels {
                operation_type,
                protocol,
                result: Outcome::Success,
                error: Error::None,
            })
        };
        let connected = metrics
            .connections
            .get_or_create_owned(&ProtocolLabels { protocol });
        connected.inc();
        Self {
            protocol,
            published: by_qos(&metrics.published),
            publish_requests: success(Operation::Publish),
            delivered: by_qos(&metrics.delivered),
            deliver_requests: success(Operation::Deliver),
            connected,
        }
    }

    /// The client's protocol, for the counters looked up by label.
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// Counts a PUBLISH from the client that the broker accepted.
    pub fn published(&self, qos: Qos) {
        self.published[qos as usize].inc();
        self.publish_requests.inc();
    }

    /// Counts a PUBLISH the broker sent to the client.
    pub fn delivered(&self, qos: Qos) {
        self.delivered[qos as usize].inc();
        self.deliver_requests.inc();
    }
}

impl Drop for ClientMetrics {
    fn drop(&mut self) {
        self.connected.dec();
    }
}
