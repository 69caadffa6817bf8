//! End-to-end: the gate's everyday commands on the example package `schemas/`: `check` with a
//! `contracts.toml`, `check --history`, `bump`, `validate`, `changelog`, `rules`, and the git-tag
//! and npm-tarball baselines.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use contracts_tests::{contracts, json, redact, root_path};

/// Copy the folder `from` into `to` (created).
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

/// A temp folder holding a copy of `schemas/<version>` as `<name>`.
fn copy_of(tmp: &Path, version: &str, name: &str) -> PathBuf {
    let to = tmp.join(name);
    copy_dir(&root_path(&format!("schemas/{version}")), &to);
    to
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// `text` with the temp folder replaced by `[TMP]`.
fn redact_tmp(text: &str, tmp: &Path) -> String {
    redact(text).replace(&tmp.display().to_string(), "[TMP]")
}

const ALLOW_PAUSED: &str = r#"# The gate's configuration.
[[allow]]
rule = "enum-value-removed"
schema = "events/import.progress.*"
pointer = "/properties/status/**"
reason = "no producer ever emitted `paused`"

[[allow]]
rule = "property-removed"
schema = "api/*"
reason = "stale entry"
"#;

#[test]
fn check_with_an_allow_entry_passes_and_reports_it() {
    let tmp = tempfile::tempdir().unwrap();
    let new = copy_of(tmp.path(), "proposed", "proposed");
    std::fs::write(new.join("contracts.toml"), ALLOW_PAUSED).unwrap();
    let out = contracts()
        .args(["check"])
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let err = stderr(&out);
    assert!(
        err.contains(
            "warning: [[allow]] #2 (rule property-removed, schema api/*) matches no finding"
        ),
        "{err}"
    );
    // The findings above are `contracts check`'s usual report; the verdict and what the
    // configuration allowed follow it.
    let text = redact_tmp(&stdout(&out), tmp.path());
    assert!(!text.contains("MAJOR enum-value-removed"), "{text}");
    let verdict = text
        .find("\nPASS:")
        .map(|i| &text[i + 1..])
        .unwrap_or(&text);
    insta::assert_snapshot!("check_allowed_text", verdict);

    let out = contracts()
        .args(["check", "--format", "json"])
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let report = json(&out.stdout);
    assert_eq!(report["required_bump"], "minor", "{report:#}");
    assert_eq!(report["verdict"]["passed"], true);
    assert_eq!(report["allowed"][0]["rule"], "enum-value-removed");
    assert_eq!(report["allowed"][0]["allowed"], true);
    assert_eq!(report["allowed"][0]["bump"], "major");
    assert_eq!(
        report["allowed"][0]["reason"],
        "no producer ever emitted `paused`"
    );
    assert!(report["warnings"][0]
        .as_str()
        .unwrap()
        .contains("matches no finding"));
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["rule"] != "enum-value-removed"));
}

#[test]
fn expired_allow_entry_no_longer_applies() {
    let tmp = tempfile::tempdir().unwrap();
    let new = copy_of(tmp.path(), "proposed", "proposed");
    let config = ALLOW_PAUSED.replace(
        "reason = \"no producer ever emitted `paused`\"",
        "reason = \"no producer ever emitted `paused`\"\nuntil = \"2.0.5\"",
    );
    std::fs::write(new.join("contracts.toml"), config).unwrap();
    let out = contracts()
        .arg("check")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(stderr(&out).contains("#1"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("expired (until 2.0.5)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn roles_change_the_verdict() {
    // Removing an enum value narrows: under forward (an event schema read by consumers) that
    // is MINOR, so 2.1.0 passes.
    let tmp = tempfile::tempdir().unwrap();
    let new = copy_of(tmp.path(), "proposed", "proposed");
    std::fs::write(
        new.join("contracts.toml"),
        "[[schemas]]\nglob = \"**/import.progress.*\"\nrole = \"event\"\n",
    )
    .unwrap();
    contracts()
        .arg("check")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0"])
        .assert()
        .code(0);
    // As a request (backward) it stays MAJOR.
    std::fs::write(
        new.join("contracts.toml"),
        "[[schemas]]\nglob = \"**/import.progress.*\"\nrole = \"request\"\n",
    )
    .unwrap();
    contracts()
        .arg("check")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0"])
        .assert()
        .code(1);
}

#[test]
fn malformed_config_is_bad_input_with_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let new = copy_of(tmp.path(), "proposed", "proposed");
    std::fs::write(
        new.join("contracts.toml"),
        "mode = \"full\"\n[[allow]]\nrule = \n",
    )
    .unwrap();
    let out = contracts()
        .arg("check")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = redact_tmp(&stderr(&out), tmp.path());
    assert!(err.contains("[TMP]/proposed/contracts.toml:3:"), "{err}");
    // --config FILE overrides NEW's own file.
    let good = tmp.path().join("gate.toml");
    std::fs::write(&good, "mode = \"forward\"\n").unwrap();
    contracts()
        .arg("check")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0", "--config"])
        .arg(&good)
        .assert()
        .code(0);
}

#[test]
fn history_checks_every_consecutive_pair() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("published");
    // Names out of version order: the manifests decide the order.
    copy_of(&dir, "v1.1.0", "b");
    copy_of(&dir, "v2.0.0", "a");
    copy_of(&dir, "v1.0.0", "c");
    let out = contracts()
        .args(["check", "--history"])
        .arg(&dir)
        .assert()
        .code(0)
        .get_output()
        .clone();
    insta::assert_snapshot!("history_pass", stdout(&out));
    copy_of(&dir, "proposed", "d");
    let out = contracts()
        .args(["check", "--history"])
        .arg(&dir)
        .assert()
        .code(1)
        .get_output()
        .clone();
    insta::assert_snapshot!("history_fail", redact_tmp(&stdout(&out), tmp.path()));
    let out = contracts()
        .args(["check", "--format", "json", "--history"])
        .arg(&dir)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let report = json(&out.stdout);
    assert_eq!(report["passed"], false);
    assert_eq!(report["pairs"].as_array().unwrap().len(), 3);
    assert_eq!(report["pairs"][2]["minimum_version"], "3.0.0");
}

#[test]
fn bump_prints_and_writes_the_next_version() {
    let out = contracts()
        .args(["bump", "schemas/proposed", "--baseline", "schemas/v2.0.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(stdout(&out), "3.0.0\n");
    let out = contracts()
        .args(["bump", "schemas/v1.1.0", "--baseline", "schemas/v1.0.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(stdout(&out), "1.1.0\n");
    // Pre-1.0: a breaking change bumps the minor.
    let out = contracts()
        .args([
            "bump",
            "schemas/proposed",
            "--baseline",
            "schemas/v2.0.0",
            "--baseline-version",
            "0.4.2",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(stdout(&out), "0.5.0\n");

    let tmp = tempfile::tempdir().unwrap();
    let new = copy_of(tmp.path(), "proposed", "proposed");
    let before = std::fs::read_to_string(new.join("package.json")).unwrap();
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        let perms = std::fs::Permissions::from_mode(0o664);
        std::fs::set_permissions(new.join("package.json"), perms).unwrap();
        || {
            std::fs::metadata(new.join("package.json"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777
        }
    };
    contracts()
        .arg("bump")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0", "--write"])
        .assert()
        .code(0);
    let after = std::fs::read_to_string(new.join("package.json")).unwrap();
    assert_eq!(
        after,
        before.replace("\"version\": \"2.1.0\"", "\"version\": \"3.0.0\"")
    );
    assert_ne!(after, before);
    // Written atomically, and the manifest keeps its permissions.
    #[cfg(unix)]
    assert_eq!(mode(), 0o664);
    contracts()
        .arg("check")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0"])
        .assert()
        .code(0);

    // contracts.toml as the manifest: only the version string changes.
    std::fs::remove_file(new.join("package.json")).unwrap();
    let toml = "# manifest\nname = \"@acme/contracts\"\nversion = \"2.1.0\" # bumped by CI\n\n[[allow]]\nrule = \"title-changed\"\nreason = \"r\"\n";
    std::fs::write(new.join("contracts.toml"), toml).unwrap();
    contracts()
        .arg("bump")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0", "--write"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(new.join("contracts.toml")).unwrap(),
        toml.replace("2.1.0", "3.0.0")
    );
}

/// Issue 13 item 9: `bump --write` keeps CRLF line endings and a UTF-8 BOM, and with duplicate
/// top-level `version` keys writes the last one (the one loading reads) without touching `name`.
#[test]
fn bump_write_keeps_crlf_bom_and_duplicate_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let new = copy_of(tmp.path(), "proposed", "proposed");
    let manifest = new.join("package.json");
    let original = std::fs::read_to_string(&manifest).unwrap();
    // A non-string first `version`: a scanner stopping at the first key overwrote `name`.
    let before = format!(
        "\u{feff}{}",
        original
            .replacen("{\n", "{\n  \"version\": 1,\n", 1)
            .replace('\n', "\r\n")
    );
    std::fs::write(&manifest, &before).unwrap();
    let out = contracts()
        .arg("bump")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0", "--write"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(stdout(&out), "3.0.0\n", "{}", stderr(&out));
    let after = std::fs::read_to_string(&manifest).unwrap();
    assert_eq!(
        after,
        before.replace("\"version\": \"2.1.0\"", "\"version\": \"3.0.0\"")
    );
    assert!(after.starts_with('\u{feff}') && after.contains("\"version\": 1,\r\n"));
    let parsed: serde_json::Value =
        serde_json::from_str(after.trim_start_matches('\u{feff}')).unwrap();
    assert_eq!(parsed["name"], "@acme/contracts");
    assert_eq!(parsed["version"], "3.0.0");

    // contracts.toml with CRLF line endings stays CRLF.
    std::fs::remove_file(&manifest).unwrap();
    let toml = "# manifest\r\nname = \"@acme/contracts\"\r\nversion = \"2.1.0\" # bumped by CI\r\n";
    std::fs::write(new.join("contracts.toml"), toml).unwrap();
    contracts()
        .arg("bump")
        .arg(&new)
        .args(["--baseline", "schemas/v2.0.0", "--write"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(new.join("contracts.toml")).unwrap(),
        toml.replace("2.1.0", "3.0.0")
    );
}

const VALID: &str = r#"{"job_id": "imp_0123456789ab", "status": "running", "counts": {"processed": 1, "failed": 0, "total": 2}, "percent": 50}"#;
const INVALID: &str = r#"{"job_id": "imp_x", "status": "sleeping", "counts": {"processed": 1, "failed": 0, "total": 2}, "percent": 150}"#;

#[test]
fn validate_payloads() {
    let tmp = tempfile::tempdir().unwrap();
    let valid = tmp.path().join("valid.json");
    std::fs::write(&valid, VALID).unwrap();
    contracts()
        .args(["validate", "schemas/v2.0.0", "events/import.progress.v2"])
        .arg(&valid)
        .assert()
        .code(0);
    let lines = tmp.path().join("events.jsonl");
    std::fs::write(&lines, format!("{VALID}\n{INVALID}\n")).unwrap();
    let out = contracts()
        .args(["validate", "schemas/v2.0.0", "events/import.progress.v2"])
        .arg(&lines)
        .assert()
        .code(1)
        .get_output()
        .clone();
    insta::assert_snapshot!("validate_jsonl", redact_tmp(&stdout(&out), tmp.path()));
    // stdin
    contracts()
        .args([
            "validate",
            "schemas/v2.0.0",
            "events/import.progress.v2",
            "-",
        ])
        .write_stdin(INVALID)
        .assert()
        .code(1);
    // Bad input: not JSON, unknown schema.
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, "{\"job_id\": ").unwrap();
    let out = contracts()
        .args(["validate", "schemas/v2.0.0", "events/import.progress.v2"])
        .arg(&bad)
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(stderr(&out).contains("not JSON"), "{}", stderr(&out));
    contracts()
        .args(["validate", "schemas/v2.0.0", "events/nope"])
        .arg(&valid)
        .assert()
        .code(2);
}

#[test]
fn validate_examples() {
    for version in ["v1.0.0", "v1.1.0", "v2.0.0", "proposed"] {
        let out = contracts()
            .args(["validate", &format!("schemas/{version}"), "--examples"])
            .assert()
            .code(0)
            .get_output()
            .clone();
        assert!(
            stdout(&out).contains("examples and defaults valid"),
            "{}",
            stdout(&out)
        );
    }
    // A wrong example inside a subschema is found at its own location.
    let tmp = tempfile::tempdir().unwrap();
    let pkg = copy_of(tmp.path(), "v2.0.0", "pkg");
    let file = pkg.join("events/import.progress.v2.json");
    let mut schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    schema["properties"]["percent"]["examples"] = serde_json::json!([50, 101]);
    std::fs::write(&file, serde_json::to_string_pretty(&schema).unwrap()).unwrap();
    let out = contracts()
        .arg("validate")
        .arg(&pkg)
        .arg("--examples")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = stdout(&out);
    assert!(
        text.contains("INVALID events/import.progress.v2.json#/properties/percent/examples/1"),
        "{text}"
    );
    // The same as JSON: every value checked, the wrong one with its error.
    let out = contracts()
        .arg("validate")
        .arg(&pkg)
        .args(["--examples", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let report = json(&out.stdout);
    assert_eq!(report["valid"], false);
    let results = report["results"].as_array().unwrap();
    assert_eq!(report["checked"].as_u64(), Some(results.len() as u64));
    let bad: Vec<&serde_json::Value> = results.iter().filter(|r| r["valid"] == false).collect();
    assert_eq!(bad.len(), 1, "{report:#}");
    assert_eq!(
        bad[0]["value"],
        "events/import.progress.v2.json#/properties/percent/examples/1"
    );
    assert_eq!(
        bad[0]["errors"][0]["schema_location"],
        "events/import.progress.v2.json#/properties/percent/maximum"
    );
    assert!(results.iter().any(|r| r["value"]
        == "events/import.progress.v2.json#/properties/percent/examples/0"
        && r["valid"] == true));
}

/// `validate --examples` walks the schema positions of each document's own draft (core's one
/// walker and keyword table): under draft-07, `dependentSchemas` is not a keyword, so an
/// "example" inside it is data and not checked, while one under `definitions` is.
#[test]
fn validate_examples_reads_schema_positions_of_the_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let pkg = tmp.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let write = |defs: serde_json::Value| {
        let schema = serde_json::json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "dependentSchemas": {"a": {"type": "integer", "examples": ["not an integer"]}},
            "definitions": defs,
        });
        std::fs::write(pkg.join("s.json"), schema.to_string()).unwrap();
    };
    let run = || {
        contracts()
            .arg("validate")
            .arg(&pkg)
            .arg("--examples")
            .output()
            .unwrap()
    };
    write(serde_json::json!({"n": {"type": "integer", "examples": [1]}}));
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 of 1 examples"), "{}", stdout(&out));
    write(serde_json::json!({"n": {"type": "integer", "examples": ["x"]}}));
    let out = run();
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("INVALID s.json#/definitions/n/examples/0"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn validate_payloads_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = tmp.path().join("events.jsonl");
    std::fs::write(&lines, format!("{VALID}\n{INVALID}\n")).unwrap();
    let out = contracts()
        .args(["validate", "schemas/v2.0.0", "events/import.progress.v2"])
        .arg(&lines)
        .args(["--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let report = json(&out.stdout);
    assert_eq!(report["valid"], false);
    assert_eq!(report["checked"], 2);
    let results = report["results"].as_array().unwrap();
    assert_eq!(results[0]["valid"], true);
    assert_eq!(results[0]["errors"], serde_json::json!([]));
    assert!(results[0]["value"]
        .as_str()
        .unwrap()
        .ends_with("events.jsonl:1"));
    assert_eq!(results[1]["valid"], false);
    let errors = results[1]["errors"].as_array().unwrap();
    let at = |path: &str| errors.iter().find(|e| e["instance_path"] == path);
    let percent = at("/percent").expect("an error at /percent");
    assert_eq!(percent["schema_path"], "/properties/percent/maximum");
    assert_eq!(
        percent["schema_location"],
        "events/import.progress.v2.json#/properties/percent/maximum"
    );
    assert!(
        at("/status").is_some() && at("/job_id").is_some(),
        "{report:#}"
    );
}

#[test]
fn changelog_groups_the_changes() {
    let out = contracts()
        .args([
            "changelog",
            "schemas/v2.0.0",
            "--baseline",
            "schemas/v1.1.0",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    insta::assert_snapshot!("changelog_2_0_0", stdout(&out));
    let out = contracts()
        .args([
            "changelog",
            "schemas/proposed",
            "--baseline",
            "schemas/v2.0.0",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = stdout(&out);
    assert!(
        text.contains("## Breaking\n\n- `events/import.progress.v2`"),
        "{text}"
    );
    assert!(
        text.contains("](events/import.progress.v2.json#/properties/status/enum)"),
        "{text}"
    );
}

#[test]
fn rules_lists_the_catalogue() {
    let out = contracts()
        .arg("rules")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("rule") && first.contains("bump (backward/forward/full)"),
        "{text}"
    );
    assert!(text.contains("schema-removed"), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("enum-value-removed ")
            && l.contains("narrowed")
            && l.contains("major/minor/major")),
        "{text}"
    );
    let out = contracts()
        .args(["rules", "schema-removed"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    insta::assert_snapshot!("rules_schema_removed", stdout(&out));
    let out = contracts()
        .args(["rules", "enum-value"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(stderr(&out).contains("did you mean"), "{}", stderr(&out));
}

fn git(dir: &Path, args: &[&str]) {
    let status = StdCommand::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn git_tag_baseline() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    copy_of(repo, "v1.1.0", "contracts");
    git(repo, &["init", "-q"]);
    git(repo, &["add", "contracts"]);
    git(repo, &["commit", "-q", "-m", "1.1.0"]);
    git(repo, &["tag", "contracts-v1.1.0"]);
    // The work tree moves on to 2.0.0.
    std::fs::remove_dir_all(repo.join("contracts")).unwrap();
    copy_of(repo, "v2.0.0", "contracts");
    let out = contracts()
        .current_dir(repo)
        .args([
            "check",
            "contracts",
            "--baseline",
            "git:contracts-v1.1.0:contracts",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = stdout(&out);
    assert!(
        text.contains("old: git:contracts-v1.1.0:contracts (@acme/contracts 1.1.0"),
        "{text}"
    );
    assert!(
        text.contains("PASS: 1.1.0 -> 2.0.0 declares a major bump"),
        "{text}"
    );
}

#[test]
fn npm_tarball_baseline() {
    let tmp = tempfile::tempdir().unwrap();
    copy_of(tmp.path(), "v2.0.0", "package");
    let status = StdCommand::new("tar")
        .current_dir(tmp.path())
        .args(["czf", "acme-contracts-2.0.0.tgz", "package"])
        .status()
        .expect("tar runs");
    assert!(status.success());
    let tgz = tmp.path().join("acme-contracts-2.0.0.tgz");
    let out = contracts()
        .args(["check", "schemas/proposed", "--baseline"])
        .arg(&tgz)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = stdout(&out);
    assert!(
        text.contains("FAIL: 2.0.0 -> 2.1.0 declares a minor bump"),
        "{text}"
    );
    assert!(
        text.contains("smallest version that passes: 3.0.0"),
        "{text}"
    );
    // A tarball is a published version for --history too.
    let dir = tmp.path().join("published");
    std::fs::create_dir(&dir).unwrap();
    std::fs::rename(&tgz, dir.join("2.0.0.tgz")).unwrap();
    copy_of(&dir, "v1.1.0", "1.1.0");
    contracts()
        .args(["check", "--history"])
        .arg(&dir)
        .assert()
        .code(0);
}

#[test]
fn help_texts_name_the_commands() {
    let out = contracts()
        .arg("--help")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = stdout(&out);
    for command in ["diff", "check", "bump", "validate", "changelog", "rules"] {
        assert!(text.contains(&format!("  {command} ")), "{command}: {text}");
    }
    for command in ["check", "bump", "validate", "changelog", "rules"] {
        contracts().args([command, "--help"]).assert().code(0);
    }
}
