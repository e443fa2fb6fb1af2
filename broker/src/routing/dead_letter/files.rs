//! A route's dead-letter files in `{storage.data_dir}/deadletters/`, one JSON
//! record per line:
//!
//! - `NAME.jsonl`, appended to;
//! - `NAME.1.jsonl`, the one before (a file past `max_file_bytes` is moved
//!   there, replacing an older one), so a route's files stay bounded;
//! - `NAME.replaying-SEQ.jsonl`, taken aside by a replay until the events it
//!   queued are durable in the spool. A crash in between leaves them, and
//!   they still count as dead letters (replayed again, at least once).
//!
//! A line that does not parse (the last one, torn by a crash) is skipped. All
//! of it is blocking file I/O: callers run it on the blocking pool.

use serde_json::Value;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// The files of one route.
#[derive(Debug, Clone)]
pub struct Files {
    dir: PathBuf,
    name: String,
    max_bytes: u64,
}

impl Files {
    /// The files of route `name` in `dir`; the appended one is moved aside
    /// past `max_bytes`. Route names are `[A-Za-z0-9-]` (no dot, no slash), so
    /// the names below belong to one route each.
    pub fn new(dir: PathBuf, name: &str, max_bytes: u64) -> Self {
        Self {
            dir,
            name: name.to_owned(),
            max_bytes,
        }
    }

    fn current(&self) -> PathBuf {
        self.dir.join(format!("{}.jsonl", self.name))
    }

    fn previous(&self) -> PathBuf {
        self.dir.join(format!("{}.1.jsonl", self.name))
    }

    fn replaying_prefix(&self) -> String {
        format!("{}.replaying-", self.name)
    }

    /// A new replaying file's path: named by the time, so they sort oldest first.
    fn new_replaying(&self, index: u32) -> PathBuf {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        self.dir.join(format!(
            "{}{nanos:024}-{index}.jsonl",
            self.replaying_prefix()
        ))
    }

    /// Appends `lines` (each ending in a newline) and syncs them, first
    /// moving a full file to `NAME.1.jsonl`.
    pub fn append(&self, lines: &str) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let current = self.current();
        if fs::metadata(&current).is_ok_and(|m| m.len() >= self.max_bytes) {
            fs::rename(&current, self.previous())?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&current)?;
        file.write_all(lines.as_bytes())?;
        file.sync_data()
    }

    /// The replaying files, oldest first.
    fn replaying(&self) -> io::Result<Vec<PathBuf>> {
        let prefix = self.replaying_prefix();
        let mut found = Vec::new();
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(found),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let name = entry?.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(".jsonl") {
                found.push(self.dir.join(&*name));
            }
        }
        found.sort();
        Ok(found)
    }

    /// Every file holding dead letters, oldest first.
    pub fn all(&self) -> io::Result<Vec<PathBuf>> {
        let mut files = self.replaying()?;
        files.extend(
            [self.previous(), self.current()]
                .into_iter()
                .filter(|p| p.exists()),
        );
        Ok(files)
    }

    /// Moves the appended files aside for a replay and returns every
    /// replaying file (older ones a crash left included), oldest first.
    pub fn take_for_replay(&self) -> io::Result<Vec<PathBuf>> {
        for (index, path) in [self.previous(), self.current()].into_iter().enumerate() {
            if path.exists() {
                fs::rename(&path, self.new_replaying(index as u32))?;
            }
        }
        self.replaying()
    }

    /// A writer of a replaying file of its own, for what a replay had no
    /// room for; [`Aside::finish`] puts it in place.
    pub fn aside(&self) -> io::Result<Aside> {
        fs::create_dir_all(&self.dir)?;
        let path = self.new_replaying(9);
        let temporary = path.with_extension("tmp");
        Ok(Aside {
            writer: BufWriter::new(File::create(&temporary)?),
            temporary,
            path,
            lines: 0,
        })
    }

    /// Deletes files a replay has finished with.
    pub fn remove(files: &[PathBuf]) -> io::Result<()> {
        for file in files {
            match fs::remove_file(file) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(())
    }
}

/// Records a replay sets aside, written to a temporary file that becomes a
/// replaying file only once it is complete and synced.
pub struct Aside {
    writer: BufWriter<File>,
    temporary: PathBuf,
    path: PathBuf,
    lines: usize,
}

impl Aside {
    /// Adds one record.
    pub fn push(&mut self, record: &Value) -> io::Result<()> {
        self.lines += 1;
        serde_json::to_writer(&mut self.writer, record)?;
        self.writer.write_all(b"\n")
    }

    /// Syncs the records and puts the file in place (or removes it when it
    /// holds none).
    pub fn finish(self) -> io::Result<()> {
        let file = self.writer.into_inner().map_err(|e| e.into_error())?;
        if self.lines == 0 {
            drop(file);
            return fs::remove_file(&self.temporary);
        }
        file.sync_data()?;
        fs::rename(&self.temporary, &self.path)
    }
}

/// Hands every record of `files` to `each`, oldest first, and returns how
/// many lines did not parse (a line torn by a crash), which are skipped.
pub fn read_records(files: &[PathBuf], mut each: impl FnMut(Value)) -> io::Result<usize> {
    let mut skipped = 0;
    for path in files {
        let file = match File::open(path) {
            Ok(file) => file,
            // A replay took it meanwhile.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for line in BufReader::new(file).split(b'\n') {
            let line = line?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice(&line) {
                Ok(record) => each(record),
                Err(_) => skipped += 1,
            }
        }
    }
    Ok(skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(files: &Files) -> Vec<Value> {
        let mut all = Vec::new();
        read_records(&files.all().unwrap(), |r| all.push(r)).unwrap();
        all
    }

    #[test]
    fn a_full_file_is_moved_aside_and_a_new_one_started() {
        let dir = tempfile::tempdir().unwrap();
        let files = Files::new(dir.path().into(), "route", 8);
        files.append("1234567\n").unwrap();
        files.append("a\n").unwrap();
        files.append("1234567\n").unwrap();
        // Past 8 bytes: moved to route.1.jsonl, replacing the older one.
        files.append("b\n").unwrap();
        let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(read("route.jsonl"), "b\n");
        assert_eq!(read("route.1.jsonl"), "a\n1234567\n");
    }

    #[test]
    fn records_are_read_oldest_first_and_a_torn_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let files = Files::new(dir.path().into(), "route", 16);
        files.append("{\"n\":1}\n{\"n\":2}\n").unwrap();
        files.append("{\"n\":3}\n{\"n\":").unwrap();
        let other = Files::new(dir.path().into(), "route-2", 16);
        other.append("{\"n\":9}\n").unwrap();
        let mut seen = Vec::new();
        let skipped = read_records(&files.all().unwrap(), |r| seen.push(r["n"].clone())).unwrap();
        assert_eq!(seen, vec![1, 2, 3]);
        assert_eq!(skipped, 1, "the torn last line");
    }

    #[test]
    fn a_replay_takes_the_files_aside_and_what_it_sets_aside_stays_a_dead_letter() {
        let dir = tempfile::tempdir().unwrap();
        let files = Files::new(dir.path().into(), "route", 1024);
        files.append("{\"n\":1}\n{\"n\":2}\n").unwrap();
        let taken = files.take_for_replay().unwrap();
        assert_eq!(taken.len(), 1);
        // Taken files still count until the replay removes them (a crash
        // before that replays them again).
        assert_eq!(records(&files).len(), 2);
        files.append("{\"n\":3}\n").unwrap();
        let mut aside = files.aside().unwrap();
        aside.push(&serde_json::json!({"n": 2})).unwrap();
        aside.finish().unwrap();
        Files::remove(&taken).unwrap();
        let left: Vec<_> = records(&files).iter().map(|r| r["n"].clone()).collect();
        assert_eq!(left, vec![2, 3], "the one set aside, then the newer one");
        // An empty aside leaves no file.
        files.aside().unwrap().finish().unwrap();
        assert_eq!(files.all().unwrap().len(), 2);
    }
}
