//! Test-only crate: the end-to-end tests live in `tests/tests/`; this library holds what they
//! share: running the `contracts` binary, the workspace paths, the real-package corpora.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::sync::OnceLock;

/// The workspace root (the folder holding `schemas/`, `tests/`, ...).
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives one level below the workspace root")
}

/// A path below the workspace root.
pub fn root_path(relative: &str) -> PathBuf {
    workspace_root().join(relative)
}

/// The `contracts` binary of this build profile, built by cargo on first use.
///
/// Cargo never builds a binary of another package for an integration test, so the first call
/// runs `cargo build -p contracts-cli --bin contracts` into the same target folder and
/// profile as the running test (it does nothing when the binary is fresh). This keeps
/// `cargo test -p contracts-tests` from running a stale binary.
pub fn contracts_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(build_contracts)
}

fn build_contracts() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    // <target>/<profile>/deps/<test-binary>
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("test binaries live in <target>/<profile>/deps");
    let target_dir = profile_dir
        .parent()
        .expect("the profile folder has a parent");
    let profile = profile_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("debug");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut build = StdCommand::new(cargo);
    build
        .current_dir(workspace_root())
        .args([
            "build",
            "--quiet",
            "-p",
            "contracts-cli",
            "--bin",
            "contracts",
        ])
        .arg("--target-dir")
        .arg(target_dir);
    match profile {
        "debug" => {}
        "release" => {
            build.arg("--release");
        }
        other => {
            build.args(["--profile", other]);
        }
    }
    let status = build
        .status()
        .expect("cargo runs to build the contracts binary");
    assert!(
        status.success(),
        "`cargo build -p contracts-cli` failed ({status})"
    );
    let bin = profile_dir.join(format!("contracts{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "cargo built contracts-cli but {} does not exist",
        bin.display()
    );
    bin
}

/// A command running the `contracts` binary from the workspace root, without colour, its text
/// wrapped at the fixed width of a pipe (no `COLUMNS` from the shell that ran the tests).
pub fn contracts() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(contracts_bin());
    cmd.current_dir(workspace_root())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    cmd
}

/// Where the real-package corpora are: `$CONTRACTS_CORPORA`, else `<workspace>/target/corpora`.
///
/// # Panics
/// When the folder (or the Kubernetes set in it) is missing: the real-package tests must fail,
/// never pass silently, when nobody fetched the corpora.
pub fn corpora_dir() -> PathBuf {
    let dir = std::env::var_os("CONTRACTS_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| root_path("target/corpora"));
    assert!(
        dir.join("kubernetes").is_dir(),
        "the real-package corpora are missing from {}: run \
         `cargo xtask corpora` from the workspace root (.ci/run does this first), or point \
         CONTRACTS_CORPORA at an existing copy",
        dir.display()
    );
    dir
}

/// Parse a command's stdout as JSON.
///
/// # Panics
/// When it is not JSON, showing the text.
pub fn json(stdout: &[u8]) -> serde_json::Value {
    serde_json::from_slice(stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(stdout)
        )
    })
}

/// `text` with the workspace root's absolute path replaced by `[ROOT]` (for snapshots).
pub fn redact(text: &str) -> String {
    let root = workspace_root().display().to_string();
    text.replace(&root, "[ROOT]")
}
