//! `contracts diff` reads the same configuration as `check`: mode/policy defaults and allow
//! entries from `contracts.toml` (or `--config FILE`).

use contracts_tests::{contracts, json};

fn diff_json(config: Option<&str>) -> serde_json::Value {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let mut cmd = contracts();
    cmd.args([
        "diff",
        "schemas/v2.0.0",
        "schemas/proposed",
        "--format",
        "json",
    ]);
    if let Some(text) = config {
        let file = tmp.path().join("contracts.toml");
        std::fs::write(&file, text).expect("the configuration is written");
        cmd.arg("--config").arg(&file);
    }
    let out = cmd.assert().code(0).get_output().clone();
    json(&out.stdout)
}

#[test]
fn diff_applies_allow_entries_and_mode_defaults() {
    let plain = diff_json(None);
    assert_eq!(plain["required_bump"], "major");
    assert!(plain.get("allowed").is_none());

    let allowed = diff_json(Some(
        "[[allow]]\nrule = \"enum-value-removed\"\nreason = \"no producer emitted it\"\n",
    ));
    assert_eq!(allowed["required_bump"], "minor", "{allowed:#}");
    assert_eq!(allowed["allowed"][0]["rule"], "enum-value-removed");
    assert_eq!(allowed["allowed"][0]["reason"], "no producer emitted it");

    // Removing an enum value narrows: under `mode = "forward"` that is MINOR, not MAJOR.
    let forward = diff_json(Some("mode = \"forward\"\n"));
    assert_eq!(forward["mode"], "forward");
    assert_ne!(forward["required_bump"], "major", "{forward:#}");
}
