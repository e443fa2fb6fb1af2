//! The journal's framing (torn and corrupt tails) and replay over a snapshot
//! taken while the journal was written.

use super::image::{Image, ImageSession};
use super::journal::record::{Record, RoutedChange, SessionChange};
use super::journal::segment::{self, End};
use super::model::{StoredMessage, StoredQueued, StoredRouted};
use std::io::Write;

fn message(topic: &str) -> StoredMessage {
    StoredMessage {
        topic: topic.into(),
        payload: b"x".to_vec(),
        qos: 1,
        retain: false,
        properties: Vec::new(),
        expires_at_ms: None,
        publisher: "p".into(),
    }
}

fn frames(records: &[(u64, Record)]) -> Vec<u8> {
    let mut buf = Vec::new();
    for (lsn, record) in records {
        segment::encode_frame(&mut buf, *lsn, record).unwrap();
    }
    buf
}

fn read_all(bytes: &[u8]) -> (Vec<u64>, End) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("1.log");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    let mut lsns = Vec::new();
    let end = segment::read(&path, |lsn, _| lsns.push(lsn)).unwrap();
    (lsns, end)
}

fn three() -> Vec<(u64, Record)> {
    (1..=3)
        .map(|lsn| (lsn, Record::Retain(message(&format!("t/{lsn}")))))
        .collect()
}

#[test]
fn a_whole_segment_and_its_reserved_zero_tail_read_clean() {
    let mut bytes = frames(&three());
    bytes.extend_from_slice(&[0; 4096]);
    assert_eq!(read_all(&bytes), (vec![1, 2, 3], End::Clean));
}

#[test]
fn a_torn_last_write_is_dropped_and_what_came_before_kept() {
    let bytes = frames(&three());
    let whole_two = frames(&three()[..2]).len();
    for cut in [whole_two + 1, whole_two + 10, bytes.len() - 1] {
        let (lsns, end) = read_all(&bytes[..cut]);
        assert_eq!(lsns, vec![1, 2], "cut at {cut}");
        assert_eq!(end, End::Torn(whole_two as u64), "cut at {cut}");
    }
    // Cut short and followed by the zeros of reserved space.
    let mut zeroed = bytes[..whole_two + 10].to_vec();
    zeroed.extend_from_slice(&[0; 64]);
    assert_eq!(read_all(&zeroed), (vec![1, 2], End::Torn(whole_two as u64)));
}

#[test]
fn a_corrupt_record_fails_its_checksum() {
    let mut bytes = frames(&three());
    let second = frames(&three()[..1]).len();
    bytes[second + 20] ^= 0x40;
    assert_eq!(read_all(&bytes), (vec![1], End::Torn(second as u64)));
}

fn session(last_lsn: u64) -> ImageSession {
    ImageSession {
        client_id: "c".into(),
        owner: None,
        v5: true,
        expiry_secs: 60,
        offline_since_ms: None,
        last_lsn,
        subscriptions: Default::default(),
        queue: Default::default(),
        inflight: Vec::new(),
        incoming_qos2: Default::default(),
    }
}

fn enqueue(message: u64) -> SessionChange {
    SessionChange::Enqueue(StoredQueued {
        message,
        qos: 1,
        retain: false,
        subscription_ids: Vec::new(),
    })
}

fn change(session: u64, change: SessionChange) -> Record {
    Record::Session { session, change }
}

#[test]
fn replay_skips_what_the_snapshot_already_has() {
    // The snapshot read the session after LSN 3 (message 1 queued, then sent
    // and acknowledged; message 2 queued).
    let mut image = Image::default();
    let mut s = session(3);
    s.queue.push_back(StoredQueued {
        message: 2,
        qos: 1,
        retain: false,
        subscription_ids: Vec::new(),
    });
    image.sessions.insert(7, s);
    image.messages.insert(2, message("t"));
    // The journal from before the snapshot was read, and after.
    let records = [
        (1, change(7, enqueue(1))),
        (
            2,
            change(
                7,
                SessionChange::Sent {
                    message: 1,
                    packet_id: 1,
                },
            ),
        ),
        (3, change(7, enqueue(2))),
        (4, change(7, SessionChange::Done { packet_id: 1 })),
        (
            5,
            change(
                7,
                SessionChange::Sent {
                    message: 2,
                    packet_id: 1,
                },
            ),
        ),
        (6, change(7, enqueue(3))),
        // A session that ended before the snapshot: unknown, skipped.
        (7, change(8, enqueue(3))),
    ];
    for (lsn, record) in records {
        image.apply(lsn, record);
    }
    let s = &image.sessions[&7];
    let queued: Vec<u64> = s.queue.iter().map(|q| q.message).collect();
    let inflight: Vec<(u16, u64)> = s
        .inflight
        .iter()
        .map(|m| (m.packet_id, m.item.message))
        .collect();
    // LSNs 1-3 are in the snapshot and skipped (replaying them would queue
    // message 1 again); 4-6 are applied in order (packet 1 reused for 2).
    assert_eq!(queued, vec![3]);
    assert_eq!(inflight, vec![(1, 2)]);
    assert!(!image.sessions.contains_key(&8));
    assert_eq!(image.last_lsn, 7);
}

fn routed(route: &str, n: u32) -> StoredRouted {
    StoredRouted {
        route: route.into(),
        event: format!("{{\"id\":\"{n}\"}}"),
        received_ms: 1_000 + u64::from(n),
        publish_time: "2026-12-04T00:00:00Z".into(),
        attempts: 0,
    }
}

/// A waiting will follows its session's records: set, replaced, cleared once
/// published, gone when a connection resumes the session or it ends; and it
/// round-trips through the snapshot.
#[test]
fn delayed_wills_replay_with_their_session_and_round_trip_through_redb() {
    use super::model::StoredWill;
    let will = |topic: &str| {
        SessionChange::Will(Some(StoredWill {
            message: message(topic),
            publish_at_ms: 5_000,
            authentication_name: "dev".into(),
        }))
    };
    let mut image = Image::default();
    image.sessions.insert(1, session(0));
    image.sessions.insert(2, session(0));
    image.sessions.insert(3, session(0));
    let records = [
        (1, change(1, will("w/1"))),
        (2, change(2, will("w/2"))),
        (3, change(3, will("w/3"))),
        (4, change(1, SessionChange::Will(None))),
        (5, change(1, will("w/1b"))),
        (
            6,
            change(
                2,
                SessionChange::Resume {
                    v5: true,
                    expiry_secs: 60,
                },
            ),
        ),
        (7, change(3, SessionChange::End)),
    ];
    for (lsn, record) in records {
        image.apply(lsn, record);
    }
    assert_eq!(image.wills.keys().copied().collect::<Vec<_>>(), vec![1]);
    assert_eq!(image.wills[&1].message.topic, "w/1b");
    // A record the session already has (by LSN) changes nothing.
    image.apply(4, change(1, SessionChange::Will(None)));
    assert!(image.wills.contains_key(&1));

    let read = through_redb(&image);
    assert_eq!(read.wills.len(), 1);
    assert_eq!(read.wills[&1].message.topic, "w/1b");
    assert_eq!(read.wills[&1].publish_at_ms, 5_000);
}

#[test]
fn routed_events_replay_over_a_snapshot_and_round_trip_through_redb() {
    // The snapshot read the spool after LSN 2: event 1 queued and retried once.
    let mut image = Image::default();
    let mut first = routed("hook", 1);
    first.attempts = 1;
    image.routed.insert(1, first);
    image.routed_lsn = 2;
    let queued = |id, n| {
        Record::Routed(RoutedChange::Queued {
            id,
            event: routed("hook", n),
        })
    };
    let records = [
        (1, queued(1, 1)),
        (
            2,
            Record::Routed(RoutedChange::Attempted { id: 1, attempts: 1 }),
        ),
        (3, queued(2, 2)),
        (4, queued(3, 3)),
        (5, Record::Routed(RoutedChange::Settled { id: 1 })),
        (
            6,
            Record::Routed(RoutedChange::Attempted { id: 3, attempts: 4 }),
        ),
    ];
    for (lsn, record) in records {
        image.apply(lsn, record);
    }
    assert_eq!(image.routed.keys().copied().collect::<Vec<_>>(), vec![2, 3]);
    assert_eq!(image.routed[&3].attempts, 4);
    assert_eq!((image.routed_lsn, image.max_routed_id), (6, 3));
    // Settled before the snapshot and replayed again: stays settled.
    image.apply(1, queued(1, 1));
    assert!(!image.routed.contains_key(&1));

    let read = through_redb(&image);
    assert_eq!(read.routed, image.routed);
    assert_eq!(read.routed_lsn, 6);
}

#[test]
fn a_snapshot_keeps_the_messages_it_has_and_removes_those_no_longer_referred_to() {
    let dir = tempfile::tempdir().unwrap();
    let store = super::Store::open(dir.path()).unwrap();
    let mut first = Image::default();
    first.messages.insert(1, message("one"));
    first.messages.insert(2, message("two"));
    store.save(&first).unwrap();
    assert_eq!(*store.snapshot_messages(), [1, 2].into_iter().collect());
    // Message 1 is acknowledged, 2 still queued (kept, not written again), 3 new.
    let mut second = Image::default();
    second.kept_messages.insert(2);
    second.messages.insert(3, message("three"));
    let mut s = session(0);
    for id in [2, 3] {
        s.queue.push_back(StoredQueued {
            message: id,
            qos: 1,
            retain: false,
            subscription_ids: Vec::new(),
        });
    }
    second.sessions.insert(1, s);
    store.save(&second).unwrap();
    assert_eq!(*store.snapshot_messages(), [2, 3].into_iter().collect());
    drop(store);
    let store = super::Store::open(dir.path()).unwrap();
    let (read, _) = store.recover().unwrap();
    assert_eq!(*store.snapshot_messages(), [2, 3].into_iter().collect());
    let mut topics: Vec<_> = read.messages.values().map(|m| m.topic.clone()).collect();
    topics.sort();
    assert_eq!(topics, vec!["three", "two"]);
}

#[test]
fn a_new_start_replaces_the_session_and_end_removes_it() {
    let mut image = Image::default();
    let start = || SessionChange::Start {
        client_id: "c".into(),
        owner: None,
        v5: false,
        expiry_secs: 60,
    };
    image.apply(1, change(1, start()));
    image.apply(2, change(1, enqueue(5)));
    image.apply(3, change(1, SessionChange::End));
    assert!(image.sessions.is_empty());
    image.apply(4, change(2, start()));
    image.apply(5, change(2, enqueue(6)));
    image.apply(
        6,
        Record::Message {
            id: 6,
            message: message("t"),
        },
    );
    image.apply(
        7,
        Record::Message {
            id: 9,
            message: message("t"),
        },
    );
    image.drop_unreferenced_messages();
    assert_eq!(image.sessions[&2].queue.len(), 1);
    assert_eq!(image.messages.keys().copied().collect::<Vec<_>>(), vec![6]);
}

#[test]
fn appends_from_many_threads_are_written_in_lsn_order_and_made_durable() {
    use super::journal::record::Op;
    use super::journal::{Journal, Sync};
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::start(dir.path(), Sync::Disk, 10, u64::MAX).unwrap();
    let retained = |n: usize| live_message(&format!("t/{n}"), true);
    let last = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let journal = &journal;
                scope.spawn(move || {
                    (0..250)
                        .map(|i| journal.append(Op::Retain(retained(t * 1000 + i))))
                        .max()
                        .unwrap()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .max()
            .unwrap()
    });
    assert_eq!(last, 10 + 1000 - 1);
    wait_durable(&journal, last);
    assert!(journal.is_durable(last));
    // Read back while the journal is still open: what a crash would leave.
    let segments = segment::list(dir.path()).unwrap();
    assert_eq!(segments.len(), 1);
    let mut lsns = Vec::new();
    let end = segment::read(&segments[0], |lsn, _| lsns.push(lsn)).unwrap();
    assert_eq!(end, End::Clean);
    assert_eq!(lsns, (10..1010).collect::<Vec<u64>>());
    journal.stop();
}

#[test]
fn a_message_queued_for_many_sessions_has_its_content_written_once() {
    use super::journal::record::Op;
    use super::journal::{Journal, Sync};
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::start(dir.path(), Sync::Os, 1, u64::MAX).unwrap();
    let shared = live_message("t", false);
    let id = shared.store_id();
    let mut last = 0;
    for session in 1..=3 {
        last = journal.append(Op::Session {
            session,
            change: enqueue(id),
            message: Some(shared.clone()),
        });
    }
    wait_durable(&journal, last);
    let segments = segment::list(dir.path()).unwrap();
    let (mut contents, mut enqueues) = (0, 0);
    segment::read(&segments[0], |_, record| match record {
        Record::Message { id: written, .. } => {
            assert_eq!(written, id);
            contents += 1;
        }
        Record::Session { .. } => enqueues += 1,
        _ => {}
    })
    .unwrap();
    assert_eq!((contents, enqueues), (1, 3));
    journal.stop();
}

/// A QoS 1 message as the broker holds it.
fn live_message(topic: &str, retain: bool) -> std::sync::Arc<crate::message::Message> {
    std::sync::Arc::new(crate::message::Message {
        topic: std::sync::Arc::from(topic),
        payload: tern_protocol::mqtt::IntoPayload::into_payload(b"x".to_vec()),
        qos: tern_protocol::mqtt::packet::Qos::AtLeastOnce,
        retain,
        properties: std::sync::Arc::from(Vec::new()),
        expires_at: None,
        publisher: std::sync::Arc::from("p"),
        store: Default::default(),
    })
}

/// Waits (at most 10 s) until record `lsn` of `journal` is durable.
fn wait_durable(journal: &super::journal::Journal, lsn: u64) {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
        .block_on(async {
            tokio::time::timeout(std::time::Duration::from_secs(10), journal.wait(lsn))
                .await
                .expect("durable in time");
        });
}

/// `image` saved as a snapshot and read back by a store opened anew.
fn through_redb(image: &Image) -> Image {
    let dir = tempfile::tempdir().unwrap();
    let store = super::Store::open(dir.path()).unwrap();
    store.save(image).unwrap();
    drop(store);
    let store = super::Store::open(dir.path()).unwrap();
    store.recover().unwrap().0
}
