//! `tern demo` as a person runs it: the real binary on loopback port 0, its
//! printed dashboard URL carries a token that logs the cloud application in
//! (MQTT 5 enhanced authentication, `CUSTOM-JWT`), the simulated devices are
//! online, a desired-property request comes back with its correlation data,
//! and SIGTERM stops everything cleanly.

use rumqttc::v5::mqttbytes::v5::{ConnectProperties, Packet, PublishProperties};
use rumqttc::v5::mqttbytes::QoS;
use rumqttc::v5::{AsyncClient, Event, EventLoop, MqttOptions};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};

const STEP: Duration = Duration::from_secs(15);

async fn next_publish(events: &mut EventLoop) -> rumqttc::v5::mqttbytes::v5::Publish {
    tokio::time::timeout(STEP, async {
        loop {
            match events.poll().await.expect("cloud app event loop") {
                Event::Incoming(Packet::Publish(p)) => return p,
                _ => continue,
            }
        }
    })
    .await
    .expect("a message in time")
}

#[tokio::test]
async fn the_demo_serves_devices_a_logged_in_dashboard_link_and_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_tern"))
        .args([
            "demo",
            "--devices",
            "2",
            "--http",
            "127.0.0.1:0",
            "--mqtt",
            "127.0.0.1:0",
        ])
        .args([
            "--mqtts",
            "127.0.0.1:0",
            "--web-dir",
            "no-dashboard-here",
            "--data-dir",
        ])
        .arg(dir.path())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("tern demo starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let (mut mqtt, mut url) = (None, None);
    tokio::time::timeout(STEP, async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(rest) = line.strip_prefix("MQTT: mqtt://") {
                mqtt = rest.split_whitespace().next().map(str::to_owned);
            }
            if line.starts_with("http://") && line.contains("/#token=") {
                url = Some(line);
                break;
            }
        }
    })
    .await
    .expect("the dashboard URL is printed");
    let url = url.expect("a dashboard URL line");
    let token = url.split("#token=").nth(1).unwrap().to_owned();
    let mqtt: std::net::SocketAddr = mqtt.expect("the MQTT address line").parse().unwrap();

    // The dashboard's login: MQTT 5 with Authentication Method CUSTOM-JWT.
    let mut options = MqttOptions::new("dashboard", "127.0.0.1", mqtt.port());
    options.set_connect_properties(ConnectProperties {
        authentication_method: Some("CUSTOM-JWT".into()),
        authentication_data: Some(token.into_bytes().into()),
        ..Default::default()
    });
    let (cloud, mut events) = AsyncClient::new(options, 10);
    cloud
        .subscribe("clients/+/status", QoS::AtLeastOnce)
        .await
        .unwrap();
    cloud
        .subscribe("devices/+/reported", QoS::AtLeastOnce)
        .await
        .unwrap();
    let mut online = Vec::new();
    while online.len() < 2 {
        let p = next_publish(&mut events).await;
        if &p.payload[..] == b"online" {
            online.push(String::from_utf8_lossy(&p.topic).into_owned());
        }
    }
    online.sort();
    assert_eq!(online, ["clients/device1/status", "clients/device2/status"]);

    cloud
        .publish_with_properties(
            "devices/device2/desired",
            QoS::AtLeastOnce,
            false,
            r#"{"led":"blue"}"#,
            PublishProperties {
                response_topic: Some("devices/device2/reported".into()),
                correlation_data: Some("demo-1".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let answer = loop {
        let p = next_publish(&mut events).await;
        if &p.topic[..] == b"devices/device2/reported" {
            break p;
        }
    };
    let props = answer.properties.unwrap_or_default();
    assert_eq!(props.correlation_data.as_deref(), Some(&b"demo-1"[..]));
    let state: serde_json::Value = serde_json::from_slice(&answer.payload).unwrap();
    assert_eq!(state["led"], "blue");

    let pid = child.id().expect("running") as i32;
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = tokio::time::timeout(STEP, child.wait())
        .await
        .expect("tern demo stops after SIGTERM")
        .unwrap();
    assert!(exit.success(), "{exit}");
}
