//! Fan-in (N publishers → 1 subscriber on a wildcard) and fan-out (1 publisher
//! → N subscribers of one topic).

use super::{
    connect_many, finish, publish, run_id, settle, Env, PublishPlan, Recorder, ScenarioError,
};
use crate::client::Ignore;
use crate::payload;
use crate::procstat::Meter;
use crate::report::Report;
use crate::track::Tracker;
use bytes::Bytes;
use std::sync::atomic::AtomicU64;
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

/// N publishers on `bench/{run}/in/{i}` → one subscriber of `bench/{run}/in/+`.
pub async fn fan_in(env: &Env, o: &FanOptions) -> Result<Report, ScenarioError> {
    o.check()?;
    let run = run_id();
    let mut report = base_report(env, "fan-in", o, o.clients, 1);
    let cancel = CancellationToken::new();
    let progress = Arc::new(AtomicU64::new(0));
    let filter = format!("bench/{run}/in/+");
    let mut sub = connect_many(env, &format!("{run}-sub"), 1, Some((&filter, o.qos))).await?;
    let sub = sub
        .pop()
        .expect("one subscriber")
        .start(Recorder(Tracker::new(progress.clone())), cancel.clone());
    let pubs = connect_many(env, &format!("{run}-pub"), o.clients, None).await?;
    let pubs: Vec<_> = pubs
        .into_iter()
        .map(|s| Arc::new(s.start(Ignore, cancel.clone())))
        .collect();

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
    report.expected = report.sent;
    settle(&progress, &mut report, env, meter, start).await;

    let Recorder(tracker) = finish(sub, &cancel, "subscriber", &mut report.notes).await;
    for (i, conn) in pubs.into_iter().enumerate() {
        if let Ok(conn) = Arc::try_unwrap(conn) {
            finish(conn, &cancel, &format!("publisher {i}"), &mut report.notes).await;
        }
    }
    report.set_delivery(&tracker, start_ns, sent_ns);
    Ok(report)
}

/// One publisher on `bench/{run}/out` → N subscribers of that topic.
pub async fn fan_out(env: &Env, o: &FanOptions) -> Result<Report, ScenarioError> {
    o.check()?;
    let run = run_id();
    let mut report = base_report(env, "fan-out", o, 1, o.clients);
    let cancel = CancellationToken::new();
    let progress = Arc::new(AtomicU64::new(0));
    let topic = format!("bench/{run}/out");
    let subs = connect_many(env, &format!("{run}-sub"), o.clients, Some((&topic, o.qos))).await?;
    let subs: Vec<_> = subs
        .into_iter()
        .map(|s| s.start(Recorder(Tracker::new(progress.clone())), cancel.clone()))
        .collect();
    let publisher = connect_many(env, &format!("{run}-pub"), 1, None)
        .await?
        .pop()
        .expect("one publisher")
        .start(Ignore, cancel.clone());

    let meter = Meter::start(env.broker_pid);
    let (start, start_ns) = (Instant::now(), payload::now_ns());
    report.sent = publish(&publisher, o.plan(0, Bytes::from(topic)), env.drain_timeout).await;
    let sent_ns = payload::now_ns();
    report.expected = report.sent * o.clients as u64;
    settle(&progress, &mut report, env, meter, start).await;

    finish(publisher, &cancel, "publisher", &mut report.notes).await;
    let mut total = Tracker::default();
    for (i, sub) in subs.into_iter().enumerate() {
        let Recorder(t) = finish(sub, &cancel, &format!("subscriber {i}"), &mut report.notes).await;
        total.merge(&t);
    }
    report.set_delivery(&total, start_ns, sent_ns);
    Ok(report)
}
