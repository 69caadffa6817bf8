//! Real input: the Kubernetes API schemas (kubernetes-validate 1.37.0, draft 2020-12, one file
//! per kind with cross-file `$ref`s into `_definitions.json`), v1.36.0 against v1.37.0.
//!
//! The corpora come from `cargo xtask corpora` (`.ci/run` runs it first) into
//! `$CONTRACTS_CORPORA` or `<workspace>/target/corpora`. When they are missing these tests
//! fail, saying so; they never pass without having run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use contracts_tests::{contracts, corpora_dir, json};
use serde_json::Value;

fn version_dir(version: &str) -> PathBuf {
    let dir = corpora_dir()
        .join("kubernetes")
        .join(format!("v{version}-local"));
    assert!(
        dir.is_dir(),
        "{} is missing: re-run `cargo xtask corpora`",
        dir.display()
    );
    dir
}

/// The `*.json` files of a version folder, by name.
fn json_files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect()
}

/// The definition names under `_definitions.json#/$defs`.
fn definitions(dir: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(dir.join("_definitions.json")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    value["$defs"]
        .as_object()
        .expect("_definitions.json has $defs")
        .keys()
        .cloned()
        .collect()
}

fn diff_json(old: &Path, new: &Path) -> Value {
    let out = contracts()
        .arg("diff")
        .arg(old)
        .arg(new)
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    json(&out.stdout)
}

fn is_at(side: &Value, file: &str, pointer: &str) -> bool {
    side["file"] == file && side["pointer"] == pointer
}

#[test]
fn loads_every_file_of_both_versions() {
    for version in ["1.36.0", "1.37.0"] {
        let dir = version_dir(version);
        let source = contracts_core::Source::parse(dir.to_str().unwrap()).unwrap();
        let package =
            contracts_core::Package::load(&source, &contracts_core::LoadOptions::default())
                .unwrap_or_else(|e| panic!("v{version} does not load: {e}"));
        let files = json_files(&dir);
        let loaded: BTreeSet<String> = package.documents.values().map(|d| d.file.clone()).collect();
        assert_eq!(loaded, files, "v{version}: every file is a document");
        assert!(package.get("_definitions").is_some());
        assert!(package.get("pod-v1").is_some());
    }
}

#[test]
fn removed_definitions_and_kinds_are_major_at_their_pointers() {
    let (old_dir, new_dir) = (version_dir("1.36.0"), version_dir("1.37.0"));
    let removed_defs: Vec<String> = definitions(&old_dir)
        .difference(&definitions(&new_dir))
        .cloned()
        .collect();
    let removed_files: Vec<String> = json_files(&old_dir)
        .difference(&json_files(&new_dir))
        .cloned()
        .collect();
    // What the corpus is known to hold: 34 definitions removed in 1.37 (the v1alpha2
    // scheduling API, networking v1beta1 IPAddress/ServiceCIDR, ...) and 34 files.
    assert_eq!(removed_defs.len(), 34, "{removed_defs:?}");
    for name in [
        "io.k8s.api.networking.v1beta1.IPAddress",
        "io.k8s.api.scheduling.v1alpha2.Workload",
        "io.k8s.api.storage.v1beta1.VolumeAttributesClass",
    ] {
        assert!(removed_defs.iter().any(|d| d == name), "{name}");
    }
    assert_eq!(removed_files.len(), 34, "{removed_files:?}");
    assert!(removed_files.contains(&"ipaddress-networking-v1beta1.json".to_string()));

    // `check` runs the same diff and adds the verdict: Kubernetes drops beta APIs in minor
    // releases, which semver calls breaking.
    let out = contracts()
        .arg("check")
        .arg(&new_dir)
        .arg("--baseline")
        .arg(&old_dir)
        .args(["--version", "1.37.0", "--baseline-version", "1.36.0"])
        .args(["--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let report = json(&out.stdout);
    assert_eq!(report["required_bump"], "major");
    assert_eq!(report["verdict"]["declared"], "minor");
    assert_eq!(report["verdict"]["minimum_version"], "2.0.0");
    let findings = report["findings"].as_array().unwrap();

    let mut missing = Vec::new();
    for name in &removed_defs {
        let pointer = format!("/$defs/{name}");
        let found = findings.iter().any(|f| {
            f["bump"] == "major"
                && is_at(&f["old"], "_definitions.json", &pointer)
                && f["new"].is_null()
        });
        if !found {
            missing.push(format!("_definitions.json#{pointer}"));
        }
    }
    for file in &removed_files {
        let found = findings
            .iter()
            .any(|f| f["bump"] == "major" && is_at(&f["old"], file, "") && f["new"].is_null());
        if !found {
            missing.push(format!("{file}#"));
        }
    }
    assert!(
        missing.is_empty(),
        "no MAJOR removal finding at {} of {} removed locations: {missing:#?}",
        missing.len(),
        removed_defs.len() + removed_files.len()
    );

    // A definition that exists on both sides is never reported as removed.
    assert!(!findings.iter().any(|f| f["new"].is_null()
        && is_at(
            &f["old"],
            "_definitions.json",
            "/$defs/io.k8s.api.core.v1.Pod"
        )));
}

#[test]
fn a_version_against_itself_has_no_findings() {
    let dir = version_dir("1.37.0");
    let report = diff_json(&dir, &dir);
    assert_eq!(report["required_bump"], "none", "{report:#}");
    assert_eq!(report["findings"], Value::Array(Vec::new()), "{report:#}");
}

/// `check --history` over three releases, versions read from the folder names (the corpus has
/// no manifests): Kubernetes drops beta APIs in minor releases, which semver calls breaking.
#[cfg(unix)]
#[test]
fn history_over_three_releases_named_by_version() {
    let tmp = tempfile::tempdir().unwrap();
    for version in ["1.35.0", "1.36.0", "1.37.0"] {
        std::os::unix::fs::symlink(version_dir(version), tmp.path().join(format!("v{version}")))
            .unwrap();
    }
    let out = contracts()
        .arg("check")
        .arg("--history")
        .arg(tmp.path())
        .args(["--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let report = json(&out.stdout);
    assert_eq!(report["passed"], false);
    let pairs = report["pairs"].as_array().unwrap();
    let releases: Vec<(String, String)> = pairs
        .iter()
        .map(|p| {
            (
                p["old_version"].as_str().unwrap().to_string(),
                p["new_version"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        releases,
        [("1.35.0", "1.36.0"), ("1.36.0", "1.37.0")].map(|(a, b)| (a.to_string(), b.to_string()))
    );
    for p in pairs {
        assert_eq!(p["required"], "major", "{p:#}");
        assert_eq!(p["minimum_version"], "2.0.0", "{p:#}");
    }
}

/// Issue 16: a person reading the text diff learns the counts and the required bump in the
/// first 5 lines, and sees the first MAJOR finding within the first 30 (it was on line 256,
/// after a page of additions, with the summary on the last line of 6,244).
#[test]
fn text_diff_shows_the_summary_and_a_major_finding_first() {
    let (old, new) = (version_dir("1.36.0"), version_dir("1.37.0"));
    let out = contracts()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let line = |found: &dyn Fn(&str) -> bool| lines.iter().position(|l| found(l)).map(|i| i + 1);
    let summary = line(&|l: &str| l.contains(" findings: ") && l.contains(" major, "));
    assert!(
        summary.is_some_and(|n| n <= 5),
        "summary on line {summary:?}"
    );
    let required = line(&|l: &str| l.starts_with("required bump: MAJOR"));
    assert!(
        required.is_some_and(|n| n <= 5),
        "required bump on line {required:?}"
    );
    let major = line(&|l: &str| l.starts_with("  MAJOR "));
    assert!(
        major.is_some_and(|n| n <= 30),
        "first MAJOR finding on line {major:?}"
    );
    // The additions are counted, one line per rule, not listed.
    assert!(
        lines
            .iter()
            .any(|l| l.trim_start().starts_with("MINOR definition-added ×")),
        "{}",
        &text[text.len().saturating_sub(2000)..]
    );
}
