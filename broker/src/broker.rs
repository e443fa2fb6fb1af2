//! Starting and stopping a broker: binds the listeners and runs them.

use crate::access::NamespaceAccess;
use crate::access::{AccessControl, OpenAccess};
use crate::admin::Admin;
use crate::config::Config;
use crate::config::Durability;
use crate::state::BrokerState;
use crate::store::journal::{self, Journal};
use crate::store::{Store, StoreError};
use crate::tls::{ServerTls, TlsError};
use crate::transport::http::{serve_http, ApiHandler, HttpConfig, MqttStreamHandler};
use crate::transport::tcp::serve_tcp;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;

/// Why a broker could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A listener could not bind its address.
    #[error("cannot listen on {addr} ({what}): {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Which listener.
        what: &'static str,
        /// The OS error.
        source: std::io::Error,
    },
    /// Open mode on a non-loopback address without `force_open_on_public_address`.
    #[error("open mode accepts every client: refusing to listen on non-loopback address {0} (set force_open_on_public_address to override)")]
    OpenOnPublicAddress(SocketAddr),
    /// The embedded store could not be opened or read.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The access model's authentication settings are unusable.
    #[error(transparent)]
    Access(#[from] crate::access::AccessSetupError),
    /// The stored namespace or the namespace file is invalid.
    #[error("namespace from {origin}: {reason}")]
    Namespace {
        /// The store or the file.
        origin: String,
        /// What is wrong (names the resource, field and rule).
        reason: String,
    },
    /// A TLS listener is configured without a usable certificate and key.
    #[error(transparent)]
    Tls(#[from] TlsError),
}

/// A running broker.
#[derive(Debug)]
pub struct Broker {
    state: Arc<BrokerState>,
    store: Option<Arc<Store>>,
    mqtt_addr: SocketAddr,
    http_addr: SocketAddr,
    mqtts_addr: Option<SocketAddr>,
    https_addr: Option<SocketAddr>,
}

impl Broker {
    /// Binds the listeners of `config` and starts serving.
    pub async fn start(config: Config) -> Result<Self, StartError> {
        if config.open {
            let listeners = &config.listeners;
            let addrs = [listeners.mqtt, listeners.http]
                .into_iter()
                .chain(listeners.mqtts)
                .chain(listeners.https);
            for addr in addrs {
                if !addr.ip().is_loopback() && !config.force_open_on_public_address {
                    return Err(StartError::OpenOnPublicAddress(addr));
                }
            }
            tracing::warn!("open mode: every client is accepted and every action permitted");
        }
        let store = match &config.storage.data_dir {
            Some(dir) => Some(Arc::new(Store::open(dir)?)),
            None => None,
        };
        let namespace_access = if config.open {
            None
        } else {
            let namespace = initial_namespace(&config, store.as_deref())?;
            Some(Arc::new(NamespaceAccess::new(&config.access, namespace)?))
        };
        let access: Arc<dyn AccessControl> = match &namespace_access {
            Some(a) => a.clone(),
            None => Arc::new(OpenAccess),
        };
        Self::start_inner(config, access, namespace_access, store).await
    }

    /// Binds the listeners of `config` and starts serving, with `access` deciding
    /// who may connect and what they may do (`config.open` is not consulted; there
    /// is no admin API).
    pub async fn start_with_access(
        config: Config,
        access: Arc<dyn AccessControl>,
    ) -> Result<Self, StartError> {
        let store = match &config.storage.data_dir {
            Some(dir) => Some(Arc::new(Store::open(dir)?)),
            None => None,
        };
        Self::start_inner(config, access, None, store).await
    }

    async fn start_inner(
        config: Config,
        access: Arc<dyn AccessControl>,
        namespace_access: Option<Arc<NamespaceAccess>>,
        store: Option<Arc<Store>>,
    ) -> Result<Self, StartError> {
        let tls = ServerTls::from_config(&config)?;
        let config = Arc::new(config);
        let mqtt = bind(config.listeners.mqtt, "MQTT/TCP").await?;
        let http = bind(config.listeners.http, "HTTP/WebSocket").await?;
        let mqtts = bind_opt(config.listeners.mqtts, "MQTT/TLS").await?;
        let https = bind_opt(config.listeners.https, "HTTPS/secure WebSocket").await?;
        let mqtt_addr = mqtt.1;
        let http_addr = http.1;
        let mqtts_addr = mqtts.as_ref().map(|l| l.1);
        let https_addr = https.as_ref().map(|l| l.1);
        let state = BrokerState::new(config.clone(), access);
        if let Some(store) = &store {
            let started = std::time::Instant::now();
            let (image, recovered) = store.recover()?;
            let routed = image.routed.len();
            let (sessions, retained) = state.restore_image(image);
            let image = state.capture_image(&store.snapshot_messages());
            let snapshot_bytes = store.checkpoint(&image, &recovered.segments)?;
            tracing::info!(
                sessions,
                retained,
                routed,
                journal_records = recovered.records,
                torn = recovered.torn,
                ms = started.elapsed().as_millis() as u64,
                "store recovered"
            );
            let sync = match config.storage.durability {
                Durability::Fsync => Some(journal::Sync::Disk),
                Durability::Os => Some(journal::Sync::Os),
                Durability::Snapshot => None,
            };
            match sync {
                Some(sync) => {
                    let compact_after =
                        compaction_threshold(config.storage.compact_after_bytes, snapshot_bytes);
                    let journal = Journal::start(
                        store.journal_dir(),
                        sync,
                        recovered.next_lsn,
                        compact_after,
                    )
                    .map_err(|source| crate::store::StoreError::Journal {
                        path: store.journal_dir().display().to_string(),
                        source,
                    })?;
                    state.set_journal(journal);
                    spawn_compaction(&state, store);
                }
                None => spawn_snapshots(&state, store),
            }
        }
        if let Some(access) = &namespace_access {
            state.routing.sync(access.namespace());
            // Clients disabled or deleted while the broker was down lose
            // their sessions, as they would have then.
            state.end_unadmitted_offline_sessions();
        }
        let admin = namespace_access.map(|access| {
            Arc::new(Admin::new(
                access,
                state.clone(),
                store.clone(),
                config.admin.token.clone(),
            ))
        });

        state.tasks.spawn(serve_tcp(mqtt.0, state.clone(), None));
        if let (Some((listener, _)), Some(tls)) = (mqtts, &tls) {
            state
                .tasks
                .spawn(serve_tcp(listener, state.clone(), Some(tls.clone())));
        }
        let ws_state = state.clone();
        let on_mqtt: MqttStreamHandler = Arc::new(move |stream, peer, slot| {
            if ws_state.shutdown.is_cancelled() {
                return;
            }
            let broker = ws_state.clone();
            ws_state
                .tasks
                .spawn(crate::connection::serve(broker, stream, peer, slot));
        });
        let http_config = Arc::new(HttpConfig {
            static_dir: config.listeners.static_dir.clone(),
            ws_path: config.listeners.ws_path.clone(),
            api: admin.map(admin_api),
            tcp_keepalive: crate::transport::socket::keepalive_from_secs(
                config.listeners.tcp_keepalive_secs,
            ),
            ws_max_message: crate::transport::http::ws_message_limit(config.mqtt.max_packet_size),
            pending: state.pending.clone(),
            metrics: Some(Arc::new(crate::metrics::MetricsEndpoint::new(
                config.metrics.clone(),
                {
                    let state = state.clone();
                    Arc::new(move || state.metrics_text())
                },
            ))),
        });
        state.tasks.spawn(serve_http(
            http.0,
            http_config.clone(),
            on_mqtt.clone(),
            state.shutdown.clone(),
            None,
        ));
        if let (Some((listener, _)), Some(tls)) = (https, &tls) {
            state.tasks.spawn(serve_http(
                listener,
                http_config,
                on_mqtt,
                state.shutdown.clone(),
                Some(tls.clone()),
            ));
        }
        let housekeeping = state.clone();
        state.tasks.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            loop {
                tokio::select! {
                    _ = tick.tick() => housekeeping.purge_expired(),
                    _ = housekeeping.shutdown.cancelled() => return,
                }
            }
        });
        tracing::info!(%mqtt_addr, %http_addr, ?mqtts_addr, ?https_addr, "tern is listening");
        Ok(Self {
            state,
            store,
            mqtt_addr,
            http_addr,
            mqtts_addr,
            https_addr,
        })
    }

    /// The bound MQTT/TCP address (useful when configured with port 0).
    pub fn mqtt_addr(&self) -> SocketAddr {
        self.mqtt_addr
    }

    /// The bound HTTP/WebSocket address.
    pub fn http_addr(&self) -> SocketAddr {
        self.http_addr
    }

    /// How many sockets were closed at once because `listeners.max_pending_connections`
    /// sockets had not finished CONNECT yet.
    pub fn pending_refused(&self) -> u64 {
        self.state.pending.refused()
    }

    /// `ws://…/mqtt` URL of the WebSocket listener.
    pub fn ws_url(&self) -> String {
        format!(
            "ws://{}{}",
            self.http_addr, self.state.config.listeners.ws_path
        )
    }

    /// The bound MQTT-over-TLS address, when that listener is configured.
    pub fn mqtts_addr(&self) -> Option<SocketAddr> {
        self.mqtts_addr
    }

    /// The bound HTTPS address, when that listener is configured.
    pub fn https_addr(&self) -> Option<SocketAddr> {
        self.https_addr
    }

    /// `wss://…/mqtt` URL of the secure WebSocket listener, when configured
    /// (with the IP address; a client checking a DNS name puts its own host in).
    pub fn wss_url(&self) -> Option<String> {
        self.https_addr
            .map(|addr| format!("wss://{addr}{}", self.state.config.listeners.ws_path))
    }

    /// Shuts down gracefully: stops accepting, sends MQTT 5 clients DISCONNECT 0x8B,
    /// and waits (bounded) for connections to finish.
    pub async fn shutdown(self) {
        self.state.shutdown.cancel();
        self.state.tasks.close();
        if tokio::time::timeout(Duration::from_secs(5), self.state.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("some connections did not finish within 5 s of shutdown");
        }
        if let Some(store) = &self.store {
            let saved = match self.state.journal() {
                Some(journal) => compact(&self.state, store, journal),
                None => snapshot(&self.state, store),
            };
            match saved {
                Ok(()) => tracing::info!("state saved"),
                Err(e) => tracing::error!(error = %e, "saving state on shutdown failed"),
            }
            if let Some(journal) = self.state.journal() {
                journal.stop();
            }
        }
    }
}

/// The namespace at start: the stored one (if any), with the namespace file's
/// resources created or replaced over it; saved back when a file was applied.
fn initial_namespace(
    config: &Config,
    store: Option<&Store>,
) -> Result<tern_access::Namespace, StartError> {
    let limits = config.access.limits.clone();
    let stored = match store {
        Some(store) => store.load_namespace()?,
        None => None,
    };
    let mut namespace = match stored {
        Some(spec) => {
            tern_access::Namespace::from_spec(spec, limits).map_err(|e| StartError::Namespace {
                origin: "the store".into(),
                reason: e.to_string(),
            })?
        }
        None => tern_access::Namespace::new(limits),
    };
    if let Some(path) = &config.access.namespace_file {
        let origin = path.display().to_string();
        let error = |reason: String| StartError::Namespace {
            origin: origin.clone(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
        let spec: tern_access::NamespaceSpec =
            toml::from_str(&text).map_err(|e| error(e.to_string()))?;
        crate::admin::apply_spec(&mut namespace, spec).map_err(|e| error(e.to_string()))?;
        if let Some(store) = store {
            store.save_namespace(&namespace.spec())?;
        }
        tracing::info!(file = %origin, "namespace file applied");
    }
    Ok(namespace)
}

/// Binds one listener and reads back its address (the port, when it was 0).
async fn bind(
    addr: SocketAddr,
    what: &'static str,
) -> Result<(TcpListener, SocketAddr), StartError> {
    let err = |source| StartError::Bind { addr, what, source };
    let listener = TcpListener::bind(addr).await.map_err(err)?;
    let local = listener.local_addr().map_err(err)?;
    Ok((listener, local))
}

/// [`bind`] for an optional listener.
async fn bind_opt(
    addr: Option<SocketAddr>,
    what: &'static str,
) -> Result<Option<(TcpListener, SocketAddr)>, StartError> {
    match addr {
        Some(addr) => bind(addr, what).await.map(Some),
        None => Ok(None),
    }
}

/// Writes the broker's state as the snapshot (`durability = "snapshot"`).
fn snapshot(state: &BrokerState, store: &Store) -> Result<(), StoreError> {
    let _one_at_a_time = store.exclusive();
    store.save(&state.capture_image(&store.snapshot_messages()))
}

/// Writes a snapshot every `storage.snapshot_interval_secs` until shutdown.
fn spawn_snapshots(state: &Arc<BrokerState>, store: &Arc<Store>) {
    let period = Duration::from_secs(state.config.storage.snapshot_interval_secs.max(1));
    let (state, store) = (state.clone(), store.clone());
    let tasks = state.tasks.clone();
    tasks.spawn(async move {
        let mut tick = tokio::time::interval(period);
        tick.tick().await;
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = state.shutdown.cancelled() => return,
            }
            let (state, store) = (state.clone(), store.clone());
            let saved = tokio::task::spawn_blocking(move || snapshot(&state, &store)).await;
            match saved {
                Ok(Ok(())) => {}
                Ok(Err(e)) => tracing::error!(error = %e, "snapshot failed"),
                Err(e) => tracing::error!(error = %e, "snapshot task failed"),
            }
        }
    });
}

/// Compacts the journal into the snapshot whenever it passes its threshold
/// ([`compaction_threshold`]) and is at least half garbage, until shutdown.
fn spawn_compaction(state: &Arc<BrokerState>, store: &Arc<Store>) {
    let (state, store) = (state.clone(), store.clone());
    let tasks = state.tasks.clone();
    tasks.spawn(async move {
        loop {
            let Some(journal) = state.journal() else {
                return;
            };
            tokio::select! {
                _ = journal.compaction_due() => {}
                _ = state.shutdown.cancelled() => return,
            }
            // A journal that is mostly still live (a long offline queue
            // filling) would be rewritten to reclaim little: look again
            // once it has grown by the threshold once more.
            let journal_bytes = journal.bytes();
            let live = state.durable_bytes_estimate();
            if mostly_live(journal_bytes, live, &state.config.storage) {
                let step = state.config.storage.compact_after_bytes.max(1);
                journal.set_compact_after(journal_bytes.saturating_add(step));
                tracing::debug!(
                    journal_bytes,
                    live,
                    "journal mostly live: compaction put off"
                );
                continue;
            }
            let (for_task, store_for_task) = (state.clone(), store.clone());
            let done = tokio::task::spawn_blocking(move || match for_task.journal() {
                Some(journal) => compact(&for_task, &store_for_task, journal),
                None => Ok(()),
            })
            .await;
            match done {
                Ok(Ok(())) => tracing::info!(journal_bytes, live, "journal compacted"),
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "journal compaction failed");
                    // Not again at once: the segment is still past the threshold.
                    tokio::select! {
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                        _ = state.shutdown.cancelled() => return,
                    }
                }
                Err(e) => tracing::error!(error = %e, "journal compaction task failed"),
            }
        }
    });
}

/// One compaction (blocking): a new journal segment is started, the
/// broker's state written as the snapshot, and the older segments removed.
fn compact(state: &BrokerState, store: &Store, journal: &Journal) -> Result<(), StoreError> {
    let _one_at_a_time = store.exclusive();
    let older = journal.rotate().map_err(|source| StoreError::Journal {
        path: store.journal_dir().display().to_string(),
        source,
    })?;
    let image = state.capture_image(&store.snapshot_messages());
    let snapshot_bytes = store.checkpoint(&image, &older)?;
    journal.set_compact_after(compaction_threshold(
        state.config.storage.compact_after_bytes,
        snapshot_bytes,
    ));
    Ok(())
}

/// When the journal is looked at for compaction next: once it holds
/// `configured` bytes, or as many as the last snapshot if that is more. It is
/// then compacted only if at least half of it is no longer live
/// (`BrokerState::durable_bytes_estimate`). Compaction rewrites the whole
/// state, so this makes its cost proportional to what it reclaims (a long
/// offline queue is not rewritten every `configured` bytes), and the store
/// stays within about twice the live state plus `configured`.
fn compaction_threshold(configured: u64, snapshot_bytes: u64) -> u64 {
    configured.max(snapshot_bytes)
}

/// Whether less than `storage.compact_min_garbage_percent` of a journal of
/// `journal_bytes` is garbage, with `live` bytes of durable state (an upper
/// bound of the journal's live part: some of it is in the snapshot).
fn mostly_live(journal_bytes: u64, live: u64, storage: &crate::config::StorageConfig) -> bool {
    let garbage = journal_bytes.saturating_sub(live);
    let min_percent = u64::from(storage.compact_min_garbage_percent.min(100));
    garbage.saturating_mul(100) < journal_bytes.saturating_mul(min_percent)
}

/// The admin API as the HTTP listener's `/api/` handler.
fn admin_api(admin: Arc<Admin>) -> ApiHandler {
    Arc::new(move |req| {
        let admin = admin.clone();
        Box::pin(async move { crate::admin::api::handle(&admin, req).await })
    })
}

#[cfg(test)]
mod tests {
    use super::mostly_live;
    use crate::config::StorageConfig;

    #[test]
    fn a_journal_is_compacted_once_enough_of_it_is_garbage() {
        let storage = |percent| StorageConfig {
            compact_min_garbage_percent: percent,
            ..StorageConfig::default()
        };
        assert!(mostly_live(100, 60, &storage(50)), "40 % garbage");
        assert!(!mostly_live(100, 50, &storage(50)), "50 % garbage");
        assert!(!mostly_live(100, 200, &storage(0)), "0: always compact");
        assert!(mostly_live(100, 1, &storage(200)), "above 100 reads as 100");
        assert!(!mostly_live(100, 0, &storage(200)), "all garbage");
    }
}
