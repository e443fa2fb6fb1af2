//! cargo-fuzz target `query`: the body is fuzz/targets/query.rs (shared with the stable fuzz_smoke tests).
#![no_main]

#[allow(dead_code)]
#[path = "../targets/common.rs"]
mod common;
#[path = "../targets/query.rs"]
mod query;

libfuzzer_sys::fuzz_target!(|data: &[u8]| query::run(data));
