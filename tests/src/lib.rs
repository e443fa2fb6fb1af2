//! `tern-tests`: support library for Tern's end-to-end tests.
//!
//! The end-to-end tests themselves live in `tests/tests/suite/` (one test binary, a module per file). This library
//! gives them bounded-time drivers for third-party clients, so that Tern is
//! checked against implementations other than its own:
//!
//! - [`run_node_script`] runs one of the MQTT.js scripts in `tests/js/`
//!   (`node tests/js/<script> <args>`), failing with its output when it exits
//!   non-zero or runs out of time.
//! - [`MosquittoSub`] drives `mosquitto_sub -d`: [`MosquittoSub::wait_subscribed`]
//!   returns once the SUBACK has arrived (no sleeps needed), and
//!   [`MosquittoSub::collect`] returns the next message lines.
//! - [`mosquitto_pub`] runs one `mosquitto_pub`.
//! - [`MosquittoBroker`] starts Debian's `mosquitto` broker on a free loopback
//!   port, as a reference broker (used by this crate's own tests and for
//!   comparisons).
//!
//! Every child process is spawned with `kill_on_drop(true)` and every wait is
//! bounded by a timeout. The tools are installed by `scripts/setup.sh`
//! (`mosquitto-clients`, `mosquitto`, and `npm ci` in `tests/js`).
//!
//! ```no_run
//! use std::time::Duration;
//! use tern_tests::{mosquitto_pub, run_node_script, MosquittoSub, MqttVersion, SubOptions};
//!
//! # async fn example(mqtt_port: u16, ws_port: u16) -> anyhow::Result<()> {
//! // Returns once the SUBACK has arrived: publishing now cannot be missed.
//! let mut sub = MosquittoSub::subscribe(
//!     mqtt_port,
//!     MqttVersion::V5,
//!     "devices/#",
//!     SubOptions::default().qos(1).verbose(),
//! )
//! .await?;
//! mosquitto_pub(mqtt_port, MqttVersion::V311, "devices/dev1", "hello", &["-q", "1"]).await?;
//! assert_eq!(sub.collect(1, Duration::from_secs(5)).await?, ["devices/dev1 hello"]);
//!
//! let url = format!("ws://127.0.0.1:{ws_port}/mqtt");
//! run_node_script("ws_request_response.mjs", &[&url], Duration::from_secs(20)).await?;
//! # Ok(())
//! # }
//! ```

mod mosquitto;
mod node;

pub use mosquitto::{
    is_mosquitto_debug_line, mosquitto_pub, parse_subscribed_line, MosquittoBroker, MosquittoSub,
    MqttVersion, SubOptions,
};
pub use node::{js_dir, run_node_script};

use std::time::Duration;

/// A generous default for one step of a test (a connect, a SUBACK, a message).
pub const STEP_TIMEOUT: Duration = Duration::from_secs(10);

/// Formats captured stdout and stderr for an error message.
pub(crate) fn format_output(stdout: &[u8], stderr: &[u8]) -> String {
    format!(
        "--- stdout ---\n{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(stdout).trim_end(),
        String::from_utf8_lossy(stderr).trim_end()
    )
}
