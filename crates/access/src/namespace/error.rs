//! The namespace's error type and its helpers: the resource kinds errors name,
//! and the constructors every validating method uses.

use std::fmt;

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
    /// A route of messages to a webhook.
    Route,
}

impl fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ResourceKind::Client => "client",
            ResourceKind::ClientGroup => "client group",
            ResourceKind::TopicSpace => "topic space",
            ResourceKind::PermissionBinding => "permission binding",
            ResourceKind::CaCertificate => "CA certificate",
            ResourceKind::Route => "route",
        })
    }
}

/// Why a change to a namespace was refused; the text names the field and the rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamespaceError {
    /// A field breaks a rule.
    #[error("{kind} '{name}': field '{field}': {rule}")]
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
    #[error("{kind} '{name}' does not exist")]
    NotFound {
        /// The kind of resource.
        kind: ResourceKind,
        /// The name looked up.
        name: String,
    },
    /// Deleting it would leave a dangling reference.
    #[error("{kind} '{name}' is still referenced by permission binding '{by}'")]
    InUse {
        /// The kind of resource.
        kind: ResourceKind,
        /// The resource's name.
        name: String,
        /// The binding that refers to it.
        by: String,
    },
}

pub(super) fn invalid(
    kind: ResourceKind,
    name: &str,
    field: impl Into<String>,
    rule: impl Into<String>,
) -> NamespaceError {
    NamespaceError::Invalid {
        kind,
        name: name.to_owned(),
        field: field.into(),
        rule: rule.into(),
    }
}

pub(super) fn reserved_all() -> String {
    "'$all' is the built-in group of every client; it cannot be created, changed or deleted"
        .to_owned()
}
