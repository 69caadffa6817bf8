//! Repository automation: `cargo xtask <task>`.
fn main() {}
