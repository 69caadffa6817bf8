//! What the CLI asks of the git repository a package lives in, outside of reading a
//! `git:REV[:PATH]` source: where the package is in the work tree, the tags, and whether the
//! clone is shallow. Each runs `git -C DIR ...`, as `git:` sources do.

use std::path::Path;
use std::process::{Command, Stdio};

/// Run `git -C dir args`: its trimmed standard output, or git's message (or why git could not
/// run) as the error.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("git {}: {}", args.join(" "), stderr.trim()));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The path of `dir` relative to the root of the work tree holding it (`schemas/proposed`;
/// empty at the root), with `/` separators and no trailing `/`.
///
/// # Errors
/// git's message when `dir` is not in a git work tree (or git cannot run).
pub fn work_tree_prefix(dir: &Path) -> Result<String, String> {
    let prefix = git(dir, &["rev-parse", "--show-prefix"])?;
    Ok(prefix.trim_end_matches('/').to_string())
}

/// Every tag of the repository holding `dir`, in git's order.
///
/// # Errors
/// git's message when `dir` is not in a git repository (or git cannot run).
pub fn tags(dir: &Path) -> Result<Vec<String>, String> {
    Ok(git(dir, &["tag", "--list"])?
        .lines()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect())
}

/// Whether the repository holding `dir` is a shallow clone (`false` when git cannot tell).
pub fn is_shallow(dir: &Path) -> bool {
    git(dir, &["rev-parse", "--is-shallow-repository"]).is_ok_and(|out| out == "true")
}
