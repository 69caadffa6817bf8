//! Command-line options shared by several subcommands, and loading a package from a source.

use clap::{Args, ValueEnum};
use contracts_core::{LoadOptions, Package, Source};
use contracts_diff::{DiffOptions, Mode, Policy};

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
    /// For people: findings grouped by schema, coloured on a terminal.
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
}

/// The options that drive a diff, shared by `diff` and `check`.
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

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,

    /// No logs on stderr (errors are still printed); the report on stdout is unchanged.
    #[arg(long, short)]
    pub quiet: bool,
}

impl DiffFlags {
    /// The library options these flags select.
    pub fn diff_options(&self) -> DiffOptions {
        DiffOptions {
            mode: self.mode.map(Mode::from).unwrap_or_default(),
            policy: self.policy.map(Policy::from).unwrap_or_default(),
            ..DiffOptions::default()
        }
    }
}

/// Help text describing what a SOURCE can be, shared by the subcommands' `--help`.
pub const SOURCES_HELP: &str = "\
Sources (OLD, NEW, --baseline) can be:
  DIR              every *.json, *.yaml, *.yml below it; version from package.json or contracts.toml
  FILE.json        one schema, or an OpenAPI 3.x document (its components/schemas)
  PKG.tgz          an npm tarball as `npm pack` writes it
  git:REV[:PATH]   a tree at a revision of the current git repository, e.g. git:v1.2.0:schemas
Nothing is ever downloaded: a $ref to the network is an error.";

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

/// Read a file the user named (a payload, `--config`, a manifest): a regular file within
/// `--max-input-size`, as UTF-8.
pub fn read_input(path: &std::path::Path) -> Result<String, CliError> {
    let bytes = contracts_core::input::read_regular_file(path, InputFlags::get().max_input_size)
        .map_err(|e| match e {
            contracts_core::LoadError::Io { path, message } => {
                CliError::Input(format!("{}: cannot read: {message}", path.display()))
            }
            other => CliError::Input(other.to_string()),
        })?;
    String::from_utf8(bytes)
        .map_err(|e| CliError::Input(format!("{}: not UTF-8: {e}", path.display())))
}

/// Parse `text` as a [`Source`] and load it, with `version` (if any) as its version; what
/// loading skipped is printed as `warning:` lines on stderr.
pub fn load_package(text: &str, version: Option<&semver::Version>) -> Result<Package, CliError> {
    let source = Source::parse(text).map_err(|e| CliError::load(text, e))?;
    let options = LoadOptions {
        version: version.cloned(),
        ..load_options()
    };
    let package = Package::load(&source, &options).map_err(|e| CliError::load(text, e))?;
    for w in &package.warnings {
        anstream::eprintln!("{} {w}", "warning:".yellow().bold());
    }
    Ok(package)
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
