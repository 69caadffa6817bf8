//! `contracts bump NEW --baseline OLD [--write]`: the next version the changes require.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use contracts_diff::gate;
use semver::Version;

use crate::args::{load_pair, parse_version, DiffFlags, LoadFlags, SOURCES_HELP};
use crate::error::{CliError, CmdResult, EXIT_OK};
use crate::gate_config;

/// Arguments of `contracts bump`.
#[derive(Debug, Clone, Args)]
#[command(after_help = SOURCES_HELP)]
#[command(long_about = "\
Print the next version the changes from OLD to NEW require, given OLD's version.

Semver as cargo applies it: from X.Y.Z (X >= 1) a breaking change gives X+1.0.0, an addition
X.Y+1.0, an annotation-only change X.Y.Z+1. Before 1.0: in 0.Y.Z a breaking change gives
0.Y+1.0 and anything else 0.Y.Z+1; in 0.0.Z every change gives 0.0.Z+1. Pre-release tags are
left out. contracts.toml in NEW (or --config) applies as for `check`.

With --write, the version in NEW's package.json (else contracts.toml) is replaced in place;
the rest of the file stays byte for byte as it was (line endings and a UTF-8 BOM included).
With duplicate top-level \"version\" keys in package.json, the last one is written: the one
a JSON parser (and loading) reads.")]
pub struct BumpArgs {
    /// The proposed release (a directory for --write).
    #[arg(value_name = "NEW")]
    pub new: String,

    /// The last published version.
    #[arg(long, value_name = "OLD")]
    pub baseline: String,

    /// The baseline's version; overrides the version its manifest declares.
    #[arg(long, value_name = "X.Y.Z", value_parser = parse_version)]
    pub baseline_version: Option<Version>,

    /// Write the version into NEW's manifest (package.json or contracts.toml).
    #[arg(long)]
    pub write: bool,

    #[command(flatten)]
    pub config: gate_config::ConfigFlag,

    #[command(flatten)]
    pub load: LoadFlags,

    #[command(flatten)]
    pub flags: DiffFlags,

    /// Output format.
    #[arg(long, value_enum, default_value_t = BumpFormat::Text)]
    pub format: BumpFormat,

    #[command(flatten)]
    pub output: crate::output::OutputFlag,
}

/// `bump --format`: the formats that mean something for a version number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BumpFormat {
    /// The next version alone on one line (`3.0.0`).
    Text,
    /// A JSON object: `{"current", "required_bump", "next", "written"}` (`written`: the
    /// manifest `--write` changed, else null).
    Json,
}

/// Compute and print (and with `--write`, store) the next version.
pub fn run(args: &BumpArgs) -> CmdResult {
    let config = args.config.load(&args.new)?;
    let (old, new) = load_pair(
        (&args.baseline, args.baseline_version.as_ref()),
        (&args.new, None),
        &args.load.options(config.as_ref().map(|c| &c.load)),
        args.flags.quiet,
    )?;
    let old_version = old.version.clone().ok_or_else(|| {
        CliError::Input(format!(
            "{}: the baseline declares no version; pass --baseline-version X.Y.Z",
            old.label
        ))
    })?;
    let applied = gate_config::comparison(&args.flags, config.as_ref(), &old, &new).run()?;
    gate_config::warn(&applied);
    let next = gate::next_version(&old_version, applied.report.required_bump);
    let mut written = None;
    if args.write {
        let file = write_version(Path::new(&args.new), &next)?;
        anstream::eprintln!("wrote version {next} to {}", file.display());
        written = Some(file);
    }
    let mut out = crate::output::plain();
    match args.format {
        BumpFormat::Text => writeln!(out, "{next}")?,
        BumpFormat::Json => {
            let value = contracts_diff::documents::BumpReport {
                current: old_version.to_string(),
                required_bump: applied.report.required_bump,
                next: next.to_string(),
                written: written.map(|f| f.display().to_string()),
            };
            serde_json::to_writer_pretty(&mut out, &value).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(EXIT_OK))
}

/// Replace the version in `dir`'s manifest; returns the file written.
fn write_version(dir: &Path, version: &Version) -> Result<PathBuf, CliError> {
    if !dir.is_dir() {
        return Err(CliError::Input(format!(
            "{}: --write needs NEW to be a directory with a package.json or contracts.toml",
            dir.display()
        )));
    }
    // Which manifest and its new text: core owns manifests.
    let (file, text) = contracts_core::manifest::with_version(
        dir,
        &version.to_string(),
        crate::args::InputFlags::get().max_input_size,
    )
    .map_err(|e| CliError::Input(e.to_string()))?;
    // Atomically (a temporary file renamed over it, keeping its permissions): an interrupted
    // write never leaves a half-written manifest.
    contracts_codegen::write_atomic(&file, &text)
        .map_err(|e| CliError::Input(format!("{}: cannot write: {e}", file.display())))?;
    Ok(file)
}
