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

/// Every `.rs` file under `dir`, recursively, with its path relative to `dir` (`/`-separated).
fn sources(dir: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(here) = stack.pop() {
        for entry in std::fs::read_dir(&here).unwrap_or_else(|e| panic!("{}: {e}", here.display()))
        {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(dir).expect("below dir");
                let relative = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((relative, path));
            }
        }
    }
    out.sort();
    out
}

/// The text of ARCHITECTURE.md's code-map section whose heading names `member` in backticks
/// (`### \`contracts-core\``, `### \`examples/service\`, \`xtask\``).
fn code_map_section(architecture: &str, member: &str) -> String {
    let needle = format!("`{member}`");
    let mut sections = architecture.split("\n### ").skip(1);
    let section = sections
        .find(|s| {
            s.lines()
                .next()
                .is_some_and(|heading| heading.contains(&needle))
        })
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no code-map heading naming {needle}"));
    // The section ends at the next heading of any level.
    section
        .split("\n## ")
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Whether the code-map section names the module at `relative` (below `src/`): its path
/// (`compare/unions.rs`) or, in backticks, its file name (`walk.rs`); a `mod.rs` by its folder
/// (`compare/`), a `lib.rs`/`main.rs` by its path.
fn names_module(section: &str, relative: &str) -> bool {
    if section.contains(relative) {
        return true;
    }
    let (folder, file) = relative.rsplit_once('/').unwrap_or(("", relative));
    match file {
        "mod.rs" => {
            let name = folder.rsplit('/').next().unwrap_or(folder);
            section.contains(&format!("`{name}/`"))
        }
        "lib.rs" | "main.rs" => false,
        _ => section.contains(&format!("`{file}`")),
    }
}

/// Issue 11: ARCHITECTURE.md's code map names every module over 200 lines, in its crate's
/// section, so the map stays true as modules grow.
#[test]
fn every_module_over_200_lines_is_on_the_code_map() {
    let architecture =
        std::fs::read_to_string(root_path("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut missing = Vec::new();
    for (member, heading) in [
        ("contracts-core", "contracts-core"),
        ("contracts-diff", "contracts-diff"),
        ("contracts-codegen", "contracts-codegen"),
        ("contracts-cli", "contracts-cli"),
        ("tests", "tests"),
        ("examples/service", "examples/service"),
        ("xtask", "xtask"),
    ] {
        let section = code_map_section(&architecture, heading);
        for (relative, path) in sources(&root_path(&format!("{member}/src"))) {
            let lines = std::fs::read_to_string(&path)
                .expect("a source file")
                .lines()
                .count();
            if lines > 200 && !names_module(&section, &relative) {
                missing.push(format!("{member}/src/{relative} ({lines} lines)"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "modules over 200 lines that ARCHITECTURE.md's code map does not name: {missing:#?}"
    );
}

#[test]
fn the_module_check_reads_names_as_the_map_writes_them() {
    let section = "`walk.rs` visits; `compare/` splits; `compare/unions.rs` pairs; `src/lib.rs`";
    assert!(names_module(section, "walk.rs"));
    assert!(names_module(section, "compare/mod.rs"));
    assert!(names_module(section, "compare/unions.rs"));
    assert!(names_module(section, "lib.rs"));
    assert!(!names_module(section, "compare/objects.rs"));
    assert!(!names_module(section, "model.rs"));
    assert!(!names_module("`render/` renders", "main.rs"));
}

/// The CLI holds no subschema walker (issue 11: `validate --examples` had its own list of the
/// keywords that hold subschemas): which keywords hold subschemas is core's table
/// (`contracts_core::keywords`) and walking them core's `walk`. A CLI source naming three or
/// more applicator keywords as string literals is a copy of that table.
#[test]
fn the_cli_holds_no_subschema_walker() {
    let applicators = [
        "\"allOf\"",
        "\"anyOf\"",
        "\"oneOf\"",
        "\"additionalProperties\"",
        "\"patternProperties\"",
        "\"propertyNames\"",
        "\"prefixItems\"",
        "\"additionalItems\"",
        "\"dependentSchemas\"",
        "\"unevaluatedProperties\"",
        "\"unevaluatedItems\"",
        "\"contentSchema\"",
    ];
    let mut offenders = Vec::new();
    for (relative, path) in sources(&root_path("contracts-cli/src")) {
        let text = std::fs::read_to_string(&path).expect("a source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let named: Vec<&str> = applicators
            .iter()
            .copied()
            .filter(|k| code.contains(k))
            .collect();
        if named.len() >= 3 {
            offenders.push(format!("contracts-cli/src/{relative}: {named:?}"));
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
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
