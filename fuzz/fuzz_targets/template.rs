//! cargo-fuzz target `template`: the body is fuzz/targets/template.rs (shared with the stable fuzz_smoke tests).
#![no_main]

#[allow(dead_code)]
#[path = "../targets/common.rs"]
mod common;
#[path = "../targets/template.rs"]
mod template;

libfuzzer_sys::fuzz_target!(|data: &[u8]| template::run(data));
