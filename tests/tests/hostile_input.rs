//! End-to-end: hostile input (issue 13). A pull request writes what `contracts check` reads in
//! CI: nothing it holds may leak a secret, crash the process, hide a change or damage a file.
//! Every fixture is built in the test.

use std::path::{Path, PathBuf};

use contracts_tests::contracts;

/// Write `files` (relative path, contents) below `dir`.
fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Run `contracts ARGS`; (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = contracts().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

const TOKEN: &str = "npm_SECRETTOKEN0123456789abcdefghijklmnopqrstuvwxyz";

/// A package (with `package.json` at `version`) beside a folder `outside/` holding a fake
/// `.npmrc`; `pkg/leak.yaml` links to it and `pkg/etc` links to `outside/`.
#[cfg(unix)]
fn package_with_links(root: &Path, version: &str) -> PathBuf {
    let outside = root.join("outside");
    write_files(
        &outside,
        &[
            (
                "npmrc.yaml",
                &format!("//registry.npmjs.org/:_authToken={TOKEN}\n"),
            ),
            ("inner/secret.json", &format!("\"{TOKEN}\"")),
        ],
    );
    let pkg = root.join(format!("pkg-{version}"));
    write_files(
        &pkg,
        &[
            (
                "package.json",
                &format!(r#"{{"name": "p", "version": "{version}"}}"#),
            ),
            ("order.json", r#"{"type": "object"}"#),
        ],
    );
    std::os::unix::fs::symlink(outside.join("npmrc.yaml"), pkg.join("leak.yaml")).unwrap();
    std::os::unix::fs::symlink(&outside, pkg.join("etc")).unwrap();
    // A link that stays inside the package is followed as before.
    std::os::unix::fs::symlink(pkg.join("order.json"), pkg.join("alias.json")).unwrap();
    pkg
}

#[cfg(unix)]
#[test]
fn symlinks_leaving_the_package_are_not_followed_and_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let old = package_with_links(tmp.path(), "1.0.0");
    let new = package_with_links(tmp.path(), "1.0.1");
    for args in [
        vec!["diff", path(&old), path(&new)],
        vec!["check", path(&new), "--baseline", path(&old)],
        vec!["validate", path(&new), "--examples"],
        vec!["diff", path(&old), path(&new), "--format", "json"],
    ] {
        let (code, stdout, stderr) = run(&args);
        assert!(
            !stdout.contains(TOKEN) && !stderr.contains(TOKEN),
            "{args:?} leaked the token:\n{stdout}\n{stderr}"
        );
        assert!(
            !stdout.contains("_authToken") && !stderr.contains("_authToken"),
            "{args:?} read the link's target:\n{stdout}\n{stderr}"
        );
        assert_eq!(code, 0, "{args:?}: {stdout}\n{stderr}");
        assert!(
            stderr.contains("warning:") && stderr.contains("`leak.yaml`"),
            "{args:?} names the file link: {stderr}"
        );
        assert!(stderr.contains("`etc`"), "names the folder link: {stderr}");
        assert!(!stderr.contains("alias.json"), "an inner link is followed");
    }
    // Opting in reads the links: the files they lead to are then (invalid) schemas.
    let (code, stdout, stderr) = run(&["diff", path(&old), path(&new), "--follow-symlinks"]);
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("etc/inner/secret.json") || stderr.contains("leak.yaml"),
        "{stderr}"
    );
}

#[test]
fn a_metaschema_error_quotes_only_a_short_escaped_excerpt() {
    let tmp = tempfile::tempdir().unwrap();
    let long = format!("{TOKEN}{}\n::error::pwned", "x".repeat(200));
    let value = serde_json::json!({"type": "object", "properties": {"a": long}});
    write_files(tmp.path(), &[("bad.json", &value.to_string())]);
    let (code, stdout, stderr) = run(&["diff", path(tmp.path()), path(tmp.path())]);
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("bad.json#/properties/a"),
        "names file and pointer: {stderr}"
    );
    assert!(!stderr.contains(&"x".repeat(100)), "capped: {stderr}");
    assert!(
        !stderr.lines().any(|l| l.starts_with("::error::")),
        "control characters escaped: {stderr}"
    );
}

#[test]
fn a_change_under_an_ecma_only_pattern_is_found_and_validate_agrees() {
    let tmp = tempfile::tempdir().unwrap();
    let schema = |t: &str| {
        serde_json::json!({"type": "object",
            "patternProperties": {"^(?!internal_)[a-z]+$": {"type": t}}})
        .to_string()
    };
    write_files(
        tmp.path(),
        &[
            ("old/s.json", &schema("string")),
            ("new/s.json", &schema("integer")),
            ("payload.json", r#"{"abc": 1}"#),
        ],
    );
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    let payload = tmp.path().join("payload.json");
    let (code, stdout, stderr) = run(&["diff", path(&old), path(&new), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["required_bump"], "major", "{stdout}");
    // `validate` sees the same change: the payload goes from invalid to valid.
    assert_eq!(run(&["validate", path(&old), "s", path(&payload)]).0, 1);
    assert_eq!(run(&["validate", path(&new), "s", path(&payload)]).0, 0);
}

#[cfg(unix)]
#[test]
fn devices_as_config_or_payload_are_errors_naming_them() {
    let (code, _, stderr) = run(&["validate", "schemas/v1.0.0", "api/response", "/dev/zero"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("/dev/zero") && stderr.contains("not a regular file"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&[
        "check",
        "schemas/v1.1.0",
        "--baseline",
        "schemas/v1.0.0",
        "--config",
        "/dev/zero",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("/dev/zero"), "{stderr}");
    let (code, _, stderr) = run(&[
        "validate",
        "schemas/v1.0.0",
        "api/response",
        "README.md",
        "--max-input-size",
        "8K",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("README.md") && stderr.contains("8192 bytes"),
        "{stderr}"
    );
}

#[test]
fn property_names_cannot_inject_workflow_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let key = "x\n::error::pwned\r\u{1b}[2J";
    let old = serde_json::json!({"type": "object", "properties": {"a": {"type": "string"}}});
    let new = serde_json::json!({"type": "object", "required": [key],
        "properties": {"a": {"type": "string"}, key: {"type": "integer"}}});
    write_files(
        tmp.path(),
        &[
            ("old/s.json", &old.to_string()),
            ("new/s.json", &new.to_string()),
        ],
    );
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    for format in ["text", "markdown", "github", "junit", "sarif"] {
        let (code, stdout, stderr) = run(&["diff", path(&old), path(&new), "--format", format]);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(stdout.contains("pwned"), "{format}: the finding is shown");
        for line in stdout.lines().chain(stderr.lines()) {
            assert!(
                !line.trim_start().starts_with("::error::pwned"),
                "{format}: injected workflow command: {stdout}"
            );
        }
        assert!(
            !stdout.contains('\r') && !stdout.contains('\u{1b}'),
            "{format}: raw control characters: {stdout:?}"
        );
    }
}

#[test]
fn a_pattern_bomb_is_judged_without_building_it() {
    let tmp = tempfile::tempdir().unwrap();
    let bomb = "^((((a{256}){256}){256}){256}){256}$";
    let old = serde_json::json!({"type": "object", "properties": {"s": {"type": "string"}},
        "patternProperties": {bomb: {"type": "string"}}});
    let new = serde_json::json!({"type": "object",
        "properties": {"s": {"type": "string", "pattern": bomb}},
        "patternProperties": {bomb: {"type": "integer"}}});
    write_files(
        tmp.path(),
        &[
            ("old/s.json", &old.to_string()),
            ("new/s.json", &new.to_string()),
        ],
    );
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    let (code, stdout, stderr) = run(&["diff", path(&old), path(&new), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["required_bump"], "major", "{stdout}");
}

#[test]
fn a_maximum_changed_beyond_a_float_s_precision_is_found() {
    // Before: both bounds read as 1.8446744073709552e19 and `diff` said "no findings".
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    write_files(
        &old,
        &[(
            "n.json",
            r#"{"type": "integer", "maximum": 18446744073709551617}"#,
        )],
    );
    write_files(
        &new,
        &[(
            "n.json",
            r#"{"type": "integer", "maximum": 18446744073709551616}"#,
        )],
    );
    let (code, out, err) = run(&["diff", path(&old), path(&new)]);
    assert_eq!(code, 0, "{out}{err}");
    // The text report wraps long messages (at 100 columns in a pipe): compare the words.
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "MAJOR maximum-tightened: upper bound changed from <= 18446744073709551617 to <= \
             18446744073709551616"
        ),
        "{out}"
    );
    assert!(
        err.contains("n.json#/maximum: integer 18446744073709551617"),
        "{err}"
    );
    let (_, out, _) = run(&["diff", path(&new), path(&old)]);
    assert!(out.contains("maximum-loosened"), "{out}");
    // Equal digits beyond the float are no change.
    let (_, out, _) = run(&["diff", path(&old), path(&old)]);
    assert!(out.contains("no findings"), "{out}");
}

#[test]
fn enum_const_and_yaml_integers_beyond_a_float_are_compared_by_their_digits() {
    // Before: `enum`/`const` values equal as 64-bit floats were "no findings", and a YAML
    // bound changed beyond a float's precision was too (only JSON text was read back).
    let dir = tempfile::tempdir().unwrap();
    let case = |name: &str, old: &str, new: &str| {
        let (o, n) = (
            dir.path().join(format!("{name}-old")),
            dir.path().join(format!("{name}-new")),
        );
        let file = if name == "yaml" { "n.yaml" } else { "n.json" };
        write_files(&o, &[(file, old)]);
        write_files(&n, &[(file, new)]);
        let (code, out, err) = run(&["diff", path(&o), path(&n)]);
        assert_eq!(code, 0, "{out}{err}");
        let (_, same, _) = run(&["diff", path(&o), path(&o)]);
        assert!(same.contains("no findings"), "{same}");
        // The text report wraps long messages: compare words.
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let out = case(
        "enum",
        r#"{"enum": [18446744073709551617, 1]}"#,
        r#"{"enum": [18446744073709551616, 1]}"#,
    );
    assert!(
        out.contains("MAJOR enum-value-removed: value 18446744073709551617 is no longer accepted"),
        "{out}"
    );
    assert!(
        out.contains("MAJOR enum-value-added: value 18446744073709551616 is now accepted"),
        "{out}"
    );
    // The same digits written in both: no change, even when another value changes.
    let out = case(
        "enum-kept",
        r#"{"enum": [18446744073709551617, 1]}"#,
        r#"{"enum": [18446744073709551617, 1, 2]}"#,
    );
    assert!(!out.contains("18446744073709551617"), "{out}");
    assert!(out.contains("value 2 is now accepted"), "{out}");
    let out = case(
        "const",
        r#"{"const": -18446744073709551617}"#,
        r#"{"const": -18446744073709551618}"#,
    );
    assert!(
        out.contains(
            "MAJOR const-changed: const changed from -18446744073709551617 to \
             -18446744073709551618"
        ),
        "{out}"
    );
    let out = case(
        "yaml",
        "type: integer\nmaximum: 18446744073709551617\n",
        "type: integer\nmaximum: 18446744073709551616\n",
    );
    assert!(
        out.contains(
            "MAJOR maximum-tightened: upper bound changed from <= 18446744073709551617 to <= \
             18446744073709551616"
        ),
        "{out}"
    );
}

#[test]
fn an_invalid_pattern_loads_in_validate_as_in_diff() {
    // Before: `diff` loaded it with a warning, `validate` refused the schema (exit 2).
    let dir = tempfile::tempdir().unwrap();
    let (pkg, payloads) = (dir.path().join("pkg"), dir.path().join("payloads"));
    write_files(
        &pkg,
        &[(
            "s.json",
            r#"{"type": "object", "properties": {"id": {"type": "string", "pattern": "[a-"}},
                "patternProperties": {"(": {"type": "integer"}}, "additionalProperties": false}"#,
        )],
    );
    write_files(
        &payloads,
        &[
            ("good.json", r#"{"id": "abc", "x": 1}"#),
            ("bad.json", r#"{"id": 5}"#),
        ],
    );
    let (code, out, err) = run(&["diff", path(&pkg), path(&pkg)]);
    assert_eq!(code, 0, "{out}{err}");
    let good = payloads.join("good.json");
    let (code, out, err) = run(&["validate", path(&pkg), "s", path(&good)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 of 1 payloads valid"), "{out}");
    assert!(
        err.contains("s.json#/properties/id/pattern: this pattern cannot be compiled"),
        "{err}"
    );
    assert!(
        err.contains("s.json#/patternProperties/(: this patternProperties key cannot be compiled"),
        "{err}"
    );
    // Everything else is still checked.
    let bad = payloads.join("bad.json");
    let (code, out, _) = run(&["validate", path(&pkg), "s", path(&bad)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("5 is not of type \"string\""), "{out}");
}

#[test]
fn validate_streams_json_lines_from_stdin_judging_each_line() {
    // Before: stdin was read whole (1 GiB of JSON Lines took about 19 GB); now line by line.
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    write_files(
        &pkg,
        &[(
            "n.json",
            r#"{"type": "object", "properties": {"n": {"type": "integer"}}}"#,
        )],
    );
    let mut input = String::new();
    for i in 0..20_000 {
        if i % 1_000 == 7 {
            input.push_str(&format!("{{\"n\": \"{i}\"}}\n"));
        } else {
            input.push_str(&format!("{{\"n\": {i}}}\n"));
        }
    }
    let out = contracts()
        .args(["validate", path(&pkg), "n", "-", "--format", "json"])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = contracts_tests::json(&out.stdout);
    assert_eq!(report["checked"], 20_000);
    assert_eq!(report["valid"], false);
    let results = report["results"].as_array().unwrap();
    let invalid: Vec<&str> = results
        .iter()
        .filter(|r| r["valid"] == false)
        .map(|r| r["value"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (0..20)
        .map(|k| format!("<stdin>:{}", k * 1_000 + 8))
        .collect();
    assert_eq!(invalid, expected);
    assert_eq!(results[19_999]["value"], "<stdin>:20000");
    // A malformed line ends the run (exit 2) with what came before and the error, still JSON.
    input.push_str("{\"n\": 1,}\n{\"n\": 2}\n");
    let out = contracts()
        .args(["validate", path(&pkg), "n", "-", "--format", "json"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report = contracts_tests::json(&out.stdout);
    assert_eq!(report["checked"], 20_000);
    assert!(
        report["error"]
            .as_str()
            .unwrap()
            .starts_with("<stdin>:20001:9: not JSON (nor JSON Lines)"),
        "{}",
        report["error"]
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("<stdin>:20001:"), "{stderr}");
}

/// Interrupt `contracts ARGS` with `signal` once its atomic write has created its temporary
/// file; (exit code, files left in `dir` whose name starts with `.contracts-codegen-`).
#[cfg(unix)]
fn interrupt_write(args: &[&str], dir: &Path, signal: &str) -> (Option<i32>, Vec<String>) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(contracts_tests::contracts_bin())
        .args(args)
        .current_dir(contracts_tests::workspace_root())
        .env("CONTRACTS_TEST_WRITE_PAUSE_MS", "30000")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufReader::new(stderr).lines();
    let temp = loop {
        let line = lines.next().expect("the write pauses").unwrap();
        if let Some(path) = line.strip_prefix("paused after creating ") {
            break PathBuf::from(path);
        }
    };
    assert!(temp.exists(), "the temporary file is there while paused");
    let killed = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let left = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".contracts-codegen-"))
        .collect();
    (status.code(), left)
}

#[cfg(unix)]
#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    // Before: SIGINT killed the process mid-write and `.contracts-codegen-*` stayed behind.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("types.rs");
    for signal in ["-INT", "-TERM"] {
        let (code, left) = interrupt_write(
            &["codegen", "schemas/v1.0.0", "-o", path(&out)],
            dir.path(),
            signal,
        );
        assert_eq!(code, Some(130), "{signal}");
        assert_eq!(left, Vec::<String>::new(), "{signal}");
        assert!(!out.exists(), "nothing was written: {signal}");
    }
}
