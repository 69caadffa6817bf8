//! `contracts diff OLD NEW`: list every change between two versions of a package.

use std::process::ExitCode;

use clap::Args;

use crate::args::{load_package, DiffFlags, SOURCES_HELP};
use crate::error::{CmdResult, EXIT_OK};
use crate::render;

/// Arguments of `contracts diff`.
#[derive(Debug, Clone, Args)]
#[command(after_help = SOURCES_HELP)]
pub struct DiffArgs {
    /// The older version of the package (the baseline).
    #[arg(value_name = "OLD")]
    pub old: String,

    /// The newer version of the package.
    #[arg(value_name = "NEW")]
    pub new: String,

    #[command(flatten)]
    pub flags: DiffFlags,
}

/// Load both sources, diff them and print the report. Exits 0 whatever the findings are.
pub fn run(args: &DiffArgs) -> CmdResult {
    let old = load_package(&args.old, None)?;
    let new = load_package(&args.new, None)?;
    let report = contracts_diff::diff(&old, &new, &args.flags.diff_options())?;
    let ctx = render::Context {
        old: &old,
        new: &new,
        report: &report,
        verdict: None,
    };
    render::emit(args.flags.format, args.flags.quiet, &ctx)?;
    Ok(ExitCode::from(EXIT_OK))
}
