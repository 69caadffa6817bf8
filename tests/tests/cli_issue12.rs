//! End-to-end regressions for the command-line defects of issue 12: each test fails on the
//! binary as it was before its fix.

use contracts_tests::{contracts, json, redact};

fn stdout(out: &std::process::Output) -> String {
    redact(&String::from_utf8_lossy(&out.stdout))
}

fn stderr(out: &std::process::Output) -> String {
    redact(&String::from_utf8_lossy(&out.stderr))
}

const PROPOSED: [&str; 3] = ["schemas/proposed", "--baseline", "schemas/v2.0.0"];

/// Defect 1: `bump --format json` prints a JSON object, not a bare version.
#[test]
fn bump_format_json_is_an_object() {
    let out = contracts()
        .arg("bump")
        .args(PROPOSED)
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let value = json(&out.stdout);
    assert_eq!(value["current"], "2.0.0", "{value:#}");
    assert_eq!(value["required_bump"], "major", "{value:#}");
    assert_eq!(value["next"], "3.0.0", "{value:#}");
    assert!(value["written"].is_null(), "{value:#}");
    // The default stays the bare version.
    let out = contracts()
        .arg("bump")
        .args(PROPOSED)
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(stdout(&out), "3.0.0\n");
}

/// Defect 1: `changelog --format json` prints the sections as JSON.
#[test]
fn changelog_format_json_has_the_sections() {
    let out = contracts()
        .arg("changelog")
        .args(PROPOSED)
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let value = json(&out.stdout);
    assert_eq!(value["required_bump"], "major", "{value:#}");
    assert_eq!(value["next_version"], "3.0.0", "{value:#}");
    assert_eq!(value["new_version"], "2.1.0", "{value:#}");
    let breaking = value["sections"]["breaking"].as_array().expect("breaking");
    assert_eq!(breaking.len(), 1, "{value:#}");
    assert_eq!(breaking[0]["rule"], "enum-value-removed");
    assert_eq!(
        breaking[0]["location"]["file"],
        "events/import.progress.v2.json"
    );
    for section in ["added", "changed", "deprecated", "docs"] {
        assert!(
            value["sections"][section].is_array(),
            "{section}: {value:#}"
        );
    }
    // `markdown` (alias `text`) is the default.
    for format in ["markdown", "text"] {
        let out = contracts()
            .arg("changelog")
            .args(PROPOSED)
            .args(["--format", format])
            .assert()
            .code(0)
            .get_output()
            .clone();
        assert!(
            stdout(&out).starts_with("# @acme/contracts 2.1.0"),
            "{format}"
        );
    }
}

/// Defect 1: formats that mean nothing for `bump` or `changelog` are a usage error (exit 2).
#[test]
fn bump_and_changelog_reject_meaningless_formats() {
    for (command, format) in [
        ("bump", "sarif"),
        ("bump", "markdown"),
        ("bump", "junit"),
        ("bump", "github"),
        ("changelog", "sarif"),
        ("changelog", "junit"),
        ("changelog", "github"),
    ] {
        let out = contracts()
            .arg(command)
            .args(PROPOSED)
            .args(["--format", format])
            .assert()
            .code(2)
            .get_output()
            .clone();
        assert!(out.stdout.is_empty(), "{command} --format {format}");
        assert!(
            stderr(&out).contains(&format!("invalid value '{format}' for '--format")),
            "{command} --format {format}: {}",
            stderr(&out)
        );
    }
}
