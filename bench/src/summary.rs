//! Summarising several rounds of JSON reports: the median (and range) of each
//! figure per broker, and the ratios the comparison is about.
//!
//! `scripts/bench-compare.sh` writes one JSON line per run, each naming its
//! figure (`--figure`) and broker (`--label`); `tern-bench summarize FILE`
//! prints the table.

use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One measured value: (figure, metric, broker) → values over rounds.
type Samples = BTreeMap<(String, &'static str, String), Vec<f64>>;

/// Which metrics a scenario is judged by, and whether higher is better.
fn metrics(scenario: &str) -> &'static [(&'static str, bool)] {
    match scenario {
        "req-resp" => &[("p50 µs", false), ("p99 µs", false), ("p999 µs", false)],
        "storm" => &[("connects/s", true), ("RSS B/conn", false)],
        _ => &[("msgs/s", true), ("msgs/CPU-s", true)],
    }
}

fn value(report: &Value, metric: &str) -> Option<f64> {
    match metric {
        "msgs/s" => report["msgs_per_s"].as_f64(),
        // Messages per second of broker CPU: the figure that stays stable on
        // a shared machine, where throughput follows whatever else runs.
        "msgs/CPU-s" => {
            let cores = report["broker_cores"].as_f64().filter(|&c| c > 0.0)?;
            Some(report["msgs_per_s"].as_f64()? / cores)
        }
        "p50 µs" => report["latency_us"]["p50"].as_f64(),
        "p99 µs" => report["latency_us"]["p99"].as_f64(),
        "p999 µs" => report["latency_us"]["p999"].as_f64(),
        "connects/s" => report["connects_per_s"].as_f64(),
        "RSS B/conn" => report["rss_per_connection_bytes"].as_f64(),
        _ => None,
    }
}

/// The median of `values` (mean of the middle two for an even count).
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Builds the summary table from JSON report lines (others are ignored),
/// Tern against Mosquitto.
pub fn summarize(lines: &str) -> String {
    summarize_versus(lines, "mosquitto")
}

/// Builds the summary table, Tern (label `tern`) against the broker
/// labelled `versus` (Mosquitto, or an earlier Tern build).
pub fn summarize_versus(lines: &str, versus: &str) -> String {
    let mut samples = Samples::new();
    let mut integrity: BTreeMap<(String, String), [u64; 3]> = BTreeMap::new();
    let mut scenario_of: BTreeMap<String, String> = BTreeMap::new();
    for line in lines.lines() {
        let Ok(report) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let figure = report["figure"].as_str().unwrap_or("?").to_owned();
        let label = report["label"].as_str().unwrap_or("?").to_owned();
        let scenario = report["scenario"].as_str().unwrap_or("?").to_owned();
        for (metric, _) in metrics(&scenario) {
            if let Some(v) = value(&report, metric) {
                samples
                    .entry((figure.clone(), metric, label.clone()))
                    .or_default()
                    .push(v);
            }
        }
        let counts = integrity.entry((figure.clone(), label)).or_default();
        for (i, key) in ["loss", "duplicates", "reordered"].iter().enumerate() {
            counts[i] += report[key].as_u64().unwrap_or(0);
        }
        scenario_of.insert(figure, scenario);
    }
    let med = |figure: &str, metric: &'static str, label: &str| {
        samples
            .get(&(figure.to_owned(), metric, label.to_owned()))
            .map(|v| median(v))
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<16} {:<11} {:>22} {:>22} {:>8}",
        "figure",
        "metric",
        "tern median [min-max]",
        format!("{versus} median"),
        "ratio"
    );
    for (figure, scenario) in &scenario_of {
        if figure.starts_with("relay") {
            continue;
        }
        for (metric, higher_better) in metrics(scenario) {
            let cell = |label: &str| {
                samples
                    .get(&(figure.clone(), *metric, label.to_owned()))
                    .map(|v| {
                        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
                        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        format!("{:.0} [{lo:.0}-{hi:.0}]", median(v))
                    })
                    .unwrap_or_else(|| "-".into())
            };
            let ratio = match (med(figure, metric, "tern"), med(figure, metric, versus)) {
                (Some(t), Some(m)) if m > 0.0 => format!("{:.2}", t / m),
                _ => "-".into(),
            };
            let better = if *higher_better { "↑" } else { "↓" };
            let _ = writeln!(
                out,
                "{figure:<16} {:<11} {:>22} {:>22} {ratio:>8}",
                format!("{metric} {better}"),
                cell("tern"),
                cell(versus)
            );
        }
    }
    let ceiling = med("relay-fanin-q0", "msgs/s", "relay");
    if let (Some(t), Some(r)) = (med("fanin-q0-64", "msgs/s", "tern"), ceiling) {
        let _ = writeln!(
            out,
            "relay ceiling: tern fan-in QoS 0 64 B / relay hub = {:.2} ({t:.0} / {r:.0} msgs/s)",
            t / r
        );
    }
    if let (Some(ws), Some(tcp)) = (
        med("fanin-ws-q0", "msgs/s", "tern"),
        med("fanin-q0-64", "msgs/s", "tern"),
    ) {
        let _ = writeln!(
            out,
            "tern WebSocket / TCP fan-in QoS 0 = {:.2} ({ws:.0} / {tcp:.0} msgs/s)",
            ws / tcp
        );
    }
    let bad: Vec<String> = integrity
        .iter()
        .filter(|(_, c)| c.iter().any(|&n| n > 0))
        .map(|((f, l), c)| format!("{f} [{l}]: loss {} dup {} reordered {}", c[0], c[1], c[2]))
        .collect();
    if bad.is_empty() {
        let _ = writeln!(
            out,
            "integrity: no loss, duplicates or reordering in any run"
        );
    } else {
        let _ = writeln!(
            out,
            "integrity (summed over rounds; QoS 0 loss is allowed):"
        );
        for b in bad {
            let _ = writeln!(out, "  {b}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_ratios() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[1.0, 2.0, 3.0, 4.0]), 2.5);
        let lines = [
            r#"{"figure":"fanin-q0-64","label":"tern","scenario":"fan-in","msgs_per_s":200.0}"#,
            r#"{"figure":"fanin-q0-64","label":"mosquitto","scenario":"fan-in","msgs_per_s":100.0}"#,
            r#"{"figure":"relay-fanin-q0","label":"relay","scenario":"fan-in","msgs_per_s":400.0}"#,
            "not json",
        ]
        .join("\n");
        let s = summarize(&lines);
        assert!(s.contains("2.00"), "{s}");
        assert!(s.contains("= 0.50"), "{s}");
    }
}
