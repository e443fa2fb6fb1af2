//! A validated namespace: resources, their compiled queries and templates,
//! and the authorization decision.

use crate::decision::{Action, Decision};
use crate::limits::Limits;
use crate::resources::{
    CaCertificate, Client, ClientGroup, NamespaceSpec, PermissionBinding, Principal, TopicSpace,
};

/// The kinds of resource, for errors and the admin API's paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    /// A client.
    Client,
    /// A client group.
    ClientGroup,
    /// A topic space.
    TopicSpace,
    /// A permission binding.
    PermissionBinding,
    /// A CA certificate.
    CaCertificate,
}

/// Why a change to a namespace was refused; the text names the field and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamespaceError {
    /// A field breaks a rule.
    #[error("{kind:?} '{name}': field '{field}': {rule}")]
    Invalid {
        /// The kind of resource.
        kind: ResourceKind,
        /// The resource's name.
        name: String,
        /// The field, as in the JSON/TOML (`authenticationName`, `topicTemplates[2]` ...).
        field: String,
        /// The rule broken.
        rule: String,
    },
    /// No such resource.
    #[error("{kind:?} '{name}' does not exist")]
    NotFound {
        /// The kind of resource.
        kind: ResourceKind,
        /// The name looked up.
        name: String,
    },
    /// Deleting it would leave a dangling reference.
    #[error("{kind:?} '{name}' is still referenced by permission binding '{by}'")]
    InUse {
        /// The kind of resource.
        kind: ResourceKind,
        /// The resource's name.
        name: String,
        /// The binding that refers to it.
        by: String,
    },
}

/// A namespace; every method that changes it validates first and changes
/// nothing when it returns an error.
#[derive(Debug, Clone)]
pub struct Namespace {
    _private: (),
}

impl Namespace {
    /// An empty namespace (only `$all`).
    pub fn new(_limits: Limits) -> Namespace {
        todo!("tern-access helper")
    }

    /// Builds a namespace from a spec, validating everything (all or nothing).
    pub fn from_spec(_spec: NamespaceSpec, _limits: Limits) -> Result<Namespace, NamespaceError> {
        todo!("tern-access helper")
    }

    /// The namespace as plain data (authentication names filled in).
    pub fn spec(&self) -> NamespaceSpec {
        todo!("tern-access helper")
    }

    /// Creates or replaces a client (authentication name immutable on update).
    pub fn upsert_client(&mut self, _client: Client) -> Result<(), NamespaceError> {
        todo!("tern-access helper")
    }
    /// Creates or replaces a client group.
    pub fn upsert_client_group(&mut self, _group: ClientGroup) -> Result<(), NamespaceError> {
        todo!("tern-access helper")
    }
    /// Creates or replaces a topic space.
    pub fn upsert_topic_space(&mut self, _space: TopicSpace) -> Result<(), NamespaceError> {
        todo!("tern-access helper")
    }
    /// Creates or replaces a permission binding (group and topic space must exist).
    pub fn upsert_permission_binding(
        &mut self,
        _binding: PermissionBinding,
    ) -> Result<(), NamespaceError> {
        todo!("tern-access helper")
    }
    /// Creates or replaces a CA certificate (PEM shape checked, not parsed as X.509).
    pub fn upsert_ca_certificate(&mut self, _ca: CaCertificate) -> Result<(), NamespaceError> {
        todo!("tern-access helper")
    }
    /// Deletes a resource (refused with InUse while a binding references it).
    pub fn delete(&mut self, _kind: ResourceKind, _name: &str) -> Result<(), NamespaceError> {
        todo!("tern-access helper")
    }

    /// A client by resource name.
    pub fn client(&self, _name: &str) -> Option<&Client> {
        todo!("tern-access helper")
    }
    /// A client by authentication name, case-insensitively.
    pub fn client_by_authentication_name(&self, _authentication_name: &str) -> Option<&Client> {
        todo!("tern-access helper")
    }
    /// All clients, by name.
    pub fn clients(&self) -> impl Iterator<Item = &Client> {
        std::iter::empty()
    }
    /// All client groups (not `$all`), by name.
    pub fn client_groups(&self) -> impl Iterator<Item = &ClientGroup> {
        std::iter::empty()
    }
    /// All topic spaces, by name.
    pub fn topic_spaces(&self) -> impl Iterator<Item = &TopicSpace> {
        std::iter::empty()
    }
    /// All permission bindings, by name.
    pub fn permission_bindings(&self) -> impl Iterator<Item = &PermissionBinding> {
        std::iter::empty()
    }
    /// All CA certificates, by name.
    pub fn ca_certificates(&self) -> impl Iterator<Item = &CaCertificate> {
        std::iter::empty()
    }

    /// The groups (including `$all`) the principal is a member of.
    pub fn groups_of(&self, _principal: &Principal) -> Vec<&str> {
        todo!("tern-access helper")
    }

    /// May the principal do this? Default deny; the decision says why.
    pub fn authorize(&self, _principal: &Principal, _action: Action<'_>) -> Decision {
        todo!("tern-access helper")
    }
}
