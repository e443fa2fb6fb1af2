//! Unit tests of sessions: queue limits, flow control and the in-flight window.

use super::*;
use tern_protocol::mqtt::ArcPayload;

fn queued(qos: Qos, len: usize) -> Queued {
    let payload = vec![b'x'; len];
    Queued {
        message: Arc::new(Message {
            topic: Arc::from("t"),
            payload: ArcPayload::new(Arc::from(payload.as_slice()), 0, len),
            qos,
            retain: false,
            properties: Arc::from(Vec::new()),
            expires_at: None,
            publisher: Arc::from("p"),
            store: Default::default(),
        }),
        qos,
        retain: false,
        subscription_ids: Vec::new(),
    }
}

/// A connected session's queue is bounded in bytes as well as in count:
/// past the byte limit QoS 0 is dropped and QoS 1 ends the session.
#[test]
fn the_online_queue_is_bounded_in_bytes() {
    let limits = QueueLimits {
        online_messages: 1_000,
        online_bytes: 1_000,
        offline_messages: 1_000,
        offline_bytes: 1_000,
    };
    let cell = SessionCell::new(Arc::from("c"), Version::V5, 0);
    let owner = Owner {
        generation: 1,
        control: Arc::default(),
    };
    cell.set_owner(&mut cell.state.lock(), Some(owner));
    assert_eq!(
        cell.enqueue(queued(Qos::AtMostOnce, 600), limits, None).0,
        EnqueueOutcome::Queued
    );
    assert_eq!(
        cell.enqueue(queued(Qos::AtMostOnce, 600), limits, None).0,
        EnqueueOutcome::DroppedQos0
    );
    assert_eq!(
        cell.enqueue(queued(Qos::AtLeastOnce, 600), limits, None).0,
        EnqueueOutcome::Overflow
    );
    assert_eq!(
        cell.enqueue(queued(Qos::AtLeastOnce, 400), limits, None).0,
        EnqueueOutcome::Queued
    );
    assert_eq!(cell.state.lock().queued_bytes, 1_000);
}

/// The in-flight bytes follow every change of the in-flight list, and an
/// acknowledgement finds its message wherever it is.
#[test]
fn inflight_bytes_follow_the_inflight_list() {
    let cell = SessionCell::new(Arc::from("c"), Version::V5, 0);
    let mut session = cell.state.lock();
    for (id, len) in [(1, 10), (2, 20), (3, 30)] {
        session.push_inflight(Inflight {
            packet_id: id,
            item: queued(Qos::AtLeastOnce, len),
            state: InflightState::AwaitingAck,
        });
    }
    assert_eq!(session.inflight_bytes(), 60);
    assert_eq!(session.remove_inflight(1).map(|m| m.packet_id), Some(1));
    assert_eq!(session.remove_inflight(3).map(|m| m.packet_id), Some(3));
    assert!(session.remove_inflight(9).is_none());
    assert_eq!(session.inflight_bytes(), 20);
    session.clear_inflight();
    assert_eq!((session.inflight().len(), session.inflight_bytes()), (0, 0));
}
