//! A short smoke run of the load generator against an in-process Tern: fan-in at
//! QoS 1 (TCP, MQTT 5), fan-in at QoS 2 (WebSocket, MQTT 3.1.1), fan-out, and
//! request-response, each for about a second with small numbers, and fan-in and
//! fan-out to persistent and offline subscriber sessions; every run must
//! deliver everything exactly once and in order. No timing is asserted: speed
//! figures belong to `tern-bench` runs, not to tests.

use std::time::Duration;
use tern_bench::scenario::{fan, reqresp, storm, Env, SubscriberSession};
use tern_bench::{Report, Target, Version};

async fn broker() -> tern::Broker {
    tern::Broker::start(tern::Config::for_tests())
        .await
        .expect("broker starts")
}

fn env(target: Target, version: Version) -> Env {
    Env {
        target,
        version,
        broker_pid: Some(std::process::id()),
        label: "tern".into(),
        drain_timeout: Duration::from_secs(10),
    }
}

fn fan(clients: usize, qos: u8, messages: u64) -> fan::FanOptions {
    fan::FanOptions {
        clients,
        qos,
        payload: 64,
        duration: Duration::from_secs(1),
        messages,
        inflight: 16,
        rate: 0.0,
        session: SubscriberSession::Clean,
        churn: 0,
    }
}

fn assert_exact(report: &Report) {
    assert!(report.sent > 0, "{}", report.table());
    assert_eq!(report.expected, report.delivered, "{}", report.table());
    assert_eq!(report.loss, 0, "{}", report.table());
    assert_eq!(report.duplicates, 0, "{}", report.table());
    assert_eq!(report.reordered, 0, "{}", report.table());
    assert!(
        report.notes.iter().all(|n| !n.contains(':')),
        "{}",
        report.table()
    );
}

/// Clients subscribing and unsubscribing beside the publishers change
/// nothing the subscriber gets, and their rate is reported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fan_in_with_subscription_churn_loses_nothing() {
    let broker = broker().await;
    let tcp = env(Target::Tcp(broker.mqtt_addr()), Version::V5);
    let options = fan::FanOptions {
        churn: 2,
        ..fan(2, 1, 1_000)
    };
    let report = fan::fan_in(&tcp, &options).await.expect("fan-in runs");
    assert_exact(&report);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("pairs/s by the churn clients")),
        "{}",
        report.table()
    );
    broker.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fan_in_qos1_and_qos2_over_ws_lose_nothing() {
    let broker = broker().await;
    let tcp = env(Target::Tcp(broker.mqtt_addr()), Version::V5);
    let report = fan::fan_in(&tcp, &fan(4, 1, 2_000))
        .await
        .expect("fan-in runs");
    assert_exact(&report);
    assert!(report.broker.is_some(), "own pid is readable");

    let ws = Target::parse(&broker.ws_url())
        .await
        .expect("loopback ws URL");
    let report = fan::fan_in(&env(ws, Version::V311), &fan(3, 2, 500))
        .await
        .expect("fan-in over WebSocket runs");
    assert_exact(&report);
    broker.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fan_out_and_request_response_lose_nothing() {
    let broker = broker().await;
    let tcp = env(Target::Tcp(broker.mqtt_addr()), Version::V5);
    let report = fan::fan_out(&tcp, &fan(8, 1, 300))
        .await
        .expect("fan-out runs");
    assert_exact(&report);
    assert_eq!(report.expected, report.sent * 8);

    let o = reqresp::ReqRespOptions {
        rate: 200.0,
        duration: Duration::from_secs(1),
        qos: 1,
        payload: 64,
    };
    let report = reqresp::req_resp(&tcp, &o).await.expect("req-resp runs");
    assert_exact(&report);
    assert!(report.latency_us.is_some());

    let o = storm::StormOptions {
        connections: 50,
        rate: 0.0,
        hold: Duration::from_millis(10),
        concurrency: 16,
    };
    let report = storm::storm(&tcp, &o).await.expect("storm runs");
    assert_eq!(report.connections, Some(50), "{}", report.table());
    broker.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn persistent_and_offline_subscribers_lose_nothing() {
    let mut config = tern::Config::for_tests();
    config.sessions.max_offline_messages = 10_000;
    config.sessions.max_offline_bytes = 10_000 * 64;
    let broker = tern::Broker::start(config).await.expect("broker starts");
    for version in [Version::V5, Version::V311] {
        let tcp = env(Target::Tcp(broker.mqtt_addr()), version);
        for session in [SubscriberSession::Persistent, SubscriberSession::Offline] {
            let o = fan::FanOptions {
                session,
                ..fan(4, 1, 500)
            };
            let report = fan::fan_in(&tcp, &o).await.expect("fan-in runs");
            assert_exact(&report);
            assert_eq!(report.acked, Some(2_000), "{}", report.table());
            assert_eq!(
                report.resume_s.is_some(),
                session == SubscriberSession::Offline,
                "{}",
                report.table()
            );
        }
        let o = fan::FanOptions {
            session: SubscriberSession::Offline,
            ..fan(3, 1, 200)
        };
        let report = fan::fan_out(&tcp, &o).await.expect("fan-out runs");
        assert_exact(&report);
        assert_eq!(report.expected, 600, "{}", report.table());
    }
    broker.shutdown().await;
}
