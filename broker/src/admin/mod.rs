//! Administration of the access model: every change is validated by the
//! namespace, persisted, swapped in, and announced to connections — or, on
//! any error, not applied at all.
//!
//! The REST API ([`api`]) and the namespace file loaded at start both go
//! through [`Admin::change`], so the two can never disagree about the rules.

pub mod api;
pub mod client;

use crate::access::NamespaceAccess;
use crate::state::BrokerState;
use crate::store::{Store, StoreError};
use std::sync::Arc;
use tern_access::{Namespace, NamespaceError};
use tokio::sync::Mutex;

/// Why an administrative change was not applied.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The namespace refused it (names the field and the rule).
    #[error(transparent)]
    Namespace(#[from] NamespaceError),
    /// It could not be persisted, so it was not applied either.
    #[error("the change could not be saved: {0}")]
    Store(#[from] StoreError),
}

/// Applies changes to the live namespace.
#[derive(Debug)]
pub struct Admin {
    access: Arc<NamespaceAccess>,
    state: Arc<BrokerState>,
    store: Option<Arc<Store>>,
    token: Option<String>,
    /// Serialises writers, so two changes never start from the same snapshot.
    writer: Mutex<()>,
}

impl Admin {
    /// An administrator of `access`, persisting to `store` (if any); the REST
    /// API requires `token` (none: the API refuses every request).
    pub fn new(
        access: Arc<NamespaceAccess>,
        state: Arc<BrokerState>,
        store: Option<Arc<Store>>,
        token: Option<String>,
    ) -> Self {
        Self {
            access,
            state,
            store,
            token,
            writer: Mutex::new(()),
        }
    }

    /// The current namespace.
    pub fn namespace(&self) -> Arc<Namespace> {
        self.access.namespace()
    }

    /// The access model (for explanations).
    pub fn access(&self) -> &NamespaceAccess {
        &self.access
    }

    /// Whether `token` is the configured bearer token.
    pub fn token_matches(&self, token: &str) -> bool {
        self.token
            .as_deref()
            .is_some_and(|expected| constant_time_eq(expected.as_bytes(), token.as_bytes()))
    }

    /// The newest dead letters of route `name` (oldest first), if it is in
    /// force or had some since the broker started.
    pub async fn dead_letters(
        &self,
        name: &str,
    ) -> Option<std::io::Result<Vec<serde_json::Value>>> {
        self.state.routing.dead_letters(name).await
    }

    /// Sends route `name`'s dead letters again (see [`crate::routing::Routing::replay`]).
    pub async fn replay_dead_letters(
        &self,
        name: &str,
    ) -> Result<usize, crate::routing::ReplayError> {
        self.state.routing.replay(name).await
    }

    /// Whether the REST API is enabled (a token is configured).
    pub fn api_enabled(&self) -> bool {
        self.token.is_some()
    }

    /// Applies `f` to a copy of the namespace; when it succeeds the copy is
    /// saved, made current, and connections re-check their clients within
    /// their next loop turn.
    ///
    /// The store write runs on the blocking pool (an fsync can take
    /// milliseconds), and writers take turns, so concurrent API calls never
    /// occupy the runtime's workers.
    pub async fn change<T>(
        &self,
        f: impl FnOnce(&mut Namespace) -> Result<T, NamespaceError>,
    ) -> Result<T, AdminError> {
        let _writer = self.writer.lock().await;
        let previous = self.access.namespace();
        let mut next = (*previous).clone();
        let out = f(&mut next)?;
        let events = client_changes(&previous, &mut next, &self.state.lifecycle);
        if let Some(store) = &self.store {
            let store = store.clone();
            let spec = next.spec();
            tokio::task::spawn_blocking(move || store.save_namespace(&spec))
                .await
                .map_err(|e| StoreError::Transaction(e.to_string()))??;
        }
        self.access.replace(next);
        self.state.routing.sync(self.access.namespace());
        self.state.notify_access_changed();
        self.state.end_unadmitted_offline_sessions();
        for event in events {
            self.state.publish_from_broker(Arc::new(event));
        }
        Ok(out)
    }
}

/// Stamps the clients a change created or changed with their times, and
/// makes the life-cycle events of every client created, changed or deleted
/// (published once the change is in force).
fn client_changes(
    previous: &Namespace,
    next: &mut Namespace,
    lifecycle: &crate::lifecycle::Lifecycle,
) -> Vec<crate::message::Message> {
    let now = crate::lifecycle::now_rfc3339();
    let mut stamps = Vec::new();
    for client in next.clients() {
        let (created, updated, changed) = match previous.client(&client.name) {
            // Unchanged: it keeps its times (a request cannot set them); a
            // client loaded without times (an older store) gets them now.
            Some(old) if old.same_definition(client) => {
                let created = old.created_on.clone().unwrap_or_else(|| now.clone());
                let updated = old.updated_on.clone().unwrap_or_else(|| created.clone());
                (created, updated, false)
            }
            Some(old) => {
                let created = old.created_on.clone().unwrap_or_else(|| now.clone());
                (created, now.clone(), true)
            }
            None => (now.clone(), now.clone(), true),
        };
        stamps.push((client.name.clone(), created, updated, changed));
    }
    let mut events = Vec::new();
    for (name, created, updated, changed) in stamps {
        next.stamp_client(&name, created, updated);
        if let (true, Some(client)) = (changed, next.client(&name)) {
            events.push(lifecycle.client_created_or_updated(client));
        }
    }
    for old in previous.clients() {
        if next.client(&old.name).is_none() {
            events.push(lifecycle.client_deleted(old));
        }
    }
    events
}

/// Creates or replaces every resource of `spec` in `namespace`, referenced
/// resources first.
pub fn apply_spec(
    namespace: &mut tern_access::Namespace,
    spec: tern_access::NamespaceSpec,
) -> Result<(), tern_access::NamespaceError> {
    for ca in spec.ca_certificates {
        namespace.upsert_ca_certificate(ca)?;
    }
    for space in spec.topic_spaces {
        namespace.upsert_topic_space(space)?;
    }
    for group in spec.client_groups {
        namespace.upsert_client_group(group)?;
    }
    for client in spec.clients {
        namespace.upsert_client(client)?;
    }
    for binding in spec.permission_bindings {
        namespace.upsert_permission_binding(binding)?;
    }
    for route in spec.routes {
        namespace.upsert_route(route)?;
    }
    Ok(())
}

/// Compares without an early exit on the first differing byte.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
