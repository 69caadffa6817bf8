//! The `contracts` binary.
fn main() {}
