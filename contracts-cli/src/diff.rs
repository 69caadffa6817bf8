//! `contracts diff OLD NEW`: list every change between two versions of a package.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use contracts_core::{Package, Source};
use contracts_diff::Bump;

use crate::args::{load_pair, DiffFlags, FormatArg, LoadFlags, SOURCES_HELP};
use crate::error::{CliError, CmdResult, EXIT_FAILED, EXIT_OK};
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

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,

    /// The folder SARIF artifact URIs are relative to [default: the toplevel of the git
    /// repository holding the current directory, else the current directory].
    #[arg(long, value_name = "DIR")]
    pub sarif_root: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub load: LoadFlags,

    #[command(flatten)]
    pub config: ConfigFlag,

    /// Exit 1 when the changes require this bump or a larger one (as oasdiff's `--fail-on`);
    /// without it `diff` exits 0 whatever it finds. Findings contracts.toml allows do not count.
    #[arg(long, value_enum, value_name = "BUMP")]
    pub fail_on: Option<FailOn>,

    #[command(flatten)]
    pub view: crate::render::view::ViewFlags,

    /// Run again whenever a file of either package changes, redrawing the summary and the
    /// MAJOR findings (or the bumps --only names) and saying which findings were added and
    /// which are gone since the last run (text on stdout; Ctrl-C stops).
    #[arg(long, conflicts_with = "output")]
    pub watch: bool,

    #[command(flatten)]
    pub output: crate::output::OutputFlag,
}

/// `diff --fail-on`: the smallest required bump that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// A breaking change.
    Major,
    /// An addition or a breaking change.
    Minor,
    /// Any change, annotation-only ones included.
    Patch,
}

impl From<FailOn> for Bump {
    fn from(level: FailOn) -> Bump {
        match level {
            FailOn::Major => Bump::Major,
            FailOn::Minor => Bump::Minor,
            FailOn::Patch => Bump::Patch,
        }
    }
}

/// Load both sources, diff them under NEW's configuration (`contracts.toml` or `--config`: mode
/// and policy defaults, per-schema roles, severities, allow entries, as `check` applies it) and
/// print the report. Exits 0 whatever the findings are, unless `--fail-on` names a bump the
/// changes reach (then 1). No version is needed.
pub fn run(args: &DiffArgs) -> CmdResult {
    if let Some(dir) = &args.sarif_root {
        render::sarif::set_root(dir);
    }
    let view = render::view::View::from_flags(&args.view);
    if args.watch {
        crate::watch::text_only(args.format)?;
        let view = crate::watch::view(view);
        return crate::watch::run(&[&args.old, &args.new], &view, |view| {
            run_once(args, view).map(|(_, findings)| findings)
        });
    }
    run_once(args, &view).map(|(code, _)| code)
}

/// One diff, rendered with `view`: the exit code and the findings.
fn run_once(
    args: &DiffArgs,
    view: &render::view::View,
) -> Result<(ExitCode, Vec<contracts_diff::Finding>), CliError> {
    let config = args.config.load(&args.new)?;
    let options = args.load.options(config.as_ref().map(|c| &c.load));
    let (old, mut new) = load_pair(
        (&args.old, None),
        (&args.new, None),
        &options,
        args.flags.quiet,
    )?;
    pair_single_files(&args.old, &args.new, &old, &mut new);
    let applied = gate_config::comparison(&args.flags, config.as_ref(), &old, &new).run()?;
    gate_config::warn(&applied);
    let ctx = render::Context {
        old: &old,
        new: &new,
        report: &applied.report,
        fail_above: args.fail_on.map(|level| match level {
            FailOn::Major => Bump::Minor,
            FailOn::Minor => Bump::Patch,
            FailOn::Patch => Bump::None,
        }),
        verdict: None,
    };
    match args.format {
        FormatArg::Json => {
            let mut out = crate::output::plain();
            gate_config::write_json(&mut out, &applied)?;
            out.flush()?;
        }
        format => {
            render::emit(format, args.flags.quiet, &ctx, view)?;
            if format == FormatArg::Text {
                let mut out = crate::output::styled();
                gate_config::write_allowed(&mut out, &applied)?;
                out.flush()?;
            }
        }
    }
    let fails = args
        .fail_on
        .is_some_and(|level| applied.report.required_bump >= Bump::from(level));
    let code = ExitCode::from(if fails { EXIT_FAILED } else { EXIT_OK });
    Ok((code, applied.report.findings))
}

/// `contracts diff old.json new.json`: two single-schema files are one schema, whatever their
/// names, so NEW's document takes OLD's name (its file is unchanged).
fn pair_single_files(old_text: &str, new_text: &str, old: &Package, new: &mut Package) {
    let single = |text: &str, package: &Package| {
        matches!(Source::parse(text), Ok(Source::File(_)))
            && package.documents.len() == 1
            && package.invalid.is_empty()
            && package.documents.values().all(|d| d.pointer.is_empty())
    };
    if !single(old_text, old) || !single(new_text, new) {
        return;
    }
    let (Some(old_name), Some(new_name)) = (
        old.documents.keys().next().cloned(),
        new.documents.keys().next().cloned(),
    ) else {
        return;
    };
    if old_name != new_name {
        if let Some(mut doc) = new.documents.remove(&new_name) {
            doc.name = old_name.clone();
            new.documents.insert(old_name, doc);
        }
    }
}
