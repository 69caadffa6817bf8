//! The JSON report's own JSON Schema: `docs/report.schema.json` is what the Rust types
//! generate (run `cargo xtask schema` after changing them), and the real JSON output of
//! `contracts diff` and `contracts check` on the example package validates against it.

use contracts_tests::{contracts, json, root_path};
use serde_json::Value;

fn committed_text() -> String {
    let path = root_path("docs/report.schema.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; run `cargo xtask schema` to generate it",
            path.display()
        )
    })
}

#[test]
fn committed_report_schema_is_fresh() {
    let fresh = contracts_diff::report_schema::report_schema_text();
    assert!(
        committed_text() == fresh,
        "docs/report.schema.json is stale (the report types changed): run `cargo xtask schema` \
         and commit the result"
    );
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&committed_text()).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the committed report schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, report: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not validate against docs/report.schema.json:\n{}",
        errors.join("\n")
    );
}

fn run_json(args: &[&str], code: i32) -> Value {
    let out = contracts()
        .args(args)
        .args(["--format", "json"])
        .assert()
        .code(code)
        .get_output()
        .clone();
    json(&out.stdout)
}

#[test]
fn diff_json_validates_against_the_report_schema() {
    let validator = validator();
    let report = run_json(&["diff", "schemas/v1.0.0", "schemas/v1.1.0"], 0);
    assert!(report.get("verdict").is_none());
    assert_valid(&validator, &report, "`contracts diff --format json`");
    let report = run_json(&["diff", "schemas/v2.0.0", "schemas/proposed"], 0);
    assert_valid(&validator, &report, "`contracts diff v2.0.0 proposed`");
}

#[test]
fn check_json_validates_against_the_report_schema() {
    let validator = validator();
    let report = run_json(
        &["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"],
        1,
    );
    assert!(report["verdict"].is_object());
    assert_valid(&validator, &report, "`contracts check --format json`");
}

#[test]
fn the_schema_rejects_a_report_with_a_wrong_field() {
    let validator = validator();
    let mut report = run_json(&["diff", "schemas/v1.0.0", "schemas/v1.1.0"], 0);
    report["required_bump"] = Value::from("huge");
    assert!(!validator.is_valid(&report));
    report["required_bump"] = Value::from("minor");
    if let Some(obj) = report.as_object_mut() {
        obj.remove("findings");
    }
    assert!(!validator.is_valid(&report));
}

/// `check` with a configuration adds `allowed` and `warnings`; the schema describes both, so a
/// malformed `allowed` entry is rejected, not let through as an unknown property.
#[test]
fn check_json_with_allowed_findings_validates_against_the_report_schema() {
    let validator = validator();
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let config = tmp.path().join("contracts.toml");
    std::fs::write(
        &config,
        "[[allow]]\nrule = \"enum-value-removed\"\nreason = \"no producer emitted it\"\n\n\
         [[allow]]\nrule = \"property-removed\"\nschema = \"api/*\"\nreason = \"stale\"\n",
    )
    .expect("the configuration is written");
    let config = config.to_string_lossy().into_owned();
    let report = run_json(
        &[
            "check",
            "schemas/proposed",
            "--baseline",
            "schemas/v2.0.0",
            "--config",
            &config,
        ],
        0,
    );
    assert!(report["allowed"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(report["warnings"].as_array().is_some_and(|w| w.len() == 1));
    assert_valid(
        &validator,
        &report,
        "`contracts check --config ... --format json`",
    );
    let mut broken = report.clone();
    broken["allowed"][0]["allow_entry"] = Value::from("first");
    assert!(
        !validator.is_valid(&broken),
        "an `allowed` entry with a string `allow_entry` must not validate"
    );
}

/// A validator for the document `$defs/NAME` of the committed schema (the documents of
/// `check --history`, `bump` and `changelog`).
fn def_validator(name: &str) -> jsonschema::Validator {
    let mut schema: Value = serde_json::from_str(&committed_text()).expect("the schema is JSON");
    assert!(
        schema["$defs"].get(name).is_some(),
        "docs/report.schema.json has no $defs/{name}"
    );
    schema = serde_json::json!({
        "$schema": schema["$schema"].clone(),
        "$defs": schema["$defs"].clone(),
        "$ref": format!("#/$defs/{name}"),
    });
    jsonschema::validator_for(&schema).expect("the definition compiles")
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a readable folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

/// Issue 11: every command's JSON validates against `docs/report.schema.json`: `diff` and
/// `check` at the root, `check --history` (each pair with its findings), `bump` and
/// `changelog` at their `$defs`.
#[test]
fn every_command_json_validates_against_the_report_schema() {
    let root = validator();
    let diff = run_json(&["diff", "schemas/v2.0.0", "schemas/proposed"], 0);
    assert_valid(&root, &diff, "`contracts diff --format json`");
    let check = run_json(
        &["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"],
        1,
    );
    assert_valid(&root, &check, "`contracts check --format json`");

    let tmp = tempfile::tempdir().expect("a temporary folder");
    for version in ["v1.0.0", "v1.1.0", "v2.0.0"] {
        copy_dir(
            &root_path(&format!("schemas/{version}")),
            &tmp.path().join(version),
        );
    }
    let dir = tmp.path().to_string_lossy().into_owned();
    let history = run_json(&["check", "--history", &dir], 0);
    let pairs = history["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 2);
    // Each pair carries its findings (v1.1.0 -> v2.0.0 is a breaking release).
    assert!(pairs[1]["findings"]
        .as_array()
        .is_some_and(|f| f.iter().any(|f| f["bump"] == "major")));
    let history_validator = def_validator("HistoryReport");
    assert_valid(
        &history_validator,
        &history,
        "`contracts check --history --format json`",
    );
    let mut broken = history.clone();
    broken["pairs"][0]["findings"] = Value::from("none");
    assert!(!history_validator.is_valid(&broken));

    let bump = run_json(
        &["bump", "schemas/proposed", "--baseline", "schemas/v2.0.0"],
        0,
    );
    let bump_validator = def_validator("BumpReport");
    assert_valid(&bump_validator, &bump, "`contracts bump --format json`");
    assert_eq!(bump["next"], "3.0.0");
    let mut broken = bump.clone();
    broken["required_bump"] = Value::from("huge");
    assert!(!bump_validator.is_valid(&broken));

    let changelog = run_json(
        &[
            "changelog",
            "schemas/proposed",
            "--baseline",
            "schemas/v2.0.0",
        ],
        0,
    );
    let changelog_validator = def_validator("Changelog");
    assert_valid(
        &changelog_validator,
        &changelog,
        "`contracts changelog --format json`",
    );
    assert!(changelog["sections"]["breaking"]
        .as_array()
        .is_some_and(|b| !b.is_empty()));
    let mut broken = changelog.clone();
    broken["sections"]["breaking"][0]["location"] = Value::from(3);
    assert!(!changelog_validator.is_valid(&broken));
}

/// Issue 12: `rules --format json` validates against `$defs/RuleCatalogue`, and one rule's
/// document (with its `doc`) against `$defs/RuleEntry`.
#[test]
fn rules_json_validates_against_the_report_schema() {
    let out = contracts()
        .args(["rules", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let catalogue = json(&out.stdout);
    let validator = def_validator("RuleCatalogue");
    assert_valid(&validator, &catalogue, "`contracts rules --format json`");
    let mut broken = catalogue.clone();
    broken["rules"][0]["bump"]["lenient"]["full"] = Value::from("huge");
    assert!(
        !validator.is_valid(&broken),
        "an unknown bump must not validate"
    );
    let out = contracts()
        .args(["rules", "maximum-tightened", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let one = json(&out.stdout);
    assert_valid(
        &def_validator("RuleEntry"),
        &one,
        "`contracts rules RULE --format json`",
    );
    assert!(one["doc"].is_string());
}
