//! Prometheus metrics: Event Grid's MQTT metrics with its dimensions, and
//! Tern's own gauges, served as `GET /metrics` (see [`endpoint`]).
//!
//! The counters every PUBLISH touches are resolved once per connection
//! ([`Traffic`], [`ClientMetrics`]), so the hot path does one relaxed atomic
//! add per count and never hashes a label set. Rarer outcomes (refusals,
//! subscriptions, connects) look their label set up in the family.
//! Point-in-time values (sessions, queues, retained messages, store size)
//! are read when `/metrics` is scraped ([`scrape`]).

mod client;
pub mod endpoint;
pub mod labels;
mod scrape;

pub use client::{ClientMetrics, Traffic};
pub use endpoint::MetricsEndpoint;
use labels::*;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};
pub use scrape::{dir_bytes, Readings};
use std::time::Duration;
use tern_protocol::mqtt::packet::Qos;

/// How an authentication-duration histogram is made (buckets from 100 µs to ~3 s).
type HistogramMaker = fn() -> Histogram;

fn authentication_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0001, 2.0, 16))
}

/// Every metric of one broker, and the registry that exports them.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    published: Family<MessageLabels, Counter>,
    failed_published: Family<FailedMessageLabels, Counter>,
    delivered: Family<MessageLabels, Counter>,
    subscription_ops: Family<SubscriptionLabels, Counter>,
    failed_subscription_ops: Family<FailedSubscriptionLabels, Counter>,
    connections: Family<ProtocolLabels, Gauge>,
    dropped_sessions: Family<DropLabels, Counter>,
    expired_retained: Counter,
    throughput: Family<DirectionLabels, Counter>,
    quota_refusals: Family<QuotaLabels, Counter>,
    authentication: Family<AuthLabels, Histogram, HistogramMaker>,
    routed: Counter,
    routing_delivery: Histogram,
    failed_routed: Family<RoutingErrorLabels, Counter>,
    failed_attempts: Counter,
    dead_letters_forgotten: Counter,
    dead_letters_not_written: Counter,
    gauges: scrape::Gauges,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Creates and registers every metric, all at zero.
    pub fn new() -> Self {
        let mut registry = Registry::default();
        let requests = Family::default();
        registry.register(
            "mqtt_request_count",
            "MQTT requests by operation, protocol and result (Event Grid's Mqtt.RequestCount)",
            Family::clone(&requests),
        );
        let throughput = Family::default();
        registry.register_with_unit(
            "mqtt_throughput",
            "Bytes received from and sent to clients, every MQTT packet counted (Mqtt.Throughput)",
            Unit::Bytes,
            Family::clone(&throughput),
        );
        let published = Family::default();
        registry.register(
            "mqtt_successful_published_messages",
            "PUBLISHes from clients the broker accepted (Mqtt.SuccessfulPublishedMessages)",
            Family::clone(&published),
        );
        let failed_published = Family::default();
        registry.register(
            "mqtt_failed_published_messages",
            "PUBLISHes from clients the broker refused (Mqtt.FailedPublishedMessages)",
            Family::clone(&failed_published),
        );
        let delivered = Family::default();
        registry.register(
            "mqtt_successful_delivered_messages",
            "PUBLISHes the broker sent to clients, acknowledged or not (Mqtt.SuccessfulDeliveredMessages)",
            Family::clone(&delivered),
        );
        let subscription_ops = Family::default();
        registry.register(
            "mqtt_successful_subscription_operations",
            "Topic filters of SUBSCRIBE/UNSUBSCRIBE that succeeded (Mqtt.SuccessfulSubscriptionOperations)",
            Family::clone(&subscription_ops),
        );
        let failed_subscription_ops = Family::default();
        registry.register(
            "mqtt_failed_subscription_operations",
            "Topic filters of SUBSCRIBE/UNSUBSCRIBE that were refused (Mqtt.FailedSubscriptionOperations)",
            Family::clone(&failed_subscription_ops),
        );
        let connections = Family::default();
        registry.register(
            "mqtt_connections",
            "Connected clients (Mqtt.Connections)",
            Family::clone(&connections),
        );
        let dropped_sessions = Family::default();
        registry.register(
            "mqtt_dropped_sessions",
            "Sessions the broker ended (Mqtt.DroppedSessions)",
            Family::clone(&dropped_sessions),
        );
        let expired_retained = Counter::default();
        registry.register(
            "mqtt_expired_retained_messages",
            "Retained messages dropped when their Message Expiry Interval passed (Mqtt.ExpiredRetainedMessages)",
            expired_retained.clone(),
        );
        let quota_refusals = Family::default();
        registry.register(
            "tern_quota_refusals",
            "Requests refused by one of Tern's quotas, by quota",
            Family::clone(&quota_refusals),
        );
        let authentication =
            Family::new_with_constructor(authentication_histogram as HistogramMaker);
        registry.register_with_unit(
            "tern_authentication_duration",
            "Time to authenticate a CONNECT (password, certificate, JWT, webhook, enhanced auth)",
            Unit::Seconds,
            Family::clone(&authentication),
        );
        let routed = Counter::default();
        registry.register(
            "mqtt_successful_routed_messages",
            "Routed messages a webhook accepted (Mqtt.SuccessfulRoutedMessages)",
            routed.clone(),
        );
        let failed_routed = Family::default();
        registry.register(
            "mqtt_failed_routed_messages",
            "Routed messages dead-lettered, by why (Mqtt.FailedRoutedMessages)",
            Family::clone(&failed_routed),
        );
        let routing_delivery = Histogram::new(exponential_buckets(0.001, 2.0, 18));
        registry.register_with_unit(
            "tern_routing_delivery_duration",
            "Time from the broker receiving a routed message to its webhook accepting it, retries included",
            Unit::Seconds,
            routing_delivery.clone(),
        );
        let failed_attempts = Counter::default();
        registry.register(
            "tern_routing_failed_attempts",
            "Webhook deliveries that failed (each is retried or dead-lettered)",
            failed_attempts.clone(),
        );
        let dead_letters_forgotten = Counter::default();
        registry.register(
            "tern_dead_letters_forgotten",
            "Dead letters pushed out of memory by newer ones (still in the route's file, if it has one)",
            dead_letters_forgotten.clone(),
        );
        let dead_letters_not_written = Counter::default();
        registry.register(
            "tern_dead_letters_not_written",
            "Dead letters their route's file never got (its writer fell behind or failed)",
            dead_letters_not_written.clone(),
        );
        let gauges = scrape::Gauges::register(&mut registry);
        Self {
            registry,
            requests,
            published,
            failed_published,
            delivered,
            subscription_ops,
            failed_subscription_ops,
            connections,
            dropped_sessions,
            expired_retained,
            throughput,
            quota_refusals,
            authentication,
            routed,
            routing_delivery,
            failed_routed,
            failed_attempts,
            dead_letters_forgotten,
            dead_letters_not_written,
            gauges,
        }
    }

    /// The counter of routed messages a webhook accepted.
    pub fn routed_counter(&self) -> Counter {
        self.routed.clone()
    }

    /// The histogram of routed messages' time to delivery.
    pub fn routing_delivery_histogram(&self) -> Histogram {
        self.routing_delivery.clone()
    }

    /// The counter of failed webhook deliveries.
    pub fn failed_attempts_counter(&self) -> Counter {
        self.failed_attempts.clone()
    }

    /// The counters of dead letters pushed out of memory, and of those their
    /// file never got.
    pub fn dead_letter_counters(&self) -> (Counter, Counter) {
        (
            self.dead_letters_forgotten.clone(),
            self.dead_letters_not_written.clone(),
        )
    }

    /// The counter of routed messages dead-lettered for `error`.
    pub fn failed_routed_counter(&self, error: RoutingError) -> Counter {
        self.failed_routed
            .get_or_create_owned(&RoutingErrorLabels { error })
    }

    /// The counter of refusals by `quota` (kept by [`crate::quota::Refusals`]).
    pub fn quota_counter(&self, quota: Quota) -> Counter {
        self.quota_refusals
            .get_or_create_owned(&QuotaLabels { quota })
    }

    /// The byte counters of a new connection (before its protocol is known).
    pub fn traffic(&self) -> Traffic {
        Traffic::new(&self.throughput)
    }

    /// The counters of a client whose CONNECT was accepted; it counts as
    /// connected until the returned value is dropped.
    pub fn client(&self, protocol: Protocol) -> ClientMetrics {
        ClientMetrics::new(self, protocol)
    }

    /// Counts one request of `operation` that ended with `error`
    /// ([`Error::None`] for a success).
    pub fn request(&self, operation_type: Operation, protocol: Protocol, error: Error) {
        self.requests
            .get_or_create(&RequestLabels {
                operation_type,
                protocol,
                result: error.outcome(),
                error,
            })
            .inc();
    }

    /// Counts a PUBLISH from a client that was refused with `error`.
    pub fn publish_failed(&self, protocol: Protocol, qos: Qos, error: Error) {
        self.failed_published
            .get_or_create(&FailedMessageLabels {
                protocol,
                qos: qos.into(),
                error,
            })
            .inc();
        self.request(Operation::Publish, protocol, error);
    }

    /// Counts a SUBSCRIBE or UNSUBSCRIBE and each of its filters by the reason
    /// codes it was answered with. The request succeeded if every filter did;
    /// otherwise it counts with the error of the first refused filter.
    pub fn subscription_request(
        &self,
        operation_type: Operation,
        protocol: Protocol,
        codes: &[u8],
    ) {
        let mut first_error = Error::None;
        for &code in codes {
            match Error::of_reason_code(code) {
                Error::None => self
                    .subscription_ops
                    .get_or_create(&SubscriptionLabels {
                        operation_type,
                        protocol,
                    })
                    .inc(),
                error => {
                    if first_error == Error::None {
                        first_error = error;
                    }
                    self.failed_subscription_ops
                        .get_or_create(&FailedSubscriptionLabels {
                            operation_type,
                            protocol,
                            error,
                        })
                        .inc()
                }
            };
        }
        self.request(operation_type, protocol, first_error);
    }

    /// Counts a session the broker ended.
    pub fn session_dropped(&self, drop_reason: DropReason) {
        self.dropped_sessions
            .get_or_create(&DropLabels { drop_reason })
            .inc();
    }

    /// Counts retained messages that expired.
    pub fn retained_expired(&self, count: usize) {
        self.expired_retained.inc_by(count as u64);
    }

    /// Records how long an authentication took and how it ended.
    pub fn authenticated(&self, took: Duration, error: Error) {
        self.authentication
            .get_or_create(&AuthLabels { error })
            .observe(took.as_secs_f64());
    }
}
