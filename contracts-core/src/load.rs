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
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::resolve::{file_uri, is_absolute, join};
use crate::{
    pointer, walk, Draft, LoadError, LoadOptions, Location, Package, RefResolver, SchemaDocument,
    Source,
};

/// A file read from a source, before parsing.
struct RawFile {
    /// Path relative to the package root, `/`-separated.
    path: String,
    bytes: Vec<u8>,
}

/// Everything read from a source.
struct Raw {
    files: Vec<RawFile>,
    /// `package.json` at the package root, if any.
    package_json: Option<RawFile>,
    /// `contracts.toml` at the package root, if any.
    contracts_toml: Option<RawFile>,
    /// The source is one file: OpenAPI component names are not prefixed with the file.
    single: bool,
    /// Where manifest paths are reported from.
    root: PathBuf,
    /// What reading skipped, for [`Package::warnings`].
    warnings: Vec<String>,
}

pub(crate) fn load(source: &Source, options: &LoadOptions) -> Result<Package, LoadError> {
    let raw = read(source, options)?;
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
fn assemble(
    label: String,
    name: Option<String>,
    version: Option<semver::Version>,
    raw: &Raw,
    options: &LoadOptions,
) -> Result<Package, LoadError> {
    let package = Package {
        label,
        name,
        version,
        documents: documents(raw, options)?,
        warnings: raw.warnings.clone(),
    };
    if options.validate_metaschema {
        for doc in package.documents.values() {
            check_metaschema(doc)?;
        }
    }
    let resolver = package.resolver()?;
    check_refs(&resolver)?;
    check_cycles(&resolver)?;
    drop(resolver);
    Ok(package)
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

fn read_dir(dir: &Path, options: &LoadOptions) -> Result<Raw, LoadError> {
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
    let skipped = |rel: &str| {
        format!(
            "{}: skipped symbolic link `{rel}`: its target is outside the package \
             (--follow-symlinks reads it)",
            dir.display()
        )
    };
    let mut warnings = Vec::new();
    let mut files = Vec::new();
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
        let bytes = crate::input::read_regular_file(entry.path(), limit)?;
        files.push(RawFile { path, bytes });
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
/// paths relative to it.
fn read_tar(label: &Path, reader: impl Read, prefix: &str) -> Result<Raw, LoadError> {
    let mut archive = tar::Archive::new(reader);
    let mut files = Vec::new();
    let (mut package_json, mut contracts_toml) = (None, None);
    let entries = archive.entries().map_err(|e| io(label, e))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| io(label, e))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let full = entry
            .path()
            .map_err(|e| io(label, e))?
            .to_string_lossy()
            .replace('\\', "/");
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
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| io(label.join(&path), e))?;
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

/// Run `git` in `dir` and return its standard output.
fn git(
    source: &Source,
    dir: &Path,
    args: &[&str],
    input: Option<Vec<u8>>,
) -> Result<Vec<u8>, LoadError> {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = command.spawn().map_err(|e| LoadError::BadSource {
        source_text: source.to_string(),
        message: format!("cannot run git: {e}"),
    })?;
    let writer = match (input, child.stdin.take()) {
        (Some(bytes), Some(mut stdin)) => Some(std::thread::spawn(move || {
            // A failed write shows up as git's own error.
            let _ = stdin.write_all(&bytes);
        })),
        _ => None,
    };
    let output = child.wait_with_output().map_err(|e| LoadError::BadSource {
        source_text: source.to_string(),
        message: format!("git failed: {e}"),
    })?;
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(LoadError::BadSource {
            source_text: source.to_string(),
            message: format!("git {}: {}", args.join(" "), stderr.trim()),
        });
    }
    Ok(output.stdout)
}

fn read_git(source: &Source, dir: &Path, rev: &str, path: Option<&str>) -> Result<Raw, LoadError> {
    let bad = |message: String| LoadError::BadSource {
        source_text: source.to_string(),
        message,
    };
    let top = git(source, dir, &["rev-parse", "--show-toplevel"], None)?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let tree = format!("{rev}^{{tree}}");
    git(
        source,
        &top,
        &["rev-parse", "--verify", "--quiet", &tree],
        None,
    )
    .map_err(|_| {
        bad(format!(
            "{rev:?} is not a revision of the repository at {}",
            top.display()
        ))
    })?;
    let path = path.map(|p| p.trim_matches('/')).filter(|p| !p.is_empty());
    let prefix = match path {
        Some(p) => {
            let spec = format!("{rev}:{p}");
            let kind = git(source, &top, &["cat-file", "-t", &spec], None)
                .map_err(|_| bad(format!("{p:?} does not exist at revision {rev}")))?;
            match String::from_utf8_lossy(&kind).trim() {
                "blob" => {
                    let bytes = git(source, &top, &["cat-file", "blob", &spec], None)?;
                    let name = p.rsplit('/').next().unwrap_or(p).to_string();
                    return Ok(Raw {
                        files: vec![RawFile { path: name, bytes }],
                        package_json: None,
                        contracts_toml: None,
                        single: true,
                        root: PathBuf::from(source.to_string()),
                        warnings: Vec::new(),
                    });
                }
                "tree" => format!("{p}/"),
                other => return Err(bad(format!("{p:?} is a {other}, not a folder or file"))),
            }
        }
        None => String::new(),
    };
    // List the blobs, then read them all through one `git cat-file --batch`.
    let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", rev];
    if let Some(p) = path {
        args.push("--");
        args.push(p);
    }
    let listing = git(source, &top, &args, None)?;
    let mut wanted: Vec<(String, String)> = Vec::new();
    for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        let record = String::from_utf8_lossy(record);
        let Some((meta, full)) = record.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split(' ').collect();
        let [mode, kind, oid] = fields[..] else {
            continue;
        };
        if kind != "blob" || mode == "120000" {
            continue;
        }
        let Some(relative) = full.strip_prefix(prefix.as_str()) else {
            continue;
        };
        if relative == "package.json" || relative == "contracts.toml" || is_schema_file(relative) {
            wanted.push((relative.to_string(), oid.to_string()));
        }
    }
    let input: String = wanted.iter().map(|(_, oid)| format!("{oid}\n")).collect();
    let output = git(
        source,
        &top,
        &["cat-file", "--batch"],
        Some(input.into_bytes()),
    )?;
    let mut rest = output.as_slice();
    let mut files = Vec::new();
    let (mut package_json, mut contracts_toml) = (None, None);
    for (relative, _) in wanted {
        let newline = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("truncated output from git cat-file".into()))?;
        let header = String::from_utf8_lossy(&rest[..newline]).into_owned();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad(format!("unexpected output from git cat-file: {header}")))?;
        let start = newline + 1;
        let end = start + size;
        if rest.len() < end {
            return Err(bad("truncated output from git cat-file".into()));
        }
        let file = RawFile {
            path: relative,
            bytes: rest[start..end].to_vec(),
        };
        rest = rest.get(end + 1..).unwrap_or(&[]);
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
        let version = read_version(file, value.get("version").and_then(Value::as_str))?;
        if version.is_none() && !overridden {
            return Err(manifest_error(
                file,
                "no \"version\": declare one or pass a version".into(),
            ));
        }
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
        if version.is_none() && !overridden {
            return Err(manifest_error(
                file,
                "no `version`: declare one or pass a version".into(),
            ));
        }
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

fn parse(file: &RawFile) -> Result<(Value, String), LoadError> {
    let text = utf8(file)?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = if is_yaml(&file.path) {
        serde_norway::from_str::<Value>(body).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            LoadError::Parse {
                file: file.path.clone(),
                format: "YAML",
                line,
                column,
                message: crate::input::excerpt(&e.to_string(), 4 * crate::input::EXCERPT_CHARS),
            }
        })?
    } else {
        serde_json::from_str::<Value>(body).map_err(|e| json_error(&file.path, &e))?
    };
    Ok((value, text.to_string()))
}

/// The schema name of a file: its path without the extension.
fn name_of(path: &str) -> String {
    match path.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() && !stem.ends_with('/') => stem.to_string(),
        _ => path.to_string(),
    }
}

/// The draft a document declares with `$schema`, or `default`.
fn detect_draft(file: &str, value: &Value, default: Draft) -> Result<Draft, LoadError> {
    match value.get("$schema") {
        None => Ok(default),
        Some(Value::String(uri)) => Draft::from_uri(uri).ok_or_else(|| LoadError::UnknownDraft {
            file: file.to_string(),
            uri: uri.clone(),
        }),
        Some(other) => Err(LoadError::UnknownDraft {
            file: file.to_string(),
            uri: other.to_string(),
        }),
    }
}

/// The base URI of a schema file (see [`SchemaDocument::base_uri`]).
fn base_uri_of(file: &str, value: &Value, draft: Draft) -> Result<String, LoadError> {
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

fn documents(
    raw: &Raw,
    options: &LoadOptions,
) -> Result<BTreeMap<String, SchemaDocument>, LoadError> {
    fn insert(
        doc: SchemaDocument,
        out: &mut BTreeMap<String, SchemaDocument>,
    ) -> Result<(), LoadError> {
        if let Some(existing) = out.get(&doc.name) {
            return Err(LoadError::Conflict {
                file: doc.file.clone(),
                message: format!(
                    "two schemas are named {:?}: {}{} and {}{}",
                    doc.name,
                    existing.file,
                    fragment_suffix(&existing.pointer),
                    doc.file,
                    fragment_suffix(&doc.pointer)
                ),
            });
        }
        out.insert(doc.name.clone(), doc);
        Ok(())
    }
    let mut out: BTreeMap<String, SchemaDocument> = BTreeMap::new();
    for file in &raw.files {
        let (value, text) = parse(file)?;
        if let Some(version) = value.get("openapi") {
            for doc in openapi_documents(raw, file, &value, version, &text)? {
                insert(doc, &mut out)?;
            }
            continue;
        }
        let draft = detect_draft(&file.path, &value, options.default_draft)?;
        let base_uri = base_uri_of(&file.path, &value, draft)?;
        insert(
            SchemaDocument {
                name: name_of(&file.path),
                file: file.path.clone(),
                pointer: String::new(),
                base_uri,
                draft,
                value,
                text,
            },
            &mut out,
        )?;
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
            value: schema.clone(),
            // The file's text is kept once, on its first component (see `Package::file_text`).
            text: if i == 0 {
                text.to_string()
            } else {
                String::new()
            },
        });
    }
    Ok(docs)
}

// ---------------------------------------------------------------------------------------------
// Checks

fn is_openapi_30(doc: &SchemaDocument) -> bool {
    !doc.pointer.is_empty() && doc.draft == Draft::Draft4
}

/// Check `doc` against its draft's metaschema (skipped for OpenAPI 3.0 components, whose
/// dialect is not a JSON Schema draft).
fn check_metaschema(doc: &SchemaDocument) -> Result<(), LoadError> {
    if is_openapi_30(doc) {
        return Ok(());
    }
    let validator = match doc.draft {
        Draft::Draft4 => jsonschema::draft4::meta::validator(),
        Draft::Draft6 => jsonschema::draft6::meta::validator(),
        Draft::Draft7 => jsonschema::draft7::meta::validator(),
        Draft::Draft201909 => jsonschema::draft201909::meta::validator(),
        Draft::Draft202012 => jsonschema::draft202012::meta::validator(),
    };
    // The deepest error names the most precise subschema.
    let worst = validator
        .iter_errors(&doc.value)
        .max_by_key(|e| e.instance_path().as_str().matches('/').count());
    if let Some(error) = worst {
        return Err(LoadError::InvalidSchema {
            file: doc.file.clone(),
            pointer: format!("{}{}", doc.pointer, error.instance_path().as_str()),
            draft: doc.draft,
            message: crate::input::cap_message(&error.to_string(), error.instance()),
        });
    }
    Ok(())
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

fn check_refs(resolver: &RefResolver<'_>) -> Result<(), LoadError> {
    for doc in resolver.package().documents.values() {
        for (pointer, reference) in refs_of(doc) {
            resolver.resolve(&Location::new(doc.file.clone(), pointer), reference)?;
        }
    }
    Ok(())
}

/// The draft in effect at `pointer` (a file pointer) in `doc`.
fn draft_at_pointer(doc: &SchemaDocument, pointer: &str) -> Draft {
    let relative = pointer.strip_prefix(doc.pointer.as_str()).unwrap_or("");
    let tokens = pointer::tokens(relative);
    let mut draft = walk::draft_at(&doc.value, doc.draft);
    for (value, is_schema) in walk::path_slots(&doc.value, &tokens).unwrap_or_default() {
        if is_schema {
            draft = walk::draft_at(value, draft);
        }
    }
    draft
}

/// Reject cycles of bare `$ref`s: a subschema that is only a `$ref` whose target is only a
/// `$ref`, and so on back to itself, constrains nothing and never terminates (JSON Schema Core
/// 2020-12 §9.4.1 leaves such schemas undefined).
fn check_cycles(resolver: &RefResolver<'_>) -> Result<(), LoadError> {
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
                    return Err(LoadError::RefCycle {
                        file: location.file.clone(),
                        pointer: location.pointer.clone(),
                        chain,
                    });
                }
                let draft = draft_at_pointer(holder, &location.pointer);
                let Some(reference) = walk::bare_ref(value, draft) else {
                    break;
                };
                let target = resolver.resolve(&location, reference)?;
                on_path.insert(location.clone(), path.len());
                path.push(location);
                current = (target.location(), target.value, target.document);
            }
            done.extend(path);
        }
    }
    Ok(())
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
        assert!(matches!(clash, Err(LoadError::Conflict { .. })));
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
