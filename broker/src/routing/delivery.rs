//! Delivery of one route's events to its webhook: at least once, one at a
//! time in arrival order, with Event Grid's retry schedule, and dead letters
//! for what cannot be delivered.
//!
//! 200-204 is success. 400, 401, 403, 404, 413 and 414 are not retried.
//! Anything else — another status (429 and 5xx among them), a transport
//! error, no answer within `routing.response_timeout_secs` — is tried again
//! after the next delay of `routing.retry_delays_ms` (the last repeats) until
//! `maxDeliveryCount` attempts or `eventTimeToLiveSecs` have passed. Waiting
//! events do not hold up new ones: an event waiting for its retry is set
//! aside and the queue goes on.

use super::dead_letter::{DeadLetters, Reason};
use super::RoutingCounters;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use tern_access::Route;
use tokio::sync::mpsc;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// An event on its way.
#[derive(Debug)]
pub struct Pending {
    /// The CloudEvent.
    pub event: Value,
    /// When the broker received the message (for the time to live).
    pub received: Instant,
    /// `publishtime` of a dead letter (RFC 3339).
    pub publish_time: String,
    /// Attempts made so far.
    pub attempts: u32,
}

/// How one attempt ended.
#[derive(Debug)]
enum Outcome {
    Delivered,
    NotRetried(String),
    Retry(String),
}

/// What a delivery worker needs.
pub struct Worker {
    /// The route as it was when the worker started.
    pub route: Route,
    /// Its dead letters.
    pub dead: Arc<DeadLetters>,
    /// Delays between attempts (the last repeats).
    pub retry_delays: Vec<Duration>,
    /// How long the webhook may take to answer.
    pub response_timeout: Duration,
    /// Counts of routed and failed events.
    pub counters: RoutingCounters,
    /// Broker shutdown.
    pub shutdown: CancellationToken,
}

impl Worker {
    /// Delivers what arrives on `queue` until it is closed and nothing waits
    /// for a retry, or the broker shuts down.
    pub async fn run(self, mut queue: mpsc::Receiver<Pending>) {
        let client = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
        let mut waiting: BTreeMap<(Instant, u64), Pending> = BTreeMap::new();
        let mut sequence = 0u64;
        let mut open = true;
        loop {
            if !open && waiting.is_empty() {
                return;
            }
            let next_due = waiting.keys().next().map(|(at, _)| *at);
            let mut pending = tokio::select! {
                biased;
                _ = self.shutdown.cancelled() => return,
                _ = sleep_until_opt(next_due) => match waiting.pop_first() {
                    Some((_, pending)) => pending,
                    None => continue,
                },
                got = queue.recv(), if open => match got {
                    Some(pending) => pending,
                    None => {
                        open = false;
                        continue;
                    }
                },
            };
            let ttl = Duration::from_secs(u64::from(self.route.event_time_to_live_secs));
            if pending.received.elapsed() >= ttl {
                self.dead_letter(
                    pending,
                    Reason::TimeToLiveExceeded,
                    "not attempted within the time to live",
                )
                .await;
                continue;
            }
            pending.attempts += 1;
            match self.attempt(&client, &pending.event).await {
                Outcome::Delivered => {
                    self.counters.routed.inc();
                }
                Outcome::NotRetried(why) => {
                    self.dead_letter(pending, Reason::NonRetriableStatus, &why)
                        .await;
                }
                Outcome::Retry(why) => {
                    let max = u32::from(self.route.max_delivery_count);
                    if pending.attempts >= max {
                        self.dead_letter(pending, Reason::MaxDeliveryAttemptsExceeded, &why)
                            .await;
                        continue;
                    }
                    let index = (pending.attempts as usize - 1)
                        .min(self.retry_delays.len().saturating_sub(1));
                    let delay = self
                        .retry_delays
                        .get(index)
                        .copied()
                        .unwrap_or(Duration::from_secs(300));
                    tracing::debug!(route = %self.route.name, attempts = pending.attempts, ?delay, %why, "delivery failed: will retry");
                    sequence += 1;
                    waiting.insert((Instant::now() + delay, sequence), pending);
                }
            }
        }
    }

    async fn attempt(&self, client: &Client<HttpConnector, Full<Bytes>>, event: &Value) -> Outcome {
        let mut request = hyper::Request::post(self.route.endpoint_url.as_str()).header(
            hyper::header::CONTENT_TYPE,
            "application/cloudevents+json; charset=utf-8",
        );
        for header in &self.route.delivery_headers {
            request = request.header(header.name.as_str(), header.value.as_str());
        }
        let request = match request.body(Full::new(Bytes::from(event.to_string()))) {
            Ok(request) => request,
            Err(e) => return Outcome::NotRetried(format!("the request could not be made: {e}")),
        };
        let answer = tokio::time::timeout(self.response_timeout, async {
            let response = client.request(request).await?;
            let status = response.status().as_u16();
            // Read (and drop) the body so the connection can be reused.
            let _ = response.into_body().collect().await;
            Ok::<u16, hyper_util::client::legacy::Error>(status)
        })
        .await;
        match answer {
            Ok(Ok(200..=204)) => Outcome::Delivered,
            Ok(Ok(status @ (400 | 401 | 403 | 404 | 413 | 414))) => {
                Outcome::NotRetried(format!("HTTP {status}"))
            }
            Ok(Ok(status)) => Outcome::Retry(format!("HTTP {status}")),
            Ok(Err(e)) => Outcome::Retry(format!("transport error: {e}")),
            Err(_) => Outcome::Retry(format!(
                "no answer within {} s",
                self.response_timeout.as_secs_f32()
            )),
        }
    }

    async fn dead_letter(&self, pending: Pending, reason: Reason, last_outcome: &str) {
        tracing::info!(route = %self.route.name, reason = reason.as_str(), attempts = pending.attempts, last_outcome, "event dead-lettered");
        self.counters.failed(reason);
        let record = DeadLetters::record(
            pending.event,
            reason,
            pending.attempts,
            last_outcome,
            &pending.publish_time,
        );
        self.dead.keep_and_write(record).await;
    }
}

/// Sleeps until `deadline`, or forever when there is none.
async fn sleep_until_opt(deadline: Option<Instant>) {
    match deadline {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
