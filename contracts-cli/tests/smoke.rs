//! Smoke tests of the binary's command line. The end-to-end tests are in the `tests/` crate;
//! this file also makes `cargo test --workspace` build the `contracts` binary itself.

use std::process::Command;

fn contracts() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_contracts"));
    cmd.env("NO_COLOR", "1");
    cmd
}

#[test]
fn help_lists_the_subcommands_and_exit_codes() {
    let out = contracts().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for word in ["diff", "check", "Exit codes:", "--color"] {
        assert!(text.contains(word), "{word}: {text}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = contracts()
        .args(["diff", "--format", "yaml", "a", "b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
    let out = contracts().args(["check", "a"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--baseline"));
}
