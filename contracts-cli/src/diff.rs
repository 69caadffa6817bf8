//! `contracts diff OLD NEW`: list every change between two versions of a package.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use crate::args::{load_package, DiffFlags, FormatArg, SOURCES_HELP};
use crate::error::{CmdResult, EXIT_OK};
use crate::gate_config::{self, ConfigFlag};
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

    #[command(flatten)]
    pub config: ConfigFlag,
}

/// Load both sources, diff them under NEW's configuration (`contracts.toml` or `--config`: mode
/// and policy defaults, per-schema roles, severities, allow entries, as `check` applies it) and
/// print the report. Exits 0 whatever the findings are.
pub fn run(args: &DiffArgs) -> CmdResult {
    let old = load_package(&args.old, None)?;
    let new = load_package(&args.new, None)?;
    let config = args.config.load(&args.new)?;
    let options = gate_config::diff_options(&args.flags, config.as_ref());
    let report = contracts_diff::diff(&old, &new, &options)?;
    let applied = gate_config::apply(config.as_ref(), report, &old, &new, new.version.as_ref());
    gate_config::warn(&applied);
    let ctx = render::Context {
        old: &old,
        new: &new,
        report: &applied.report,
        verdict: None,
    };
    match args.flags.format {
        FormatArg::Json => {
            let mut out = std::io::stdout().lock();
            gate_config::write_check_json(&mut out, &applied, None)?;
            out.flush()?;
        }
        format => {
            render::emit(format, args.flags.quiet, &ctx)?;
            if format == FormatArg::Text {
                let mut out = anstream::stdout().lock();
                gate_config::write_allowed(&mut out, &applied)?;
                out.flush()?;
            }
        }
    }
    Ok(ExitCode::from(EXIT_OK))
}
