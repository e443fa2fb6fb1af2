//! Creating and replacing resources: every `upsert_*` method validates its
//! resource against the rules and limits first and changes nothing on error.

use super::error::{invalid, reserved_all};
use super::{validate, GroupEntry, Namespace, NamespaceError, ResourceKind, SpaceEntry, ALL_GROUP};
use crate::query::Query;
use crate::resources::{
    CaCertificate, Client, ClientGroup, PermissionBinding, TopicSpace, ValidationScheme,
};
use crate::template::Template;

impl Namespace {
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
}
