//! The access model's fuzz targets on stable: every committed seed of
//! `fuzz/seeds/{query,template}` replayed, then a fixed number of seeded
//! mutations, through the same target bodies the cargo-fuzz binaries run
//! (`fuzz/targets/`, see FUZZING.md).

#[allow(dead_code)]
#[path = "../../../fuzz/targets/common.rs"]
mod common;
#[path = "../../../fuzz/targets/query.rs"]
mod query;
#[path = "../../../fuzz/targets/smoke.rs"]
mod smoke;
#[path = "../../../fuzz/targets/template.rs"]
mod template;

use std::path::{Path, PathBuf};

fn seeds_of(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/seeds")
        .join(target)
}

#[test]
fn fuzz_smoke_query() {
    smoke::smoke("query", query::run, &seeds_of("query"), 20_000, 0x9E7);
}

#[test]
fn fuzz_smoke_template() {
    smoke::smoke(
        "template",
        template::run,
        &seeds_of("template"),
        20_000,
        0x7E3,
    );
}
