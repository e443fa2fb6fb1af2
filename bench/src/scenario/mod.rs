//! The bounded load scenarios and what they share: connecting many clients,
//! publishing with sequence numbers under an in-flight window, and waiting
//! (bounded) for the last deliveries.

pub mod fan;
pub mod reqresp;
pub mod storm;

use crate::client::{ClientError, Handler, Running, Session};
use crate::payload;
use crate::procstat::Meter;
use crate::report::Report;
use crate::target::Target;
use crate::track::Tracker;
use crate::wire::{self, Version};
use bytes::{Bytes, BytesMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// Where and how to run: the broker, the protocol version, what to report.
#[derive(Debug, Clone)]
pub struct Env {
    /// The broker.
    pub target: Target,
    /// MQTT version of every connection.
    pub version: Version,
    /// The broker's pid, for its CPU and RSS.
    pub broker_pid: Option<u32>,
    /// Names the broker in reports.
    pub label: String,
    /// How long to wait for outstanding deliveries once publishing stops.
    pub drain_timeout: Duration,
}

impl Env {
    /// `3.1.1` or `5`.
    pub fn mqtt(&self) -> String {
        match self.version {
            Version::V311 => "3.1.1".into(),
            Version::V5 => "5".into(),
        }
    }
}

/// Why a scenario could not run.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// A client could not connect or subscribe.
    #[error("{what}: {source}")]
    Client {
        /// Which client.
        what: String,
        /// Why.
        source: Box<ClientError>,
    },
    /// The options make no sense.
    #[error("{0}")]
    Options(String),
}

/// A name unique to this run, used in client ids and topics so runs never mix.
pub fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("tb{}x{nanos:x}", std::process::id())
}

/// Session Expiry Interval asked for by persistent subscribers (MQTT 5), seconds.
pub const SESSION_EXPIRY_SECS: u32 = 3600;

/// The subscribers' sessions in fan-in and fan-out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SubscriberSession {
    /// Clean Start / Clean Session 1: nothing outlives the connection.
    #[default]
    Clean,
    /// A persistent session (MQTT 5 Session Expiry Interval
    /// [`SESSION_EXPIRY_SECS`], 3.1.1 Clean Session 0), connected throughout.
    Persistent,
    /// A persistent session that subscribes and disconnects before the
    /// publishers start, so the broker queues (and stores) every message;
    /// it reconnects once they are done and drains its queue.
    Offline,
}

impl SubscriberSession {
    /// The Session Expiry Interval to connect with; `None` for a clean session.
    pub fn expiry(self) -> Option<u32> {
        match self {
            SubscriberSession::Clean => None,
            _ => Some(SESSION_EXPIRY_SECS),
        }
    }

    /// `clean`, `persistent` or `offline`, as in reports.
    pub fn name(self) -> &'static str {
        match self {
            SubscriberSession::Clean => "clean",
            SubscriberSession::Persistent => "persistent",
            SubscriberSession::Offline => "offline",
        }
    }
}

/// Counts a publisher's completed and refused QoS 1/2 publishes.
#[derive(Debug, Default)]
pub struct Acks {
    /// Publishes acknowledged with success (PUBACK, or PUBCOMP for QoS 2).
    pub acked: AtomicU64,
    /// Publishes refused (a PUBACK or PUBREC reason code of 0x80 or above).
    pub refused: AtomicU64,
}

/// A publisher's handler: ignores messages, counts acknowledgements into [`Acks`].
pub struct AckCounter(pub Arc<Acks>);

impl Handler for AckCounter {
    fn on_publish(&mut self, _: &[u8], _: &Bytes, _: &mut BytesMut) {}
    fn on_complete(&mut self, _out: &mut BytesMut) {
        self.0.acked.fetch_add(1, Ordering::Relaxed);
    }
    fn on_refused(&mut self, _code: u8) {
        self.0.refused.fetch_add(1, Ordering::Relaxed);
    }
}

/// Records every received message into a [`Tracker`].
pub struct Recorder(pub Tracker);

impl Handler for Recorder {
    fn on_publish(&mut self, _topic: &[u8], payload: &Bytes, _out: &mut BytesMut) {
        self.0.record(payload, payload::now_ns());
    }
}

/// Connects `count` clients named `{prefix}{i}`, at most 64 handshakes at a time,
/// subscribing each to `filter` if given; with `session_expiry` as persistent
/// sessions (see [`Session::connect_with`]).
pub async fn connect_many(
    env: &Env,
    prefix: &str,
    count: usize,
    filter: Option<(&str, u8)>,
    session_expiry: Option<u32>,
) -> Result<Vec<Session>, ScenarioError> {
    let limit = Arc::new(tokio::sync::Semaphore::new(64));
    let mut tasks = Vec::with_capacity(count);
    for i in 0..count {
        let (env, limit) = (env.clone(), limit.clone());
        let id = format!("{prefix}{i}");
        let filter = filter.map(|(f, q)| (f.to_owned(), q));
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await;
            let mut s =
                Session::connect_with(&env.target, env.version, &id, 60, None, session_expiry)
                    .await
                    .map_err(|e| ScenarioError::Client {
                        what: id.clone(),
                        source: Box::new(e),
                    })?;
            if let Some((f, q)) = filter {
                s.subscribe(&f, q)
                    .await
                    .map_err(|e| ScenarioError::Client {
                        what: id,
                        source: Box::new(e),
                    })?;
            }
            Ok::<_, ScenarioError>(s)
        }));
    }
    let mut sessions = Vec::with_capacity(count);
    for t in tasks {
        sessions.push(t.await.expect("connect task does not panic")?);
    }
    Ok(sessions)
}

/// What one publisher sends.
#[derive(Debug, Clone)]
pub struct PublishPlan {
    /// Publisher id stamped into payloads.
    pub id: u32,
    /// Topic name.
    pub topic: Bytes,
    /// QoS.
    pub qos: u8,
    /// Payload size (at least [`payload::HEADER`]).
    pub payload: usize,
    /// Most QoS 1/2 messages outstanding.
    pub inflight: u32,
    /// Stop publishing at this time.
    pub until: Instant,
    /// Stop after this many messages (0: no limit).
    pub max_messages: u64,
    /// Messages per second (0: as fast as possible).
    pub rate: f64,
}

/// Publishes per `plan` on `conn`; returns how many messages were sent. For QoS 1/2
/// it then waits (bounded by `drain`) until every one is acknowledged.
pub async fn publish<H>(conn: &Running<H>, plan: PublishPlan, drain: Duration) -> u64 {
    const BATCH: u64 = 32;
    let mut body = payload::template(plan.payload);
    let mut buf = BytesMut::with_capacity(64 * 1024);
    let (mut seq, mut packet_id) = (0u64, 0u16);
    let start = Instant::now();
    let limit = if plan.max_messages == 0 {
        u64::MAX
    } else {
        plan.max_messages
    };
    if plan.qos > 0 {
        conn.inflight.add_permits(plan.inflight.max(1) as usize);
    }
    while seq < limit && Instant::now() < plan.until {
        let mut n = BATCH.min(limit - seq);
        if plan.rate > 0.0 {
            n = 1;
        }
        if plan.qos > 0 {
            let wait = plan.until.saturating_duration_since(Instant::now());
            match tokio::time::timeout(wait, conn.inflight.acquire()).await {
                Ok(Ok(p)) => p.forget(),
                _ => break,
            }
            let mut got = 1;
            while got < n {
                match conn.inflight.try_acquire() {
                    Ok(p) => p.forget(),
                    Err(_) => break,
                }
                got += 1;
            }
            n = got;
        }
        let now = payload::now_ns();
        for _ in 0..n {
            payload::stamp(&mut body, plan.id, seq, now);
            packet_id = packet_id.wrapping_add(1).max(1);
            wire::publish(
                &mut buf,
                conn.version,
                &plan.topic,
                plan.qos,
                packet_id,
                &body,
            );
            seq += 1;
        }
        // Bounded by the end of the run: a broker that stops reading must not keep
        // the publisher waiting forever (the batch then counts as not sent).
        let wait = plan.until.saturating_duration_since(Instant::now());
        match tokio::time::timeout(wait, conn.out.send(buf.split().freeze())).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => break,
            Err(_) => {
                seq -= n;
                break;
            }
        }
        if plan.rate > 0.0 {
            let next = start + Duration::from_secs_f64(seq as f64 / plan.rate);
            tokio::time::sleep_until(next.into()).await;
        }
    }
    if plan.qos > 0 {
        let all = plan.inflight.max(1);
        let _ = tokio::time::timeout(drain, conn.inflight.acquire_many(all)).await;
    }
    seq
}

/// Ends the measured part of a run: waits for the outstanding deliveries (see
/// [`drain`]), then records the CPU and memory used since `meter` started.
pub async fn settle(
    progress: &AtomicU64,
    report: &mut Report,
    env: &Env,
    meter: Meter,
    start: Instant,
) {
    drain(
        progress,
        report.expected,
        env.drain_timeout,
        &mut report.notes,
    )
    .await;
    report.set_usage(meter.stop(), start.elapsed().as_secs_f64());
}

/// Waits until `progress` reaches `expected`, nothing arrived for one second, or
/// `max` passed — whichever is first; a note says which when not everything came.
pub async fn drain(progress: &AtomicU64, expected: u64, max: Duration, notes: &mut Vec<String>) {
    let begun = Instant::now();
    let end = begun + max;
    let mut last = progress.load(Ordering::Relaxed);
    let mut last_change = Instant::now();
    while Instant::now() < end {
        let now = progress.load(Ordering::Relaxed);
        if now >= expected {
            return;
        }
        if now != last {
            last = now;
            last_change = Instant::now();
        } else if last_change.elapsed() > Duration::from_secs(1) {
            notes.push(format!(
                "nothing arrived for 1 s after {:.1} s of draining; {} of {expected} deliveries",
                begun.elapsed().as_secs_f64(),
                now
            ));
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    notes.push(format!(
        "drain timeout ({:.0} s) reached with {} of {expected} deliveries",
        max.as_secs_f64(),
        progress.load(Ordering::Relaxed)
    ));
}

/// Stops a client and returns its handler; an error that ended it early becomes a note.
pub async fn finish<H>(
    conn: Running<H>,
    cancel: &CancellationToken,
    what: &str,
    notes: &mut Vec<String>,
) -> H {
    cancel.cancel();
    let (handler, error) = conn.finish().await;
    if let Some(e) = error {
        notes.push(format!("{what}: {e}"));
    }
    handler
}
