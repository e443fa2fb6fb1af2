//! Event Grid's MQTT access model, as a pure library the broker, the CLI and
//! the browser share.
//!
//! A [`Namespace`] holds the resources of seed 003's `az eventgrid namespace`
//! commands — clients, client groups, topic spaces, permission bindings and CA
//! certificates — validated on every change, and answers one question: may
//! this [`Principal`] publish to this topic or subscribe to this filter? The
//! answer is a [`Decision`] that carries the path that allowed it (group →
//! binding → topic space → template) or why nothing did, so `tern explain`
//! and the broker's debug log say the same thing.
//!
//! No I/O and no clock: the broker authenticates clients (certificates, JWT,
//! webhook) and hands the resulting principal in.

pub mod decision;
pub mod limits;
pub mod namespace;
pub mod query;
pub mod resources;
pub mod route;
pub mod route_filter;
pub mod template;

pub use decision::{Action, Decision, Grant};
pub use limits::Limits;
pub use namespace::{Namespace, NamespaceError, ResourceKind, ALL_GROUP};
pub use query::{Query, QueryError};
pub use resources::{
    AttributeValue, Attributes, CaCertificate, CertificateAuthentication, Client, ClientGroup,
    ClientState, NamespaceSpec, Permission, PermissionBinding, Principal, TopicSpace,
    ValidationScheme,
};
pub use route::{DeliveryHeader, Enrichment, EnrichmentValue, Route, Variable};
pub use route_filter::{AdvancedFilter, Operator};
pub use template::{filter_covers, ExpandError, Template, TemplateError, EVENTS_PREFIX};
