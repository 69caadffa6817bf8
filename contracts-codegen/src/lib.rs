//! `contracts-codegen`: typed Rust DTOs from a contracts package, with `typify` doing the
//! type conversion and this crate doing what typify alone cannot on whole packages:
//!
//! - **Bundling**: every document of the package is merged into one root schema whose
//!   `definitions` hold each document root, each `$defs`/`definitions` entry and every other
//!   `$ref` target (nested pointers are hoisted), with every `$ref` (cross-file, `$id`-based,
//!   `#anchor`, JSON Pointer) rewritten to `#/definitions/<Name>`. Root types are named from
//!   the schema's name in the package (`events/import.progress.v1` → `ImportProgressV1`);
//!   names that collide in Rust (case, `-`/`_`) are disambiguated deterministically.
//! - **An adapter** around typify: a lint for constructs typify 0.8 cannot convert, typify run
//!   behind `catch_unwind`, every failure narrowed to a schema and JSON Pointer; with
//!   [`Builder::lenient`] the offending subschema becomes `serde_json::Value` and a warning.
//!   Keywords typify silently ignores are reported as warnings.
//! - **Output**: one module (or one file per schema with [`Builder::split`]), formatted with
//!   `prettyplease`, byte-identical across runs, with a header naming the package, its version
//!   and a content hash; an enum over the package's event types.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     contracts_codegen::Builder::new()
//!         .package("contracts/")
//!         .generate_to_out_dir("contracts.rs")?;
//!     Ok(())
//! }
//! ```
#![deny(missing_docs)]

mod adapter;
mod bundle;
mod events;
mod lint;
mod naming;
mod output;
mod walk;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use contracts_core::{LoadError, LoadOptions, Package, Source};
use serde_json::Value;

/// A problem located in the package: the schema, its file and the JSON Pointer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The package schema (document name, e.g. `events/import.progress.v1`).
    pub schema: String,
    /// The file, relative to the package root.
    pub file: String,
    /// JSON Pointer (RFC 6901) of the subschema inside `file`.
    pub pointer: String,
    /// What is wrong, or what is not enforced.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}#{}): {}",
            self.schema, self.file, self.pointer, self.message
        )
    }
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why code could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The package could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Subschemas typify cannot convert (without `lenient`), or `$ref`s that do not resolve.
    #[error("{} subschema(s) cannot be generated (use lenient mode to map them to serde_json::Value):\n{}", .0.len(), list(.0))]
    Unsupported(Vec<Diagnostic>),
    /// typify failed in a way that could not be narrowed to one schema.
    #[error("typify failed on the package: {0}")]
    Typify(String),
    /// Reading or writing a file failed.
    #[error("{}: {message}", path.display())]
    Io {
        /// The path in question.
        path: PathBuf,
        /// The operating system's message.
        message: String,
    },
    /// The builder was used without a package, or `OUT_DIR` is missing.
    #[error("{0}")]
    Usage(String),
    /// A derive given to [`Builder::derive`] is not a derive path (checked before the package
    /// is loaded, so a bad value is one error, not a failure per definition).
    #[error("invalid derive `{value}`: {message}")]
    InvalidDerive {
        /// The value as given.
        value: String,
        /// Why it is not a derive path.
        message: String,
    },
}

/// Check that `derive` is a derive macro path (`PartialOrd`, `schemars::JsonSchema`,
/// `::serde::Serialize`): a Rust path without generic arguments. typify unwraps the parse of
/// every derive for every type it emits, so a bad value must be refused before it runs.
///
/// # Errors
/// [`Error::InvalidDerive`] naming the value and what is wrong with it.
pub fn validate_derive(derive: &str) -> Result<(), Error> {
    let invalid = |message: String| Error::InvalidDerive {
        value: derive.to_string(),
        message,
    };
    if derive.contains(',') {
        return Err(invalid(
            "one derive per value: give several derives as separate values".into(),
        ));
    }
    let path = syn::parse_str::<syn::Path>(derive).map_err(|e| {
        invalid(format!(
            "not a Rust path ({e}); expected a derive macro path such as `schemars::JsonSchema`"
        ))
    })?;
    if path
        .segments
        .iter()
        .any(|s| !matches!(s.arguments, syn::PathArguments::None))
    {
        return Err(invalid(
            "a derive path takes no generic arguments; expected e.g. `schemars::JsonSchema`".into(),
        ));
    }
    Ok(())
}

/// How the package is given to the [`Builder`].
#[derive(Debug, Clone)]
pub enum PackageInput {
    /// A path or source string as [`Source::parse`] reads it (directory, file, `.tgz`,
    /// `git:REV:PATH`).
    Text(String),
    /// A parsed source.
    Source(Source),
    /// An already loaded package.
    Loaded(Box<Package>),
}

impl From<&str> for PackageInput {
    fn from(s: &str) -> Self {
        PackageInput::Text(s.to_string())
    }
}
impl From<String> for PackageInput {
    fn from(s: String) -> Self {
        PackageInput::Text(s)
    }
}
impl From<&Path> for PackageInput {
    fn from(p: &Path) -> Self {
        PackageInput::Text(p.to_string_lossy().into_owned())
    }
}
impl From<PathBuf> for PackageInput {
    fn from(p: PathBuf) -> Self {
        PackageInput::Text(p.to_string_lossy().into_owned())
    }
}
impl From<Source> for PackageInput {
    fn from(s: Source) -> Self {
        PackageInput::Source(s)
    }
}
impl From<Package> for PackageInput {
    fn from(p: Package) -> Self {
        PackageInput::Loaded(Box::new(p))
    }
}

/// Counts from one generation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents in the package.
    pub schemas: usize,
    /// Definitions in the bundle (document roots, `$defs` entries, hoisted `$ref` targets).
    pub definitions: usize,
    /// Definitions generated as real types, with no subschema replaced.
    pub typed: usize,
    /// Definitions generated as types with some subschemas replaced by `serde_json::Value`.
    pub partial: usize,
    /// Definitions replaced whole by `serde_json::Value`.
    pub fallback: usize,
    /// Document roots generated as real types (not replaced whole).
    pub schemas_typed: usize,
    /// Document roots replaced whole by `serde_json::Value`.
    pub schemas_fallback: usize,
    /// Variants of the event enum.
    pub events: usize,
    /// Structs whose colliding field names were renamed.
    pub renamed_fields: usize,
}

/// The result of [`Builder::generate`].
#[derive(Debug, Clone)]
pub struct Generated {
    /// The whole module, formatted, header first.
    pub code: String,
    /// With [`Builder::split`]: file name (`mod.rs`, `<schema>.rs`) → contents; else empty.
    pub files: BTreeMap<String, String>,
    /// Keywords not enforced and subschemas replaced (lenient), per schema and pointer.
    pub warnings: Vec<Diagnostic>,
    /// Counts.
    pub stats: Stats,
    /// Root type name of every package schema (document name → Rust type).
    pub roots: BTreeMap<String, String>,
    /// The package files read (for `cargo:rerun-if-changed`).
    pub inputs: Vec<PathBuf>,
    /// How long generation took (loading excluded).
    pub elapsed: Duration,
}

impl Generated {
    /// Write the output to `path`: the module file, or with [`Builder::split`] a directory
    /// holding `mod.rs` and one file per schema. Every file is written atomically.
    ///
    /// # Errors
    /// [`Error::Io`] when a file cannot be written.
    pub fn write(&self, path: &Path) -> Result<(), Error> {
        if self.files.is_empty() {
            return write_atomic(path, &self.code);
        }
        std::fs::create_dir_all(path).map_err(|e| io_error(path, e))?;
        for (name, contents) in &self.files {
            write_atomic(&path.join(name), contents)?;
        }
        Ok(())
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Generates Rust types from a contracts package, in the style of `prost-build`.
#[derive(Debug, Clone)]
pub struct Builder {
    package: Option<PackageInput>,
    load_options: LoadOptions,
    lenient: bool,
    derives: Vec<String>,
    split: bool,
    events: bool,
    event_fields: (String, String),
    event_enum: String,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// A builder with the defaults: strict, derives `Debug, Clone, PartialEq, Serialize,
    /// Deserialize`, one module, an event enum `Event` routed on `type` and `version`.
    pub fn new() -> Self {
        Builder {
            package: None,
            load_options: LoadOptions::default(),
            lenient: false,
            derives: Vec::new(),
            split: false,
            events: true,
            event_fields: ("type".into(), "version".into()),
            event_enum: "Event".into(),
        }
    }

    /// The package: a directory, schema file, OpenAPI document, npm `.tgz`, `git:REV:PATH`,
    /// a [`Source`] or a loaded [`Package`].
    pub fn package(mut self, package: impl Into<PackageInput>) -> Self {
        self.package = Some(package.into());
        self
    }

    /// Options for loading the package.
    pub fn load_options(mut self, options: LoadOptions) -> Self {
        self.load_options = options;
        self
    }

    /// Map subschemas typify cannot convert to `serde_json::Value` (with a warning each)
    /// instead of failing.
    pub fn lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }

    /// Add derives beyond the defaults, e.g. `schemars::JsonSchema`. Each is one derive macro
    /// path; [`Builder::generate`] refuses anything else with [`Error::InvalidDerive`] before
    /// loading the package (see [`validate_derive`]).
    pub fn derive<I, S>(mut self, derives: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        for d in derives {
            let d = d.into();
            if !self.derives.contains(&d) {
                self.derives.push(d);
            }
        }
        self
    }

    /// Produce one file per schema (see [`Generated::files`]) besides the single module.
    pub fn split(mut self, split: bool) -> Self {
        self.split = split;
        self
    }

    /// Generate the event enum (default `true`).
    pub fn events(mut self, events: bool) -> Self {
        self.events = events;
        self
    }

    /// The envelope fields an event schema fixes with `const` (default `type`, `version`).
    pub fn event_fields(mut self, type_field: &str, version_field: &str) -> Self {
        self.event_fields = (type_field.to_string(), version_field.to_string());
        self
    }

    /// The name of the event enum (default `Event`).
    pub fn event_enum(mut self, name: &str) -> Self {
        self.event_enum = name.to_string();
        self
    }

    fn load(&self) -> Result<(Package, Vec<PathBuf>), Error> {
        let input = self
            .package
            .clone()
            .ok_or_else(|| Error::Usage("no package given: call Builder::package".into()))?;
        let source = match input {
            PackageInput::Loaded(p) => return Ok((*p, Vec::new())),
            PackageInput::Source(s) => s,
            PackageInput::Text(t) => Source::parse(&t)?,
        };
        let package = Package::load(&source, &self.load_options)?;
        let inputs = match &source {
            Source::Dir(root) => {
                let mut files: BTreeSet<PathBuf> = package
                    .documents
                    .values()
                    .map(|d| root.join(&d.file))
                    .collect();
                for manifest in ["package.json", "contracts.toml"] {
                    let m = root.join(manifest);
                    if m.exists() {
                        files.insert(m);
                    }
                }
                files.insert(root.clone());
                files.into_iter().collect()
            }
            Source::File(p) | Source::Tarball(p) => vec![p.clone()],
            Source::Git { .. } => Vec::new(),
        };
        Ok((package, inputs))
    }

    /// Load the package and generate the code.
    ///
    /// # Errors
    /// [`Error::InvalidDerive`] when a derive is not a derive path (before the package is
    /// loaded); [`Error::Load`] when the package does not load; [`Error::Unsupported`] naming every
    /// schema and pointer typify cannot convert (unless lenient); [`Error::Typify`] when a
    /// failure cannot be narrowed down.
    pub fn generate(&self) -> Result<Generated, Error> {
        self.validate()?;
        let (package, inputs) = self.load()?;
        let mut generated = self.generate_package(&package)?;
        generated.inputs = inputs;
        Ok(generated)
    }

    /// Generate into `$OUT_DIR/<file_name>` (for `build.rs`), printing
    /// `cargo:rerun-if-changed` for every input file and `cargo:warning` for every warning when
    /// `CONTRACTS_CODEGEN_WARNINGS` is set.
    ///
    /// # Errors
    /// [`Error::Usage`] without `OUT_DIR`; any error of [`Builder::generate`] or the write.
    pub fn generate_to_out_dir(&self, file_name: &str) -> Result<Generated, Error> {
        let out_dir = std::env::var_os("OUT_DIR")
            .ok_or_else(|| Error::Usage("OUT_DIR is not set: call this from build.rs".into()))?;
        let generated = self.generate()?;
        for input in &generated.inputs {
            println!("cargo:rerun-if-changed={}", input.display());
        }
        if std::env::var_os("CONTRACTS_CODEGEN_WARNINGS").is_some() {
            for w in &generated.warnings {
                println!("cargo:warning={w}");
            }
        }
        let path = Path::new(&out_dir).join(file_name);
        if self.split {
            let dir = path.with_extension("");
            generated.write(&dir)?;
        }
        write_atomic(&path, &generated.code)?;
        Ok(generated)
    }

    /// Generate the code for an already loaded package.
    ///
    /// # Errors
    /// As [`Builder::generate`].
    pub fn generate_package(&self, package: &Package) -> Result<Generated, Error> {
        self.validate()?;
        let started = Instant::now();
        // One resolver (registry and address index of every document) for both passes.
        let resolver = package.resolver()?;
        let mut bundle = bundle::bundle(package, &resolver, self.lenient)?;
        let mut warnings = bundle.warnings.clone();
        let mut errors = Vec::new();
        let mut defs: BTreeMap<String, Value> = BTreeMap::new();
        let mut replaced: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();

        for (name, def) in &bundle.definitions {
            let mut value = def.value.clone();
            let lint = lint::lint(&value);
            for f in &lint.ignored {
                warnings.push(def.origin.diagnostic(&f.pointer, f.message.clone()));
            }
            // Outermost first; a finding inside an already replaced subschema is moot.
            let mut done: Vec<String> = Vec::new();
            for f in &lint.unsupported {
                if done
                    .iter()
                    .any(|d| f.pointer == *d || f.pointer.starts_with(&format!("{d}/")))
                {
                    continue;
                }
                if self.lenient {
                    if let Some(slot) = value.pointer_mut(&f.pointer) {
                        *slot = adapter::fallback(slot);
                    }
                    warnings.push(def.origin.diagnostic(
                        &f.pointer,
                        format!("{}; generated as serde_json::Value", f.message),
                    ));
                    replaced
                        .entry(name.clone())
                        .or_default()
                        .insert(f.pointer.clone());
                    done.push(f.pointer.clone());
                } else {
                    errors.push(def.origin.diagnostic(&f.pointer, f.message.clone()));
                }
            }
            defs.insert(name.clone(), value);
        }
        if !errors.is_empty() {
            errors.sort();
            return Err(Error::Unsupported(errors));
        }

        let settings = adapter::Settings {
            derives: self.all_derives(),
        };
        let mut renames = 0;
        let mut renamed: BTreeSet<String> = BTreeSet::new();
        let trace = std::env::var_os("CONTRACTS_CODEGEN_TRACE").is_some();
        let tokens = loop {
            let attempt_started = Instant::now();
            let attempt = adapter::attempt(&defs, &settings);
            if trace {
                eprintln!(
                    "contracts-codegen: typify over {} definitions: {:.2}s: {}",
                    defs.len(),
                    attempt_started.elapsed().as_secs_f64(),
                    attempt.as_ref().err().map_or("ok", String::as_str)
                );
            }
            match attempt {
                Ok(tokens) => break tokens,
                Err(whole) => {
                    // typify named an inner type like one of the definitions: rename the
                    // definition (deterministically) and try again.
                    let dups: Vec<String> = duplicate_types(&whole)
                        .into_iter()
                        .filter(|d| defs.contains_key(d) && !renamed.contains(d))
                        .collect();
                    if !dups.is_empty() && renames < 100 {
                        // typify named inner types like these definitions: rename the
                        // definitions (deterministically) and try again. One that collides
                        // with itself is left to the isolation below.
                        renames += 1;
                        for dup in dups {
                            let taken: BTreeSet<String> =
                                defs.keys().map(|k| naming::collision_key(k)).collect();
                            let mut n = 2;
                            let mut new = format!("{dup}{n}");
                            while taken.contains(&naming::collision_key(&new)) {
                                n += 1;
                                new = format!("{dup}{n}");
                            }
                            let origin = bundle.definitions[&dup].origin.clone();
                            warnings.push(origin.diagnostic(
                                "",
                                format!("typify names an inner type of another schema `{dup}`: this schema's type is `{new}`"),
                            ));
                            renamed.insert(new.clone());
                            bundle.rename(&dup, &new);
                            if let Some(value) = defs.remove(&dup) {
                                defs.insert(new.clone(), value);
                            }
                            for value in defs.values_mut() {
                                bundle::rename_refs(value, &dup, &new);
                            }
                            if let Some(r) = replaced.remove(&dup) {
                                replaced.insert(new, r);
                            }
                        }
                        continue;
                    }
                    let names: Vec<String> = defs.keys().cloned().collect();
                    // First each definition alone (its references stubbed); a failure that
                    // needs several definitions together (typify merges an `allOf` member
                    // behind a `$ref`, and panics on what it finds there) is then found with
                    // each definition's references, and costs only the definition it is in.
                    let mut context = adapter::Context::Stubbed;
                    let mut failing = adapter::failing(context, &defs, &names, &settings);
                    if failing.is_empty() {
                        context = adapter::Context::Referenced;
                        failing = adapter::failing(context, &defs, &names, &settings);
                        // Innermost first: fixing a referenced definition may fix its users.
                        failing.sort_by_key(|(n, _)| (adapter::closure_size(&defs, n), n.clone()));
                    }
                    if trace {
                        eprintln!("contracts-codegen: failing ({context:?}): {failing:?}");
                    }
                    if failing.is_empty() {
                        return Err(Error::Typify(whole));
                    }
                    for (name, _) in failing {
                        let origin = &bundle.definitions[&name].origin;
                        let mut rounds = 0;
                        loop {
                            let schema = defs[&name].clone();
                            let Err(message) =
                                adapter::attempt_in(context, &name, &schema, &defs, &settings)
                            else {
                                break;
                            };
                            let pointer =
                                adapter::locate(context, &name, &schema, &defs, &settings);
                            rounds += 1;
                            if !self.lenient {
                                errors.push(origin.diagnostic(&pointer, message));
                                break;
                            }
                            warnings.push(origin.diagnostic(
                                &pointer,
                                format!("{message}; generated as serde_json::Value"),
                            ));
                            replaced
                                .entry(name.clone())
                                .or_default()
                                .insert(pointer.clone());
                            let def = defs.get_mut(&name).expect("failing names are defined");
                            if pointer.is_empty() || rounds > 32 {
                                *def = adapter::fallback(def);
                                if pointer.is_empty() {
                                    break;
                                }
                            } else if let Some(slot) = def.pointer_mut(&pointer) {
                                *slot = adapter::fallback(slot);
                            }
                        }
                    }
                    if !errors.is_empty() {
                        errors.sort();
                        return Err(Error::Unsupported(errors));
                    }
                }
            }
        };

        let mut file: syn::File = syn::parse2(tokens)
            .map_err(|e| Error::Typify(format!("generated tokens do not parse: {e}")))?;
        let renamed = output::dedupe_fields(&mut file);
        output::fix_struct_defaults(&mut file);
        for type_name in &renamed {
            if let Some(def) = bundle.definitions.get(type_name) {
                warnings.push(def.origin.diagnostic(
                    "",
                    format!("properties of `{type_name}` differ only in case or `-`/`_`: later ones got `_2`, `_3`... field names"),
                ));
            }
        }

        let mut event_count = 0;
        if self.events {
            let (type_field, version_field) = &self.event_fields;
            let found = events::find(package, &resolver, &bundle.roots, type_field, version_field);
            event_count = found.len();
            if !found.is_empty() {
                let taken: BTreeSet<String> = bundle
                    .definitions
                    .keys()
                    .map(|n| naming::collision_key(n))
                    .collect();
                let mut enum_name = self.event_enum.clone();
                while taken.contains(&naming::collision_key(&enum_name)) {
                    enum_name = format!("Package{enum_name}");
                }
                file.items.extend(events::generate(
                    &enum_name,
                    &found,
                    type_field,
                    version_field,
                ));
            }
        }

        let hash = output::content_hash(package);
        let header = output::header(package, &hash);
        let code = format!("{header}{}", prettyplease::unparse(&file));
        let files = if self.split {
            let owners: BTreeMap<String, String> = bundle
                .definitions
                .iter()
                .map(|(name, def)| (name.clone(), module_name(&bundle, &def.origin.schema)))
                .collect();
            output::split(&file, &owners, &header)
        } else {
            BTreeMap::new()
        };

        let mut stats = Stats {
            schemas: package.documents.len(),
            definitions: bundle.definitions.len(),
            events: event_count,
            renamed_fields: renamed.len(),
            ..Stats::default()
        };
        for name in bundle.definitions.keys() {
            match replaced.get(name) {
                None => stats.typed += 1,
                Some(ptrs) if ptrs.contains("") => stats.fallback += 1,
                Some(_) => stats.partial += 1,
            }
        }
        for root in bundle.roots.values() {
            match replaced.get(root) {
                Some(ptrs) if ptrs.contains("") => stats.schemas_fallback += 1,
                _ => stats.schemas_typed += 1,
            }
        }
        warnings.sort();
        warnings.dedup();
        Ok(Generated {
            code,
            files,
            warnings,
            stats,
            roots: bundle.roots.clone(),
            inputs: Vec::new(),
            elapsed: started.elapsed(),
        })
    }

    /// Check the options before any work: every derive is a derive path.
    fn validate(&self) -> Result<(), Error> {
        self.derives.iter().try_for_each(|d| validate_derive(d))
    }

    fn all_derives(&self) -> Vec<String> {
        let mut d = vec!["PartialEq".to_string()];
        for extra in &self.derives {
            if !d.contains(extra) {
                d.push(extra.clone());
            }
        }
        d
    }
}

/// The type names in an adapter "several types with one name" failure.
fn duplicate_types(message: &str) -> Vec<String> {
    match message.strip_prefix(adapter::DUPLICATES) {
        Some(rest) => rest
            .split(", ")
            .map(|n| n.trim_matches('`').to_string())
            .collect(),
        None => Vec::new(),
    }
}

/// The module (file) name of a package schema in split output: its root type in snake case.
fn module_name(bundle: &bundle::Bundle, schema: &str) -> String {
    let base = bundle
        .roots
        .get(schema)
        .cloned()
        .unwrap_or_else(|| naming::pascal(schema));
    let mut out = String::new();
    for (i, c) in base.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A test hook (not a user option): milliseconds [`write_atomic`] sleeps after creating its
/// temporary file, announcing it on stderr, so that a test can interrupt it there.
#[doc(hidden)]
pub const PAUSE_ENV: &str = "CONTRACTS_TEST_WRITE_PAUSE_MS";

/// The temporary files of [`write_atomic`] calls in progress.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the lock was held leaves a list that is still usable.
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// A temporary file registered in [`PENDING`] for as long as the guard lives.
struct PendingTemp(PathBuf);

impl PendingTemp {
    fn register(path: &Path) -> PendingTemp {
        pending().push(path.to_path_buf());
        PendingTemp(path.to_path_buf())
    }
}

impl Drop for PendingTemp {
    fn drop(&mut self) {
        let mut list = pending();
        if let Some(i) = list.iter().rposition(|p| *p == self.0) {
            list.swap_remove(i);
        }
    }
}

/// Remove the temporary files of every [`write_atomic`] still in progress; for a SIGINT or
/// SIGTERM handler, which then exits (a process killed mid-write would otherwise leave a
/// `.contracts-codegen-*` file beside the target, since no destructor runs). Returns how
/// many were removed. The list stays locked afterwards (no write in progress can register or
/// finish after it): call it only on the way out.
pub fn remove_pending_temp_files() -> usize {
    let list = pending();
    let removed = list
        .iter()
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count();
    // Held until the process exits.
    std::mem::forget(list);
    removed
}

/// Write `contents` to `path` atomically: a temporary file in the same directory, renamed over
/// `path`. A failure never leaves a half-written `path`; an interrupt handler calling
/// [`remove_pending_temp_files`] leaves no temporary file either.
///
/// What is at `path` is respected: a symbolic link is written through (its target is
/// replaced, the link stays); a rewritten file keeps its permissions and, where the process
/// may set them, its owner and group; a character device or FIFO (`/dev/stdout`, a pipe) is
/// written directly, so its errors (`/dev/full`: no space left) are reported; a directory or
/// any other kind of file is refused.
///
/// # Errors
/// [`Error::Io`] when the directory is not writable, the rename or a direct write fails, or
/// `path` is neither a regular file, a character device nor a FIFO.
pub fn write_atomic(path: &Path, contents: &str) -> Result<(), Error> {
    // `metadata` follows symbolic links: the kind of what is finally there.
    let existing = std::fs::metadata(path).ok();
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return write_special(path, meta, contents);
        }
    }
    // Through a symbolic link to its target (a dangling link: to where it points).
    let target = if path.is_symlink() {
        std::fs::canonicalize(path).or_else(|_| {
            std::fs::read_link(path).map(|to| match path.parent() {
                Some(parent) => parent.join(to),
                None => to,
            })
        })
    } else {
        Ok(path.to_path_buf())
    }
    .map_err(|e| io_error(path, e))?;
    let path = target.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".contracts-codegen-");
    // A temporary file is private (0600); a new generated file gets a source file's usual 0644
    // (less the umask), a rewritten one the permissions it had.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| io_error(&dir, e))?;
    // Until it is renamed or dropped, an interrupt handler may remove it.
    let _registered = PendingTemp::register(tmp.path());
    if let Some(ms) = std::env::var(PAUSE_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        // Test hook: the end-to-end tests interrupt the process here.
        eprintln!("paused after creating {}", tmp.path().display());
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    if let Some(meta) = &existing {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(|e| io_error(path, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Root may give the file back to its owner; others keep their own (and a
            // failure to change it is not an error: the contents are what matter).
            let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
        }
    }
    tmp.write_all(contents.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| io_error(path, e))?;
    tmp.persist(path).map_err(|e| io_error(path, e.error))?;
    Ok(())
}

/// [`write_atomic`] to something other than a regular file.
fn write_special(path: &Path, meta: &std::fs::Metadata, contents: &str) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() || kind.is_fifo() {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| io_error(path, e))?;
            return file
                .write_all(contents.as_bytes())
                .and_then(|()| file.flush())
                .map_err(|e| io_error(path, e));
        }
    }
    let what = if meta.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    };
    Err(io_error(
        path,
        std::io::Error::other(format!("{what}: refusing to replace it")),
    ))
}

/// Whether a file on disk matches freshly generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// The file equals the generated code.
    Fresh,
    /// The file differs (or is missing): a unified diff from the file to the generated code.
    Stale {
        /// Unified diff, `---` the file, `+++` the generated code.
        diff: String,
    },
}

fn diff_one(label: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(label, &format!("{label} (generated)"))
        .to_string()
}

/// Compare `path` with `generated`: the module file, or with split output the directory of
/// files. A missing file is stale.
///
/// # Errors
/// [`Error::Io`] when a file exists but cannot be read.
pub fn check(path: &Path, generated: &Generated) -> Result<Freshness, Error> {
    let read = |p: &Path| -> Result<String, Error> {
        match std::fs::read_to_string(p) {
            Ok(s) => Ok(s),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
            Err(e) => Err(io_error(p, e)),
        }
    };
    let mut diff = String::new();
    if generated.files.is_empty() {
        let old = read(path)?;
        if old != generated.code {
            diff.push_str(&diff_one(
                &path.display().to_string(),
                &old,
                &generated.code,
            ));
        }
    } else {
        for (name, contents) in &generated.files {
            let p = path.join(name);
            let old = read(&p)?;
            if old != *contents {
                diff.push_str(&diff_one(&p.display().to_string(), &old, contents));
            }
        }
    }
    if diff.is_empty() {
        Ok(Freshness::Fresh)
    } else {
        Ok(Freshness::Stale { diff })
    }
}

#[cfg(all(test, unix))]
mod write_tests {
    use super::write_atomic;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_symlink_is_written_through_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, "new").unwrap();
        assert!(link.is_symlink(), "the link stays a link");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "the mode is kept");
    }

    #[test]
    fn devices_are_written_directly_and_directories_refused() {
        let err = write_atomic(std::path::Path::new("/dev/full"), "x")
            .unwrap_err()
            .to_string();
        assert!(err.contains("/dev/full"), "{err}");
        assert!(
            std::fs::metadata("/dev/full")
                .unwrap()
                .file_type()
                .is_file()
                .eq(&false),
            "/dev/full is still a device"
        );
        write_atomic(std::path::Path::new("/dev/null"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), "x").unwrap_err().to_string();
        assert!(err.contains("directory"), "{err}");
    }
}
