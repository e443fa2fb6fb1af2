//! Topic templates: `+`, `#` and `${client.authenticationName}` /
//! `${client.attributes.<key>}` variables inside single segments; validated
//! once, expanded per principal, then matched against topics (PUBLISH) or
//! checked to cover filters (SUBSCRIBE).

use crate::resources::Principal;

/// A validated topic template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    _private: (),
}

/// Why a template is invalid (names the rule).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// Placeholder: the helper fills in the variants.
    #[error("invalid topic template '{template}': {rule}")]
    Invalid {
        /// The template as written.
        template: String,
        /// The rule broken.
        rule: String,
    },
}

/// Why a template does not expand for a principal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExpandError {
    /// The principal lacks an attribute the template uses.
    #[error("the client has no attribute '{0}'")]
    MissingAttribute(String),
    /// The value cannot stand in a topic segment (array, empty, contains `/`, `+`, `#` ...).
    #[error("attribute '{key}' cannot be used in a topic: {rule}")]
    UnusableValue {
        /// The attribute key.
        key: String,
        /// The rule broken.
        rule: String,
    },
}

impl Template {
    /// Parses and validates a template.
    pub fn parse(_text: &str) -> Result<Template, TemplateError> {
        todo!("tern-access helper")
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        todo!("tern-access helper")
    }

    /// The template with the principal's values substituted: a topic filter.
    pub fn expand(&self, _principal: &Principal) -> Result<String, ExpandError> {
        todo!("tern-access helper")
    }
}

/// Whether every topic `filter` can match is also matched by `covering` (both
/// valid topic filters). Sound: never true when some topic matches `filter`
/// but not `covering`.
pub fn filter_covers(_covering: &str, _filter: &str) -> bool {
    todo!("tern-access helper")
}
