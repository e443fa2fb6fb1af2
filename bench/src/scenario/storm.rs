//! Connection storm and idle hold: open C connections at a given rate, hold them
//! idle, and report the connect rate and the broker's RSS per connection.
//!
//! Both ends of every connection use a file descriptor, so C is clamped to the
//! generator's open-file limit (raised to its hard limit first) and, when the
//! broker's pid is known, to the broker's. Past ~25,000 connections the local
//! source address moves through 127.0.0.2, 127.0.0.3, … so one source address
//! never runs out of ephemeral ports.

use super::{run_id, Env, ScenarioError};
use crate::client::Session;
use crate::procstat::{self, Meter};
use crate::report::{Percentiles, Report};
use crate::track::new_histogram;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Storm options.
#[derive(Debug, Clone)]
pub struct StormOptions {
    /// Connections to open.
    pub connections: usize,
    /// Connections started per second (0: as fast as the concurrency allows).
    pub rate: f64,
    /// How long to hold them idle once all are open.
    pub hold: Duration,
    /// Handshakes in progress at once.
    pub concurrency: usize,
}

/// File descriptors kept free for everything else.
const FD_MARGIN: u64 = 64;
/// Connections per loopback source address.
const PER_SOURCE: usize = 25_000;

/// Raises this process's open-file limit as far as allowed and returns how many
/// connections both ends can hold, with a note when `wanted` had to be clamped.
pub fn connection_budget(wanted: usize, broker_pid: Option<u32>) -> (usize, Option<String>) {
    let own = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    let broker = broker_pid.and_then(|p| procstat::open_files_limit(Some(p)));
    let limit = own
        .min(broker.unwrap_or(u64::MAX))
        .saturating_sub(FD_MARGIN) as usize;
    if wanted <= limit {
        return (wanted, None);
    }
    let note = format!(
        "clamped from {wanted} to {limit} connections by the open-file limit \
         (generator {own}, broker {}); raise `ulimit -n`",
        broker.map_or("unknown".into(), |b| b.to_string())
    );
    (limit, Some(note))
}

fn source_for(env: &Env, i: usize) -> Option<IpAddr> {
    let ipv4_loopback = matches!(env.target.addr().ip(), IpAddr::V4(ip) if ip.is_loopback());
    let block = i / PER_SOURCE;
    (ipv4_loopback && block > 0).then(|| IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1 + block as u8)))
}

/// Runs the scenario.
pub async fn storm(env: &Env, o: &StormOptions) -> Result<Report, ScenarioError> {
    if o.connections == 0 || o.connections > 200_000 || o.hold > Duration::from_secs(3600) {
        return Err(ScenarioError::Options(
            "between 1 and 200,000 connections, held at most one hour".into(),
        ));
    }
    let mut report = Report {
        scenario: "storm".into(),
        label: env.label.clone(),
        transport: env.target.transport().into(),
        mqtt: env.mqtt(),
        ..Report::default()
    };
    let (count, note) = connection_budget(o.connections, env.broker_pid);
    report.notes.extend(note);
    let run = run_id();
    let meter = Meter::start(env.broker_pid);
    let start = Instant::now();
    let limit = Arc::new(tokio::sync::Semaphore::new(o.concurrency.max(1)));
    let mut tasks = Vec::with_capacity(count);
    for i in 0..count {
        if o.rate > 0.0 {
            let at = start + Duration::from_secs_f64(i as f64 / o.rate);
            tokio::time::sleep_until(at.into()).await;
        }
        let permit = limit.clone().acquire_owned().await.expect("never closed");
        let (env, id, bind) = (env.clone(), format!("{run}-{i}"), source_for(env, i));
        tasks.push(tokio::spawn(async move {
            let _permit = permit;
            let begun = Instant::now();
            let s = Session::connect(&env.target, env.version, &id, 0, bind).await;
            (s, begun.elapsed())
        }));
    }
    let mut held = Vec::with_capacity(count);
    let mut handshake = new_histogram();
    let mut first_error = None;
    for t in tasks {
        match t.await.expect("connect task does not panic") {
            (Ok(s), took) => {
                let _ = handshake.record(took.as_nanos().max(1) as u64);
                held.push(s);
            }
            (Err(e), _) => {
                first_error.get_or_insert_with(|| e.to_string());
            }
        }
    }
    let connect_s = start.elapsed().as_secs_f64();
    tokio::time::sleep(o.hold).await;
    let (broker, own) = meter.stop();
    report.set_usage((broker, own), start.elapsed().as_secs_f64());
    report.connections = Some(held.len() as u64);
    report.connect_failures = Some((count - held.len()) as u64);
    report.connects_per_s = Some(held.len() as f64 / connect_s.max(1e-9));
    report.latency_us = Percentiles::of(&handshake);
    report.duration_s = connect_s;
    if let (Some(b), false) = (broker, held.is_empty()) {
        let grown = b.rss_kib.saturating_sub(b.rss_start_kib) as f64 * 1024.0;
        report.rss_per_connection_bytes = Some(grown / held.len() as f64);
    }
    if let Some(e) = first_error {
        report.notes.push(format!("first connect error: {e}"));
    }
    report
        .notes
        .push("latency is CONNECT→CONNACK (TCP connect included)".into());
    drop(held);
    Ok(report)
}
