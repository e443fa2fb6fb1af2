//! MQTT over TLS and secure WebSocket, end to end: mosquitto_pub/sub (3.1.1 and 5,
//! with and without client certificates), rumqttc's rustls transport, MQTT.js over
//! wss, SNI by name and by IP, refusal of TLS 1.1 and plaintext on the TLS port,
//! slow handshakes, and the client certificate reaching the access model.

use crate::tls_support;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tern::{Broker, StartError};
use tern_tests::{mosquitto_pub, run_node_script, MosquittoSub, MqttVersion, SubOptions};
use tls_support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const STEP: Duration = Duration::from_secs(10);

/// A client certificate file and its key file.
type ClientFiles<'a> = (&'a Path, &'a Path);

/// mosquitto's TLS arguments: trust the test CA, connect by `host` (SNI and
/// certificate name check), present `client` if given.
fn mosquitto_tls_args(pki: &Pki, host: &str, client: Option<&ClientFiles>) -> Vec<String> {
    let mut args = vec![
        "-h".to_owned(),
        host.to_owned(),
        "--cafile".to_owned(),
        path(&pki.ca_pem),
    ];
    if let Some(c) = client {
        args.extend([
            "--cert".to_owned(),
            path(c.0),
            "--key".to_owned(),
            path(c.1),
        ]);
    }
    args
}

fn client_files(issued: &tern::certs::Issued) -> ClientFiles<'_> {
    (&issued.cert_path, &issued.key_path)
}

fn path(p: &Path) -> String {
    p.to_str().expect("UTF-8 temp path").to_owned()
}

#[tokio::test]
async fn mosquitto_clients_over_tls_with_and_without_client_certificates() {
    let pki = Pki::new();
    let broker = Broker::start(pki.config()).await.unwrap();
    let port = broker.mqtts_addr().expect("mqtts listener").port();
    let dev1 = client_files(&pki.dev1);
    let dev2 = client_files(&pki.dev2);
    // (subscriber version, its host and certificate), (publisher version, host, certificate)
    let cases = [
        (
            MqttVersion::V5,
            "localhost",
            None,
            MqttVersion::V311,
            "127.0.0.1",
            Some(&dev1),
        ),
        (
            MqttVersion::V311,
            "127.0.0.1",
            Some(&dev2),
            MqttVersion::V5,
            "localhost",
            None,
        ),
    ];
    for (i, (sub_v, sub_host, sub_cert, pub_v, pub_host, pub_cert)) in cases.into_iter().enumerate()
    {
        let options = SubOptions::default()
            .qos(1)
            .count(1)
            .verbose()
            .args(mosquitto_tls_args(&pki, sub_host, sub_cert));
        let topic = format!("tls/m{i}");
        let mut sub = MosquittoSub::subscribe(port, sub_v, &topic, options)
            .await
            .unwrap();
        let pub_args = mosquitto_tls_args(&pki, pub_host, pub_cert);
        let mut args: Vec<&str> = pub_args.iter().map(String::as_str).collect();
        args.extend(["-q", "1"]);
        mosquitto_pub(port, pub_v, &topic, "secret", &args)
            .await
            .unwrap();
        assert_eq!(
            sub.collect(1, STEP).await.unwrap(),
            vec![format!("{topic} secret")],
            "case {i}"
        );
    }
    // Without the CA, mosquitto refuses the server (the certificate is really checked).
    let err = mosquitto_pub(
        port,
        MqttVersion::V5,
        "tls/x",
        "x",
        &["-h", "127.0.0.1", "--capath", "/nonexistent-ca-dir"],
    )
    .await
    .unwrap_err();
    assert!(format!("{err:#}").contains("TLS"), "{err:#}");
    broker.shutdown().await;
}

#[tokio::test]
async fn rumqttc_over_tls_by_name_with_a_client_certificate_and_by_ip_without() {
    use rumqttc::{TlsConfiguration, Transport};
    let pki = Pki::new();
    let broker = Broker::start(pki.config()).await.unwrap();
    let port = broker.mqtts_addr().unwrap().port();
    let ca = std::fs::read(&pki.ca_pem).unwrap();
    let client_auth = Some((
        std::fs::read(&pki.dev1.cert_path).unwrap(),
        std::fs::read(&pki.dev1.key_path).unwrap(),
    ));
    let tls = |client_auth| {
        Transport::tls_with_config(TlsConfiguration::Simple {
            ca: ca.clone(),
            alpn: None,
            client_auth,
        })
    };

    // MQTT 3.1.1 subscriber: SNI "localhost", client certificate.
    let mut opts = rumqttc::MqttOptions::new("rumqttc-v4", "localhost", port);
    opts.set_transport(tls(client_auth));
    let (sub, mut sub_events) = rumqttc::AsyncClient::new(opts, 10);
    sub.subscribe("tls/rumqttc", rumqttc::QoS::AtLeastOnce)
        .await
        .unwrap();
    tokio::time::timeout(STEP, async {
        loop {
            if let rumqttc::Event::Incoming(rumqttc::Packet::SubAck(_)) =
                sub_events.poll().await.expect("v4 event loop")
            {
                return;
            }
        }
    })
    .await
    .expect("SUBACK in time");

    // MQTT 5 publisher: by IP (no SNI), no client certificate.
    use rumqttc::v5::mqttbytes::v5::Packet as P5;
    let mut opts = rumqttc::v5::MqttOptions::new("rumqttc-v5", "127.0.0.1", port);
    opts.set_transport(tls(None));
    let (publisher, mut pub_events) = rumqttc::v5::AsyncClient::new(opts, 10);
    publisher
        .publish(
            "tls/rumqttc",
            rumqttc::v5::mqttbytes::QoS::AtLeastOnce,
            false,
            "over tls",
        )
        .await
        .unwrap();
    let publisher_task = tokio::spawn(async move {
        loop {
            match pub_events.poll().await {
                Ok(rumqttc::v5::Event::Incoming(P5::PubAck(_))) => return Ok(()),
                Ok(_) => {}
                Err(e) => return Err(e.to_string()),
            }
        }
    });
    let received = tokio::time::timeout(STEP, async {
        loop {
            if let rumqttc::Event::Incoming(rumqttc::Packet::Publish(p)) =
                sub_events.poll().await.expect("v4 event loop")
            {
                return p;
            }
        }
    })
    .await
    .expect("message in time");
    assert_eq!(received.topic, "tls/rumqttc");
    assert_eq!(&received.payload[..], b"over tls");
    tokio::time::timeout(STEP, publisher_task)
        .await
        .expect("PUBACK in time")
        .unwrap()
        .expect("v5 publisher over TLS");
    broker.shutdown().await;
}

#[tokio::test]
async fn mqtt_js_over_wss_with_and_without_a_client_certificate() {
    let pki = Pki::new();
    let access = Arc::new(Recording::default());
    let broker = Broker::start_with_access(pki.config(), access.clone())
        .await
        .unwrap();
    let url = broker.wss_url().expect("wss listener");
    assert!(
        url.starts_with("wss://127.0.0.1:") && url.ends_with("/mqtt"),
        "{url}"
    );
    let ca = path(&pki.ca_pem);
    run_node_script("wss_tls.mjs", &[&url, &ca], STEP * 2)
        .await
        .unwrap();
    let without: Vec<String> = access.client_ids();
    assert_eq!(without.len(), 2, "{without:?}");
    for id in &without {
        assert_eq!(access.chain_of(id), Some(None), "{id} sent no certificate");
    }
    let (cert, key) = (path(&pki.dev1.cert_path), path(&pki.dev1.key_path));
    run_node_script("wss_tls.mjs", &[&url, &ca, &cert, &key], STEP * 2)
        .await
        .unwrap();
    let with: Vec<String> = access
        .client_ids()
        .into_iter()
        .filter(|id| !without.contains(id))
        .collect();
    assert_eq!(with.len(), 2, "{with:?}");
    for id in &with {
        assert!(id.starts_with("tern-js-wss-"), "{id}");
        let chain = access.chain_of(id).unwrap().expect("client certificate");
        assert_eq!(leaf_thumbprint(&chain), pki.dev1.sha256_thumbprint, "{id}");
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn the_client_certificate_reaches_the_access_model() {
    let pki = Pki::new();
    let access = Arc::new(Recording::default());
    let broker = Broker::start_with_access(pki.config(), access.clone())
        .await
        .unwrap();
    let port = broker.mqtts_addr().unwrap().port();
    let dev1 = client_files(&pki.dev1);
    let dev2 = client_files(&pki.dev2);
    // TLS 1.3 (mosquitto's default) with the CA-signed certificate, TLS 1.2 with
    // the self-signed one, and no certificate.
    let runs: [(&str, Option<&ClientFiles>, &[&str]); 3] = [
        ("cert-tls13", Some(&dev1), &[]),
        ("cert-tls12", Some(&dev2), &["--tls-version", "tlsv1.2"]),
        ("no-cert", None, &[]),
    ];
    for (id, client, extra) in runs {
        let tls = mosquitto_tls_args(&pki, "localhost", client);
        let mut args: Vec<&str> = tls.iter().map(String::as_str).collect();
        args.extend(["-i", id]);
        args.extend(extra);
        mosquitto_pub(port, MqttVersion::V5, "tls/who", "x", &args)
            .await
            .unwrap();
    }
    let chain = access.chain_of("cert-tls13").unwrap().expect("chain");
    assert_eq!(leaf_thumbprint(&chain), pki.dev1.sha256_thumbprint);
    // OpenSSL completes the chain from its CA file: the CA may follow the leaf.
    let ca = der(&pki.ca_pem).to_vec();
    assert!(
        chain[1..].iter().all(|c| *c == ca),
        "{} certificates",
        chain.len()
    );
    let chain = access.chain_of("cert-tls12").unwrap().expect("chain");
    assert_eq!(leaf_thumbprint(&chain), pki.dev2.sha256_thumbprint);
    assert_eq!(access.chain_of("no-cert"), Some(None));
    // Plain TCP carries no certificate.
    mosquitto_pub(
        broker.mqtt_addr().port(),
        MqttVersion::V311,
        "tls/who",
        "x",
        &["-i", "plain"],
    )
    .await
    .unwrap();
    assert_eq!(access.chain_of("plain"), Some(None));
    broker.shutdown().await;
}

#[tokio::test]
async fn a_client_without_the_key_of_its_certificate_is_refused_in_the_handshake() {
    let pki = Pki::new();
    let access = Arc::new(Recording::default());
    let broker = Broker::start_with_access(pki.config(), access.clone())
        .await
        .unwrap();
    let addr = broker.mqtts_addr().unwrap();
    // Control: the certificate with its own key is accepted and recorded.
    let good = pki.client_config(Some((&pki.dev1.cert_path, &pki.dev1.key_path)));
    let mut stream = tls_connect(addr, "localhost", good).await.unwrap();
    assert_eq!(mqtt_connect(&mut stream, "holder").await, Some(0));
    let chain = access.chain_of("holder").unwrap().expect("chain");
    assert_eq!(leaf_thumbprint(&chain), pki.dev1.sha256_thumbprint);
    // dev1's certificate signed with dev2's key: the handshake signature fails.
    let forged = pki.client_config(Some((&pki.dev1.cert_path, &pki.dev2.key_path)));
    let connack = match tls_connect(addr, "localhost", forged).await {
        // TLS 1.3: the client finishes first and learns of the refusal on its next read.
        Ok(mut stream) => mqtt_connect(&mut stream, "forger").await,
        Err(_) => None,
    };
    assert_eq!(connack, None);
    assert_eq!(
        access.chain_of("forger"),
        None,
        "the forger reached the access model"
    );
    broker.shutdown().await;
}

#[tokio::test]
async fn https_serves_the_health_check_by_name_and_by_ip() {
    let pki = Pki::new();
    let broker = Broker::start(pki.config()).await.unwrap();
    let addr = broker.https_addr().unwrap();
    for name in ["localhost", "127.0.0.1"] {
        let mut stream = tls_connect(addr, name, pki.client_config(None))
            .await
            .unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let response = String::from_utf8(read_to_close(&mut stream).await).unwrap();
        assert!(response.starts_with("HTTP/1.1 200"), "{name}: {response}");
        assert!(response.ends_with("ok"), "{name}: {response}");
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn tls_11_plaintext_and_stalled_handshakes_do_not_disturb_other_clients() {
    let pki = Pki::new();
    let mut config = pki.config();
    // Long enough that the stalled socket below is certainly still open at the end.
    config.listeners.connect_timeout_secs = 120;
    let broker = Broker::start(config).await.unwrap();
    let addr = broker.mqtts_addr().unwrap();
    // A connected TLS subscriber that must keep working throughout.
    let options = SubOptions::default()
        .qos(1)
        .count(1)
        .verbose()
        .args(mosquitto_tls_args(&pki, "localhost", None));
    let mut sub = MosquittoSub::subscribe(addr.port(), MqttVersion::V5, "tls/alive", options)
        .await
        .unwrap();
    // A socket that never starts its handshake, held open: accepting goes on.
    let mut stalled = TcpStream::connect(addr).await.unwrap();

    // TLS 1.1: answered with a fatal alert (content type 21), never a ServerHello.
    let mut old = TcpStream::connect(addr).await.unwrap();
    old.write_all(&tls11_client_hello()).await.unwrap();
    let answer = read_to_close(&mut old).await;
    // One record: content type 21 (alert), 2 bytes, level 2 (fatal).
    assert_eq!(answer.len(), 7, "expected one alert record, got {answer:?}");
    assert_eq!((answer[0], answer[4], answer[5]), (21, 2, 2), "{answer:?}");

    // Plaintext MQTT on the TLS port: no CONNACK, the connection is closed.
    let mut plain = TcpStream::connect(addr).await.unwrap();
    assert_eq!(mqtt_connect(&mut plain, "plaintext").await, None);

    // Another TLS client connects while the stalled socket is still open.
    let mut tls = tls_connect(addr, "localhost", pki.client_config(None))
        .await
        .unwrap();
    assert_eq!(mqtt_connect(&mut tls, "fresh").await, Some(0));
    let publisher = mosquitto_tls_args(&pki, "127.0.0.1", None);
    let mut args: Vec<&str> = publisher.iter().map(String::as_str).collect();
    args.extend(["-q", "1"]);
    mosquitto_pub(
        addr.port(),
        MqttVersion::V311,
        "tls/alive",
        "still here",
        &args,
    )
    .await
    .unwrap();
    assert_eq!(
        sub.collect(1, STEP).await.unwrap(),
        ["tls/alive still here"]
    );
    let mut byte = [0u8; 1];
    assert!(
        tokio::time::timeout(Duration::from_millis(50), stalled.read(&mut byte))
            .await
            .is_err(),
        "the stalled socket is still waiting (its time-out is 120 s)"
    );
    broker.shutdown().await;
}

#[tokio::test]
async fn a_handshake_that_never_starts_is_closed_after_the_connect_timeout() {
    let pki = Pki::new();
    let mut config = pki.config();
    config.listeners.connect_timeout_secs = 1;
    let broker = Broker::start(config).await.unwrap();
    for addr in [broker.mqtts_addr().unwrap(), broker.https_addr().unwrap()] {
        let mut stalled = TcpStream::connect(addr).await.unwrap();
        let started = std::time::Instant::now();
        assert_eq!(read_to_close(&mut stalled).await, Vec::<u8>::new());
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
            "{addr}: closed after {waited:?}"
        );
    }
    broker.shutdown().await;
}

#[tokio::test]
async fn a_tls_listener_without_a_usable_certificate_is_a_start_error() {
    let pki = Pki::new();
    for listener in ["mqtts", "https"] {
        let mut config = pki.config();
        config.tls.key = None;
        if listener == "mqtts" {
            config.listeners.https = None;
        } else {
            config.listeners.mqtts = None;
        }
        let err = Broker::start(config).await.unwrap_err();
        assert!(matches!(err, StartError::Tls(_)), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains(&format!("listeners.{listener}")) && text.contains("[tls] cert and key"),
            "{text}"
        );
    }
    let mut config = pki.config();
    config.tls.cert = Some("/nonexistent/server.pem".into());
    let text = Broker::start(config).await.unwrap_err().to_string();
    assert!(text.contains("/nonexistent/server.pem"), "{text}");
    // A key that is not the certificate's.
    let mut config = pki.config();
    config.tls.key = Some(pki.dev1.key_path.clone());
    let text = Broker::start(config).await.unwrap_err().to_string();
    assert!(text.contains("cannot be used"), "{text}");
}
