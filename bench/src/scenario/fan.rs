//! Fan-in (N publishers → 1 subscriber on a wildcard) and fan-out (1 publisher
//! → N subscribers of one topic), with clean, persistent or offline
//! subscriber sessions ([`SubscriberSession`]).

use super::{
    connect_many, finish, publish, run_id, settle, AckCounter, Acks, Env, PublishPlan, Recorder,
    ScenarioError, SubscriberSession,
};
use crate::client::{Running, Session};
use crate::payload;
use crate::procstat::Meter;
use crate::report::Report;
use crate::track::Tracker;
use bytes::Bytes;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// Options shared by fan-in and fan-out.
#[derive(Debug, Clone)]
pub struct FanOptions {
    /// Publishers (fan-in) or subscribers (fan-out).
    pub clients: usize,
    /// QoS of publishes and subscriptions.
    pub qos: u8,
    /// Payload bytes (at least 20: publisher id, sequence, timestamp).
    pub payload: usize,
    /// How long publishers publish.
    pub duration: Duration,
    /// Most messages per publisher (0: no limit).
    pub messages: u64,
    /// Most QoS 1/2 messages outstanding per publisher.
    pub inflight: u32,
    /// Messages per second per publisher (0: as fast as possible).
    pub rate: f64,
    /// The subscribers' sessions.
    pub session: SubscriberSession,
    /// Fan-in only: this many more clients subscribe and unsubscribe (topics
    /// of their own) as fast as the broker answers while the publishers publish.
    pub churn: usize,
}

impl FanOptions {
    fn check(&self) -> Result<(), ScenarioError> {
        if self.qos > 2 {
            return Err(ScenarioError::Options("QoS must be 0, 1 or 2".into()));
        }
        if self.clients == 0 || self.clients > 100_000 {
            return Err(ScenarioError::Options(
                "between 1 and 100,000 clients".into(),
            ));
        }
        if self.duration > Duration::from_secs(3600) {
            return Err(ScenarioError::Options("at most one hour".into()));
        }
        Ok(())
    }

    fn plan(&self, id: u32, topic: Bytes) -> PublishPlan {
        PublishPlan {
            id,
            topic,
            qos: self.qos,
            payload: self.payload,
            inflight: self.inflight,
            until: Instant::now() + self.duration,
            max_messages: self.messages,
            rate: self.rate,
        }
    }
}

fn base_report(
    env: &Env,
    scenario: &str,
    o: &FanOptions,
    publishers: usize,
    subscribers: usize,
) -> Report {
    let mut r = Report {
        scenario: scenario.into(),
        label: env.label.clone(),
        transport: env.target.transport().into(),
        mqtt: env.mqtt(),
        qos: o.qos,
        payload: o.payload.max(payload::HEADER),
        publishers,
        subscribers,
        session: o.session.name().into(),
        ..Report::default()
    };
    if o.payload < payload::HEADER {
        r.notes.push(format!(
            "payload raised to {} bytes (publisher id, sequence, timestamp)",
            payload::HEADER
        ));
    }
    r
}

/// Connects `count` subscribers `{prefix}{i}` to `filter` with `o.session`
/// and starts them; offline ones are subscribed, disconnected again and not
/// returned (see [`resume`]).
async fn subscribe(
    env: &Env,
    prefix: &str,
    count: usize,
    filter: &str,
    o: &FanOptions,
    recording: (&Arc<AtomicU64>, &CancellationToken),
) -> Result<Vec<Running<Recorder>>, ScenarioError> {
    let subs = connect_many(
        env,
        prefix,
        count,
        Some((filter, o.qos)),
        o.session.expiry(),
    )
    .await?;
    if o.session != SubscriberSession::Offline {
        return Ok(start(subs, recording));
    }
    let gone = subs.into_iter().enumerate().map(|(i, s)| async move {
        s.disconnect().await.map_err(|e| ScenarioError::Client {
            what: format!("{prefix}{i} (disconnecting)"),
            source: Box::new(e),
        })
    });
    for r in futures_util::future::join_all(gone).await {
        r?;
    }
    Ok(Vec::new())
}

/// Reconnects the offline subscribers `{prefix}{i}` (their sessions must be
/// present; a note says if any was not) and starts them draining their queues.
async fn resume(
    env: &Env,
    prefix: &str,
    count: usize,
    o: &FanOptions,
    recording: (&Arc<AtomicU64>, &CancellationToken),
    notes: &mut Vec<String>,
) -> Result<Vec<Running<Recorder>>, ScenarioError> {
    let subs = connect_many(env, prefix, count, None, o.session.expiry()).await?;
    let lost = subs.iter().filter(|s| !s.session_present).count();
    if lost > 0 {
        notes.push(format!(
            "session not present on reconnect: {lost} of {count} subscribers"
        ));
    }
    Ok(start(subs, recording))
}

fn start(
    subs: Vec<Session>,
    (progress, cancel): (&Arc<AtomicU64>, &CancellationToken),
) -> Vec<Running<Recorder>> {
    subs.into_iter()
        .map(|s| s.start(Recorder(Tracker::new(progress.clone())), cancel.clone()))
        .collect()
}

/// Publishing is over: records the acknowledgements (QoS 1/2) counted in
/// `acks` over `took`, with the broker's CPU of that time from `meter`.
fn publishing_done(report: &mut Report, o: &FanOptions, acks: &Acks, took: f64, meter: &Meter) {
    if o.qos == 0 {
        return;
    }
    let acked = acks.acked.load(Ordering::Relaxed);
    report.acked = Some(acked);
    report.acked_per_s = Some(acked as f64 / took.max(1e-9));
    report.publish_broker_cpu_s = meter.stop().0.map(|u| u.cpu_s);
    let refused = acks.refused.load(Ordering::Relaxed);
    if refused > 0 {
        report.notes.push(format!(
            "refused: {refused} publishes got a PUBACK/PUBREC reason code of 0x80 or above"
        ));
    }
}

/// N publishers on `bench/{run}/in/{i}` → one subscriber of `bench/{run}/in/+`.
///
/// With [`SubscriberSession::Offline`] the subscriber is away while the
/// publishers publish and drains its queue afterwards: `acked_per_s` is then
/// the figure of the broker storing messages, `resume_s` of it delivering them.
pub async fn fan_in(env: &Env, o: &FanOptions) -> Result<Report, ScenarioError> {
    o.check()?;
    let run = run_id();
    let mut report = base_report(env, "fan-in", o, o.clients, 1);
    let cancel = CancellationToken::new();
    let progress = Arc::new(AtomicU64::new(0));
    let recording = (&progress, &cancel);
    let filter = format!("bench/{run}/in/+");
    let sub_prefix = format!("{run}-sub");
    let mut subs = subscribe(env, &sub_prefix, 1, &filter, o, recording).await?;
    let acks = Arc::new(Acks::default());
    let pubs = connect_many(env, &format!("{run}-pub"), o.clients, None, None).await?;
    let pubs: Vec<_> = pubs
        .into_iter()
        .map(|s| Arc::new(s.start(AckCounter(acks.clone()), cancel.clone())))
        .collect();

    let churn_stop = CancellationToken::new();
    let mut churners = Vec::new();
    for n in 0..o.churn {
        let id = format!("{run}-churn{n}");
        let session = Session::connect(&env.target, env.version, &id, 60, None)
            .await
            .map_err(|e| ScenarioError::Client {
                what: id,
                source: Box::new(e),
            })?;
        let topics = format!("bench/{run}/churn/{n}");
        churners.push(tokio::spawn(churn(session, topics, churn_stop.clone())));
    }
    let meter = Meter::start(env.broker_pid);
    let (start, start_ns) = (Instant::now(), payload::now_ns());
    let mut tasks = Vec::new();
    for (i, conn) in pubs.iter().enumerate() {
        let plan = o.plan(i as u32, Bytes::from(format!("bench/{run}/in/{i}")));
        let (conn, drain_for) = (conn.clone(), env.drain_timeout);
        tasks.push(tokio::spawn(async move {
            publish(&conn, plan, drain_for).await
        }));
    }
    for t in tasks {
        report.sent += t.await.expect("publisher task does not panic");
    }
    let sent_ns = payload::now_ns();
    let publishing_s = start.elapsed().as_secs_f64();
    churn_stop.cancel();
    if !churners.is_empty() {
        let mut pairs = 0;
        for churner in churners {
            match churner.await.expect("a churn task does not panic") {
                Ok(n) => pairs += n,
                Err(e) => report.notes.push(format!("a churn client stopped: {e}")),
            }
        }
        report.notes.push(format!(
            "{:.0} SUBSCRIBE+UNSUBSCRIBE pairs/s by the churn clients while publishing",
            pairs as f64 / publishing_s
        ));
    }
    publishing_done(&mut report, o, &acks, publishing_s, &meter);
    report.expected = report.sent;
    if o.session == SubscriberSession::Offline {
        subs = resume(env, &sub_prefix, 1, o, recording, &mut report.notes).await?;
    }
    settle(&progress, &mut report, env, meter, start).await;

    let mut tracker = Tracker::default();
    for sub in subs {
        let Recorder(t) = finish(sub, &cancel, "subscriber", &mut report.notes).await;
        tracker = t;
    }
    for (i, conn) in pubs.into_iter().enumerate() {
        if let Ok(conn) = Arc::try_unwrap(conn) {
            finish(conn, &cancel, &format!("publisher {i}"), &mut report.notes).await;
        }
    }
    report.set_delivery(&tracker, start_ns, sent_ns);
    report.set_resume(o.session, &tracker, sent_ns);
    Ok(report)
}

/// One publisher on `bench/{run}/out` → N subscribers of that topic (offline
/// subscribers as in [`fan_in`]).
pub async fn fan_out(env: &Env, o: &FanOptions) -> Result<Report, ScenarioError> {
    o.check()?;
    let run = run_id();
    let mut report = base_report(env, "fan-out", o, 1, o.clients);
    let cancel = CancellationToken::new();
    let progress = Arc::new(AtomicU64::new(0));
    let recording = (&progress, &cancel);
    let topic = format!("bench/{run}/out");
    let sub_prefix = format!("{run}-sub");
    let mut subs = subscribe(env, &sub_prefix, o.clients, &topic, o, recording).await?;
    let acks = Arc::new(Acks::default());
    let publisher = connect_many(env, &format!("{run}-pub"), 1, None, None)
        .await?
        .pop()
        .expect("one publisher")
        .start(AckCounter(acks.clone()), cancel.clone());

    let meter = Meter::start(env.broker_pid);
    let (start, start_ns) = (Instant::now(), payload::now_ns());
    report.sent = publish(&publisher, o.plan(0, Bytes::from(topic)), env.drain_timeout).await;
    let sent_ns = payload::now_ns();
    publishing_done(&mut report, o, &acks, start.elapsed().as_secs_f64(), &meter);
    report.expected = report.sent * o.clients as u64;
    if o.session == SubscriberSession::Offline {
        subs = resume(env, &sub_prefix, o.clients, o, recording, &mut report.notes).await?;
    }
    settle(&progress, &mut report, env, meter, start).await;

    finish(publisher, &cancel, "publisher", &mut report.notes).await;
    let mut total = Tracker::default();
    for (i, sub) in subs.into_iter().enumerate() {
        let Recorder(t) = finish(sub, &cancel, &format!("subscriber {i}"), &mut report.notes).await;
        total.merge(&t);
    }
    report.set_delivery(&total, start_ns, sent_ns);
    report.set_resume(o.session, &total, sent_ns);
    Ok(report)
}

/// Subscribes to and unsubscribes from `{prefix}/{n}` (a new n each time, the
/// last 1,000 reused) until `stop`; returns how many pairs the broker answered.
async fn churn(
    mut session: Session,
    prefix: String,
    stop: CancellationToken,
) -> Result<u64, crate::client::ClientError> {
    let mut pairs = 0u64;
    while !stop.is_cancelled() {
        let filter = format!("{prefix}/{}", pairs % 1000);
        session.subscribe(&filter, 0).await?;
        session.unsubscribe(&filter).await?;
        pairs += 1;
    }
    session.disconnect().await?;
    Ok(pairs)
}
