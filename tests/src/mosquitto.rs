//! Driving Debian's `mosquitto_sub`, `mosquitto_pub` and `mosquitto` with
//! bounded time.
//!
//! What `mosquitto_sub -d` (mosquitto-clients 2.0) prints on stdout, checked
//! against the mosquitto 2.0.11 broker; the `-V mqttv311` and `-V mqttv5`
//! runs differ only in the client id (for v5 the broker's Assigned Client
//! Identifier, `(null)` when there is none):
//!
//! ```text
//! Client (null) sending CONNECT
//! Client (null) received CONNACK (0)
//! Client (null) sending SUBSCRIBE (Mid: 1, Topic: a/#, QoS: 1, Options: 0x00)
//! Client (null) received SUBACK
//! Subscribed (mid: 1): 1
//! Client (null) received PUBLISH (d0, q1, r0, m1, 'a/b', ... (11 bytes))
//! Client (null) sending PUBACK (m1, rc0)
//! a/b hello world
//! ```
//!
//! The message line (`a/b hello world`, or just `hello world` without `-v`)
//! is the only line not starting `Client <id> sending|received`,
//! `Subscribed (mid: ` or `Warning: `. With several `-t`, one SUBSCRIBE line
//! is printed per filter, all with the same Mid, and a single
//! `Subscribed (mid: 1): 1, 2` line lists the granted QoS / reason codes.
//!
//! stdout is a pipe here, so `mosquitto_sub` would buffer it; it is run
//! under `stdbuf -oL` (coreutils) to get each line as it is printed.

use crate::{format_output, STEP_TIMEOUT};
use anyhow::{anyhow, bail, Context};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};
use tokio::time::{timeout_at, Instant};

/// The MQTT protocol version a mosquitto client speaks (`-V`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MqttVersion {
    /// MQTT 3.1.1: `-V mqttv311`.
    V311,
    /// MQTT 5.0: `-V mqttv5`.
    V5,
}

impl MqttVersion {
    /// The value of mosquitto's `-V` option.
    pub fn mosquitto_arg(self) -> &'static str {
        match self {
            MqttVersion::V311 => "mqttv311",
            MqttVersion::V5 => "mqttv5",
        }
    }
}

/// Options of a [`MosquittoSub`] beyond port, version and topic.
#[derive(Clone, Debug, Default)]
pub struct SubOptions {
    /// `-q QOS`: the requested maximum QoS (mosquitto_sub's default is 0).
    pub qos: Option<u8>,
    /// `-C COUNT`: exit after this many messages.
    pub count: Option<usize>,
    /// `-v`: print `topic payload` instead of just the payload.
    pub verbose: bool,
    /// Further arguments, e.g. `["-t", "other/#", "-i", "my-id"]`.
    /// Do not pass `-N` (lines are needed) or `--quiet`/`-F`.
    pub extra_args: Vec<String>,
}

impl SubOptions {
    /// Sets `-q`.
    pub fn qos(mut self, qos: u8) -> Self {
        self.qos = Some(qos);
        self
    }
    /// Sets `-C`.
    pub fn count(mut self, count: usize) -> Self {
        self.count = Some(count);
        self
    }
    /// Sets `-v`.
    pub fn verbose(mut self) -> Self {
        self.verbose = true;
        self
    }
    /// Appends further arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extra_args.extend(args.into_iter().map(Into::into));
        self
    }
}

/// True for the lines `mosquitto_sub -d` prints about its own traffic (see
/// the module docs), false for message lines.
pub fn is_mosquitto_debug_line(line: &str) -> bool {
    if line.starts_with("Subscribed (mid: ") || line.starts_with("Warning: ") {
        return true;
    }
    // "Client <id> sending X ..." / "Client <id> received X ...": the id is
    // one word (mosquitto's own ids and "(null)" have no spaces).
    line.strip_prefix("Client ")
        .and_then(|rest| rest.split_once(' '))
        .is_some_and(|(_, after)| after.starts_with("sending ") || after.starts_with("received "))
}

/// Parses `Subscribed (mid: 1): 1, 128` into the granted QoS / reason codes.
pub fn parse_subscribed_line(line: &str) -> Option<Vec<u8>> {
    let rest = line.strip_prefix("Subscribed (mid: ")?;
    let (_mid, codes) = rest.split_once("): ")?;
    codes
        .split(", ")
        .map(|c| c.trim().parse::<u8>().ok())
        .collect()
}

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

/// Runs `mosquitto_pub -h 127.0.0.1 -p PORT -V VERSION -t TOPIC -m MESSAGE
/// [extra_args...]` and waits (at most [`STEP_TIMEOUT`]) for it to exit 0.
/// mosquitto_pub returns once the publish is complete for its QoS (after
/// PUBACK / PUBCOMP for QoS 1 / 2), then disconnects.
pub async fn mosquitto_pub(
    port: u16,
    version: MqttVersion,
    topic: &str,
    message: &str,
    extra_args: &[&str],
) -> anyhow::Result<()> {
    let port = port.to_string();
    let mut args = vec![
        "-h",
        "127.0.0.1",
        "-p",
        port.as_str(),
        "-V",
        version.mosquitto_arg(),
        "-t",
        topic,
        "-m",
        message,
    ];
    args.extend_from_slice(extra_args);
    let what = format!("mosquitto_pub {}", args.join(" "));
    let child = Command::new("mosquitto_pub")
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| {
            format!("spawning `{what}` (run scripts/setup.sh to install mosquitto-clients)")
        })?;
    let output = tokio::time::timeout(STEP_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| anyhow!("`{what}` timed out after {STEP_TIMEOUT:?} and was killed"))?
        .with_context(|| format!("waiting for `{what}`"))?;
    if !output.status.success() {
        bail!(
            "`{what}` failed: {}\n{}",
            output.status,
            format_output(&output.stdout, &output.stderr)
        );
    }
    Ok(())
}

/// Copies a child's pipe into `sink` until it closes, in a task.
fn drain_into<R>(pipe: Option<R>, sink: Arc<Mutex<Vec<u8>>>)
where
    R: AsyncRead + Unpin + Send + 'static,
{
    if let Some(pipe) = pipe {
        tokio::spawn(async move {
            let mut lines = BufReader::new(pipe).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                let mut buf = sink.lock().expect("output lock");
                buf.extend_from_slice(line.as_bytes());
                buf.push(b'\n');
            }
        });
    }
}

/// Debian's `mosquitto` broker on a free loopback port (plain MQTT/TCP on
/// 127.0.0.1 only, anonymous access, no persistence), killed when dropped.
///
/// A reference broker: this crate's own tests check the client drivers
/// against it, and comparisons or benchmarks can run the same clients
/// against it and against Tern.
pub struct MosquittoBroker {
    child: Child,
    port: u16,
    conf: PathBuf,
    log: Arc<Mutex<Vec<u8>>>,
}

impl MosquittoBroker {
    /// Starts mosquitto and returns once it is accepting connections.
    /// `extra_conf` is appended to the generated configuration (e.g.
    /// `"max_packet_size 2000000\n"`).
    pub async fn start(extra_conf: &str) -> anyhow::Result<Self> {
        let binary = mosquitto_binary()?;
        let mut last_error = None;
        // The port is found by binding :0 and releasing it; another process
        // may take it in between, so a bind failure is retried.
        for _attempt in 0..5 {
            match Self::try_start(&binary, extra_conf).await {
                Ok(broker) => return Ok(broker),
                Err(e) => {
                    let retry = format!("{e:#}").contains("Address already in use");
                    last_error = Some(e);
                    if !retry {
                        break;
                    }
                }
            }
        }
        Err(last_error.unwrap_or_else(|| anyhow!("mosquitto did not start")))
    }

    /// The MQTT/TCP port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The broker's log so far.
    pub fn log(&self) -> String {
        String::from_utf8_lossy(&self.log.lock().expect("log lock")).into_owned()
    }

    async fn try_start(binary: &PathBuf, extra_conf: &str) -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .context("finding a free port")?
            .port();
        let conf = std::env::temp_dir().join(format!(
            "tern-tests-mosquitto-{}-{port}.conf",
            std::process::id()
        ));
        let text = format!(
            "# Written by tern-tests for one test run.\n\
             per_listener_settings false\n\
             allow_anonymous true\n\
             persistence false\n\
             log_dest stderr\n\
             log_type error\nlog_type warning\nlog_type notice\nlog_type information\n\
             listener {port} 127.0.0.1\n\
             {extra_conf}\n"
        );
        std::fs::write(&conf, text).with_context(|| format!("writing {}", conf.display()))?;

        let mut child = Command::new(binary)
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("spawning {}", binary.display()))?;
        // It logs to stderr, which (unlike a piped stdout) is unbuffered.
        let stderr = child.stderr.take().context("mosquitto stderr")?;
        let log = Arc::new(Mutex::new(Vec::new()));
        drain_into(child.stdout.take(), Arc::clone(&log));

        // Ready once it logs "mosquitto version X running".
        let mut lines = BufReader::new(stderr).lines();
        let deadline = Instant::now() + STEP_TIMEOUT;
        let ready = loop {
            match timeout_at(deadline, lines.next_line()).await {
                Ok(Ok(Some(line))) => {
                    let running = line.contains(" running");
                    {
                        let mut buf = log.lock().expect("log lock");
                        buf.extend_from_slice(line.as_bytes());
                        buf.push(b'\n');
                    }
                    if running {
                        break Ok(());
                    }
                }
                Ok(Ok(None)) => break Err(anyhow!("mosquitto exited during start-up")),
                Ok(Err(e)) => break Err(anyhow!(e).context("reading mosquitto's log")),
                Err(_) => break Err(anyhow!("mosquitto not ready after {STEP_TIMEOUT:?}")),
            }
        };
        if let Err(e) = ready {
            let _ = std::fs::remove_file(&conf);
            let log = String::from_utf8_lossy(&log.lock().expect("log lock")).into_owned();
            return Err(e.context(format!("starting mosquitto on port {port}; log:\n{log}")));
        }
        // Keep draining its log so the pipe never fills.
        let sink = Arc::clone(&log);
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                let mut buf = sink.lock().expect("log lock");
                buf.extend_from_slice(line.as_bytes());
                buf.push(b'\n');
            }
        });
        Ok(Self {
            child,
            port,
            conf,
            log,
        })
    }
}

impl Drop for MosquittoBroker {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
        let _ = std::fs::remove_file(&self.conf);
    }
}

/// `mosquitto` is in /usr/sbin on Debian, which is not on every PATH.
fn mosquitto_binary() -> anyhow::Result<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/local/sbin")])
        .map(|dir| dir.join("mosquitto"))
        .find(|p| p.is_file())
        .context("no `mosquitto` binary: run scripts/setup.sh (installs Debian's mosquitto)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_lines_are_told_from_messages() {
        for line in [
            "Client (null) sending CONNECT",
            "Client (null) received CONNACK (0)",
            "Client auto-DF6631D2-F92C-0D03-CE6A-9516CBCC5771 received SUBACK",
            "Client mosq-bKRtf3W63PkDI8fiAG sending SUBSCRIBE (Mid: 1, Topic: a/#, QoS: 1, Options: 0x00)",
            "Client (null) received PUBLISH (d0, q1, r0, m1, 'a/b', ... (11 bytes))",
            "Client (null) sending PUBACK (m1, rc0)",
            "Client (null) received PUBCOMP (Mid: 2, RC:0)",
            "Subscribed (mid: 1): 1",
            "Warning: Received PUBREC from x for an unknown packet identifier 3.",
        ] {
            assert!(is_mosquitto_debug_line(line), "{line}");
        }
        for line in [
            "a/b hello world",
            "hello world",
            "",
            "Client",
            "Client says hello",
            "{\"Client (null) sending\": 1}",
        ] {
            assert!(!is_mosquitto_debug_line(line), "{line}");
        }
    }

    #[test]
    fn subscribed_lines_are_parsed() {
        assert_eq!(
            parse_subscribed_line("Subscribed (mid: 1): 1"),
            Some(vec![1])
        );
        assert_eq!(
            parse_subscribed_line("Subscribed (mid: 12): 0, 2, 128"),
            Some(vec![0, 2, 128])
        );
        assert_eq!(parse_subscribed_line("Subscribed (mid: 1): x"), None);
        assert_eq!(parse_subscribed_line("Client (null) received SUBACK"), None);
    }

    const T: Duration = STEP_TIMEOUT;

    /// Both protocol versions against the reference broker: SUBACK detection,
    /// message lines with and without -v, QoS 0/1/2, -C and exit.
    #[tokio::test]
    async fn sub_and_pub_against_mosquitto() {
        let broker = MosquittoBroker::start("").await.unwrap();
        let port = broker.port();
        for version in [MqttVersion::V311, MqttVersion::V5] {
            let topic = format!("selftest/{}", version.mosquitto_arg());
            let mut verbose = MosquittoSub::spawn(
                port,
                version,
                &format!("{topic}/#"),
                SubOptions::default().qos(2).verbose(),
            )
            .unwrap();
            assert_eq!(verbose.wait_subscribed(T).await.unwrap(), vec![2]);
            let mut counted = MosquittoSub::subscribe(
                port,
                version,
                &format!("{topic}/#"),
                SubOptions::default().qos(1).count(3),
            )
            .await
            .unwrap();

            for qos in ["0", "1", "2"] {
                mosquitto_pub(
                    port,
                    version,
                    &format!("{topic}/q{qos}"),
                    &format!("m{qos}"),
                    &["-q", qos],
                )
                .await
                .unwrap();
            }
            assert_eq!(
                verbose.collect(3, T).await.unwrap(),
                vec![
                    format!("{topic}/q0 m0"),
                    format!("{topic}/q1 m1"),
                    format!("{topic}/q2 m2")
                ]
            );
            assert!(
                verbose
                    .transcript()
                    .iter()
                    .any(|l| l.ends_with("received SUBACK")),
                "{:?}",
                verbose.transcript()
            );
            let status = counted.wait_exit(T).await.unwrap();
            assert!(status.success(), "{status}");
            assert_eq!(counted.collect(3, T).await.unwrap(), vec!["m0", "m1", "m2"]);
        }
    }

    #[tokio::test]
    async fn retained_message_and_multiple_filters() {
        let broker = MosquittoBroker::start("").await.unwrap();
        let port = broker.port();
        mosquitto_pub(
            port,
            MqttVersion::V5,
            "selftest/retained",
            "kept",
            &["-r", "-q", "1"],
        )
        .await
        .unwrap();
        let mut sub = MosquittoSub::spawn(
            port,
            MqttVersion::V311,
            "selftest/retained",
            SubOptions::default()
                .qos(1)
                .verbose()
                .args(["-t", "selftest/other"]),
        )
        .unwrap();
        assert_eq!(sub.wait_subscribed(T).await.unwrap(), vec![1, 1]);
        assert_eq!(
            sub.collect(1, T).await.unwrap(),
            vec!["selftest/retained kept"]
        );
    }

    #[tokio::test]
    async fn failures_are_reported_not_hung() {
        let broker = MosquittoBroker::start("").await.unwrap();
        let port = broker.port();
        // Nothing published: collect gives up at its deadline.
        let mut sub = MosquittoSub::subscribe(
            port,
            MqttVersion::V5,
            "selftest/quiet",
            SubOptions::default(),
        )
        .await
        .unwrap();
        let err = sub
            .collect(1, Duration::from_millis(200))
            .await
            .unwrap_err();
        assert!(format!("{err:#}").contains("timed out"), "{err:#}");

        // No broker on the port: mosquitto_sub exits and that is an error.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let mut sub =
            MosquittoSub::spawn(port, MqttVersion::V311, "x", SubOptions::default()).unwrap();
        let err = sub.wait_subscribed(T).await.unwrap_err();
        assert!(
            format!("{err:#}").contains("mosquitto_sub exited"),
            "{err:#}"
        );
        let err = mosquitto_pub(port, MqttVersion::V5, "x", "y", &[])
            .await
            .unwrap_err();
        assert!(format!("{err:#}").contains("failed"), "{err:#}");
    }
}
