//! `tern certs`: make a CA, server and client certificates for trying TLS out.
//!
//! The clap wiring of [`tern::certs`], which does the work.

use anyhow::Context;
use clap::{Args, Subcommand};
use std::net::IpAddr;
use std::path::PathBuf;
use tern::certs::{self, ClientIssuer};

/// `tern certs …`
#[derive(Debug, Subcommand)]
pub enum CertsCommand {
    /// A certificate authority that signs server and client certificates.
    #[command(subcommand)]
    Ca(CaCommand),
    /// A server certificate for the TLS listeners.
    #[command(subcommand)]
    Server(ServerCommand),
    /// A client certificate (CA-signed, or self-signed for ThumbprintMatch).
    #[command(subcommand)]
    Client(ClientCommand),
}

/// `tern certs ca …`
#[derive(Debug, Subcommand)]
pub enum CaCommand {
    /// Write DIR/ca.pem and DIR/ca.key (ECDSA P-256).
    Create(CaCreate),
}

/// `tern certs server …`
#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Write DIR/server.pem and DIR/server.key, signed by the CA.
    Create(ServerCreate),
}

/// `tern certs client …`
#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Write DIR/NAME.pem and DIR/NAME.key (subject CN = NAME, clientAuth) and
    /// print the certificate's SHA-256 thumbprint on its own line.
    Create(ClientCreate),
}

/// Options of `tern certs ca create`.
#[derive(Debug, Args)]
pub struct CaCreate {
    /// Folder to write ca.pem and ca.key into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Subject common name of the CA.
    #[arg(long, default_value = "Tern CA")]
    name: String,
    /// Days the certificate is valid.
    #[arg(long, default_value_t = 3650)]
    days: u32,
}

/// Options of `tern certs server create`.
#[derive(Debug, Args)]
pub struct ServerCreate {
    /// Folder holding ca.pem and ca.key (from `tern certs ca create`).
    #[arg(long)]
    ca: PathBuf,
    /// Folder to write server.pem and server.key into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// A DNS name clients connect with (repeatable), e.g. localhost.
    #[arg(long = "dns", value_name = "NAME")]
    dns: Vec<String>,
    /// An IP address clients connect with (repeatable), e.g. 127.0.0.1.
    #[arg(long = "ip", value_name = "ADDRESS")]
    ip: Vec<IpAddr>,
    /// Days the certificate is valid.
    #[arg(long, default_value_t = 365)]
    days: u32,
}

/// Options of `tern certs client create`.
#[derive(Debug, Args)]
pub struct ClientCreate {
    /// The client name: the certificate's subject CN and the files' names.
    name: String,
    /// Folder holding ca.pem and ca.key (from `tern certs ca create`).
    #[arg(
        long,
        required_unless_present = "self_signed",
        conflicts_with = "self_signed"
    )]
    ca: Option<PathBuf>,
    /// Sign the certificate with its own key (for ThumbprintMatch) instead of a CA.
    #[arg(long)]
    self_signed: bool,
    /// Folder to write NAME.pem and NAME.key into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// Days the certificate is valid.
    #[arg(long, default_value_t = 365)]
    days: u32,
}

/// Runs a `tern certs` command, reporting what it wrote on stderr.
pub fn run(command: CertsCommand) -> anyhow::Result<()> {
    match command {
        CertsCommand::Ca(CaCommand::Create(a)) => {
            let issued = certs::create_ca(&a.out, &a.name, a.days).context("creating the CA")?;
            report(&issued);
        }
        CertsCommand::Server(ServerCommand::Create(a)) => {
            let issued = certs::create_server(&a.ca, &a.out, &a.dns, &a.ip, a.days)
                .context("creating the server certificate")?;
            report(&issued);
        }
        CertsCommand::Client(ClientCommand::Create(a)) => {
            let issuer = match &a.ca {
                Some(dir) => ClientIssuer::Ca(dir),
                None => ClientIssuer::SelfSigned,
            };
            let issued = certs::create_client(&a.name, issuer, &a.out, a.days)
                .context("creating the client certificate")?;
            report(&issued);
            println!("{}", issued.sha256_thumbprint);
        }
    }
    Ok(())
}

/// Says on stderr which files were written (stdout stays machine-readable).
fn report(issued: &certs::Issued) {
    eprintln!(
        "wrote {} and {} (SHA-256 thumbprint {})",
        issued.cert_path.display(),
        issued.key_path.display(),
        issued.sha256_thumbprint
    );
}
