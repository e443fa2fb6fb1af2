//! Event Grid's resource limits, as defaults a deployment may change.

use serde::{Deserialize, Serialize};

/// Limits a namespace enforces when resources are created or updated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields, default)]
pub struct Limits {
    /// Most clients in a namespace.
    pub max_clients: usize,
    /// Most client groups (besides `$all`).
    pub max_client_groups: usize,
    /// Most topic spaces.
    pub max_topic_spaces: usize,
    /// Most topic templates per topic space (Event Grid: 10).
    pub max_templates_per_topic_space: usize,
    /// Most permission bindings.
    pub max_permission_bindings: usize,
    /// Most CA certificates.
    pub max_ca_certificates: usize,
    /// Largest serialized attributes of one client, in bytes (Event Grid: < 4 KB).
    pub max_attributes_bytes: usize,
    /// Longest group query, in characters.
    pub max_query_length: usize,
    /// Most routes.
    pub max_routes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_clients: 10_000,
            max_client_groups: 10,
            max_topic_spaces: 10,
            max_templates_per_topic_space: 10,
            max_permission_bindings: 100,
            max_ca_certificates: 2,
            max_attributes_bytes: 4096,
            max_query_length: 500,
            max_routes: 10,
        }
    }
}
