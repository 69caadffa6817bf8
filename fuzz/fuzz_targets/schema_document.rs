//! cargo-fuzz target: the `schema_document` harness of `xtask/src/fuzz_harness.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../../xtask/src/fuzz_harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::schema_document(data));
