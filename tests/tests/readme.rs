//! The commands of `README.md` and `docs/ci.md` run as shown (issue 12).
//!
//! Convention: a ```` ```sh ```` or ```` ```console ```` block on the line after a
//! `<!-- runs -->` comment claims to run. Each of its commands (a `sh` line that is neither
//! blank nor a comment; in `console`, a line starting with `$ `) runs with `sh -c` from the
//! workspace root, the built `contracts` first on `PATH`, and must exit 0, or `N` when the
//! line's comment says `# exit N`. Blocks without the marker are illustrations (placeholders
//! such as `old/ new/`) and are not run.

use std::path::Path;
use std::process::Command;

use contracts_tests::{contracts_bin, root_path, workspace_root};

/// One command of a runnable block: where it is, the command line and the exit code expected.
#[derive(Debug)]
struct Runnable {
    at: String,
    command: String,
    code: i32,
}

/// The expected exit code of a command line: `# exit N` in its comment, else 0.
fn expected_code(line: &str) -> i32 {
    line.split_once(" # ")
        .and_then(|(_, comment)| comment.trim().strip_prefix("exit "))
        .and_then(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .unwrap_or(0)
}

/// The commands of the marked blocks of `text` (`file` names them); panics on a marked block
/// that is not `sh`/`console` or not closed, so a marker cannot silently stop running.
fn runnables(file: &str, text: &str) -> Vec<Runnable> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "<!-- runs -->" {
            i += 1;
            continue;
        }
        let fence = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
        let lang = fence.strip_prefix("```").unwrap_or_else(|| {
            panic!(
                "{file}:{}: `<!-- runs -->` is not followed by a code block",
                i + 1
            )
        });
        assert!(
            lang == "sh" || lang == "console",
            "{file}:{}: a runnable block must be sh or console, not `{lang}`",
            i + 2
        );
        let mut j = i + 2;
        loop {
            let line = lines
                .get(j)
                .unwrap_or_else(|| panic!("{file}:{}: the block is not closed", i + 2));
            if line.trim().starts_with("```") {
                break;
            }
            let command = match lang {
                "console" => line.trim().strip_prefix("$ "),
                _ => Some(line.trim()).filter(|l| !l.is_empty() && !l.starts_with('#')),
            };
            if let Some(command) = command {
                out.push(Runnable {
                    at: format!("{file}:{}", j + 1),
                    command: command.to_string(),
                    code: expected_code(command),
                });
            }
            j += 1;
        }
        i = j + 1;
    }
    out
}

fn run_all(file: &str) -> usize {
    let text = std::fs::read_to_string(root_path(file)).expect("the file is committed");
    let commands = runnables(file, &text);
    let bin_dir = contracts_bin().parent().expect("the binary is in a folder");
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH joins");
    let mut failures = Vec::new();
    for runnable in &commands {
        let output = Command::new("sh")
            .arg("-c")
            .arg(&runnable.command)
            .current_dir(workspace_root())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .expect("sh runs");
        let code = output.status.code().unwrap_or(-1);
        if code != runnable.code {
            failures.push(format!(
                "{}: `{}` exited {code}, expected {}\nstderr: {}",
                runnable.at,
                runnable.command,
                runnable.code,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    commands.len()
}

#[test]
fn readme_commands_run_as_shown() {
    let ran = run_all("README.md");
    // The diff, check, history, validate and rules examples.
    assert!(ran >= 12, "only {ran} runnable commands in README.md");
}

#[test]
fn ci_doc_commands_run_as_shown() {
    let ran = run_all("docs/ci.md");
    assert!(ran >= 1, "no runnable command in docs/ci.md");
}

#[test]
fn the_marker_convention_is_parsed() {
    let text =
        "x\n<!-- runs -->\n```sh\n# a comment\n\ncontracts a  # exit 1: why\ncontracts b\n```\n\
                ```sh\nnot run\n```\n<!-- runs -->\n```console\n$ contracts c # exit 2\nout\n```\n";
    let found = runnables("T.md", text);
    let got: Vec<(&str, i32, &str)> = found
        .iter()
        .map(|r| (r.command.as_str(), r.code, r.at.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("contracts a  # exit 1: why", 1, "T.md:6"),
            ("contracts b", 0, "T.md:7"),
            ("contracts c # exit 2", 2, "T.md:14"),
        ]
    );
}

/// The committed tarballs of `examples/published/` are the example package's releases: each
/// diffs to nothing against its folder of `schemas/`.
#[test]
fn published_tarballs_match_the_schemas_folders() {
    for version in ["1.0.0", "1.1.0", "2.0.0"] {
        let tgz = format!("examples/published/acme-contracts-{version}.tgz");
        assert!(Path::new(&root_path(&tgz)).is_file(), "{tgz}");
        let out = contracts_tests::contracts()
            .args([
                "diff",
                &tgz,
                &format!("schemas/v{version}"),
                "--format",
                "json",
            ])
            .assert()
            .code(0)
            .get_output()
            .clone();
        let report = contracts_tests::json(&out.stdout);
        assert_eq!(report["required_bump"], "none", "{tgz}: {report:#}");
        assert_eq!(report["old"]["version"], version, "{tgz}");
    }
}
