//! Golden files: every `tests/golden/<case>.json` (a package: `documents` by name, `lenient`)
//! is generated and compared with `tests/golden/<case>.rs`; `split_cross_file/` holds the
//! `--split` output of `cross_file_refs`. Set `CONTRACTS_BLESS=1` to rewrite the snapshots.
//! `tests/golden_compile.rs` compiles every snapshot.

mod common;

use std::path::{Path, PathBuf};

use contracts_codegen::{Builder, Generated};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(golden_dir())
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "json")
                .then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
}

fn generate(case: &str, split: bool) -> Generated {
    let (package, lenient) = common::golden_package(case);
    Builder::new()
        .package(package)
        .lenient(lenient)
        .split(split)
        .generate()
        .unwrap_or_else(|e| panic!("{case}: {e}"))
}

/// The snapshot: the generated module, then the warnings as comments.
fn snapshot(g: &Generated) -> String {
    let mut s = g.code.clone();
    if !g.warnings.is_empty() {
        s.push_str("\n// contracts-codegen warnings:\n");
        for w in &g.warnings {
            s.push_str(&format!("// - {w}\n"));
        }
    }
    s
}

fn compare(path: &Path, actual: &str, stale: &mut Vec<String>) {
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return;
    }
    if std::env::var("CONTRACTS_BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
        .unified_diff()
        .header(&path.display().to_string(), "generated")
        .to_string();
    stale.push(diff);
}

#[test]
fn snapshots_match() {
    let cases = cases();
    assert!(cases.len() >= 7, "golden cases: {cases:?}");
    let mut stale = Vec::new();
    for case in &cases {
        let g = generate(case, false);
        compare(
            &golden_dir().join(format!("{case}.rs")),
            &snapshot(&g),
            &mut stale,
        );
    }
    let split = generate("cross_file_refs", true);
    for (name, text) in &split.files {
        compare(
            &golden_dir().join("split_cross_file").join(name),
            text,
            &mut stale,
        );
    }
    assert!(
        stale.is_empty(),
        "stale golden files (CONTRACTS_BLESS=1 to update):\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_snapshot_is_compiled() {
    let compile = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden_compile.rs"),
    )
    .unwrap();
    for case in cases() {
        let include = format!("include!(\"golden/{case}.rs\");");
        assert!(
            compile.contains(&include),
            "tests/golden_compile.rs lacks {include}"
        );
    }
    assert!(compile.contains("\"golden/split_cross_file/mod.rs\""));
}

#[test]
fn generation_is_deterministic() {
    for case in cases() {
        assert_eq!(
            generate(&case, false).code,
            generate(&case, false).code,
            "{case}"
        );
    }
}
