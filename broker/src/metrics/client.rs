//! The counters of one connection, resolved once so the hot path only adds.
//!
//! Per-message counts are kept in the connection itself and added to the
//! shared counters once per turn of its loop ([`ClientMetrics::flush`]):
//! counters that every connection's task increments for every message would
//! bounce their cache line between cores (measured: 4-5 % of fan-in
//! throughput, BENCHMARKS.md).

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
    /// Counted here, not yet added to the shared counters.
    unflushed_published: [u64; 3],
    unflushed_delivered: [u64; 3],
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
            unflushed_published: [0; 3],
            unflushed_delivered: [0; 3],
        }
    }

    /// The client's protocol, for the counters looked up by label.
    pub fn protocol(&self) -> Protocol {
        self.protocol
    }

    /// Counts a PUBLISH from the client that the broker accepted (shown
    /// after the next [`ClientMetrics::flush`]).
    pub fn published(&mut self, qos: Qos) {
        self.unflushed_published[qos as usize] += 1;
    }

    /// Counts a PUBLISH the broker sent to the client (shown after the next flush).
    pub fn delivered(&mut self, qos: Qos) {
        self.unflushed_delivered[qos as usize] += 1;
    }

    /// Adds what was counted since the last flush to the shared counters.
    pub fn flush(&mut self) {
        let add = |counters: &[Counter; 3], total: &Counter, counts: &mut [u64; 3]| {
            let mut sum = 0;
            for (counter, count) in counters.iter().zip(counts.iter_mut()) {
                if *count > 0 {
                    counter.inc_by(*count);
                    sum += std::mem::take(count);
                }
            }
            if sum > 0 {
                total.inc_by(sum);
            }
        };
        add(
            &self.published,
            &self.publish_requests,
            &mut self.unflushed_published,
        );
        add(
            &self.delivered,
            &self.deliver_requests,
            &mut self.unflushed_delivered,
        );
    }
}

impl Drop for ClientMetrics {
    fn drop(&mut self) {
        self.flush();
        self.connected.dec();
    }
}
