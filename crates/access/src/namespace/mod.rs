//! A validated namespace: resources, their compiled queries and templates,
//! and the authorization decision.

mod authorize;
mod error;
#[cfg(test)]
mod tests_authorize;
#[cfg(test)]
mod tests_validation;
mod upsert;
mod validate;

use crate::limits::Limits;
use crate::query::Query;
use crate::resources::{
    CaCertificate, Client, ClientGroup, NamespaceSpec, Permission, PermissionBinding, TopicSpace,
};
use crate::template::Template;
use std::collections::{BTreeMap, BTreeSet};

// For the tests' `use super::*` (only `upsert` uses it outside them).
#[cfg(test)]
use crate::resources::ValidationScheme;
use error::{invalid, reserved_all};
pub use error::{NamespaceError, ResourceKind};

/// The built-in client group every client is a member of.
pub const ALL_GROUP: &str = "$all";

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

    /// The routes, in name order.
    pub fn routes(&self) -> impl Iterator<Item = &crate::route::Route> {
        self.routes.values()
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
