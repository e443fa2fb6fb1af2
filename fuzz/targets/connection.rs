//! Fuzz target `connection`: bytes → the broker's whole connection path.
//!
//! Up to four clients, each a byte stream over `tokio::io::duplex`, are served
//! by `tern::serve_connection` — handshake (CONNECT, authentication including
//! the MQTT 5 AUTH exchange, CONNACK) and the packet loop, both protocol
//! versions — against one `BrokerState` whose access model is Event Grid's
//! (`NamespaceAccess` over the fixed namespace in `namespace.toml`, with
//! registry passwords and a JWT issuer). Everything runs on a current-thread
//! tokio runtime with a paused clock: keep alive, connect timeouts and will
//! delays pass instantly and every run is bounded.
//!
//! Input: one flags byte, then the client streams separated by [`SEPARATOR`].
//! Flags: bits 0-2 pick the write chunk size ([`CHUNKS`]); bit 3 keeps the
//! streams open after their bytes (the broker's timers end them) instead of
//! closing them; bit 4 changes the namespace mid-run (dev1 disabled, a binding
//! deleted), so connected clients are re-checked.

use std::pin::pin;
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tern::access::NamespaceAccess;
use tern::config::{Config, JwtIssuerConfig};
use tern::peer::PeerInfo;
use tern::pending::PendingSlot;
use tern::state::BrokerState;
use tern_access::{Limits, Namespace, NamespaceSpec, ResourceKind};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Separates the clients' streams in an input.
pub const SEPARATOR: &[u8] = b"~~next~~";
/// Write chunk sizes (flags bits 0-2).
pub const CHUNKS: [usize; 8] = [usize::MAX, 1, 2, 3, 7, 16, 61, 512];
/// At most this many clients per input.
const MAX_CLIENTS: usize = 4;

/// The JWT issuer of the target (`iss`), its audience (`aud`, the namespace
/// host name) and its fixed P-256 test key pair (generated for the fuzz
/// targets; it protects nothing).
pub const JWT_ISSUER: &str = "fuzz-issuer";
/// The namespace host name.
pub const JWT_AUDIENCE: &str = "fuzz.tern.local";
/// PKCS#8 private key (for minting the seeds' tokens).
pub const JWT_PRIVATE_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgpSUIyMDe8g6F7KBU
GjpPduCD9DOMCw5EtPR5BZq1rt+hRANCAATvZAiJX8QL617B0kY0hc3PCNcWxqDj
e9TSb0I9ntOx//f7GJRtz8o7tjNPP8xvpAZG4ZTliPZuZitMsR67Tzxu
-----END PRIVATE KEY-----
";
const JWT_PUBLIC_KEY: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE72QIiV/EC+tewdJGNIXNzwjXFsag
43vU0m9CPZ7Tsf/3+xiUbc/KO7YzTz/Mb6QGRuGU5Yj2bmYrTLEeu088bg==
-----END PUBLIC KEY-----
";

/// What every input shares: the configuration and the two namespaces.
pub struct Fixture {
    /// The broker configuration (access model on, JWT issuer configured).
    pub config: Arc<Config>,
    /// The fixed namespace.
    pub namespace: Namespace,
    /// The namespace after the mid-run change of flags bit 4.
    pub changed: Namespace,
}

/// The fixture, built once per process.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(build_fixture)
}

fn build_fixture() -> Fixture {
    let dir = std::env::temp_dir().join(format!("tern-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let public_key_file = dir.join("jwt-public.pem");
    let signing_key_file = dir.join("jwt-private.pem");
    std::fs::write(&public_key_file, JWT_PUBLIC_KEY).expect("the JWT public key");
    std::fs::write(&signing_key_file, JWT_PRIVATE_KEY).expect("the JWT private key");
    let mut config = Config::default();
    config.access.hostname = JWT_AUDIENCE.into();
    config.access.jwt_issuers = vec![JwtIssuerConfig {
        issuer: JWT_ISSUER.into(),
        algorithm: "ES256".into(),
        public_key_file,
        signing_key_file: Some(signing_key_file),
    }];
    let spec: NamespaceSpec =
        toml::from_str(include_str!("namespace.toml")).expect("namespace.toml parses");
    let mut namespace = Namespace::new(Limits::default());
    tern::admin::apply_spec(&mut namespace, spec).expect("namespace.toml is valid");
    let clients: Vec<_> = namespace.clients().cloned().collect();
    for mut client in clients {
        client.password_hash = Some(cheap_hash(&format!("pw-{}", client.name)));
        namespace.upsert_client(client).expect("a password hash");
    }
    let mut changed = namespace.clone();
    let mut dev1 = changed.client("dev1").expect("dev1").clone();
    dev1.state = tern_access::ClientState::Disabled;
    changed.upsert_client(dev1).expect("dev1 disabled");
    changed
        .delete(ResourceKind::PermissionBinding, "sensors-sub-commands")
        .expect("a binding to delete");
    Fixture {
        config: Arc::new(config),
        namespace,
        changed,
    }
}

/// An argon2id hash with the smallest settings: a registry password check
/// costs microseconds instead of the default settings' milliseconds.
fn cheap_hash(password: &str) -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let params = argon2::Params::new(8, 1, 1, None).expect("argon2 parameters");
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = SaltString::encode_b64(b"tern-fuzz-salt").expect("a salt");
    argon
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing")
        .to_string()
}

/// A broker state with the access model on, over `namespace`.
pub fn broker(namespace: &Namespace) -> (Arc<BrokerState>, Arc<NamespaceAccess>) {
    let fixture = fixture();
    let access = Arc::new(
        NamespaceAccess::new(&fixture.config.access, namespace.clone()).expect("access setup"),
    );
    let state = BrokerState::new(fixture.config.clone(), access.clone());
    (state, access)
}

/// A fresh broker state over one `NamespaceAccess` shared by every input that
/// does not change the namespace (setting one up reads and parses the JWT
/// key, a good part of a short input's time).
pub fn shared_broker() -> (Arc<BrokerState>, Arc<NamespaceAccess>) {
    static ACCESS: OnceLock<Arc<NamespaceAccess>> = OnceLock::new();
    let fixture = fixture();
    let access = ACCESS.get_or_init(|| broker(&fixture.namespace).1).clone();
    let state = BrokerState::new(fixture.config.clone(), access.clone());
    (state, access)
}

/// A current-thread runtime with a paused clock (time jumps when idle).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a tokio runtime")
}

/// The fuzz target.
pub fn run(data: &[u8]) {
    crate::common::run_guarded(|| serve_input(data));
}

fn serve_input(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let chunk = CHUNKS[usize::from(flags & 7)];
    let keep_open = flags & 8 != 0;
    let change_namespace = flags & 16 != 0;
    let streams = split(rest, SEPARATOR, MAX_CLIENTS);
    let fixture = fixture();
    let (state, access) = if change_namespace {
        broker(&fixture.namespace)
    } else {
        shared_broker()
    };
    runtime().block_on(async {
        let mut servers = Vec::new();
        let mut clients = Vec::new();
        for (i, bytes) in streams.into_iter().enumerate() {
            let (client_side, server_side) = tokio::io::duplex(64 * 1024);
            let peer = PeerInfo::plain(([127, 0, 0, 1], 40_000 + i as u16).into());
            servers.push(tern::serve_connection(
                state.clone(),
                server_side,
                peer,
                PendingSlot::none(),
            ));
            let start = Duration::from_millis(10 * i as u64);
            clients.push(drive_client(client_side, bytes, chunk, keep_open, start));
        }
        let change = async {
            if change_namespace {
                tokio::time::sleep(Duration::from_millis(25)).await;
                access.replace(fixture.changed.clone());
                state.notify_access_changed();
            }
        };
        let all = futures_util::future::join3(
            futures_util::future::join_all(servers),
            futures_util::future::join_all(clients),
            change,
        );
        finish(&state, all).await;
    });
}

/// Runs `all` for at most 10 virtual minutes, then shuts the broker down the
/// way `Broker::shutdown` does and lets the connections and the broker's
/// timers (wills, session expiry) finish, also bounded.
pub async fn finish(state: &Arc<BrokerState>, all: impl std::future::Future) {
    let mut all = pin!(all);
    if tokio::time::timeout(Duration::from_secs(600), &mut all)
        .await
        .is_err()
    {
        state.shutdown.cancel();
        let _ = tokio::time::timeout(Duration::from_secs(60), &mut all).await;
    }
    state.shutdown.cancel();
    state.tasks.close();
    let _ = tokio::time::timeout(Duration::from_secs(3600), state.tasks.wait()).await;
}

/// The client side of one connection: writes `bytes` in chunks (one virtual
/// millisecond apart) after `start`, reads and drops whatever the broker
/// sends, then closes its side (or, with `keep_open`, keeps it open until the
/// broker closes).
pub async fn drive_client<S>(
    stream: S,
    bytes: &[u8],
    chunk: usize,
    keep_open: bool,
    start: Duration,
) where
    S: AsyncRead + AsyncWrite,
{
    let (mut rd, mut wr) = tokio::io::split(stream);
    let reader = async {
        let mut buf = vec![0u8; 4096];
        while let Ok(n) = rd.read(&mut buf).await {
            if n == 0 {
                break;
            }
            if trace() {
                let hex: String = buf[..n].iter().map(|b| format!("{b:02x}")).collect();
                eprintln!("{:?} broker → client: {hex}", tokio::time::Instant::now());
            }
        }
    };
    let writer = async {
        tokio::time::sleep(start).await;
        for piece in bytes.chunks(chunk.max(1)) {
            if wr.write_all(piece).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        if !keep_open {
            let _ = wr.shutdown().await;
        }
    };
    tokio::join!(reader, writer);
}

/// Whether `TERN_FUZZ_TRACE` is set: then every byte the broker sends is
/// printed (hex), to see what an input does.
pub fn trace() -> bool {
    static TRACE: OnceLock<bool> = OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("TERN_FUZZ_TRACE").is_some())
}

/// Splits `data` at `separator`, into at most `max` parts (the last one keeps
/// any further separators).
pub fn split<'a>(data: &'a [u8], separator: &[u8], max: usize) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() + 1 < max {
        match rest.windows(separator.len()).position(|w| w == separator) {
            Some(at) => {
                parts.push(&rest[..at]);
                rest = &rest[at + separator.len()..];
            }
            None => break,
        }
    }
    parts.push(rest);
    parts
}
