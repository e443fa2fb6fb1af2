//! Open mode's guard rails (loopback only unless forced, no enhanced-auth
//! method) and topic aliases the broker assigns to clients that allow them.

use crate::common;

use common::*;

#[tokio::test]
async fn open_mode_refuses_a_non_loopback_address_unless_forced() {
    let mut config = tern::Config::for_tests();
    config.listeners.mqtt = "0.0.0.0:0".parse().unwrap();
    let err = tern::Broker::start(config.clone()).await.unwrap_err();
    assert!(
        matches!(err, tern::StartError::OpenOnPublicAddress(_)),
        "{err}"
    );
    config.force_open_on_public_address = true;
    let broker = tern::Broker::start(config)
        .await
        .expect("forced open mode starts");
    broker.shutdown().await;
}

#[tokio::test]
async fn without_open_mode_an_empty_namespace_refuses_every_client() {
    let mut config = tern::Config::for_tests();
    config.open = false;
    let broker = tern::Broker::start(config).await.expect("starts");
    // Default deny: nobody is registered, so the credentials are bad (0x86 / 3.1.1 code 4).
    let (mut raw, connack) = Raw::connect(broker.mqtt_addr(), &Connect::v5("stranger")).await;
    assert_eq!(connack.code, 0x86);
    raw.expect_closed().await;
    let (mut raw, connack) = Raw::connect(broker.mqtt_addr(), &Connect::v3("stranger")).await;
    assert_eq!(connack.code, 4);
    raw.expect_closed().await;
    broker.shutdown().await;
}

#[tokio::test]
async fn open_mode_refuses_enhanced_authentication_with_0x8c() {
    let broker = start().await;
    // Authentication Method (0x15) "SCRAM-SHA-1" [MQTT-4.12.0-1].
    let connect = Connect::v5("auth-client").props(prop::str(0x15, "SCRAM-SHA-1"));
    let (mut raw, connack) = Raw::connect(broker.mqtt_addr(), &connect).await;
    assert_eq!(connack.code, 0x8C, "Bad authentication method");
    raw.expect_closed().await;
    assert_broker_serves(broker.mqtt_addr()).await;
    broker.shutdown().await;
}

#[tokio::test]
async fn broker_assigns_topic_aliases_to_clients_that_allow_them() {
    let broker = start().await;
    let addr = broker.mqtt_addr();
    // Topic Alias Maximum (0x22) = 5 in CONNECT.
    let (mut sub, _) =
        Raw::connected(addr, &Connect::v5("alias-sub").props(prop::u16(0x22, 5))).await;
    assert_eq!(sub.subscribe(1, &[("alias/t", 0)]).await, vec![0]);
    let mut publ = v5(addr, "alias-pub").await;
    for n in 0..3 {
        publ.send(&publish(true, "alias/t", format!("m{n}"), 0, false, 0, &[]))
            .await;
    }
    let first = sub.expect_publish().await;
    let alias = first
        .props
        .int(0x23)
        .expect("first PUBLISH sets a Topic Alias");
    assert_eq!(first.topic, "alias/t");
    assert!((1..=5).contains(&alias));
    for _ in 0..2 {
        let next = sub.expect_publish().await;
        assert_eq!(next.topic, "", "later PUBLISHes use the alias alone");
        assert_eq!(next.props.int(0x23), Some(alias));
    }
    // A client that allows no aliases never gets one.
    let mut plain = v5(addr, "plain-sub").await;
    assert_eq!(plain.subscribe(1, &[("alias/t", 0)]).await, vec![0]);
    publ.send(&publish(true, "alias/t", "x", 0, false, 0, &[]))
        .await;
    let got = plain.expect_publish().await;
    assert_eq!(got.topic, "alias/t");
    assert_eq!(got.props.int(0x23), None);
    broker.shutdown().await;
}
