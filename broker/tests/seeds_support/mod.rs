//! What the seed tests share: a broker with the access model, TLS listeners
//! and the admin API ([`Setup`]), the real `tern` CLI run against it, and a
//! bounded wait for a packet on a rumqttc event loop.

use rumqttc::v5::mqttbytes::v5::Packet;
use rumqttc::v5::{AsyncClient, Event, MqttOptions};
use rumqttc::{TlsConfiguration, Transport};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tern_tests::{mosquitto_pub, MqttVersion};

pub const TOKEN: &str = "seed-admin-token";
pub const STEP: Duration = Duration::from_secs(10);

/// A broker with the access model, TLS listeners and the admin API, plus its PKI folder.
pub struct Setup {
    pub broker: tern::Broker,
    pub dir: tempfile::TempDir,
}

impl Setup {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let pki = dir.path();
        cli_ok(
            None,
            &["certs", "ca", "create", "--out", arg(&pki.join("ca"))],
        )
        .await;
        cli_ok(
            None,
            &[
                "certs",
                "server",
                "create",
                "--ca",
                arg(&pki.join("ca")),
                "--out",
                arg(&pki.join("server")),
                "--dns",
                "localhost",
                "--ip",
                "127.0.0.1",
            ],
        )
        .await;
        let mut config = tern::Config::for_tests();
        config.open = false;
        config.admin.token = Some(TOKEN.into());
        let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
        config.listeners.mqtts = Some(loopback);
        config.tls.cert = Some(pki.join("server/server.pem"));
        config.tls.key = Some(pki.join("server/server.key"));
        let broker = tern::Broker::start(config).await.expect("broker starts");
        Self { broker, dir }
    }

    pub fn pki(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `tern ARGS` against this broker's admin API; returns stdout.
    pub async fn tern(&self, args: &[&str]) -> String {
        cli_ok(Some(self), args).await
    }

    /// `tern certs client create NAME` (self-signed or CA-signed); returns the thumbprint.
    pub async fn client_cert(&self, name: &str, self_signed: bool) -> String {
        let mut args = vec!["certs", "client", "create", name];
        let ca = arg(&self.pki().join("ca")).to_owned();
        let out = arg(&self.pki().join("clients")).to_owned();
        if self_signed {
            args.push("--self-signed");
        } else {
            args.extend(["--ca", &ca]);
        }
        args.extend(["--out", &out]);
        let stdout = cli_ok(None, &args).await;
        stdout.trim().to_owned()
    }

    pub fn mqtts_port(&self) -> u16 {
        self.broker.mqtts_addr().unwrap().port()
    }

    /// mosquitto's TLS and identity arguments for client `name` (client id
    /// `client_id`, user name = authentication name, its certificate).
    pub fn mosquitto_args(&self, name: &str, client_id: &str) -> Vec<String> {
        let cert = |ext| arg(&self.pki().join(format!("clients/{name}.{ext}"))).to_owned();
        vec![
            "-h".into(),
            "localhost".into(),
            "--cafile".into(),
            arg(&self.pki().join("ca/ca.pem")).into(),
            "--cert".into(),
            cert("pem"),
            "--key".into(),
            cert("key"),
            "-i".into(),
            client_id.into(),
            "-u".into(),
            name.into(),
        ]
    }

    /// `mosquitto_pub -V mqttv5` over TLS with identity arguments `args` (see
    /// [`Self::mosquitto_args`]) plus `extra`.
    pub async fn publish(
        &self,
        mut args: Vec<String>,
        topic: &str,
        message: &str,
        extra: &[&str],
    ) -> anyhow::Result<()> {
        args.extend(extra.iter().map(|a| a.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        mosquitto_pub(self.mqtts_port(), MqttVersion::V5, topic, message, &args).await
    }

    /// An MQTT 5 rumqttc client over TLS with `name`'s certificate.
    pub fn rumqttc(
        &self,
        name: &str,
        configure: impl FnOnce(&mut MqttOptions),
    ) -> (AsyncClient, rumqttc::v5::EventLoop) {
        let read = |p: PathBuf| std::fs::read(p).unwrap();
        let mut options = MqttOptions::new(name, "localhost", self.mqtts_port());
        options.set_credentials(name, "");
        options.set_transport(Transport::tls_with_config(TlsConfiguration::Simple {
            ca: read(self.pki().join("ca/ca.pem")),
            alpn: None,
            client_auth: Some((
                read(self.pki().join(format!("clients/{name}.pem"))),
                read(self.pki().join(format!("clients/{name}.key"))),
            )),
        }));
        configure(&mut options);
        AsyncClient::new(options, 10)
    }
}

pub fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// Runs the real `tern` binary (bounded), asserting success; returns stdout.
pub async fn cli_ok(setup: Option<&Setup>, args: &[&str]) -> String {
    let (ok, stdout, stderr) = cli(setup, args).await;
    assert!(ok, "tern {}: {stderr}", args.join(" "));
    stdout
}

/// Runs the real `tern` binary: (success, stdout, stderr).
pub async fn cli(setup: Option<&Setup>, args: &[&str]) -> (bool, String, String) {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_tern"));
    command
        .args(args)
        .kill_on_drop(true)
        .env("RUST_LOG", "warn");
    if let Some(setup) = setup {
        command
            .env(
                "TERN_ADMIN_URL",
                format!("http://{}", setup.broker.http_addr()),
            )
            .env("TERN_ADMIN_TOKEN", TOKEN);
    }
    let output = tokio::time::timeout(STEP, command.output())
        .await
        .expect("tern CLI finished in time")
        .expect("tern CLI runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Polls an event loop until `want` matches an incoming packet.
pub async fn wait_for<T>(
    events: &mut rumqttc::v5::EventLoop,
    mut want: impl FnMut(&Packet) -> Option<T>,
) -> T {
    tokio::time::timeout(STEP, async {
        loop {
            if let Event::Incoming(packet) = events.poll().await.expect("rumqttc event loop") {
                if let Some(found) = want(&packet) {
                    return found;
                }
            }
        }
    })
    .await
    .expect("packet in time")
}
