//! Known devices and their presence, from the retained `online` / will
//! `offline` messages on `clients/{id}/status` (seed 003).

use std::collections::BTreeMap;
use std::rc::Rc;

/// The topic filter the dashboard subscribes to for presence.
pub const STATUS_FILTER: &str = "clients/+/status";

/// A device's presence as its last status message said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    /// `online`: published (retained) by the device after connecting.
    Online,
    /// `offline`: the device's will, published by the broker when it vanished.
    Offline,
    /// Any other payload, shown as it is.
    Other(String),
}

impl Presence {
    /// Reads a status payload (`online` / `offline`, case-insensitive, trimmed).
    pub fn from_payload(payload: &[u8]) -> Self {
        let text = String::from_utf8_lossy(payload);
        let t = text.trim();
        if t.eq_ignore_ascii_case("online") {
            Presence::Online
        } else if t.eq_ignore_ascii_case("offline") {
            Presence::Offline
        } else {
            Presence::Other(t.chars().take(40).collect())
        }
    }

    /// The word shown to people.
    pub fn label(&self) -> &str {
        match self {
            Presence::Online => "online",
            Presence::Offline => "offline",
            Presence::Other(s) => s,
        }
    }
}

/// One device.
#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    /// Its id (the `{id}` of `clients/{id}/status`).
    pub id: String,
    /// Its presence.
    pub presence: Presence,
    /// When the presence last changed, if the dashboard saw it happen (a
    /// retained status delivered on subscribe changed before the dashboard
    /// connected: `None`).
    pub since_ms: Option<f64>,
    /// When the dashboard last heard of the device (status or response).
    pub last_seen_ms: Option<f64>,
}

/// Default bound on the number of devices kept.
pub const DEFAULT_MAX_DEVICES: usize = 20_000;

/// Devices by id, sorted.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceTable {
    devices: BTreeMap<String, Rc<Device>>,
    max: usize,
    dropped: u64,
}

impl Default for DeviceTable {
    fn default() -> Self {
        Self::with_max(DEFAULT_MAX_DEVICES)
    }
}

/// The device id of a presence topic `clients/{id}/status`.
pub fn status_device(topic: &str) -> Option<&str> {
    let id = topic.strip_prefix("clients/")?.strip_suffix("/status")?;
    (!id.is_empty() && !id.contains('/')).then_some(id)
}

impl DeviceTable {
    /// An empty table that keeps at most `max` devices; further new ids are counted, not kept.
    pub fn with_max(max: usize) -> Self {
        Self {
            devices: BTreeMap::new(),
            max,
            dropped: 0,
        }
    }

    /// Devices in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Rc<Device>> {
        self.devices.values()
    }

    /// Number of devices.
    pub fn len(&self) -> usize {
        self.devices.len()
    }

    /// Whether no device is known.
    pub fn is_empty(&self) -> bool {
        self.devices.is_empty()
    }

    /// A device by id.
    pub fn get(&self, id: &str) -> Option<&Rc<Device>> {
        self.devices.get(id)
    }

    /// Status messages of new devices ignored because the table was full.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// (online, offline) counts.
    pub fn counts(&self) -> (usize, usize) {
        self.devices
            .values()
            .fold((0, 0), |(on, off), d| match d.presence {
                Presence::Online => (on + 1, off),
                Presence::Offline => (on, off + 1),
                Presence::Other(_) => (on, off),
            })
    }

    /// Applies a status message for `id`; `retained` marks one sent on subscribe.
    /// An empty payload (a cleared retained status) forgets the device.
    pub fn apply_status(&mut self, id: &str, payload: &[u8], retained: bool, now_ms: f64) {
        if payload.is_empty() {
            self.devices.remove(id);
            return;
        }
        let presence = Presence::from_payload(payload);
        let since = (!retained).then_some(now_ms);
        let seen = (presence == Presence::Online || !retained).then_some(now_ms);
        let full = self.devices.len() >= self.max;
        match self.devices.get_mut(id) {
            Some(d) => {
                let d = Rc::make_mut(d);
                if d.presence != presence || since.is_some() {
                    d.since_ms = since;
                }
                d.presence = presence;
                if seen.is_some() {
                    d.last_seen_ms = seen;
                }
            }
            None if full => self.dropped += 1,
            None => {
                self.devices.insert(
                    id.to_string(),
                    Rc::new(Device {
                        id: id.to_string(),
                        presence,
                        since_ms: since,
                        last_seen_ms: seen,
                    }),
                );
            }
        }
    }

    /// Records that `id` was heard from (a response) at `now_ms`; unknown ids are ignored.
    pub fn touch(&mut self, id: &str, now_ms: f64) {
        if let Some(d) = self.devices.get_mut(id) {
            Rc::make_mut(d).last_seen_ms = Some(now_ms);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_topics() {
        assert_eq!(status_device("clients/dev-1/status"), Some("dev-1"));
        assert_eq!(status_device("clients//status"), None);
        assert_eq!(status_device("clients/a/b/status"), None);
        assert_eq!(status_device("devices/a/status"), None);
    }

    #[test]
    fn online_offline_online() {
        let mut t = DeviceTable::default();
        t.apply_status("d1", b"online", true, 100.0);
        let d = t.get("d1").unwrap();
        assert_eq!(d.presence, Presence::Online);
        assert_eq!(d.since_ms, None, "retained: changed before we connected");
        assert_eq!(d.last_seen_ms, Some(100.0));
        t.apply_status("d1", b"offline", false, 200.0);
        let d = t.get("d1").unwrap();
        assert_eq!(
            (d.presence.clone(), d.since_ms),
            (Presence::Offline, Some(200.0))
        );
        t.apply_status("d1", b" Online\n", false, 300.0);
        assert_eq!(t.get("d1").unwrap().presence, Presence::Online);
        t.touch("d1", 400.0);
        assert_eq!(t.get("d1").unwrap().last_seen_ms, Some(400.0));
        assert_eq!(t.counts(), (1, 0));
        t.apply_status("d2", b"offline", true, 500.0);
        assert_eq!(t.get("d2").unwrap().last_seen_ms, None);
        assert_eq!(t.counts(), (1, 1));
        t.apply_status("d2", b"", true, 600.0);
        assert!(t.get("d2").is_none());
    }

    #[test]
    fn bounded() {
        let mut t = DeviceTable::with_max(2);
        for i in 0..5 {
            t.apply_status(&format!("d{i}"), b"online", false, 0.0);
        }
        assert_eq!(t.len(), 2);
        assert_eq!(t.dropped(), 3);
        t.apply_status("d0", b"offline", false, 1.0);
        assert_eq!(t.get("d0").unwrap().presence, Presence::Offline);
    }

    #[test]
    fn other_payloads_are_shown() {
        assert_eq!(
            Presence::from_payload(b"rebooting"),
            Presence::Other("rebooting".into())
        );
    }
}
