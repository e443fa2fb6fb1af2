//! Request-response at a fixed offered rate: a requester publishes requests on
//! a schedule, a responder echoes each one back, and latency is measured from
//! the *scheduled* send time (service latency, no coordinated omission).
//!
//! The schedule runs on its own OS thread with `std::thread::sleep`, whose
//! wake-up is far finer than tokio's millisecond timer wheel; how late each
//! request actually left is reported separately as the send lag.

use super::{connect_many, finish, run_id, settle, Env, Recorder, ScenarioError};
use crate::client::Handler;
use crate::payload;
use crate::procstat::Meter;
use crate::report::{Percentiles, Report};
use crate::track::{new_histogram, Tracker};
use crate::wire::{self, Version};
use bytes::{Bytes, BytesMut};
use std::collections::VecDeque;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// Request-response options.
#[derive(Debug, Clone)]
pub struct ReqRespOptions {
    /// Requests per second offered.
    pub rate: f64,
    /// How long requests are offered.
    pub duration: Duration,
    /// QoS of requests, responses and both subscriptions.
    pub qos: u8,
    /// Payload bytes of requests and responses.
    pub payload: usize,
}

/// Echoes every request to the response topic, keeping at most `window` QoS 1/2
/// responses outstanding (the rest wait in order).
struct Responder {
    version: Version,
    topic: Bytes,
    qos: u8,
    window: u32,
    inflight: u32,
    packet_id: u16,
    waiting: VecDeque<Bytes>,
}

impl Responder {
    fn send(&mut self, body: &[u8], out: &mut BytesMut) {
        if self.qos > 0 {
            self.inflight += 1;
            self.packet_id = self.packet_id.wrapping_add(1).max(1);
        }
        wire::publish(
            out,
            self.version,
            &self.topic,
            self.qos,
            self.packet_id,
            body,
        );
    }
}

impl Handler for Responder {
    fn on_publish(&mut self, _topic: &[u8], body: &Bytes, out: &mut BytesMut) {
        if self.qos == 0 || self.inflight < self.window {
            self.send(body, out);
        } else {
            self.waiting.push_back(body.clone());
        }
    }

    fn on_complete(&mut self, out: &mut BytesMut) {
        self.inflight = self.inflight.saturating_sub(1);
        if let Some(body) = self.waiting.pop_front() {
            self.send(&body, out);
        }
    }
}

/// Runs the scenario.
pub async fn req_resp(env: &Env, o: &ReqRespOptions) -> Result<Report, ScenarioError> {
    if !(o.rate > 0.0 && o.rate <= 1_000_000.0) || o.qos > 2 {
        return Err(ScenarioError::Options(
            "rate must be in (0, 1,000,000] and QoS 0, 1 or 2".into(),
        ));
    }
    if o.duration > Duration::from_secs(3600) {
        return Err(ScenarioError::Options("at most one hour".into()));
    }
    let run = run_id();
    let (req_topic, resp_topic) = (format!("bench/{run}/req"), format!("bench/{run}/resp"));
    let mut report = Report {
        scenario: "req-resp".into(),
        label: env.label.clone(),
        transport: env.target.transport().into(),
        mqtt: env.mqtt(),
        qos: o.qos,
        payload: o.payload.max(payload::HEADER),
        publishers: 1,
        subscribers: 1,
        ..Report::default()
    };
    let cancel = CancellationToken::new();
    let progress = Arc::new(AtomicU64::new(0));
    let responder = connect_many(
        env,
        &format!("{run}-rsp"),
        1,
        Some((&req_topic, o.qos)),
        None,
    )
    .await?
    .pop()
    .expect("one responder")
    .start(
        Responder {
            version: env.version,
            topic: Bytes::from(resp_topic.clone()),
            qos: o.qos,
            window: 50,
            inflight: 0,
            packet_id: 0,
            waiting: VecDeque::new(),
        },
        cancel.clone(),
    );
    let requester = connect_many(
        env,
        &format!("{run}-req"),
        1,
        Some((&resp_topic, o.qos)),
        None,
    )
    .await?
    .pop()
    .expect("one requester")
    .start(Recorder(Tracker::new(progress.clone())), cancel.clone());

    let meter = Meter::start(env.broker_pid);
    let (start, start_ns) = (Instant::now(), payload::now_ns());
    let (out, inflight, version) = (
        requester.out.clone(),
        requester.inflight.clone(),
        env.version,
    );
    let (rate, duration, qos, size) = (o.rate, o.duration, o.qos, o.payload);
    let topic = Bytes::from(req_topic);
    let runtime = tokio::runtime::Handle::current();
    if qos > 0 {
        inflight.add_permits(50);
    }
    let pacer = std::thread::spawn(move || {
        let mut lag = new_histogram();
        let mut body = payload::template(size);
        let (mut seq, mut packet_id) = (0u64, 0u16);
        let t0 = Instant::now() + Duration::from_millis(1);
        loop {
            let at = t0 + Duration::from_secs_f64(seq as f64 / rate);
            if at >= t0 + duration {
                break;
            }
            let now = Instant::now();
            if at > now {
                std::thread::sleep(at - now);
            }
            if qos > 0 {
                let permit = runtime.block_on(async {
                    tokio::time::timeout(Duration::from_secs(5), inflight.acquire()).await
                });
                match permit {
                    Ok(Ok(p)) => p.forget(),
                    _ => break,
                }
            }
            payload::stamp(&mut body, 0, seq, payload::instant_ns(at));
            packet_id = packet_id.wrapping_add(1).max(1);
            let mut buf = BytesMut::with_capacity(body.len() + 64);
            wire::publish(&mut buf, version, &topic, qos, packet_id, &body);
            if out.blocking_send(buf.freeze()).is_err() {
                break;
            }
            let _ = lag.record((Instant::now() - at).as_nanos().max(1) as u64);
            seq += 1;
        }
        (seq, lag)
    });
    let (sent, lag) = tokio::task::spawn_blocking(move || pacer.join())
        .await
        .expect("join task does not panic")
        .expect("pacer thread does not panic");
    report.sent = sent;
    report.expected = sent;
    report.send_lag_us = Percentiles::of(&lag);
    let sent_ns = payload::now_ns();
    settle(&progress, &mut report, env, meter, start).await;

    let Recorder(tracker) = finish(requester, &cancel, "requester", &mut report.notes).await;
    finish(responder, &cancel, "responder", &mut report.notes).await;
    report.set_delivery(&tracker, start_ns, sent_ns);
    // The offered rate is the figure of merit here; msgs/s is what came back.
    report.notes.push(format!("offered {rate:.0} req/s"));
    Ok(report)
}
