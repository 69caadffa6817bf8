//! What the CLI asks of the git repository a package lives in, outside of reading a
//! `git:REV[:PATH]` source: where the package is in the work tree, the tags, and whether the
//! clone is shallow. Read with `gix`, as `git:` sources are: no `git` binary is run.

use std::path::{Component, Path};

/// The repository that holds `dir` (searching upwards, as git does).
fn discover(dir: &Path) -> Result<gix::Repository, String> {
    gix::discover(dir).map_err(|e| format!("{}: not in a git repository: {e}", dir.display()))
}

/// The path of `dir` relative to the root of the work tree holding it (`schemas/proposed`;
/// empty at the root), with `/` separators and no trailing `/`.
///
/// # Errors
/// A message when `dir` is not in a git work tree (or a bare repository).
pub fn work_tree_prefix(dir: &Path) -> Result<String, String> {
    let repo = discover(dir)?;
    let top = repo
        .workdir()
        .ok_or_else(|| format!("{}: a bare repository has no work tree", dir.display()))?;
    let canonical = |p: &Path| {
        p.canonicalize()
            .map_err(|e| format!("{}: {e}", p.display()))
    };
    let (top, here) = (canonical(top)?, canonical(dir)?);
    let relative = here.strip_prefix(&top).map_err(|_| {
        format!(
            "{} is outside the work tree {}",
            here.display(),
            top.display()
        )
    })?;
    Ok(relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/"))
}

/// Every tag of the repository holding `dir`, by name (as `git tag --list` orders them).
///
/// # Errors
/// A message when `dir` is not in a git repository or its references cannot be read.
pub fn tags(dir: &Path) -> Result<Vec<String>, String> {
    let repo = discover(dir)?;
    let references = repo.references().map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for reference in references.tags().map_err(|e| e.to_string())? {
        let reference = reference.map_err(|e| e.to_string())?;
        out.push(reference.name().shorten().to_string());
    }
    out.sort();
    Ok(out)
}

/// Whether the repository holding `dir` is a shallow clone (`false` when that cannot be told).
pub fn is_shallow(dir: &Path) -> bool {
    discover(dir).is_ok_and(|repo| repo.is_shallow())
}
