//! Where a package comes from, and loading it.

use std::path::PathBuf;

use crate::{Draft, LoadError, Package};

/// A place to load a contracts package from.
///
/// Parse the user's string with [`Source::parse`]:
/// - `git:REV` or `git:REV:PATH`: the tree at a git revision of the repository that contains the
///   current directory, or [`LoadOptions::git_dir`] (e.g. `git:contracts-v1.2.0:schemas`); PATH
///   is relative to the repository root and may name a folder or one file. Read from the
///   object database with `gix` (no `git` binary), without touching the work tree;
/// - a path ending in `.tgz` or `.tar.gz`: an npm tarball as `npm pack` writes it (every entry
///   under `package/`), read in memory;
/// - a directory: every `*.json`, `*.yaml`, `*.yml` below it (except `package.json`,
///   `contracts.toml`, dot-folders and `node_modules`);
/// - a file: one schema, or an OpenAPI 3.x document (a root `openapi` key), whose
///   `components/schemas` become the package's documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A directory of schema files.
    Dir(PathBuf),
    /// A single schema file (JSON or YAML) or an OpenAPI document.
    File(PathBuf),
    /// An npm tarball (`.tgz`).
    Tarball(PathBuf),
    /// A git revision of the current repository (or [`LoadOptions::git_dir`]'s), optionally a
    /// sub-path of its tree.
    Git {
        /// The revision (tag, branch, commit).
        rev: String,
        /// The folder (or file) inside the tree; `None` for the whole tree.
        path: Option<String>,
    },
}

impl Source {
    /// Read a source as a user writes it on the command line (see the type's docs).
    ///
    /// # Errors
    /// [`LoadError::BadSource`] for `git:` without a revision; [`LoadError::Io`] for a path that
    /// does not exist.
    pub fn parse(text: &str) -> Result<Source, LoadError> {
        if let Some(rest) = text.strip_prefix("git:") {
            let (rev, path) = match rest.split_once(':') {
                Some((rev, path)) => (rev, Some(path.trim_matches('/').to_string())),
                None => (rest, None),
            };
            if rev.is_empty() {
                return Err(LoadError::BadSource {
                    source_text: text.to_string(),
                    message: "expected git:REV or git:REV:PATH".into(),
                });
            }
            return Ok(Source::Git {
                rev: rev.to_string(),
                path: path.filter(|p| !p.is_empty()),
            });
        }
        let path = PathBuf::from(text);
        let meta = std::fs::metadata(&path).map_err(|e| LoadError::Io {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if meta.is_dir() {
            Ok(Source::Dir(path))
        } else if text.ends_with(".tgz") || text.ends_with(".tar.gz") {
            Ok(Source::Tarball(path))
        } else {
            Ok(Source::File(path))
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Dir(p) | Source::File(p) | Source::Tarball(p) => write!(f, "{}", p.display()),
            Source::Git { rev, path: None } => write!(f, "git:{rev}"),
            Source::Git { rev, path: Some(p) } => write!(f, "git:{rev}:{p}"),
        }
    }
}

/// Options for [`Package::load`].
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The version to use when the package declares none (the CLI's `--version`); it also
    /// overrides a declared one when set.
    pub version: Option<semver::Version>,
    /// The draft of documents without `$schema` (default 2020-12). See
    /// [`LoadOptions::infer_draft`].
    pub default_draft: Draft,
    /// Infer the draft of a document without `$schema` (default `true`): one that uses no
    /// 2019-09 or later keyword but a form only drafts 4 to 7 give a meaning (an array
    /// `items`, `additionalItems`, `dependencies`) is read as draft-07, with a warning. Set
    /// `false` when the user chose [`LoadOptions::default_draft`] (`--default-draft`).
    pub infer_draft: bool,
    /// Go on when documents do not load (default `false`: the load fails, listing every
    /// error). When set, the documents that load form the package and the others are listed
    /// in [`Package::invalid`]; a document whose `$ref` leads into one that did not load is
    /// invalid too.
    pub keep_going: bool,
    /// Folders of documents from outside the package (`--ref-dir`): each `*.json`/`*.yaml`
    /// below them is registered under its root `$id` (draft 4: `id`) so the package's `$ref`s
    /// resolve against it. They are not checked against a metaschema and never diffed
    /// ([`Package::external`]).
    pub ref_dirs: Vec<PathBuf>,
    /// URL prefixes mapped to folders (`[resolve.map]`, as an XML catalog): a file at `REL`
    /// below the folder is registered under `PREFIX` + `REL` (and under its own `$id`).
    pub ref_map: Vec<(String, PathBuf)>,
    /// Check every document against its draft's metaschema (default `true`).
    pub validate_metaschema: bool,
    /// The repository a [`Source::Git`] is read from: the one holding this directory (any
    /// folder of the work tree, found upwards as git does). `None` (the default) means the current directory.
    pub git_dir: Option<PathBuf>,
    /// Follow symbolic links whose target leaves the package root (default `false`; the
    /// CLI's `--follow-symlinks`). When `false`, such a link in a folder source is skipped
    /// and named in [`Package::warnings`], so a link to `~/.npmrc` or `/etc` in a pull
    /// request is never read. Links that stay inside the package are always followed.
    pub follow_symlinks: bool,
    /// The largest file read, in bytes, and the most a tarball may decompress to (default
    /// [`crate::input::DEFAULT_MAX_INPUT_SIZE`]; the CLI's `--max-input-size`). Only regular
    /// files are read: a FIFO or a device is an error naming it.
    pub max_input_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            version: None,
            default_draft: Draft::Draft202012,
            infer_draft: true,
            keep_going: false,
            ref_dirs: Vec::new(),
            ref_map: Vec::new(),
            validate_metaschema: true,
            git_dir: None,
            follow_symlinks: false,
            max_input_size: crate::input::DEFAULT_MAX_INPUT_SIZE,
        }
    }
}

impl Package {
    /// Load a package from `source`.
    ///
    /// Steps: read every file; parse JSON/YAML; detect each document's draft; check it against
    /// its metaschema; register all documents in one `referencing` registry and resolve every
    /// `$ref` (network references are an error, nothing is downloaded); reject cycles of bare
    /// `$ref`s; read the version from the manifest.
    ///
    /// - Files: `*.json`, `*.yaml`, `*.yml` at any depth, in path order; `package.json`,
    ///   `contracts.toml`, dot-files, dot-folders and `node_modules` are skipped. A document's
    ///   name is its path without the extension.
    /// - OpenAPI 3.x documents (a root `openapi` key) contribute one document per
    ///   `components/schemas` entry, named by its key (prefixed with the file's name and `/` when
    ///   the source is not that single file). 3.0 components are read as draft 4 and skip the
    ///   metaschema check (their dialect adds `nullable` and friends); 3.1 as 2020-12.
    /// - Manifest (directory, tarball or git folder root only): `package.json` (`name`,
    ///   `version`), else `contracts.toml` (`name`, `version`, top level or under
    ///   `[package]`). [`LoadOptions::version`] overrides the declared version. No manifest:
    ///   [`Package::version`] is `None`.
    ///
    /// # Errors
    /// Any [`LoadError`], naming the file and JSON Pointer at fault: [`LoadError::Io`] (missing
    /// path, unreadable archive), [`LoadError::BadSource`] (bad git revision or path, not a git
    /// repository, unsupported OpenAPI version), [`LoadError::Parse`] (with line and column),
    /// [`LoadError::UnknownDraft`], [`LoadError::InvalidSchema`] (the pointer is the metaschema
    /// error's instance location), [`LoadError::Conflict`] (two documents with one name or one
    /// URI), [`LoadError::UnresolvableRef`], [`LoadError::RefCycle`], [`LoadError::Manifest`]
    /// (a manifest without a valid semantic version, unless [`LoadOptions::version`] is set).
    pub fn load(source: &Source, options: &LoadOptions) -> Result<Package, LoadError> {
        crate::load::load(source, options)
    }

    /// Build a package from in-memory documents, checked exactly as [`Package::load`] checks
    /// a directory: each `(name, value)` is the file `<name>.json` (text: `value` as pretty
    /// JSON) at the root of a package labelled `label`, with no manifest. Drafts are detected
    /// from `$schema` ([`LoadOptions::default_draft`] when absent), every document is checked
    /// against its metaschema (when [`LoadOptions::validate_metaschema`]), all are registered
    /// in one registry, every `$ref` must resolve and cycles of bare `$ref`s are rejected. A
    /// root `openapi` key splits a document into its components, as for a file on disk.
    ///
    /// The version is [`LoadOptions::version`] when set, else `version`. Names may hold `/`
    /// (`events/a` is the file `events/a.json`).
    ///
    /// ```
    /// use contracts_core::{LoadOptions, Package};
    /// use serde_json::json;
    ///
    /// let package = Package::from_documents(
    ///     "in-memory",
    ///     None,
    ///     vec![
    ///         ("item".into(), json!({"type": "string"})),
    ///         ("list".into(), json!({"type": "array", "items": {"$ref": "item.json"}})),
    ///     ],
    ///     &LoadOptions::default(),
    /// )
    /// .unwrap();
    /// assert_eq!(package.get("list").unwrap().file, "list.json");
    /// ```
    ///
    /// # Errors
    /// As [`Package::load`] (except I/O and manifest errors), and [`LoadError::BadSource`] for
    /// a name a directory could not hold (empty, a dot-file, under a dot-folder or
    /// `node_modules`, or `package`, whose file would be the manifest `package.json`).
    pub fn from_documents(
        label: &str,
        version: Option<semver::Version>,
        documents: Vec<(String, serde_json::Value)>,
        options: &LoadOptions,
    ) -> Result<Package, LoadError> {
        crate::load::from_documents(label, version, documents, options)
    }
}

/// The semantic version in a published version's file name: the leftmost `X.Y.Z[-pre][+build]`
/// that starts the name or follows `v`, `-`, `_` or `@` (`1.2.0`, `contracts-v1.2.0`,
/// `acme-contracts-1.2.0.tgz`, `v1.37.0-local`; semver 2.0.0 §9-10 for the pre-release and build
/// parts). `None` when there is none. For a folder of published versions without manifests
/// (`contracts check --history`).
pub fn version_in_name(source: &str) -> Option<semver::Version> {
    let name = std::path::Path::new(source).file_name()?.to_str()?;
    let name = name
        .strip_suffix(".tgz")
        .or_else(|| name.strip_suffix(".tar.gz"))
        .unwrap_or(name);
    let bytes = name.as_bytes();
    (0..bytes.len())
        .filter(|&i| {
            bytes[i].is_ascii_digit()
                && (i == 0 || matches!(bytes[i - 1], b'v' | b'-' | b'_' | b'@'))
        })
        .find_map(|i| semver::Version::parse(&name[i..]).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_in_published_names() {
        let v = |s: &str| version_in_name(s).map(|v| v.to_string());
        assert_eq!(v("published/1.2.0"), Some("1.2.0".into()));
        assert_eq!(v("published/contracts-v1.2.0"), Some("1.2.0".into()));
        assert_eq!(v("dl/acme-contracts-2.0.0.tgz"), Some("2.0.0".into()));
        assert_eq!(
            v("dl/acme-contracts-2.0.0-rc.1.tar.gz"),
            Some("2.0.0-rc.1".into())
        );
        assert_eq!(v("kubernetes/v1.37.0-local"), Some("1.37.0-local".into()));
        assert_eq!(v("published/@scope@3.1.4"), Some("3.1.4".into()));
        assert_eq!(v("published/latest"), None);
        assert_eq!(v("published/acme2.0"), None);
    }
}
