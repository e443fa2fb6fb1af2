//! What a scenario reports, printed for people or as one JSON line.

use crate::procstat::Usage;
use crate::track::Tracker;
use hdrhistogram::Histogram;
use std::fmt::Write as _;

/// Latency percentiles, microseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Percentiles {
    /// Median.
    pub p50: f64,
    /// 99th percentile.
    pub p99: f64,
    /// 99.9th percentile.
    pub p999: f64,
    /// Largest value.
    pub max: f64,
    /// Number of samples.
    pub count: u64,
}

impl Percentiles {
    /// Percentiles of a nanosecond histogram, or `None` when it is empty.
    pub fn of(h: &Histogram<u64>) -> Option<Self> {
        if h.is_empty() {
            return None;
        }
        let us = |ns: u64| ns as f64 / 1000.0;
        Some(Self {
            p50: us(h.value_at_quantile(0.50)),
            p99: us(h.value_at_quantile(0.99)),
            p999: us(h.value_at_quantile(0.999)),
            max: us(h.max()),
            count: h.len(),
        })
    }
}

/// One scenario's result.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// `fan-in`, `fan-out`, `req-resp` or `storm`.
    pub scenario: String,
    /// Free text naming what this run measures (`--figure`), for summaries.
    pub figure: String,
    /// Free text naming the broker under test (`--label`).
    pub label: String,
    /// `tcp` or `ws`.
    pub transport: String,
    /// `3.1.1` or `5`.
    pub mqtt: String,
    /// QoS of the messages.
    pub qos: u8,
    /// Payload size, bytes.
    pub payload: usize,
    /// Publishing connections.
    pub publishers: usize,
    /// Subscribing connections.
    pub subscribers: usize,
    /// Fan-in/fan-out: the subscribers' sessions, `clean`, `persistent` or
    /// `offline` (away while publishing, then drained).
    pub session: String,
    /// Seconds from the first send to the last receipt.
    pub duration_s: f64,
    /// Messages published.
    pub sent: u64,
    /// Deliveries expected (sent × subscribers).
    pub expected: u64,
    /// Distinct messages delivered (summed over subscribers).
    pub delivered: u64,
    /// Delivered messages per second.
    pub msgs_per_s: f64,
    /// Fan-in/fan-out at QoS 1/2: publishes the broker acknowledged with
    /// success (PUBACK, or PUBCOMP at QoS 2).
    pub acked: Option<u64>,
    /// `acked` per second from the first send until every publisher had its
    /// last acknowledgement: the broker's intake rate.
    pub acked_per_s: Option<f64>,
    /// Broker CPU seconds over that same publishing time (with `--broker-pid`).
    pub publish_broker_cpu_s: Option<f64>,
    /// Offline subscribers: seconds from the end of publishing (reconnect
    /// included) until the last delivery.
    pub resume_s: Option<f64>,
    /// Expected but never delivered.
    pub loss: u64,
    /// Delivered more than once.
    pub duplicates: u64,
    /// Delivered after a later message of the same publisher.
    pub reordered: u64,
    /// Latency from the (scheduled) send time to receipt.
    pub latency_us: Option<Percentiles>,
    /// Request-response only: how late the generator sent compared with its schedule.
    pub send_lag_us: Option<Percentiles>,
    /// Broker CPU and RSS (with `--broker-pid`).
    pub broker: Option<Usage>,
    /// The generator's own CPU and RSS.
    pub generator: Option<Usage>,
    /// Generator CPU seconds per wall second: near the core count means the
    /// generator, not the broker, was the limit.
    pub generator_cores: Option<f64>,
    /// Broker CPU seconds per wall second.
    pub broker_cores: Option<f64>,
    /// Storm only: connections established and held.
    pub connections: Option<u64>,
    /// Storm only: connections that failed.
    pub connect_failures: Option<u64>,
    /// Storm only: connections established per second.
    pub connects_per_s: Option<f64>,
    /// Storm only: broker RSS growth per held connection, bytes.
    pub rss_per_connection_bytes: Option<f64>,
    /// Anything that went wrong or was adjusted (clamped limits, closed sessions).
    pub notes: Vec<String>,
}

impl Report {
    /// Fills the delivery figures from what subscribers tracked; the rate is taken
    /// over the time from `start_ns` until both publishing (`sent_ns`) and the last
    /// delivery had ended, so a run whose deliveries stopped early is not flattered.
    pub fn set_delivery(&mut self, tracker: &Tracker, start_ns: u64, sent_ns: u64) {
        self.delivered = tracker.unique();
        self.duplicates = tracker.duplicates;
        self.reordered = tracker.reordered;
        self.loss = self.expected.saturating_sub(self.delivered);
        let end = tracker.last_ns.max(sent_ns).max(start_ns + 1);
        self.duration_s = (end - start_ns) as f64 / 1e9;
        self.msgs_per_s = self.delivered as f64 / self.duration_s;
        self.latency_us = Percentiles::of(&tracker.latency);
        if tracker.foreign > 0 {
            self.notes
                .push(format!("{} messages not from this run", tracker.foreign));
        }
    }

    /// Offline subscribers: fills `resume_s`, from `sent_ns` (publishing
    /// ended, the subscribers reconnect) to the last delivery.
    pub fn set_resume(
        &mut self,
        session: crate::scenario::SubscriberSession,
        tracker: &Tracker,
        sent_ns: u64,
    ) {
        if session == crate::scenario::SubscriberSession::Offline && tracker.received > 0 {
            self.resume_s = Some(tracker.last_ns.saturating_sub(sent_ns) as f64 / 1e9);
        }
    }

    /// Fills the process figures over `wall_s` seconds.
    pub fn set_usage(&mut self, (broker, own): (Option<Usage>, Option<Usage>), wall_s: f64) {
        let wall = wall_s.max(1e-9);
        self.broker_cores = broker.map(|b| b.cpu_s / wall);
        self.generator_cores = own.map(|o| o.cpu_s / wall);
        self.broker = broker;
        self.generator = own;
    }

    /// One JSON line.
    pub fn json(&self) -> String {
        serde_json::to_string(self).expect("a report serialises")
    }

    /// A short table for people.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} [{}] {} mqtt {} qos {} payload {} B, {} pub → {} sub{}",
            self.scenario,
            self.label,
            self.transport,
            self.mqtt,
            self.qos,
            self.payload,
            self.publishers,
            self.subscribers,
            match self.session.as_str() {
                "" | "clean" => String::new(),
                s => format!(" ({s} session)"),
            }
        );
        if self.scenario == "storm" {
            let _ = writeln!(
                s,
                "  connections   {} held, {} failed, {:.0} connects/s",
                self.connections.unwrap_or(0),
                self.connect_failures.unwrap_or(0),
                self.connects_per_s.unwrap_or(0.0)
            );
            if let Some(b) = self.rss_per_connection_bytes {
                let _ = writeln!(s, "  broker RSS    {b:.0} bytes per connection");
            }
        } else {
            let _ = writeln!(
                s,
                "  delivered     {:.0} msgs/s ({} of {} in {:.2} s; sent {})",
                self.msgs_per_s, self.delivered, self.expected, self.duration_s, self.sent
            );
            let _ = writeln!(
                s,
                "  integrity     loss {}  duplicates {}  reordered {}",
                self.loss, self.duplicates, self.reordered
            );
            if let (Some(acked), Some(rate)) = (self.acked, self.acked_per_s) {
                let cpu = self
                    .publish_broker_cpu_s
                    .map(|c| format!(", broker cpu {c:.2} s"))
                    .unwrap_or_default();
                let _ = writeln!(s, "  acknowledged  {rate:.0} msgs/s ({acked}{cpu})");
            }
            if let Some(r) = self.resume_s {
                let _ = writeln!(s, "  resumed       drained in {r:.2} s after reconnecting");
            }
        }
        for (name, p) in [
            ("latency µs", self.latency_us),
            ("send lag µs", self.send_lag_us),
        ] {
            if let Some(p) = p {
                let _ = writeln!(
                    s,
                    "  {name:<13} p50 {:.0}  p99 {:.0}  p999 {:.0}  max {:.0}  (n={})",
                    p.p50, p.p99, p.p999, p.max, p.count
                );
            }
        }
        for (name, u, cores) in [
            ("broker", self.broker, self.broker_cores),
            ("generator", self.generator, self.generator_cores),
        ] {
            if let Some(u) = u {
                let _ = writeln!(
                    s,
                    "  {name:<13} cpu {:.2} s ({:.2} cores)  rss {} KiB (was {})",
                    u.cpu_s,
                    cores.unwrap_or(0.0),
                    u.rss_kib,
                    u.rss_start_kib
                );
            }
        }
        for note in &self.notes {
            let _ = writeln!(s, "  note: {note}");
        }
        s
    }
}
