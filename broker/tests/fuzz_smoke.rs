//! The broker's fuzz targets on stable: every committed seed of
//! `fuzz/seeds/{connection,ws_stream,namespace}` replayed, then a fixed number
//! of seeded mutations, through the same target bodies the cargo-fuzz
//! binaries run (`fuzz/targets/`, see FUZZING.md).

#[allow(dead_code)]
#[path = "../../fuzz/targets/common.rs"]
mod common;
#[path = "../../fuzz/targets/connection.rs"]
mod connection;
#[path = "../../fuzz/targets/namespace.rs"]
mod namespace;
#[path = "../../fuzz/targets/seeds/mod.rs"]
mod seeds;
#[path = "../../fuzz/targets/smoke.rs"]
mod smoke;
#[path = "../../fuzz/targets/ws_stream.rs"]
mod ws_stream;

use std::path::{Path, PathBuf};

fn seeds_of(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/seeds")
        .join(target)
}

#[test]
fn fuzz_smoke_connection() {
    smoke::smoke(
        "connection",
        connection::run,
        &seeds_of("connection"),
        1_000,
        0xC0FFEE,
    );
}

#[test]
fn fuzz_smoke_ws_stream() {
    smoke::smoke(
        "ws_stream",
        ws_stream::run,
        &seeds_of("ws_stream"),
        600,
        0x5EED,
    );
}

#[test]
fn fuzz_smoke_namespace() {
    smoke::smoke(
        "namespace",
        namespace::run,
        &seeds_of("namespace"),
        600,
        0xA11,
    );
}

/// Regenerates `fuzz/seeds/` (not a check: run it by hand after changing
/// fuzz/targets/seeds/, then commit the files).
#[test]
#[ignore = "writes fuzz/seeds/; run by hand"]
fn write_fuzz_seeds() {
    seeds::write_all(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds"));
}

/// Runs the inputs named by `TERN_FUZZ_REPLAY` (`target:path[,target:path]`)
/// — e.g. a crash file of cargo-fuzz — with `TERN_FUZZ_TRACE=1` to see what
/// the broker answers.
#[test]
#[ignore = "replays files named by TERN_FUZZ_REPLAY; run by hand"]
fn replay_fuzz_inputs() {
    let list = std::env::var("TERN_FUZZ_REPLAY").unwrap_or_default();
    for item in list.split(',').filter(|s| !s.is_empty()) {
        let (target, path) = item.split_once(':').expect("target:path");
        let data = std::fs::read(path).expect("an input file");
        eprintln!("== {target} {path}");
        match target {
            "connection" => connection::run(&data),
            "ws_stream" => ws_stream::run(&data),
            "namespace" => namespace::run(&data),
            other => panic!("unknown target {other}"),
        }
    }
}
