//! The resources of a namespace, shaped like Event Grid's REST bodies
//! (camelCase JSON / TOML keys), so a namespace file, the admin API and the
//! CLI all speak the same vocabulary.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A client attribute value: Event Grid allows a string, an integer or an array of strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttributeValue {
    /// An integer, compared numerically by `<`, `>`, `<=`, `>=`.
    Int(i64),
    /// A string.
    String(String),
    /// An array of strings; a query term matches if any element does.
    Strings(Vec<String>),
}

/// Attribute key → value (keys `[A-Za-z0-9_]`).
pub type Attributes = BTreeMap<String, AttributeValue>;

/// Whether a client may connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ClientState {
    /// May connect.
    #[default]
    Enabled,
    /// Refused at CONNECT; connected sessions are disconnected with 0x98.
    Disabled,
}

/// How a client certificate is tied to a client (Event Grid's `validationScheme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValidationScheme {
    /// The certificate's SHA-256 thumbprint is one of `allowedThumbprints`.
    ThumbprintMatch,
    /// Chains to a registered CA and the subject CN equals the authentication name.
    SubjectMatchesAuthenticationName,
    /// Chains to a registered CA and a DNS SAN equals the authentication name.
    DnsMatchesAuthenticationName,
    /// Chains to a registered CA and a URI SAN equals the authentication name.
    UriMatchesAuthenticationName,
    /// Chains to a registered CA and an IP SAN equals the authentication name.
    IpMatchesAuthenticationName,
    /// Chains to a registered CA and an email SAN equals the authentication name.
    EmailMatchesAuthenticationName,
}

/// `clientCertificateAuthentication` of a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CertificateAuthentication {
    /// The validation scheme.
    pub validation_scheme: ValidationScheme,
    /// 1-2 SHA-256 thumbprints (64 hex digits, any case) for ThumbprintMatch; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_thumbprints: Vec<String>,
}

/// A registered client (device or application).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Client {
    /// 1-128 of `[A-Za-z0-9-:._]`, case-sensitive, unique.
    pub name: String,
    /// Unique case-insensitively, immutable once created; defaults to `name`
    /// (a namespace fills it in on insert, so a stored client always has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_name: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Attributes the group queries and topic templates read.
    #[serde(default)]
    pub attributes: Attributes,
    /// Enabled or Disabled.
    #[serde(default)]
    pub state: ClientState,
    /// Certificate authentication, if the client uses certificates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_certificate_authentication: Option<CertificateAuthentication>,
    /// A PHC-format argon2 hash of a development password, if any (never the password).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_hash: Option<String>,
    /// When the client was created (RFC 3339, UTC). Kept by the broker, which
    /// overwrites whatever a request says (see [`Client::same_definition`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_on: Option<String>,
    /// When the client was last changed (RFC 3339, UTC); kept like `created_on`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_on: Option<String>,
}

impl Client {
    /// Whether `other` defines the same client, timestamps aside: a request
    /// that changes nothing else is not an update.
    pub fn same_definition(&self, other: &Client) -> bool {
        let strip = |c: &Client| Client {
            created_on: None,
            updated_on: None,
            ..c.clone()
        };
        strip(self) == strip(other)
    }

    /// The authentication name, defaulting to the name.
    pub fn authentication_name(&self) -> &str {
        self.authentication_name.as_deref().unwrap_or(&self.name)
    }

    /// The principal this client authenticates as.
    pub fn principal(&self) -> Principal {
        Principal {
            authentication_name: self.authentication_name().to_owned(),
            attributes: self.attributes.clone(),
        }
    }
}

/// A client group: the clients whose attributes satisfy `query`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientGroup {
    /// Resource name (3-50 of `[A-Za-z0-9-]`).
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The group query, e.g. `attributes.type = 'sensor' and attributes.floor <= 5`.
    pub query: String,
}

/// A topic space: a set of topic templates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TopicSpace {
    /// Resource name (3-50 of `[A-Za-z0-9-]`).
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 1-10 templates such as `devices/${client.authenticationName}/desired`.
    pub topic_templates: Vec<String>,
}

/// What a permission binding grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// PUBLISH to topics of the topic space (`publisher`, as the az CLI writes it, is accepted).
    #[serde(alias = "publisher")]
    Publisher,
    /// SUBSCRIBE to filters covered by the topic space (`subscriber` is accepted).
    #[serde(alias = "subscriber")]
    Subscriber,
}

/// Grants a client group a permission on a topic space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PermissionBinding {
    /// Resource name (3-50 of `[A-Za-z0-9-]`).
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The client group (must exist; `$all` always does).
    pub client_group_name: String,
    /// The topic space (must exist).
    pub topic_space_name: String,
    /// Publisher or Subscriber.
    pub permission: Permission,
}

/// A CA certificate that client certificates may chain to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaCertificate {
    /// Resource name (3-50 of `[A-Za-z0-9-]`).
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The certificate, PEM-encoded (`-----BEGIN CERTIFICATE-----`).
    pub encoded_certificate: String,
}

/// A whole namespace as plain data: the declarative namespace file (TOML) and
/// the store's snapshot of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamespaceSpec {
    /// Clients.
    #[serde(default)]
    pub clients: Vec<Client>,
    /// Client groups (`$all` is built in and must not be listed).
    #[serde(default)]
    pub client_groups: Vec<ClientGroup>,
    /// Topic spaces.
    #[serde(default)]
    pub topic_spaces: Vec<TopicSpace>,
    /// Permission bindings.
    #[serde(default)]
    pub permission_bindings: Vec<PermissionBinding>,
    /// CA certificates.
    #[serde(default)]
    pub ca_certificates: Vec<CaCertificate>,
    /// Routes of messages to webhooks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<crate::route::Route>,
}

/// An authenticated client as authorization sees it: from the registry, or
/// from JWT claims / a webhook answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Principal {
    /// `${client.authenticationName}`.
    pub authentication_name: String,
    /// `${client.attributes.<key>}` and what group queries read.
    pub attributes: Attributes,
}
