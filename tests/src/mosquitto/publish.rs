//! [`mosquitto_pub`]: one `mosquitto_pub` run, bounded by [`STEP_TIMEOUT`].

use super::MqttVersion;
use crate::{format_output, STEP_TIMEOUT};
use anyhow::{anyhow, bail, Context};
use std::process::Stdio;
use tokio::process::Command;

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
