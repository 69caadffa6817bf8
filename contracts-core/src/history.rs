//! Published versions of a package, in version order: the input of `check --history`.
//!
//! A history folder holds one entry per release: a sub-folder or an npm tarball
//! (`.tgz`/`.tar.gz`); hidden entries are skipped. Each release's version is the one its
//! manifest declares, else the one its name carries (`1.2.0/`, `contracts-v1.2.0/`,
//! `acme-contracts-1.2.0.tgz`, see [`crate::source::version_in_name`]). Releases are ordered
//! by semver precedence (pre-releases before their release, build metadata ordering ties as
//! the `semver` crate does); two releases of one version are an error.

use std::path::Path;

use semver::Version;

use crate::LoadError;

fn bad(dir: &Path, message: String) -> LoadError {
    LoadError::BadSource {
        source_text: dir.display().to_string(),
        message,
    }
}

/// The sources of the published versions in `dir`: sub-folders and `.tgz`/`.tar.gz` files, in
/// path order (not yet version order: see [`in_version_order`]).
///
/// # Errors
/// [`LoadError::BadSource`] naming `dir` when it cannot be read.
pub fn published_sources(dir: &Path) -> Result<Vec<String>, LoadError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| bad(dir, format!("cannot read the folder: {e}")))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| bad(dir, e.to_string()))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() || name.ends_with(".tgz") || name.ends_with(".tar.gz") {
            out.push(path.to_string_lossy().to_string());
        }
    }
    out.sort();
    Ok(out)
}

/// The releases `found` in `dir` (each its source, the version its manifest declares if any,
/// and what the caller loaded), each with its version, in ascending version order.
///
/// # Errors
/// [`LoadError::BadSource`]: a release whose version is neither declared nor in its name
/// (naming the release), two releases of one version (naming both), fewer than two releases
/// (naming `dir`).
pub fn in_version_order<T>(
    dir: &Path,
    found: Vec<(String, Option<Version>, T)>,
) -> Result<Vec<(Version, String, T)>, LoadError> {
    let mut versions = Vec::with_capacity(found.len());
    for (source, declared, item) in found {
        let Some(version) = declared.or_else(|| crate::source::version_in_name(&source)) else {
            return Err(LoadError::BadSource {
                source_text: source,
                message: "the published version declares no version (no `version` in \
                          package.json or contracts.toml, and none in its name such as 1.2.0/ \
                          or contracts-v1.2.0.tgz)"
                    .into(),
            });
        };
        versions.push((version, source, item));
    }
    if versions.len() < 2 {
        return Err(bad(
            dir,
            format!(
                "--history needs at least two published versions (folders or .tgz files with \
                 a version), found {}",
                versions.len()
            ),
        ));
    }
    versions.sort_by(|a, b| a.0.cmp(&b.0));
    for pair in versions.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(LoadError::BadSource {
                source_text: pair[0].1.clone(),
                message: format!("declares version {}, as {} does", pair[0].0, pair[1].1),
            });
        }
    }
    Ok(versions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Option<Version> {
        Some(Version::parse(text).unwrap())
    }

    #[test]
    fn releases_are_ordered_by_semver_not_by_name() {
        let dir = Path::new("history");
        let found = vec![
            ("history/b".to_string(), v("1.10.0"), ()),
            ("history/a".to_string(), v("1.9.0"), ()),
            ("history/v2.0.0-rc.1".to_string(), None, ()),
            ("history/c".to_string(), v("2.0.0"), ()),
        ];
        let ordered = in_version_order(dir, found).unwrap();
        let names: Vec<String> = ordered.iter().map(|(v, _, _)| v.to_string()).collect();
        assert_eq!(names, ["1.9.0", "1.10.0", "2.0.0-rc.1", "2.0.0"]);
    }

    #[test]
    fn missing_duplicate_and_too_few_versions_are_errors() {
        let dir = Path::new("history");
        let err = in_version_order(dir, vec![("history/x".into(), None, ())]).unwrap_err();
        assert!(err.to_string().starts_with("history/x: "), "{err}");
        let err = in_version_order(
            dir,
            vec![
                ("history/a".into(), v("1.0.0"), ()),
                ("history/b".into(), v("1.0.0"), ()),
            ],
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "history/a: declares version 1.0.0, as history/b does"
        );
        let err = in_version_order(dir, vec![("history/a".into(), v("1.0.0"), ())]).unwrap_err();
        assert!(err.to_string().contains("found 1"), "{err}");
    }
}
