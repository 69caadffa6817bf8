//! End-to-end: the reports a person reads before a pull request (issue 16). The text report
//! puts the summary first and the MAJOR findings before the rest, which it collapses to one
//! line per rule; `--only`/`--schema` filter; text wraps at `COLUMNS`; Markdown keeps the same
//! order; `--format html` is one self-contained page (parsed here as a browser would); and
//! `--watch` re-runs when a schema file changes.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use contracts_tests::{contracts, contracts_bin, json};
use scraper::{Html, Selector};

/// Write `value` as pretty JSON at `dir/name`.
fn write(dir: &Path, name: &str, value: &serde_json::Value) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), serde_json::to_string_pretty(value).unwrap()).unwrap();
}

/// Two packages: `a` gains 40 optional properties (40 MINOR findings, listed first in schema
/// order), `z` loses an enum value (one MAJOR finding, last in schema order).
fn fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    let schema = "https://json-schema.org/draft/2020-12/schema";
    let a_old = serde_json::json!({"$schema": schema, "type": "object",
        "properties": {"x": {"type": "string"}}});
    let mut props = serde_json::Map::new();
    props.insert("x".into(), serde_json::json!({"type": "string"}));
    for i in 0..40 {
        props.insert(format!("p{i:02}"), serde_json::json!({"type": "integer"}));
    }
    let a_new = serde_json::json!({"$schema": schema, "type": "object", "properties": props});
    let z_old = serde_json::json!({"$schema": schema, "type": "object", "required": ["status"],
        "properties": {"status": {"enum": ["queued", "running", "paused"]}}});
    let z_new = serde_json::json!({"$schema": schema, "type": "object", "required": ["status"],
        "properties": {"status": {"enum": ["queued", "running"]}}});
    write(&old, "a.json", &a_old);
    write(&new, "a.json", &a_new);
    write(&old, "z.json", &z_old);
    write(&new, "z.json", &z_new);
    tmp
}

fn diff_text(dir: &Path, extra: &[&str]) -> String {
    let out = contracts()
        .arg("diff")
        .arg(dir.join("old"))
        .arg(dir.join("new"))
        .args(extra)
        .assert()
        .code(0)
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

/// The 1-based line of the first line for which `found` holds.
fn line_of(text: &str, found: impl Fn(&str) -> bool) -> Option<usize> {
    text.lines().position(found).map(|i| i + 1)
}

#[test]
fn the_summary_comes_first_and_major_findings_before_the_rest() {
    let tmp = fixture();
    let text = diff_text(tmp.path(), &[]);
    assert_eq!(
        line_of(&text, |l| l == "41 findings: 1 major, 40 minor, 0 patch"),
        Some(1),
        "{text}"
    );
    assert!(
        line_of(&text, |l| l.starts_with("required bump: MAJOR")).is_some_and(|n| n <= 5),
        "{text}"
    );
    let major = line_of(&text, |l| l.starts_with("  MAJOR enum-value-removed")).expect(&text);
    assert!(major <= 30, "first MAJOR finding on line {major}:\n{text}");
    // The MINOR findings are one line with a count, after the MAJOR ones.
    let minor = line_of(&text, |l| l.trim_start() == "MINOR property-added ×40").expect(&text);
    assert!(minor > major, "{text}");
    assert!(!text.contains("MINOR property-added: "), "{text}");

    // --verbose lists every one of them, still after the MAJOR finding.
    let verbose = diff_text(tmp.path(), &["--verbose"]);
    assert_eq!(
        verbose.matches("  MINOR property-added: ").count(),
        40,
        "{verbose}"
    );
    let first_minor = line_of(&verbose, |l| l.starts_with("  MINOR property-added: ")).unwrap();
    let major = line_of(&verbose, |l| l.starts_with("  MAJOR enum-value-removed")).unwrap();
    assert!(major < first_minor, "{verbose}");
}

#[test]
fn only_and_schema_filter_what_is_listed_but_not_the_summary() {
    let tmp = fixture();
    let minor = diff_text(tmp.path(), &["--only", "minor"]);
    assert!(
        minor.starts_with("41 findings: 1 major, 40 minor"),
        "{minor}"
    );
    assert!(
        minor.contains("listed: 40 of 41 findings (--only minor)"),
        "{minor}"
    );
    assert_eq!(
        minor.matches("  MINOR property-added: ").count(),
        40,
        "{minor}"
    );
    assert!(!minor.contains("MAJOR enum-value-removed"), "{minor}");

    let z = diff_text(tmp.path(), &["--schema", "z"]);
    assert!(z.contains("listed: 1 of 41 findings (--schema 'z')"), "{z}");
    assert!(z.contains("  MAJOR enum-value-removed"), "{z}");
    assert!(!z.contains("property-added"), "{z}");

    let out = contracts()
        .arg("diff")
        .arg(tmp.path().join("old"))
        .arg(tmp.path().join("new"))
        .args(["--schema", "events/["])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`events/[` is not a glob"), "{stderr}");
}

#[test]
fn text_wraps_at_columns() {
    let tmp = fixture();
    let out = contracts()
        .arg("diff")
        .arg(tmp.path().join("old"))
        .arg(tmp.path().join("new"))
        .env("COLUMNS", "44")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    // `  MAJOR enum-value-removed: value "paused" is no longer accepted` is 64 columns wide.
    let head = line_of(&text, |l| l.starts_with("  MAJOR enum-value-removed:")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[head - 1].chars().count() <= 44, "{text}");
    assert!(
        lines[head].starts_with("        ") && lines[head].contains("accepted"),
        "the message goes on, indented:\n{text}"
    );
    // Without COLUMNS, a pipe gets the fixed width: the head is one line.
    let piped = diff_text(tmp.path(), &[]);
    assert!(
        piped.contains("  MAJOR enum-value-removed: value \"paused\" is no longer accepted\n"),
        "{piped}"
    );
}

#[test]
fn markdown_lists_major_findings_first_and_collapses_the_rest() {
    let tmp = fixture();
    let md = diff_text(tmp.path(), &["--format", "markdown"]);
    let major = md.find("enum-value-removed").expect(&md);
    let details = md.find("<details><summary>MINOR").expect(&md);
    let minor = md.find("property-added").expect(&md);
    assert!(major < details && details < minor, "{md}");
    assert!(md.contains("</details>"), "{md}");
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    doc.select(&selector).collect()
}

#[test]
fn html_report_is_self_contained_and_lists_every_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("report.html");
    contracts()
        .args(["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"])
        .args(["--format", "html", "--output"])
        .arg(&file)
        .assert()
        .code(1);
    let report = json(
        &contracts()
            .args(["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"])
            .args(["--format", "json"])
            .assert()
            .code(1)
            .get_output()
            .stdout,
    );
    let findings = report["findings"].as_array().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let doc = Html::parse_document(&text);

    // The header: packages, versions, mode, verdict, the inline chart.
    let header = select(&doc, "header")[0].text().collect::<String>();
    for needle in [
        "schemas/v2.0.0",
        "schemas/proposed",
        "2.0.0",
        "2.1.0",
        "full",
        "FAIL",
    ] {
        assert!(header.contains(needle), "header lacks {needle}: {header}");
    }
    assert!(select(&doc, "header svg rect").len() >= 3);

    // Every finding, with its rule, message, locations and bump.
    let articles = select(&doc, "article.finding");
    assert_eq!(articles.len(), findings.len(), "{text}");
    for finding in findings {
        let rule = finding["rule"].as_str().unwrap();
        let article = articles
            .iter()
            .find(|a| a.value().attr("data-rule") == Some(rule))
            .unwrap_or_else(|| panic!("no article for {rule}"));
        assert_eq!(article.value().attr("data-bump"), finding["bump"].as_str());
        let body = article.text().collect::<String>();
        assert!(
            body.contains(finding["message"].as_str().unwrap()),
            "{body}"
        );
        for side in ["old", "new"] {
            let at = format!(
                "{}#{}",
                finding[side]["file"].as_str().unwrap(),
                finding[side]["pointer"].as_str().unwrap()
            );
            assert!(body.contains(&at), "{at} in {body}");
        }
    }
    // The MAJOR finding first, with its witness (pretty JSON, a copy button) and the
    // side-by-side change, the removed value highlighted.
    let major = articles[0];
    assert_eq!(major.value().attr("data-rule"), Some("enum-value-removed"));
    let inner = Html::parse_fragment(&major.html());
    let witness = select(&inner, ".witness pre")[0];
    let value: serde_json::Value =
        serde_json::from_str(&witness.text().collect::<String>()).unwrap();
    assert_eq!(value["status"], "paused");
    let button = select(&inner, "button.copy")[0];
    assert_eq!(
        button.value().attr("data-target"),
        witness.value().attr("id")
    );
    let removed: Vec<String> = select(&inner, "table.sbs td.del")
        .iter()
        .map(|td| td.text().collect())
        .collect();
    assert!(
        removed.iter().any(|t| t.contains("\"paused\"")),
        "{removed:?}"
    );

    // A schema list with each schema's worst bump, anchors that resolve.
    let items = select(&doc, "nav#schema-list li");
    assert_eq!(items.len(), 2, "{text}");
    assert!(items[0].text().collect::<String>().contains("MAJOR"));
    let ids: Vec<&str> = select(&doc, "[id]")
        .iter()
        .filter_map(|e| e.value().attr("id"))
        .collect();
    for link in select(&doc, "[href]") {
        let href = link.value().attr("href").unwrap();
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("href {href:?} points off the page"));
        assert!(ids.contains(&target), "#{target} has no element");
    }
    // Nothing is loaded: no src, no stylesheet link, no url() in the style.
    assert!(
        select(&doc, "[src]").is_empty(),
        "an element loads something"
    );
    assert!(select(&doc, "link").is_empty());
    for style in select(&doc, "style") {
        let css = style.text().collect::<String>();
        assert!(!css.contains("url(") && !css.contains("@import"), "{css}");
    }
    // The filters: by bump, rule and schema.
    assert_eq!(select(&doc, "#filters input[name=bump]").len(), 3);
    let rules: Vec<String> = select(&doc, "#filter-rule option")
        .iter()
        .map(|o| o.text().collect())
        .collect();
    assert!(
        rules.contains(&"enum-value-removed".to_string()),
        "{rules:?}"
    );
    assert_eq!(select(&doc, "#filter-schema option").len(), 3);
    assert_eq!(select(&doc, "script").len(), 1);
}

#[test]
fn html_escapes_what_the_schemas_say() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = "https://json-schema.org/draft/2020-12/schema";
    write(
        &tmp.path().join("old"),
        "s.json",
        &serde_json::json!({"$schema": schema, "enum": ["<script>alert(1)</script>", "b"]}),
    );
    write(
        &tmp.path().join("new"),
        "s.json",
        &serde_json::json!({"$schema": schema, "enum": ["b"]}),
    );
    let html = diff_text(tmp.path(), &["--format", "html"]);
    let doc = Html::parse_document(&html);
    assert_eq!(
        select(&doc, "script").len(),
        1,
        "only the page's own script"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/// Run `contracts ARGS --watch` on a two-version package, edit NEW's schema (an `enum` value
/// removed), and return what it printed up to the new finding, with whether the finding came.
fn watch_an_edit(args: impl Fn(&Path, &Path) -> Vec<std::ffi::OsString>) -> (bool, String) {
    let tmp = tempfile::tempdir().unwrap();
    let schema = "https://json-schema.org/draft/2020-12/schema";
    let doc = serde_json::json!({"$schema": schema, "type": "object",
        "properties": {"status": {"enum": ["queued", "running", "paused"]}}});
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    write(&old, "s.json", &doc);
    write(&new, "s.json", &doc);
    let mut child = Command::new(contracts_bin())
        .args(args(&old, &new))
        .arg("--watch")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    // A guard against a hang, not a speed requirement.
    let guard = Duration::from_secs(120);
    let mut seen = Vec::new();
    let wait_for = |needle: &str, seen: &mut Vec<String>| loop {
        match rx.recv_timeout(guard) {
            Ok(line) => {
                let hit = line.contains(needle);
                seen.push(line);
                if hit {
                    return true;
                }
            }
            Err(_) => return false,
        }
    };
    let ready = wait_for("watching", &mut seen);
    assert!(ready, "the first run never finished:\n{}", seen.join("\n"));
    assert!(
        seen.iter().any(|l| l == "no findings"),
        "{}",
        seen.join("\n")
    );
    let edited = serde_json::json!({"$schema": schema, "type": "object",
        "properties": {"status": {"enum": ["queued", "running"]}}});
    write(&new, "s.json", &edited);
    let added = wait_for("+ MAJOR enum-value-removed in s", &mut seen);
    let _ = child.kill();
    let _ = child.wait();
    (added, seen.join("\n"))
}

#[test]
fn watch_reports_a_new_finding_when_a_schema_changes() {
    let (added, text) = watch_an_edit(|old, new| vec!["diff".into(), old.into(), new.into()]);
    assert!(added, "the new finding never appeared:\n{text}");
    assert!(
        text.contains("since the last run: 1 added, 0 gone"),
        "{text}"
    );
    assert!(text.contains("1 finding: 1 major"), "{text}");
}

#[test]
fn check_watch_redraws_the_verdict_when_a_schema_changes() {
    let (added, text) = watch_an_edit(|old, new| {
        vec![
            "check".into(),
            new.into(),
            "--baseline".into(),
            old.into(),
            "--baseline-version".into(),
            "1.0.0".into(),
            "--version".into(),
            "1.1.0".into(),
        ]
    });
    assert!(added, "the new finding never appeared:\n{text}");
    assert!(
        text.contains("since the last run: 1 added, 0 gone"),
        "{text}"
    );
    // The first run passed; the edit needs a major bump that 1.1.0 is not.
    let verdicts: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("PASS") || l.contains("FAIL"))
        .collect();
    assert!(
        verdicts.first().is_some_and(|l| l.contains("PASS")),
        "{text}"
    );
    assert!(
        verdicts.last().is_some_and(|l| l.contains("FAIL")),
        "{text}"
    );
}

#[test]
fn watch_refuses_what_it_cannot_redraw_or_watch() {
    for (args, needle) in [
        (
            vec![
                "diff",
                "schemas/v2.0.0",
                "schemas/proposed",
                "--watch",
                "--format",
                "json",
            ],
            "--watch redraws the text report; it does not take --format json",
        ),
        (
            vec![
                "diff",
                "git:HEAD:schemas/v2.0.0",
                "git:HEAD:schemas/proposed",
                "--watch",
            ],
            "--watch needs a folder, file or tarball to watch",
        ),
        (
            vec![
                "check",
                "--history",
                "examples/published",
                "--format",
                "html",
            ],
            "--format html reports one pair of packages",
        ),
    ] {
        let out = contracts()
            .args(&args)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}
