//! Subscriptions: wildcards, `$SYS`, overlapping subscriptions, subscription
//! options (No Local, Retain As Published, Retain Handling), shared subscriptions,
//! UNSUBSCRIBE reason codes and invalid filters.

use crate::common;

use common::*;
use std::collections::HashSet;

#[tokio::test]
async fn wildcards_match_and_dollar_topics_are_not_matched_by_leading_wildcards() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut all = v5(addr, "wc-all").await;
    all.subscribe(1, &[("#", 0)]).await;
    let mut plus = v5(addr, "wc-plus").await;
    plus.subscribe(1, &[("+/x", 0), ("a/+/c", 0)]).await;
    let mut sys = v5(addr, "wc-sys").await;
    sys.subscribe(1, &[("$SYS/#", 0)]).await;
    let mut publ = v5(addr, "wc-pub").await;
    // A client may publish to a `$` topic in open mode; `#` and `+/x` must not match it.
    publ.send(&publish(true, "$SYS/x", "sys", 0, false, 0, &[]))
        .await;
    publ.send(&publish(true, "a/b/c", "abc", 0, false, 0, &[]))
        .await;
    publ.send(&publish(true, "b/x", "bx", 0, false, 0, &[]))
        .await;
    assert_eq!(sys.expect_publish().await.payload, b"sys");
    assert_eq!(all.expect_publish().await.payload, b"abc");
    assert_eq!(all.expect_publish().await.payload, b"bx");
    assert_eq!(plus.expect_publish().await.payload, b"abc");
    assert_eq!(plus.expect_publish().await.payload, b"bx");
    // Nothing more: the next message each gets is a sentinel published after
    // the three (`#` must not take the `$SYS` one either).
    publ.publish_sentinel("$SYS/sentinel").await;
    publ.publish_sentinel("sentinel/x").await;
    all.expect_sentinel("sentinel/x").await;
    plus.expect_sentinel("sentinel/x").await;
    sys.expect_sentinel("$SYS/sentinel").await;
    broker.shutdown().await;
}

#[tokio::test]
async fn overlapping_subscriptions_v311_give_one_copy_at_the_highest_qos() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut s = v3(addr, "ov3").await;
    assert_eq!(
        s.subscribe(1, &[("ov/+", 0), ("ov/#", 2), ("ov/t", 1)])
            .await,
        vec![0, 2, 1]
    );
    let mut publ = v3(addr, "ov3-pub").await;
    publ.send(&publish(false, "ov/t", "m", 2, false, 1, &[]))
        .await;
    publ.expect(kind::PUBREC).await;
    publ.send(&ack(0x62, 1)).await;
    let p = s.recv_publish_ack().await;
    assert_eq!(p.qos, 2);
    // One copy: a second would come before the sentinel.
    publ.publish_sentinel("ov/t").await;
    s.expect_sentinel("ov/t").await;
    broker.shutdown().await;
}

#[tokio::test]
async fn overlapping_subscriptions_v5_give_one_copy_with_every_subscription_identifier() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut s = v5(addr, "ov5").await;
    s.send(&subscribe_v5(1, &[("ov5/+", 0)], Some(7))).await;
    s.expect(kind::SUBACK).await;
    s.send(&subscribe_v5(2, &[("ov5/#", 1)], Some(300))).await;
    s.expect(kind::SUBACK).await;
    let mut publ = v5(addr, "ov5-pub").await;
    publ.send(&publish(true, "ov5/t", "m", 1, false, 1, &[]))
        .await;
    let p = s.recv_publish_ack().await;
    assert_eq!(p.qos, 1);
    let mut ids = p.props.ints(0x0B);
    ids.sort_unstable();
    assert_eq!(ids, vec![7, 300]);
    // One copy: a second would come before the sentinel.
    publ.publish_sentinel("ov5/t").await;
    s.expect_sentinel("ov5/t").await;
    broker.shutdown().await;
}

#[tokio::test]
async fn no_local_suppresses_own_messages() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = v5(addr, "nl").await;
    c.subscribe(
        1,
        &[
            ("nl/a", opts(0, true, false, 0)),
            ("nl/b", opts(0, false, false, 0)),
        ],
    )
    .await;
    c.send(&publish(true, "nl/a", "mine", 0, false, 0, &[]))
        .await;
    c.send(&publish(true, "nl/b", "echo", 0, false, 0, &[]))
        .await;
    assert_eq!(c.expect_publish().await.topic, "nl/b");
    c.publish_sentinel("nl/b").await;
    c.expect_sentinel("nl/b").await;
    let mut other = v5(addr, "nl-other").await;
    other
        .send(&publish(true, "nl/a", "theirs", 0, false, 0, &[]))
        .await;
    assert_eq!(c.expect_publish().await.payload, b"theirs");
    broker.shutdown().await;
}

#[tokio::test]
async fn retain_as_published_keeps_the_retain_flag() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut rap = v5(addr, "rap-1").await;
    rap.subscribe(1, &[("rap/t", opts(0, false, true, 2))])
        .await;
    let mut plain = v5(addr, "rap-0").await;
    plain
        .subscribe(1, &[("rap/t", opts(0, false, false, 2))])
        .await;
    let mut publ = v5(addr, "rap-pub").await;
    publ.send(&publish(true, "rap/t", "r", 0, true, 0, &[]))
        .await;
    assert!(rap.expect_publish().await.retain);
    assert!(!plain.expect_publish().await.retain);
    broker.shutdown().await;
}

#[tokio::test]
async fn retain_handling_0_1_2() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut publ = v5(addr, "rh-pub").await;
    publ.send(&publish(true, "rh/t", "kept", 1, true, 1, &[]))
        .await;
    publ.expect(kind::PUBACK).await;
    let mut c = v5(addr, "rh").await;
    // 0: sent on every subscribe.
    c.subscribe(1, &[("rh/t", opts(0, false, false, 0))]).await;
    assert_eq!(c.expect_publish().await.payload, b"kept");
    c.subscribe(2, &[("rh/t", opts(0, false, false, 0))]).await;
    assert_eq!(c.expect_publish().await.payload, b"kept");
    // 1: only if the subscription did not exist.
    c.subscribe(3, &[("rh/t", opts(0, false, false, 1))]).await;
    // Retained messages are queued with the SUBSCRIBE, before its SUBACK.
    c.expect_nothing_pending().await;
    c.subscribe(4, &[("rh/+", opts(0, false, false, 1))]).await;
    assert_eq!(c.expect_publish().await.payload, b"kept");
    // 2: never.
    c.subscribe(5, &[("rh/#", opts(0, false, false, 2))]).await;
    c.expect_nothing_pending().await;
    broker.shutdown().await;
}

async fn shared_group_splits_messages(v5_members: bool) {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut members = Vec::new();
    for i in 0..2 {
        let id = format!("share-{v5_members}-{i}");
        let mut m = if v5_members {
            v5(addr, &id).await
        } else {
            v3(addr, &id).await
        };
        assert_eq!(m.subscribe(1, &[("$share/g/sh/t", 1)]).await, vec![1]);
        members.push(m);
    }
    let mut publ = v5(addr, "share-pub").await;
    const N: u16 = 40;
    for i in 0..N {
        publ.send(&publish(true, "sh/t", i.to_string(), 1, false, i + 1, &[]))
            .await;
        publ.expect(kind::PUBACK).await;
    }
    // Collect until every message was seen; then nothing more is on its way
    // to either member (every message was routed before its PUBACK).
    let mut seen = Vec::new();
    let mut per_member = [0usize; 2];
    let deadline = std::time::Instant::now() + WAIT;
    while seen.len() < usize::from(N) {
        assert!(std::time::Instant::now() < deadline, "only got {seen:?}");
        for (i, m) in members.iter_mut().enumerate() {
            if let Ok(Some(f)) = m.recv_within(std::time::Duration::from_millis(50)).await {
                let p = f.publish(v5_members);
                m.send(&ack(0x40, p.packet_id)).await;
                seen.push(String::from_utf8(p.payload).unwrap());
                per_member[i] += 1;
            }
        }
    }
    for m in &mut members {
        m.expect_nothing_pending().await;
    }
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), usize::from(N), "no duplicates: {seen:?}");
    assert!(
        per_member.iter().all(|&n| n > 0),
        "both members got some: {per_member:?}"
    );
    broker.shutdown().await;
}

#[tokio::test]
async fn shared_subscription_v5_splits_messages_between_members() {
    shared_group_splits_messages(true).await;
}

#[tokio::test]
async fn shared_subscription_v311_splits_messages_between_members() {
    shared_group_splits_messages(false).await;
}

#[tokio::test]
async fn unsubscribe_reason_codes() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c = v5(addr, "unsub").await;
    c.subscribe(1, &[("u/a", 0)]).await;
    c.send(&unsubscribe(true, 2, &["u/a", "u/never"])).await;
    assert_eq!(c.expect(kind::UNSUBACK).await.codes(true), vec![0x00, 0x11]);
    // A message on u/a does not come before a sentinel published after it.
    assert_eq!(c.subscribe(3, &[("u/sentinel", 0)]).await, vec![0]);
    let mut publ = v5(addr, "unsub-pub").await;
    publ.send(&publish(true, "u/a", "x", 0, false, 0, &[]))
        .await;
    publ.publish_sentinel("u/sentinel").await;
    c.expect_sentinel("u/sentinel").await;
    // 3.1.1: a plain UNSUBACK.
    let mut c3 = v3(addr, "unsub3").await;
    c3.send(&unsubscribe(false, 9, &["u/x"])).await;
    let f = c3.expect(kind::UNSUBACK).await;
    assert_eq!(f.body, vec![0, 9]);
    broker.shutdown().await;
}

#[tokio::test]
async fn invalid_filter_is_refused_in_suback() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut c5 = v5(addr, "bad-filter5").await;
    assert_eq!(
        c5.subscribe(1, &[("a/#/b", 0), ("ok/#", 1)]).await,
        vec![0x8F, 1]
    );
    let mut c3 = v3(addr, "bad-filter3").await;
    assert_eq!(
        c3.subscribe(1, &[("a/#/b", 0), ("ok/#", 1)]).await,
        vec![0x80, 1]
    );
    assert_broker_serves(addr).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn subscription_qos_downgrades_delivery() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    let mut s = v5(addr, "down").await;
    s.subscribe(1, &[("down/t", 1)]).await;
    let mut publ = v5(addr, "down-pub").await;
    publ.send(&publish(true, "down/t", "x", 2, false, 1, &[]))
        .await;
    publ.expect(kind::PUBREC).await;
    publ.send(&ack(0x62, 1)).await;
    assert_eq!(s.recv_publish_ack().await.qos, 1);
    broker.shutdown().await;
}
