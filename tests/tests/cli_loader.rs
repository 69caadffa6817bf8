//! End-to-end: the loader's command-line surface on forms real packages use (issue 8): every
//! error at once, `--keep-going` and `document-invalid`, `--ref-dir` and `[resolve]`,
//! `--default-draft` and `draft`, two single files as one pair, `diff` without versions.

use std::path::Path;

use contracts_tests::{contracts, json};
use serde_json::{json, Value};

fn write(root: &Path, path: &str, value: &Value) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
    std::fs::write(full, serde_json::to_string_pretty(value).expect("JSON")).expect("write");
}

fn s(path: &Path) -> String {
    path.display().to_string()
}

/// OLD: three good schemas. NEW: one still good, one no longer a schema, one with a dangling
/// `$ref`, plus one broken on both sides.
fn broken_pair() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    for side in [&old, &new] {
        write(side, "good.json", &json!({"type": "string"}));
        write(side, "always-broken.json", &json!({"type": 7}));
    }
    write(&old, "typed.json", &json!({"type": "integer"}));
    write(&old, "linked.json", &json!({"type": "object"}));
    write(&new, "typed.json", &json!({"type": 5}));
    write(
        &new,
        "linked.json",
        &json!({"properties": {"x": {"$ref": "gone.json"}}}),
    );
    tmp
}

#[test]
fn every_load_error_is_listed_then_exit_2() {
    let tmp = broken_pair();
    let out = contracts()
        .args([
            "diff",
            &s(&tmp.path().join("old")),
            &s(&tmp.path().join("new")),
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.stdout.is_empty());
    // Both packages are loaded before anything is reported: OLD's one broken document, then
    // NEW's three, each on its own line, with a count per package.
    let old_dir = s(&tmp.path().join("old"));
    let new_dir = s(&tmp.path().join("new"));
    let first_new = stderr
        .find(&format!("(in {new_dir})"))
        .expect("NEW's errors listed");
    assert!(
        stderr[..first_new].contains("always-broken.json#/type")
            && stderr[..first_new].contains(&format!("(in {old_dir})")),
        "OLD's error comes first: {stderr}"
    );
    for named in [
        "typed.json#/type",
        "linked.json#/properties/x: cannot resolve $ref \"gone.json\"",
    ] {
        assert!(stderr.contains(named), "{named} missing: {stderr}");
    }
    assert!(
        stderr.contains(&format!("3 errors in {new_dir}")),
        "{stderr}"
    );
    let out = contracts()
        .args([
            "diff",
            &s(&tmp.path().join("new")),
            &s(&tmp.path().join("new")),
        ])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for named in [
        "always-broken.json#/type",
        "typed.json#/type",
        "linked.json#/properties/x: cannot resolve $ref \"gone.json\"",
    ] {
        assert!(stderr.contains(named), "{named} missing: {stderr}");
    }
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error: ")).count(),
        4,
        "one line per error and a count: {stderr}"
    );
    assert!(stderr.contains("3 errors in"), "{stderr}");
}

#[test]
fn keep_going_diffs_what_loads_and_reports_document_invalid() {
    let tmp = broken_pair();
    let old = s(&tmp.path().join("old"));
    let new = s(&tmp.path().join("new"));
    for via_config in [false, true] {
        let mut cmd = contracts();
        cmd.args(["diff", &old, &new, "--format", "json"]);
        if via_config {
            let config = tmp.path().join("contracts.toml");
            std::fs::write(&config, "on_invalid = \"skip\"\n").expect("config");
            cmd.arg("--config").arg(&config);
        } else {
            cmd.arg("--keep-going");
        }
        let out = cmd.assert().code(0).get_output().clone();
        let report = json(&out.stdout);
        let findings = report["findings"].as_array().expect("findings");
        let invalid: Vec<&str> = findings
            .iter()
            .filter(|f| f["rule"] == "document-invalid")
            .map(|f| f["schema"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(invalid, vec!["linked", "typed"], "{report:#}");
        for f in findings.iter().filter(|f| f["rule"] == "document-invalid") {
            assert_eq!(f["bump"], "major");
            assert!(f["message"]
                .as_str()
                .unwrap_or_default()
                .contains("does not load"));
        }
        assert!(
            !findings
                .iter()
                .any(|f| f["rule"] == "schema-removed" || f["schema"] == "always-broken"),
            "{report:#}"
        );
        assert_eq!(report["required_bump"], "major");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("always-broken.json does not load"),
            "{stderr}"
        );
    }
}

#[test]
fn ref_dir_and_resolve_supply_outside_documents() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let vendor = tmp.path().join("vendor");
    write(
        &vendor,
        "address.json",
        &json!({"$id": "https://schemas.example.org/address.json", "type": "object",
                "properties": {"zip": {"type": "string"}}}),
    );
    for side in ["old", "new"] {
        write(
            &tmp.path().join(side),
            "order.json",
            &json!({"properties": {"a": {"$ref": "https://schemas.example.org/address.json"}}}),
        );
    }
    let old = s(&tmp.path().join("old"));
    let new = s(&tmp.path().join("new"));
    let out = contracts()
        .args(["diff", &old, &new])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("https://schemas.example.org/address.json"),
        "{stderr}"
    );
    assert!(stderr.contains("--ref-dir"), "{stderr}");
    let out = contracts()
        .args([
            "diff",
            &old,
            &new,
            "--format",
            "json",
            "--ref-dir",
            &s(&vendor),
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(json(&out.stdout)["required_bump"], "none");
    // The same through contracts.toml, relative to it.
    let config = tmp.path().join("contracts.toml");
    std::fs::write(
        &config,
        "[resolve.map]\n\"https://schemas.example.org/\" = \"vendor/\"\n",
    )
    .expect("config");
    contracts()
        .args(["diff", &old, &new, "--config", &s(&config)])
        .assert()
        .code(0);
    std::fs::write(&config, "[resolve]\ndirs = [\"vendor\"]\n").expect("config");
    contracts()
        .args(["diff", &old, &new, "--config", &s(&config)])
        .assert()
        .code(0);
}

#[test]
fn default_draft_flag_and_config_choose_the_draft() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // An array `items` without `$schema`: draft-07 by inference (a warning says so).
    for side in ["old", "new"] {
        write(
            &tmp.path().join(side),
            "tuple.json",
            &json!({"type": "array", "items": [{"type": "string"}]}),
        );
    }
    let old = s(&tmp.path().join("old"));
    let new = s(&tmp.path().join("new"));
    let out = contracts()
        .args(["diff", &old, &new])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: tuple.json#: no $schema: read as draft-07"),
        "{stderr}"
    );
    // Chosen as 2020-12, the array `items` is not a schema of that draft.
    let out = contracts()
        .args(["diff", &old, &new, "--default-draft", "2020-12"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a valid 2020-12 schema"), "{stderr}");
    let config = tmp.path().join("contracts.toml");
    std::fs::write(&config, "draft = \"2020-12\"\n").expect("config");
    contracts()
        .args(["diff", &old, &new, "--config", &s(&config)])
        .assert()
        .code(2);
    std::fs::write(&config, "draft = \"draft-07\"\n").expect("config");
    let out = contracts()
        .args(["diff", &old, &new, "--config", &s(&config)])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("warning"),
        "a chosen draft is not inferred"
    );
}

#[test]
fn two_single_files_are_one_pair() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write(
        tmp.path(),
        "before.json",
        &json!({"type": "string", "maxLength": 5}),
    );
    write(
        tmp.path(),
        "after.json",
        &json!({"type": "string", "maxLength": 3}),
    );
    let out = contracts()
        .args([
            "diff",
            &s(&tmp.path().join("before.json")),
            &s(&tmp.path().join("after.json")),
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let report = json(&out.stdout);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(rules, vec!["max-length-tightened"], "{report:#}");
}

#[test]
fn diff_needs_no_version() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for side in ["old", "new"] {
        let dir = tmp.path().join(side);
        write(&dir, "a.json", &json!({"type": "string"}));
        write(&dir, "package.json", &json!({"name": "@x/no-version"}));
    }
    contracts()
        .args([
            "diff",
            &s(&tmp.path().join("old")),
            &s(&tmp.path().join("new")),
        ])
        .assert()
        .code(0);
    // `check` still needs one.
    contracts()
        .args([
            "check",
            &s(&tmp.path().join("new")),
            "--baseline",
            &s(&tmp.path().join("old")),
        ])
        .assert()
        .code(2);
}
