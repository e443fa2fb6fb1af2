//! `tern-device`: a fleet of simulated MQTT 5 devices, the counterpart of the dashboard's
//! "cloud application" in Event Grid's request-response and last-will walkthroughs.
//!
//! Each device `{id}`:
//! - connects with client id `{id}` (username `{id}` by default), clean start, and a will
//!   `offline` (retained, QoS 1) on `clients/{id}/status`;
//! - subscribes to `devices/{id}/desired` (QoS 1), then publishes a retained `online` on
//!   `clients/{id}/status` — so once `online` is seen, requests reach it;
//! - merges each desired payload (a JSON object, RFC 7396 merge) into its state and answers on
//!   the request's Response Topic (else `devices/{id}/reported`) with the same Correlation
//!   Data, its full reported state (with `"$version"`), Content Type `application/json`,
//!   Payload Format Indicator 1 and the user property `firmware`; a refused request is
//!   answered with the unchanged state and a user property `error`;
//! - with a chaos rate, drops its connection abruptly (no DISCONNECT: the broker publishes
//!   the will) and reconnects after a short backoff;
//! - on shutdown publishes a retained `offline` and sends DISCONNECT 0x00.
//!
//! The MQTT client is rumqttc's v5 client. [`run`] runs a fleet until a token is cancelled;
//! [`Simulator::start`] does the same but hands back a [`DeviceHandle`] per device;
//! [`spawn_device`] runs a single one.

pub mod config;
mod device;
pub mod state;
pub mod tls;
pub mod topics;

pub use config::{
    BrokerAddress, ConfigError, DeviceConfig, DeviceIds, SimulatorConfig, TlsClientOptions,
};
pub use device::{run_device, spawn_device, DeviceHandle, DeviceStatus};
pub use tls::{DeviceTls, TlsError};
pub use tokio_util::sync::CancellationToken;

/// Why the simulator could not start or ended badly.
#[derive(Debug, thiserror::Error)]
pub enum SimulatorError {
    /// A configuration value breaks a rule.
    #[error("invalid configuration: {0}")]
    Config(#[from] ConfigError),
    /// A device's TLS files are unusable.
    #[error("TLS files of device `{device}`: {source}")]
    Tls {
        /// The device.
        device: String,
        /// What is wrong with its files.
        source: TlsError,
    },
    /// A device task panicked.
    #[error("device `{id}` failed: {source}")]
    DeviceTask {
        /// The device.
        id: String,
        /// The task's failure.
        source: tokio::task::JoinError,
    },
}

/// A running fleet.
#[derive(Debug)]
pub struct Simulator {
    devices: Vec<DeviceHandle>,
}

impl Simulator {
    /// Validates `config`, reads the TLS files and starts every device on the current tokio
    /// runtime. The devices run until `shutdown` is cancelled.
    pub fn start(
        config: &SimulatorConfig,
        shutdown: CancellationToken,
    ) -> Result<Self, SimulatorError> {
        let configs = config.device_configs()?;
        let devices = configs
            .into_iter()
            .map(|c| spawn_device(c, shutdown.child_token()))
            .collect();
        Ok(Self { devices })
    }

    /// Starts a fleet from ready device configurations (e.g. with initial states).
    pub fn start_devices(
        configs: Vec<DeviceConfig>,
        shutdown: CancellationToken,
    ) -> Result<Self, SimulatorError> {
        for c in &configs {
            c.validate()?;
        }
        let devices = configs
            .into_iter()
            .map(|c| spawn_device(c, shutdown.child_token()))
            .collect();
        Ok(Self { devices })
    }

    /// The devices, in configuration order.
    pub fn devices(&self) -> &[DeviceHandle] {
        &self.devices
    }

    /// The device with this id.
    pub fn device(&self, id: &str) -> Option<&DeviceHandle> {
        self.devices.iter().find(|d| d.id() == id)
    }

    /// Waits until every device has stopped (after the shutdown token is cancelled, each
    /// publishes `offline` and disconnects).
    pub async fn join(self) -> Result<(), SimulatorError> {
        let mut first_error = None;
        for device in self.devices {
            let id = device.id().to_owned();
            if let Err(source) = device.join().await {
                first_error.get_or_insert(SimulatorError::DeviceTask { id, source });
            }
        }
        first_error.map_or(Ok(()), Err)
    }
}

/// Runs the fleet described by `config` until `shutdown` is cancelled, then returns once every
/// device has published `offline` and disconnected.
pub async fn run(
    config: SimulatorConfig,
    shutdown: CancellationToken,
) -> Result<(), SimulatorError> {
    Simulator::start(&config, shutdown)?.join().await
}
