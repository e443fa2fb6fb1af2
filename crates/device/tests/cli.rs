//! The `tern-device` binary: runs devices against a Tern broker, answers requests, and on
//! SIGTERM leaves them `offline` and exits 0; bad flags are refused with the field named.

mod common;

use common::*;
use serde_json::json;
use std::process::Stdio;
use tokio::process::Command;

fn tern_device() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tern-device"));
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

#[tokio::test]
async fn the_binary_serves_devices_and_leaves_them_offline_on_sigterm() {
    let broker = start_broker().await;
    let mut cloud = Cloud::connect(broker.mqtt_addr(), "cloud-cli").await;
    cloud.subscribe("clients/+/status").await;
    cloud.subscribe("cloud/inbox").await;

    let child = tern_device()
        .args(["--mqtt", &broker.mqtt_addr().to_string()])
        .args(["--ids", "cli-a,cli-b", "--firmware", "9.9.9"])
        .spawn()
        .expect("tern-device starts");
    cloud
        .expect_all(&[
            ("clients/cli-a/status", "online"),
            ("clients/cli-b/status", "online"),
        ])
        .await;

    cloud
        .request("cli-b", r#"{"x":1}"#, Some("cloud/inbox"), "cli-1")
        .await;
    let r = Response::parse(&cloud.expect_topic("cloud/inbox").await);
    assert_eq!(r.correlation, "cli-1");
    assert_eq!(r.state, json!({"x":1,"$version":1}));
    assert_eq!(r.firmware.as_deref(), Some("9.9.9"));

    let pid = child.id().expect("running").to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .expect("kill runs");
    assert!(kill.success());
    let output = tokio::time::timeout(WAIT, child.wait_with_output())
        .await
        .expect("tern-device exits in time after SIGTERM")
        .expect("wait for tern-device");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "exit {:?}\n{stderr}",
        output.status
    );
    cloud
        .expect_all(&[
            ("clients/cli-a/status", "offline"),
            ("clients/cli-b/status", "offline"),
        ])
        .await;
    broker.shutdown().await;
}

#[tokio::test]
async fn bad_flags_are_refused_naming_the_field() {
    for (args, expect) in [
        (&["--chaos", "2"][..], "chaos"),
        (&["--ids", "a/b"][..], "ids"),
        (&["--mqtt", "nowhere"][..], "host:port"),
        (&["--cert-dir", "/tmp"][..], "--cafile"),
    ] {
        let output = tokio::time::timeout(WAIT, tern_device().args(args).output())
            .await
            .expect("tern-device exits in time")
            .expect("tern-device runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?} accepted");
        assert!(stderr.contains(expect), "{args:?}: {stderr}");
    }
}
