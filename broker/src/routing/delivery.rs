//! Delivery of one route's events to its webhook: at least once, one at a
//! time in arrival order, with Event Grid's retry schedule, and dead letters
//! for what cannot be delivered.
//!
//! Before the first delivery the webhook is asked whether it takes events
//! from this broker (the CloudEvents webhook validation handshake, "abuse
//! protection"): `OPTIONS` with `WebHook-Request-Origin: {access.hostname}`,
//! answered 200 with `WebHook-Allowed-Origin` (that origin or `*`) and
//! optionally `WebHook-Allowed-Rate` (requests per minute), which the route
//! then keeps to. Until a webhook allows it, each attempt fails (and is
//! retried as any failure). A 429 with `Retry-After` holds the route back
//! that long.
//!
//! With `maxEventsPerBatch` above 1, a request carries every event that is
//! ready (due retries first, then the queue) up to that count and size, as a
//! `application/cloudevents-batch+json` array; each event of a failed batch
//! then follows its own retry schedule.
//!
//! 200-204 is success. 400, 401, 403, 404, 413 and 414 are not retried.
//! Anything else — another status (429 and 5xx among them), a transport
//! error, no answer within `routing.response_timeout_secs` — is tried again
//! after the next delay of `routing.retry_delays_ms` (the last repeats) until
//! `maxDeliveryCount` attempts or `eventTimeToLiveSecs` have passed. Waiting
//! events do not hold up new ones: an event waiting for its retry is set
//! aside and the queue goes on.

use super::dead_letter::{DeadLetters, Reason};
use super::spool::Spool;
use super::transport::WebhookClient;
use super::RoutingCounters;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
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
    /// Its id in the spool (`None` when the broker keeps no data).
    pub spool_id: Option<u64>,
}

/// How one attempt ended.
#[derive(Debug)]
enum Outcome {
    Delivered,
    NotRetried(String),
    /// Failed; try again, not before the `Retry-After` given, if any.
    Retry(String, Option<Duration>),
}

/// What the validation handshake settled.
#[derive(Debug, Clone, Copy)]
struct Allowed {
    /// Least time between two requests (from `WebHook-Allowed-Rate`).
    interval: Duration,
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
    /// `WebHook-Request-Origin` of the validation handshake.
    pub origin: String,
    /// Most events set aside for a retry; while that many wait, the queue is
    /// not read (it fills, and what comes then is dead-lettered `QueueFull`).
    pub max_waiting: usize,
    /// Where the events are kept until settled.
    pub spool: Arc<Spool>,
    /// Events recovered from the store, delivered first (oldest first).
    pub recovered: Vec<Pending>,
}

/// Most bytes of a webhook's answer that are read (and thrown away).
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Reads and drops an answer's body, at most [`MAX_ANSWER_BYTES`] of it and
/// for at most `within`, so the connection can be reused.
async fn discard_body(body: hyper::body::Incoming, within: Duration) {
    let limited = http_body_util::Limited::new(body, MAX_ANSWER_BYTES);
    let _ = tokio::time::timeout(within, limited.collect()).await;
}

impl Worker {
    /// Delivers what arrives on `queue` until it is closed and nothing waits
    /// for a retry, or the broker shuts down.
    pub async fn run(mut self, mut queue: mpsc::Receiver<Pending>) {
        // A route whose CA certificate does not load fails every attempt, saying why.
        let mut client = WebhookClient::for_route(&self.route);
        let mut waiting: BTreeMap<(Instant, u64), Pending> = BTreeMap::new();
        let mut sequence = 0u64;
        // Recovered events are due now, in their order.
        let now = Instant::now();
        for pending in std::mem::take(&mut self.recovered) {
            sequence += 1;
            waiting.insert((now, sequence), pending);
        }
        let mut open = true;
        let mut allowed: Option<Allowed> = None;
        // When the next request may go (the allowed rate, a 429's Retry-After).
        let mut not_before = Instant::now();
        loop {
            if !open && waiting.is_empty() {
                return;
            }
            let next_due = waiting.keys().next().map(|(at, _)| *at);
            let first = tokio::select! {
                biased;
                _ = self.shutdown.cancelled() => return,
                _ = sleep_until_opt(next_due) => match waiting.pop_first() {
                    Some((_, pending)) => pending,
                    None => continue,
                },
                got = queue.recv(), if open && waiting.len() < self.max_waiting => match got {
                    Some(pending) => pending,
                    None => {
                        open = false;
                        continue;
                    }
                },
            };
            // With batching on, more events that are ready go in the same
            // request: waiting ones whose retry is due, then queued ones.
            let mut batch = vec![first];
            let max_events = usize::from(self.route.max_events_per_batch.max(1));
            let max_bytes = self.route.preferred_batch_size_in_kilobytes as usize * 1024;
            let mut bytes = batch[0].event.to_string().len();
            while batch.len() < max_events && bytes < max_bytes {
                let now = Instant::now();
                let next = match waiting.first_key_value() {
                    Some(((at, _), _)) if *at <= now => waiting.pop_first().map(|(_, p)| p),
                    _ => queue.try_recv().ok(),
                };
                let Some(next) = next else { break };
                bytes += next.event.to_string().len();
                batch.push(next);
            }
            let ttl = Duration::from_secs(u64::from(self.route.event_time_to_live_secs));
            let mut live = Vec::with_capacity(batch.len());
            for pending in batch {
                if pending.received.elapsed() >= ttl {
                    self.dead_letter(
                        pending,
                        Reason::TimeToLiveExceeded,
                        "not attempted within the time to live",
                    )
                    .await;
                } else {
                    live.push(pending);
                }
            }
            if live.is_empty() {
                continue;
            }
            tokio::select! {
                _ = tokio::time::sleep_until(not_before) => {}
                _ = self.shutdown.cancelled() => return,
            }
            let body = if max_events > 1 {
                Value::Array(live.iter().map(|p| p.event.clone()).collect())
            } else {
                live[0].event.clone()
            };
            // Shutdown does not wait for a webhook that is slow to answer.
            let exchange = async {
                match allowed {
                    Some(_) => (None, self.attempt(&mut client, &body).await),
                    None => match self.handshake(&mut client).await {
                        Ok(granted) => (Some(granted), self.attempt(&mut client, &body).await),
                        Err(why) => (None, Outcome::Retry(why, None)),
                    },
                }
            };
            let (granted, outcome) = tokio::select! {
                biased;
                _ = self.shutdown.cancelled() => return,
                done = exchange => done,
            };
            if granted.is_some() {
                allowed = granted;
            }
            not_before = Instant::now() + allowed.map_or(Duration::ZERO, |a| a.interval);
            if let Outcome::Retry(_, Some(after)) = &outcome {
                not_before = not_before.max(Instant::now() + *after);
            }
            if !matches!(outcome, Outcome::Delivered) {
                self.counters.failed_attempts.inc();
            }
            for mut pending in live {
                pending.attempts += 1;
                match &outcome {
                    Outcome::Delivered => {
                        self.counters.routed.inc();
                        let took = pending.received.elapsed().as_secs_f64();
                        self.counters.delivery.observe(took);
                        self.spool.settled(pending.spool_id);
                    }
                    Outcome::NotRetried(why) => {
                        self.dead_letter(pending, Reason::NonRetriableStatus, why)
                            .await;
                    }
                    Outcome::Retry(why, retry_after) => {
                        let max = u32::from(self.route.max_delivery_count);
                        if pending.attempts >= max {
                            self.dead_letter(pending, Reason::MaxDeliveryAttemptsExceeded, why)
                                .await;
                            continue;
                        }
                        let index = (pending.attempts as usize - 1)
                            .min(self.retry_delays.len().saturating_sub(1));
                        let delay = self
                            .retry_delays
                            .get(index)
                            .copied()
                            .unwrap_or(Duration::from_secs(300))
                            .max(retry_after.unwrap_or_default());
                        tracing::debug!(route = %self.route.name, attempts = pending.attempts, ?delay, %why, "delivery failed: will retry");
                        self.spool.attempted(pending.spool_id, pending.attempts);
                        sequence += 1;
                        waiting.insert((Instant::now() + delay, sequence), pending);
                    }
                }
            }
        }
    }

    /// POSTs `body`: one CloudEvent, or (batching) a JSON array of them.
    async fn attempt(&self, client: &mut Result<WebhookClient, String>, body: &Value) -> Outcome {
        let client = match client {
            Ok(client) => client,
            Err(why) => return Outcome::Retry(why.clone(), None),
        };
        let mut request = hyper::Request::post(self.route.endpoint_url.as_str()).header(
            hyper::header::CONTENT_TYPE,
            if body.is_array() {
                "application/cloudevents-batch+json; charset=utf-8"
            } else {
                "application/cloudevents+json; charset=utf-8"
            },
        );
        for header in &self.route.delivery_headers {
            request = request.header(header.name.as_str(), header.value.as_str());
        }
        let request = match request.body(Full::new(Bytes::from(body.to_string()))) {
            Ok(request) => request,
            Err(e) => return Outcome::NotRetried(format!("the request could not be made: {e}")),
        };
        let answer = tokio::time::timeout(self.response_timeout, async {
            let response = client.send(request).await?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get(hyper::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(|secs| Duration::from_secs(secs.min(3600)));
            discard_body(response.into_body(), self.response_timeout).await;
            Ok::<_, String>((status, retry_after))
        })
        .await;
        match answer {
            Ok(Ok((200..=204, _))) => Outcome::Delivered,
            Ok(Ok((status @ (400 | 401 | 403 | 404 | 413 | 414), _))) => {
                Outcome::NotRetried(format!("HTTP {status}"))
            }
            Ok(Ok((status, retry_after))) => Outcome::Retry(format!("HTTP {status}"), retry_after),
            Ok(Err(e)) => Outcome::Retry(e, None),
            Err(_) => Outcome::Retry(
                format!("no answer within {} s", self.response_timeout.as_secs_f32()),
                None,
            ),
        }
    }

    /// The CloudEvents webhook validation handshake: may this broker deliver, how fast?
    async fn handshake(
        &self,
        client: &mut Result<WebhookClient, String>,
    ) -> Result<Allowed, String> {
        let request = hyper::Request::builder()
            .method(hyper::Method::OPTIONS)
            .uri(self.route.endpoint_url.as_str())
            .header("WebHook-Request-Origin", self.origin.as_str())
            .body(Full::new(Bytes::new()))
            .map_err(|e| format!("the validation request could not be made: {e}"))?;
        let client = client.as_mut().map_err(|why| why.clone())?;
        let response = tokio::time::timeout(self.response_timeout, client.send(request))
            .await
            .map_err(|_| "no answer to the validation handshake (OPTIONS) in time".to_owned())?
            .map_err(|e| format!("validation handshake (OPTIONS): transport error: {e}"))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_owned())
        };
        let status = response.status().as_u16();
        let origin = header("WebHook-Allowed-Origin");
        let rate = header("WebHook-Allowed-Rate");
        discard_body(response.into_body(), self.response_timeout).await;
        let allowed = origin
            .as_deref()
            .is_some_and(|o| o == "*" || o.eq_ignore_ascii_case(&self.origin));
        if status != 200 || !allowed {
            return Err(format!(
                "the webhook did not allow deliveries from '{}' (validation handshake: HTTP {status}, WebHook-Allowed-Origin {origin:?})",
                self.origin
            ));
        }
        let per_minute = rate.and_then(|r| r.parse::<u32>().ok()).filter(|r| *r > 0);
        Ok(Allowed {
            interval: per_minute.map_or(Duration::ZERO, |r| Duration::from_secs(60) / r),
        })
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
        self.dead.keep(record, pending.spool_id);
    }
}

/// Sleeps until `deadline`, or forever when there is none.
async fn sleep_until_opt(deadline: Option<Instant>) {
    match deadline {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}
