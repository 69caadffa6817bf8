//! End-to-end: `contracts check --history schemas` in every CI format (the example package's
//! published versions plus `proposed/`, which declares 2.1.0 but needs 3.0.0, so the last of
//! the three pairs fails), as insta snapshots, plus what CI systems rely on in each format.
//! Text and JSON are covered by `cli_gate.rs`.

use contracts_tests::{contracts, redact};

const HISTORY: [&str; 3] = ["check", "--history", "schemas"];

/// Run `contracts check --history schemas --format FORMAT` (no job summary); expect exit 1;
/// return stdout and stderr.
fn run(format: &str) -> (String, String) {
    let out = contracts()
        .args(HISTORY)
        .args(["--format", format])
        .env_remove("GITHUB_STEP_SUMMARY")
        .assert()
        .code(1)
        .get_output()
        .clone();
    (
        redact(&String::from_utf8_lossy(&out.stdout)),
        redact(&String::from_utf8_lossy(&out.stderr)),
    )
}

/// The SARIF log without what changes whenever a rule is added or edited: the rules' texts
/// (each result's rule checked to be listed, at its index, and no other rule listed) and the
/// tool's version.
fn stable_sarif(stdout: &str) -> String {
    let mut log: serde_json::Value = serde_json::from_str(stdout).expect("SARIF is JSON");
    for run in log["runs"].as_array_mut().expect("runs") {
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
        run["tool"]["driver"]["version"] = "[version]".into();
        run["tool"]["driver"]["semanticVersion"] = "[version]".into();
    }
    serde_json::to_string_pretty(&log).expect("JSON") + "\n"
}

#[test]
fn history_in_every_ci_format() {
    for format in ["markdown", "github", "junit", "sarif"] {
        let (mut stdout, _) = run(format);
        if format == "sarif" {
            stdout = stable_sarif(&stdout);
        }
        insta::assert_snapshot!(format!("history_{format}"), stdout);
    }
}

#[test]
fn markdown_has_a_row_per_pair_and_the_failing_pairs_findings() {
    let (md, _) = run("markdown");
    assert!(
        md.starts_with("## ❌ contracts check --history: failed\n"),
        "{md}"
    );
    for (pair, verdict) in [
        ("| 1.0.0 → 1.1.0 |", "| ✅ PASS |"),
        ("| 1.1.0 → 2.0.0 |", "| ✅ PASS |"),
        ("| 2.0.0 → 2.1.0 |", "| ❌ FAIL | **3.0.0** |"),
    ] {
        let row = md
            .lines()
            .find(|l| l.starts_with(pair))
            .unwrap_or_else(|| panic!("no row {pair}: {md}"));
        assert!(row.contains(verdict), "{row}");
    }
    // Only the failing pair's findings, as `contracts check` renders them.
    assert_eq!(md.matches("<details open>").count(), 1, "{md}");
    let details = &md[md.find("<details open>").expect("details")..];
    assert!(details.contains("<b>2.0.0 → 2.1.0</b>"), "{details}");
    assert!(
        details.contains(
            "| **MAJOR** | `enum-value-removed` | value \"paused\" is no longer accepted"
        ),
        "{details}"
    );
    assert!(
        details.contains("`schemas/proposed` (@acme/contracts 2.1.0)"),
        "{details}"
    );
    assert!(md.trim_end().ends_with("</details>"), "{md}");
}

#[test]
fn github_annotates_the_failing_pairs_files_and_sums_up() {
    let (stdout, stderr) = run("github");
    let error = stdout
        .lines()
        .find(|l| l.starts_with("::error file=") && l.contains("enum-value-removed"))
        .unwrap_or_else(|| panic!("no ::error annotation on a file: {stdout}"));
    assert!(
        error.starts_with("::error file=schemas/proposed/events/import.progress.v2.json,line="),
        "{error}"
    );
    let line = error
        .split(",line=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no line number: {error}"));
    assert!(line > 1, "{error}");
    assert!(
        error.contains("title=[2.0.0 -> 2.1.0] enum-value-removed"),
        "{error}"
    );
    // Passing pairs are not annotated.
    assert!(!stdout.contains("1.1.0 -> 2.0.0]"), "{stdout}");
    // The overall result comes first: GitHub shows only the first 10 errors of a step.
    let first = stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("::error title=contracts check --history failed::1 of 3 releases"),
        "{first}"
    );
    // The text report goes to the log.
    assert!(
        stderr.contains("FAIL 2.0.0 -> 2.1.0: declares minor, requires major"),
        "{stderr}"
    );
}

#[test]
fn github_appends_the_markdown_table_to_the_job_summary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("write");
    let out = contracts()
        .args(HISTORY)
        .args(["--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = std::fs::read_to_string(&summary).expect("summary written");
    assert!(
        text.starts_with("earlier step\n## ❌ contracts check --history: failed"),
        "{text}"
    );
    let (markdown, _) = run("markdown");
    assert!(text.ends_with(&format!("{markdown}\n")), "{text}");
    assert!(text.contains("| 2.0.0 → 2.1.0 | MINOR | MAJOR |"), "{text}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("job summary appended"), "{stderr}");
}

/// A minimal XML well-formedness check: every start tag is closed in order, attributes are
/// quoted, no raw `<` or `&` outside markup and entities. Returns the element names opened.
fn check_xml(xml: &str) -> Vec<String> {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut opened = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt]);
        let gt = rest[lt..].find('>').expect("unterminated tag") + lt;
        let tag = &rest[lt + 1..gt];
        assert!(!tag.contains('<'), "`<` in a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name = tag.split_whitespace().next().expect("tag name").to_string();
            let attrs = &tag[name.len()..];
            // name="value" pairs only.
            assert_eq!(
                attrs.matches('"').count() % 2,
                0,
                "unbalanced quotes: {tag}"
            );
            for (i, part) in attrs.split('"').enumerate() {
                if i % 2 == 1 {
                    check_text(part);
                } else {
                    let part = part.trim();
                    assert!(
                        part.is_empty() || part.ends_with('='),
                        "bad attribute: {tag}"
                    );
                }
            }
            opened.push(name.clone());
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[gt + 1..];
        if stack.is_empty() {
            assert!(rest.trim().is_empty(), "content after the root: {rest}");
        }
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    opened
}

fn check_text(text: &str) {
    assert!(!text.contains('<'), "raw `<`: {text}");
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "bad entity: {entity}"
        );
    }
}

#[test]
fn junit_has_one_well_formed_suite_per_pair() {
    let (xml, _) = run("junit");
    let elements = check_xml(&xml);
    assert_eq!(elements.iter().filter(|e| *e == "testsuites").count(), 1);
    assert_eq!(elements.iter().filter(|e| *e == "testsuite").count(), 3);
    for pair in [
        "1.0.0 -&gt; 1.1.0",
        "1.1.0 -&gt; 2.0.0",
        "2.0.0 -&gt; 2.1.0",
    ] {
        assert!(
            xml.contains(&format!("<testsuite name=\"contracts check {pair}\"")),
            "{pair}: {xml}"
        );
    }
    // The failing pair: its MAJOR finding and its version gate fail.
    let last = &xml[xml
        .find("contracts check 2.0.0 -&gt; 2.1.0")
        .expect("suite")..];
    assert!(last.contains("failures=\"2\""), "{last}");
    assert!(
        last.contains("<failure message=\"MAJOR: value &quot;paused&quot; is no longer accepted\""),
        "{last}"
    );
    assert!(
        xml.contains("<testsuites name=\"contracts check --history\""),
        "{xml}"
    );
}

#[test]
fn sarif_is_one_run_with_the_failing_pairs_results() {
    let (stdout, _) = run("sarif");
    let log: serde_json::Value = serde_json::from_str(&stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0]["tool"]["driver"]["name"], "contracts");
    let results = runs[0]["results"].as_array().expect("results");
    let removed = results
        .iter()
        .find(|r| r["ruleId"] == "enum-value-removed")
        .unwrap_or_else(|| panic!("no enum-value-removed result: {stdout}"));
    assert_eq!(removed["level"], "error");
    let physical = &removed["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"]["uri"],
        "schemas/proposed/events/import.progress.v2.json"
    );
    assert!(physical["region"]["startLine"]
        .as_u64()
        .is_some_and(|l| l > 1));
    for result in results {
        let text = result["message"]["text"].as_str().expect("message");
        assert!(text.starts_with("[2.0.0 -> 2.1.0] "), "{text}");
        assert_eq!(result["properties"]["pair"], "2.0.0 -> 2.1.0");
    }
    let verdicts = runs[0]["properties"]["verdicts"]
        .as_array()
        .expect("verdicts");
    assert_eq!(verdicts.len(), 3);
    assert_eq!(runs[0]["properties"]["passed"], false);
}

#[test]
fn quiet_drops_the_log_but_not_the_report() {
    for format in ["markdown", "junit"] {
        let (stdout, stderr) = run(format);
        assert!(stderr.contains("FAIL: 1 of 3 releases"), "{stderr}");
        let out = contracts()
            .args(HISTORY)
            .args(["--format", format, "--quiet"])
            .env_remove("GITHUB_STEP_SUMMARY")
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
}
