//! What a simulated fleet and each of its devices are told: the broker, the device ids,
//! firmware, chaos rate, credentials and TLS files.
//!
//! [`SimulatorConfig`] is what the CLI and `tern demo` fill in; [`SimulatorConfig::device_configs`]
//! validates it and expands it into one [`DeviceConfig`] per device (reading the TLS files).

use crate::tls::{DeviceTls, TlsError};
use serde_json::{Map, Value};
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// The default firmware version string a device reports.
pub const DEFAULT_FIRMWARE: &str = "1.0.0";
/// The default pause between an abrupt drop and the reconnect.
pub const DEFAULT_RECONNECT_BACKOFF: Duration = Duration::from_secs(1);
/// The default MQTT keep alive.
pub const DEFAULT_KEEP_ALIVE: Duration = Duration::from_secs(60);
/// The placeholder in the username template replaced by the device id.
pub const ID_PLACEHOLDER: &str = "{id}";

/// A configuration value that breaks a rule.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field}: {rule}")]
pub struct ConfigError {
    /// The field (or CLI flag) at fault.
    pub field: &'static str,
    /// The rule it breaks, with the offending value.
    pub rule: String,
}

impl ConfigError {
    fn new(field: &'static str, rule: impl Into<String>) -> Self {
        Self {
            field,
            rule: rule.into(),
        }
    }
}

/// The broker's MQTT endpoint (TCP, or TLS over TCP when [`TlsClientOptions`] are given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerAddress {
    /// Host name or IP address; with TLS it is also the name the broker's certificate must carry.
    pub host: String,
    /// TCP port.
    pub port: u16,
}

impl FromStr for BrokerAddress {
    type Err = ConfigError;

    /// Parses `host:port` (`[v6]:port` for IPv6 literals).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ConfigError::new("broker", format!("`{s}` is not `host:port`"));
        let (host, port) = s.rsplit_once(':').ok_or_else(bad)?;
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        if host.is_empty() {
            return Err(bad());
        }
        let port = port.parse().map_err(|_| bad())?;
        Ok(Self {
            host: host.to_owned(),
            port,
        })
    }
}

impl fmt::Display for BrokerAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// Which devices to simulate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceIds {
    /// `count` devices named `{prefix}1` … `{prefix}{count}` (`device1`, `device2`, … as in
    /// the Event Grid walkthroughs).
    Count {
        /// How many devices.
        count: usize,
        /// The id prefix.
        prefix: String,
    },
    /// Exactly these ids.
    Ids(Vec<String>),
}

/// TLS files for the whole fleet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsClientOptions {
    /// PEM file with the CA certificate(s) the broker's certificate must chain to.
    pub ca_pem: PathBuf,
    /// Folder holding each device's certificate `{id}.pem` and key `{id}.key`; `None` for
    /// server-authenticated TLS only.
    pub cert_dir: Option<PathBuf>,
}

/// The configuration of a simulated fleet.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulatorConfig {
    /// The broker to connect to.
    pub broker: BrokerAddress,
    /// Which devices.
    pub devices: DeviceIds,
    /// The firmware version every device reports in its `firmware` user property.
    pub firmware: String,
    /// Probability per second, per device, of an abrupt connection drop (0 to 1).
    pub chaos_rate: f64,
    /// The CONNECT username; `{id}` is replaced by the device id (default `{id}`: in Event
    /// Grid the username carries the authentication name). An empty string sends none.
    pub username: String,
    /// The CONNECT password, the same for every device (none by default).
    pub password: Option<String>,
    /// TLS, or plain TCP when `None`.
    pub tls: Option<TlsClientOptions>,
    /// The pause before reconnecting after an abrupt drop (doubled, up to 16 times, while
    /// connecting keeps failing).
    pub reconnect_backoff: Duration,
    /// The MQTT keep alive (at least 5 s, a limit of rumqttc).
    pub keep_alive: Duration,
}

impl SimulatorConfig {
    /// Three devices `device1`..`device3` on `broker` with every other setting defaulted.
    pub fn new(broker: BrokerAddress) -> Self {
        Self {
            broker,
            devices: DeviceIds::Count {
                count: 3,
                prefix: "device".to_owned(),
            },
            firmware: DEFAULT_FIRMWARE.to_owned(),
            chaos_rate: 0.0,
            username: ID_PLACEHOLDER.to_owned(),
            password: None,
            tls: None,
            reconnect_backoff: DEFAULT_RECONNECT_BACKOFF,
            keep_alive: DEFAULT_KEEP_ALIVE,
        }
    }

    /// The device ids, validated (Event Grid's client-name rule, no duplicates, at least one).
    pub fn device_ids(&self) -> Result<Vec<String>, ConfigError> {
        let ids = match &self.devices {
            DeviceIds::Count { count, prefix } => {
                if *count == 0 {
                    return Err(ConfigError::new("devices", "must be at least 1"));
                }
                (1..=*count).map(|n| format!("{prefix}{n}")).collect()
            }
            DeviceIds::Ids(ids) => {
                if ids.is_empty() {
                    return Err(ConfigError::new("ids", "must name at least one device"));
                }
                ids.clone()
            }
        };
        let mut seen = std::collections::HashSet::new();
        for id in &ids {
            validate_id(id)?;
            if !seen.insert(id.as_str()) {
                return Err(ConfigError::new("ids", format!("`{id}` appears twice")));
            }
        }
        Ok(ids)
    }

    /// Validates the configuration and expands it into one [`DeviceConfig`] per device,
    /// reading each device's TLS files.
    pub fn device_configs(&self) -> Result<Vec<DeviceConfig>, crate::SimulatorError> {
        let ids = self.device_ids()?;
        let mut configs = Vec::with_capacity(ids.len());
        for id in ids {
            let tls = match &self.tls {
                None => None,
                Some(opts) => {
                    let client = opts
                        .cert_dir
                        .as_deref()
                        .map(|d| DeviceTls::paths_in(d, &id));
                    let loaded = DeviceTls::load(
                        &opts.ca_pem,
                        client.as_ref().map(|(c, k)| (c.as_path(), k.as_path())),
                    )
                    .map_err(|source: TlsError| {
                        crate::SimulatorError::Tls {
                            device: id.clone(),
                            source,
                        }
                    })?;
                    Some(loaded)
                }
            };
            let config = DeviceConfig {
                username: self.username.replace(ID_PLACEHOLDER, &id),
                password: self.password.clone(),
                broker: self.broker.clone(),
                firmware: self.firmware.clone(),
                chaos_rate: self.chaos_rate,
                tls,
                reconnect_backoff: self.reconnect_backoff,
                keep_alive: self.keep_alive,
                initial_state: Map::new(),
                id,
            };
            config.validate()?;
            configs.push(config);
        }
        Ok(configs)
    }
}

/// The configuration of one simulated device.
#[derive(Debug, Clone)]
pub struct DeviceConfig {
    /// The MQTT client id, and the `{id}` of its topics.
    pub id: String,
    /// The broker to connect to.
    pub broker: BrokerAddress,
    /// The firmware version reported in the `firmware` user property.
    pub firmware: String,
    /// Probability per second of an abrupt connection drop (0 to 1).
    pub chaos_rate: f64,
    /// The CONNECT username (empty: none).
    pub username: String,
    /// The CONNECT password.
    pub password: Option<String>,
    /// TLS settings, or plain TCP.
    pub tls: Option<DeviceTls>,
    /// The pause before reconnecting after an abrupt drop.
    pub reconnect_backoff: Duration,
    /// The MQTT keep alive.
    pub keep_alive: Duration,
    /// The properties the device starts with (at `$version` 0).
    pub initial_state: Map<String, Value>,
}

impl DeviceConfig {
    /// A device `id` on `broker`, username = `id`, every other setting defaulted.
    pub fn new(id: impl Into<String>, broker: BrokerAddress) -> Self {
        let id = id.into();
        Self {
            username: id.clone(),
            id,
            broker,
            firmware: DEFAULT_FIRMWARE.to_owned(),
            chaos_rate: 0.0,
            password: None,
            tls: None,
            reconnect_backoff: DEFAULT_RECONNECT_BACKOFF,
            keep_alive: DEFAULT_KEEP_ALIVE,
            initial_state: Map::new(),
        }
    }

    /// Checks every rule a device's settings must follow.
    pub fn validate(&self) -> Result<(), ConfigError> {
        validate_id(&self.id)?;
        if self.firmware.is_empty() {
            return Err(ConfigError::new("firmware", "must not be empty"));
        }
        if !(0.0..=1.0).contains(&self.chaos_rate) {
            return Err(ConfigError::new(
                "chaos",
                format!(
                    "is a probability per second and must be within 0..=1, got {}",
                    self.chaos_rate
                ),
            ));
        }
        if self.keep_alive < Duration::from_secs(5) {
            return Err(ConfigError::new(
                "keep_alive",
                "must be at least 5 s (rumqttc refuses shorter keep alives)",
            ));
        }
        if self.initial_state.keys().any(|k| k.starts_with('$')) {
            return Err(ConfigError::new(
                "initial_state",
                "keys beginning with `$` are reserved for the device",
            ));
        }
        Ok(())
    }
}

/// Event Grid's client-name rule: 1-128 characters of `[A-Za-z0-9-:._]` (which also keeps
/// `/`, `+` and `#` out of the device's topics).
fn validate_id(id: &str) -> Result<(), ConfigError> {
    let ok_len = (1..=128).contains(&id.len());
    let ok_chars = id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '_'));
    if ok_len && ok_chars {
        Ok(())
    } else {
        Err(ConfigError::new(
            "ids",
            format!("`{id}` must be 1-128 characters of A-Z a-z 0-9 - : . _ (Event Grid's client name rule)"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broker() -> BrokerAddress {
        "127.0.0.1:1883".parse().unwrap()
    }

    #[test]
    fn broker_addresses_parse() {
        assert_eq!(broker().to_string(), "127.0.0.1:1883");
        let v6: BrokerAddress = "[::1]:8883".parse().unwrap();
        assert_eq!((v6.host.as_str(), v6.port), ("::1", 8883));
        assert_eq!(v6.to_string(), "[::1]:8883");
        for bad in ["127.0.0.1", ":1883", "host:port", "host:70000"] {
            assert!(bad.parse::<BrokerAddress>().is_err(), "{bad}");
        }
    }

    #[test]
    fn count_and_prefix_name_the_devices() {
        let mut c = SimulatorConfig::new(broker());
        c.devices = DeviceIds::Count {
            count: 2,
            prefix: "sensor".into(),
        };
        assert_eq!(c.device_ids().unwrap(), ["sensor1", "sensor2"]);
        let devices = c.device_configs().unwrap();
        assert_eq!(devices[1].id, "sensor2");
        assert_eq!(devices[1].username, "sensor2");
    }

    #[test]
    fn username_template_and_password() {
        let mut c = SimulatorConfig::new(broker());
        c.devices = DeviceIds::Ids(vec!["a".into()]);
        c.username = "fleet-{id}".into();
        c.password = Some("pw".into());
        let d = &c.device_configs().unwrap()[0];
        assert_eq!(d.username, "fleet-a");
        assert_eq!(d.password.as_deref(), Some("pw"));
    }

    #[test]
    fn bad_values_name_the_field() {
        let mut c = SimulatorConfig::new(broker());
        c.devices = DeviceIds::Ids(vec!["a".into(), "a".into()]);
        assert_eq!(c.device_ids().unwrap_err().field, "ids");
        c.devices = DeviceIds::Ids(vec!["a/b".into()]);
        assert!(c.device_ids().unwrap_err().rule.contains("`a/b`"));
        c.devices = DeviceIds::Count {
            count: 0,
            prefix: "d".into(),
        };
        assert_eq!(c.device_ids().unwrap_err().field, "devices");

        let mut d = DeviceConfig::new("d1", broker());
        d.chaos_rate = 1.5;
        assert_eq!(d.validate().unwrap_err().field, "chaos");
        d.chaos_rate = f64::NAN;
        assert_eq!(d.validate().unwrap_err().field, "chaos");
        d.chaos_rate = 0.5;
        d.keep_alive = Duration::from_secs(1);
        assert_eq!(d.validate().unwrap_err().field, "keep_alive");
        d.keep_alive = DEFAULT_KEEP_ALIVE;
        d.firmware.clear();
        assert_eq!(d.validate().unwrap_err().field, "firmware");
    }

    #[test]
    fn missing_tls_files_fail_at_start() {
        let mut c = SimulatorConfig::new(broker());
        c.tls = Some(TlsClientOptions {
            ca_pem: "/nonexistent/ca.pem".into(),
            cert_dir: None,
        });
        let err = c.device_configs().unwrap_err().to_string();
        assert!(err.contains("/nonexistent/ca.pem"), "{err}");
    }
}
