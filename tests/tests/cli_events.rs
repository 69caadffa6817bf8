//! End-to-end: event versions and deprecation through the gate. Marking an event version
//! `deprecated: true` is MINOR and shows under Deprecated in the changelog; removing it later is
//! MAJOR unless the baseline marked it deprecated and `contracts.toml` says
//! `allow_deprecated_removal = true` (then MINOR).

use std::path::{Path, PathBuf};

use contracts_tests::{contracts, json, root_path};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of `schemas/v2.0.0` declaring `version`, with `edit` applied.
fn package(tmp: &Path, name: &str, version: &str, edit: impl Fn(&Path)) -> PathBuf {
    let dir = tmp.join(name);
    copy_dir(&root_path("schemas/v2.0.0"), &dir);
    let manifest = dir.join("package.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace(
            "\"version\": \"2.0.0\"",
            &format!("\"version\": \"{version}\""),
        ),
    )
    .unwrap();
    edit(&dir);
    dir
}

const V1: [&str; 2] = [
    "events/import.progress.v1.json",
    "envelopes/import.progress.v1.json",
];

fn deprecate(dir: &Path) {
    for file in V1 {
        let path = dir.join(file);
        let mut schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        schema["deprecated"] = serde_json::json!(true);
        std::fs::write(&path, serde_json::to_string_pretty(&schema).unwrap()).unwrap();
    }
}

fn remove_v1(dir: &Path) {
    for file in V1 {
        std::fs::remove_file(dir.join(file)).unwrap();
    }
}

fn check_json(new: &Path, old: &Path, code: i32) -> serde_json::Value {
    let out = contracts()
        .args(["check", "--format", "json"])
        .arg(new)
        .arg("--baseline")
        .arg(old)
        .assert()
        .code(code)
        .get_output()
        .clone();
    json(&out.stdout)
}

#[test]
fn marking_deprecated_is_minor_and_listed_as_deprecated() {
    let tmp = tempfile::tempdir().unwrap();
    let old = package(tmp.path(), "old", "2.0.0", |_| {});
    let new = package(tmp.path(), "new", "2.1.0", deprecate);
    let report = check_json(&new, &old, 0);
    assert_eq!(report["required_bump"], "minor", "{report:#}");
    // A patch release is too small.
    let patch = package(tmp.path(), "patch", "2.0.1", deprecate);
    check_json(&patch, &old, 1);
    let out = contracts()
        .arg("changelog")
        .arg(&new)
        .arg("--baseline")
        .arg(&old)
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("## Deprecated\n\n- `envelopes/import.progress.v1`"),
        "{text}"
    );
    assert!(
        text.contains("](events/import.progress.v1.json#/deprecated)"),
        "{text}"
    );
}

#[test]
fn removing_a_deprecated_event_version_needs_the_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    let old = package(tmp.path(), "old", "2.1.0", deprecate);
    let new = package(tmp.path(), "new", "2.2.0", remove_v1);
    // Without configuration: MAJOR.
    let report = check_json(&new, &old, 1);
    assert_eq!(report["required_bump"], "major", "{report:#}");
    assert_eq!(report["verdict"]["minimum_version"], "3.0.0");
    // With allow_deprecated_removal: MINOR, 2.2.0 passes.
    std::fs::write(
        new.join("contracts.toml"),
        "allow_deprecated_removal = true\n",
    )
    .unwrap();
    let report = check_json(&new, &old, 0);
    assert_eq!(report["required_bump"], "minor", "{report:#}");
    let removed: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "schema-removed")
        .collect();
    assert_eq!(removed.len(), 2, "{report:#}");
    assert!(removed.iter().all(|f| f["bump"] == "minor"), "{report:#}");
    // Not deprecated in the baseline: the configuration does not help.
    let plain = package(tmp.path(), "plain", "2.0.0", |_| {});
    let report = check_json(&new, &plain, 1);
    assert_eq!(report["required_bump"], "major", "{report:#}");
}
