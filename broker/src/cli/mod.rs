//! Subcommands of the `tern` binary that are more than a few lines of wiring;
//! `main.rs` only dispatches to them.

pub mod certs;
