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
mod leniency;
mod lint;
mod naming;
mod objects;
mod output;
mod walk;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use contracts_core::{LoadError, LoadOptions, Package, Source};
use leniency::Leniency;
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
    /// An option of the [`Builder`] is malformed or names nothing in the package (checked
    /// before typify runs): [`Builder::extern_type`], [`Builder::type_attribute`],
    /// [`Builder::rename_type`].
    #[error("invalid {option} `{value}`: {message}")]
    InvalidOption {
        /// The builder method.
        option: &'static str,
        /// The value as given.
        value: String,
        /// What is wrong with it.
        message: String,
    },
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

/// Check the values of [`Builder::extern_type`] before the package is loaded: `rust_type`
/// must be a Rust type path (`crate::Money`) and `schema` not empty. Whether `schema` names
/// something of the package is known only once it is loaded ([`Builder::generate`] checks it).
///
/// # Errors
/// [`Error::InvalidOption`] naming the value and what is wrong with it.
pub fn validate_extern_type(schema: &str, rust_type: &str) -> Result<(), Error> {
    no_empty_schema("extern_type", schema)?;
    syn::parse_str::<syn::TypePath>(rust_type).map_err(|e| {
        invalid_option(
            "extern_type",
            rust_type,
            format!("not a Rust type path ({e}); expected e.g. `crate::Money`"),
        )
    })?;
    Ok(())
}

/// Check the values of [`Builder::type_attribute`] before the package is loaded: `pattern`
/// must be a non-empty glob and `attribute` one or more outer attributes (`#[non_exhaustive]`). Whether
/// the pattern matches a generated type is known only once the code is generated.
///
/// # Errors
/// [`Error::InvalidOption`] naming the value and what is wrong with it.
pub fn validate_type_attribute(pattern: &str, attribute: &str) -> Result<(), Error> {
    if pattern.is_empty() {
        return Err(invalid_option(
            "type_attribute",
            pattern,
            "empty pattern: expected a glob over schema names such as `events/*`, or a type name"
                .into(),
        ));
    }
    glob(pattern).map_err(|m| invalid_option("type_attribute", pattern, m))?;
    parse_attributes(attribute).map_err(|m| invalid_option("type_attribute", attribute, m))?;
    Ok(())
}

/// Check the values of [`Builder::rename_type`] before the package is loaded: `new_name` must
/// be a Rust identifier and not a name generated code calls (`Default`, `Option`...), and
/// `schema` not empty. Whether `schema` names something of the package, and whether the name is free, is known only once
/// it is loaded ([`Builder::generate`] checks both).
///
/// # Errors
/// [`Error::InvalidOption`] naming the value and what is wrong with it.
pub fn validate_rename_type(schema: &str, new_name: &str) -> Result<(), Error> {
    no_empty_schema("rename_type", schema)?;
    let ok =
        syn::parse_str::<syn::Ident>(new_name).is_ok() && !naming::RESERVED.contains(&new_name);
    if !ok {
        return Err(invalid_option(
            "rename_type",
            new_name,
            "not a Rust identifier, or a name generated code calls (Default, Option, Result...)"
                .into(),
        ));
    }
    Ok(())
}

fn no_empty_schema(option: &'static str, schema: &str) -> Result<(), Error> {
    if schema.is_empty() {
        return Err(invalid_option(
            option,
            schema,
            "empty schema: expected a schema name (`money`), a file (`money.json`) or `file#pointer`"
                .into(),
        ));
    }
    Ok(())
}

fn invalid_option(option: &'static str, value: &str, message: String) -> Error {
    Error::InvalidOption {
        option,
        value: value.to_string(),
        message,
    }
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
    budget: Option<Duration>,
    memory_budget: u64,
    extern_types: Vec<(String, String)>,
    type_attributes: Vec<(String, String)>,
    renames: Vec<(String, String)>,
}

/// The default of [`Builder::memory_budget`]: 2 GiB (generating all of Kubernetes takes
/// about 420 MiB in all).
pub const DEFAULT_MEMORY_BUDGET: u64 = 2 << 30;

/// The default of [`Builder::budget`].
pub const DEFAULT_BUDGET: Duration = Duration::from_secs(60);

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
            budget: Some(DEFAULT_BUDGET),
            memory_budget: DEFAULT_MEMORY_BUDGET,
            extern_types: Vec::new(),
            type_attributes: Vec::new(),
            renames: Vec::new(),
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

    /// The work budget: how long one typify run over the package may take
    /// ([`DEFAULT_BUDGET`], `None` for no limit). typify's work grows with the product of the
    /// union branches it merges (`allOf`, through `$ref`s too), and a few real schemas
    /// (Vega's) would take hours. Over the budget, every such merge becomes
    /// `serde_json::Value` and typify runs again; over it again, every definition does. Each
    /// is a warning under [`Builder::lenient`] and an error otherwise. A run over the budget
    /// is cancelled: typify cannot be interrupted, but it logs through the `log` crate at
    /// every conversion and merge, so the generator installs a `log` logger (once per
    /// process) that makes the cancelled run panic at its next log call, freeing its memory.
    /// In a process that has its own `log` logger, the run is abandoned instead and runs on,
    /// using CPU and memory, until it ends or the process exits. Output over the budget
    /// depends on the machine's speed: give a schema that needs it a larger budget rather
    /// than relying on the fallback.
    ///
    /// ```
    /// let builder = contracts_codegen::Builder::new()
    ///     .budget(Some(std::time::Duration::from_secs(120)));
    /// # let _ = builder;
    /// ```
    pub fn budget(mut self, budget: Option<Duration>) -> Self {
        self.budget = budget;
        self
    }

    /// The memory side of the work budget: how many bytes the process's resident memory may
    /// grow by during one typify run ([`DEFAULT_MEMORY_BUDGET`]). typify's merging can
    /// allocate hundreds of MiB a second (SchemaStore's `vega.json` grew by 2 GiB in 13 s,
    /// `vector.json` reached 18 GB before its 60 s ran out), long before the time budget
    /// ends. Over it, the run is cancelled and handled as over [`Builder::budget`]. Checked
    /// every 50 ms on Linux (`/proc/self/statm`), and only while a time budget is set;
    /// elsewhere only time is budgeted. Growth is the whole process's, so other threads'
    /// allocations count too.
    ///
    /// ```
    /// let builder = contracts_codegen::Builder::new().memory_budget(4 << 30);
    /// # let _ = builder;
    /// ```
    pub fn memory_budget(mut self, bytes: u64) -> Self {
        self.memory_budget = bytes;
        self
    }

    /// Use an existing Rust type for a schema instead of generating one: every reference to it
    /// names `rust_type`. `schema` is a package schema (its document name, `money`, or file,
    /// `money.json`), or a definition inside one as `file#pointer`
    /// (`common.json#/$defs/Money`). The type must serialize as the schema's instances do.
    /// Carried by typify's `with_replacement`.
    ///
    /// ```no_run
    /// contracts_codegen::Builder::new()
    ///     .package("contracts/")
    ///     .extern_type("money.json", "crate::Money")
    ///     .generate_to_out_dir("contracts.rs")?;
    /// # Ok::<(), contracts_codegen::Error>(())
    /// ```
    ///
    /// [`Builder::generate`] fails with [`Error::InvalidOption`] when `rust_type` is not a Rust
    /// path or `schema` names nothing in the package.
    pub fn extern_type(mut self, schema: &str, rust_type: &str) -> Self {
        self.extern_types
            .push((schema.to_string(), rust_type.to_string()));
        self
    }

    /// Add an attribute (`#[non_exhaustive]`, `#[serde(deny_unknown_fields)]`,
    /// `#[derive(Hash)]`...) to the root type of every package schema whose document name
    /// matches the glob `pattern` (`*` within a path segment, `**` across them), or to the
    /// type of that exact name.
    ///
    /// ```no_run
    /// contracts_codegen::Builder::new()
    ///     .package("contracts/")
    ///     .type_attribute("events/*", "#[non_exhaustive]")
    ///     .generate_to_out_dir("contracts.rs")?;
    /// # Ok::<(), contracts_codegen::Error>(())
    /// ```
    ///
    /// [`Builder::generate`] fails with [`Error::InvalidOption`] when `attribute` is not an
    /// outer attribute, the pattern is not a glob, or it matches nothing.
    pub fn type_attribute(mut self, pattern: &str, attribute: &str) -> Self {
        self.type_attributes
            .push((pattern.to_string(), attribute.to_string()));
        self
    }

    /// Give a schema's type another name. `schema` is as for [`Builder::extern_type`], or the
    /// generated type name itself.
    ///
    /// ```no_run
    /// contracts_codegen::Builder::new()
    ///     .package("contracts/")
    ///     .rename_type("events/import.progress.v1", "ImportProgress")
    ///     .generate_to_out_dir("contracts.rs")?;
    /// # Ok::<(), contracts_codegen::Error>(())
    /// ```
    ///
    /// [`Builder::generate`] fails with [`Error::InvalidOption`] when `new_name` is not a Rust
    /// identifier, is a name generated code calls (`Default`, `Option`...), is taken by
    /// another type, or `schema` names nothing in the package.
    pub fn rename_type(mut self, schema: &str, new_name: &str) -> Self {
        self.renames
            .push((schema.to_string(), new_name.to_string()));
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
        let mut leniency = Leniency::new(self.lenient);
        // One resolver (registry and address index of every document) for both passes.
        let resolver = package.resolver()?;
        let mut bundle = bundle::bundle(package, &resolver);
        for problem in std::mem::take(&mut bundle.problems) {
            leniency.problem(problem);
        }
        leniency.check()?;
        let mut defs = prepare(&bundle, &mut leniency)?;
        let externs = self.apply_options(&mut bundle, &mut defs, &mut leniency)?;
        let tokens = self.convert(&mut bundle, &mut defs, &externs, &mut leniency)?;
        let (mut file, renamed) = fix_output(tokens, &bundle, &mut leniency)?;
        self.add_type_attributes(&bundle, &mut file)?;
        self.finish(
            package, &resolver, &bundle, file, &renamed, leniency, started,
        )
    }

    /// Step 3: typify over every definition, within the work budget. A failure is handled in
    /// turn: inner types named like a definition (the definition is renamed), failures
    /// narrowed to one definition and subschema (lenient: replaced), and a conversion over the
    /// budget (lenient: every merge of schemas is replaced, then, if still over, every
    /// definition).
    fn convert(
        &self,
        bundle: &mut bundle::Bundle,
        defs: &mut BTreeMap<String, Value>,
        externs: &[(String, String)],
        leniency: &mut Leniency,
    ) -> Result<proc_macro2::TokenStream, Error> {
        let settings = adapter::Settings {
            derives: self.all_derives(),
            replacements: externs.to_vec(),
        };
        let mut budget = adapter::Budget::new(self.budget, self.memory_budget);
        let mut over_budget = 0;
        let mut renames = 0;
        let mut renamed: BTreeSet<String> = BTreeSet::new();
        let trace = std::env::var_os("CONTRACTS_CODEGEN_TRACE").is_some();
        loop {
            let attempt_started = Instant::now();
            let attempt = adapter::attempt(defs, &settings, &budget);
            if trace {
                eprintln!(
                    "contracts-codegen: typify over {} definitions: {:.2}s: {}",
                    defs.len(),
                    attempt_started.elapsed().as_secs_f64(),
                    attempt.as_ref().err().map_or("ok", String::as_str)
                );
            }
            let whole = match attempt {
                Ok(tokens) => return Ok(tokens),
                Err(whole) => whole,
            };
            if whole.starts_with(adapter::OVER_BUDGET) {
                over_budget += 1;
                if over_budget > 2 {
                    return Err(Error::Typify(whole));
                }
                give_up_merges(bundle, defs, leniency, &whole, over_budget > 1)?;
                // Once every definition is `serde_json::Value` there is nothing to budget.
                budget = adapter::Budget::new(
                    self.budget.filter(|_| over_budget < 2),
                    self.memory_budget,
                );
                continue;
            }
            // typify named an inner type like one of the definitions: rename the definition
            // (deterministically) and try again. One that collides with itself is left to the
            // isolation below.
            let dups: Vec<String> = duplicate_types(&whole)
                .into_iter()
                .filter(|d| defs.contains_key(d) && !renamed.contains(d))
                .collect();
            if !dups.is_empty() && renames < 100 {
                renames += 1;
                for dup in dups {
                    let new = rename_definition(bundle, defs, leniency, &dup);
                    renamed.insert(new);
                }
                continue;
            }
            isolate(bundle, defs, leniency, &settings, &budget, whole, trace)?;
        }
    }

    /// Step 4: the event enum, the header, the split, the counts.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        package: &Package,
        resolver: &contracts_core::RefResolver<'_>,
        bundle: &bundle::Bundle,
        mut file: syn::File,
        renamed: &[String],
        leniency: Leniency,
        started: Instant,
    ) -> Result<Generated, Error> {
        let mut event_count = 0;
        if self.events {
            let (type_field, version_field) = &self.event_fields;
            let found = events::find(package, resolver, &bundle.roots, type_field, version_field);
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
                .map(|(name, def)| (name.clone(), module_name(bundle, &def.origin.schema)))
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
        let Leniency {
            mut warnings,
            replaced,
            ..
        } = leniency;
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

    /// Check the options before any work: every derive is a derive path, and the values of
    /// the other options are well formed ([`validate_extern_type`],
    /// [`validate_type_attribute`], [`validate_rename_type`]).
    fn validate(&self) -> Result<(), Error> {
        self.derives.iter().try_for_each(|d| validate_derive(d))?;
        for (schema, path) in &self.extern_types {
            validate_extern_type(schema, path)?;
        }
        for (pattern, attribute) in &self.type_attributes {
            validate_type_attribute(pattern, attribute)?;
        }
        for (schema, name) in &self.renames {
            validate_rename_type(schema, name)?;
        }
        Ok(())
    }

    /// Step 2b: the renames of [`Builder::rename_type`] applied, and the definitions that
    /// [`Builder::extern_type`] replaces, as (definition name, Rust path).
    fn apply_options(
        &self,
        bundle: &mut bundle::Bundle,
        defs: &mut BTreeMap<String, Value>,
        leniency: &mut Leniency,
    ) -> Result<Vec<(String, String)>, Error> {
        for (schema, new) in &self.renames {
            let old = find_definition(bundle, schema).ok_or_else(|| Error::InvalidOption {
                option: "rename_type",
                value: schema.clone(),
                message: "names no schema or definition of the package".into(),
            })?;
            if old == *new {
                continue;
            }
            if defs
                .keys()
                .any(|k| naming::collision_key(k) == naming::collision_key(new))
            {
                return Err(Error::InvalidOption {
                    option: "rename_type",
                    value: new.clone(),
                    message: "another type of the package has this name".into(),
                });
            }
            bundle.rename(&old, new);
            leniency.rename(&old, new);
            if let Some(value) = defs.remove(&old) {
                defs.insert(new.clone(), value);
            }
            for value in defs.values_mut() {
                bundle::rename_refs(value, &old, new);
            }
        }
        self.extern_types
            .iter()
            .map(|(schema, path)| {
                let name = find_definition(bundle, schema).ok_or_else(|| Error::InvalidOption {
                    option: "extern_type",
                    value: schema.clone(),
                    message: "names no schema or definition of the package".into(),
                })?;
                Ok((name, path.clone()))
            })
            .collect()
    }

    /// Step 3c: the attributes of [`Builder::type_attribute`] on the types they match.
    fn add_type_attributes(
        &self,
        bundle: &bundle::Bundle,
        file: &mut syn::File,
    ) -> Result<(), Error> {
        for (pattern, attribute) in &self.type_attributes {
            let matcher = glob(pattern).expect("validated");
            let mut types: BTreeSet<String> = bundle
                .roots
                .iter()
                .filter(|(doc, _)| matcher.is_match(doc.as_str()))
                .map(|(_, ty)| ty.clone())
                .collect();
            if bundle.definitions.contains_key(pattern) {
                types.insert(pattern.clone());
            }
            let attrs = parse_attributes(attribute).expect("validated");
            let mut found = 0;
            for item in &mut file.items {
                let (ident, item_attrs) = match item {
                    syn::Item::Struct(s) => (&s.ident, &mut s.attrs),
                    syn::Item::Enum(e) => (&e.ident, &mut e.attrs),
                    _ => continue,
                };
                if types.contains(&ident.to_string()) {
                    item_attrs.extend(attrs.iter().cloned());
                    found += 1;
                }
            }
            if found == 0 {
                return Err(Error::InvalidOption {
                    option: "type_attribute",
                    value: pattern.clone(),
                    message: "matches no generated struct or enum (a schema generated as a type alias or serde_json::Value takes no attribute)".into(),
                });
            }
        }
        Ok(())
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

/// Step 2: each definition as typify will see it: objects keep every property (a map beside
/// the fields, see `objects.rs`), the lint's ignored keywords noted, and what
/// typify cannot convert (the lint's findings, unions that would recurse without end) handed
/// to the leniency, outermost first.
fn prepare(
    bundle: &bundle::Bundle,
    leniency: &mut Leniency,
) -> Result<BTreeMap<String, Value>, Error> {
    let mut defs: BTreeMap<String, Value> = bundle
        .definitions
        .iter()
        .map(|(name, def)| (name.clone(), def.value.clone()))
        .collect();
    let snapshot = defs.clone();
    for (name, def) in &bundle.definitions {
        let value = defs.get_mut(name).expect("every definition is copied");
        for f in objects::keep_every_property(value) {
            leniency.note(def.origin.diagnostic(&f.pointer, f.message));
        }
        let mut lint = lint::lint(value);
        for f in &lint.ignored {
            leniency.note(def.origin.diagnostic(&f.pointer, f.message.clone()));
        }
        objects::string_keys(value);
        lint.unsupported
            .extend(lint::endless_merges(name, value, &snapshot));
        lint.unsupported.sort_by(|a, b| a.pointer.cmp(&b.pointer));
        // Outermost first; a finding inside an already replaced subschema is moot.
        let mut done: Vec<String> = Vec::new();
        for f in &lint.unsupported {
            if done
                .iter()
                .any(|d| f.pointer == *d || f.pointer.starts_with(&format!("{d}/")))
            {
                continue;
            }
            if leniency.unsupported(name, &def.origin, value, &f.pointer, &f.message) {
                done.push(f.pointer.clone());
            }
        }
    }
    leniency.check()?;
    Ok(defs)
}

/// Rename definition `old` (typify named an inner type of another schema like it) to the first
/// free `<old>2`, `<old>3`...; returns the new name.
fn rename_definition(
    bundle: &mut bundle::Bundle,
    defs: &mut BTreeMap<String, Value>,
    leniency: &mut Leniency,
    old: &str,
) -> String {
    let taken: BTreeSet<String> = defs.keys().map(|k| naming::collision_key(k)).collect();
    let mut n = 2;
    let mut new = format!("{old}{n}");
    while taken.contains(&naming::collision_key(&new)) {
        n += 1;
        new = format!("{old}{n}");
    }
    let origin = bundle.definitions[old].origin.clone();
    leniency.note(origin.diagnostic(
        "",
        format!(
            "typify names an inner type of another schema `{old}`: this schema's type is `{new}`"
        ),
    ));
    bundle.rename(old, &new);
    if let Some(value) = defs.remove(old) {
        defs.insert(new.clone(), value);
    }
    for value in defs.values_mut() {
        bundle::rename_refs(value, old, &new);
    }
    leniency.rename(old, &new);
    new
}

/// typify ran over the work budget: every merge (`allOf`, a union with sibling keywords: what
/// makes its work grow with the product of union branches) is handed to the leniency; with `everything`
/// (over the budget again without them) every definition is, whole.
fn give_up_merges(
    bundle: &bundle::Bundle,
    defs: &mut BTreeMap<String, Value>,
    leniency: &mut Leniency,
    message: &str,
    everything: bool,
) -> Result<(), Error> {
    let names: Vec<String> = defs.keys().cloned().collect();
    for name in names {
        let origin = &bundle.definitions[&name].origin;
        let value = defs.get_mut(&name).expect("listed");
        let pointers = if everything {
            if value.as_object().is_some_and(serde_json::Map::is_empty) {
                continue;
            }
            vec![String::new()]
        } else {
            lint::merges(value)
        };
        for pointer in pointers {
            leniency.unsupported(
                &name,
                origin,
                value,
                &pointer,
                &format!("{message}: typify merges schemas here"),
            );
        }
    }
    leniency.check()
}

/// typify failed on the whole: find the definitions that fail (each alone with its references
/// stubbed, else with its references), narrow each failure to a subschema and hand it to the
/// leniency.
#[allow(clippy::too_many_arguments)]
fn isolate(
    bundle: &bundle::Bundle,
    defs: &mut BTreeMap<String, Value>,
    leniency: &mut Leniency,
    settings: &adapter::Settings,
    budget: &adapter::Budget,
    whole: String,
    trace: bool,
) -> Result<(), Error> {
    let names: Vec<String> = defs.keys().cloned().collect();
    // First each definition alone (its references stubbed); a failure that needs several
    // definitions together (typify merges an `allOf` member behind a `$ref`, and panics on
    // what it finds there) is then found with each definition's references, and costs only
    // the definition it is in.
    let mut context = adapter::Context::Stubbed;
    let mut failing = adapter::failing(context, defs, &names, settings, budget);
    if failing.is_empty() {
        context = adapter::Context::Referenced;
        failing = adapter::failing(context, defs, &names, settings, budget);
        // Innermost first: fixing a referenced definition may fix its users.
        failing.sort_by_key(|(n, _)| (adapter::closure_size(defs, n), n.clone()));
    }
    if trace {
        eprintln!("contracts-codegen: failing ({context:?}): {failing:?}");
    }
    if failing.is_empty() {
        return Err(Error::Typify(whole));
    }
    for (name, _) in failing {
        let origin = bundle.definitions[&name].origin.clone();
        let mut rounds = 0;
        loop {
            let schema = defs[&name].clone();
            let Err(message) = adapter::attempt_in(context, &name, &schema, defs, settings, budget)
            else {
                break;
            };
            let mut pointer = adapter::locate(context, &name, &schema, defs, settings, budget);
            rounds += 1;
            if rounds > 32 {
                pointer = String::new();
            }
            let value = defs.get_mut(&name).expect("failing names are defined");
            if !leniency.unsupported(&name, &origin, value, &pointer, &message)
                || pointer.is_empty()
            {
                break;
            }
        }
    }
    leniency.check()
}

/// Step 3b: typify's tokens as a file, with colliding field names renamed and struct-valued
/// defaults fixed; returns the names of the structs whose fields were renamed.
fn fix_output(
    tokens: proc_macro2::TokenStream,
    bundle: &bundle::Bundle,
    leniency: &mut Leniency,
) -> Result<(syn::File, Vec<String>), Error> {
    let mut file: syn::File = syn::parse2(tokens)
        .map_err(|e| Error::Typify(format!("generated tokens do not parse: {e}")))?;
    let renamed = output::dedupe_fields(&mut file);
    output::fix_struct_defaults(&mut file);
    output::normalise_doc_line_ends(&mut file);
    for type_name in &renamed {
        if let Some(def) = bundle.definitions.get(type_name) {
            leniency.note(def.origin.diagnostic(
                "",
                format!("properties of `{type_name}` differ only in case or `-`/`_`: later ones got `_2`, `_3`... field names"),
            ));
        }
    }
    Ok((file, renamed))
}

/// A glob over document names (`*` stays within a `/` segment).
fn glob(pattern: &str) -> Result<globset::GlobMatcher, String> {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| format!("not a glob: {e}"))
}

/// Outer attributes (`#[...]`, one or more).
fn parse_attributes(text: &str) -> Result<Vec<syn::Attribute>, String> {
    let parsed = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text)
        .map_err(|e| format!("not an outer attribute such as `#[non_exhaustive]`: {e}"))?;
    if parsed.is_empty() {
        return Err("no attribute: expected e.g. `#[non_exhaustive]`".into());
    }
    Ok(parsed)
}

/// The definition that `key` names: a document name or file (its root), `file#pointer` or
/// `document#pointer` (a definition inside it), or a definition (type) name.
fn find_definition(bundle: &bundle::Bundle, key: &str) -> Option<String> {
    if let Some(root) = bundle.roots.get(key) {
        return Some(root.clone());
    }
    let (place, pointer) = match key.split_once('#') {
        Some((place, pointer)) => (place, Some(pointer)),
        None => (key, None),
    };
    let found = bundle.definitions.iter().find(|(_, def)| {
        let o = &def.origin;
        let here = o.file == place || o.schema == place;
        match pointer {
            Some(p) => here && o.pointer == p,
            None => {
                here && bundle
                    .roots
                    .get(&o.schema)
                    .is_some_and(|r| bundle.definitions.get(r).is_some_and(|d| d.origin == *o))
            }
        }
    });
    if let Some((name, _)) = found {
        return Some(name.clone());
    }
    bundle
        .definitions
        .contains_key(key)
        .then(|| key.to_string())
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
