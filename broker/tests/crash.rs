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
    collect_mosquitto, collect_v5, publish_v3, publish_v5, spawn_collect, Collected, Tern, STEP,
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
        println!("round {round}: SIGKILL after {kill_after} acknowledgements");
        crash_round(kill_after).await;
    }
}

async fn crash_round(kill_after: usize) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("tern.toml");
    // TERN_CRASH_DURABILITY=os (or snapshot, to see the test fail) overrides the default.
    let durability = std::env::var("TERN_CRASH_DURABILITY")
        .map(|d| format!("[storage]\ndurability = \"{d}\"\n"))
        .unwrap_or_default();
    std::fs::write(&config, format!("{CONFIG}{durability}")).unwrap();
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
