//! What the Broker view shows: rates and counts from the broker's `/metrics`
//! (scraped every few seconds), and the recent client life-cycle events
//! (`$events/clients/+/connected|disconnected`). Pure: testable natively.
//!
//! The scrape is read with a small parser of exposition sample lines (`name`,
//! optional `{labels}`, value) that sums each metric over its labels: all the
//! view needs, and far smaller in the wasm bundle than a parser crate.

use std::collections::VecDeque;
use std::rc::Rc;

/// Points kept per chart (at 5 s a scrape: five minutes).
pub const MAX_POINTS: usize = 60;
/// Life-cycle events kept.
pub const MAX_EVENTS: usize = 50;

/// The figures of one scrape, each summed over its labels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scrape {
    /// `mqtt_connections`.
    pub connections: f64,
    /// `mqtt_successful_published_messages_total`.
    pub published: f64,
    /// `mqtt_successful_delivered_messages_total`.
    pub delivered: f64,
    /// `mqtt_successful_routed_messages_total`.
    pub routed: f64,
    /// `mqtt_failed_routed_messages_total`.
    pub failed_routed: f64,
    /// `mqtt_dropped_sessions_total`.
    pub dropped_sessions: f64,
}

impl Scrape {
    /// Reads the figures from an exposition (Prometheus or OpenMetrics text).
    pub fn parse(text: &str) -> Self {
        let mut out = Scrape::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let name_end = line
                .find(|c: char| c == '{' || c.is_whitespace())
                .unwrap_or(line.len());
            let name = &line[..name_end];
            let rest = &line[name_end..];
            let rest = match rest.strip_prefix('{') {
                // Label values may hold spaces but not an unescaped `}`.
                Some(labels) => labels.split_once('}').map_or("", |(_, r)| r),
                None => rest,
            };
            let Some(value) = rest
                .split_whitespace()
                .next()
                .and_then(|v| v.parse::<f64>().ok())
            else {
                continue;
            };
            let slot = match name {
                "mqtt_connections" => &mut out.connections,
                "mqtt_successful_published_messages_total" => &mut out.published,
                "mqtt_successful_delivered_messages_total" => &mut out.delivered,
                "mqtt_successful_routed_messages_total" => &mut out.routed,
                "mqtt_failed_routed_messages_total" => &mut out.failed_routed,
                "mqtt_dropped_sessions_total" => &mut out.dropped_sessions,
                _ => continue,
            };
            *slot += value;
        }
        out
    }
}

/// One point of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// When (ms since the epoch).
    pub at_ms: f64,
    /// Connected clients.
    pub connections: f64,
    /// PUBLISHes accepted per second since the previous scrape.
    pub in_per_s: f64,
    /// PUBLISHes delivered per second.
    pub out_per_s: f64,
    /// Routed messages delivered per second.
    pub routed_per_s: f64,
    /// Routed messages dead-lettered per second.
    pub failed_per_s: f64,
    /// Sessions dropped since the previous scrape.
    pub drops: f64,
}

/// The charts' history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BrokerStats {
    /// Oldest first, at most [`MAX_POINTS`].
    pub points: VecDeque<Point>,
    last: Option<(f64, Scrape)>,
    /// Why the last scrape failed, if it did.
    pub error: Option<crate::state::metrics_failure::MetricsFailure>,
}

impl BrokerStats {
    /// Adds a scrape taken at `at_ms` (the first one only sets the baseline
    /// of the rates; a broker restart, counters going down, starts afresh).
    pub fn push(&mut self, at_ms: f64, scrape: Scrape) {
        self.error = None;
        let previous = self.last.replace((at_ms, scrape));
        let Some((then, before)) = previous else {
            return;
        };
        let secs = (at_ms - then) / 1000.0;
        if secs <= 0.0 || scrape.published < before.published || scrape.delivered < before.delivered
        {
            return;
        }
        let rate = |now: f64, was: f64| ((now - was) / secs).max(0.0);
        self.points.push_back(Point {
            at_ms,
            connections: scrape.connections,
            in_per_s: rate(scrape.published, before.published),
            out_per_s: rate(scrape.delivered, before.delivered),
            routed_per_s: rate(scrape.routed, before.routed),
            failed_per_s: rate(scrape.failed_routed, before.failed_routed),
            drops: (scrape.dropped_sessions - before.dropped_sessions).max(0.0),
        });
        while self.points.len() > MAX_POINTS {
            self.points.pop_front();
        }
    }

    /// The last scrape's figures.
    pub fn latest(&self) -> Option<Scrape> {
        self.last.map(|(_, s)| s)
    }
}

/// A client life-cycle event, as the Broker view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct LifecycleEvent {
    /// `connected` or `disconnected`.
    pub connected: bool,
    /// The event's `time`.
    pub time: String,
    /// `clientAuthenticationName`.
    pub client: String,
    /// `clientSessionName`.
    pub session: String,
    /// `disconnectionReason` (empty when connected).
    pub reason: String,
}

impl LifecycleEvent {
    /// The event of a `$events/clients/…` message's CloudEvent payload.
    pub fn parse(payload: &[u8]) -> Option<Self> {
        let event: serde_json::Value = serde_json::from_slice(payload).ok()?;
        let connected = match event["type"].as_str()? {
            "Microsoft.EventGrid.MQTTClientSessionConnected" => true,
            "Microsoft.EventGrid.MQTTClientSessionDisconnected" => false,
            _ => return None,
        };
        let data = &event["data"];
        let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
        Some(Self {
            connected,
            time: text(&event["time"]),
            client: text(&data["clientAuthenticationName"]),
            session: text(&data["clientSessionName"]),
            reason: text(&data["disconnectionReason"]),
        })
    }
}

/// The recent life-cycle events, newest first. Each event is behind an `Rc`,
/// so a new event copies the others' pointers, not their text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LifecycleLog {
    /// At most [`MAX_EVENTS`].
    pub events: VecDeque<Rc<LifecycleEvent>>,
}

impl LifecycleLog {
    /// Adds an event at the front.
    pub fn push(&mut self, event: LifecycleEvent) {
        self.events.push_front(Rc::new(event));
        self.events.truncate(MAX_EVENTS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRAPE: &str = r#"# HELP mqtt_connections Connected clients (Mqtt.Connections).
# TYPE mqtt_connections gauge
mqtt_connections{protocol="MQTT5"} 2
mqtt_connections{protocol="MQTT3-WS"} 1
mqtt_successful_published_messages_total{protocol="MQTT5",qos="1"} 100
mqtt_successful_published_messages_total{protocol="MQTT3",qos="0"} 20
mqtt_successful_delivered_messages_total{protocol="MQTT5",qos="1"} 240
mqtt_failed_routed_messages_total{error="QueueFull"} 3
mqtt_dropped_sessions_total{drop_reason="TransientSession"} 4
mqtt_request_count_total{operation_type="Connect",protocol="MQTT5",result="Success",error=""} 9
# EOF
"#;

    #[test]
    fn a_scrape_sums_each_metric_over_its_labels() {
        let s = Scrape::parse(SCRAPE);
        assert_eq!(s.connections, 3.0);
        assert_eq!(s.published, 120.0);
        assert_eq!(s.delivered, 240.0);
        assert_eq!(s.routed, 0.0);
        assert_eq!(s.failed_routed, 3.0);
        assert_eq!(s.dropped_sessions, 4.0);
    }

    #[test]
    fn rates_come_from_two_scrapes_and_a_restart_starts_afresh() {
        let mut stats = BrokerStats::default();
        let first = Scrape::parse(SCRAPE);
        stats.push(1_000.0, first);
        assert!(stats.points.is_empty(), "one scrape is only a baseline");
        let later = Scrape {
            published: first.published + 50.0,
            delivered: first.delivered + 100.0,
            dropped_sessions: first.dropped_sessions + 1.0,
            ..first
        };
        stats.push(6_000.0, later);
        let p = stats.points[0];
        assert_eq!(
            (p.in_per_s, p.out_per_s, p.drops, p.connections),
            (10.0, 20.0, 1.0, 3.0)
        );
        stats.push(11_000.0, Scrape::default());
        assert_eq!(stats.points.len(), 1, "counters went down: a new baseline");
        for i in 0..(MAX_POINTS as u32 + 5) {
            stats.push(20_000.0 + f64::from(i) * 1000.0, Scrape::default());
        }
        assert_eq!(stats.points.len(), MAX_POINTS);
    }

    #[test]
    fn life_cycle_events_are_read_from_their_cloud_events() {
        let gone = br#"{"type":"Microsoft.EventGrid.MQTTClientSessionDisconnected","time":"2026-12-02T10:00:00Z",
            "data":{"clientAuthenticationName":"dev1","clientSessionName":"s1","disconnectionReason":"ConnectionLost"}}"#;
        let event = LifecycleEvent::parse(gone).unwrap();
        assert!(!event.connected);
        assert_eq!(
            (
                event.client.as_str(),
                event.session.as_str(),
                event.reason.as_str()
            ),
            ("dev1", "s1", "ConnectionLost")
        );
        assert!(
            LifecycleEvent::parse(br#"{"type":"Microsoft.EventGrid.MQTTClientDeleted"}"#).is_none()
        );
        assert!(LifecycleEvent::parse(b"not json").is_none());
        let mut log = LifecycleLog::default();
        for _ in 0..(MAX_EVENTS + 3) {
            log.push(event.clone());
        }
        assert_eq!(log.events.len(), MAX_EVENTS);
    }
}
