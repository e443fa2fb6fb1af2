//! Crash tests: `tern run` as a child process, killed with SIGKILL while
//! QoS 1 and QoS 2 publishers (MQTT 3.1.1 and 5, rumqttc) drive messages into
//! persistent sessions, some online and some offline; restarted on the same
//! data folder, every message whose PUBACK/PUBREC a publisher received must
//! arrive (duplicates only at QoS 1, or at QoS 2 as the resend of an
//! exchange cut by the kill), in order per publisher, and the retained message must be the last acknowledged one or
//! newer.
//!
//! The moment of the kill is seeded (`TERN_CRASH_SEED`, printed) and the
//! number of rounds is `TERN_CRASH_ROUNDS` (5 by default;
//! `scripts/crash-loop.sh` runs more). Every wait is bounded.

mod crash_support;

use crash_support::{
    admin_cli, collect_mosquitto, collect_v5, publish_v3, publish_v5, spawn_collect, Collected,
    Tern, ADMIN_TOKEN, STEP,
};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The broker's configuration in these tests: the default durability
/// (`fsync`), with offline queues long enough for what the publishers send
/// before the kill (the default, 100, would end the sessions by overflow).
const CONFIG: &str = r#"
[sessions]
max_offline_messages = 100000
max_offline_bytes = 104857600
max_online_messages = 100000
max_online_bytes = 104857600
"#;

/// One persistent subscriber: its id, protocol, filter, QoS, and whether it
/// stays connected while the publishers run.
struct Subscriber {
    id: &'static str,
    v5: bool,
    filter: &'static str,
    qos: u8,
    online: bool,
}

const SUBSCRIBERS: [Subscriber; 4] = [
    Subscriber {
        id: "s1-v5-offline-q1",
        v5: true,
        filter: "crash/a",
        qos: 1,
        online: false,
    },
    Subscriber {
        id: "s2-v3-offline-q2",
        v5: false,
        filter: "crash/b",
        qos: 2,
        online: false,
    },
    Subscriber {
        id: "s3-v3-online-q1",
        v5: false,
        filter: "crash/a",
        qos: 1,
        online: true,
    },
    Subscriber {
        id: "s4-v5-online-q2",
        v5: true,
        filter: "crash/b",
        qos: 2,
        online: true,
    },
];

fn seed() -> u64 {
    std::env::var("TERN_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        })
}

fn rounds() -> usize {
    std::env::var("TERN_CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5)
        .clamp(1, 1000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn nothing_acknowledged_is_lost_when_the_broker_is_killed() {
    let seed = seed();
    let rounds = rounds();
    println!("crash test: TERN_CRASH_SEED={seed} TERN_CRASH_ROUNDS={rounds}");
    for round in 0..rounds {
        let mut rng = fastrand::Rng::with_seed(seed.wrapping_add(round as u64));
        // Kill once the first publisher has this many acknowledgements.
        let kill_after = rng.usize(20..400);
        // Every other round compacts the journal while it runs.
        let compact = round % 2 == 1;
        println!(
            "round {round}: SIGKILL after {kill_after} acknowledgements, compacting: {compact}"
        );
        crash_round(kill_after, compact).await;
    }
}

async fn crash_round(kill_after: usize, compact: bool) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("tern.toml");
    // TERN_CRASH_DURABILITY=os (or snapshot, to see the test fail) overrides the default.
    let mut storage = String::from("[storage]\n");
    if let Ok(durability) = std::env::var("TERN_CRASH_DURABILITY") {
        storage.push_str(&format!("durability = \"{durability}\"\n"));
    }
    if compact {
        // Compaction all the time: snapshots taken while the journal is written.
        storage.push_str("compact_after_bytes = 16384\ncompact_min_garbage_percent = 0\n");
    }
    std::fs::write(&config, format!("{CONFIG}{storage}")).unwrap();
    let data = dir.path().join("data");
    let tern = Tern::start(&config, &data, None).await;

    // The sessions: each subscribes (SUBACK promises the subscription), the
    // offline ones go away.
    let mut online = Vec::new();
    for s in &SUBSCRIBERS {
        let received = Arc::new(Collected::default());
        let handle = spawn_collect(
            s.v5,
            tern.port,
            s.id,
            Some((s.filter, s.qos)),
            received.clone(),
            !s.online,
        );
        received.wait_subscribed().await;
        if s.online {
            online.push((s.id, received, handle));
        } else {
            tokio::time::timeout(STEP, handle)
                .await
                .expect("offline subscriber left")
                .unwrap();
        }
    }

    // The publishers, until the broker dies.
    let pa = Arc::new(Collected::default());
    let pb = Arc::new(Collected::default());
    let pr = Arc::new(Collected::default());
    let publishers = [
        tokio::spawn(publish_v5(tern.port, "pa", "crash/a", 1, false, pa.clone())),
        tokio::spawn(publish_v3(tern.port, "pb", "crash/b", 2, false, pb.clone())),
        tokio::spawn(publish_v3(
            tern.port,
            "pr",
            "crash/retained",
            1,
            true,
            pr.clone(),
        )),
    ];
    pa.wait_acks(kill_after).await;
    tern.kill().await;
    for p in publishers {
        tokio::time::timeout(STEP, p)
            .await
            .expect("publisher ended")
            .unwrap();
    }
    let mut before: BTreeMap<&str, Arc<Collected>> = BTreeMap::new();
    for (id, received, handle) in online {
        tokio::time::timeout(STEP, handle)
            .await
            .expect("online subscriber ended")
            .unwrap();
        before.insert(id, received);
    }
    let acked: BTreeMap<&str, BTreeSet<u32>> = [
        ("crash/a", pa.acks()),
        ("crash/b", pb.acks()),
        ("crash/retained", pr.acks()),
    ]
    .into_iter()
    .collect();
    println!(
        "acknowledged before the kill: crash/a {}, crash/b {}, crash/retained {}",
        acked["crash/a"].len(),
        acked["crash/b"].len(),
        acked["crash/retained"].len()
    );

    // Restarted on the same data folder, every session gets what was promised.
    let tern = Tern::start(&config, &data, None).await;
    for s in &SUBSCRIBERS {
        let expected = &acked[s.filter];
        let (pre, settled) = match before.get(s.id) {
            Some(c) => (c.messages(), c.settled()),
            None => Default::default(),
        };
        let received = Arc::new(Collected::default());
        received.extend(pre.iter().cloned());
        received.expect(expected.clone());
        if s.qos == 2 {
            collect_mosquitto(tern.port, s.v5, s.id, s.filter, received.clone()).await;
        } else {
            let handle = spawn_collect(s.v5, tern.port, s.id, None, received.clone(), false);
            let _ = tokio::time::timeout(STEP, received.wait_complete()).await;
            handle.abort();
        }
        let all = received.messages();
        let stamps: BTreeSet<u32> = all.iter().map(|(p, _)| stamp(p)).collect();
        let missing: Vec<u32> = expected.difference(&stamps).copied().collect();
        assert!(
            missing.is_empty(),
            "{}: acknowledged messages lost after the kill: {missing:?} (of {})",
            s.id,
            expected.len()
        );
        check_order(s, &all);
        if s.qos == 2 {
            check_exactly_once(s, &all[..pre.len()], &all[pre.len()..], &settled);
        }
    }

    // The retained message is the last acknowledged one, or a newer one.
    let retained = Arc::new(Collected::default());
    let handle = tokio::spawn(collect_v5(
        tern.port,
        "retained-reader",
        Some(("crash/retained", 1)),
        retained.clone(),
        false,
    ));
    if let Some(last) = acked["crash/retained"].last() {
        retained.expect_any();
        tokio::time::timeout(STEP, retained.wait_complete())
            .await
            .expect("the retained message arrives");
        let got = retained.messages().first().map(|(p, _)| stamp(p)).unwrap();
        assert!(
            got >= *last,
            "retained message {got} is older than the last acknowledged {last}"
        );
    }
    handle.abort();
    tern.kill().await;
}

/// The publisher's counter in a payload `name:n`.
fn stamp(payload: &str) -> u32 {
    payload
        .rsplit(':')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unstamped payload {payload:?}"))
}

/// First deliveries come in publishing order.
fn check_order(s: &Subscriber, messages: &[(String, bool)]) {
    let mut seen = BTreeSet::new();
    let mut last_first = 0;
    for (payload, _) in messages {
        let n = stamp(payload);
        if seen.insert(n) {
            assert!(
                n > last_first,
                "{}: message {n} after {last_first}: reordered",
                s.id
            );
            last_first = n;
        }
    }
}

/// At QoS 2 no client process gets a message twice, and a message whose
/// exchange completed before the kill (PUBCOMP sent) never comes again; one
/// in mid-flow at the kill may reach the new client process once more, as
/// the DUP resend of the same exchange [MQTT-4.3.3] (the old process's
/// state is gone with it).
fn check_exactly_once(
    s: &Subscriber,
    before: &[(String, bool)],
    after: &[(String, bool)],
    settled: &BTreeSet<u32>,
) {
    for (what, part) in [("before the kill", before), ("after the restart", after)] {
        let mut seen = BTreeSet::new();
        for (payload, _) in part {
            let n = stamp(payload);
            assert!(
                seen.insert(n),
                "{}: QoS 2 message {n} delivered twice {what}",
                s.id
            );
        }
    }
    for (payload, _) in after {
        let n = stamp(payload);
        assert!(
            !settled.contains(&n),
            "{}: QoS 2 message {n} delivered again after its exchange completed",
            s.id
        );
    }
}

/// Publishes one QoS 1 message from a fresh MQTT 5 connection; returns the
/// PUBACK's reason.
async fn publish_once(
    port: u16,
    id: &str,
    payload: &str,
) -> rumqttc::v5::mqttbytes::v5::PubAckReason {
    use rumqttc::v5::{AsyncClient, MqttOptions};
    let (client, mut events) = AsyncClient::new(MqttOptions::new(id, "127.0.0.1", port), 10);
    client
        .publish(
            "full/other",
            rumqttc::v5::mqttbytes::QoS::AtLeastOnce,
            false,
            payload.to_string(),
        )
        .await
        .unwrap();
    next_puback(&mut events).await
}

/// The reason code of the next PUBACK (rumqttc reports a refusing one as an
/// error of its event loop).
async fn next_puback(
    events: &mut rumqttc::v5::EventLoop,
) -> rumqttc::v5::mqttbytes::v5::PubAckReason {
    use rumqttc::v5::mqttbytes::v5::Packet;
    use rumqttc::v5::{ConnectionError, Event, StateError};
    tokio::time::timeout(STEP, async {
        loop {
            match events.poll().await {
                Ok(Event::Incoming(Packet::PubAck(ack))) => return ack.reason,
                Ok(_) => continue,
                Err(ConnectionError::MqttState(StateError::PubAckFail { reason })) => {
                    return reason
                }
                Err(e) => panic!("publisher: {e}"),
            }
        }
    })
    .await
    .expect("PUBACK in time")
}

/// The journal's file may grow to 6 MiB (a soft `ulimit -f`, in 512-byte
/// blocks, which `prlimit` can lift later; SIGXFSZ ignored, so a write past
/// it fails with EFBIG instead of killing the process): what a full disk
/// does to the broker.
const FULL_DISK: &str = "trap '' XFSZ; ulimit -S -f 12288";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_disk_refuses_new_messages_and_loses_none_acknowledged() {
    use rumqttc::v5::mqttbytes::v5::{Packet, PubAckReason};
    use rumqttc::v5::mqttbytes::QoS;
    use rumqttc::v5::{AsyncClient, Event, MqttOptions};
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("tern.toml");
    std::fs::write(&config, CONFIG).unwrap();
    let data = dir.path().join("data");
    let tern = Tern::start(&config, &data, Some(FULL_DISK)).await;

    let keeper = Arc::new(Collected::default());
    let handle = spawn_collect(
        true,
        tern.port,
        "full-keeper",
        Some(("full/t", 1)),
        keeper.clone(),
        true,
    );
    keeper.wait_subscribed().await;
    tokio::time::timeout(STEP, handle)
        .await
        .expect("keeper left")
        .unwrap();

    // 8 KiB messages (rumqttc takes packets up to 10 KiB), one at a time,
    // until the broker refuses one.
    let mut options = MqttOptions::new("full-pub", "127.0.0.1", tern.port);
    options.set_keep_alive(std::time::Duration::from_secs(30));
    let (client, mut events) = AsyncClient::new(options, 10);
    let padding = "x".repeat(8 * 1024);
    let mut acked = BTreeSet::new();
    let mut refused = None;
    for n in 1..=2_000u32 {
        client
            .publish("full/t", QoS::AtLeastOnce, false, format!("{padding}:{n}"))
            .await
            .unwrap();
        let reason = next_puback(&mut events).await;
        if reason == PubAckReason::Success {
            acked.insert(n);
        } else {
            refused = Some((n, reason));
            break;
        }
    }
    let (n, reason) = refused.expect("the broker refuses once its journal is full");
    assert_eq!(reason, PubAckReason::QuotaExceeded, "message {n}");
    println!(
        "{} messages acknowledged, message {n} refused with {reason:?}",
        acked.len()
    );
    assert!(
        acked.len() > 10,
        "acknowledged before the disk filled: {}",
        acked.len()
    );

    // The broker keeps serving what needs no disk: QoS 0 between clean sessions.
    let echo = Arc::new(Collected::default());
    let reader = {
        let mut o = MqttOptions::new("full-echo", "127.0.0.1", tern.port);
        o.set_keep_alive(std::time::Duration::from_secs(30));
        let (c, mut ev) = AsyncClient::new(o, 10);
        let echo = echo.clone();
        tokio::spawn(async move {
            loop {
                match ev.poll().await {
                    Ok(Event::Incoming(Packet::ConnAck(_))) => {
                        c.subscribe("full/echo", QoS::AtMostOnce).await.unwrap();
                    }
                    Ok(Event::Incoming(Packet::SubAck(_))) => {
                        c.publish("full/echo", QoS::AtMostOnce, false, "echo:1")
                            .await
                            .unwrap();
                    }
                    Ok(Event::Incoming(Packet::Publish(p))) => {
                        echo.extend([(String::from_utf8_lossy(&p.payload).into_owned(), false)]);
                    }
                    Ok(_) => {}
                    Err(_) => return,
                }
            }
        })
    };
    echo.expect_any();
    tokio::time::timeout(STEP, echo.wait_complete())
        .await
        .expect("QoS 0 still served with the disk full");
    reader.abort();

    // Room again (the file size limit lifted): QoS 1 is accepted again.
    let lifted = tokio::process::Command::new("prlimit")
        .args(["--pid", &tern.pid().to_string(), "--fsize=unlimited"])
        .status()
        .await
        .expect("prlimit runs");
    assert!(lifted.success());
    let mut accepted = false;
    for attempt in 0..100 {
        if publish_once(tern.port, "full-again", &format!("again:{attempt}")).await
            == PubAckReason::Success
        {
            accepted = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(accepted, "QoS 1 still refused with room on the disk");
    tern.kill().await;

    // Every acknowledged message is there after a restart.
    let tern = Tern::start(&config, &data, None).await;
    let received = Arc::new(Collected::default());
    received.expect(acked.clone());
    let handle = spawn_collect(
        true,
        tern.port,
        "full-keeper",
        None,
        received.clone(),
        false,
    );
    let _ = tokio::time::timeout(STEP, received.wait_complete()).await;
    handle.abort();
    let got: BTreeSet<u32> = received.messages().iter().map(|(p, _)| stamp(p)).collect();
    let missing: Vec<u32> = acked.difference(&got).copied().collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the disk filled, lost: {missing:?}"
    );
    tern.kill().await;
}

/// The namespace (clients, groups, topic spaces, bindings) is written before
/// the admin API answers: a client created just before a SIGKILL is there
/// after the restart.
#[tokio::test]
async fn the_namespace_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("tern.toml");
    std::fs::write(&config, CONFIG).unwrap();
    let data = dir.path().join("data");
    let mode = ["--admin-token", ADMIN_TOKEN];
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    let created = [
        "client",
        "create",
        "--name",
        "kept-device",
        "--authentication-name",
        "kept-device",
    ];
    admin_cli(&tern, &created).await;
    let grouped = [
        "client-group",
        "create",
        "--name",
        "kept-group",
        "--query",
        "attributes.type = 'x'",
    ];
    admin_cli(&tern, &grouped).await;
    tern.kill().await;
    let tern = Tern::start_with(&config, &data, None, &mode).await;
    let clients = admin_cli(&tern, &["client", "list"]).await;
    assert!(
        clients.contains("kept-device"),
        "clients after the kill: {clients}"
    );
    let groups = admin_cli(&tern, &["client-group", "list"]).await;
    assert!(
        groups.contains("kept-group"),
        "client groups after the kill: {groups}"
    );
    tern.kill().await;
}
