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

/// Defect 2: under a passing verdict (`check --version 3.0.0` for a breaking change), SARIF has
/// no `error` result and the GitHub format no `::error` annotation; the accepted MAJOR finding
/// is a warning. A failing verdict keeps it an error.
#[test]
fn accepted_findings_are_not_errors_in_sarif_and_github() {
    let run = |format: &str, version: &str, code: i32| {
        let out = contracts()
            .arg("check")
            .args(PROPOSED)
            .args(["--version", version, "--format", format])
            .env_remove("GITHUB_STEP_SUMMARY")
            .assert()
            .code(code)
            .get_output()
            .clone();
        stdout(&out)
    };
    let sarif = json(run("sarif", "3.0.0", 0).as_bytes());
    let levels: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["level"].as_str().expect("level"))
        .collect();
    assert_eq!(levels.len(), 3, "{sarif:#}");
    assert!(!levels.contains(&"error"), "{levels:?}");
    let major = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "enum-value-removed")
        .expect("the MAJOR finding");
    assert_eq!(major["level"], "warning");

    let github = run("github", "3.0.0", 0);
    assert!(!github.contains("::error"), "{github}");
    assert!(
        github.contains("::warning file=schemas/proposed/events/import.progress.v2.json"),
        "{github}"
    );

    // Declared too small: the same finding fails the gate and is an error.
    let sarif = json(run("sarif", "2.1.0", 1).as_bytes());
    assert!(sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .any(|r| r["ruleId"] == "enum-value-removed" && r["level"] == "error"));
    assert!(run("github", "2.1.0", 1).contains("::error file="));
}

/// A package of one schema at `dir` with `properties` string properties, each an enum of
/// `values`, at `version`.
fn enum_package(dir: &std::path::Path, version: &str, properties: usize, values: &[&str]) {
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(
        dir.join("package.json"),
        format!(r#"{{"name": "@t/many", "version": "{version}"}}"#),
    )
    .expect("write");
    let props: serde_json::Map<String, serde_json::Value> = (0..properties)
        .map(|i| (format!("p{i}"), serde_json::json!({ "enum": values })))
        .collect();
    let schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": props,
    });
    std::fs::write(
        dir.join("many.json"),
        serde_json::to_string_pretty(&schema).expect("JSON"),
    )
    .expect("write");
}

/// Defect 3: with more errors than GitHub shows (10 per step), the verdict is the first
/// annotation, findings follow by severity, and the job summary says how many annotations
/// GitHub does not show.
#[test]
fn github_verdict_first_and_summary_counts_hidden_annotations() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    enum_package(&old, "1.0.0", 12, &["a", "b"]);
    enum_package(&new, "1.1.0", 12, &["a"]);
    let summary = tmp.path().join("summary.md");
    let out = contracts()
        .arg("check")
        .arg(&new)
        .arg("--baseline")
        .arg(&old)
        .args(["--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("::error title=contracts check failed::"),
        "{text}"
    );
    let errors = lines
        .iter()
        .filter(|l| l.starts_with("::error file="))
        .count();
    assert_eq!(errors, 12, "{text}");
    // By severity: no error after a warning or notice.
    let first_other = lines
        .iter()
        .position(|l| l.starts_with("::warning") || l.starts_with("::notice"))
        .unwrap_or(lines.len());
    assert!(
        lines[first_other..]
            .iter()
            .all(|l| !l.starts_with("::error")),
        "{text}"
    );
    let summary = std::fs::read_to_string(&summary).expect("summary written");
    // 13 errors (the verdict and 12 findings): GitHub shows 10.
    assert!(
        summary.contains(&format!("3 of {} annotations are not shown", lines.len())),
        "{summary}"
    );
}

/// Defect 8: an unwritable GITHUB_STEP_SUMMARY is a warning; the gate's exit code stays.
#[test]
fn unwritable_step_summary_warns_and_keeps_the_exit_code() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let summary = tmp.path().join("no-such-folder").join("summary.md");
    for (args, code) in [
        (
            vec!["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"],
            1,
        ),
        (
            vec![
                "check",
                "schemas/proposed",
                "--baseline",
                "schemas/v2.0.0",
                "--version",
                "3.0.0",
            ],
            0,
        ),
        (vec!["check", "--history", "schemas"], 1),
    ] {
        let out = contracts()
            .args(&args)
            .args(["--format", "github"])
            .env("GITHUB_STEP_SUMMARY", &summary)
            .assert()
            .code(code)
            .get_output()
            .clone();
        let err = stderr(&out);
        assert!(
            err.contains("warning: cannot append the job summary (GITHUB_STEP_SUMMARY)"),
            "{args:?}: {err}"
        );
        assert!(stdout(&out).contains("::error") == (code == 1), "{args:?}");
    }
}

/// Defect 7: `--color never` reaches clap's own usage errors and help, even where colour is
/// forced by the environment (`CLICOLOR_FORCE`); without it, the same environment colours them.
#[test]
fn color_never_reaches_clap_errors_and_help() {
    let run = |args: &[&str], code: i32| {
        let out = contracts()
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1")
            .args(args)
            .assert()
            .code(code)
            .get_output()
            .clone();
        format!("{}{}", stdout(&out), stderr(&out))
    };
    // The environment alone colours clap's output (so the checks below can fail).
    assert!(run(&["check"], 2).contains('\u{1b}'));
    for (args, code) in [
        (vec!["--color", "never", "check"], 2),
        (vec!["check", "--color=never"], 2),
        (vec!["check", "--color", "never", "--no-such-flag"], 2),
        (vec!["--color", "never", "--help"], 0),
        (vec!["diff", "--help", "--color", "never"], 0),
    ] {
        let text = run(&args, code);
        assert!(!text.contains('\u{1b}'), "{args:?}: {text:?}");
        assert!(!text.is_empty(), "{args:?}");
    }
}

/// Defect 10: `check --history` text lists the findings of a failing pair (and only of
/// failing pairs), as the other formats do.
#[test]
fn history_text_lists_the_failing_pairs_findings() {
    let out = contracts()
        .args(["check", "--history", "schemas"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = stdout(&out);
    assert!(
        text.contains("findings of 2.0.0 -> 2.1.0 (schemas/v2.0.0 -> schemas/proposed):"),
        "{text}"
    );
    assert!(
        text.contains("  MAJOR enum-value-removed: value \"paused\" is no longer accepted"),
        "{text}"
    );
    assert!(text.contains("needs: 3.0.0 (declared 2.1.0)"), "{text}");
    // Passing pairs' findings are not listed (1.0.0 -> 1.1.0 has five).
    assert!(!text.contains("findings of 1.0.0"), "{text}");
    assert_eq!(text.matches("enum-value-removed").count(), 1, "{text}");
    assert!(
        text.trim_end()
            .ends_with("FAIL: 1 of 3 releases declare too small a bump."),
        "{text}"
    );
}

/// Defect 9: SARIF artifact URIs are relative to the repository root even when the inputs are
/// absolute paths (or to `--sarif-root`; a `file://` URI outside it), the driver carries the
/// tool's version, and only the referenced rules are listed.
#[test]
fn sarif_uris_are_repository_relative_with_version_and_referenced_rules() {
    let root = contracts_tests::workspace_root();
    let new = root.join("schemas/proposed");
    let old = root.join("schemas/v2.0.0");
    let run = |extra: &[&str]| {
        let out = contracts()
            .arg("check")
            .arg(&new)
            .arg("--baseline")
            .arg(&old)
            .args(["--format", "sarif"])
            .args(extra)
            .assert()
            .code(1)
            .get_output()
            .clone();
        json(&out.stdout)
    };
    let uris = |log: &serde_json::Value| -> Vec<String> {
        log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .expect("uri")
                    .to_string()
            })
            .collect()
    };
    // The workspace is a git checkout (or, in an exported tree, the current directory, which
    // the tests run from, is its root): either way the URIs start at `schemas/`.
    let log = run(&[]);
    let found = uris(&log);
    assert_eq!(found.len(), 3, "{log:#}");
    for uri in &found {
        assert!(uri.starts_with("schemas/proposed/events/"), "{uri}");
    }
    let driver = &log["runs"][0]["tool"]["driver"];
    let version = driver["version"].as_str().expect("driver.version");
    assert!(!version.is_empty());
    assert_eq!(driver["semanticVersion"], version);
    let rules: Vec<&str> = driver["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        rules,
        ["enum-value-removed", "examples-changed", "property-added"],
        "only the referenced rules, in registry order"
    );
    for result in log["runs"][0]["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(result["ruleId"], rules[index]);
    }

    let schemas = root.join("schemas");
    let log = run(&["--sarif-root", schemas.to_str().expect("UTF-8 path")]);
    for uri in uris(&log) {
        assert!(uri.starts_with("proposed/events/"), "{uri}");
    }
    // A root the files are not under: absolute file URIs.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let log = run(&[
        "--sarif-root",
        elsewhere.path().to_str().expect("UTF-8 path"),
    ]);
    for uri in uris(&log) {
        assert!(
            uri.starts_with("file:///") && uri.ends_with(".json"),
            "{uri}"
        );
    }
}

/// Defect 4: `validate` reports `schema_location` as the failing keyword's own place (its
/// absolute keyword location mapped to file and pointer), not an evaluation path through
/// `$ref` that does not resolve; across files it names the file holding the keyword; inside
/// an embedded resource (`$id`) it is still the document's pointer. The evaluation path is a
/// field of its own.
#[test]
fn validate_schema_location_is_the_keywords_own_place() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str], payload: &str| {
        let file = tmp.path().join("payload.json");
        std::fs::write(&file, payload).expect("write");
        let out = contracts()
            .arg("validate")
            .args(args)
            .arg(&file)
            .args(["--format", "json"])
            .assert()
            .code(1)
            .get_output()
            .clone();
        let value = json(&out.stdout);
        value["results"][0]["errors"]
            .as_array()
            .expect("errors")
            .clone()
    };
    // Through a local `$ref` (`#/$defs/counts`).
    let errors = run(
        &["schemas/v2.0.0", "events/import.progress.v2"],
        r#"{"status":"running","job_id":"imp_000000000000","counts":{"processed":-1,"failed":0,"total":0},"percent":0}"#,
    );
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0]["schema_location"],
        "events/import.progress.v2.json#/$defs/counts/properties/processed/minimum"
    );
    assert_eq!(
        errors[0]["evaluation_path"],
        "/properties/counts/$ref/properties/processed/minimum"
    );
    // Across files: the envelope `$ref`s ../events/import.progress.v1.json.
    let errors = run(
        &["schemas/v2.0.0", "envelopes/import.progress.v1"],
        r#"{"type":"import.progress","version":1,"id":"5f0c2d8e-1b7a-4c3e-9d2f-0a1b2c3d4e5f","occurred_at":"2025-03-03T10:00:00Z","payload":{"job_id":"imp_000000000000","processed":0,"total":0,"percent":0}}"#,
    );
    let status = errors
        .iter()
        .find(|e| e["message"].as_str().is_some_and(|m| m.contains("status")))
        .unwrap_or_else(|| panic!("no error on `status`: {errors:#?}"));
    assert_eq!(
        status["schema_location"],
        "events/import.progress.v1.json#/required"
    );
    assert_eq!(
        status["evaluation_path"],
        "/properties/payload/$ref/required"
    );

    // An embedded resource with its own `$id`: the keyword URI's fragment is relative to it.
    let package = tmp.path().join("pkg");
    std::fs::create_dir_all(&package).expect("mkdir");
    std::fs::write(
        package.join("outer.json"),
        r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://example.test/outer.json",
  "type": "object",
  "properties": { "c": { "$ref": "https://example.test/counts.json" } },
  "$defs": {
    "counts": {
      "$id": "https://example.test/counts.json",
      "type": "object",
      "properties": { "n": { "minimum": 0 } }
    }
  }
}
"#,
    )
    .expect("write");
    let errors = run(
        &[package.to_str().expect("UTF-8 path"), "outer"],
        r#"{"c": {"n": -1}}"#,
    );
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0]["schema_location"],
        "outer.json#/$defs/counts/properties/n/minimum"
    );
}

/// Defect 4, text output: the keyword's own place, then the way there through `$ref`.
#[test]
fn validate_text_shows_the_keyword_and_the_way_there() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("payload.json");
    std::fs::write(
        &file,
        r#"{"status":"running","job_id":"imp_000000000000","counts":{"processed":-1,"failed":0,"total":0},"percent":0}"#,
    )
    .expect("write");
    let out = contracts()
        .args(["validate", "schemas/v2.0.0", "events/import.progress.v2"])
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = stdout(&out);
    assert!(
        text.contains(
            "    schema: events/import.progress.v2.json#/$defs/counts/properties/processed/minimum\n    via: /properties/counts/$ref/properties/processed/minimum\n"
        ),
        "{text}"
    );
}

/// Defect 6: `until = "2099-02-31"` is refused (no such day), at the `until` line and column,
/// even when the reason above quotes the same text.
#[test]
fn config_until_must_be_a_real_day_reported_at_its_place() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let config = tmp.path().join("contracts.toml");
    std::fs::write(
        &config,
        "[[allow]]\nrule = \"enum-value-removed\"\nreason = \"accepted until 2099-02-31\"\nuntil = \"2099-02-31\"\n",
    )
    .expect("write");
    let out = contracts()
        .arg("check")
        .args(PROPOSED)
        .arg("--config")
        .arg(&config)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = stderr(&out).replace(&tmp.path().display().to_string(), "[TMP]");
    assert!(
        err.contains(
            "[TMP]/contracts.toml:4:9: [[allow]] #1: `until` \"2099-02-31\" is not a calendar date"
        ),
        "{err}"
    );
}

/// `--output FILE`: every command that prints a report writes it to the file instead
/// (nothing on stdout), with the same exit code; styles are stripped; on bad input the file is
/// left as it was.
#[test]
fn output_writes_the_report_to_a_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("report.out");
    let cases: [(&[&str], i32); 8] = [
        (
            &[
                "check",
                "schemas/proposed",
                "--baseline",
                "schemas/v2.0.0",
                "--format",
                "sarif",
            ],
            1,
        ),
        (
            &[
                "check",
                "schemas/proposed",
                "--baseline",
                "schemas/v2.0.0",
                "--color",
                "never",
            ],
            1,
        ),
        (&["check", "--history", "schemas", "--format", "junit"], 1),
        (
            &[
                "diff",
                "schemas/v1.0.0",
                "schemas/v1.1.0",
                "--format",
                "markdown",
            ],
            0,
        ),
        (
            &[
                "bump",
                "schemas/proposed",
                "--baseline",
                "schemas/v2.0.0",
                "--format",
                "json",
            ],
            0,
        ),
        (
            &[
                "changelog",
                "schemas/proposed",
                "--baseline",
                "schemas/v2.0.0",
            ],
            0,
        ),
        (&["rules"], 0),
        (&["validate", "schemas/v2.0.0", "--examples"], 0),
    ];
    for (args, code) in cases {
        // What stdout shows without --output.
        let expected = contracts()
            .args(args)
            .env_remove("GITHUB_STEP_SUMMARY")
            .assert()
            .code(code)
            .get_output()
            .stdout
            .clone();
        let _ = std::fs::remove_file(&file);
        let out = contracts()
            .args(args)
            .arg("--output")
            .arg(&file)
            .env_remove("GITHUB_STEP_SUMMARY")
            .assert()
            .code(code)
            .get_output()
            .clone();
        assert!(out.stdout.is_empty(), "{args:?}: {}", stdout(&out));
        let written = std::fs::read(&file).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert!(!written.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(&expected),
            "{args:?}"
        );
        assert!(!written.contains(&0x1b), "{args:?}: styles in the file");
    }
    // Bad input (exit 2): the file keeps what it had.
    std::fs::write(&file, "earlier\n").expect("write");
    contracts()
        .args(["check", "schemas/no-such", "--baseline", "schemas/v2.0.0"])
        .arg("--output")
        .arg(&file)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "earlier\n");
    // A file that cannot be written is bad input, named.
    let out = contracts()
        .args(["rules", "--output"])
        .arg(tmp.path().join("no-such-folder").join("r.txt"))
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("cannot write the report"),
        "{}",
        stderr(&out)
    );
}

/// `diff --fail-on`: exit 1 when the changes require that bump or more (1.0.0 -> 1.1.0
/// requires MINOR), 0 otherwise and without the flag; the report is printed either way.
#[test]
fn diff_fail_on_exits_1_at_or_above_the_level() {
    for (level, code) in [
        (None, 0),
        (Some("major"), 0),
        (Some("minor"), 1),
        (Some("patch"), 1),
    ] {
        let mut cmd = contracts();
        cmd.args([
            "diff",
            "schemas/v1.0.0",
            "schemas/v1.1.0",
            "--format",
            "json",
        ]);
        if let Some(level) = level {
            cmd.args(["--fail-on", level]);
        }
        let out = cmd.assert().code(code).get_output().clone();
        assert_eq!(json(&out.stdout)["required_bump"], "minor", "{level:?}");
    }
    contracts()
        .args([
            "diff",
            "schemas/v1.0.0",
            "schemas/v1.1.0",
            "--fail-on",
            "none",
        ])
        .assert()
        .code(2);
}

/// Missing feature: `rules --format json` is the catalogue as JSON, one object per rule with
/// its id, effect, bump per policy and mode, and summary; a named rule adds its doc.
#[test]
fn rules_format_json_is_the_catalogue() {
    let out = contracts()
        .args(["rules", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let value = json(&out.stdout);
    let rules = value["rules"].as_array().expect("rules array");
    let text = contracts()
        .arg("rules")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = stdout(&text);
    // The text table has a header, one line per rule, a blank line and a total.
    assert_eq!(rules.len(), text.lines().count() - 3, "{text}");
    let bumps = ["major", "minor", "patch", "none"];
    let mut strict_only = 0;
    for rule in rules {
        let id = rule["id"].as_str().expect("id");
        assert!(text.contains(id), "{id} missing from the text table");
        assert!(
            ["annotation", "widened", "narrowed", "changed"]
                .contains(&rule["effect"].as_str().expect("effect")),
            "{rule:#}"
        );
        assert!(rule["summary"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(
            rule.get("doc").is_none(),
            "the list leaves docs out: {rule:#}"
        );
        let policy = rule["bump_policy"].as_str().expect("bump_policy");
        assert!(["effect", "fixed", "lenient", "strict-only"].contains(&policy));
        for p in ["lenient", "strict"] {
            let by_mode = &rule["bump"][p];
            if by_mode.is_null() {
                assert_eq!((policy, p), ("strict-only", "lenient"), "{rule:#}");
                strict_only += 1;
                continue;
            }
            for mode in ["backward", "forward", "full"] {
                let bump = by_mode[mode].as_str().expect("bump string");
                assert!(bumps.contains(&bump), "{rule:#}");
            }
        }
    }
    assert_eq!(
        strict_only,
        rules
            .iter()
            .filter(|r| r["bump_policy"] == "strict-only")
            .count()
    );
    // A rule whose bump follows its effect: narrowed is MAJOR under backward and full.
    let enum_removed = rules
        .iter()
        .find(|r| r["id"] == "enum-value-removed")
        .expect("enum-value-removed");
    assert_eq!(enum_removed["effect"], "narrowed");
    assert_eq!(enum_removed["bump"]["lenient"]["backward"], "major");
    assert_eq!(enum_removed["bump"]["lenient"]["forward"], "minor");
    // One rule: the same object plus its documentation.
    let out = contracts()
        .args(["rules", "enum-value-removed", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let one = json(&out.stdout);
    assert_eq!(one["id"], "enum-value-removed");
    assert_eq!(one["bump"], enum_removed["bump"]);
    assert!(one["doc"]
        .as_str()
        .expect("doc")
        .contains("## What it detects"));
}

/// Missing feature: `diff --format json` names both packages (name and version) and counts the
/// findings by bump, as does `check`, where the versions are the ones judged.
#[test]
fn diff_json_names_both_packages_and_counts() {
    let out = contracts()
        .args([
            "diff",
            "schemas/v2.0.0",
            "schemas/proposed",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let value = json(&out.stdout);
    assert_eq!(value["old"]["name"], "@acme/contracts", "{value:#}");
    assert_eq!(value["old"]["version"], "2.0.0", "{value:#}");
    assert_eq!(value["new"]["name"], "@acme/contracts", "{value:#}");
    assert_eq!(value["new"]["version"], "2.1.0", "{value:#}");
    let findings = value["findings"].as_array().expect("findings");
    for bump in ["major", "minor", "patch"] {
        let n = findings.iter().filter(|f| f["bump"] == bump).count();
        assert_eq!(value["counts"][bump], n, "{bump}: {value:#}");
    }
    assert_eq!(value["counts"]["major"], 1, "{value:#}");
    assert_eq!(value["counts"]["allowed"], 0, "{value:#}");
    // `check --version` names the version it judged.
    let out = contracts()
        .args(["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"])
        .args(["--version", "3.0.0", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let value = json(&out.stdout);
    assert_eq!(value["new"]["version"], "3.0.0", "{value:#}");
    assert_eq!(value["old"]["version"], "2.0.0", "{value:#}");
}

const SUBCOMMANDS: [&str; 7] = [
    "diff",
    "check",
    "codegen",
    "bump",
    "validate",
    "changelog",
    "rules",
];

/// Missing feature: `contracts completions SHELL` prints a completion script for each shell
/// clap_complete knows, naming every subcommand; an unknown shell is a usage error.
#[test]
fn completions_for_every_shell_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = contracts()
            .args(["completions", shell])
            .assert()
            .code(0)
            .get_output()
            .clone();
        let script = stdout(&out);
        assert!(script.lines().count() > 20, "{shell}: {script}");
        for sub in SUBCOMMANDS.iter().chain(&["completions", "man"]) {
            assert!(script.contains(sub), "{shell} script lacks `{sub}`");
        }
        // Flags of subcommands are completed too.
        assert!(script.contains("fail-on"), "{shell} script lacks --fail-on");
    }
    contracts().args(["completions", "tcsh"]).assert().code(2);
}

/// Missing feature: `contracts man` prints a roff man page: the top-level page, then one
/// section per subcommand with its options.
#[test]
fn man_page_is_roff_with_a_section_per_subcommand() {
    let out = contracts().arg("man").assert().code(0).get_output().clone();
    let page = stdout(&out);
    assert!(page.contains(".TH contracts 1"), "{page}");
    assert_eq!(page.matches(".TH ").count(), 1, "one title line");
    for sub in SUBCOMMANDS {
        let section = format!(".SH \"CONTRACTS-{}\"", sub.to_uppercase());
        assert!(page.contains(&section), "no {section}");
        assert!(
            page.contains(&format!("\\fBcontracts {sub}\\fR")),
            "no synopsis of {sub}"
        );
    }
    assert!(
        page.contains("\\-\\-baseline"),
        "check's options are documented"
    );
}
