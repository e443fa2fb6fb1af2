//! `tern token create`: a development JWT signed with a configured issuer's
//! `signing_key_file`, for clients (and the dashboard) of a JWT-enabled broker.

use anyhow::Context;
use clap::Args;
use serde_json::{Map, Value};
use std::path::PathBuf;
use tern::config::Config;

/// `tern token create`.
#[derive(Debug, Args)]
pub struct TokenArgs {
    /// The configuration naming the issuer (access.jwt_issuers with a signing_key_file).
    #[arg(long)]
    config: PathBuf,
    /// `sub`: the authentication name.
    #[arg(long)]
    sub: String,
    /// Extra claims as a JSON object (int, string and string-array claims become attributes).
    #[arg(long)]
    claims: Option<String>,
    /// Which issuer (`iss`) to sign as; default: the first with a signing key.
    #[arg(long)]
    issuer: Option<String>,
    /// Lifetime in seconds.
    #[arg(long, default_value_t = 3600)]
    ttl: u64,
}

/// Mints and prints the token.
pub fn create(args: TokenArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.config)
        .with_context(|| format!("reading {}", args.config.display()))?;
    let config =
        Config::from_toml(&text).with_context(|| format!("parsing {}", args.config.display()))?;
    let issuer = config
        .access
        .jwt_issuers
        .iter()
        .filter(|i| i.signing_key_file.is_some())
        .find(|i| args.issuer.as_deref().is_none_or(|name| name == i.issuer))
        .context("no access.jwt_issuers entry with a signing_key_file (matching --issuer)")?;
    let claims: Map<String, Value> = match &args.claims {
        Some(text) => serde_json::from_str(text)
            .with_context(|| format!("--claims is not a JSON object: {text}"))?,
        None => Map::new(),
    };
    let token = tern::access::jwt::mint(
        issuer,
        &config.access.hostname,
        &args.sub,
        &claims,
        tern::access::unix_now(),
        args.ttl,
    )?;
    println!("{token}");
    Ok(())
}
