//! End-to-end: the `contracts` binary on the bundled example package `schemas/`.
//!
//! `schemas/v1.0.0`, `v1.1.0` and `v2.0.0` are published versions of `@acme/contracts`;
//! `schemas/proposed` declares 2.1.0 but removes the `paused` status of `import.progress` v2,
//! which a consumer may still receive.

use contracts_tests::{contracts, json, redact, root_path};
use serde_json::Value;

const VERSIONS: [&str; 4] = [
    "schemas/v1.0.0",
    "schemas/v1.1.0",
    "schemas/v2.0.0",
    "schemas/proposed",
];

/// Run `contracts ARGS --format json`, expect `code`, return the parsed report.
fn json_report(args: &[&str], code: i32) -> Value {
    let out = contracts()
        .args(args)
        .args(["--format", "json"])
        .assert()
        .code(code)
        .get_output()
        .clone();
    json(&out.stdout)
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"]
        .as_array()
        .expect("`findings` is an array")
}

fn loc(side: &Value) -> Option<(&str, &str)> {
    Some((side["file"].as_str()?, side["pointer"].as_str()?))
}

#[test]
fn minor_release_1_1_0_requires_a_minor_bump() {
    let report = json_report(&["diff", "schemas/v1.0.0", "schemas/v1.1.0"], 0);
    assert_eq!(report["required_bump"], "minor", "{report:#}");
    let all = findings(&report);
    assert!(
        all.iter().all(|f| f["bump"] != "major"),
        "no change of 1.1.0 breaks anyone: {report:#}"
    );
    // The new optional field, at its pointer in the new version.
    assert!(
        all.iter().any(|f| f["bump"] == "minor"
            && loc(&f["new"])
                == Some(("events/import.progress.v1.json", "/properties/eta_seconds"))),
        "the optional `eta_seconds` is a MINOR addition: {report:#}"
    );
    // The new event type: a schema that did not exist before.
    for file in [
        "events/digest.ready.v1.json",
        "envelopes/digest.ready.v1.json",
    ] {
        assert!(
            all.iter().any(|f| f["bump"] == "minor"
                && f["old"].is_null()
                && loc(&f["new"]) == Some((file, ""))),
            "{file} is a new schema, a MINOR addition: {report:#}"
        );
    }
}

#[test]
fn check_passes_1_1_0_over_1_0_0() {
    let out = contracts()
        .args(["check", "schemas/v1.1.0", "--baseline", "schemas/v1.0.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("PASS: 1.0.0 -> 1.1.0 declares a minor bump"),
        "{text}"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_passes_2_0_0_over_1_1_0_whose_breaking_change_it_declares() {
    let report = json_report(
        &["check", "schemas/v2.0.0", "--baseline", "schemas/v1.1.0"],
        0,
    );
    assert_eq!(report["required_bump"], "major", "{report:#}");
    assert_eq!(report["verdict"]["passed"], true);
    assert_eq!(report["verdict"]["declared"], "major");
    // bias labels became a closed vocabulary: a MAJOR narrowing.
    assert!(
        findings(&report).iter().any(|f| f["bump"] == "major"
            && loc(&f["old"])
                .is_some_and(|(file, pointer)| file == "events/coach.reflect.v1.json"
                    && pointer.starts_with("/properties/bias_labels"))),
        "{report:#}"
    );
}

#[test]
fn check_rejects_the_proposed_release_and_names_the_breaking_change() {
    let out = contracts()
        .args(["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "FAIL: 2.0.0 -> 2.1.0 declares a minor bump, but the changes require a major bump."
        ),
        "{text}"
    );
    assert!(
        text.contains("smallest version that passes: 3.0.0"),
        "{text}"
    );
    assert!(
        text.contains("events/import.progress.v2.json#/properties/status"),
        "the finding's location is shown: {text}"
    );
    assert!(text.contains("needs: 3.0.0 (declared 2.1.0)"), "{text}");

    let report = json_report(
        &["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"],
        1,
    );
    assert_eq!(report["required_bump"], "major");
    let verdict = &report["verdict"];
    assert_eq!(verdict["passed"], false);
    assert_eq!(verdict["required"], "major");
    assert_eq!(verdict["declared"], "minor");
    assert_eq!(verdict["old_version"], "2.0.0");
    assert_eq!(verdict["new_version"], "2.1.0");
    assert_eq!(verdict["minimum_version"], "3.0.0");
    let breaking: Vec<&Value> = findings(&report)
        .iter()
        .filter(|f| f["bump"] == "major")
        .collect();
    assert!(!breaking.is_empty(), "{report:#}");
    for f in &breaking {
        let (file, pointer) = loc(&f["old"]).expect("a removed value has an old location");
        assert_eq!(file, "events/import.progress.v2.json", "{f:#}");
        assert!(pointer.starts_with("/properties/status"), "{f:#}");
        assert!(f["rule"].as_str().is_some_and(|r| !r.is_empty()));
        assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // The optional `highlights` field added beside it is fine on its own.
    assert!(
        findings(&report).iter().any(|f| f["bump"] == "minor"
            && loc(&f["new"]) == Some(("events/digest.ready.v1.json", "/properties/highlights"))),
        "{report:#}"
    );
}

#[test]
fn check_accepts_the_proposed_release_as_3_0_0() {
    let report = json_report(
        &[
            "check",
            "schemas/proposed",
            "--baseline",
            "schemas/v2.0.0",
            "--version",
            "3.0.0",
        ],
        0,
    );
    assert_eq!(report["verdict"]["passed"], true);
    assert_eq!(report["verdict"]["new_version"], "3.0.0");
}

#[test]
fn a_version_diffed_against_itself_has_no_findings() {
    for version in VERSIONS {
        let report = json_report(&["diff", version, version], 0);
        assert_eq!(report["required_bump"], "none", "{version}: {report:#}");
        assert!(findings(&report).is_empty(), "{version}: {report:#}");
    }
}

#[test]
fn check_of_an_unchanged_release_at_the_same_version_passes() {
    contracts()
        .args(["check", "schemas/v2.0.0", "--baseline", "schemas/v2.0.0"])
        .assert()
        .code(0);
}

#[test]
fn mode_and_policy_change_the_verdict() {
    // `eta_seconds` is added to a closed object (additionalProperties: false): under exact set
    // semantics the new schema accepts more, which `full` forbids and `backward` allows.
    let strict = json_report(
        &[
            "diff",
            "schemas/v1.0.0",
            "schemas/v1.1.0",
            "--policy",
            "strict",
        ],
        0,
    );
    assert_eq!(strict["policy"], "strict");
    assert_eq!(strict["required_bump"], "major", "{strict:#}");
    let backward = json_report(
        &[
            "diff",
            "schemas/v1.0.0",
            "schemas/v1.1.0",
            "--policy",
            "strict",
            "--mode",
            "backward",
        ],
        0,
    );
    assert_eq!(backward["mode"], "backward");
    assert_eq!(backward["required_bump"], "minor", "{backward:#}");
    // Removing an enum value narrows: `forward` (old readers, new data) allows it.
    let forward = json_report(
        &[
            "check",
            "schemas/proposed",
            "--baseline",
            "schemas/v2.0.0",
            "--mode",
            "forward",
        ],
        0,
    );
    assert_eq!(forward["required_bump"], "minor", "{forward:#}");
}

#[test]
fn a_package_from_a_tarball_matches_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("package");
    copy_dir(&root_path("schemas/v1.1.0"), &package);
    let tgz = dir.path().join("acme-contracts-1.1.0.tgz");
    let status = std::process::Command::new("tar")
        .arg("-czf")
        .arg(&tgz)
        .arg("-C")
        .arg(dir.path())
        .arg("package")
        .status()
        .expect("tar runs");
    assert!(status.success());
    let tgz = tgz.to_str().unwrap();
    let report = json_report(&["diff", "schemas/v1.1.0", tgz], 0);
    assert!(findings(&report).is_empty(), "{report:#}");
    let out = contracts()
        .args(["check", tgz, "--baseline", "schemas/v1.0.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stdout).contains("PASS: 1.0.0 -> 1.1.0"));
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_package_at_a_git_revision_matches_its_folder() {
    // The published versions are committed, so HEAD has them as they are on disk.
    let report = json_report(&["diff", "git:HEAD:schemas/v1.0.0", "schemas/v1.0.0"], 0);
    assert!(findings(&report).is_empty(), "{report:#}");
}

#[test]
fn text_report_of_the_rejected_release() {
    let out = contracts()
        .args(["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    insta::assert_snapshot!(
        "check_proposed_text",
        redact(&String::from_utf8_lossy(&out.stdout))
    );
}

#[test]
fn json_report_of_the_rejected_release() {
    let out = contracts()
        .args([
            "check",
            "schemas/proposed",
            "--baseline",
            "schemas/v2.0.0",
            "--format",
            "json",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    insta::assert_snapshot!(
        "check_proposed_json",
        redact(&String::from_utf8_lossy(&out.stdout))
    );
}

#[test]
fn text_report_of_the_minor_release() {
    let out = contracts()
        .args(["diff", "schemas/v1.0.0", "schemas/v1.1.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    insta::assert_snapshot!(
        "diff_1_0_0_to_1_1_0_text",
        redact(&String::from_utf8_lossy(&out.stdout))
    );
}

#[test]
fn json_report_of_the_minor_release() {
    let out = contracts()
        .args([
            "diff",
            "schemas/v1.0.0",
            "schemas/v1.1.0",
            "--format",
            "json",
        ])
        .assert()
        .code(0)
        .get_output()
        .clone();
    insta::assert_snapshot!(
        "diff_1_0_0_to_1_1_0_json",
        redact(&String::from_utf8_lossy(&out.stdout))
    );
}

#[test]
fn colour_only_when_asked_for_or_on_a_terminal() {
    let run = |extra: &[&str], no_color: bool| {
        let mut cmd = contracts();
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        let out = cmd
            .args(["diff", "schemas/v1.0.0", "schemas/v1.1.0"])
            .args(extra)
            .assert()
            .code(0)
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    };
    // stdout is a pipe here: plain text, unless forced.
    assert!(!run(&[], false).contains('\u{1b}'));
    assert!(run(&["--color", "always"], false).contains("\u{1b}["));
    assert!(!run(&["--color", "never"], false).contains('\u{1b}'));
    assert!(!run(&[], true).contains('\u{1b}'));
}
