//! cargo-fuzz target: the `contracts_toml` harness of `xtask/src/fuzz_harness.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../../xtask/src/fuzz_harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::contracts_toml(data));
