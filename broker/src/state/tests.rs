//! Unit tests of the session table, the router and their races, driven step
//! by step (the interleavings are written out, not left to a scheduler) and
//! on tokio's paused clock where timers are involved.

use super::*;
use crate::access::OpenAccess;
use crate::session::{ControlSlot, SubOptions};
use std::time::Duration;
use tern_protocol::mqtt::packet::{Qos, RetainHandling};
use tern_protocol::mqtt::ArcPayload;

fn broker() -> Arc<BrokerState> {
    BrokerState::new(Arc::new(Config::default()), Arc::new(OpenAccess))
}

fn attach(broker: &BrokerState, client_id: &str, clean_start: bool) -> Attached {
    broker
        .attach_session(
            &Arc::from(client_id),
            clean_start,
            crate::version::Version::V5,
            100,
            None,
            Arc::new(ControlSlot::default()),
        )
        .expect("open mode attaches every session")
}

fn qos1() -> SubOptions {
    SubOptions {
        qos: Qos::AtLeastOnce,
        no_local: false,
        retain_as_published: false,
        retain_handling: RetainHandling::SendRetained,
        subscription_id: None,
    }
}

fn message(topic: &str) -> Arc<Message> {
    Arc::new(Message {
        topic: Arc::from(topic),
        payload: ArcPayload::new(Arc::from(&b"p"[..]), 0, 1),
        qos: Qos::AtLeastOnce,
        retain: false,
        properties: Arc::from(Vec::new()),
        expires_at: None,
        publisher: Arc::from("publisher"),
        store: Default::default(),
    })
}

fn queued(session: &SessionCell) -> usize {
    session.state.lock().queue.len()
}

fn registered(broker: &BrokerState, session: &Arc<SessionCell>) -> bool {
    broker
        .sessions
        .lock()
        .get(&session.client_id)
        .is_some_and(|s| Arc::ptr_eq(s, session))
}

/// The race of a discarded session and its successor: the old session is
/// unregistered, a new session of the same Client Identifier is created and
/// subscribes, and only then are the old session's subscriptions removed.
/// The router knows sessions by id, so the successor keeps its subscription.
#[tokio::test]
async fn clearing_an_old_session_leaves_its_successors_subscriptions() {
    let broker = broker();
    let old = attach(&broker, "x", false).session;
    broker.subscribe(&old, "t", qos1()).unwrap();
    broker.subscribe(&old, "$share/g/t", qos1()).unwrap();

    // discard_session, first step: the old session leaves the table.
    broker.sessions.lock().remove("x");
    let new = attach(&broker, "x", false);
    assert!(!new.present, "the old session was no longer registered");
    broker.subscribe(&new.session, "t", qos1()).unwrap();
    broker
        .subscribe(&new.session, "$share/g/t", qos1())
        .unwrap();
    // discard_session, second step, late.
    broker.clear_session(&old);

    assert_eq!(broker.subscription_count(), 2);
    broker.publish(message("t")).unwrap();
    assert_eq!(queued(&new.session), 2, "plain and shared copies");
    assert_eq!(queued(&old), 0);
}

/// A session that was cleared cannot be subscribed again: a SUBSCRIBE that
/// races with its end adds nothing to the router.
#[tokio::test]
async fn a_discarded_session_cannot_subscribe() {
    let broker = broker();
    let session = attach(&broker, "x", false).session;
    assert!(broker.discard_session(&session));
    assert_eq!(
        broker.subscribe(&session, "t", qos1()),
        Err(SubscribeRefused::SessionEnded)
    );
    assert_eq!(broker.subscription_count(), 0);
}

/// The race of an expiry and a resume, both orders: an expiry armed for a
/// connection that a resume has since replaced ends nothing; an expiry that
/// runs first ends the session, and the resume then gets a fresh one
/// (Session Present 0) rather than a session that is about to vanish.
#[tokio::test]
async fn expiry_and_resume_are_one_step_each() {
    let broker = broker();
    let first = attach(&broker, "x", false);
    broker.subscribe(&first.session, "t", qos1()).unwrap();
    broker.detach_session(&first.session, first.generation, None);

    // The resume wins: the timer armed at the detach finds a newer generation.
    let second = attach(&broker, "x", false);
    assert!(second.present);
    assert!(!broker.expire(&first.session, first.generation));
    assert!(registered(&broker, &second.session));
    broker.publish(message("t")).unwrap();
    assert_eq!(queued(&second.session), 1, "the subscription survived");

    // The expiry wins: the session goes with its subscriptions, and the
    // next CONNECT starts afresh.
    broker.detach_session(&second.session, second.generation, None);
    assert!(broker.expire(&second.session, second.generation));
    assert_eq!(broker.subscription_count(), 0);
    let third = attach(&broker, "x", false);
    assert!(!third.present);
    assert!(!Arc::ptr_eq(&third.session, &second.session));
}

/// Test hooks: code a test runs at the points where an operation of the
/// state releases its locks, to write out an interleaving exactly.
pub(super) mod hooks {
    use std::cell::RefCell;

    type Hook = Box<dyn FnOnce()>;

    thread_local! {
        static BETWEEN_EXPIRY_STEPS: RefCell<Option<Hook>> = RefCell::new(None);
    }

    /// Runs `hook` the next time an expiry on this thread lets others in.
    pub fn set_between_expiry_steps(hook: impl FnOnce() + 'static) {
        BETWEEN_EXPIRY_STEPS.with(|h| *h.borrow_mut() = Some(Box::new(hook)));
    }

    /// Called by `BrokerState::expire`.
    pub fn between_expiry_steps() {
        if let Some(hook) = BETWEEN_EXPIRY_STEPS.with(|h| h.borrow_mut().take()) {
            hook();
        }
    }
}

/// A reconnect that lands inside an expiry (at the one point where the
/// expiry lets other threads in) either resumes the session, and then the
/// expiry must not remove it, or gets a fresh one, whose subscriptions the
/// expiry must not touch. Before the fix the expiry decided, let go, and then
/// removed whatever was registered: a client was told Session Present 1 and
/// lost its session.
#[tokio::test]
async fn a_reconnect_inside_an_expiry_keeps_what_it_was_told() {
    let broker = broker();
    let first = attach(&broker, "x", false);
    broker.subscribe(&first.session, "t", qos1()).unwrap();
    broker.detach_session(&first.session, first.generation, None);

    let during = Arc::new(parking_lot::Mutex::new(None));
    let (hook_broker, hook_result) = (broker.clone(), during.clone());
    hooks::set_between_expiry_steps(move || {
        let attached = attach(&hook_broker, "x", false);
        if !attached.present {
            hook_broker
                .subscribe(&attached.session, "t", qos1())
                .unwrap();
        }
        *hook_result.lock() = Some(attached);
    });
    broker.expire(&first.session, first.generation);

    let attached = during.lock().take().expect("the hook ran");
    assert!(
        registered(&broker, &attached.session),
        "the session the reconnect got was removed by the expiry"
    );
    assert_eq!(broker.subscription_count(), 1);
    broker.publish(message("t")).unwrap();
    assert_eq!(queued(&attached.session), 1);
}

/// Session expiry counts from the last disconnect, through the real timers
/// on a paused clock: a resume before the interval keeps the session (the
/// first timer does nothing), and the session does end one interval after
/// the second disconnect.
#[tokio::test(start_paused = true)]
async fn a_session_expires_one_interval_after_its_last_disconnect() {
    let broker = broker();
    let first = attach(&broker, "x", false); // Session Expiry Interval 100 s
    broker.subscribe(&first.session, "t", qos1()).unwrap();
    broker.detach_session(&first.session, first.generation, None);

    tokio::time::sleep(Duration::from_secs(90)).await;
    let second = attach(&broker, "x", false);
    assert!(second.present, "resumed before the interval ended");
    broker.detach_session(&second.session, second.generation, None);

    tokio::time::sleep(Duration::from_secs(90)).await; // 180 s: the first timer has fired
    assert!(registered(&broker, &second.session));
    assert_eq!(broker.subscription_count(), 1);

    tokio::time::sleep(Duration::from_secs(20)).await; // 200 s: 110 s after the last disconnect
    assert!(!registered(&broker, &second.session));
    assert_eq!(broker.subscription_count(), 0);
}

/// Message expiry follows tokio's clock, so a paused clock drives it (no test
/// waits out real time for it): a retained message with 10 s to live is
/// there after 9 s and gone, for a new subscriber and from the store, after 11 s.
#[tokio::test(start_paused = true)]
async fn retained_messages_expire_on_the_paused_clock() {
    let broker = broker();
    let mut retained = (*message("r")).clone();
    retained.retain = true;
    retained.expires_at = Some(tokio::time::Instant::now() + Duration::from_secs(10));
    broker.publish(Arc::new(retained)).unwrap();
    let matching = |broker: &BrokerState| {
        broker
            .retained_matching("r", tokio::time::Instant::now(), 10, 1 << 20)
            .len()
    };

    tokio::time::sleep(Duration::from_secs(9)).await;
    broker.purge_expired();
    assert_eq!((matching(&broker), broker.retained_size().0), (1, 1));

    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        matching(&broker),
        0,
        "expired: not sent to a new subscriber"
    );
    broker.purge_expired();
    assert_eq!(broker.retained_size().0, 0, "expired: purged");
}

/// A batch stops at the client's quota; what it takes at QoS 1 is in flight
/// (with the identifier it was given) before it is encoded; an expired
/// message is dropped; a message without an identifier stays queued.
#[tokio::test]
async fn a_batch_keeps_to_the_quota_and_records_what_it_takes_in_flight() {
    let broker = broker();
    let attached = attach(&broker, "x", false);
    let session = attached.session;
    broker.subscribe(&session, "t", qos1()).unwrap();
    let mut expired = (*message("t")).clone();
    expired.expires_at = Some(tokio::time::Instant::now());
    broker.publish(Arc::new(expired)).unwrap();
    for _ in 0..4 {
        broker.publish(message("t")).unwrap();
    }
    assert_eq!(queued(&session), 5);
    let limits = BatchLimits {
        max_messages: 64,
        room: 1 << 20,
        now: tokio::time::Instant::now() + Duration::from_secs(1),
    };
    let mut ids = 10..;
    let mut batch = Vec::new();
    let taken = broker.take_batch(&session, limits, |_| 2, || ids.next(), &mut batch);
    assert!(!taken.out_of_room);
    let given: Vec<_> = batch.iter().map(|(_, id)| *id).collect();
    assert_eq!(
        given,
        vec![Some(10), Some(11)],
        "the expired one dropped, then two"
    );
    assert_eq!(queued(&session), 2);
    let in_flight: Vec<_> = session
        .state
        .lock()
        .inflight()
        .iter()
        .map(|m| m.packet_id)
        .collect();
    assert_eq!(in_flight, vec![10, 11]);

    // No identifier left: the message stays queued.
    batch.clear();
    broker.take_batch(&session, limits, |_| 5, || None, &mut batch);
    assert!(batch.is_empty());
    assert_eq!(queued(&session), 2);

    // No room: nothing taken, and the batch says why.
    let none = BatchLimits { room: 0, ..limits };
    let taken = broker.take_batch(&session, none, |_| 5, || Some(1), &mut batch);
    assert!(taken.out_of_room && batch.is_empty());
}
