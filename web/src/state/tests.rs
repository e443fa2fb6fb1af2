//! Tests of [`AppState`]: what each action does, and that an action copies
//! only what it changes ([`AppState::advance`] returns the same `Rc` when
//! nothing changes; untouched parts stay pointer-equal).

use super::*;
use metrics_failure::MetricsFailure;
use requests::RequestStatus;

fn publish(topic: &str, payload: &[u8], corr: Option<&str>) -> IncomingPublish {
    IncomingPublish {
        topic: topic.into(),
        payload: payload.to_vec(),
        retain: false,
        response_topic: None,
        correlation_data: corr.map(|c| c.as_bytes().to_vec()),
        content_type: Some("application/json".into()),
        utf8_payload: true,
        user_properties: vec![("firmware".into(), "1.2.3".into())],
    }
}

fn request(seq: u64, device: &str, corr: &str, topic: &str) -> Request {
    Request {
        seq,
        device: device.into(),
        correlation: corr.into(),
        response_topic: topic.into(),
        payload: "{}".into(),
        created_at_ms: 0.0,
        sent_at_ms: Some(0.0),
        timeout_ms: 1000.0,
        status: RequestStatus::Pending,
        response: None,
    }
}

#[test]
fn topics_and_correlation_text() {
    assert_eq!(reported_device("devices/d1/reported", None), Some("d1"));
    assert_eq!(
        reported_device("responses/app/devices/d1/reported", Some("responses/app")),
        Some("d1")
    );
    assert_eq!(
        reported_device("responses/app/devices/d1/reported", Some("responses/app/")),
        Some("d1")
    );
    assert_eq!(
        reported_device("devices/d1/reported", Some("responses/app")),
        None
    );
    assert_eq!(reported_device("devices/a/b/reported", None), None);
    assert_eq!(correlation_text(b"abc-1"), "abc-1");
    assert_eq!(correlation_text(&[0, 255]), "0x00ff");
}

#[test]
fn a_batch_of_status_responses_and_timeouts() {
    let mut s = AppState {
        link: Rc::new(Link::Connected {
            url: "ws://x/mqtt".into(),
            client_id: "app".into(),
            response_information: Some("responses/app".into()),
        }),
        ..AppState::default()
    };
    let t = "responses/app/devices/d1/reported";
    s.apply(Action::RequestCreated(request(1, "d1", "c1", t)), 0.0);
    s.apply(Action::RequestCreated(request(2, "d2", "c2", t)), 0.0);
    s.apply(
        Action::Batch {
            actions: vec![
                Action::Message {
                    msg: publish("clients/d1/status", b"online", None),
                    at_ms: 120.0,
                },
                // Arrived at 80 ms; the batch is applied at 120 ms.
                Action::Message {
                    msg: publish(t, b"{\"$version\":1}", Some("c1")),
                    at_ms: 80.0,
                },
                Action::Message {
                    msg: publish("elsewhere", b"x", None),
                    at_ms: 120.0,
                },
            ],
            now_ms: 120.0,
        },
        120.0,
    );
    let r1 = s.requests.get("c1").unwrap();
    assert_eq!(
        r1.status,
        RequestStatus::Answered {
            rtt_ms: 80.0,
            late: false
        },
        "the round-trip time ends when the response arrived, not when its batch was applied"
    );
    assert_eq!(
        r1.response.as_ref().unwrap().firmware.as_deref(),
        Some("1.2.3")
    );
    assert_eq!(s.reported.len(), 1);
    let m = s.reported.iter().next().unwrap();
    assert_eq!(m.request_seq, Some(1));
    assert_eq!(m.device.as_deref(), Some("d1"));
    assert_eq!(s.devices.get("d1").unwrap().last_seen_ms, Some(80.0));
    assert_eq!(s.other_messages, 1);
    s.apply(Action::Tick(1000.0), 1000.0);
    assert_eq!(
        s.requests.get("c2").unwrap().status,
        RequestStatus::TimedOut
    );
}

#[test]
fn unchanged_tables_are_shared_between_states() {
    let mut s = AppState::default();
    s.apply(
        Action::Message {
            msg: publish("clients/d1/status", b"online", None),
            at_ms: 120.0,
        },
        1.0,
    );
    let before = s.clone();
    s.apply(Action::Alert("hello".into()), 2.0);
    assert!(Rc::ptr_eq(&before.devices, &s.devices));
    assert!(Rc::ptr_eq(&before.requests, &s.requests));
    assert!(!Rc::ptr_eq(&before.alerts, &s.alerts));
    // A tick with nothing due copies nothing.
    s.apply(Action::Tick(3.0), 3.0);
    assert!(Rc::ptr_eq(&before.requests, &s.requests));
}

#[test]
fn alerts_are_bounded_deduplicated_and_dismissable() {
    let mut s = AppState::default();
    s.apply(Action::Alert("same".into()), 0.0);
    s.apply(Action::Alert("same".into()), 0.0);
    assert_eq!(s.alerts.len(), 1);
    for i in 0..10 {
        s.apply(Action::Alert(format!("a{i}")), 0.0);
    }
    assert_eq!(s.alerts.len(), MAX_ALERTS);
    assert_eq!(s.alerts[0].text, "a5");
    let id = s.alerts[0].id;
    s.apply(Action::DismissAlert(id), 0.0);
    assert_eq!(s.alerts.len(), MAX_ALERTS - 1);
}

fn status(id: &str, payload: &[u8], at_ms: f64) -> Action {
    Action::Message {
        msg: IncomingPublish {
            retain: false,
            user_properties: vec![],
            ..publish(&format!("clients/{id}/status"), payload, None)
        },
        at_ms,
    }
}

/// A state with a few thousand devices, requests, reported messages, an
/// alert, a scrape and a life-cycle event: every part has something in it.
fn busy_state() -> Rc<AppState> {
    let mut s = AppState::default();
    let mut actions: Vec<Action> = (0..3000)
        .map(|i| status(&format!("dev-{i:04}"), b"online", 1.0))
        .collect();
    actions.push(Action::RequestCreated(request(
        1,
        "dev-0001",
        "c1",
        "devices/dev-0001/reported",
    )));
    actions.push(Action::Message {
        msg: publish("devices/dev-0001/reported", b"{}", Some("c1")),
        at_ms: 2.0,
    });
    actions.push(Action::Alert("hello".into()));
    actions.push(Action::MetricsScraped {
        text: "mqtt_connections 3\n".into(),
        at_ms: 2.0,
    });
    let event = br#"{"type":"Microsoft.EventGrid.MQTTClientSessionConnected","time":"t","data":{"clientAuthenticationName":"dev-0001"}}"#;
    actions.push(Action::Message {
        msg: publish("$events/clients/dev-0001/connected", event, None),
        at_ms: 2.0,
    });
    s.apply(
        Action::Batch {
            actions,
            now_ms: 3.0,
        },
        3.0,
    );
    assert_eq!(
        (s.devices.len(), s.requests.len(), s.reported.len()),
        (3000, 1, 1)
    );
    assert_eq!((s.alerts.len(), s.lifecycle.events.len()), (1, 1));
    Rc::new(s)
}

#[test]
fn an_action_that_changes_one_device_leaves_the_other_parts_shared() {
    let before = busy_state();
    let after = Rc::clone(&before).advance(Action::Batch {
        actions: vec![status("dev-1234", b"offline", 10.0)],
        now_ms: 10.0,
    });
    assert!(!Rc::ptr_eq(&before, &after));
    assert!(!Rc::ptr_eq(&before.devices, &after.devices));
    assert!(Rc::ptr_eq(&before.link, &after.link));
    assert!(Rc::ptr_eq(&before.requests, &after.requests));
    assert!(Rc::ptr_eq(&before.reported, &after.reported));
    assert!(Rc::ptr_eq(&before.alerts, &after.alerts));
    assert!(Rc::ptr_eq(&before.broker, &after.broker));
    assert!(Rc::ptr_eq(&before.lifecycle, &after.lifecycle));
    assert!(Rc::ptr_eq(&before.device_filter, &after.device_filter));
    // Within the table, the other devices are the same rows.
    for id in ["dev-0000", "dev-1233", "dev-1235", "dev-2999"] {
        assert!(Rc::ptr_eq(
            before.devices.get(id).unwrap(),
            after.devices.get(id).unwrap()
        ));
    }
    let (old, new) = (
        &before.devices.get("dev-1234").unwrap(),
        &after.devices.get("dev-1234").unwrap(),
    );
    assert_eq!(
        (old.presence.label(), new.presence.label()),
        ("online", "offline")
    );
    assert_eq!(
        (before.devices.counts(), after.devices.counts()),
        ((3000, 0), (2999, 1))
    );
}

#[test]
fn a_tick_with_nothing_to_do_returns_the_same_state() {
    let before = busy_state();
    let after = Rc::clone(&before).advance(Action::Tick(500.0));
    assert!(Rc::ptr_eq(&before, &after), "no request due: the same Rc");
    // A request's time is up: a new state, sharing all but the requests.
    let due = Rc::clone(&before).advance(Action::Batch {
        actions: vec![Action::RequestCreated(request(2, "dev-0002", "c2", "t"))],
        now_ms: 4.0,
    });
    let timed_out = Rc::clone(&due).advance(Action::Tick(2000.0));
    assert!(!Rc::ptr_eq(&due, &timed_out));
    assert_eq!(
        timed_out.requests.get("c2").unwrap().status,
        RequestStatus::TimedOut
    );
    assert!(Rc::ptr_eq(&due.devices, &timed_out.devices));
    assert!(Rc::ptr_eq(
        &timed_out,
        &Rc::clone(&timed_out).advance(Action::Tick(2050.0))
    ));
}

#[test]
fn the_reconnect_countdown_ticks_once_a_second() {
    let waiting = Rc::new(AppState::default()).advance(Action::Batch {
        actions: vec![Action::Link(Link::Waiting {
            url: "ws://x".into(),
            attempt: 2,
            retry_at_ms: 5000.0,
            reason: "lost".into(),
        })],
        now_ms: 1100.0,
    });
    let same_second = Rc::clone(&waiting).advance(Action::Tick(1900.0));
    assert!(Rc::ptr_eq(&waiting, &same_second));
    let next_second = Rc::clone(&waiting).advance(Action::Tick(2000.0));
    assert_eq!(next_second.now_ms, 2000.0);
    assert!(Rc::ptr_eq(&waiting.link, &next_second.link));
}

#[test]
fn actions_that_change_nothing_return_the_same_state() {
    let s = busy_state().advance(Action::MetricsFailed(MetricsFailure::Unreadable(
        "down".into(),
    )));
    let link = (*s.link).clone();
    let alert = s.alerts[0].text.clone();
    for action in [
        Action::DismissAlert(999),
        Action::Link(link),
        Action::Alert(alert),
        Action::FilterDevices(String::new()),
        Action::MetricsFailed(MetricsFailure::Unreadable("down".into())),
    ] {
        let what = format!("{action:?}");
        assert!(Rc::ptr_eq(&s, &Rc::clone(&s).advance(action)), "{what}");
    }
    let empty = Rc::clone(&s).advance(Action::ClearReported);
    assert!(empty.reported.is_empty());
    assert!(Rc::ptr_eq(
        &empty,
        &Rc::clone(&empty).advance(Action::ClearReported)
    ));
}

#[test]
fn the_device_filter_is_lowercased_once_and_kept_while_unchanged() {
    let s = Rc::new(AppState::default()).advance(Action::FilterDevices("DEV-12".into()));
    assert_eq!(
        (s.device_filter.text(), s.device_filter.needle()),
        ("DEV-12", "dev-12")
    );
    let again = Rc::clone(&s).advance(Action::FilterDevices("DEV-12".into()));
    assert!(
        Rc::ptr_eq(&s, &again),
        "the same text: the same state and filter"
    );
    let other = Rc::clone(&s).advance(Action::FilterDevices("dev-1".into()));
    assert!(!Rc::ptr_eq(&s.device_filter, &other.device_filter));
    assert!(Rc::ptr_eq(&s.devices, &other.devices));
}

#[test]
fn states_are_equal_when_they_share_their_parts() {
    let s = busy_state();
    let copy = (*s).clone();
    assert_eq!(*s, copy);
    let mut rebuilt = copy.clone();
    rebuilt.devices = Rc::new((*s.devices).clone());
    assert_ne!(
        *s, rebuilt,
        "equal contents behind another pointer: compared by pointer"
    );
}
