//! A validated namespace: resources, their compiled queries and templates,
//! and the authorization decision.

mod authorize;
#[cfg(test)]
mod tests_authorize;
#[cfg(test)]
mod tests_validation;
mod validate;

use crate::limits::Limits;
use crate::query::Query;
use crate::resources::{
    CaCertificate, Client, ClientGroup, NamespaceSpec, Permission, PermissionBinding, TopicSpace,
    ValidationScheme,
};
use crate::template::Template;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The built-in client group every client is a member of.
pub const ALL_GROUP: &str = "$all";

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

/// A client group with its compiled query.
#[derive(Debug, Clone)]
struct GroupEntry {
    spec: ClientGroup,
    query: Query,
}

/// A topic space with its compiled templates (same order as the spec's).
#[derive(Debug, Clone)]
struct SpaceEntry {
    spec: TopicSpace,
    templates: Vec<Template>,
}

/// Binding names by client group and permission, for authorization.
#[derive(Debug, Clone, Default)]
struct GroupBindings {
    publisher: Vec<String>,
    subscriber: Vec<String>,
}

impl GroupBindings {
    fn get(&self, permission: Permission) -> &[String] {
        match permission {
            Permission::Publisher => &self.publisher,
            Permission::Subscriber => &self.subscriber,
        }
    }
}

/// A namespace; every method that changes it validates first and changes
/// nothing when it returns an error.
#[derive(Debug, Clone)]
pub struct Namespace {
    limits: Limits,
    clients: BTreeMap<String, Client>,
    /// Lower-cased authentication name → client name.
    by_authentication_name: BTreeMap<String, String>,
    groups: BTreeMap<String, GroupEntry>,
    spaces: BTreeMap<String, SpaceEntry>,
    bindings: BTreeMap<String, PermissionBinding>,
    cas: BTreeMap<String, CaCertificate>,
    routes: BTreeMap<String, crate::route::Route>,
    /// Client group → its bindings by permission; rebuilt when bindings change.
    bindings_by_group: BTreeMap<String, GroupBindings>,
}

fn invalid(
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

impl Namespace {
    /// An empty namespace (only `$all`).
    pub fn new(limits: Limits) -> Namespace {
        Namespace {
            limits,
            clients: BTreeMap::new(),
            by_authentication_name: BTreeMap::new(),
            groups: BTreeMap::new(),
            spaces: BTreeMap::new(),
            bindings: BTreeMap::new(),
            cas: BTreeMap::new(),
            routes: BTreeMap::new(),
            bindings_by_group: BTreeMap::new(),
        }
    }

    /// Builds a namespace from a spec, validating everything (all or nothing).
    /// A name listed twice for the same kind is an error.
    pub fn from_spec(spec: NamespaceSpec, limits: Limits) -> Result<Namespace, NamespaceError> {
        fn once<'a>(
            seen: &mut BTreeSet<&'a str>,
            kind: ResourceKind,
            name: &'a str,
        ) -> Result<(), NamespaceError> {
            if seen.insert(name) {
                Ok(())
            } else {
                Err(invalid(
                    kind,
                    name,
                    "name",
                    "the namespace lists this name more than once",
                ))
            }
        }
        let mut ns = Namespace::new(limits);
        let mut seen = BTreeSet::new();
        for client in &spec.clients {
            once(&mut seen, ResourceKind::Client, &client.name)?;
        }
        for client in spec.clients.iter().cloned() {
            ns.upsert_client(client)?;
        }
        let mut seen = BTreeSet::new();
        for group in &spec.client_groups {
            once(&mut seen, ResourceKind::ClientGroup, &group.name)?;
        }
        for group in spec.client_groups.iter().cloned() {
            ns.upsert_client_group(group)?;
        }
        let mut seen = BTreeSet::new();
        for space in &spec.topic_spaces {
            once(&mut seen, ResourceKind::TopicSpace, &space.name)?;
        }
        for space in spec.topic_spaces.iter().cloned() {
            ns.upsert_topic_space(space)?;
        }
        let mut seen = BTreeSet::new();
        for binding in &spec.permission_bindings {
            once(&mut seen, ResourceKind::PermissionBinding, &binding.name)?;
        }
        for binding in spec.permission_bindings.iter().cloned() {
            ns.upsert_permission_binding(binding)?;
        }
        let mut seen = BTreeSet::new();
        for ca in &spec.ca_certificates {
            once(&mut seen, ResourceKind::CaCertificate, &ca.name)?;
        }
        for ca in spec.ca_certificates.iter().cloned() {
            ns.upsert_ca_certificate(ca)?;
        }
        let mut seen = BTreeSet::new();
        for route in &spec.routes {
            once(&mut seen, ResourceKind::Route, &route.name)?;
        }
        for route in spec.routes.iter().cloned() {
            ns.upsert_route(route)?;
        }
        Ok(ns)
    }

    /// The namespace as plain data (authentication names filled in,
    /// thumbprints in upper case), every list in name order.
    pub fn spec(&self) -> NamespaceSpec {
        NamespaceSpec {
            clients: self.clients().cloned().collect(),
            client_groups: self.client_groups().cloned().collect(),
            topic_spaces: self.topic_spaces().cloned().collect(),
            permission_bindings: self.permission_bindings().cloned().collect(),
            ca_certificates: self.ca_certificates().cloned().collect(),
            routes: self.routes().cloned().collect(),
        }
    }

    /// The limits this namespace enforces.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Creates or replaces a client (authentication name immutable on update).
    ///
    /// A missing `authenticationName` means the name on create and "unchanged"
    /// on update. Thumbprints are stored in upper case.
    pub fn upsert_client(&mut self, mut client: Client) -> Result<(), NamespaceError> {
        const KIND: ResourceKind = ResourceKind::Client;
        let name = client.name.clone();
        let bad = |field: &str, rule: String| invalid(KIND, &name, field, rule);
        validate::client_name(&name).map_err(|r| bad("name", r))?;
        let existing = self.clients.get(&name);
        if existing.is_none() && self.clients.len() >= self.limits.max_clients {
            return Err(bad(
                "name",
                format!(
                    "the namespace already has the most clients allowed ({}, limits max_clients)",
                    self.limits.max_clients
                ),
            ));
        }
        let auth = match (client.authentication_name.take(), existing) {
            (None, Some(old)) => old.authentication_name().to_owned(),
            (None, None) => name.clone(),
            (Some(new), Some(old)) if new != old.authentication_name() => {
                return Err(bad(
                    "authenticationName",
                    format!(
                        "is immutable: the client was created with '{}'",
                        old.authentication_name()
                    ),
                ))
            }
            (Some(new), _) => new,
        };
        validate::client_name(&auth).map_err(|r| bad("authenticationName", r))?;
        let auth_key = auth.to_lowercase();
        if let Some(other) = self.by_authentication_name.get(&auth_key) {
            if *other != name {
                return Err(bad(
                    "authenticationName",
                    format!(
                        "must be unique case-insensitively: client '{other}' has authentication name '{}'",
                        self.clients[other].authentication_name()
                    ),
                ));
            }
        }
        for key in client.attributes.keys() {
            validate::attribute_key(key).map_err(|r| bad(&format!("attributes.{key}"), r))?;
        }
        validate::attributes_size(&client.attributes, self.limits.max_attributes_bytes)
            .map_err(|r| bad("attributes", r))?;
        if let Some(cert) = &mut client.client_certificate_authentication {
            const FIELD: &str = "clientCertificateAuthentication.allowedThumbprints";
            if cert.validation_scheme == ValidationScheme::ThumbprintMatch {
                let n = cert.allowed_thumbprints.len();
                if !(1..=2).contains(&n) {
                    return Err(bad(
                        FIELD,
                        format!("ThumbprintMatch needs 1 or 2 thumbprints (found {n})"),
                    ));
                }
                for (i, tp) in cert.allowed_thumbprints.iter_mut().enumerate() {
                    *tp = validate::thumbprint(tp).map_err(|r| bad(&format!("{FIELD}[{i}]"), r))?;
                }
            } else if !cert.allowed_thumbprints.is_empty() {
                return Err(bad(
                    FIELD,
                    format!(
                        "only ThumbprintMatch takes thumbprints; {:?} matches the certificate to the authentication name",
                        cert.validation_scheme
                    ),
                ));
            }
        }
        if let Some(hash) = &client.password_hash {
            validate::password_hash(hash).map_err(|r| bad("passwordHash", r))?;
        }
        client.authentication_name = Some(auth);
        self.by_authentication_name.insert(auth_key, name.clone());
        self.clients.insert(name, client);
        Ok(())
    }

    /// Sets when client `name` was created and last changed (the broker's
    /// bookkeeping: no rule of the namespace depends on it). Does nothing if
    /// there is no such client.
    pub fn stamp_client(&mut self, name: &str, created_on: String, updated_on: String) {
        if let Some(client) = self.clients.get_mut(name) {
            client.created_on = Some(created_on);
            client.updated_on = Some(updated_on);
        }
    }

    /// Creates or replaces a route (every rule of [`Route::validate`](crate::route::Route::validate)).
    pub fn upsert_route(&mut self, route: crate::route::Route) -> Result<(), NamespaceError> {
        const KIND: ResourceKind = ResourceKind::Route;
        if let Err((field, rule)) = route.validate() {
            return Err(invalid(KIND, &route.name, field, rule));
        }
        if !self.routes.contains_key(&route.name) && self.routes.len() >= self.limits.max_routes {
            return Err(invalid(
                KIND,
                &route.name,
                "name",
                format!(
                    "the namespace already has the most routes allowed ({}, limits max_routes)",
                    self.limits.max_routes
                ),
            ));
        }
        self.routes.insert(route.name.clone(), route);
        Ok(())
    }

    /// The routes, in name order.
    pub fn routes(&self) -> impl Iterator<Item = &crate::route::Route> {
        self.routes.values()
    }

    /// Creates or replaces a client group.
    pub fn upsert_client_group(&mut self, group: ClientGroup) -> Result<(), NamespaceError> {
        const KIND: ResourceKind = ResourceKind::ClientGroup;
        let bad = |field: &str, rule: String| invalid(KIND, &group.name, field, rule);
        if group.name == ALL_GROUP {
            return Err(bad("name", reserved_all()));
        }
        validate::resource_name(&group.name).map_err(|r| bad("name", r))?;
        if !self.groups.contains_key(&group.name)
            && self.groups.len() >= self.limits.max_client_groups
        {
            return Err(bad(
                "name",
                format!(
                    "the namespace already has the most client groups allowed besides $all ({}, limits max_client_groups)",
                    self.limits.max_client_groups
                ),
            ));
        }
        let len = group.query.chars().count();
        if group.query.trim().is_empty() {
            return Err(bad("query", "must not be empty".to_owned()));
        }
        if len > self.limits.max_query_length {
            return Err(bad(
                "query",
                format!(
                    "is {len} characters long; at most {} are allowed (limits max_query_length)",
                    self.limits.max_query_length
                ),
            ));
        }
        let query = Query::parse(&group.query).map_err(|e| bad("query", e.to_string()))?;
        self.groups
            .insert(group.name.clone(), GroupEntry { spec: group, query });
        Ok(())
    }

    /// Creates or replaces a topic space.
    pub fn upsert_topic_space(&mut self, space: TopicSpace) -> Result<(), NamespaceError> {
        const KIND: ResourceKind = ResourceKind::TopicSpace;
        let bad = |field: &str, rule: String| invalid(KIND, &space.name, field, rule);
        validate::resource_name(&space.name).map_err(|r| bad("name", r))?;
        if !self.spaces.contains_key(&space.name)
            && self.spaces.len() >= self.limits.max_topic_spaces
        {
            return Err(bad(
                "name",
                format!(
                    "the namespace already has the most topic spaces allowed ({}, limits max_topic_spaces)",
                    self.limits.max_topic_spaces
                ),
            ));
        }
        let max = self.limits.max_templates_per_topic_space;
        let n = space.topic_templates.len();
        if n == 0 || n > max {
            return Err(bad(
                "topicTemplates",
                format!("a topic space has 1 to {max} templates (limits max_templates_per_topic_space); found {n}"),
            ));
        }
        let mut templates = Vec::with_capacity(n);
        for (i, text) in space.topic_templates.iter().enumerate() {
            let field = format!("topicTemplates[{i}]");
            if let Some(j) = space.topic_templates[..i].iter().position(|t| t == text) {
                return Err(bad(&field, format!("duplicates topicTemplates[{j}]")));
            }
            templates.push(Template::parse(text).map_err(|e| bad(&field, e.to_string()))?);
        }
        self.spaces.insert(
            space.name.clone(),
            SpaceEntry {
                spec: space,
                templates,
            },
        );
        Ok(())
    }

    /// Creates or replaces a permission binding (group and topic space must exist).
    pub fn upsert_permission_binding(
        &mut self,
        binding: PermissionBinding,
    ) -> Result<(), NamespaceError> {
        const KIND: ResourceKind = ResourceKind::PermissionBinding;
        let bad = |field: &str, rule: String| invalid(KIND, &binding.name, field, rule);
        validate::resource_name(&binding.name).map_err(|r| bad("name", r))?;
        if !self.bindings.contains_key(&binding.name)
            && self.bindings.len() >= self.limits.max_permission_bindings
        {
            return Err(bad(
                "name",
                format!(
                    "the namespace already has the most permission bindings allowed ({}, limits max_permission_bindings)",
                    self.limits.max_permission_bindings
                ),
            ));
        }
        let group = &binding.client_group_name;
        if group != ALL_GROUP && !self.groups.contains_key(group) {
            return Err(bad(
                "clientGroupName",
                format!("no client group '{group}' exists (create it first, or use '$all')"),
            ));
        }
        let space = &binding.topic_space_name;
        if !self.spaces.contains_key(space) {
            return Err(bad(
                "topicSpaceName",
                format!("no topic space '{space}' exists (create it first)"),
            ));
        }
        self.bindings.insert(binding.name.clone(), binding);
        self.reindex_bindings();
        Ok(())
    }

    /// Creates or replaces a CA certificate (PEM shape checked, not parsed as X.509).
    pub fn upsert_ca_certificate(&mut self, ca: CaCertificate) -> Result<(), NamespaceError> {
        const KIND: ResourceKind = ResourceKind::CaCertificate;
        let bad = |field: &str, rule: String| invalid(KIND, &ca.name, field, rule);
        validate::resource_name(&ca.name).map_err(|r| bad("name", r))?;
        if !self.cas.contains_key(&ca.name) && self.cas.len() >= self.limits.max_ca_certificates {
            return Err(bad(
                "name",
                format!(
                    "the namespace already has the most CA certificates allowed ({}, limits max_ca_certificates)",
                    self.limits.max_ca_certificates
                ),
            ));
        }
        validate::pem_certificate(&ca.encoded_certificate)
            .map_err(|r| bad("encodedCertificate", r))?;
        self.cas.insert(ca.name.clone(), ca);
        Ok(())
    }

    /// Deletes a resource (refused with InUse while a binding references it).
    pub fn delete(&mut self, kind: ResourceKind, name: &str) -> Result<(), NamespaceError> {
        let not_found = || NamespaceError::NotFound {
            kind,
            name: name.to_owned(),
        };
        let in_use = |by: Option<&PermissionBinding>| match by {
            Some(b) => Err(NamespaceError::InUse {
                kind,
                name: name.to_owned(),
                by: b.name.clone(),
            }),
            None => Ok(()),
        };
        match kind {
            ResourceKind::Client => {
                let client = self.clients.remove(name).ok_or_else(not_found)?;
                self.by_authentication_name
                    .remove(&client.authentication_name().to_lowercase());
            }
            ResourceKind::ClientGroup => {
                if name == ALL_GROUP {
                    return Err(invalid(kind, name, "name", reserved_all()));
                }
                if !self.groups.contains_key(name) {
                    return Err(not_found());
                }
                in_use(self.bindings.values().find(|b| b.client_group_name == name))?;
                self.groups.remove(name);
            }
            ResourceKind::TopicSpace => {
                if !self.spaces.contains_key(name) {
                    return Err(not_found());
                }
                in_use(self.bindings.values().find(|b| b.topic_space_name == name))?;
                self.spaces.remove(name);
            }
            ResourceKind::PermissionBinding => {
                self.bindings.remove(name).ok_or_else(not_found)?;
                self.reindex_bindings();
            }
            ResourceKind::Route => {
                self.routes.remove(name).ok_or_else(not_found)?;
            }
            ResourceKind::CaCertificate => {
                self.cas.remove(name).ok_or_else(not_found)?;
            }
        }
        Ok(())
    }

    /// A client by resource name.
    pub fn client(&self, name: &str) -> Option<&Client> {
        self.clients.get(name)
    }
    /// A client by authentication name, case-insensitively.
    pub fn client_by_authentication_name(&self, authentication_name: &str) -> Option<&Client> {
        let name = self
            .by_authentication_name
            .get(&authentication_name.to_lowercase())?;
        self.clients.get(name)
    }
    /// All clients, by name.
    pub fn clients(&self) -> impl Iterator<Item = &Client> {
        self.clients.values()
    }
    /// All client groups (not `$all`), by name.
    pub fn client_groups(&self) -> impl Iterator<Item = &ClientGroup> {
        self.groups.values().map(|g| &g.spec)
    }
    /// All topic spaces, by name.
    pub fn topic_spaces(&self) -> impl Iterator<Item = &TopicSpace> {
        self.spaces.values().map(|s| &s.spec)
    }
    /// All permission bindings, by name.
    pub fn permission_bindings(&self) -> impl Iterator<Item = &PermissionBinding> {
        self.bindings.values()
    }
    /// All CA certificates, by name.
    pub fn ca_certificates(&self) -> impl Iterator<Item = &CaCertificate> {
        self.cas.values()
    }

    /// Rebuilds the group → bindings index (bindings are few; changes are rare).
    fn reindex_bindings(&mut self) {
        let mut index: BTreeMap<String, GroupBindings> = BTreeMap::new();
        for binding in self.bindings.values() {
            let entry = index.entry(binding.client_group_name.clone()).or_default();
            match binding.permission {
                Permission::Publisher => entry.publisher.push(binding.name.clone()),
                Permission::Subscriber => entry.subscriber.push(binding.name.clone()),
            }
        }
        self.bindings_by_group = index;
    }
}

fn reserved_all() -> String {
    "'$all' is the built-in group of every client; it cannot be created, changed or deleted"
        .to_owned()
}
