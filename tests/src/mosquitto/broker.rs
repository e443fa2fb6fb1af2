//! [`MosquittoBroker`]: Debian's `mosquitto` as a reference broker on a
//! free loopback port, started and torn down per test.

use super::drain_into;
use crate::STEP_TIMEOUT;
use anyhow::{anyhow, Context};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::time::{timeout_at, Instant};

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
