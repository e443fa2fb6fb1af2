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

mod broker;
mod publish;
mod sub;
#[cfg(test)]
mod tests;

pub use broker::MosquittoBroker;
pub use publish::mosquitto_pub;
pub use sub::MosquittoSub;

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};

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
