//! Known devices and their presence, from the retained `online` / will
//! `offline` messages on `clients/{id}/status` (seed 003), and the Devices
//! view's filter.
//!
//! The table is persistent (copy-on-write in pieces): the devices, in id
//! order, sit in chunks of at most [`MAX_CHUNK`] behind `Rc`. Every state the
//! reducer makes keeps the previous one alive, so a whole-table copy per
//! status message would copy up to 20,000 rows; here cloning the table copies
//! one pointer per chunk and changing a device copies only its chunk (pointers
//! to the other rows) and the device itself. The (online, offline) counts are
//! kept as the table changes, so the header does not count 20,000 rows per
//! render.

use std::rc::Rc;

/// The topic filter the dashboard subscribes to for presence.
pub const STATUS_FILTER: &str = "clients/+/status";

/// Devices per chunk at most; a fuller chunk is split in two. About the
/// square root of [`DEFAULT_MAX_DEVICES`], so a change copies about as many
/// chunk pointers as row pointers.
pub const MAX_CHUNK: usize = 256;

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

/// One chunk of the table: devices in id order.
type Chunk = Vec<Rc<Device>>;

/// Devices by id, sorted, in shared chunks (see the module's documentation).
#[derive(Debug, Clone)]
pub struct DeviceTable {
    /// Non-empty chunks, in id order (each chunk's ids come before the next's).
    chunks: Vec<Rc<Chunk>>,
    len: usize,
    online: usize,
    offline: usize,
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
            chunks: Vec::new(),
            len: 0,
            online: 0,
            offline: 0,
            max,
            dropped: 0,
        }
    }

    /// Devices in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Rc<Device>> {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// Number of devices.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no device is known.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A device by id.
    pub fn get(&self, id: &str) -> Option<&Rc<Device>> {
        let (c, Ok(i)) = self.locate(id)? else {
            return None;
        };
        Some(&self.chunks[c][i])
    }

    /// Status messages of new devices ignored because the table was full.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// (online, offline) counts, kept up to date as the table changes.
    pub fn counts(&self) -> (usize, usize) {
        (self.online, self.offline)
    }

    /// The first `limit` devices `filter` matches, in id order, and how many
    /// more it matches.
    pub fn matching(&self, filter: &DeviceFilter, limit: usize) -> (Vec<&Rc<Device>>, usize) {
        if filter.is_empty() {
            let shown: Vec<_> = self.iter().take(limit).collect();
            let more = self.len - shown.len();
            return (shown, more);
        }
        let mut hits = self.iter().filter(|d| filter.matches(&d.id));
        let shown: Vec<_> = hits.by_ref().take(limit).collect();
        (shown, hits.count())
    }

    /// Applies a status message for `id`; `retained` marks one sent on subscribe.
    /// An empty payload (a cleared retained status) forgets the device.
    pub fn apply_status(&mut self, id: &str, payload: &[u8], retained: bool, now_ms: f64) {
        if payload.is_empty() {
            self.remove(id);
            return;
        }
        let presence = Presence::from_payload(payload);
        let since = (!retained).then_some(now_ms);
        let seen = (presence == Presence::Online || !retained).then_some(now_ms);
        match self.locate(id) {
            Some((c, Ok(i))) => {
                let old = &self.chunks[c][i];
                let since_ms = if old.presence != presence || since.is_some() {
                    since
                } else {
                    old.since_ms
                };
                let last_seen_ms = seen.or(old.last_seen_ms);
                if old.presence == presence
                    && old.since_ms == since_ms
                    && old.last_seen_ms == last_seen_ms
                {
                    return; // nothing changes: nothing is copied
                }
                let was = old.presence.clone();
                self.tally(&was, false);
                self.tally(&presence, true);
                let d = Rc::make_mut(&mut Rc::make_mut(&mut self.chunks[c])[i]);
                d.presence = presence;
                d.since_ms = since_ms;
                d.last_seen_ms = last_seen_ms;
            }
            _ if self.len >= self.max => self.dropped += 1,
            found => {
                self.tally(&presence, true);
                let device = Rc::new(Device {
                    id: id.to_string(),
                    presence,
                    since_ms: since,
                    last_seen_ms: seen,
                });
                self.insert_at(found, device);
            }
        }
    }

    /// Records that `id` was heard from (a response) at `now_ms`; unknown ids are ignored.
    pub fn touch(&mut self, id: &str, now_ms: f64) {
        if let Some((c, Ok(i))) = self.locate(id) {
            if self.chunks[c][i].last_seen_ms != Some(now_ms) {
                Rc::make_mut(&mut Rc::make_mut(&mut self.chunks[c])[i]).last_seen_ms = Some(now_ms);
            }
        }
    }

    /// Where `id` is or would go: its chunk, and its index there (`Ok`) or
    /// the index it would be inserted at (`Err`). `None` when the table has
    /// no chunk.
    fn locate(&self, id: &str) -> Option<(usize, Result<usize, usize>)> {
        // The first chunk whose last id is not before `id`; past the end, the last chunk.
        let c = self
            .chunks
            .partition_point(|ch| ch.last().is_some_and(|d| d.id.as_str() < id))
            .min(self.chunks.len().checked_sub(1)?);
        Some((
            c,
            self.chunks[c].binary_search_by(|d| d.id.as_str().cmp(id)),
        ))
    }

    /// Inserts a new device where [`Self::locate`] said, splitting a full chunk.
    fn insert_at(&mut self, at: Option<(usize, Result<usize, usize>)>, device: Rc<Device>) {
        self.len += 1;
        let Some((c, Err(i))) = at else {
            self.chunks.push(Rc::new(vec![device]));
            return;
        };
        let chunk = Rc::make_mut(&mut self.chunks[c]);
        chunk.insert(i, device);
        if chunk.len() > MAX_CHUNK {
            let upper = chunk.split_off(chunk.len() / 2);
            self.chunks.insert(c + 1, Rc::new(upper));
        }
    }

    /// Forgets `id`; a chunk left empty goes, one left small joins a neighbour.
    fn remove(&mut self, id: &str) {
        let Some((c, Ok(i))) = self.locate(id) else {
            return;
        };
        let gone = Rc::make_mut(&mut self.chunks[c]).remove(i);
        self.len -= 1;
        self.tally(&gone.presence, false);
        let left = self.chunks[c].len();
        if left == 0 {
            self.chunks.remove(c);
        } else if left < MAX_CHUNK / 4 {
            let (lo, hi) = if c + 1 < self.chunks.len() {
                (c, c + 1)
            } else if c > 0 {
                (c - 1, c)
            } else {
                return;
            };
            if self.chunks[lo].len() + self.chunks[hi].len() <= MAX_CHUNK {
                let upper = self.chunks.remove(hi);
                Rc::make_mut(&mut self.chunks[lo]).extend(upper.iter().cloned());
            }
        }
    }

    /// Counts (`add`) or uncounts a device with `presence`.
    fn tally(&mut self, presence: &Presence, add: bool) {
        let slot = match presence {
            Presence::Online => &mut self.online,
            Presence::Offline => &mut self.offline,
            Presence::Other(_) => return,
        };
        if add {
            *slot += 1;
        } else {
            *slot -= 1;
        }
    }
}

/// The Devices view's filter: ids containing the text, case-insensitively.
/// The text is lowercased once, when it is typed, not per row per render;
/// [`DeviceFilter::retype`] keeps the same `Rc` while the text is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeviceFilter {
    text: String,
    needle: String,
}

impl DeviceFilter {
    /// The filter for `text`, as typed.
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_string(),
            needle: text.to_lowercase(),
        }
    }

    /// `current` itself when its text is `text` (no new value, no render),
    /// else a new filter.
    pub fn retype(current: &Rc<Self>, text: &str) -> Rc<Self> {
        if current.text == text {
            Rc::clone(current)
        } else {
            Rc::new(Self::new(text))
        }
    }

    /// The text as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The lowercased text the ids are searched for.
    pub fn needle(&self) -> &str {
        &self.needle
    }

    /// Whether it matches every device.
    pub fn is_empty(&self) -> bool {
        self.needle.is_empty()
    }

    /// Whether `id` contains the text, ignoring case. ASCII ids (the usual
    /// ones) are compared in place; others are lowercased first.
    pub fn matches(&self, id: &str) -> bool {
        let needle = self.needle.as_bytes();
        if needle.is_empty() {
            return true;
        }
        if id.is_ascii() {
            // An ASCII id lowercased holds no non-ASCII byte, so a non-ASCII
            // needle rightly matches nothing here.
            let hay = id.as_bytes();
            return hay.len() >= needle.len()
                && hay
                    .windows(needle.len())
                    .any(|w| w.eq_ignore_ascii_case(needle));
        }
        id.to_lowercase().contains(&self.needle)
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

    /// Checks the table's invariants against the ids it should hold, in order.
    fn check(t: &DeviceTable, want: &[String]) {
        let ids: Vec<&str> = t.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, want.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(t.len(), want.len());
        assert!(t
            .chunks
            .iter()
            .all(|c| !c.is_empty() && c.len() <= MAX_CHUNK));
        let online = t.iter().filter(|d| d.presence == Presence::Online).count();
        let offline = t.iter().filter(|d| d.presence == Presence::Offline).count();
        assert_eq!(t.counts(), (online, offline));
        for id in want {
            assert_eq!(&t.get(id).unwrap().id, id);
        }
    }

    #[test]
    fn chunks_split_and_merge_and_stay_in_order() {
        let mut t = DeviceTable::default();
        let mut model = std::collections::BTreeSet::new();
        // A scattered insertion order (a permutation of 0..3000).
        for k in 0..3000u32 {
            let id = format!("dev-{:05}", (k * 7919) % 3000);
            let status: &[u8] = if k % 3 == 0 { b"offline" } else { b"online" };
            t.apply_status(&id, status, k % 2 == 0, f64::from(k));
            model.insert(id);
        }
        let want: Vec<String> = model.iter().cloned().collect();
        check(&t, &want);
        assert!(t.chunks.len() > 3000 / MAX_CHUNK, "the table is chunked");
        // Forget most of them: emptied chunks go, small ones merge.
        for (k, id) in want.iter().enumerate() {
            if k % 10 != 0 {
                t.apply_status(id, b"", true, 0.0);
                model.remove(id);
            }
        }
        let want: Vec<String> = model.iter().cloned().collect();
        check(&t, &want);
        assert!(
            t.chunks.len() <= 300 / (MAX_CHUNK / 4) + 1,
            "small chunks merge"
        );
        assert!(t.get("dev-00001").is_none());
    }

    #[test]
    fn changing_one_device_copies_one_chunk_and_shares_the_rest() {
        let mut before = DeviceTable::default();
        for i in 0..2000 {
            before.apply_status(&format!("d{i:04}"), b"online", true, 1.0);
        }
        let mut after = before.clone();
        after.apply_status("d1234", b"offline", false, 2.0);
        let shared = before
            .chunks
            .iter()
            .zip(&after.chunks)
            .filter(|(a, b)| Rc::ptr_eq(a, b))
            .count();
        assert_eq!(
            shared,
            before.chunks.len() - 1,
            "only the touched chunk is copied"
        );
        assert!(!Rc::ptr_eq(
            before.get("d1234").unwrap(),
            after.get("d1234").unwrap()
        ));
        assert!(Rc::ptr_eq(
            before.get("d1235").unwrap(),
            after.get("d1235").unwrap()
        ));
        assert_eq!(
            before.get("d1234").unwrap().presence,
            Presence::Online,
            "the old state is intact"
        );
        assert_eq!((before.counts(), after.counts()), ((2000, 0), (1999, 1)));
        // Status messages that change nothing copy nothing: a retained
        // `offline` again, a response at the time already recorded, an unknown id.
        let again = after.clone();
        after.apply_status("d1234", b"offline", true, 3.0);
        after.touch("d0001", 1.0);
        after.touch("unknown", 3.0);
        assert!(after
            .chunks
            .iter()
            .zip(&again.chunks)
            .all(|(a, b)| Rc::ptr_eq(a, b)));
    }

    #[test]
    fn the_filter_is_lowercased_once_and_kept_while_unchanged() {
        let f = Rc::new(DeviceFilter::new("Dev-1"));
        assert_eq!((f.text(), f.needle()), ("Dev-1", "dev-1"));
        assert!(f.matches("DEV-10") && f.matches("my-dev-1") && !f.matches("dev-2"));
        assert!(
            Rc::ptr_eq(&f, &DeviceFilter::retype(&f, "Dev-1")),
            "same text: same filter"
        );
        let g = DeviceFilter::retype(&f, "ÉTÉ");
        assert_eq!(g.needle(), "été");
        assert!(g.matches("capteur-été") && !g.matches("ete"));
        assert!(DeviceFilter::default().matches("anything"));
        let mut t = DeviceTable::default();
        for i in 0..10 {
            t.apply_status(&format!("Dev-{i}"), b"online", false, 0.0);
        }
        let (shown, more) = t.matching(&DeviceFilter::new("dev-"), 3);
        assert_eq!((shown.len(), more), (3, 7));
        let (shown, more) = t.matching(&DeviceFilter::default(), 4);
        assert_eq!((shown[0].id.as_str(), shown.len(), more), ("Dev-0", 4, 6));
        let (shown, more) = t.matching(&DeviceFilter::new("-7"), 300);
        assert_eq!((shown.len(), more), (1, 0));
    }
}
