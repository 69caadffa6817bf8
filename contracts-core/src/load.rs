//! Loading implementation (private): reading sources into a [`Package`].
//!
//! 1. [`read`]: the source's files (relative path + text) and its manifest, from a directory,
//!    one file, an npm tarball or a git revision;
//! 2. [`documents`]: parse JSON/YAML, split OpenAPI documents into their components, detect
//!    drafts, compute base URIs;
//! 3. metaschema checks, `$ref` checks and bare-`$ref` cycle detection over the package.
//!
//! [`from_documents`] enters at step 2 with in-memory documents written as files, so both
//! paths share [`assemble`] (steps 2 and 3).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use serde_json::Value;

use crate::package::ExactIntegers;

use crate::resolve::{file_uri, is_absolute, join};
use crate::{
    pointer, walk, Draft, InvalidDocument, LoadError, LoadOptions, LoadWarning, Location, Package,
    RefResolver, SchemaDocument, Source,
};

/// A file read from a source, before parsing.
pub(crate) struct RawFile {
    /// Path relative to the package root, `/`-separated.
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}

/// Everything read from a source.
pub(crate) struct Raw {
    pub(crate) files: Vec<RawFile>,
    /// `package.json` at the package root, if any.
    package_json: Option<RawFile>,
    /// `contracts.toml` at the package root, if any.
    contracts_toml: Option<RawFile>,
    /// The source is one file: OpenAPI component names are not prefixed with the file.
    single: bool,
    /// Where manifest paths are reported from.
    root: PathBuf,
    /// What reading skipped, for [`Package::warnings`].
    warnings: Vec<LoadWarning>,
}

pub(crate) fn load(source: &Source, options: &LoadOptions) -> Result<Package, LoadError> {
    let mut raw = read(source, options)?;
    // A root `package.json` that is itself a JSON Schema (a catalogue holding the schema of
    // `package.json`) is a document of the package, not its manifest.
    if raw
        .package_json
        .as_ref()
        .is_some_and(is_schema_not_manifest)
    {
        if let Some(file) = raw.package_json.take() {
            raw.files.push(file);
            raw.files.sort_by(|a, b| a.path.cmp(&b.path));
        }
    }
    let (name, declared) = manifest(&raw, options.version.is_some())?;
    assemble(
        source.to_string(),
        name,
        options.version.clone().or(declared),
        &raw,
        options,
    )
}

/// [`Package::from_documents`]: each `(name, value)` becomes the file `<name>.json` holding
/// `value` as pretty JSON, read as a directory load reads its files.
pub(crate) fn from_documents(
    label: &str,
    version: Option<semver::Version>,
    docs: Vec<(String, Value)>,
    options: &LoadOptions,
) -> Result<Package, LoadError> {
    let mut files = Vec::with_capacity(docs.len());
    for (name, value) in docs {
        let path = format!("{name}.json");
        let bad = |message: String| LoadError::BadSource {
            source_text: label.to_string(),
            message,
        };
        if !is_schema_file(&path) || name_of(&path) != name {
            return Err(bad(format!(
                "{name:?} is not a schema name a directory could hold (empty, a dot-file, \
                 under a dot-folder or node_modules, or the manifest name `package`)"
            )));
        }
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| bad(format!("{name:?} cannot be written as JSON: {e}")))?;
        files.push(RawFile {
            path,
            bytes: text.into_bytes(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let raw = Raw {
        files,
        package_json: None,
        contracts_toml: None,
        single: false,
        root: PathBuf::from(label),
        warnings: Vec::new(),
    };
    assemble(
        label.to_string(),
        None,
        options.version.clone().or(version),
        &raw,
        options,
    )
}

/// The steps every load shares once the files are read: parse them into documents (drafts,
/// base URIs, OpenAPI components), then the metaschema checks (when enabled), registration
/// in one registry, `$ref` resolution and bare-`$ref` cycle detection.
///
/// Every document is checked and every error kept (as a compiler lists every error): without
/// [`LoadOptions::keep_going`] the load fails with all of them ([`LoadError::Many`]); with it,
/// the documents that failed, and those whose `$ref`s lead into them, are left out and listed
/// in [`Package::invalid`].
fn assemble(
    label: String,
    name: Option<String>,
    version: Option<semver::Version>,
    raw: &Raw,
    options: &LoadOptions,
) -> Result<Package, LoadError> {
    let mut warnings = raw.warnings.clone();
    let mut failed = Failures::default();
    let documents = documents(raw, options, &mut warnings, &mut failed)?;
    let mut package = Package {
        label,
        name,
        version,
        documents,
        external: BTreeMap::new(),
        warnings: Vec::new(),
        invalid: Vec::new(),
        registry: Default::default(),
    };
    // Each document is checked on its own, on every core; results are gathered in name order.
    let checked: Vec<(Vec<LoadError>, Vec<LoadWarning>)> = package
        .documents
        .par_iter()
        .map(|(_, doc)| {
            let errors = if options.validate_metaschema {
                check_metaschema(doc)
            } else {
                Vec::new()
            };
            let mut noticed = Vec::new();
            check_patterns(doc, &mut noticed);
            (errors, noticed)
        })
        .collect();
    for (doc, (errors, noticed)) in package.documents.values().zip(checked) {
        for error in errors {
            failed.add(&doc.name, &doc.file, error);
        }
        warnings.extend(noticed);
    }
    package.external = crate::external::load(&package, options, &mut warnings)?;
    // Documents that claim one `$id` cannot be registered: all of them are invalid.
    for (uri, files) in duplicate_ids(&package) {
        for (name, file) in &files {
            let others: Vec<&str> = files
                .iter()
                .filter(|(_, f)| f != file)
                .map(|(_, f)| f.as_str())
                .collect();
            failed.add(
                name,
                file,
                LoadError::Conflict {
                    file: file.clone(),
                    message: format!(
                        "the $id {uri} is also claimed by {} (each document needs its own $id)",
                        others.join(", ")
                    ),
                },
            );
        }
    }
    // Documents that could not be parsed, or whose `$id`s collide, are not registered;
    // documents that only failed the metaschema check still are (their `$ref`s are checked).
    let unregistrable: Vec<String> = failed
        .by_name
        .iter()
        .filter(|(_, (_, errors))| {
            errors
                .iter()
                .any(|e| !matches!(e, LoadError::InvalidSchema { .. }))
        })
        .map(|(name, _)| name.clone())
        .collect();
    let mut removed: Vec<SchemaDocument> = Vec::new();
    for name in &unregistrable {
        removed.extend(package.documents.remove(name));
    }
    if options.keep_going {
        let invalid: Vec<String> = failed.by_name.keys().cloned().collect();
        for name in &invalid {
            removed.extend(package.documents.remove(name));
        }
    }
    loop {
        // The documents that failed so far, by file and the URIs a `$ref` reaches them by.
        let gone: Vec<(String, Vec<String>)> = failed
            .by_name
            .iter()
            .map(|(name, (file, _))| {
                let mut uris = vec![file_uri(file)];
                uris.extend(
                    removed
                        .iter()
                        .filter(|d| d.name == *name && !d.base_uri.starts_with("contracts:"))
                        .map(|d| d.base_uri.clone()),
                );
                (file.clone(), uris)
            })
            .collect();
        let found = check_resolution(&package, &gone)?;
        let mut changed = false;
        for (name, error, cascaded) in found {
            // Without keep-going, a `$ref` into a document that failed is not another error:
            // that document's own error is reported.
            if cascaded && !options.keep_going {
                continue;
            }
            let Some(doc) = package.documents.get(&name) else {
                continue;
            };
            failed.add(&name, &doc.file.clone(), error);
            if options.keep_going {
                removed.extend(package.documents.remove(&name));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    if !options.keep_going {
        let errors: Vec<LoadError> = std::mem::take(&mut failed.by_name)
            .into_values()
            .flat_map(|(_, errors)| errors)
            .collect();
        if let Some(error) = LoadError::from_list(errors) {
            return Err(error);
        }
    }
    package.invalid = failed
        .by_name
        .into_iter()
        .map(|(name, (file, errors))| InvalidDocument { name, file, errors })
        .collect();
    package.warnings = warnings;
    Ok(package)
}

/// Errors found so far, by document name (with the document's file).
#[derive(Default)]
struct Failures {
    by_name: BTreeMap<String, (String, Vec<LoadError>)>,
}

impl Failures {
    fn add(&mut self, name: &str, file: &str, error: LoadError) {
        self.by_name
            .entry(name.to_string())
            .or_insert_with(|| (file.to_string(), Vec::new()))
            .1
            .push(error);
    }
}

/// Root `$id`s (absolute base URIs) claimed by more than one schema file, with the documents
/// (name, file) that claim each.
fn duplicate_ids(package: &Package) -> Vec<(String, Vec<(String, String)>)> {
    let mut by_uri: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for doc in package.documents.values() {
        if doc.pointer.is_empty() && !doc.base_uri.starts_with("contracts:") {
            by_uri
                .entry(doc.base_uri.trim_end_matches('#').to_string())
                .or_default()
                .push((doc.name.clone(), doc.file.clone()));
        }
    }
    by_uri.into_iter().filter(|(_, d)| d.len() > 1).collect()
}

/// One round of registration, `$ref` resolution and cycle detection over the documents of
/// `package`: every error found, with the name of the document at fault and whether it is a
/// `$ref` into a document that failed (`gone`: file and the URIs that reach it).
fn check_resolution(
    package: &Package,
    gone: &[(String, Vec<String>)],
) -> Result<Vec<(String, LoadError, bool)>, LoadError> {
    let name_of_file = |file: &str| {
        package
            .documents
            .values()
            .find(|d| d.file == file)
            .map(|d| d.name.clone())
    };
    let resolver = match package.resolver() {
        Ok(resolver) => resolver,
        Err(error) => {
            // A document the registry refuses (an `$id` or `$ref` that is no URI reference, an
            // `$id` that is another file's URI): that document is at fault.
            return match error.file().and_then(name_of_file) {
                Some(name) => Ok(vec![(name, error, false)]),
                None => Err(error),
            };
        }
    };
    let mut found = Vec::new();
    for doc in package.documents.values() {
        for (pointer, reference) in refs_of(doc) {
            let from = Location::new(doc.file.clone(), pointer);
            if let Err(error) = resolver.resolve(&from, reference) {
                let (error, cascaded) = name_failed_target(error, gone);
                found.push((doc.name.clone(), error, cascaded));
            }
        }
    }
    found.extend(
        check_cycles(&resolver)
            .into_iter()
            .map(|(name, error)| (name, error, false)),
    );
    Ok(found)
}

/// An unresolvable `$ref` whose target is a document that failed says so (and is flagged).
fn name_failed_target(error: LoadError, gone: &[(String, Vec<String>)]) -> (LoadError, bool) {
    let LoadError::UnresolvableRef {
        file,
        pointer,
        reference,
        message,
    } = error
    else {
        return (error, false);
    };
    let target = gone.iter().find(|(_, uris)| {
        uris.iter()
            .any(|uri| message.ends_with(uri.as_str()) || message.contains(&format!("{uri} ")))
    });
    let (message, cascaded) = match target {
        Some((target, _)) => (format!("its target {target} did not load"), true),
        None => (message, false),
    };
    (
        LoadError::UnresolvableRef {
            file,
            pointer,
            reference,
            message,
        },
        cascaded,
    )
}

// ---------------------------------------------------------------------------------------------
// Reading sources

fn io(path: impl Into<PathBuf>, error: impl std::fmt::Display) -> LoadError {
    LoadError::Io {
        path: path.into(),
        message: error.to_string(),
    }
}

fn read(source: &Source, options: &LoadOptions) -> Result<Raw, LoadError> {
    match source {
        Source::Dir(dir) => read_dir(dir, options),
        Source::File(path) => read_file(path, options.max_input_size),
        Source::Tarball(path) => {
            let bytes = crate::input::read_regular_file(path, options.max_input_size)?;
            read_tarball(path, &bytes, options.max_input_size)
        }
        Source::Git { rev, path } => {
            let dir = options
                .git_dir
                .clone()
                .unwrap_or_else(|| PathBuf::from("."));
            read_git(source, &dir, rev, path.as_deref())
        }
    }
}

/// Whether a file at `path` (relative, `/`-separated) is a schema file of the package: a
/// `.json`, `.yaml` or `.yml` file, not a manifest, not under a dot-folder or `node_modules`,
/// not a dot-file.
fn is_schema_file(path: &str) -> bool {
    let mut parts = path.split('/').peekable();
    while let Some(part) = parts.next() {
        if part.starts_with('.') || part == "node_modules" {
            return false;
        }
        if parts.peek().is_none() {
            if part == "package.json" || part == "contracts.toml" {
                return false;
            }
            let lower = part.to_ascii_lowercase();
            return lower.ends_with(".json") || lower.ends_with(".yaml") || lower.ends_with(".yml");
        }
    }
    false
}

pub(crate) fn read_dir(dir: &Path, options: &LoadOptions) -> Result<Raw, LoadError> {
    let meta = std::fs::metadata(dir).map_err(|e| io(dir, e))?;
    if !meta.is_dir() {
        return Err(io(dir, "not a directory"));
    }
    let limit = options.max_input_size;
    let root = std::fs::canonicalize(dir).map_err(|e| io(dir, e))?;
    let relative = |path: &Path| -> String {
        path.strip_prefix(dir)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    // A symbolic link whose target leaves the package root is not followed (unless asked):
    // a link to `~/.npmrc` or `/` in a pull request must not be read.
    let escapes = |path: &Path| -> bool {
        !options.follow_symlinks
            && path.is_symlink()
            && std::fs::canonicalize(path).is_ok_and(|target| !target.starts_with(&root))
    };
    let skipped = |rel: &str| LoadWarning {
        file: rel.to_string(),
        pointer: String::new(),
        message: format!(
            "skipped symbolic link `{rel}` in {}: its target is outside the package \
             (--follow-symlinks reads it)",
            dir.display()
        ),
    };
    let mut warnings = Vec::new();
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            if name.starts_with('.') || name == "node_modules" {
                return false;
            }
            if e.path_is_symlink() && escapes(e.path()) {
                let rel = relative(e.path());
                if e.file_type().is_dir() || is_schema_file(&rel) {
                    warnings.push(skipped(&rel));
                }
                return false;
            }
            true
        });
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.into());
            io(path, e)
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = relative(entry.path());
        if !is_schema_file(&path) {
            continue;
        }
        found.push((path, entry.into_path()));
    }
    // Read on every core, in walk order; the first error in that order is reported. The walk
    // saw regular files (`file_type` follows symlinks): no second look before opening.
    let read: Vec<Result<Vec<u8>, LoadError>> = found
        .par_iter()
        .map(|(_, full)| crate::input::read_found_regular_file(full, limit))
        .collect();
    let mut files = Vec::with_capacity(found.len());
    for ((path, _), bytes) in found.into_iter().zip(read) {
        files.push(RawFile {
            path,
            bytes: bytes?,
        });
    }
    let mut optional = |name: &str| -> Result<Option<RawFile>, LoadError> {
        let path = dir.join(name);
        if !path.is_file() {
            return Ok(None);
        }
        if escapes(&path) {
            warnings.push(skipped(name));
            return Ok(None);
        }
        let bytes = crate::input::read_regular_file(&path, limit)?;
        Ok(Some(RawFile {
            path: name.to_string(),
            bytes,
        }))
    };
    let package_json = optional("package.json")?;
    let contracts_toml = optional("contracts.toml")?;
    Ok(Raw {
        files,
        package_json,
        contracts_toml,
        single: false,
        root: dir.to_path_buf(),
        warnings,
    })
}

fn read_file(path: &Path, limit: u64) -> Result<Raw, LoadError> {
    let bytes = crate::input::read_regular_file(path, limit)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned());
    Ok(Raw {
        files: vec![RawFile { path: name, bytes }],
        package_json: None,
        contracts_toml: None,
        single: true,
        root: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        warnings: Vec::new(),
    })
}

/// Read the files of a tar archive under `prefix` (a `/`-terminated folder, or `""`), with
/// paths relative to it. An error names the archive, the entry being read when it broke (its
/// path inside the archive, or the entry after which a header did not read) and the entry's
/// offset in the uncompressed stream.
fn read_tar(label: &Path, reader: impl Read, prefix: &str) -> Result<Raw, LoadError> {
    let mut archive = tar::Archive::new(reader);
    let mut files = Vec::new();
    let (mut package_json, mut contracts_toml) = (None, None);
    let entries = archive.entries().map_err(|e| io(label, e))?;
    // The last entry met: its path as written and the offset of its header.
    let mut last: Option<(String, u64)> = None;
    let broken = |last: &Option<(String, u64)>, e: std::io::Error| match last {
        Some((path, at)) => io(
            label,
            format!(
                "corrupt archive after entry `{}` (its header at byte {at} of the \
                 uncompressed tar): {e}",
                crate::input::excerpt(path, crate::input::EXCERPT_CHARS)
            ),
        ),
        None => io(
            label,
            format!("corrupt archive before its first entry: {e}"),
        ),
    };
    for entry in entries {
        let mut entry = entry.map_err(|e| broken(&last, e))?;
        let header_at = entry.raw_header_position();
        let full = String::from_utf8_lossy(&entry.path_bytes()).replace('\\', "/");
        last = Some((full.clone(), header_at));
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let full = full.trim_start_matches("./");
        let Some(path) = full.strip_prefix(prefix) else {
            continue;
        };
        let path = path.to_string();
        let wanted = path == "package.json" || path == "contracts.toml" || is_schema_file(&path);
        if !wanted {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| {
            io(
                label,
                format!(
                    "entry `{}` (header at byte {header_at} of the uncompressed tar, \
                     {} bytes of it read): {e}",
                    crate::input::excerpt(full, crate::input::EXCERPT_CHARS),
                    bytes.len()
                ),
            )
        })?;
        let file = RawFile { path, bytes };
        match file.path.as_str() {
            "package.json" => package_json = Some(file),
            "contracts.toml" => contracts_toml = Some(file),
            _ => files.push(file),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Raw {
        files,
        package_json,
        contracts_toml,
        single: false,
        root: label.to_path_buf(),
        warnings: Vec::new(),
    })
}

fn read_tarball(path: &Path, bytes: &[u8], limit: u64) -> Result<Raw, LoadError> {
    // Every member of a multi-member gzip stream, as npm and GNU tar read it; no more than
    // `limit` bytes decompressed (a gzip bomb is an error, not an exhausted memory).
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let raw = read_tar(path, crate::input::Bounded::new(decoder, limit), "package/")?;
    if raw.files.is_empty() && raw.package_json.is_none() {
        return Err(io(
            path,
            "no files under package/ (expected an npm tarball as `npm pack` writes it)",
        ));
    }
    Ok(raw)
}

/// Read the package at `rev` (and `path` below the repository root) from the git repository
/// that holds `dir`, through `gix`: objects are read from the object database, never from the
/// work tree, and no `git` binary is needed.
fn read_git(source: &Source, dir: &Path, rev: &str, path: Option<&str>) -> Result<Raw, LoadError> {
    let bad = |message: String| LoadError::BadSource {
        source_text: source.to_string(),
        message,
    };
    let repo = gix::discover(dir)
        .map_err(|e| bad(format!("{} is not in a git repository: {e}", dir.display())))?;
    let top = repo
        .workdir()
        .unwrap_or_else(|| repo.git_dir())
        .to_path_buf();
    let tree = repo
        .rev_parse_single(rev)
        .ok()
        .and_then(|id| id.object().ok())
        .and_then(|object| object.peel_to_tree().ok())
        .ok_or_else(|| {
            let shallow = if repo.is_shallow() {
                " (this clone is shallow and may lack it: `git fetch --tags --unshallow` \
                 fetches the history and the tags)"
            } else {
                ""
            };
            bad(format!(
                "{rev:?} is not a revision of the repository at {}{shallow}",
                top.display()
            ))
        })?;
    let read_blob = |oid: gix::ObjectId, name: &str| -> Result<Vec<u8>, LoadError> {
        repo.find_object(oid)
            .map(|object| object.detach().data)
            .map_err(|e| bad(format!("{name}: cannot read the object at {rev}: {e}")))
    };
    let path = path.map(|p| p.trim_matches('/')).filter(|p| !p.is_empty());
    let tree = match path {
        Some(p) => {
            let entry = tree
                .lookup_entry_by_path(p)
                .map_err(|e| bad(format!("{p:?} cannot be read at revision {rev}: {e}")))?
                .ok_or_else(|| bad(format!("{p:?} does not exist at revision {rev}")))?;
            let mode = entry.mode();
            if mode.is_tree() {
                entry
                    .object()
                    .map_err(|e| bad(format!("{p:?} cannot be read at revision {rev}: {e}")))?
                    .into_tree()
            } else if mode.is_blob() {
                let bytes = read_blob(entry.object_id(), p)?;
                let name = p.rsplit('/').next().unwrap_or(p).to_string();
                return Ok(Raw {
                    files: vec![RawFile { path: name, bytes }],
                    package_json: None,
                    contracts_toml: None,
                    single: true,
                    root: PathBuf::from(source.to_string()),
                    warnings: Vec::new(),
                });
            } else {
                let kind = if mode.is_link() {
                    "symbolic link"
                } else {
                    "submodule"
                };
                return Err(bad(format!("{p:?} is a {kind}, not a folder or file")));
            }
        }
        None => tree,
    };
    let entries = tree
        .traverse()
        .breadthfirst
        .files()
        .map_err(|e| bad(format!("cannot list the tree at {rev}: {e}")))?;
    let mut files = Vec::new();
    let (mut package_json, mut contracts_toml) = (None, None);
    for entry in entries {
        // Blobs only: no folders, symbolic links or submodules.
        if !entry.mode.is_blob() {
            continue;
        }
        let relative = String::from_utf8_lossy(&entry.filepath).into_owned();
        if !(relative == "package.json"
            || relative == "contracts.toml"
            || is_schema_file(&relative))
        {
            continue;
        }
        let file = RawFile {
            bytes: read_blob(entry.oid, &relative)?,
            path: relative,
        };
        match file.path.as_str() {
            "package.json" => package_json = Some(file),
            "contracts.toml" => contracts_toml = Some(file),
            _ => files.push(file),
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Raw {
        files,
        package_json,
        contracts_toml,
        single: false,
        root: PathBuf::from(source.to_string()),
        warnings: Vec::new(),
    })
}

// ---------------------------------------------------------------------------------------------
// Manifests

/// Whether a root `package.json` is a JSON Schema rather than an npm manifest: it declares
/// `$schema`, or it has no string `name` and holds schema keywords (`properties`,
/// `definitions`, `$defs`).
fn is_schema_not_manifest(file: &RawFile) -> bool {
    let Ok(text) = std::str::from_utf8(&file.bytes) else {
        return false;
    };
    let Ok(Value::Object(object)) =
        serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}'))
    else {
        return false;
    };
    object.get("$schema").is_some_and(Value::is_string)
        || (!object.get("name").is_some_and(Value::is_string)
            && ["properties", "definitions", "$defs"]
                .iter()
                .any(|k| object.contains_key(*k)))
}

/// The package name and version the manifest declares: `package.json` first, then
/// `contracts.toml` (top-level `name`/`version`, or the same keys under `[package]`).
///
/// A manifest that exists but declares no (valid) version is an error unless `overridden`.
fn manifest(
    raw: &Raw,
    overridden: bool,
) -> Result<(Option<String>, Option<semver::Version>), LoadError> {
    let manifest_error = |file: &RawFile, message: String| LoadError::Manifest {
        path: raw.root.join(&file.path),
        message,
    };
    let read_version = |file: &RawFile, version: Option<&str>| match version {
        Some(text) => semver::Version::parse(text.trim()).map(Some).or_else(|e| {
            if overridden {
                Ok(None)
            } else {
                Err(manifest_error(
                    file,
                    format!("version {text:?} is not a semantic version: {e}"),
                ))
            }
        }),
        None => Ok(None),
    };
    if let Some(file) = &raw.package_json {
        let text = utf8(file)?;
        let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| json_error(&file.path, &e))?;
        let name = value.get("name").and_then(Value::as_str).map(String::from);
        // No `version` is fine for `diff`; commands that need one ask for it
        // (`Package::require_version`).
        let version = read_version(file, value.get("version").and_then(Value::as_str))?;
        return Ok((name, version));
    }
    if let Some(file) = &raw.contracts_toml {
        let text = utf8(file)?;
        let value: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let (line, column) = e
                .span()
                .map(|s| line_column(text, s.start))
                .unwrap_or((0, 0));
            LoadError::Parse {
                file: file.path.clone(),
                format: "TOML",
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let get = |key: &str| {
            value
                .get(key)
                .or_else(|| value.get("package").and_then(|p| p.get(key)))
                .and_then(|v| v.as_str())
        };
        let name = get("name").map(String::from);
        let version = read_version(file, get("version"))?;
        return Ok((name, version));
    }
    Ok((None, None))
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

// ---------------------------------------------------------------------------------------------
// Parsing

fn utf8(file: &RawFile) -> Result<&str, LoadError> {
    std::str::from_utf8(&file.bytes).map_err(|e| {
        let (line, column) = line_column(
            std::str::from_utf8(&file.bytes[..e.valid_up_to()]).unwrap_or(""),
            e.valid_up_to(),
        );
        LoadError::Parse {
            file: file.path.clone(),
            format: "UTF-8",
            line,
            column,
            message: e.to_string(),
        }
    })
}

fn json_error(file: &str, error: &serde_json::Error) -> LoadError {
    LoadError::Parse {
        file: file.to_string(),
        format: "JSON",
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    }
}

fn is_yaml(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// Parse a schema file (JSON, or YAML by its extension). What the value cannot hold goes to
/// `warnings` (duplicate keys, integer literals beyond a float's exact range) or is an error
/// (YAML `.nan`/`.inf`); see [`crate::literal`].
pub(crate) fn parse(
    file: &RawFile,
    warnings: &mut Vec<LoadWarning>,
) -> Result<(Value, String, ExactIntegers), LoadError> {
    let text = utf8(file)?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let yaml = is_yaml(&file.path);
    let (value, noticed) = if yaml {
        crate::literal::yaml(body).map_err(|e| {
            // serde_norway gives no location for some errors (several documents in one file):
            // the second document's `---`, else the file's start, never `0:0`.
            let (line, column) = e.location().map_or_else(
                || (second_yaml_document_line(body).unwrap_or(1), 1),
                |l| (l.line(), l.column()),
            );
            LoadError::Parse {
                file: file.path.clone(),
                format: "YAML",
                line,
                column,
                message: crate::input::excerpt(&e.to_string(), 4 * crate::input::EXCERPT_CHARS),
            }
        })?
    } else {
        crate::literal::json(body).map_err(|e| json_error(&file.path, &e))?
    };
    for (pointer, key) in noticed.duplicates {
        warnings.push(LoadWarning {
            file: file.path.clone(),
            pointer,
            message: format!(
                "duplicate key \"{}\" in this object: only its last value is read",
                crate::input::excerpt(&key, crate::input::EXCERPT_CHARS)
            ),
        });
    }
    // Integer literals a 64-bit float does not hold exactly: YAML's parser hands over the digits
    // (within 128 bits), JSON's are read back from the text.
    let mut exact = BTreeMap::new();
    if !noticed.big.is_empty() {
        let mut found: Vec<(String, String)> = Vec::new();
        if yaml {
            found.extend(noticed.big.into_iter().filter_map(|(p, d)| Some((p, d?))));
        } else {
            let big: std::collections::HashSet<&str> =
                noticed.big.iter().map(|(p, _)| p.as_str()).collect();
            let mut left = big.len();
            crate::literal::scan_numbers(body, &mut |pointer, literal| {
                if !big.contains(pointer) {
                    return true;
                }
                left -= 1;
                found.push((pointer.to_string(), literal.to_string()));
                left > 0
            });
        }
        for (pointer, literal) in found {
            let read = value.pointer(&pointer).cloned().unwrap_or(Value::Null);
            if !crate::literal::is_inexact_integer(&literal, &read) {
                continue;
            }
            warnings.push(LoadWarning {
                file: file.path.clone(),
                pointer: pointer.clone(),
                message: format!(
                    "integer {} is beyond a 64-bit float's exact range and is read as \
                     {read}; bounds and `enum`/`const` values that differ only beyond it are \
                     compared by their digits as written",
                    crate::input::excerpt(&literal, crate::input::EXCERPT_CHARS)
                ),
            });
            exact.insert(pointer, literal);
        }
    }
    Ok((value, text.to_string(), exact))
}

/// The 1-based line of the `---` that starts a second YAML document in `text`, if any (YAML
/// 1.2 §9.2: a directives-end marker after content or after another marker starts a document).
fn second_yaml_document_line(text: &str) -> Option<usize> {
    let mut started = false;
    for (i, line) in text.lines().enumerate() {
        let is_marker = line == "---" || line.starts_with("--- ") || line.starts_with("---\t");
        if is_marker {
            if started {
                return Some(i + 1);
            }
            started = true;
        } else if !line.trim().is_empty()
            && !line.trim_start().starts_with('#')
            && !line.starts_with('%')
        {
            started = true;
        }
    }
    None
}

/// The schema name of a file: its path without the extension.
fn name_of(path: &str) -> String {
    match path.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() && !stem.ends_with('/') => stem.to_string(),
        _ => path.to_string(),
    }
}

/// `http://json-schema.org/schema#`: "the latest draft", whichever that was when read.
fn is_latest_alias(uri: &str) -> bool {
    let trimmed = uri.trim().trim_end_matches('#');
    let trimmed = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .unwrap_or(trimmed);
    trimmed == "json-schema.org/schema"
}

fn is_draft3(uri: &str) -> bool {
    let trimmed = uri.trim().trim_end_matches('#');
    trimmed.ends_with("json-schema.org/draft-03/schema")
}

/// What the keywords of a document tell of its draft.
#[derive(Default)]
struct DraftHints {
    /// A keyword introduced in 2019-09 or 2020-12 (`$defs`, `prefixItems`, `unevaluated*`,
    /// `dependentSchemas`, ...).
    since_2019: bool,
    /// `$recursiveRef`/`$recursiveAnchor`: 2019-09 only.
    recursive: bool,
    /// A form only drafts 4 to 7 give a meaning: an array `items`, `additionalItems`,
    /// `dependencies`.
    until_7: bool,
    /// A boolean `exclusiveMinimum`/`exclusiveMaximum`: draft 4 only.
    draft4: bool,
}

fn draft_hints(value: &Value) -> DraftHints {
    let mut hints = DraftHints::default();
    walk::for_each_subschema(value, "", Draft::Draft202012, &mut |v, _, _| {
        let Some(object) = v.as_object() else { return };
        for (keyword, member) in object {
            match keyword.as_str() {
                "$recursiveRef" | "$recursiveAnchor" => {
                    hints.recursive = true;
                    hints.since_2019 = true;
                }
                "$defs"
                | "$anchor"
                | "$dynamicRef"
                | "$dynamicAnchor"
                | "$vocabulary"
                | "dependentRequired"
                | "dependentSchemas"
                | "unevaluatedProperties"
                | "unevaluatedItems"
                | "prefixItems"
                | "minContains"
                | "maxContains"
                | "contentSchema" => hints.since_2019 = true,
                "items" if member.is_array() => hints.until_7 = true,
                "additionalItems" | "dependencies" => hints.until_7 = true,
                "exclusiveMinimum" | "exclusiveMaximum" if member.is_boolean() => {
                    hints.draft4 = true;
                }
                _ => {}
            }
        }
    });
    hints
}

/// How a document's draft was found.
struct Detected {
    draft: Draft,
    /// The document is draft-03 and must be translated to draft 4.
    draft3: bool,
    /// Why the draft was inferred or translated, for a warning.
    note: Option<String>,
}

/// The draft a document declares with `$schema`; `options.default_draft` without one (draft-07
/// or draft-04 when [`LoadOptions::infer_draft`] and the keywords say so); the newest draft
/// whose keywords the document uses for the "latest" alias `http://json-schema.org/schema#`;
/// draft 4 (after translation) for draft-03.
fn detect_draft(file: &str, value: &Value, options: &LoadOptions) -> Result<Detected, LoadError> {
    let declared = |draft| Detected {
        draft,
        draft3: false,
        note: None,
    };
    match value.get("$schema") {
        None => {
            if !options.infer_draft || options.default_draft != Draft::Draft202012 {
                return Ok(declared(options.default_draft));
            }
            let hints = draft_hints(value);
            let inferred = if hints.since_2019 {
                None
            } else if hints.draft4 {
                Some((Draft::Draft4, "a boolean exclusiveMinimum/exclusiveMaximum"))
            } else if hints.until_7 {
                Some((
                    Draft::Draft7,
                    "an array `items`, `additionalItems` or `dependencies`",
                ))
            } else {
                None
            };
            Ok(match inferred {
                Some((draft, why)) => Detected {
                    draft,
                    draft3: false,
                    note: Some(format!(
                        "no $schema: read as {draft}, as it uses {why} and no 2019-09 keyword \
                         (--default-draft or contracts.toml `draft` choose otherwise)"
                    )),
                },
                None => declared(options.default_draft),
            })
        }
        Some(Value::String(uri)) => {
            if let Some(draft) = Draft::from_uri(uri.trim()) {
                return Ok(declared(draft));
            }
            if is_latest_alias(uri) {
                let hints = draft_hints(value);
                let draft = if hints.recursive {
                    Draft::Draft201909
                } else if hints.since_2019 {
                    Draft::Draft202012
                } else if hints.draft4 {
                    Draft::Draft4
                } else {
                    Draft::Draft7
                };
                return Ok(Detected {
                    draft,
                    draft3: false,
                    note: Some(format!(
                        "$schema {uri:?} names no draft (\"the latest\"): read as {draft}, the \
                         newest draft whose keywords the document uses"
                    )),
                });
            }
            if is_draft3(uri) {
                return Ok(Detected {
                    draft: Draft::Draft4,
                    draft3: true,
                    note: Some(
                        "draft-03: read as draft-04 (`required: true` on a property, \
                         `divisibleBy`, `extends`, `disallow`, schemas in `type` translated)"
                            .into(),
                    ),
                });
            }
            Err(LoadError::UnknownDraft {
                file: file.to_string(),
                uri: uri.clone(),
            })
        }
        Some(other) => Err(LoadError::UnknownDraft {
            file: file.to_string(),
            uri: other.to_string(),
        }),
    }
}

/// Rewrite a draft-03 schema into the draft-04 schema with the same meaning (draft-03 is
/// `draft-zyp-json-schema-03`; draft-04 Validation §5 and Appendix):
/// - `required: true` on a property → the property's name in its parent's `required` array;
/// - `divisibleBy` → `multipleOf`;
/// - `extends` (a schema or an array of schemas) → `allOf`;
/// - `disallow` (types and schemas) → `not: {anyOf: [...]}`;
/// - `type` holding schemas (a union of types and schemas) → `anyOf`; `any` → no constraint;
/// - `dependencies` whose value is one property name → an array of it;
/// - `$schema` → the draft-04 URI.
fn translate_draft3(value: &mut Value) {
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "$schema".into(),
            Value::String(Draft::Draft4.uri().to_string()),
        );
    }
    translate3_schema(value, 0);
}

fn type_entry3(entry: &Value) -> Option<Value> {
    match entry {
        Value::String(t) if t == "any" => None,
        Value::String(t) => Some(serde_json::json!({ "type": t })),
        other => Some(other.clone()),
    }
}

fn translate3_schema(value: &mut Value, depth: usize) {
    // Draft-03 documents are small; the bound only keeps a hostile one off the call stack.
    if depth > 256 {
        return;
    }
    let Some(object) = value.as_object_mut() else {
        return;
    };
    if let Some(divisor) = object.remove("divisibleBy") {
        object.insert("multipleOf".into(), divisor);
    }
    let mut all_of: Vec<Value> = Vec::new();
    if let Some(extends) = object.remove("extends") {
        match extends {
            Value::Array(items) => all_of.extend(items),
            other => all_of.push(other),
        }
    }
    if let Some(kind) = object.get("type").cloned() {
        match kind {
            Value::String(t) if t == "any" => {
                object.remove("type");
            }
            Value::Array(entries) => {
                if entries.iter().any(|e| e == "any") {
                    object.remove("type");
                } else if entries.iter().any(|e| !e.is_string()) {
                    object.remove("type");
                    let branches: Vec<Value> = entries.iter().filter_map(type_entry3).collect();
                    all_of.push(serde_json::json!({ "anyOf": branches }));
                }
            }
            _ => {}
        }
    }
    if let Some(disallow) = object.remove("disallow") {
        let entries = match disallow {
            Value::Array(items) => items,
            other => vec![other],
        };
        if entries.iter().any(|e| e == "any") {
            object.insert("not".into(), serde_json::json!({}));
        } else {
            let branches: Vec<Value> = entries.iter().filter_map(type_entry3).collect();
            all_of.push(serde_json::json!({ "not": { "anyOf": branches } }));
        }
    }
    if let Some(Value::Object(dependencies)) = object.get_mut("dependencies") {
        for dependency in dependencies.values_mut() {
            if dependency.is_string() {
                *dependency = Value::Array(vec![dependency.take()]);
            }
        }
    }
    // `required` on a property (a boolean) moves to the parent's `required` array.
    let mut required: Vec<Value> = Vec::new();
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        for (name, property) in properties.iter_mut() {
            if let Some(flag) = property.as_object_mut().and_then(|p| {
                if p.get("required").is_some_and(Value::is_boolean) {
                    p.remove("required")
                } else {
                    None
                }
            }) {
                if flag == Value::Bool(true) {
                    required.push(Value::String(name.clone()));
                }
            }
        }
    }
    if object.get("required").is_some_and(Value::is_boolean) {
        object.remove("required");
    }
    if !required.is_empty() {
        object.insert("required".into(), Value::Array(required));
    }
    if !all_of.is_empty() {
        match object.get_mut("allOf") {
            Some(Value::Array(existing)) => existing.extend(all_of),
            _ => {
                object.insert("allOf".into(), Value::Array(all_of));
            }
        }
    }
    for (keyword, member) in object.iter_mut() {
        match keyword.as_str() {
            "properties" | "patternProperties" | "definitions" | "dependencies" => {
                if let Some(map) = member.as_object_mut() {
                    for child in map.values_mut() {
                        translate3_schema(child, depth + 1);
                    }
                }
            }
            "items" | "allOf" | "anyOf" | "oneOf" => match member {
                Value::Array(items) => {
                    for child in items {
                        translate3_schema(child, depth + 1);
                    }
                }
                other => translate3_schema(other, depth + 1),
            },
            "additionalProperties" | "additionalItems" | "not" => {
                translate3_schema(member, depth + 1)
            }
            _ => {}
        }
    }
}

/// Make the `$ref`s and identifiers of `value` URI references the resolver can read, as the
/// generators that wrote them meant: an `$id`/`id` with surrounding whitespace is trimmed, and
/// a character a URI cannot hold in a `$ref` (`<`, `>`, `|`, a space, `{`, `}`, non-ASCII,
/// as in `#/definitions/Foo<(string|null)>`) is percent-encoded (RFC 3986 §2.1; a JSON
/// Pointer fragment is percent-decoded again, RFC 6901 §6). Returns how many were rewritten.
fn normalize_uris(value: &mut Value, draft: Draft) -> usize {
    let mut edits: Vec<(String, &'static str, String)> = Vec::new();
    walk::for_each_subschema(value, "", draft, &mut |v, p, draft| {
        let Some(object) = v.as_object() else { return };
        if let Some(id) = object.get(draft.id_keyword()).and_then(Value::as_str) {
            if id.trim() != id {
                edits.push((p.to_string(), draft.id_keyword(), id.trim().to_string()));
            }
        }
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            let encoded = encode_uri_reference(reference.trim());
            if encoded != reference {
                edits.push((p.to_string(), "$ref", encoded));
            }
        }
    });
    let count = edits.len();
    for (pointer, keyword, text) in edits {
        if let Some(Value::Object(object)) = value.pointer_mut(&pointer) {
            object.insert(keyword.to_string(), Value::String(text));
        }
    }
    count
}

/// Percent-encode the characters RFC 3986 does not allow anywhere in a URI reference
/// (keeping `%`, reserved and unreserved characters as they are).
fn encode_uri_reference(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let allowed = ch.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(ch);
        if allowed {
            out.push(ch);
        } else {
            let mut buffer = [0u8; 4];
            for byte in ch.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// The base URI of a schema file (see [`SchemaDocument::base_uri`]).
pub(crate) fn base_uri_of(file: &str, value: &Value, draft: Draft) -> Result<String, LoadError> {
    let synthetic = file_uri(file);
    let Some(id) = walk::base_changing_id(value, draft) else {
        return Ok(synthetic);
    };
    let invalid = |message: String| LoadError::InvalidSchema {
        file: file.to_string(),
        pointer: format!("/{}", draft.id_keyword()),
        draft,
        message: format!("{id:?} is not a valid URI reference: {message}"),
    };
    if is_absolute(id) {
        // Normalized and without its (empty) fragment, as the registry keys it.
        join(id, "").map_err(invalid)
    } else {
        join(&synthetic, id).map_err(invalid)
    }
}

/// Read one parsed schema file as a document: its draft (translating draft-03), its
/// identifiers and references made readable, its base URI. Warnings go to `warnings`.
pub(crate) fn schema_document(
    name: String,
    file: &str,
    mut value: Value,
    text: String,
    options: &LoadOptions,
    warnings: &mut Vec<LoadWarning>,
) -> Result<SchemaDocument, LoadError> {
    let detected = detect_draft(file, &value, options)?;
    if detected.draft3 {
        translate_draft3(&mut value);
    }
    if let Some(note) = detected.note {
        warnings.push(LoadWarning {
            file: file.to_string(),
            pointer: String::new(),
            message: note,
        });
    }
    let rewritten = normalize_uris(&mut value, detected.draft);
    if rewritten > 0 {
        warnings.push(LoadWarning {
            file: file.to_string(),
            pointer: String::new(),
            message: format!(
                "{rewritten} $ref/$id value(s) are not URI references as written (surrounding \
                 whitespace, or characters such as `<`, `|`, a space): read trimmed and \
                 percent-encoded"
            ),
        });
    }
    let base_uri = base_uri_of(file, &value, detected.draft)?;
    Ok(SchemaDocument {
        name,
        file: file.to_string(),
        pointer: String::new(),
        base_uri,
        draft: detected.draft,
        value: Arc::new(value),
        text,
        exact_integers: ExactIntegers::new(),
    })
}

fn documents(
    raw: &Raw,
    options: &LoadOptions,
    warnings: &mut Vec<LoadWarning>,
    failed: &mut Failures,
) -> Result<BTreeMap<String, SchemaDocument>, LoadError> {
    fn insert(
        doc: SchemaDocument,
        out: &mut BTreeMap<String, SchemaDocument>,
        failed: &mut Failures,
    ) {
        if let Some(existing) = out.get(&doc.name) {
            let message = format!(
                "two schemas are named {:?}: {}{} and {}{}",
                doc.name,
                existing.file,
                fragment_suffix(&existing.pointer),
                doc.file,
                fragment_suffix(&doc.pointer)
            );
            failed.add(
                &doc.name,
                &doc.file,
                LoadError::Conflict {
                    file: doc.file.clone(),
                    message,
                },
            );
            return;
        }
        out.insert(doc.name.clone(), doc);
    }
    /// One file, parsed on its own (on any thread).
    enum Parsed {
        Failed(LoadError),
        OpenApi(Value, String, ExactIntegers),
        Schema(Result<SchemaDocument, LoadError>),
    }
    // Parse every file on every core, each with its own warnings; then gather them in file
    // order, so the package, its warnings and its errors do not depend on the thread count.
    let parsed: Vec<(Parsed, Vec<LoadWarning>)> = raw
        .files
        .par_iter()
        .map(|file| {
            let mut noticed = Vec::new();
            let parsed = match parse(file, &mut noticed) {
                Err(error) => Parsed::Failed(error),
                Ok((value, text, exact)) if value.get("openapi").is_some() => {
                    Parsed::OpenApi(value, text, exact)
                }
                Ok((value, text, exact)) => Parsed::Schema(
                    schema_document(
                        name_of(&file.path),
                        &file.path,
                        value,
                        text,
                        options,
                        &mut noticed,
                    )
                    .map(|mut doc| {
                        doc.exact_integers = exact;
                        doc
                    }),
                ),
            };
            (parsed, noticed)
        })
        .collect();
    let mut out: BTreeMap<String, SchemaDocument> = BTreeMap::new();
    for (file, (parsed, noticed)) in raw.files.iter().zip(parsed) {
        warnings.extend(noticed);
        match parsed {
            Parsed::Failed(error) | Parsed::Schema(Err(error)) => {
                failed.add(&name_of(&file.path), &file.path, error);
            }
            Parsed::OpenApi(value, text, exact) => {
                // An OpenAPI document is one unit: an error in it is an error of the source.
                let version = value.get("openapi").unwrap_or(&Value::Null);
                let mut docs = openapi_documents(raw, file, &value, version, &text)?;
                // Kept once per file, beside the text (see `SchemaDocument::exact_integers`).
                if let Some(first) = docs.first_mut() {
                    first.exact_integers = exact;
                }
                for doc in docs {
                    insert(doc, &mut out, failed);
                }
            }
            Parsed::Schema(Ok(doc)) => insert(doc, &mut out, failed),
        }
    }
    Ok(out)
}

fn fragment_suffix(pointer: &str) -> String {
    if pointer.is_empty() {
        String::new()
    } else {
        format!("#{pointer}")
    }
}

/// The components of an OpenAPI 3.x document (OpenAPI 3.0.3 §4.7.7, 3.1.0 §4.8.7): one
/// document per `components/schemas` entry. OpenAPI 3.0 schemas are read as draft 4 (their
/// `$ref` replaces siblings, `exclusiveMinimum` is a boolean); 3.1 as 2020-12, or the draft
/// `jsonSchemaDialect` names.
fn openapi_documents(
    raw: &Raw,
    file: &RawFile,
    root: &Value,
    version: &Value,
    text: &str,
) -> Result<Vec<SchemaDocument>, LoadError> {
    let version_text = version.as_str().unwrap_or_default();
    let draft = if version_text.starts_with("3.0") {
        Draft::Draft4
    } else if version_text.starts_with("3.1") || version_text.starts_with("3.2") {
        match root.get("jsonSchemaDialect").and_then(Value::as_str) {
            Some(uri) => Draft::from_uri(uri).ok_or_else(|| LoadError::UnknownDraft {
                file: file.path.clone(),
                uri: uri.to_string(),
            })?,
            None => Draft::Draft202012,
        }
    } else if version.is_number() {
        // OpenAPI requires a string (3.0.3 §4.7.1, 3.1.0 §4.8.1); a YAML `openapi: 3.10` read as a
        // number would be 3.1, so a number is refused rather than guessed at.
        return Err(LoadError::BadSource {
            source_text: file.path.clone(),
            message: format!(
                "`openapi` is the number {version}; it must be a string (openapi: \"{version}.0\")"
            ),
        });
    } else {
        return Err(LoadError::BadSource {
            source_text: file.path.clone(),
            message: format!("unsupported OpenAPI version {version} (expected 3.0 or 3.1)"),
        });
    };
    let Some(schemas) = root
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_object)
    else {
        return Ok(Vec::new());
    };
    let base_uri = file_uri(&file.path);
    let mut docs = Vec::with_capacity(schemas.len());
    for (i, (key, schema)) in schemas.iter().enumerate() {
        let name = if raw.single {
            key.clone()
        } else {
            format!("{}/{key}", name_of(&file.path))
        };
        let pointer = pointer::join("/components/schemas", key);
        let draft = walk::draft_at(schema, draft);
        docs.push(SchemaDocument {
            name,
            file: file.path.clone(),
            pointer,
            base_uri: base_uri.clone(),
            draft,
            value: Arc::new(schema.clone()),
            // The file's text is kept once, on its first component (see `Package::file_text`).
            text: if i == 0 {
                text.to_string()
            } else {
                String::new()
            },
            exact_integers: ExactIntegers::new(),
        });
    }
    Ok(docs)
}

// ---------------------------------------------------------------------------------------------
// Checks

fn is_openapi_30(doc: &SchemaDocument) -> bool {
    !doc.pointer.is_empty() && doc.draft == Draft::Draft4
}

/// The metaschema validator of `draft`, with `format` an annotation: in every draft `format`
/// asserts nothing unless asked for (draft-07 Validation §7.2, 2020-12 Validation §7.2.1), so
/// an `$id` that is not a strict URI or a `pattern` in an ECMA-262 dialect another engine
/// rejects is still a schema. Built once per draft.
fn meta_validator(draft: Draft) -> Option<&'static jsonschema::Validator> {
    static VALIDATORS: [OnceLock<Option<jsonschema::Validator>>; 5] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let (slot, meta): (usize, &Value) = match draft {
        Draft::Draft4 => (0, &**referencing::meta::DRAFT4),
        Draft::Draft6 => (1, &**referencing::meta::DRAFT6),
        Draft::Draft7 => (2, &**referencing::meta::DRAFT7),
        Draft::Draft201909 => (3, &**referencing::meta::DRAFT201909),
        Draft::Draft202012 => (4, &**referencing::meta::DRAFT202012),
    };
    VALIDATORS[slot]
        .get_or_init(|| {
            jsonschema::options()
                .with_draft(draft.to_referencing())
                .should_validate_formats(false)
                .build(meta)
                .ok()
        })
        .as_ref()
}

/// Check `doc` against its draft's metaschema (skipped for OpenAPI 3.0 components, whose
/// dialect is not a JSON Schema draft): every error, at most one per schema resource.
fn check_metaschema(doc: &SchemaDocument) -> Vec<LoadError> {
    if is_openapi_30(doc) {
        return Vec::new();
    }
    let mut out = Vec::new();
    check_resource(&doc.value, doc.draft, &doc.file, &doc.pointer, &mut out);
    out
}

/// Check one schema resource by its own dialect. A subschema below it with its own `$schema`
/// (a draft-04 metaschema copied under `definitions` of a draft-07 document, say) is an
/// embedded resource of that dialect (Core 2020-12 §9.3.1; drafts 4 to 7 read `$schema` there
/// too): it is checked on its own, by its draft, and stands as `{}` in its parent's check.
fn check_resource(value: &Value, draft: Draft, file: &str, prefix: &str, out: &mut Vec<LoadError>) {
    let mut embedded: Vec<String> = Vec::new();
    walk::for_each_subschema(value, "", draft, &mut |v, p, _| {
        if p.is_empty()
            || embedded
                .iter()
                .any(|e| p.starts_with(e.as_str()) && p[e.len()..].starts_with('/'))
        {
            return;
        }
        if v.get("$schema")
            .and_then(Value::as_str)
            .and_then(Draft::from_uri)
            .is_some()
        {
            embedded.push(p.to_string());
        }
    });
    let outer = if embedded.is_empty() {
        std::borrow::Cow::Borrowed(value)
    } else {
        let mut copy = value.clone();
        for pointer in &embedded {
            if let Some(slot) = copy.pointer_mut(pointer) {
                *slot = Value::Object(serde_json::Map::new());
            }
        }
        std::borrow::Cow::Owned(copy)
    };
    if let Some(validator) = meta_validator(draft) {
        // The deepest error names the most precise subschema.
        let worst = validator
            .iter_errors(&outer)
            .max_by_key(|e| e.instance_path().as_str().matches('/').count());
        if let Some(error) = worst {
            out.push(LoadError::InvalidSchema {
                file: file.to_string(),
                pointer: format!("{prefix}{}", error.instance_path().as_str()),
                draft,
                message: crate::input::cap_message(&error.to_string(), error.instance()),
            });
        }
    }
    for pointer in embedded {
        if let Some(inner) = value.pointer(&pointer) {
            let inner_draft = walk::draft_at(inner, draft);
            check_resource(inner, inner_draft, file, &format!("{prefix}{pointer}"), out);
        }
    }
}

/// Warn about every `pattern` (and `patternProperties` key) of `doc` that the validation
/// engine cannot compile (an ECMA-262 form such as `[\w-_.]`, which browsers accept and
/// Rust's regular-expression crates refuse). The document still loads: `pattern` is compared
/// as text where it cannot be compiled.
fn check_patterns(doc: &SchemaDocument, warnings: &mut Vec<LoadWarning>) {
    walk::for_each_subschema(&doc.value, &doc.pointer, doc.draft, &mut |v, p, _| {
        if let Some(pattern) = v.get("pattern").and_then(Value::as_str) {
            if !pattern_compiles(pattern) {
                warnings.push(LoadWarning {
                    file: doc.file.clone(),
                    pointer: format!("{p}/pattern"),
                    message: format!(
                        "the pattern {pattern:?} cannot be compiled by the validation engine; \
                         it is compared as text"
                    ),
                });
            }
        }
        if let Some(map) = v.get("patternProperties").and_then(Value::as_object) {
            for key in map.keys() {
                if !pattern_compiles(key) {
                    warnings.push(LoadWarning {
                        file: doc.file.clone(),
                        pointer: pointer::join(&format!("{p}/patternProperties"), key),
                        message: format!(
                            "the patternProperties key {key:?} cannot be compiled by the \
                             validation engine; it is compared as text"
                        ),
                    });
                }
            }
        }
    });
}

/// Whether the validation engine compiles `pattern`. Answers are kept for the process: both
/// packages of a diff, and the documents of a catalogue, repeat the same patterns, and each
/// answer builds a validator (a self-diff of the SchemaStore catalogue spent 7% of its time
/// here).
fn pattern_compiles(pattern: &str) -> bool {
    static SEEN: OnceLock<std::sync::Mutex<HashMap<String, bool>>> = OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    let known = seen
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(pattern)
        .copied();
    if let Some(known) = known {
        return known;
    }
    let compiles = jsonschema::options()
        .build(&serde_json::json!({ "pattern": pattern }))
        .is_ok();
    seen.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(pattern.to_string(), compiles);
    compiles
}

/// `package` with every `pattern` and `patternProperties` key the validation engine cannot
/// compile left out (with `additionalProperties` beside such a key, which would otherwise judge
/// the properties the key was meant to match), and a warning per change; `None` when every
/// pattern compiles. Loading accepts such patterns (see [`check_patterns`]); validation then
/// checks everything else rather than refusing the schema.
pub(crate) fn without_uncompilable_patterns(
    package: &Package,
) -> Option<(Package, Vec<LoadWarning>)> {
    let mut seen: HashMap<String, bool> = HashMap::new();
    let mut compiles = |pattern: &str| -> bool {
        *seen.entry(pattern.to_string()).or_insert_with(|| {
            jsonschema::options()
                .build(&serde_json::json!({ "pattern": pattern }))
                .is_ok()
        })
    };
    let mut copy: Option<Package> = None;
    let mut warnings = Vec::new();
    for (name, doc) in &package.documents {
        // (pointer of the subschema relative to the document, pattern to drop or key to drop)
        let mut drops: Vec<(String, Option<String>)> = Vec::new();
        walk::for_each_subschema(&doc.value, &doc.pointer, doc.draft, &mut |v, p, _| {
            let rel = p[doc.pointer.len().min(p.len())..].to_string();
            if v.get("pattern")
                .and_then(Value::as_str)
                .is_some_and(|pattern| !compiles(pattern))
            {
                drops.push((rel.clone(), None));
            }
            if let Some(map) = v.get("patternProperties").and_then(Value::as_object) {
                for key in map.keys().filter(|k| !compiles(k)) {
                    drops.push((rel.clone(), Some(key.clone())));
                }
            }
        });
        if drops.is_empty() {
            continue;
        }
        let copy = copy.get_or_insert_with(|| package.clone());
        let Some(value) = copy
            .documents
            .get_mut(name)
            .map(|d| Arc::make_mut(&mut d.value))
        else {
            continue;
        };
        for (rel, key) in drops {
            let Some(Value::Object(schema)) = value.pointer_mut(&rel) else {
                continue;
            };
            let at = format!("{}{rel}", doc.pointer);
            match key {
                None => {
                    schema.shift_remove("pattern");
                    warnings.push(LoadWarning {
                        file: doc.file.clone(),
                        pointer: format!("{at}/pattern"),
                        message: "this pattern cannot be compiled: values are not checked \
                                  against it"
                            .into(),
                    });
                }
                Some(key) => {
                    if let Some(Value::Object(map)) = schema.get_mut("patternProperties") {
                        map.shift_remove(&key);
                    }
                    let dropped_additional = schema.shift_remove("additionalProperties").is_some();
                    warnings.push(LoadWarning {
                        file: doc.file.clone(),
                        pointer: pointer::join(&format!("{at}/patternProperties"), &key),
                        message: format!(
                            "this patternProperties key cannot be compiled: the properties it \
                             names are not checked{}",
                            if dropped_additional {
                                " (nor additionalProperties beside it)"
                            } else {
                                ""
                            }
                        ),
                    });
                }
            }
        }
    }
    copy.map(|c| (c, warnings))
}

/// Every `$ref` at a schema position of `doc`, with the pointer of the subschema holding it.
pub(crate) fn refs_of(doc: &SchemaDocument) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    walk::for_each_subschema(&doc.value, &doc.pointer, doc.draft, &mut |v, p, _| {
        if let Some(r) = v.get("$ref").and_then(Value::as_str) {
            out.push((p.to_string(), r));
        }
    });
    out
}

/// The draft in effect at `pointer` (a file pointer) in `doc`.
fn draft_at_pointer(doc: &SchemaDocument, pointer: &str) -> Draft {
    let relative = pointer.strip_prefix(doc.pointer.as_str()).unwrap_or("");
    let tokens = pointer::tokens(relative);
    let mut draft = walk::draft_at(&doc.value, doc.draft);
    for (value, is_schema) in walk::path_slots(&doc.value, doc.draft, &tokens).unwrap_or_default() {
        if is_schema {
            draft = walk::draft_at(value, draft);
        }
    }
    draft
}

/// Reject cycles of bare `$ref`s: a subschema that is only a `$ref` whose target is only a
/// `$ref`, and so on back to itself, constrains nothing and never terminates (JSON Schema Core
/// 2020-12 §9.4.1 leaves such schemas undefined).
fn check_cycles(resolver: &RefResolver<'_>) -> Vec<(String, LoadError)> {
    let mut found = Vec::new();
    let mut done: HashSet<Location> = HashSet::new();
    for doc in resolver.package().documents.values() {
        let mut starts = Vec::new();
        walk::for_each_subschema(&doc.value, &doc.pointer, doc.draft, &mut |v, p, draft| {
            if walk::bare_ref(v, draft).is_some() {
                starts.push(p.to_string());
            }
        });
        for start in starts {
            let start = Location::new(doc.file.clone(), start);
            if done.contains(&start) {
                continue;
            }
            let mut path: Vec<Location> = Vec::new();
            let mut on_path: HashMap<Location, usize> = HashMap::new();
            let relative = start
                .pointer
                .strip_prefix(doc.pointer.as_str())
                .unwrap_or("");
            let Some(first) = doc.value.pointer(relative) else {
                continue;
            };
            let mut current = (start, first, doc);
            loop {
                let (location, value, holder) = current;
                if done.contains(&location) {
                    break;
                }
                if let Some(&at) = on_path.get(&location) {
                    let mut chain: Vec<String> =
                        path[at..].iter().map(ToString::to_string).collect();
                    chain.push(location.to_string());
                    found.push((
                        doc.name.clone(),
                        LoadError::RefCycle {
                            file: location.file.clone(),
                            pointer: location.pointer.clone(),
                            chain,
                        },
                    ));
                    break;
                }
                let draft = draft_at_pointer(holder, &location.pointer);
                let Some(reference) = walk::bare_ref(value, draft) else {
                    break;
                };
                // An unresolvable `$ref` is reported by the `$ref` check.
                let Ok(target) = resolver.resolve(&location, reference) else {
                    break;
                };
                on_path.insert(location.clone(), path.len());
                path.push(location);
                current = (target.location(), target.value, target.document);
            }
            done.extend(path);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn docs() -> Vec<(String, Value)> {
        vec![
            (
                "events/order".into(),
                json!({
                    "$schema": "http://json-schema.org/draft-07/schema#",
                    "type": "object",
                    "properties": {"id": {"$ref": "../common/id.json"}}
                }),
            ),
            (
                "common/id".into(),
                json!({"type": "string", "minLength": 1}),
            ),
        ]
    }

    /// The in-memory constructor yields what a directory load of the same files yields.
    /// Issue 13 item 13: `openapi: 3.1` written as a number is named as such, not as an
    /// unsupported version 3.1.
    #[test]
    fn a_numeric_openapi_version_must_be_a_string() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("api.yaml"),
            "openapi: 3.1\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    A: {type: string}\n",
        )
        .expect("write");
        let error = load(&Source::Dir(dir.path().into()), &LoadOptions::default())
            .expect_err("a numeric version is refused")
            .to_string();
        assert!(error.contains("must be a string"), "{error}");
        assert!(error.contains("api.yaml"), "{error}");
        assert!(!error.contains("expected 3.0 or 3.1"), "{error}");
    }

    /// Issue 13 item 13: a YAML error without a location (two documents in one file) names a
    /// line, not `0:0`.
    #[test]
    fn a_second_yaml_document_is_reported_at_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("a.yaml"),
            "# c\ntype: object\n---\ntype: string\n",
        )
        .expect("write");
        let error = load(&Source::Dir(dir.path().into()), &LoadOptions::default())
            .expect_err("two documents are refused")
            .to_string();
        assert!(error.contains("a.yaml:3:1: malformed YAML"), "{error}");
        assert_eq!(
            second_yaml_document_line("---\na: 1\n--- \nb: 2\n"),
            Some(3)
        );
        assert_eq!(second_yaml_document_line("---\na: 1\n"), None);
    }

    /// Issue 13 item 13: a huge unresolvable `$ref` is quoted as an excerpt, not echoed twice.
    #[test]
    fn a_huge_ref_is_not_echoed_in_full() {
        let reference = format!("#/x{}", "a".repeat(100_000));
        let schema = serde_json::json!({"$ref": reference});
        let error = from_documents(
            "memory",
            None,
            vec![("a".to_string(), schema)],
            &LoadOptions::default(),
        )
        .map(|_| ())
        .expect_err("the reference does not resolve")
        .to_string();
        assert!(error.contains("cannot resolve $ref"), "{error}");
        assert!(error.len() < 1_000, "{} bytes", error.len());
    }

    /// Issue 13 item 13: a pattern that does not compile is reported at `#/pattern`, not `#`.
    #[test]
    fn an_invalid_pattern_is_reported_at_its_pointer() {
        let schema = serde_json::json!({"type": "object", "properties": {"a": {"type": "string", "pattern": "(["}}});
        let package = from_documents(
            "memory",
            None,
            vec![("a".to_string(), schema)],
            &LoadOptions::default(),
        )
        .expect("loads");
        let doc = package.documents.values().next().expect("one document");
        let error = package
            .validator(
                &doc.location(),
                crate::validate::ValidatorOptions::default(),
            )
            .map(|_| ())
            .expect_err("an invalid pattern cannot be compiled")
            .to_string();
        assert!(error.contains("#/properties/a/pattern"), "{error}");
    }

    /// Files are read, parsed and checked on every core: the package, its warnings and its
    /// errors are the same, in file order, whatever the thread count.
    #[test]
    fn a_load_does_not_depend_on_the_thread_count() {
        let dir = tempfile::tempdir().expect("tempdir");
        for i in 0..120 {
            // A duplicate key (a warning) in each file; every 7th file does not parse and
            // every 11th fails its metaschema.
            let text = if i % 7 == 3 {
                "{\"type\": ".to_string()
            } else if i % 11 == 5 {
                r#"{"type": 12}"#.to_string()
            } else {
                format!(r#"{{"type": "object", "title": "a", "title": "t{i}"}}"#)
            };
            std::fs::write(dir.path().join(format!("s{i:03}.json")), text).expect("write");
        }
        let options = LoadOptions {
            keep_going: true,
            ..LoadOptions::default()
        };
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let package = pool
                .install(|| load(&Source::Dir(dir.path().into()), &options))
                .expect("keep-going load");
            let warnings: Vec<String> = package
                .warnings
                .iter()
                .map(|w| format!("{}#{}: {}", w.file, w.pointer, w.message))
                .collect();
            let invalid: Vec<String> = package
                .invalid
                .iter()
                .map(|d| format!("{} {:?}", d.file, d.errors))
                .collect();
            let docs: Vec<(String, Value)> = package
                .documents
                .values()
                .map(|d| (d.file.clone(), Value::clone(&d.value)))
                .collect();
            (warnings, invalid, docs)
        };
        let one = run(1);
        assert_eq!(one, run(4));
        let files: Vec<&str> = one.0.iter().map(|w| &w[..8]).collect();
        let mut sorted = files.clone();
        sorted.sort_unstable();
        assert_eq!(files, sorted, "warnings in file order");
        // 17 files do not parse (3, 10, ..., 115); 9 more fail the metaschema (5, 16, ...,
        // 104 but for 38 and 115, which do not parse).
        assert_eq!(one.1.len(), 17 + 9, "{:?}", one.1);
        assert_eq!(one.2.len(), 120 - 26);
    }

    /// Whether a pattern compiles is remembered for the process: a second load, and a second
    /// document with the same patterns, get the same warnings as the first.
    #[test]
    fn uncompilable_patterns_are_warned_of_in_every_load() {
        let doc = serde_json::json!({
            "properties": {
                "a": { "pattern": "^(?<x>a)\\k<y>$" },
                "b": { "pattern": "^[a-z]+$" }
            },
            "patternProperties": { "(unclosed": {} }
        });
        let docs = || {
            vec![
                ("a".to_string(), doc.clone()),
                ("b".to_string(), doc.clone()),
            ]
        };
        let warned = |package: &Package| -> Vec<String> {
            package
                .warnings
                .iter()
                .filter(|w| w.message.contains("cannot be compiled"))
                .map(|w| format!("{}#{}", w.file, w.pointer))
                .collect()
        };
        let options = LoadOptions::default();
        for _ in 0..2 {
            let package = from_documents("memory", None, docs(), &options).expect("loads");
            assert_eq!(
                warned(&package),
                [
                    "a.json#/patternProperties/(unclosed",
                    "a.json#/properties/a/pattern",
                    "b.json#/patternProperties/(unclosed",
                    "b.json#/properties/a/pattern",
                ]
            );
        }
        assert!(pattern_compiles("^[a-z]+$") && pattern_compiles("^[a-z]+$"));
        assert!(!pattern_compiles("(unclosed") && !pattern_compiles("(unclosed"));
    }

    #[test]
    fn from_documents_matches_a_directory_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, value) in docs() {
            let path = dir.path().join(format!("{name}.json"));
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            let text = serde_json::to_string_pretty(&value).expect("JSON");
            std::fs::write(path, text).expect("write");
        }
        let options = LoadOptions::default();
        let loaded = load(&Source::Dir(dir.path().into()), &options).expect("directory loads");
        let built = from_documents(
            "memory",
            Some(semver::Version::new(1, 2, 3)),
            docs(),
            &options,
        )
        .expect("documents load");
        assert_eq!(built.label, "memory");
        assert_eq!(built.version, Some(semver::Version::new(1, 2, 3)));
        assert_eq!(built.name, None);
        let names = |p: &Package| p.documents.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&built), names(&loaded));
        for (name, doc) in &built.documents {
            let other = &loaded.documents[name];
            assert_eq!(doc.file, other.file);
            assert_eq!(doc.pointer, other.pointer);
            assert_eq!(doc.base_uri, other.base_uri);
            assert_eq!(doc.draft, other.draft);
            assert_eq!(doc.value, other.value);
            assert_eq!(doc.text, other.text);
        }
        assert_eq!(
            built.get("events/order").map(|d| d.draft),
            Some(Draft::Draft7)
        );
        // LoadOptions::version overrides the given version, as it overrides a manifest's.
        let overridden = LoadOptions {
            version: Some(semver::Version::new(9, 0, 0)),
            ..LoadOptions::default()
        };
        let built = from_documents(
            "memory",
            Some(semver::Version::new(1, 0, 0)),
            docs(),
            &overridden,
        )
        .expect("documents load");
        assert_eq!(built.version, Some(semver::Version::new(9, 0, 0)));
    }

    /// The checks of a directory load apply: metaschema, `$ref` resolution, bare-`$ref`
    /// cycles, draft detection, name conflicts and names a directory cannot hold.
    #[test]
    fn from_documents_runs_the_load_checks() {
        let options = LoadOptions::default();
        let one = |name: &str, value: Value| {
            from_documents("memory", None, vec![(name.to_string(), value)], &options)
        };
        assert!(matches!(
            one("a", json!({"type": 5})),
            Err(LoadError::InvalidSchema { file, .. }) if file == "a.json"
        ));
        assert!(matches!(
            one("a", json!({"$ref": "missing.json"})),
            Err(LoadError::UnresolvableRef { file, .. }) if file == "a.json"
        ));
        assert!(matches!(
            one(
                "a",
                json!({"$defs": {"x": {"$ref": "#/$defs/y"}, "y": {"$ref": "#/$defs/x"}}})
            ),
            Err(LoadError::RefCycle { .. })
        ));
        assert!(matches!(
            one("a", json!({"$schema": "https://example.com/unknown"})),
            Err(LoadError::UnknownDraft { .. })
        ));
        for bad in ["", ".hidden", "node_modules/x", "package", "a/.b"] {
            assert!(
                matches!(one(bad, json!({})), Err(LoadError::BadSource { .. })),
                "{bad:?} is accepted"
            );
        }
        let twice = from_documents(
            "memory",
            None,
            vec![("a".into(), json!({})), ("a".into(), json!(true))],
            &options,
        );
        assert!(matches!(twice, Err(LoadError::Conflict { .. })));
        // Boolean roots and a shared `$id` registration are handled as on disk.
        let same_id = json!({"$id": "https://example.com/s"});
        let clash = from_documents(
            "memory",
            None,
            vec![("a".into(), same_id.clone()), ("b".into(), same_id)],
            &options,
        );
        // Both documents are invalid, each naming the other.
        let clash = clash.expect_err("one $id, two documents");
        assert_eq!(clash.flatten().len(), 2);
        assert!(clash
            .flatten()
            .iter()
            .all(|e| matches!(e, LoadError::Conflict { .. })));
        let unchecked = LoadOptions {
            validate_metaschema: false,
            ..LoadOptions::default()
        };
        assert!(from_documents(
            "memory",
            None,
            vec![("a".into(), json!({"type": 5}))],
            &unchecked
        )
        .is_ok());
        assert!(one("t", json!(true)).is_ok());
    }
}
