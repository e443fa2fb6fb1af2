//! [`MosquittoSub`]: a running `mosquitto_sub -d`, read line by line with
//! deadlines, telling its debug lines (see the parent module) from messages.

use super::{drain_into, is_mosquitto_debug_line, parse_subscribed_line, MqttVersion, SubOptions};
use crate::{format_output, STEP_TIMEOUT};
use anyhow::{anyhow, bail, Context};
use std::collections::VecDeque;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};
use tokio::time::{timeout_at, Instant};

/// A running `mosquitto_sub -d`, killed when dropped.
pub struct MosquittoSub {
    child: Child,
    lines: Lines<BufReader<ChildStdout>>,
    stdout_done: bool,
    stderr: Arc<Mutex<Vec<u8>>>,
    /// Message lines read while waiting for something else.
    pending: VecDeque<String>,
    /// Every stdout line so far, debug and message lines alike.
    transcript: Vec<String>,
    granted: Option<Vec<u8>>,
    command: String,
}

impl MosquittoSub {
    /// Spawns `mosquitto_sub -d -h 127.0.0.1 -p PORT -V VERSION -t TOPIC`
    /// plus the options. Returns at once; call [`Self::wait_subscribed`]
    /// before publishing anything it should receive.
    pub fn spawn(
        port: u16,
        version: MqttVersion,
        topic: &str,
        options: SubOptions,
    ) -> anyhow::Result<Self> {
        let mut args: Vec<String> = vec![
            "-oL".into(),
            "mosquitto_sub".into(),
            "-d".into(),
            "-h".into(),
            "127.0.0.1".into(),
            "-p".into(),
            port.to_string(),
            "-V".into(),
            version.mosquitto_arg().into(),
            "-t".into(),
            topic.into(),
        ];
        if let Some(qos) = options.qos {
            args.extend(["-q".into(), qos.to_string()]);
        }
        if let Some(count) = options.count {
            args.extend(["-C".into(), count.to_string()]);
        }
        if options.verbose {
            args.push("-v".into());
        }
        args.extend(options.extra_args);
        let command = args[2..].join(" ");

        let mut child = Command::new("stdbuf")
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| {
                format!(
                    "spawning `stdbuf {}` (run scripts/setup.sh to install mosquitto-clients)",
                    args.join(" ")
                )
            })?;
        let stdout = child.stdout.take().context("mosquitto_sub stdout")?;
        let stderr = Arc::new(Mutex::new(Vec::new()));
        drain_into(child.stderr.take(), Arc::clone(&stderr));
        Ok(Self {
            child,
            lines: BufReader::new(stdout).lines(),
            stdout_done: false,
            stderr,
            pending: VecDeque::new(),
            transcript: Vec::new(),
            granted: None,
            command,
        })
    }

    /// [`Self::spawn`] then [`Self::wait_subscribed`] with [`STEP_TIMEOUT`];
    /// fails unless every filter was granted (no code >= 0x80).
    pub async fn subscribe(
        port: u16,
        version: MqttVersion,
        topic: &str,
        options: SubOptions,
    ) -> anyhow::Result<Self> {
        let mut sub = Self::spawn(port, version, topic, options)?;
        let codes = sub.wait_subscribed(STEP_TIMEOUT).await?;
        if codes.iter().any(|&c| c >= 0x80) {
            bail!(sub.failure(&format!("subscription refused: SUBACK codes {codes:?}")));
        }
        Ok(sub)
    }

    /// Reads stdout until the SUBACK has been received, i.e. up to the
    /// `Subscribed (mid: N): C[, C...]` line that mosquitto_sub prints right
    /// after `Client <id> received SUBACK`, and returns the codes in it, one
    /// per filter: the granted QoS 0..=2, or a failure code >= 0x80 (e.g.
    /// 0x87 Not authorized in MQTT 5, 0x80 in 3.1.1). When every code is a
    /// failure, mosquitto_sub disconnects and exits by itself. Fails if
    /// mosquitto_sub exits before the SUBACK (e.g. CONNACK refused: the
    /// error holds its `Connection error: ...` stderr) or after `timeout`.
    /// Calling it again returns the same codes.
    pub async fn wait_subscribed(&mut self, timeout: Duration) -> anyhow::Result<Vec<u8>> {
        if let Some(granted) = &self.granted {
            return Ok(granted.clone());
        }
        let deadline = Instant::now() + timeout;
        loop {
            let line = self
                .next_line(deadline)
                .await
                .map_err(|e| self.failure(&format!("waiting for SUBACK: {e}")))?;
            if let Some(codes) = parse_subscribed_line(&line) {
                self.granted = Some(codes.clone());
                return Ok(codes);
            }
            if !is_mosquitto_debug_line(&line) {
                // A message before the SUBACK line: keep it for collect().
                self.pending.push_back(line);
            }
        }
    }

    /// Returns the next `n` message lines (not debug lines), waiting at most
    /// `timeout` for all of them. One line per message, so payloads must not
    /// contain newlines; with `-v` a line is `topic payload`.
    pub async fn collect(&mut self, n: usize, timeout: Duration) -> anyhow::Result<Vec<String>> {
        let deadline = Instant::now() + timeout;
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            if let Some(line) = self.pending.pop_front() {
                out.push(line);
                continue;
            }
            let line = self.next_line(deadline).await.map_err(|e| {
                self.failure(&format!(
                    "collecting {n} messages (got {}: {out:?}): {e}",
                    out.len()
                ))
            })?;
            if !is_mosquitto_debug_line(&line) {
                out.push(line);
            }
        }
        Ok(out)
    }

    /// Waits for mosquitto_sub to exit by itself (e.g. after `-C COUNT`
    /// messages), reading the rest of its output, and returns its status.
    /// Message lines read meanwhile stay available to [`Self::collect`].
    pub async fn wait_exit(&mut self, timeout: Duration) -> anyhow::Result<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while !self.stdout_done {
            match self.next_line(deadline).await {
                Ok(line) => {
                    if !is_mosquitto_debug_line(&line) {
                        self.pending.push_back(line);
                    }
                }
                // End of output: it has exited (or closed stdout).
                Err(_) if self.stdout_done => break,
                Err(e) => return Err(self.failure(&format!("waiting for exit: {e}"))),
            }
        }
        match timeout_at(deadline, self.child.wait()).await {
            Ok(status) => Ok(status?),
            Err(_) => Err(self.failure("waiting for exit: timed out")),
        }
    }

    /// Kills mosquitto_sub now (dropping it does the same).
    pub async fn kill(&mut self) -> anyhow::Result<()> {
        self.child.kill().await.context("killing mosquitto_sub")
    }

    /// Every stdout line read so far, debug lines included.
    pub fn transcript(&self) -> &[String] {
        &self.transcript
    }

    /// What mosquitto_sub has written to stderr so far.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().expect("stderr lock")).into_owned()
    }

    /// The next stdout line, or an error at EOF or at the deadline.
    async fn next_line(&mut self, deadline: Instant) -> anyhow::Result<String> {
        if self.stdout_done {
            bail!("mosquitto_sub has exited");
        }
        // `Lines::next_line` is cancel-safe, so a timeout loses no data.
        match timeout_at(deadline, self.lines.next_line()).await {
            Err(_) => bail!("timed out"),
            Ok(Err(e)) => Err(anyhow!(e).context("reading mosquitto_sub stdout")),
            Ok(Ok(None)) => {
                self.stdout_done = true;
                let status =
                    match tokio::time::timeout(Duration::from_secs(2), self.child.wait()).await {
                        Ok(Ok(status)) => status.to_string(),
                        _ => "status unknown".to_owned(),
                    };
                bail!("mosquitto_sub exited ({status})")
            }
            Ok(Ok(Some(line))) => {
                self.transcript.push(line.clone());
                Ok(line)
            }
        }
    }

    /// An error naming the command, with everything it printed.
    fn failure(&self, what: &str) -> anyhow::Error {
        let stdout = self.transcript.join("\n");
        anyhow!(
            "`{}`: {what}\n{}",
            self.command,
            format_output(stdout.as_bytes(), self.stderr().as_bytes())
        )
    }
}
