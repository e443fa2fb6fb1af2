//! `tern certs` as a person runs it: the files it writes and the thumbprint it prints.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use tern::x509::{verify_chain, CertificateFacts};

fn tern(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("run tern")
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

#[test]
fn ca_server_and_client_commands_write_usable_files() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, out) = (dir.path().join("ca"), dir.path().join("out"));
    let ok = |o: std::process::Output| {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    ok(tern(&[
        "certs",
        "ca",
        "create",
        "--out",
        arg(&ca),
        "--name",
        "Test CA",
    ]));
    ok(tern(&[
        "certs",
        "server",
        "create",
        "--ca",
        arg(&ca),
        "--out",
        arg(&out),
        "--dns",
        "localhost",
        "--ip",
        "127.0.0.1",
        "--days",
        "3",
    ]));
    let printed = ok(tern(&[
        "certs",
        "client",
        "create",
        "sensor1",
        "--ca",
        arg(&ca),
        "--out",
        arg(&out),
    ]));
    let self_signed = ok(tern(&[
        "certs",
        "client",
        "create",
        "sensor2",
        "--self-signed",
        "--out",
        arg(&out),
    ]));
    for file in [
        "ca/ca.key",
        "out/server.key",
        "out/sensor1.key",
        "out/sensor2.key",
    ] {
        let mode = std::fs::metadata(dir.path().join(file))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{file}");
    }
    // The thumbprint is printed alone on its line and is the certificate's SHA-256.
    for (name, stdout) in [("sensor1", printed), ("sensor2", self_signed)] {
        let pem = std::fs::read_to_string(out.join(format!("{name}.pem"))).unwrap();
        let der = rustls::pki_types::pem::PemObject::from_pem_slice(pem.as_bytes())
            .map(|d: rustls::pki_types::CertificateDer<'_>| d.to_vec())
            .unwrap();
        let facts = CertificateFacts::parse(&der).unwrap();
        assert_eq!(stdout, format!("{}\n", facts.sha256_thumbprint), "{name}");
        assert_eq!(facts.subject_common_name.as_deref(), Some(name));
        let ca_pem = std::fs::read_to_string(ca.join("ca.pem")).unwrap();
        let now = facts.not_before as u64 + 3600;
        assert_eq!(
            verify_chain(&[der], &[&ca_pem], now).is_ok(),
            name == "sensor1"
        );
    }
}

#[test]
fn refusals_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = tern(&["certs", "client", "create", "dev", "--out", arg(dir.path())]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--ca"));
    let out = tern(&[
        "certs",
        "server",
        "create",
        "--ca",
        arg(dir.path()),
        "--out",
        arg(dir.path()),
        "--dns",
        "localhost",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ca.pem"));
}
