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

/// The workspace's members, from the root manifest.
fn members() -> Vec<String> {
    let path = root_path("Cargo.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let manifest: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    manifest["workspace"]["members"]
        .as_array()
        .expect("workspace.members")
        .iter()
        .filter_map(|m| m.as_str().map(str::to_string))
        .collect()
}

/// ARCHITECTURE.md: "Only `contracts-cli` depends on all of them" (every library crate). A
/// second front end that needs them all would be a second copy of the pipeline; it belongs in
/// a library (`contracts_diff::Comparison`).
#[test]
fn only_the_cli_depends_on_every_library_crate() {
    let libraries = set(&["contracts-core", "contracts-diff", "contracts-codegen"]);
    let members = members();
    assert!(members.iter().any(|m| m == "contracts-cli"), "{members:?}");
    let all: Vec<&String> = members
        .iter()
        .filter(|m| libraries.is_subset(&workspace_deps(m)))
        .collect();
    assert_eq!(
        all,
        vec!["contracts-cli"],
        "members depending on every library crate"
    );
}

/// The CLI runs comparisons through the library's session only (issue 11: the pipeline was
/// copied five times in it): outside test modules, no CLI source diffs, applies a configuration
/// or judges a release itself.
#[test]
fn the_cli_runs_comparisons_through_the_session_only() {
    let dir = root_path("contracts-cli/src");
    let mut offenders = Vec::new();
    let mut stack = vec![dir];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for call in [
                "contracts_diff::diff(",
                "diff_with(",
                "judge(",
                ".apply(report",
            ] {
                if code.contains(call) {
                    offenders.push(format!("{}: {call}", path.display()));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
