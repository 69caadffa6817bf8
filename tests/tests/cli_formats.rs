//! End-to-end: every `--format` of `contracts diff` and `contracts check` on the example
//! package, as insta snapshots (absolute paths redacted), plus the GitHub job summary and
//! `--quiet`.

use contracts_tests::{contracts, redact};

/// `json` is snapshotted by `example_package.rs` and validated by `report_schema.rs`.
const FORMATS: [&str; 5] = ["text", "markdown", "github", "junit", "sarif"];

/// The SARIF log without what changes whenever a rule is added or edited: the rules' texts
/// (each result's rule checked to be listed, at its index, and no other rule listed) and the
/// tool's version.
fn stable_sarif(stdout: &str) -> String {
    let mut log: serde_json::Value = serde_json::from_str(stdout).expect("SARIF is JSON");
    let run = &mut log["runs"][0];
    let ids: Vec<String> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("driver.rules")
        .iter()
        .filter_map(|r| r["id"].as_str().map(String::from))
        .collect();
    let mut referenced: Vec<String> = run["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["ruleId"].as_str().expect("ruleId").to_string())
        .collect();
    referenced.sort();
    referenced.dedup();
    let mut listed = ids.clone();
    listed.sort();
    assert_eq!(
        listed, referenced,
        "driver.rules lists the referenced rules only"
    );
    for result in run["results"].as_array_mut().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(result["ruleId"], ids[index], "{result}");
    }
    run["tool"]["driver"]["rules"] = serde_json::json!(ids);
    let version = run["tool"]["driver"]["version"]
        .as_str()
        .expect("driver.version");
    assert_eq!(version.split('.').count(), 3, "driver.version {version}");
    assert_eq!(run["tool"]["driver"]["semanticVersion"], version);
    run["tool"]["driver"]["version"] = "[version]".into();
    run["tool"]["driver"]["semanticVersion"] = "[version]".into();
    serde_json::to_string_pretty(&log).expect("JSON") + "\n"
}

/// Run `contracts ARGS --format FORMAT`, expect `code`; return stdout and stderr.
fn run(args: &[&str], format: &str, code: i32) -> (String, String) {
    let out = contracts()
        .args(args)
        .args(["--format", format])
        .env_remove("GITHUB_STEP_SUMMARY")
        .assert()
        .code(code)
        .get_output()
        .clone();
    (
        redact(&String::from_utf8_lossy(&out.stdout)),
        redact(&String::from_utf8_lossy(&out.stderr)),
    )
}

const CHECK: [&str; 4] = ["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"];
const DIFF: [&str; 3] = ["diff", "schemas/v1.0.0", "schemas/v1.1.0"];

#[test]
fn check_proposed_in_every_format() {
    for format in FORMATS {
        let (mut stdout, _) = run(&CHECK, format, 1);
        if format == "sarif" {
            stdout = stable_sarif(&stdout);
        }
        insta::assert_snapshot!(format!("check_proposed_{format}"), stdout);
    }
}

#[test]
fn diff_1_0_0_to_1_1_0_in_every_format() {
    for format in FORMATS {
        let (mut stdout, _) = run(&DIFF, format, 0);
        if format == "sarif" {
            stdout = stable_sarif(&stdout);
        }
        insta::assert_snapshot!(format!("diff_1_0_0_to_1_1_0_{format}"), stdout);
    }
}

#[test]
fn machine_formats_parse() {
    let (sarif, _) = run(&CHECK, "sarif", 1);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for result in results {
        let rule = result["ruleId"].as_str().expect("ruleId");
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            sarif["runs"][0]["tool"]["driver"]["rules"][index]["id"],
            rule
        );
        let line = &result["locations"][0]["physicalLocation"]["region"]["startLine"];
        assert!(line.as_u64().is_some_and(|l| l >= 1), "{result}");
    }
    let (junit, _) = run(&CHECK, "junit", 1);
    assert!(junit.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    assert_eq!(
        junit.matches("<testsuite ").count(),
        junit.matches("</testsuite>").count()
    );
    assert!(junit.contains("<failure "), "{junit}");
}

#[test]
fn github_annotations_point_at_lines_of_repository_paths() {
    let (stdout, _) = run(&CHECK, "github", 1);
    let error = stdout
        .lines()
        .find(|l| l.starts_with("::error file=schemas/"))
        .unwrap_or_else(|| panic!("no ::error annotation on a file: {stdout}"));
    assert!(error.contains(",line="), "{error}");
    // The verdict comes first: GitHub shows only the first 10 errors of a step.
    assert!(stdout
        .lines()
        .next()
        .unwrap_or_default()
        .starts_with("::error title=contracts check failed::"));
}

#[test]
fn github_format_appends_the_job_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    let out = contracts()
        .args(CHECK)
        .args(["--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = std::fs::read_to_string(&summary).expect("summary written");
    assert!(
        text.starts_with("earlier step\n## ❌ contracts check: failed"),
        "{text}"
    );
    assert!(text.contains("| required bump | **MAJOR** |"), "{text}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("job summary appended"), "{stderr}");
}

#[test]
fn quiet_drops_the_logs_but_not_the_report() {
    let (stdout, stderr) = run(&CHECK, "junit", 1);
    assert!(stderr.contains("contracts check: fail"), "{stderr}");
    let out = contracts()
        .args(CHECK)
        .args(["--format", "junit", "--quiet"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(redact(&String::from_utf8_lossy(&out.stdout)), stdout);
}

#[test]
fn text_shows_the_changed_lines_of_the_subschemas() {
    let (stdout, _) = run(&CHECK, "text", 1);
    assert!(stdout.contains("@@ "), "{stdout}");
    // The removed value is shown inside its `enum`, with the values around it as context.
    assert!(stdout.contains("\n          -  \"paused\",\n"), "{stdout}");
    assert!(stdout.contains("\n             \"running\",\n"), "{stdout}");
}
