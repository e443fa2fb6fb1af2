//! `tern demo`'s setup: the seeds' namespace, the files it needs (a CA, the
//! broker's TLS certificate, one client certificate per simulated device, a
//! JWT signing key for the dashboard) and the broker configuration that ties
//! them together. Files are made once in the demo's folder and reused.
//!
//! The namespace is seed 001's request-response (the `cloudApps` group may
//! publish `devices/+/desired` and subscribe `devices/+/reported`; each device
//! subscribes its own `desired` and publishes its own `reported`) plus seed
//! 003's status topics (devices publish `clients/${client.authenticationName}/status`,
//! with their wills; the cloud app subscribes `clients/+/status`) and its
//! `sensors` / `actuators` groups, and the cloud app may read the client
//! life-cycle events (`$events/clients/#`, the dashboard's Broker view).
//! Devices authenticate with CA-signed
//! certificates (SubjectMatchesAuthenticationName); the dashboard with a JWT
//! (`CUSTOM-JWT`) minted for `cloudApp`.

use crate::certs::{self, ClientIssuer};
use crate::config::{Config, JwtIssuerConfig};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tern_access::{
    AttributeValue, CaCertificate, CertificateAuthentication, Client, ClientGroup, ClientState,
    NamespaceSpec, Permission, PermissionBinding, TopicSpace, ValidationScheme,
};

/// The `iss` of the demo's development tokens.
pub const ISSUER: &str = "tern-demo";
/// The cloud application's client name (seed 001).
pub const CLOUD_APP: &str = "cloudApp";
/// Days the demo certificates are valid.
const CERT_DAYS: u32 = 365;

/// Why the demo could not be prepared.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// A certificate could not be made.
    #[error(transparent)]
    Certs(#[from] certs::CertsError),
    /// A file could not be written or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A key or the namespace file could not be generated.
    #[error("{0}")]
    Generate(String),
}

/// The files of a prepared demo folder.
#[derive(Debug, Clone)]
pub struct DemoFiles {
    /// The demo CA certificate (PEM).
    pub ca_pem: PathBuf,
    /// The broker's TLS certificate and key.
    pub server_cert: PathBuf,
    /// The broker's TLS key.
    pub server_key: PathBuf,
    /// `{id}.pem` / `{id}.key` of every device.
    pub device_cert_dir: PathBuf,
    /// The JWT issuer's public key (SPKI PEM).
    pub jwt_public_key: PathBuf,
    /// The JWT issuer's private key (PKCS#8 PEM).
    pub jwt_signing_key: PathBuf,
    /// The embedded store's folder.
    pub store_dir: PathBuf,
    /// The namespace file (rewritten on every start for the current devices).
    pub namespace_file: PathBuf,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> DemoError + '_ {
    move |source| DemoError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Makes whatever is missing in `dir` for `device_ids` and returns the paths.
pub fn prepare(dir: &Path, device_ids: &[String]) -> Result<DemoFiles, DemoError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let ca_dir = dir.join("ca");
    if !ca_dir.join("ca.pem").exists() {
        certs::create_ca(&ca_dir, "Tern demo CA", CERT_DAYS)?;
    }
    let server_dir = dir.join("server");
    if !server_dir.join("server.pem").exists() {
        certs::create_server(
            &ca_dir,
            &server_dir,
            &["localhost".to_owned()],
            &["127.0.0.1".parse().expect("an IP address")],
            CERT_DAYS,
        )?;
    }
    let device_dir = dir.join("devices");
    for id in device_ids {
        if !device_dir.join(format!("{id}.pem")).exists() {
            certs::create_client(id, ClientIssuer::Ca(&ca_dir), &device_dir, CERT_DAYS)?;
        }
    }
    let jwt_public_key = dir.join("jwt-public.pem");
    let jwt_signing_key = dir.join("jwt-private.pem");
    if !jwt_signing_key.exists() || !jwt_public_key.exists() {
        let key = rcgen::KeyPair::generate()
            .map_err(|e| DemoError::Generate(format!("generating the JWT signing key: {e}")))?;
        write_private(&jwt_signing_key, &key.serialize_pem())?;
        std::fs::write(&jwt_public_key, key.public_key_pem()).map_err(io(&jwt_public_key))?;
    }
    let ca_pem = ca_dir.join("ca.pem");
    let ca_text = std::fs::read_to_string(&ca_pem).map_err(io(&ca_pem))?;
    let namespace_file = dir.join("namespace.toml");
    let toml = toml::to_string(&namespace(device_ids, ca_text))
        .map_err(|e| DemoError::Generate(format!("writing the namespace: {e}")))?;
    std::fs::write(&namespace_file, toml).map_err(io(&namespace_file))?;
    Ok(DemoFiles {
        namespace_file,
        ca_pem,
        server_cert: server_dir.join("server.pem"),
        server_key: server_dir.join("server.key"),
        device_cert_dir: device_dir,
        jwt_public_key,
        jwt_signing_key,
        store_dir: dir.join("store"),
    })
}

/// Writes a private key readable by its owner only.
fn write_private(path: &Path, pem: &str) -> Result<(), DemoError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(io(path))?;
    file.write_all(pem.as_bytes()).map_err(io(path))
}

/// The JWT issuer the demo configures (and signs the dashboard's token with).
pub fn issuer(files: &DemoFiles) -> JwtIssuerConfig {
    JwtIssuerConfig {
        issuer: ISSUER.into(),
        algorithm: "ES256".into(),
        public_key_file: files.jwt_public_key.clone(),
        signing_key_file: Some(files.jwt_signing_key.clone()),
    }
}

/// Where the demo broker listens.
#[derive(Debug, Clone)]
pub struct DemoListeners {
    /// MQTT over TCP.
    pub mqtt: SocketAddr,
    /// MQTT over TLS (the simulated devices use it, with their certificates).
    pub mqtts: SocketAddr,
    /// HTTP: the dashboard, MQTT over WebSocket, the admin API.
    pub http: SocketAddr,
}

/// The demo broker's configuration: the access model with the demo issuer,
/// TLS, the dashboard's files, the store in the demo folder.
pub fn config(
    files: &DemoFiles,
    listeners: &DemoListeners,
    web_dir: Option<PathBuf>,
    admin_token: String,
) -> Config {
    let mut config = Config::default();
    config.listeners.mqtt = listeners.mqtt;
    config.listeners.http = listeners.http;
    config.listeners.mqtts = Some(listeners.mqtts);
    config.listeners.static_dir = web_dir;
    config.tls.cert = Some(files.server_cert.clone());
    config.tls.key = Some(files.server_key.clone());
    config.access.jwt_issuers = vec![issuer(files)];
    config.access.namespace_file = Some(files.namespace_file.clone());
    // Like Event Grid: responses go to the seeds' `devices/{id}/reported` topics.
    config.mqtt.response_information = None;
    config.storage.data_dir = Some(files.store_dir.clone());
    config.admin.token = Some(admin_token);
    config
}

fn attributes(kind: &str) -> tern_access::Attributes {
    [("type".to_owned(), AttributeValue::String(kind.to_owned()))].into()
}

/// The seeds' namespace with `device_ids` as the devices and `ca_pem` as the
/// CA their certificates chain to.
pub fn namespace(device_ids: &[String], ca_pem: String) -> NamespaceSpec {
    let client = |name: &str, kind: &str, certificate: bool| Client {
        name: name.into(),
        authentication_name: None,
        description: None,
        attributes: attributes(kind),
        state: ClientState::Enabled,
        client_certificate_authentication: certificate.then(|| CertificateAuthentication {
            validation_scheme: ValidationScheme::SubjectMatchesAuthenticationName,
            allowed_thumbprints: Vec::new(),
        }),
        password_hash: None,
        created_on: None,
        updated_on: None,
    };
    let mut clients = vec![client(CLOUD_APP, "cloudApp", false)];
    clients.extend(device_ids.iter().map(|id| client(id, "device", true)));
    let group = |name: &str, query: &str| ClientGroup {
        name: name.into(),
        description: None,
        query: query.into(),
    };
    let space = |name: &str, template: &str| TopicSpace {
        name: name.into(),
        description: None,
        topic_templates: vec![template.into()],
    };
    let bind = |name: &str, group: &str, space: &str, permission| PermissionBinding {
        name: name.into(),
        description: None,
        client_group_name: group.into(),
        topic_space_name: space.into(),
        permission,
    };
    use Permission::{Publisher, Subscriber};
    NamespaceSpec {
        clients,
        client_groups: vec![
            group("cloudApps", "attributes.type = 'cloudApp'"),
            group("devices", "attributes.type = 'device'"),
            group("sensors", "attributes.type = 'sensor'"),
            group("actuators", "attributes.type = 'actuator'"),
        ],
        topic_spaces: vec![
            space("requestDesiredProperties", "devices/+/desired"),
            space("responseReportedProperties", "devices/+/reported"),
            space(
                "deviceDesiredSub",
                "devices/${client.authenticationName}/desired",
            ),
            space(
                "deviceReportedPub",
                "devices/${client.authenticationName}/reported",
            ),
            space("lwtPub", "clients/${client.authenticationName}/status"),
            space("lwtSub", "clients/+/status"),
            space("lifecycleSub", "$events/clients/#"),
        ],
        permission_bindings: vec![
            bind(
                "cloudAppPub",
                "cloudApps",
                "requestDesiredProperties",
                Publisher,
            ),
            bind(
                "cloudAppSub",
                "cloudApps",
                "responseReportedProperties",
                Subscriber,
            ),
            bind("cloudAppStatusSub", "cloudApps", "lwtSub", Subscriber),
            bind(
                "cloudAppLifecycleSub",
                "cloudApps",
                "lifecycleSub",
                Subscriber,
            ),
            bind("devicesSub", "devices", "deviceDesiredSub", Subscriber),
            bind("devicesPub", "devices", "deviceReportedPub", Publisher),
            bind("devicesStatusPub", "devices", "lwtPub", Publisher),
            bind("sensorsPub", "sensors", "lwtPub", Publisher),
            bind("actuatorsSub", "actuators", "lwtSub", Subscriber),
        ],
        ca_certificates: vec![CaCertificate {
            name: "demo-ca".into(),
            description: Some("signs the simulated devices' certificates".into()),
            encoded_certificate: ca_pem,
        }],
        routes: vec![],
    }
}

/// A development token for the dashboard (`sub` = cloudApp), valid `ttl_secs`.
pub fn dashboard_token(
    files: &DemoFiles,
    hostname: &str,
    ttl_secs: u64,
) -> Result<String, crate::access::jwt::JwtConfigError> {
    crate::access::jwt::mint(
        &issuer(files),
        hostname,
        CLOUD_APP,
        &Default::default(),
        crate::access::unix_now(),
        ttl_secs,
    )
}
