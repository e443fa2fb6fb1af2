//! `tern client|client-group|topic-space|permission-binding|ca-certificate
//! create|update|show|list|delete` (and the verbs `tern route` shares), mirroring seed 003's `az eventgrid
//! namespace …` commands; every command is one or two admin API calls.

use anyhow::Context;
use clap::{Args, Subcommand};
use hyper::Method;
use serde_json::{json, Map, Value};
use std::path::PathBuf;
use tern::admin::client::{encode, AdminClient};

/// The verbs every resource has.
#[derive(Debug, Subcommand)]
pub enum Verb<F: Args> {
    /// Create the resource (fails if it exists).
    Create(F),
    /// Change the given fields of an existing resource.
    Update(F),
    /// Print one resource.
    Show(NameArg),
    /// Print every resource of the kind.
    List,
    /// Delete the resource.
    Delete(NameArg),
}

/// `--name`.
#[derive(Debug, Args)]
pub struct NameArg {
    /// The resource name.
    #[arg(long, short = 'n')]
    pub name: String,
}

/// Fields of a client.
#[derive(Debug, Args)]
pub struct ClientFields {
    /// The client name.
    #[arg(long, short = 'n')]
    name: String,
    /// Authentication name (defaults to the name; immutable).
    #[arg(long)]
    authentication_name: Option<String>,
    /// Attributes as a JSON object, e.g. '{"type":"sensor","floor":3}'.
    #[arg(long)]
    attributes: Option<String>,
    /// Enabled or Disabled.
    #[arg(long)]
    state: Option<String>,
    /// Validation scheme of client certificates (ThumbprintMatch, SubjectMatchesAuthenticationName, ...).
    #[arg(long)]
    validation_scheme: Option<String>,
    /// Allowed SHA-256 thumbprint (ThumbprintMatch; repeat for two). Implies ThumbprintMatch.
    #[arg(long = "thumbprint")]
    thumbprints: Vec<String>,
    /// A development password (stored as an argon2 hash).
    #[arg(long)]
    password: Option<String>,
    /// Free text.
    #[arg(long)]
    description: Option<String>,
}

/// Fields of a client group.
#[derive(Debug, Args)]
pub struct ClientGroupFields {
    /// The group name.
    #[arg(long, short = 'n')]
    name: String,
    /// The group query, e.g. "attributes.type = 'sensor'".
    #[arg(long)]
    query: Option<String>,
    /// Free text.
    #[arg(long)]
    description: Option<String>,
}

/// Fields of a topic space.
#[derive(Debug, Args)]
pub struct TopicSpaceFields {
    /// The topic space name.
    #[arg(long, short = 'n')]
    name: String,
    /// Topic templates (1-10), e.g. 'clients/${client.authenticationName}/status'.
    #[arg(long = "topic-templates", num_args = 1..)]
    topic_templates: Vec<String>,
    /// Free text.
    #[arg(long)]
    description: Option<String>,
}

/// Fields of a permission binding.
#[derive(Debug, Args)]
pub struct PermissionBindingFields {
    /// The binding name.
    #[arg(long, short = 'n')]
    name: String,
    /// The client group (or $all).
    #[arg(long)]
    client_group: Option<String>,
    /// The topic space.
    #[arg(long)]
    topic_space: Option<String>,
    /// publisher or subscriber.
    #[arg(long)]
    permission: Option<String>,
    /// Free text.
    #[arg(long)]
    description: Option<String>,
}

/// Fields of a CA certificate.
#[derive(Debug, Args)]
pub struct CaCertificateFields {
    /// The CA certificate's name.
    #[arg(long, short = 'n')]
    name: String,
    /// PEM file of the CA certificate.
    #[arg(long)]
    file: Option<PathBuf>,
    /// Free text.
    #[arg(long)]
    description: Option<String>,
}

/// Turns a resource's flags into the JSON fields they set.
pub trait Fields: Args {
    /// The API collection.
    const COLLECTION: &'static str;
    /// The resource name.
    fn name(&self) -> &str;
    /// The fields given on the command line.
    fn to_json(&self) -> anyhow::Result<Map<String, Value>>;
}

fn put_opt(map: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        map.insert(key.into(), Value::from(v.as_str()));
    }
}

impl Fields for ClientFields {
    const COLLECTION: &'static str = "clients";
    fn name(&self) -> &str {
        &self.name
    }
    fn to_json(&self) -> anyhow::Result<Map<String, Value>> {
        let mut map = Map::new();
        put_opt(&mut map, "authenticationName", &self.authentication_name);
        put_opt(&mut map, "description", &self.description);
        put_opt(&mut map, "password", &self.password);
        if let Some(state) = &self.state {
            let state = match state.to_ascii_lowercase().as_str() {
                "enabled" => "Enabled",
                "disabled" => "Disabled",
                _ => anyhow::bail!("--state must be Enabled or Disabled, not {state:?}"),
            };
            map.insert("state".into(), Value::from(state));
        }
        if let Some(attributes) = &self.attributes {
            let value: Value = serde_json::from_str(attributes)
                .with_context(|| format!("--attributes is not JSON: {attributes}"))?;
            anyhow::ensure!(value.is_object(), "--attributes must be a JSON object");
            map.insert("attributes".into(), value);
        }
        if self.validation_scheme.is_some() || !self.thumbprints.is_empty() {
            let scheme = self
                .validation_scheme
                .clone()
                .unwrap_or_else(|| "ThumbprintMatch".into());
            map.insert(
                "clientCertificateAuthentication".into(),
                json!({ "validationScheme": scheme, "allowedThumbprints": self.thumbprints }),
            );
        }
        Ok(map)
    }
}

impl Fields for ClientGroupFields {
    const COLLECTION: &'static str = "clientGroups";
    fn name(&self) -> &str {
        &self.name
    }
    fn to_json(&self) -> anyhow::Result<Map<String, Value>> {
        let mut map = Map::new();
        put_opt(&mut map, "query", &self.query);
        put_opt(&mut map, "description", &self.description);
        Ok(map)
    }
}

impl Fields for TopicSpaceFields {
    const COLLECTION: &'static str = "topicSpaces";
    fn name(&self) -> &str {
        &self.name
    }
    fn to_json(&self) -> anyhow::Result<Map<String, Value>> {
        let mut map = Map::new();
        if !self.topic_templates.is_empty() {
            map.insert("topicTemplates".into(), json!(self.topic_templates));
        }
        put_opt(&mut map, "description", &self.description);
        Ok(map)
    }
}

impl Fields for PermissionBindingFields {
    const COLLECTION: &'static str = "permissionBindings";
    fn name(&self) -> &str {
        &self.name
    }
    fn to_json(&self) -> anyhow::Result<Map<String, Value>> {
        let mut map = Map::new();
        put_opt(&mut map, "clientGroupName", &self.client_group);
        put_opt(&mut map, "topicSpaceName", &self.topic_space);
        put_opt(&mut map, "description", &self.description);
        if let Some(p) = &self.permission {
            let p = match p.to_ascii_lowercase().as_str() {
                "publisher" => "Publisher",
                "subscriber" => "Subscriber",
                _ => anyhow::bail!("--permission must be publisher or subscriber, not {p:?}"),
            };
            map.insert("permission".into(), Value::from(p));
        }
        Ok(map)
    }
}

impl Fields for CaCertificateFields {
    const COLLECTION: &'static str = "caCertificates";
    fn name(&self) -> &str {
        &self.name
    }
    fn to_json(&self) -> anyhow::Result<Map<String, Value>> {
        let mut map = Map::new();
        if let Some(path) = &self.file {
            let pem = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            map.insert("encodedCertificate".into(), Value::from(pem));
        }
        put_opt(&mut map, "description", &self.description);
        Ok(map)
    }
}

/// Runs one verb on one kind of resource and prints the answer.
pub async fn run<F: Fields>(target: &AdminClient, verb: Verb<F>) -> anyhow::Result<()> {
    let collection = format!("/api/v1/{}", F::COLLECTION);
    let item = |name: &str| format!("{collection}/{}", encode(name));
    let answer = match verb {
        Verb::List => target.call(Method::GET, &collection, None).await?,
        Verb::Show(n) => target.call(Method::GET, &item(&n.name), None).await?,
        Verb::Delete(n) => {
            target.call(Method::DELETE, &item(&n.name), None).await?;
            println!("deleted {}", n.name);
            return Ok(());
        }
        Verb::Create(fields) => {
            let mut body = fields.to_json()?;
            body.insert("name".into(), Value::from(fields.name()));
            target
                .call(Method::POST, &collection, Some(&Value::Object(body)))
                .await?
        }
        Verb::Update(fields) => {
            let path = item(fields.name());
            let mut current = target.call(Method::GET, &path, None).await?;
            let object = current
                .as_object_mut()
                .context("the API answered something other than an object")?;
            object.remove("hasPassword");
            object.extend(fields.to_json()?);
            target.call(Method::PUT, &path, Some(&current)).await?
        }
    };
    println!("{}", serde_json::to_string_pretty(&answer)?);
    Ok(())
}
