//! The `tern` command's subcommands beyond `run`: managing the namespace
//! through the admin API, explaining decisions, minting development tokens.

pub mod certs;
pub mod demo;
pub mod resources;
pub mod routes;
pub mod token;

use anyhow::Context;
use clap::{Args, Subcommand};
use hyper::Method;
use resources::{
    CaCertificateFields, ClientFields, ClientGroupFields, PermissionBindingFields,
    TopicSpaceFields, Verb,
};
use std::path::PathBuf;
use tern::admin::client::{encode, AdminClient};
use tern_access::{Action, Limits, Namespace, NamespaceSpec};

/// Namespace management commands (they talk to a running broker's admin API).
#[derive(Debug, Subcommand)]
pub enum ManageCommand {
    /// Clients (devices and applications).
    #[command(subcommand)]
    Client(Verb<ClientFields>),
    /// Client groups (attribute queries).
    #[command(subcommand)]
    ClientGroup(Verb<ClientGroupFields>),
    /// Topic spaces (topic templates).
    #[command(subcommand)]
    TopicSpace(Verb<TopicSpaceFields>),
    /// Permission bindings (group + topic space + publisher|subscriber).
    #[command(subcommand)]
    PermissionBinding(Verb<PermissionBindingFields>),
    /// CA certificates that client certificates may chain to.
    #[command(subcommand)]
    CaCertificate(Verb<CaCertificateFields>),
    /// Routes of MQTT messages to webhooks, as CloudEvents.
    #[command(subcommand)]
    Route(routes::RouteCommand),
}

/// Runs a management command.
pub async fn manage(target: &AdminClient, command: ManageCommand) -> anyhow::Result<()> {
    match command {
        ManageCommand::Client(v) => resources::run(target, v).await,
        ManageCommand::ClientGroup(v) => resources::run(target, v).await,
        ManageCommand::TopicSpace(v) => resources::run(target, v).await,
        ManageCommand::PermissionBinding(v) => resources::run(target, v).await,
        ManageCommand::CaCertificate(v) => resources::run(target, v).await,
        ManageCommand::Route(c) => routes::run(target, c).await,
    }
}

/// `tern explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The client (name or authentication name).
    #[arg(long)]
    client: String,
    /// A topic to publish to.
    #[arg(
        long,
        required_unless_present = "subscribe",
        conflicts_with = "subscribe"
    )]
    publish: Option<String>,
    /// A topic filter to subscribe to.
    #[arg(long)]
    subscribe: Option<String>,
    /// Explain from a namespace file instead of asking a running broker.
    #[arg(long)]
    namespace: Option<PathBuf>,
}

/// Prints whether the client may publish/subscribe and through which
/// group → binding → topic space → template, or why nothing allowed it.
/// Exits with an error status when denied, so scripts can test it.
pub async fn explain(args: ExplainArgs, target: &AdminClient) -> anyhow::Result<bool> {
    let (verb, topic) = match (&args.publish, &args.subscribe) {
        (Some(t), _) => ("publish", t.as_str()),
        (_, Some(f)) => ("subscribe", f.as_str()),
        _ => anyhow::bail!("give --publish TOPIC or --subscribe FILTER"),
    };
    let (allowed, explanation) = match &args.namespace {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let spec: NamespaceSpec =
                toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
            let mut namespace = Namespace::new(Limits::default());
            tern::admin::apply_spec(&mut namespace, spec)
                .with_context(|| format!("loading {}", path.display()))?;
            let client = namespace
                .client(&args.client)
                .or_else(|| namespace.client_by_authentication_name(&args.client))
                .with_context(|| format!("no client '{}' in {}", args.client, path.display()))?;
            let action = if verb == "publish" {
                Action::Publish(topic)
            } else {
                Action::Subscribe(topic)
            };
            let decision = namespace.authorize(&client.principal(), action);
            (decision.is_allowed(), decision.to_string())
        }
        None => {
            let path = format!(
                "/api/v1/explain?client={}&{verb}={}",
                encode(&args.client),
                encode(topic)
            );
            let answer = target.call(Method::GET, &path, None).await?;
            (
                answer["allowed"].as_bool().unwrap_or(false),
                answer["explanation"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        }
    };
    println!("{} {verb} {topic}: {explanation}", args.client);
    Ok(allowed)
}
