//! The `tern` command: run the broker, manage its namespace through the
//! admin API, explain decisions, make certificates, mint development tokens.

mod cli;

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use tern::config::{Config, DEFAULT_CONFIG_TOML};
use tern::Broker;

/// jemalloc instead of glibc's malloc: messages are allocated on the
/// publisher's thread and freed on the subscriber's, and glibc then takes its
/// arena lock on almost every free (a fifth of the broker's time went to that
/// lock's futex in a fan-in profile). mimalloc was as fast but held 15 % more
/// memory per idle connection; jemalloc holds what glibc did (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Tern: a self-hosted MQTT 3.1.1 and 5.0 broker.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Base URL of the admin API, for the management commands and `explain`
    /// (its bearer token comes from TERN_ADMIN_TOKEN).
    #[arg(
        long,
        global = true,
        env = "TERN_ADMIN_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    admin: String,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the broker until SIGTERM or Ctrl-C.
    Run(RunArgs),
    /// Print the example configuration with every option at its default.
    PrintDefaultConfig,
    #[command(flatten)]
    Manage(cli::ManageCommand),
    /// Explain whether a client may publish to a topic or subscribe to a filter.
    Explain(cli::ExplainArgs),
    /// Development JWTs.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Run the seeds' scenario: broker, dashboard and simulated devices, already configured.
    Demo(cli::demo::DemoArgs),
    /// Make a CA, server and client certificates for TLS (ECDSA P-256, PEM).
    #[command(subcommand)]
    Certs(cli::certs::CertsCommand),
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Mint a JWT signed with a configured issuer's signing key.
    Create(cli::token::TokenArgs),
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// TOML configuration file (see `tern print-default-config`).
    #[arg(long)]
    config: Option<PathBuf>,
    /// MQTT/TCP listen address (overrides the configuration).
    #[arg(long)]
    mqtt: Option<SocketAddr>,
    /// HTTP/WebSocket listen address (overrides the configuration).
    #[arg(long)]
    http: Option<SocketAddr>,
    /// MQTT-over-TLS listen address, e.g. 127.0.0.1:8883 (needs a TLS certificate).
    #[arg(long)]
    mqtts: Option<SocketAddr>,
    /// HTTPS/secure WebSocket listen address, e.g. 127.0.0.1:8443 (needs a TLS certificate).
    #[arg(long)]
    https: Option<SocketAddr>,
    /// PEM server certificate chain of the TLS listeners (overrides [tls] cert).
    #[arg(long)]
    tls_cert: Option<PathBuf>,
    /// PEM private key of the TLS listeners (overrides [tls] key).
    #[arg(long)]
    tls_key: Option<PathBuf>,
    /// Folder of the embedded store (overrides the configuration).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Open mode: accept every client and permit every action (loopback only unless forced).
    #[arg(long)]
    open: bool,
    /// Allow open mode on a non-loopback address.
    #[arg(long, requires = "open")]
    force: bool,
    /// A declarative namespace file (TOML) applied at start.
    #[arg(long)]
    namespace: Option<PathBuf>,
    /// Bearer token of the admin API (overrides admin.token).
    #[arg(long = "admin-token", env = "TERN_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// Bearer token of GET /metrics from other than loopback (overrides metrics.token).
    #[arg(
        long = "metrics-token",
        env = "TERN_METRICS_TOKEN",
        hide_env_values = true
    )]
    metrics_token: Option<String>,
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::PrintDefaultConfig => {
            print!("{DEFAULT_CONFIG_TOML}");
            Ok(())
        }
        Command::Certs(command) => cli::certs::run(command),
        Command::Demo(args) => runtime()?.block_on(cli::demo::run(args, wait_for_signal())),
        Command::Run(args) => {
            let config = load_config(&args)?;
            runtime()?.block_on(run(config))
        }
        Command::Manage(command) => {
            let target = tern::admin::client::AdminClient::new(cli.admin);
            runtime()?.block_on(cli::manage(&target, command))
        }
        Command::Explain(args) => {
            let target = tern::admin::client::AdminClient::new(cli.admin);
            if !runtime()?.block_on(cli::explain(args, &target))? {
                std::process::exit(1);
            }
            Ok(())
        }
        Command::Token(TokenCommand::Create(args)) => cli::token::create(args),
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Runtime::new().context("starting the async runtime")
}

fn load_config(args: &RunArgs) -> anyhow::Result<Config> {
    let mut config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            Config::from_toml(&text).with_context(|| format!("parsing {}", path.display()))?
        }
        None => Config::default(),
    };
    if let Some(addr) = args.mqtt {
        config.listeners.mqtt = addr;
    }
    if let Some(addr) = args.http {
        config.listeners.http = addr;
    }
    if let Some(addr) = args.mqtts {
        config.listeners.mqtts = Some(addr);
    }
    if let Some(addr) = args.https {
        config.listeners.https = Some(addr);
    }
    if let Some(path) = &args.tls_cert {
        config.tls.cert = Some(path.clone());
    }
    if let Some(path) = &args.tls_key {
        config.tls.key = Some(path.clone());
    }
    if let Some(dir) = &args.data_dir {
        config.storage.data_dir = Some(dir.clone());
    }
    if let Some(path) = &args.namespace {
        config.access.namespace_file = Some(path.clone());
    }
    if let Some(token) = &args.admin_token {
        config.admin.token = Some(token.clone());
    }
    if let Some(token) = &args.metrics_token {
        config.metrics.token = Some(token.clone());
    }
    config.open |= args.open;
    config.force_open_on_public_address |= args.force;
    Ok(config)
}

async fn run(config: Config) -> anyhow::Result<()> {
    let broker = Broker::start(config).await?;
    println!("MQTT listening on {}", broker.mqtt_addr());
    println!("WebSocket listening on {}", broker.ws_url());
    if let Some(addr) = broker.mqtts_addr() {
        println!("MQTT over TLS listening on {addr}");
    }
    if let Some(url) = broker.wss_url() {
        println!("Secure WebSocket listening on {url}");
    }
    wait_for_signal().await?;
    tracing::info!("shutting down");
    broker.shutdown().await;
    Ok(())
}

async fn wait_for_signal() -> anyhow::Result<()> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("installing the SIGTERM handler")?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r.context("waiting for Ctrl-C")?,
        _ = term.recv() => {}
    }
    Ok(())
}
