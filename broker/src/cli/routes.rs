//! `tern route create|update|show|list|delete|dead-letters`: routes of MQTT
//! messages to webhooks, through the admin API like the other resources.

use super::resources::{self, Fields, NameArg, Verb};
use anyhow::Context;
use clap::{Args, Subcommand};
use hyper::Method;
use serde_json::{json, Map, Value};
use tern::admin::client::{encode, AdminClient};

/// The route commands.
#[derive(Debug, Subcommand)]
pub enum RouteCommand {
    /// Create a route (fails if it exists).
    Create(RouteFields),
    /// Change the given fields of an existing route.
    Update(RouteFields),
    /// Print one route.
    Show(NameArg),
    /// Print every route.
    List,
    /// Delete a route (what it has queued is still delivered).
    Delete(NameArg),
    /// Print the newest events the route could not deliver (oldest first).
    DeadLetters(NameArg),
    /// Send the route's dead letters through it again (those its queue has room for).
    ReplayDeadLetters(NameArg),
}

/// Fields of a route.
#[derive(Debug, Args)]
pub struct RouteFields {
    /// The route name (3-50 of A-Z, a-z, 0-9, '-').
    #[arg(long, short = 'n')]
    name: String,
    /// The webhook, an http:// or https:// URL.
    #[arg(long)]
    endpoint_url: Option<String>,
    /// PEM file of the CA that signed an https:// webhook's certificate.
    #[arg(long)]
    ca_certificate: Option<std::path::PathBuf>,
    /// MQTT topic filters of the messages it takes (default: all).
    #[arg(long = "topic-filters", num_args = 1..)]
    topic_filters: Vec<String>,
    /// Take only subjects (topics) that begin with this.
    #[arg(long)]
    subject_begins_with: Option<String>,
    /// Take only subjects (topics) that end with this.
    #[arg(long)]
    subject_ends_with: Option<String>,
    /// An enrichment KEY=VALUE (VALUE static, or one ${...} variable); repeat.
    #[arg(long = "enrichment")]
    enrichments: Vec<String>,
    /// A delivery header NAME=VALUE; repeat.
    #[arg(long = "header")]
    headers: Vec<String>,
    /// An advanced filter as JSON, e.g.
    /// '{"operatorType":"NumberGreaterThan","key":"data.temp","value":20}'; repeat.
    #[arg(long = "advanced-filter")]
    advanced_filters: Vec<String>,
    /// Attempts before an event is dead-lettered (1-10).
    #[arg(long)]
    max_delivery_count: Option<u8>,
    /// Seconds an event may wait for delivery (60-86400).
    #[arg(long)]
    event_time_to_live_secs: Option<u32>,
    /// Free text.
    #[arg(long)]
    description: Option<String>,
}

/// `KEY=VALUE` pairs of `flag` as JSON objects with the two field names.
fn pairs(values: &[String], flag: &str, key: &str, value: &str) -> anyhow::Result<Value> {
    let mut out = Vec::new();
    for item in values {
        let (k, v) = item
            .split_once('=')
            .with_context(|| format!("--{flag} takes NAME=VALUE, not {item:?}"))?;
        out.push(json!({ key: k, value: v }));
    }
    Ok(Value::Array(out))
}

impl Fields for RouteFields {
    const COLLECTION: &'static str = "routes";
    fn name(&self) -> &str {
        &self.name
    }
    fn to_json(&self) -> anyhow::Result<Map<String, Value>> {
        let mut map = Map::new();
        if let Some(path) = &self.ca_certificate {
            let pem = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            map.insert("caCertificate".into(), Value::from(pem));
        }
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                map.insert(key.into(), value);
            }
        };
        put("endpointUrl", self.endpoint_url.clone().map(Value::from));
        put("description", self.description.clone().map(Value::from));
        put(
            "subjectBeginsWith",
            self.subject_begins_with.clone().map(Value::from),
        );
        put(
            "subjectEndsWith",
            self.subject_ends_with.clone().map(Value::from),
        );
        put("maxDeliveryCount", self.max_delivery_count.map(Value::from));
        put(
            "eventTimeToLiveSecs",
            self.event_time_to_live_secs.map(Value::from),
        );
        put(
            "topicFilters",
            (!self.topic_filters.is_empty()).then(|| json!(self.topic_filters)),
        );
        if !self.enrichments.is_empty() {
            map.insert(
                "enrichments".into(),
                pairs(&self.enrichments, "enrichment", "key", "value")?,
            );
        }
        if !self.advanced_filters.is_empty() {
            let filters = self
                .advanced_filters
                .iter()
                .map(|f| {
                    serde_json::from_str::<Value>(f)
                        .with_context(|| format!("--advanced-filter is not JSON: {f}"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            map.insert("advancedFilters".into(), Value::Array(filters));
        }
        if !self.headers.is_empty() {
            map.insert(
                "deliveryHeaders".into(),
                pairs(&self.headers, "header", "name", "value")?,
            );
        }
        Ok(map)
    }
}

/// Runs a route command and prints the answer.
pub async fn run(target: &AdminClient, command: RouteCommand) -> anyhow::Result<()> {
    let verb = match command {
        RouteCommand::Create(f) => Verb::Create(f),
        RouteCommand::Update(f) => Verb::Update(f),
        RouteCommand::Show(n) => Verb::Show(n),
        RouteCommand::List => Verb::List,
        RouteCommand::Delete(n) => Verb::Delete(n),
        RouteCommand::DeadLetters(n) => {
            let path = format!("/api/v1/routes/{}/deadLetters", encode(&n.name));
            let answer = target.call(Method::GET, &path, None).await?;
            println!("{}", serde_json::to_string_pretty(&answer)?);
            return Ok(());
        }
        RouteCommand::ReplayDeadLetters(n) => {
            let path = format!("/api/v1/routes/{}/deadLetters/replay", encode(&n.name));
            let answer = target.call(Method::POST, &path, None).await?;
            println!("{}", serde_json::to_string_pretty(&answer)?);
            return Ok(());
        }
    };
    resources::run(target, verb).await
}
