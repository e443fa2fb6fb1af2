//! cargo-fuzz target `ws_stream`: the body is fuzz/targets/ws_stream.rs (shared with the stable fuzz_smoke tests).
#![no_main]

#[allow(dead_code)]
#[path = "../targets/common.rs"]
mod common;
#[allow(dead_code)]
#[path = "../targets/connection.rs"]
mod connection;
#[path = "../targets/ws_stream.rs"]
mod ws_stream;

libfuzzer_sys::fuzz_target!(|data: &[u8]| ws_stream::run(data));
