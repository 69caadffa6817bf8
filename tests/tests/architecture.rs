//! The dependency invariants of ARCHITECTURE.md, checked on the crates' manifests: core depends
//! on no other workspace crate; diff and codegen on core only; the CLI may use them all.

use std::collections::BTreeSet;

use contracts_tests::root_path;

/// The workspace crates (`contracts-*`) a crate's manifest names in any dependency table
/// (normal, dev, build, and target-specific ones).
fn workspace_deps(krate: &str) -> BTreeSet<String> {
    let path = root_path(&format!("{krate}/Cargo.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let manifest: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // The manifest itself, and each `[target.'cfg(..)']` table, can hold dependency tables.
    let mut owners: Vec<&toml::Table> = vec![&manifest];
    if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
        owners.extend(targets.values().filter_map(toml::Value::as_table));
    }
    let tables: Vec<&toml::Table> = owners
        .iter()
        .flat_map(|owner| {
            ["dependencies", "dev-dependencies", "build-dependencies"]
                .into_iter()
                .filter_map(|key| owner.get(key).and_then(toml::Value::as_table))
        })
        .collect();
    tables
        .iter()
        .flat_map(|deps| deps.keys())
        .filter(|name| name.starts_with("contracts-"))
        .cloned()
        .collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn core_depends_on_no_other_workspace_crate() {
    assert_eq!(workspace_deps("contracts-core"), set(&[]));
}

#[test]
fn diff_and_codegen_depend_on_core_only() {
    assert_eq!(workspace_deps("contracts-diff"), set(&["contracts-core"]));
    assert_eq!(
        workspace_deps("contracts-codegen"),
        set(&["contracts-core"])
    );
}

#[test]
fn only_the_cli_puts_the_libraries_together() {
    let cli = workspace_deps("contracts-cli");
    assert!(
        cli.contains("contracts-core") && cli.contains("contracts-diff"),
        "{cli:?}"
    );
}
