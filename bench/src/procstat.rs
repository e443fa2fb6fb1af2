//! CPU time and resident memory of a process, read from `/proc`.
//!
//! The broker's figures come from `/proc/PID/stat` and `/proc/PID/status` when
//! its pid is given; the generator reads its own the same way, so a saturated
//! generator shows up next to the broker's figures.

use std::path::PathBuf;

/// Clock ticks per second of `/proc/PID/stat` times (USER_HZ, 100 on Linux).
const TICKS_PER_SEC: f64 = 100.0;

/// One reading of a process.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sample {
    /// User + system CPU seconds since the process started.
    pub cpu_s: f64,
    /// Resident set size, KiB.
    pub rss_kib: u64,
}

fn dir(pid: Option<u32>) -> PathBuf {
    match pid {
        Some(pid) => PathBuf::from(format!("/proc/{pid}")),
        None => PathBuf::from("/proc/self"),
    }
}

/// Reads `pid` (this process for `None`); `None` when `/proc` has no such process.
pub fn sample(pid: Option<u32>) -> Option<Sample> {
    let d = dir(pid);
    let stat = std::fs::read_to_string(d.join("stat")).ok()?;
    // Fields after the command name, which may contain spaces: state is field 3.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    let status = std::fs::read_to_string(d.join("status")).ok()?;
    let rss_kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some(Sample {
        cpu_s: (utime + stime) / TICKS_PER_SEC,
        rss_kib,
    })
}

/// The soft "Max open files" limit of `pid`, from `/proc/PID/limits`.
pub fn open_files_limit(pid: Option<u32>) -> Option<u64> {
    let limits = std::fs::read_to_string(dir(pid).join("limits")).ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The difference of two readings: CPU seconds used and the RSS at the end.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Usage {
    /// CPU seconds used between the two readings.
    pub cpu_s: f64,
    /// RSS at the second reading, KiB.
    pub rss_kib: u64,
    /// RSS at the first reading, KiB.
    pub rss_start_kib: u64,
}

impl Usage {
    /// Usage between `before` and `after`.
    pub fn between(before: Sample, after: Sample) -> Self {
        Self {
            cpu_s: (after.cpu_s - before.cpu_s).max(0.0),
            rss_kib: after.rss_kib,
            rss_start_kib: before.rss_kib,
        }
    }
}

/// Readings of the broker (if its pid is known) and of the generator itself.
#[derive(Debug, Clone, Copy)]
pub struct Meter {
    broker_pid: Option<u32>,
    broker: Option<Sample>,
    own: Option<Sample>,
}

impl Meter {
    /// Takes the first readings.
    pub fn start(broker_pid: Option<u32>) -> Self {
        Self {
            broker_pid,
            broker: broker_pid.and_then(|p| sample(Some(p))),
            own: sample(None),
        }
    }

    /// Usage of the broker and of the generator since [`Meter::start`].
    pub fn stop(&self) -> (Option<Usage>, Option<Usage>) {
        let broker = match (self.broker, self.broker_pid.and_then(|p| sample(Some(p)))) {
            (Some(a), Some(b)) => Some(Usage::between(a, b)),
            _ => None,
        };
        let own = match (self.own, sample(None)) {
            (Some(a), Some(b)) => Some(Usage::between(a, b)),
            _ => None,
        };
        (broker, own)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process() {
        let s = sample(None).expect("/proc/self is readable");
        assert!(s.rss_kib > 0);
        assert!(open_files_limit(None).unwrap_or(1) > 0);
    }
}
