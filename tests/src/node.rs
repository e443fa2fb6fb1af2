//! Running the MQTT.js scripts of `tests/js/` with node.

use crate::format_output;
use anyhow::{bail, Context};
use std::path::PathBuf;
use std::process::{Output, Stdio};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;
use tokio::task::JoinHandle;

/// The folder of the MQTT.js scripts: `<workspace>/tests/js`.
pub fn js_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("js")
}

/// Runs `node tests/js/<script> <args...>` and returns its output.
///
/// Fails, with the script's stdout and stderr in the error, when the script
/// exits non-zero or does not finish within `timeout` (the child is then
/// killed). The scripts take the broker URL as their first argument, e.g.
/// `ws://127.0.0.1:PORT/mqtt`.
///
/// Unless `TERN_JS_TIMEOUT_MS` is already set, the script is given
/// `TERN_JS_TIMEOUT_MS` = `timeout` less one second, so its own watchdog
/// fires first and says what it was waiting for.
pub async fn run_node_script(
    script: &str,
    args: &[&str],
    timeout: Duration,
) -> anyhow::Result<Output> {
    let dir = js_dir();
    let path = dir.join(script);
    if !path.is_file() {
        bail!("no such node script: {}", path.display());
    }
    if !dir.join("node_modules").join("mqtt").is_dir() {
        bail!(
            "{} has no node_modules/mqtt: run scripts/setup.sh (it runs `npm ci` there)",
            dir.display()
        );
    }
    let what = format!("node {} {}", path.display(), args.join(" "));

    let mut cmd = Command::new("node");
    cmd.arg(&path)
        .args(args)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    if std::env::var_os("TERN_JS_TIMEOUT_MS").is_none() {
        let inner = timeout
            .saturating_sub(Duration::from_secs(1))
            .max(Duration::from_secs(1));
        cmd.env("TERN_JS_TIMEOUT_MS", inner.as_millis().to_string());
    }
    let mut child = cmd
        .spawn()
        .with_context(|| format!("spawning `{what}` (is node installed?)"))?;

    let stdout = read_to_end(child.stdout.take());
    let stderr = read_to_end(child.stderr.take());
    let waited = tokio::time::timeout(timeout, child.wait()).await;
    let status = match waited {
        Ok(status) => Some(status.with_context(|| format!("waiting for `{what}`"))?),
        Err(_elapsed) => {
            // Kill it; its pipes then close and the readers finish.
            let _ = child.kill().await;
            None
        }
    };
    let stdout = join_reader(stdout).await;
    let stderr = join_reader(stderr).await;

    match status {
        None => bail!(
            "`{what}` timed out after {timeout:?} and was killed\n{}",
            format_output(&stdout, &stderr)
        ),
        Some(status) if !status.success() => bail!(
            "`{what}` failed: {status}\n{}",
            format_output(&stdout, &stderr)
        ),
        Some(status) => Ok(Output {
            status,
            stdout,
            stderr,
        }),
    }
}

/// Reads a child's pipe to its end in a task.
fn read_to_end<R>(pipe: Option<R>) -> JoinHandle<Vec<u8>>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    tokio::spawn(async move {
        let mut buf = Vec::new();
        if let Some(mut pipe) = pipe {
            // A read error just ends the capture; the exit status tells the rest.
            let _ = pipe.read_to_end(&mut buf).await;
        }
        buf
    })
}

/// Waits (boundedly) for a reader task; a grandchild that kept the pipe open
/// must not hang the test.
async fn join_reader(task: JoinHandle<Vec<u8>>) -> Vec<u8> {
    let abort = task.abort_handle();
    match tokio::time::timeout(Duration::from_secs(5), task).await {
        Ok(Ok(buf)) => buf,
        Ok(Err(_join_error)) => b"<output reader failed>".to_vec(),
        Err(_elapsed) => {
            abort.abort();
            b"<output not closed 5 s after exit>".to_vec()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::TcpListener;

    #[tokio::test]
    async fn missing_script_is_an_error() {
        let err = run_node_script("no_such_script.mjs", &[], Duration::from_secs(5))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("no such node script"), "{err:#}");
    }

    #[tokio::test]
    async fn non_zero_exit_reports_the_script_output() {
        // Without a URL every script prints its usage and exits 1.
        let err = run_node_script("ws_v311_basic.mjs", &[], Duration::from_secs(10))
            .await
            .unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("failed: exit status: 1"), "{msg}");
        assert!(msg.contains("FAIL: usage: node ws_v311_basic.mjs"), "{msg}");
    }

    #[tokio::test]
    async fn connection_refused_fails_fast() {
        // Bind then drop a listener: nothing listens on that port afterwards.
        let port = {
            let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
            l.local_addr().unwrap().port()
        };
        let url = format!("ws://127.0.0.1:{port}/mqtt");
        let err = run_node_script("ws_v311_basic.mjs", &[&url], Duration::from_secs(10))
            .await
            .unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("could not connect"), "{msg}");
    }

    #[tokio::test]
    async fn timeout_kills_the_script() {
        // A server that accepts and then never answers: the WebSocket
        // handshake never completes, so only our timeout can end the run.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let holder = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((sock, _)) = listener.accept().await {
                held.push(sock);
            }
        });
        let url = format!("ws://127.0.0.1:{port}/mqtt");
        let started = std::time::Instant::now();
        let err = run_node_script("ws_v311_basic.mjs", &[&url], Duration::from_millis(700))
            .await
            .unwrap_err();
        holder.abort();
        let msg = format!("{err:#}");
        assert!(msg.contains("timed out after"), "{msg}");
        assert!(started.elapsed() < Duration::from_secs(8), "{msg}");
    }
}
