//! Command-line options shared by several subcommands, and loading a package from a source.

use std::io::Write;

use clap::{Args, ValueEnum};
use contracts_core::{Draft, LoadOptions, Package, Source};
use contracts_diff::{Mode, Policy};
use owo_colors::OwoColorize;

use crate::error::CliError;

/// `--mode`: which compatibility direction must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// New readers accept old data: narrowing is MAJOR, widening MINOR.
    Backward,
    /// Old readers accept new data: widening is MAJOR, narrowing MINOR.
    Forward,
    /// Both directions: any change of the accepted values is MAJOR.
    Full,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Backward => Mode::Backward,
            ModeArg::Forward => Mode::Forward,
            ModeArg::Full => Mode::Full,
        }
    }
}

/// `--policy`: how property additions and removals on objects are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PolicyArg {
    /// Exact set semantics (Confluent's STRICT): a new property on an open object narrows it.
    Strict,
    /// Readers ignore unknown properties: adding or removing an optional property is MINOR.
    Lenient,
}

impl From<PolicyArg> for Policy {
    fn from(p: PolicyArg) -> Policy {
        match p {
            PolicyArg::Strict => Policy::Strict,
            PolicyArg::Lenient => Policy::Lenient,
        }
    }
}

/// `--format`: how the report is written to stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// For people: the summary first, then MAJOR findings grouped by schema, the rest one line
    /// per rule (--verbose lists each); coloured on a terminal.
    Text,
    /// For machines: the report as JSON (stable field names; schema in docs/report.schema.json).
    Json,
    /// A pull-request comment: summary table, then findings per schema.
    Markdown,
    /// GitHub Actions annotations (plus a job summary when GITHUB_STEP_SUMMARY is set).
    Github,
    /// JUnit XML: one test suite per schema, one test case per finding.
    Junit,
    /// SARIF 2.1.0 for code scanning.
    Sarif,
    /// One self-contained HTML page (inline CSS, JS and SVG) to read in a browser; with
    /// --output report.html.
    Html,
}

/// The options that drive a diff, shared by `diff`, `check`, `bump` and `changelog` (each
/// command has its own `--format`: only the formats that mean something for its output).
#[derive(Debug, Clone, Args)]
pub struct DiffFlags {
    /// Which compatibility must hold between the two versions [default: contracts.toml's
    /// `mode`, else full].
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,

    /// How property additions and removals on objects are judged [default: contracts.toml's
    /// `policy`, else lenient].
    #[arg(long, value_enum)]
    pub policy: Option<PolicyArg>,

    /// No logs on stderr (errors are still printed); the report on stdout is unchanged.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Help text describing what a SOURCE can be, shared by the subcommands' `--help`.
pub const SOURCES_HELP: &str = "\
Sources (OLD, NEW, --baseline) can be:
  DIR              every *.json, *.yaml, *.yml below it; version from package.json or contracts.toml
  FILE.json        one schema, or an OpenAPI 3.x document (its components/schemas)
  PKG.tgz          an npm tarball as `npm pack` writes it
  git:REV[:PATH]   a tree at a revision of the current git repository, e.g. git:v1.2.0:schemas
Nothing is ever downloaded: a $ref to the network is an error unless --ref-dir (or
contracts.toml [resolve]) supplies the document. Two single files are compared as one schema.";

/// The options every subcommand that reads input shares (global flags of the command line).
#[derive(Debug, Clone, Copy, Args)]
pub struct InputFlags {
    /// Read symbolic links of a folder source even when their target is outside the package
    /// (by default such a link is skipped with a warning, so a link to `~/.npmrc` or `/etc`
    /// in a pull request is never read).
    #[arg(long, global = true)]
    pub follow_symlinks: bool,

    /// The largest input file read (schema, manifest, --config, payload), and the most a
    /// .tgz may decompress to: bytes, or with a K, M or G suffix (powers of 1024).
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size,
          default_value = "256M")]
    pub max_input_size: u64,
}

static INPUT: std::sync::OnceLock<InputFlags> = std::sync::OnceLock::new();

impl InputFlags {
    /// Make these the flags of the process (once, from `main`).
    pub fn apply(self) {
        let _ = INPUT.set(self);
    }

    /// The flags of the process (the defaults before [`InputFlags::apply`]).
    pub fn get() -> InputFlags {
        INPUT.get().copied().unwrap_or(InputFlags {
            follow_symlinks: false,
            max_input_size: contracts_core::input::DEFAULT_MAX_INPUT_SIZE,
        })
    }
}

/// Parse a size: bytes, or a number with a `K`, `M` or `G` suffix (powers of 1024; `KiB`,
/// `MB` and lower case are read alike).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (e.g. 1048576, 512K, 256M, 2G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("{text:?}: unknown unit (use K, M or G)")),
    };
    number
        .checked_mul(1u64 << shift)
        .ok_or_else(|| format!("{text:?} is too large"))
}

/// The load options the global flags select.
pub fn load_options() -> LoadOptions {
    let input = InputFlags::get();
    LoadOptions {
        follow_symlinks: input.follow_symlinks,
        max_input_size: input.max_input_size,
        ..LoadOptions::default()
    }
}

/// Parse `text` as a [`Source`] and load it, with `version` (if any) as its version; what
/// loading skipped is printed as `warning:` lines on stderr.
pub fn load_package(text: &str, version: Option<&semver::Version>) -> Result<Package, CliError> {
    let options = LoadOptions {
        version: version.cloned(),
        ..load_options()
    };
    load_with(text, &options, false)
}

/// Parse `text` as a [`Source`] and load it with `options`; the load's warnings go to stderr
/// (unless `quiet`), each naming file and pointer.
pub fn load_with(text: &str, options: &LoadOptions, quiet: bool) -> Result<Package, CliError> {
    let source = Source::parse(text).map_err(|e| CliError::load(text, e))?;
    let package = Package::load(&source, options).map_err(|e| CliError::load(text, e))?;
    if !quiet {
        warn_loaded(&[(text, &package)]);
    }
    Ok(package)
}

/// Load the two packages of a comparison with the same options (`--keep-going`, `--ref-dir`,
/// `--default-draft`, and `contracts.toml`'s `draft`, `on_invalid` and `[resolve]`), `old_version`
/// and `new_version` (if any) overriding the manifests' versions. Both are loaded before either
/// error is returned, so one run lists every error of both ([`CliError::Both`]); what loading
/// skipped is printed once per document by [`warn_loaded`] unless `quiet`.
pub fn load_pair(
    (old_text, old_version): (&str, Option<&semver::Version>),
    (new_text, new_version): (&str, Option<&semver::Version>),
    options: &LoadOptions,
    quiet: bool,
) -> Result<(Package, Package), CliError> {
    let with = |version: Option<&semver::Version>| LoadOptions {
        version: version.cloned(),
        ..options.clone()
    };
    let old = load_with(old_text, &with(old_version), true);
    let new = load_with(new_text, &with(new_version), true);
    match (old, new) {
        (Ok(old), Ok(new)) => {
            if !quiet {
                warn_loaded(&[(old_text, &old), (new_text, &new)]);
            }
            Ok((old, new))
        }
        (Err(old), Err(new)) if old_text != new_text => {
            Err(CliError::Both(Box::new(old), Box::new(new)))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Print what loading the packages of a comparison skipped, as `warning:` lines on stderr:
/// each package's warnings, then each document that did not load, **once**: a document broken
/// in several of `packages` (matched by file) is one line naming each source, with each distinct
/// load error. `packages` pairs a source as the user wrote it with its loaded package.
pub fn warn_loaded(packages: &[(&str, &Package)]) {
    let mut err = anstream::stderr().lock();
    for (text, package) in packages {
        for warning in &package.warnings {
            let _ = writeln!(err, "{} {warning} (in {text})", "warning:".yellow().bold());
        }
    }
    // File -> (sources, distinct messages), in first-seen order.
    let mut invalid: Vec<(&str, Vec<&str>, Vec<String>)> = Vec::new();
    for (text, package) in packages {
        for document in &package.invalid {
            let message = document.message();
            match invalid.iter_mut().find(|(file, ..)| *file == document.file) {
                Some((_, sources, messages)) => {
                    sources.push(text);
                    if !messages.contains(&message) {
                        messages.push(message);
                    }
                }
                None => invalid.push((&document.file, vec![text], vec![message])),
            }
        }
    }
    for (file, sources, messages) in invalid {
        let _ = writeln!(
            err,
            "{} {file} does not load, left out of the diff (in {}): {}",
            "warning:".yellow().bold(),
            sources.join(" and "),
            messages.join("; ")
        );
    }
}

/// `--default-draft`: the draft of documents without `$schema`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftArg {
    /// Draft 4.
    #[value(name = "draft-04")]
    Draft4,
    /// Draft 6.
    #[value(name = "draft-06")]
    Draft6,
    /// Draft 7.
    #[value(name = "draft-07")]
    Draft7,
    /// Draft 2019-09.
    #[value(name = "2019-09")]
    Draft201909,
    /// Draft 2020-12.
    #[value(name = "2020-12")]
    Draft202012,
}

impl From<DraftArg> for Draft {
    fn from(d: DraftArg) -> Draft {
        match d {
            DraftArg::Draft4 => Draft::Draft4,
            DraftArg::Draft6 => Draft::Draft6,
            DraftArg::Draft7 => Draft::Draft7,
            DraftArg::Draft201909 => Draft::Draft201909,
            DraftArg::Draft202012 => Draft::Draft202012,
        }
    }
}

/// How packages are loaded: `--keep-going`, `--ref-dir`, `--default-draft`.
#[derive(Debug, Clone, Args)]
pub struct LoadFlags {
    /// Diff the documents that load; each that does not becomes a `document-invalid` finding
    /// (MAJOR when it loaded in OLD) instead of failing the run [default: contracts.toml's
    /// `on_invalid = "skip"`, else off].
    #[arg(long)]
    pub keep_going: bool,

    /// A folder of schemas from outside the package, registered under their `$id` so `$ref`s
    /// resolve against them (never diffed, never downloaded); repeatable. Also
    /// contracts.toml `[resolve] dirs` and `[resolve.map]`.
    #[arg(long, value_name = "DIR")]
    pub ref_dir: Vec<std::path::PathBuf>,

    /// The draft of documents without `$schema` [default: contracts.toml's `draft`, else
    /// 2020-12, or draft-07 for a document that uses only draft-07 forms such as an array
    /// `items`].
    #[arg(long, value_enum, value_name = "DRAFT")]
    pub default_draft: Option<DraftArg>,
}

impl LoadFlags {
    /// The load options: contracts.toml's (`load`), then these flags.
    pub fn options(&self, config: Option<&contracts_diff::config::LoadConfig>) -> LoadOptions {
        let mut options = load_options();
        if let Some(config) = config {
            config.apply(&mut options);
        }
        if let Some(draft) = self.default_draft {
            options.default_draft = draft.into();
            options.infer_draft = false;
        }
        if self.keep_going {
            options.keep_going = true;
        }
        options.ref_dirs.extend(self.ref_dir.iter().cloned());
        options
    }
}

/// Parse a `--version`-style value.
pub fn parse_version(text: &str) -> Result<semver::Version, String> {
    semver::Version::parse(text.trim_start_matches('v'))
        .map_err(|e| format!("not a semantic version (X.Y.Z): {e}"))
}

/// `--color`: when the text output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless `NO_COLOR` is set (`CLICOLOR_FORCE` forces it).
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

impl ColorArg {
    /// Make this choice for every stream of the process.
    pub fn apply(self) {
        let choice = match self {
            ColorArg::Auto => anstream::ColorChoice::Auto,
            ColorArg::Always => anstream::ColorChoice::Always,
            ColorArg::Never => anstream::ColorChoice::Never,
        };
        choice.write_global();
    }
}
