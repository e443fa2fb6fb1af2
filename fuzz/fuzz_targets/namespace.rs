//! cargo-fuzz target `namespace`: the body is fuzz/targets/namespace.rs (shared with the stable fuzz_smoke tests).
#![no_main]

#[allow(dead_code)]
#[path = "../targets/common.rs"]
mod common;
#[allow(dead_code)]
#[path = "../targets/connection.rs"]
mod connection;
#[path = "../targets/namespace.rs"]
mod namespace;

libfuzzer_sys::fuzz_target!(|data: &[u8]| namespace::run(data));
