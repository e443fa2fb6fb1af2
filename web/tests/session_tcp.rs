//! The dashboard's sans-I/O MQTT session against a real Tern over TCP (native):
//! the same code the browser drives over a WebSocket. Request-response with
//! correlation data, presence from a will, and a refused JWT.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::VecDeque;
use std::time::Duration;
use tern_web::services::mqtt::{
    ConnectOptions, Credentials, Notice, OutgoingPublish, Output, Session, Will,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const WAIT: Duration = Duration::from_secs(5);

/// A session on a TCP socket; collects notices.
struct Peer {
    session: Session,
    stream: TcpStream,
    notices: VecDeque<Notice>,
}

impl Peer {
    async fn connect(addr: std::net::SocketAddr, opts: ConnectOptions) -> Self {
        let stream = tokio::time::timeout(WAIT, TcpStream::connect(addr))
            .await
            .expect("connect in time")
            .expect("connect");
        let mut peer = Self {
            session: Session::new(),
            stream,
            notices: VecDeque::new(),
        };
        let out = peer.session.connect(&opts).expect("CONNECT builds");
        peer.act(out).await;
        peer
    }

    async fn act(&mut self, outputs: Vec<Output>) {
        for o in outputs {
            match o {
                Output::Send(bytes) => self.stream.write_all(&bytes).await.expect("write"),
                Output::Notice(n) => self.notices.push_back(n),
                Output::Close => {
                    let _ = self.stream.shutdown().await;
                }
                Output::StartTimer { .. } | Output::CancelTimer(_) => {}
            }
        }
    }

    /// Reads until a notice matching `pred` arrives (bounded by WAIT).
    async fn until(&mut self, what: &str, pred: impl Fn(&Notice) -> bool) -> Notice {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Some(i) = self.notices.iter().position(&pred) {
                return self.notices.remove(i).unwrap();
            }
            let mut buf = [0u8; 4096];
            let n = tokio::time::timeout_at(deadline, self.stream.read(&mut buf))
                .await
                .unwrap_or_else(|_| panic!("timed out waiting for {what}; got {:?}", self.notices))
                .expect("read");
            assert!(n > 0, "socket closed while waiting for {what}");
            let out = self.session.receive(&buf[..n]);
            self.act(out).await;
        }
    }

    async fn subscribe(&mut self, filters: &[&str]) -> Vec<u8> {
        let (pid, out) = self.session.subscribe(filters).expect("subscribe");
        self.act(out).await;
        match self
            .until(
                "SUBACK",
                |n| matches!(n, Notice::SubAck { packet_id, .. } if *packet_id == pid),
            )
            .await
        {
            Notice::SubAck { codes, .. } => codes,
            _ => unreachable!(),
        }
    }

    async fn publish(&mut self, msg: OutgoingPublish) {
        let (pid, out) = self.session.publish(&msg).expect("publish");
        self.act(out).await;
        let pid = pid.expect("QoS 1 has a packet id");
        let ack = self
            .until(
                "PUBACK",
                |n| matches!(n, Notice::PubAck { packet_id, .. } if *packet_id == pid),
            )
            .await;
        assert!(
            matches!(ack, Notice::PubAck { code, .. } if code < 0x80),
            "{ack:?}"
        );
    }
}

fn options(client_id: &str) -> ConnectOptions {
    ConnectOptions {
        client_id: client_id.into(),
        credentials: Credentials::UserPassword {
            username: client_id.into(),
            password: "pw".into(),
        },
        keep_alive_secs: 30,
        will: None,
    }
}

#[tokio::test]
async fn request_response_and_presence_against_tern() {
    let broker = tern::Broker::start(tern::Config::for_tests())
        .await
        .expect("broker starts");
    let addr = broker.mqtt_addr();

    let mut app = Peer::connect(addr, options("dashboard-test")).await;
    let prefix = match app
        .until("CONNACK", |n| matches!(n, Notice::Connected { .. }))
        .await
    {
        Notice::Connected {
            response_information,
            ..
        } => response_information,
        _ => unreachable!(),
    };
    assert!(app.session.is_connected());
    // Tern's default Response Information is `responses/{clientId}`.
    let prefix = prefix.expect("Tern sends Response Information when asked");
    assert_eq!(prefix, "responses/dashboard-test");
    let response_topic = format!("{prefix}/devices/dev1/reported");
    let codes = app
        .subscribe(&["clients/+/status", &format!("{prefix}/devices/+/reported")])
        .await;
    assert_eq!(codes, vec![1, 1]);

    // A device with a will, like the simulator.
    let mut device_opts = options("dev1");
    device_opts.will = Some(Will {
        topic: "clients/dev1/status".into(),
        payload: b"offline".to_vec(),
        retain: true,
    });
    let mut device = Peer::connect(addr, device_opts).await;
    device
        .until("device CONNACK", |n| matches!(n, Notice::Connected { .. }))
        .await;
    assert_eq!(device.subscribe(&["devices/dev1/desired"]).await, vec![1]);
    device
        .publish(OutgoingPublish {
            topic: "clients/dev1/status".into(),
            payload: b"online".to_vec(),
            qos: 1,
            retain: true,
            ..OutgoingPublish::default()
        })
        .await;
    let online = app
        .until(
            "online",
            |n| matches!(n, Notice::Message(m) if m.topic == "clients/dev1/status"),
        )
        .await;
    assert!(
        matches!(&online, Notice::Message(m) if m.payload == b"online"),
        "{online:?}"
    );

    // Request with correlation data; the device answers on the response topic.
    app.publish(OutgoingPublish {
        topic: "devices/dev1/desired".into(),
        payload: br#"{"temp":21}"#.to_vec(),
        qos: 1,
        response_topic: Some(response_topic.clone()),
        correlation_data: Some(b"corr-1".to_vec()),
        content_type: Some("application/json".into()),
        utf8_payload: true,
        ..OutgoingPublish::default()
    })
    .await;
    let request = match device
        .until(
            "request",
            |n| matches!(n, Notice::Message(m) if m.topic == "devices/dev1/desired"),
        )
        .await
    {
        Notice::Message(m) => m,
        _ => unreachable!(),
    };
    assert_eq!(
        request.response_topic.as_deref(),
        Some(response_topic.as_str())
    );
    assert_eq!(request.correlation_data.as_deref(), Some(&b"corr-1"[..]));
    assert_eq!(request.content_type.as_deref(), Some("application/json"));
    assert!(request.utf8_payload);
    device
        .publish(OutgoingPublish {
            topic: request.response_topic.clone().unwrap(),
            payload: br#"{"temp":21,"$version":2}"#.to_vec(),
            qos: 1,
            correlation_data: request.correlation_data.clone(),
            user_properties: vec![("firmware".into(), "1.0.0".into())],
            utf8_payload: true,
            ..OutgoingPublish::default()
        })
        .await;
    let response = match app
        .until(
            "response",
            |n| matches!(n, Notice::Message(m) if m.topic == response_topic),
        )
        .await
    {
        Notice::Message(m) => m,
        _ => unreachable!(),
    };
    assert_eq!(response.correlation_data.as_deref(), Some(&b"corr-1"[..]));
    assert_eq!(
        response.user_properties,
        vec![("firmware".to_string(), "1.0.0".to_string())]
    );

    // The device vanishes without DISCONNECT: its will says offline.
    drop(device);
    let offline = app
        .until(
            "will",
            |n| matches!(n, Notice::Message(m) if m.topic == "clients/dev1/status"),
        )
        .await;
    assert!(
        matches!(&offline, Notice::Message(m) if m.payload == b"offline"),
        "{offline:?}"
    );

    // A clean DISCONNECT from the dashboard closes the socket.
    let out = app.session.disconnect();
    assert!(out.iter().any(|o| matches!(o, Output::Send(_))));
    assert!(matches!(out.last(), Some(Output::Close)));
    broker.shutdown().await;
}

#[tokio::test]
async fn jwt_is_sent_as_custom_jwt_and_refusal_is_reported() {
    let broker = tern::Broker::start(tern::Config::for_tests())
        .await
        .expect("broker starts");
    let mut opts = options("jwt-client");
    opts.credentials = Credentials::Jwt {
        token: "aaa.bbb.ccc".into(),
    };
    let mut app = Peer::connect(broker.mqtt_addr(), opts).await;
    // Open mode refuses every Authentication Method with 0x8C (bad authentication method);
    // what matters here is that the session reports the refusal with its code.
    let refused = app
        .until("CONNACK", |n| {
            matches!(n, Notice::Refused { .. } | Notice::Connected { .. })
        })
        .await;
    assert!(
        matches!(refused, Notice::Refused { code: 0x8C, .. }),
        "{refused:?}"
    );
    assert!(!app.session.is_connected());
    broker.shutdown().await;
}
