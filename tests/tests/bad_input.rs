//! End-to-end: bad input exits 2 with `error: <message>` on stderr naming the file and the JSON
//! Pointer (or line) at fault, and nothing on stdout. Fixtures: `tests/fixtures/`.

use contracts_tests::contracts;

/// Run `contracts ARGS`, expect exit 2 and an empty stdout, return stderr.
fn fails_with_bad_input(args: &[&str]) -> String {
    let out = contracts().args(args).assert().code(2).get_output().clone();
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "bad input must not panic: {stderr}"
    );
    stderr
}

#[test]
fn a_missing_path_is_named() {
    let stderr = fails_with_bad_input(&["diff", "schemas/v9.9.9", "schemas/v1.0.0"]);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("schemas/v9.9.9"), "{stderr}");
    let stderr = fails_with_bad_input(&["check", "schemas/v1.1.0", "--baseline", "nowhere"]);
    assert!(stderr.starts_with("error: nowhere"), "{stderr}");
}

#[test]
fn malformed_json_names_the_file_and_line() {
    let stderr = fails_with_bad_input(&["diff", "schemas/v1.0.0", "tests/fixtures/malformed-json"]);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("order.json:6:"), "file and line: {stderr}");
    assert!(
        stderr.contains("tests/fixtures/malformed-json"),
        "which package: {stderr}"
    );
    assert!(stderr.to_lowercase().contains("json"), "{stderr}");
}

#[test]
fn an_invalid_schema_names_the_file_and_pointer() {
    let stderr = fails_with_bad_input(&["diff", "tests/fixtures/invalid-schema", "schemas/v1.0.0"]);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains("order.json#/properties/total"),
        "file and pointer: {stderr}"
    );
}

#[test]
fn an_unresolvable_ref_names_the_file_pointer_and_reference() {
    let stderr = fails_with_bad_input(&[
        "check",
        "tests/fixtures/unresolvable-ref",
        "--baseline",
        "schemas/v1.0.0",
    ]);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains("order.json#/properties/customer"),
        "file and pointer: {stderr}"
    );
    assert!(stderr.contains("customer.json"), "the reference: {stderr}");
}

#[test]
fn a_ref_cycle_names_the_file_and_pointer() {
    let stderr = fails_with_bad_input(&[
        "diff",
        "tests/fixtures/ref-cycle",
        "tests/fixtures/ref-cycle",
    ]);
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(
        stderr.contains("order.json#/"),
        "file and pointer: {stderr}"
    );
    assert!(stderr.contains("cycle"), "{stderr}");
}

#[test]
fn check_needs_both_versions() {
    // `diff` does not need versions...
    contracts()
        .args([
            "diff",
            "tests/fixtures/no-version",
            "tests/fixtures/no-version",
        ])
        .assert()
        .code(0);
    // ...`check` does, and says how to give one.
    let stderr = fails_with_bad_input(&[
        "check",
        "tests/fixtures/no-version",
        "--baseline",
        "schemas/v1.0.0",
    ]);
    assert!(stderr.contains("tests/fixtures/no-version"), "{stderr}");
    assert!(stderr.contains("--version"), "{stderr}");
    let stderr = fails_with_bad_input(&[
        "check",
        "schemas/v1.0.0",
        "--baseline",
        "tests/fixtures/no-version",
    ]);
    assert!(stderr.contains("--baseline-version"), "{stderr}");
    // Given on the command line, the versions are enough.
    contracts()
        .args([
            "check",
            "tests/fixtures/no-version",
            "--baseline",
            "tests/fixtures/no-version",
            "--version",
            "1.0.0",
            "--baseline-version",
            "1.0.0",
        ])
        .assert()
        .code(0);
}

#[test]
fn a_manifest_without_a_version_is_named() {
    let stderr = fails_with_bad_input(&[
        "check",
        "tests/fixtures/manifest-without-version",
        "--baseline",
        "schemas/v1.0.0",
    ]);
    // The package loads (`diff` needs no version); `check` names the package and the manifest
    // that lacks one.
    assert!(
        stderr.contains("tests/fixtures/manifest-without-version:"),
        "{stderr}"
    );
    assert!(stderr.contains("package.json"), "{stderr}");
    assert!(stderr.contains("--version"), "{stderr}");
    contracts()
        .args([
            "diff",
            "tests/fixtures/manifest-without-version",
            "tests/fixtures/manifest-without-version",
        ])
        .assert()
        .code(0);
    contracts()
        .args([
            "check",
            "tests/fixtures/manifest-without-version",
            "--baseline",
            "tests/fixtures/manifest-without-version",
            "--version",
            "1.0.1",
            "--baseline-version",
            "1.0.0",
        ])
        .assert()
        .code(0);
}

#[test]
fn bad_flags_and_sources_exit_2() {
    fails_with_bad_input(&[
        "diff",
        "schemas/v1.0.0",
        "schemas/v1.1.0",
        "--mode",
        "sideways",
    ]);
    fails_with_bad_input(&["diff", "schemas/v1.0.0"]);
    fails_with_bad_input(&[
        "check",
        "schemas/v1.1.0",
        "--baseline",
        "schemas/v1.0.0",
        "--version",
        "two",
    ]);
    let stderr = fails_with_bad_input(&["diff", "git:", "schemas/v1.0.0"]);
    assert!(stderr.starts_with("error: git:"), "{stderr}");
}

/// A reader that stops early (`contracts diff ... | head`) closes the pipe: the command ends
/// quietly instead of reporting `error: ... Broken pipe` as bad input.
#[test]
fn a_closed_stdout_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(contracts_tests::contracts_bin())
        .current_dir(contracts_tests::workspace_root())
        .args([
            "diff",
            "schemas/v1.0.0",
            "schemas/v2.0.0",
            "--format",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Read nothing and close our end before the report is written.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut stderr)
        .expect("stderr reads");
    let status = child.wait().expect("the binary ends");
    assert!(
        !stderr.contains("Broken pipe"),
        "a closed pipe is reported as an error: {stderr}"
    );
    assert_ne!(status.code(), Some(2), "a closed pipe exits as bad input");
}
