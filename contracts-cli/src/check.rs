//! `contracts check NEW --baseline OLD`: is NEW's version bump large enough for its changes?

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use contracts_core::Package;
use contracts_diff::gate;
use semver::Version;

use crate::args::{load_package, parse_version, DiffFlags, FormatArg, SOURCES_HELP};
use crate::error::{CliError, CmdResult, EXIT_FAILED, EXIT_OK};
use crate::render::{self, Side};

/// Arguments of `contracts check`.
#[derive(Debug, Clone, Args)]
#[command(after_help = SOURCES_HELP)]
pub struct CheckArgs {
    /// The proposed release.
    #[arg(value_name = "NEW")]
    pub new: String,

    /// The last published version to compare against.
    #[arg(long, value_name = "OLD")]
    pub baseline: String,

    /// The version NEW is to be released as; overrides the version its manifest declares.
    #[arg(long, value_name = "X.Y.Z", value_parser = parse_version)]
    pub version: Option<Version>,

    /// The baseline's version; overrides the version its manifest declares.
    #[arg(long, value_name = "X.Y.Z", value_parser = parse_version)]
    pub baseline_version: Option<Version>,

    #[command(flatten)]
    pub flags: DiffFlags,
}

fn version_of(package: &Package, role: &str, flag: &str) -> Result<Version, CliError> {
    package.version.clone().ok_or_else(|| {
        CliError::Input(format!(
            "{}: the {role} declares no version (no `version` in package.json or \
             contracts.toml); pass {flag} X.Y.Z",
            package.label
        ))
    })
}

/// Load both sources, diff them, judge the version bump and print the report and verdict.
/// Exits 0 when the declared bump covers the changes, 1 when it does not.
pub fn run(args: &CheckArgs) -> CmdResult {
    let old = load_package(&args.baseline, args.baseline_version.as_ref())?;
    let old_version = version_of(&old, "baseline", "--baseline-version")?;
    let new = load_package(&args.new, args.version.as_ref())?;
    let new_version = version_of(&new, "proposed release", "--version")?;
    let report = contracts_diff::diff(&old, &new, &args.flags.diff_options())?;
    let verdict = gate::judge(report.required_bump, &old_version, &new_version);
    match args.flags.format {
        FormatArg::Text => {
            let mut out = anstream::stdout().lock();
            render::text::write_check(
                &mut out,
                &Side::of(&old),
                &Side::of(&new),
                &report,
                &verdict,
            )?;
            out.flush()?;
        }
        FormatArg::Json => {
            let mut out = std::io::stdout().lock();
            render::json::write_check(&mut out, &report, &verdict)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::from(if verdict.passed {
        EXIT_OK
    } else {
        EXIT_FAILED
    }))
}
