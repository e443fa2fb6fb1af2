//! Authorization decisions that explain themselves.

use crate::resources::Permission;
use std::fmt;

/// What a client asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// PUBLISH to a topic name.
    Publish(&'a str),
    /// SUBSCRIBE to a topic filter (without any `$share/{group}/` prefix).
    Subscribe(&'a str),
}

impl Action<'_> {
    /// The permission a binding must grant for this action.
    pub fn permission(&self) -> Permission {
        match self {
            Action::Publish(_) => Permission::Publisher,
            Action::Subscribe(_) => Permission::Subscriber,
        }
    }
}

/// The path through the namespace that allowed an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The client group the principal is a member of.
    pub client_group: String,
    /// The permission binding of that group.
    pub permission_binding: String,
    /// The topic space the binding names.
    pub topic_space: String,
    /// The template as written in the topic space.
    pub template: String,
    /// The template with the principal's variables substituted.
    pub expanded: String,
}

/// An authorization answer with its reason; `Display` gives one line for logs
/// and `tern explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Allowed through `Grant`.
    Allowed(Grant),
    /// Denied; the text says why nothing allowed it (no group, no binding with
    /// this permission, no template matched, a template variable the client lacks ...).
    Denied(String),
}

impl Decision {
    /// Whether the action is allowed.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed(_))
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Allowed(g) => write!(
                f,
                "allowed: client group '{}' -> permission binding '{}' -> topic space '{}' -> template '{}' (expanded '{}')",
                g.client_group, g.permission_binding, g.topic_space, g.template, g.expanded
            ),
            Decision::Denied(why) => write!(f, "denied: {why}"),
        }
    }
}
