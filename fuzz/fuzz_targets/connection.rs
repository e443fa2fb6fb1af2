//! cargo-fuzz target `connection`: the body is fuzz/targets/connection.rs (shared with the stable fuzz_smoke tests).
#![no_main]

#[allow(dead_code)]
#[path = "../targets/common.rs"]
mod common;
#[path = "../targets/connection.rs"]
mod connection;

libfuzzer_sys::fuzz_target!(|data: &[u8]| connection::run(data));
