//! Writing reports: [`text`] for people, [`json`] for machines.
//!
//! Renderers write to any [`std::io::Write`]. The text renderer always emits ANSI styles; the
//! caller hands it an [`anstream`] stream, which strips them when stdout is not a terminal, when
//! `NO_COLOR` is set, or under `--color never`.

pub mod json;
pub mod text;

use contracts_core::Package;

/// What the report says about one side of a diff: how the user named it, and what it declares.
#[derive(Debug, Clone)]
pub struct Side<'a> {
    /// How the source was given (path, `git:REV:PATH`, ...).
    pub label: &'a str,
    /// The package name from its manifest, if any.
    pub name: Option<&'a str>,
    /// The package version, if any.
    pub version: Option<&'a semver::Version>,
    /// How many schema documents the package has.
    pub schemas: usize,
}

impl<'a> Side<'a> {
    /// The side a loaded package presents.
    pub fn of(package: &'a Package) -> Self {
        Side {
            label: &package.label,
            name: package.name.as_deref(),
            version: package.version.as_ref(),
            schemas: package.documents.len(),
        }
    }
}
