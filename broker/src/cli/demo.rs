//! `tern demo`: the seeds' scenario in one command — a broker with the seeds'
//! namespace serving the dashboard, simulated devices on TLS with their
//! certificates, and a dashboard URL that is already logged in (a development
//! token in the URL fragment).

use anyhow::Context;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use tern::demo::{self, DemoListeners};
use tern_device::{BrokerAddress, DeviceIds, Simulator, SimulatorConfig, TlsClientOptions};
use tokio_util::sync::CancellationToken;

/// `tern demo` options.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// HTTP listener: the dashboard, MQTT over WebSocket, the admin API.
    #[arg(long, default_value = "127.0.0.1:8080")]
    http: SocketAddr,
    /// MQTT/TCP listener.
    #[arg(long, default_value = "127.0.0.1:1883")]
    mqtt: SocketAddr,
    /// MQTT/TLS listener (the simulated devices connect here with their certificates).
    #[arg(long, default_value = "127.0.0.1:8883")]
    mqtts: SocketAddr,
    /// How many simulated devices (device1 … deviceN).
    #[arg(long, default_value_t = 3)]
    devices: usize,
    /// Probability per second, per device, of an abrupt disconnect (shows offline, then online).
    #[arg(long, default_value_t = 0.0)]
    chaos: f64,
    /// Folder for the demo's certificates, keys, namespace and store (made once, reused).
    #[arg(long, default_value = "tern-demo")]
    data_dir: PathBuf,
    /// The built dashboard (scripts/build-web.sh writes dist/).
    #[arg(long, default_value = "dist")]
    web_dir: PathBuf,
}

/// Runs the demo until Ctrl-C / SIGTERM.
pub async fn run(
    args: DemoArgs,
    wait_for_signal: impl std::future::Future<Output = anyhow::Result<()>>,
) -> anyhow::Result<()> {
    anyhow::ensure!(args.devices >= 1, "--devices must be at least 1");
    let ids: Vec<String> = (1..=args.devices).map(|n| format!("device{n}")).collect();
    let files = demo::prepare(&args.data_dir, &ids)
        .with_context(|| format!("preparing {}", args.data_dir.display()))?;
    let web_dir = args
        .web_dir
        .join("index.html")
        .exists()
        .then(|| args.web_dir.clone());
    if web_dir.is_none() {
        tracing::warn!(dir = %args.web_dir.display(), "no built dashboard there: run scripts/build-web.sh (the broker and devices run anyway)");
    }
    let admin_token = format!("{:032x}", fastrand::u128(..));
    let listeners = DemoListeners {
        mqtt: args.mqtt,
        mqtts: args.mqtts,
        http: args.http,
    };
    let config = demo::config(&files, &listeners, web_dir, admin_token.clone());
    let hostname = config.access.hostname.clone();
    let broker = tern::Broker::start(config).await?;
    let mqtts = broker.mqtts_addr().context("the demo's TLS listener")?;

    let mut simulator = SimulatorConfig::new(BrokerAddress {
        host: mqtts.ip().to_string(),
        port: mqtts.port(),
    });
    simulator.devices = DeviceIds::Ids(ids);
    simulator.chaos_rate = args.chaos;
    simulator.tls = Some(TlsClientOptions {
        ca_pem: files.ca_pem.clone(),
        cert_dir: Some(files.device_cert_dir.clone()),
    });
    let stop_devices = CancellationToken::new();
    let fleet = Simulator::start(&simulator, stop_devices.clone())?;

    let token = demo::dashboard_token(&files, &hostname, 24 * 3600)?;
    println!(
        "MQTT: mqtt://{} and mqtts://{mqtts} (devices)",
        broker.mqtt_addr()
    );
    println!(
        "Admin API: http://{}/api/v1 (bearer token {admin_token})",
        broker.http_addr()
    );
    println!("Dashboard (logged in as {}):", demo::CLOUD_APP);
    println!("http://{}/#token={token}", broker.http_addr());
    wait_for_signal.await?;
    tracing::info!("stopping the devices and the broker");
    stop_devices.cancel();
    if let Err(e) = fleet.join().await {
        tracing::warn!(error = %e, "a simulated device ended with an error");
    }
    broker.shutdown().await;
    Ok(())
}
