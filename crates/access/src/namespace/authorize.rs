//! The authorization decision: default deny; allowed through the first
//! group → binding → topic space → template path that grants the action,
//! otherwise denied with a one-line account of what was tried.

use super::{Namespace, SpaceEntry, ALL_GROUP};
use crate::decision::{Action, Decision, Grant};
use crate::resources::{Permission, PermissionBinding, Principal};
use crate::template::{filter_covers, Template};
use std::fmt::Write as _;

impl Namespace {
    /// The groups (including `$all`) the principal is a member of.
    pub fn groups_of(&self, principal: &Principal) -> Vec<&str> {
        self.member_groups(principal).collect()
    }

    /// `$all`, then every group whose query the principal satisfies, by name.
    fn member_groups<'s: 'p, 'p>(
        &'s self,
        principal: &'p Principal,
    ) -> impl Iterator<Item = &'s str> + 'p {
        std::iter::once(ALL_GROUP).chain(
            self.groups
                .iter()
                .filter(|(_, g)| g.query.matches(principal))
                .map(|(name, _)| name.as_str()),
        )
    }

    /// The bindings of `group` granting `permission`, with their topic spaces.
    fn bindings_of<'s>(
        &'s self,
        group: &str,
        permission: Permission,
    ) -> impl Iterator<Item = (&'s PermissionBinding, &'s SpaceEntry)> {
        self.bindings_by_group
            .get(group)
            .map(|b| b.get(permission))
            .unwrap_or_default()
            .iter()
            .filter_map(|name| {
                let binding = self.bindings.get(name)?;
                Some((binding, self.spaces.get(&binding.topic_space_name)?))
            })
    }

    /// May the principal do this? Default deny; the decision says why.
    pub fn authorize(&self, principal: &Principal, action: Action<'_>) -> Decision {
        let valid = match action {
            Action::Publish(topic) => tern_topic::validate_topic_name(topic),
            Action::Subscribe(filter) => tern_topic::validate_topic_filter(filter),
        };
        if let Err(e) = valid {
            return Decision::Denied(format!("{}: {e}", describe_action(principal, action)));
        }
        let permission = action.permission();
        for group in self.member_groups(principal) {
            for (binding, space) in self.bindings_of(group, permission) {
                for template in &space.templates {
                    if grants(template, principal, action) {
                        return Decision::Allowed(Grant {
                            client_group: group.to_owned(),
                            permission_binding: binding.name.clone(),
                            topic_space: space.spec.name.clone(),
                            template: template.as_str().to_owned(),
                            expanded: template.expand(principal).unwrap_or_default(),
                        });
                    }
                }
            }
        }
        Decision::Denied(self.explain_denial(principal, action))
    }

    /// Why nothing allowed the action, in one line.
    fn explain_denial(&self, principal: &Principal, action: Action<'_>) -> String {
        let permission = action.permission();
        let groups = self.groups_of(principal);
        let mut out = describe_action(principal, action);
        let mut tried = String::new();
        for group in &groups {
            for (binding, space) in self.bindings_of(group, permission) {
                for template in &space.templates {
                    if !tried.is_empty() {
                        tried.push_str("; ");
                    }
                    let _ = write!(
                        tried,
                        "{group} -> {} -> {} -> ",
                        binding.name, space.spec.name
                    );
                    push_quoted(&mut tried, template.as_str());
                    match template.expand(principal) {
                        Ok(expanded) if template.has_variables() => {
                            tried.push_str(" = ");
                            push_quoted(&mut tried, &expanded);
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let _ = write!(tried, " does not apply ({e})");
                        }
                    }
                }
            }
        }
        let member_of = groups.join(", ");
        if tried.is_empty() {
            let _ = write!(
                out,
                ": no client group of this client has a {permission:?} binding (member of: {member_of}"
            );
            let others: Vec<&str> = self
                .bindings_by_group
                .iter()
                .filter(|(g, b)| !b.get(permission).is_empty() && !groups.contains(&g.as_str()))
                .map(|(g, _)| g.as_str())
                .collect();
            if others.is_empty() {
                let _ = write!(out, "; the namespace has no {permission:?} bindings)");
            } else {
                let _ = write!(
                    out,
                    "; {permission:?} bindings exist for: {})",
                    others.join(", ")
                );
            }
        } else {
            let verb = match action {
                Action::Publish(_) => "it matches",
                Action::Subscribe(_) => "it is covered by",
            };
            let _ = write!(
                out,
                ": {verb} no template of this client's {permission:?} bindings (member of: {member_of}): {tried}"
            );
        }
        let target = match action {
            Action::Publish(t) | Action::Subscribe(t) => t,
        };
        if target.starts_with('$') {
            out.push_str(" (topics beginning with '$' are reserved)");
        }
        out
    }
}

/// Whether one template grants the action to the principal.
fn grants(template: &Template, principal: &Principal, action: Action<'_>) -> bool {
    match action {
        Action::Publish(topic) => template.matches_topic(principal, topic) == Ok(true),
        Action::Subscribe(filter) => template
            .expand_cow(principal)
            .is_ok_and(|covering| filter_covers(&covering, filter)),
    }
}

/// `client 'dev1' may not publish to 'a/b'`.
fn describe_action(principal: &Principal, action: Action<'_>) -> String {
    let mut out = String::from("client ");
    push_quoted(&mut out, &principal.authentication_name);
    let (verb, target) = match action {
        Action::Publish(t) => (" may not publish to ", t),
        Action::Subscribe(f) => (" may not subscribe to ", f),
    };
    out.push_str(verb);
    push_quoted(&mut out, target);
    out
}

/// Appends `'text'`, escaping control characters so the line stays one line.
fn push_quoted(out: &mut String, text: &str) {
    out.push('\'');
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('\'');
}
