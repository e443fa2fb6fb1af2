//! `tern-device`: runs a fleet of simulated MQTT 5 devices against a broker until Ctrl-C or
//! SIGTERM, then has each publish a retained `offline` and disconnect cleanly.

use anyhow::Context;
use clap::Parser;
use std::path::PathBuf;
use std::time::Duration;
use tern_device::{BrokerAddress, CancellationToken, DeviceIds, SimulatorConfig, TlsClientOptions};

/// Simulated MQTT 5 devices: retained online/offline status with a will on
/// `clients/{id}/status`, desired requests on `devices/{id}/desired` answered with the
/// reported state (Response Topic + Correlation Data, or `devices/{id}/reported`).
#[derive(Debug, Parser)]
#[command(name = "tern-device", version)]
struct Cli {
    /// The broker's MQTT address, `host:port` (TLS when --cafile is given).
    #[arg(long, default_value = "127.0.0.1:1883")]
    mqtt: BrokerAddress,
    /// How many devices, named `{prefix}1` … `{prefix}N` (ignored with --ids).
    #[arg(long, default_value_t = 3)]
    devices: usize,
    /// The id prefix for --devices.
    #[arg(long, default_value = "device")]
    prefix: String,
    /// Exact device ids, comma-separated (instead of --devices/--prefix).
    #[arg(long, value_delimiter = ',')]
    ids: Option<Vec<String>>,
    /// The firmware version reported in the `firmware` user property.
    #[arg(long, default_value = tern_device::config::DEFAULT_FIRMWARE)]
    firmware: String,
    /// Probability per second, per device, of an abrupt connection drop (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    chaos: f64,
    /// Seconds to wait before reconnecting after a drop.
    #[arg(long, default_value_t = 1.0)]
    backoff: f64,
    /// CONNECT username; `{id}` is replaced by the device id. Empty: send none.
    #[arg(long, default_value = tern_device::config::ID_PLACEHOLDER)]
    username: String,
    /// CONNECT password (the same for every device).
    #[arg(long, env = "TERN_DEVICE_PASSWORD")]
    password: Option<String>,
    /// PEM CA certificate(s) of the broker: connect with TLS.
    #[arg(long)]
    cafile: Option<PathBuf>,
    /// Folder with each device's client certificate `{id}.pem` and key `{id}.key`
    /// (requires --cafile).
    #[arg(long, requires = "cafile")]
    cert_dir: Option<PathBuf>,
}

impl Cli {
    fn into_config(self) -> anyhow::Result<SimulatorConfig> {
        let backoff = Duration::try_from_secs_f64(self.backoff)
            .ok()
            .filter(|d| *d <= Duration::from_secs(3600))
            .with_context(|| {
                format!("--backoff: must be 0..=3600 seconds, got {}", self.backoff)
            })?;
        let mut config = SimulatorConfig::new(self.mqtt);
        config.devices = match self.ids {
            Some(ids) => DeviceIds::Ids(ids),
            None => DeviceIds::Count {
                count: self.devices,
                prefix: self.prefix,
            },
        };
        config.firmware = self.firmware;
        config.chaos_rate = self.chaos;
        config.reconnect_backoff = backoff;
        config.username = self.username;
        config.password = self.password;
        config.tls = self.cafile.map(|ca_pem| TlsClientOptions {
            ca_pem,
            cert_dir: self.cert_dir,
        });
        Ok(config)
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let config = Cli::parse().into_config()?;
    let shutdown = CancellationToken::new();
    let simulator = tern_device::Simulator::start(&config, shutdown.clone())?;
    tracing::info!(
        broker = %config.broker,
        devices = simulator.devices().len(),
        chaos = config.chaos_rate,
        "simulating devices"
    );
    wait_for_signal().await?;
    tracing::info!("shutting down: publishing offline and disconnecting");
    shutdown.cancel();
    simulator.join().await?;
    Ok(())
}

async fn wait_for_signal() -> anyhow::Result<()> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("installing the SIGTERM handler")?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r.context("waiting for Ctrl-C")?,
        _ = term.recv() => {}
    }
    Ok(())
}
