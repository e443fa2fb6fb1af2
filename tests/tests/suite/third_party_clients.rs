//! Third-party clients against a real Tern: `mosquitto_pub`/`mosquitto_sub`
//! (`-V mqttv311` and `-V mqttv5`) over TCP, and MQTT.js from Node over WebSocket.

use std::time::Duration;
use tern::{Broker, Config};
use tern_tests::{mosquitto_pub, run_node_script, MosquittoSub, MqttVersion, SubOptions};

const VERSIONS: [MqttVersion; 2] = [MqttVersion::V311, MqttVersion::V5];
const STEP: Duration = Duration::from_secs(10);

#[tokio::test]
async fn mosquitto_clients_publish_and_subscribe_at_every_qos() {
    let broker = Broker::start(Config::for_tests()).await.unwrap();
    let port = broker.mqtt_addr().port();
    for version in VERSIONS {
        let options = SubOptions::default().qos(2).count(3).verbose();
        let mut sub = MosquittoSub::subscribe(port, version, "m/#", options)
            .await
            .unwrap();
        for qos in ["0", "1", "2"] {
            let topic = format!("m/q{qos}");
            mosquitto_pub(
                port,
                version,
                &topic,
                &format!("payload-{qos}"),
                &["-q", qos],
            )
            .await
            .unwrap();
        }
        let lines = sub.collect(3, STEP).await.unwrap();
        assert_eq!(
            lines,
            vec!["m/q0 payload-0", "m/q1 payload-1", "m/q2 payload-2"],
            "{version:?}"
        );
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn mosquitto_clients_see_retained_messages_across_versions() {
    let broker = Broker::start(Config::for_tests()).await.unwrap();
    let port = broker.mqtt_addr().port();
    mosquitto_pub(
        port,
        MqttVersion::V5,
        "state/lamp",
        "on",
        &["-r", "-q", "1"],
    )
    .await
    .unwrap();
    for version in VERSIONS {
        let options = SubOptions::default().count(1).verbose();
        let mut sub = MosquittoSub::subscribe(port, version, "state/+", options)
            .await
            .unwrap();
        assert_eq!(sub.collect(1, STEP).await.unwrap(), vec!["state/lamp on"]);
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn mosquitto_v5_request_response_properties_are_forwarded() {
    let broker = Broker::start(Config::for_tests()).await.unwrap();
    let port = broker.mqtt_addr().port();
    // `-F` prints the response topic (%R), correlation data (%D), content type (%C) and user properties (%P).
    let options = SubOptions::default()
        .qos(1)
        .count(1)
        .args(["-F", "%t|%R|%D|%C|%P|%p"]);
    let mut sub = MosquittoSub::subscribe(port, MqttVersion::V5, "devices/+/desired", options)
        .await
        .unwrap();
    mosquitto_pub(
        port,
        MqttVersion::V5,
        "devices/dev1/desired",
        "{\"fan\":3}",
        &[
            "-q",
            "1",
            "-D",
            "publish",
            "response-topic",
            "devices/dev1/reported",
            "-D",
            "publish",
            "correlation-data",
            "req-42",
            "-D",
            "publish",
            "content-type",
            "application/json",
            "-D",
            "publish",
            "user-property",
            "fw",
            "1.2",
        ],
    )
    .await
    .unwrap();
    let lines = sub.collect(1, STEP).await.unwrap();
    assert_eq!(
        lines,
        vec![
            "devices/dev1/desired|devices/dev1/reported|req-42|application/json|fw:1.2|{\"fan\":3}"
        ]
    );
    broker.shutdown().await;
}

/// Starts Tern with `config` and runs one MQTT.js script against its WebSocket URL.
async fn mqtt_js(script: &str, config: Config, timeout: Duration) {
    let broker = Broker::start(config).await.unwrap();
    run_node_script(script, &[&broker.ws_url()], timeout)
        .await
        .unwrap();
    broker.shutdown().await;
}

#[tokio::test]
async fn mqtt_js_request_response_over_websocket() {
    mqtt_js("ws_request_response.mjs", Config::for_tests(), STEP * 2).await;
}

#[tokio::test]
async fn mqtt_js_v311_over_websocket() {
    mqtt_js("ws_v311_basic.mjs", Config::for_tests(), STEP * 2).await;
}

#[tokio::test]
async fn mqtt_js_one_megabyte_payload_over_websocket() {
    let mut config = Config::for_tests();
    config.mqtt.max_packet_size = 2_000_000;
    mqtt_js("ws_large_payload.mjs", config, STEP * 3).await;
}
