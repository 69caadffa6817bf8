//! `contracts check NEW --baseline OLD`: is NEW's version bump large enough for its changes?
//! `contracts check --history DIR`: is every consecutive pair of published versions bumped right?

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use contracts_core::{repo, LoadOptions, Package};
use contracts_diff::config::{Config, TagPattern};
use contracts_diff::Comparison;
use semver::Version;

use crate::args::{
    load_package, load_pair, load_with, parse_version, DiffFlags, FormatArg, LoadFlags,
    SOURCES_HELP,
};
use crate::error::{CliError, CmdResult, EXIT_FAILED, EXIT_OK};
use crate::gate_config::{self, ConfigFlag};
use crate::render::{self, history};

/// Arguments of `contracts check`.
#[derive(Debug, Clone, Args)]
#[command(after_help = SOURCES_HELP)]
#[command(long_about = "\
Fail (exit 1) when a release's declared version is too small a bump for its changes.

The summary says, as cargo-semver-checks does: the bump the changes require, the bump the
version declares, how many findings require each bump, and the smallest version that passes.
contracts.toml in NEW's folder (or --config FILE) sets the mode and policy defaults, per-schema
roles, accepted findings ([[allow]]) and rule severities.

With --history DIR, every sub-folder and .tgz of DIR is a published version: they are sorted by
the semantic version of their manifests (or, without one, the version in the name: 1.2.0/,
contracts-v1.2.0/, acme-contracts-1.2.0.tgz), and each consecutive pair must be bumped right
(transitive check); exit 1 when any pair fails.")]
pub struct CheckArgs {
    /// The proposed release.
    #[arg(value_name = "NEW", required_unless_present = "history")]
    pub new: Option<String>,

    /// The last published version to compare against [default: in a git repository, the
    /// newest tag matching contracts.toml's `tag_pattern` (else `v*`) whose version is below
    /// NEW's, read as `git:TAG:PATH` with PATH NEW's folder in the repository].
    #[arg(long, value_name = "OLD")]
    pub baseline: Option<String>,

    /// Check every consecutive pair of the published versions in DIR (folders and .tgz files).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["new", "baseline", "version", "baseline_version"])]
    pub history: Option<PathBuf>,

    /// The version NEW is to be released as; overrides the version its manifest declares.
    #[arg(long, value_name = "X.Y.Z", value_parser = parse_version)]
    pub version: Option<Version>,

    /// The baseline's version; overrides the version its manifest declares.
    #[arg(long, value_name = "X.Y.Z", value_parser = parse_version)]
    pub baseline_version: Option<Version>,

    #[command(flatten)]
    pub config: ConfigFlag,

    #[command(flatten)]
    pub load: LoadFlags,

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
    pub view: crate::render::view::ViewFlags,

    /// Run again whenever a file of either package changes, redrawing the summary and the
    /// MAJOR findings (or the bumps --only names) and saying which findings were added and
    /// which are gone since the last run (text on stdout; Ctrl-C stops).
    #[arg(long, conflicts_with = "output")]
    pub watch: bool,

    #[command(flatten)]
    pub output: crate::output::OutputFlag,
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
    if let Some(dir) = &args.sarif_root {
        render::sarif::set_root(dir);
    }
    if let Some(dir) = &args.history {
        return history(args, dir);
    }
    let Some(new_text) = &args.new else {
        return Err(CliError::Input(
            "check needs NEW (and --baseline OLD, or a git repository with tags), or --history DIR"
                .into(),
        ));
    };
    let view = render::view::View::from_flags(&args.view);
    if args.watch {
        crate::watch::text_only(args.format)?;
        let view = crate::watch::view(view);
        let mut sources = vec![new_text.as_str()];
        sources.extend(args.baseline.as_deref());
        return crate::watch::run(&sources, &view, |view| {
            run_once(args, new_text, view).map(|(_, findings)| findings)
        });
    }
    run_once(args, new_text, &view).map(|(code, _)| code)
}

/// One check of NEW against its baseline, rendered with `view`: the exit code and the findings.
fn run_once(
    args: &CheckArgs,
    new_text: &str,
    view: &render::view::View,
) -> Result<(ExitCode, Vec<contracts_diff::Finding>), CliError> {
    let config = args.config.load(new_text)?;
    let options = args.load.options(config.as_ref().map(|c| &c.load));
    let (old, new) = match &args.baseline {
        Some(baseline) => load_pair(
            (baseline, args.baseline_version.as_ref()),
            (new_text, args.version.as_ref()),
            &options,
            args.flags.quiet,
        )?,
        None => load_with_tag_baseline(args, new_text, config.as_ref(), options)?,
    };
    let old_version = version_of(&old, "baseline", "--baseline-version")?;
    let new_version = version_of(&new, "proposed release", "--version")?;
    let applied = Comparison {
        versions: Some((old_version, new_version)),
        ..gate_config::comparison(&args.flags, config.as_ref(), &old, &new)
    }
    .run()?;
    gate_config::warn(&applied);
    let report = &applied.report;
    let verdict = applied.verdict.clone().ok_or_else(|| {
        CliError::Input("the comparison was given both versions but gave no verdict".into())
    })?;
    let ctx = render::Context {
        old: &old,
        new: &new,
        report,
        fail_above: None,
        verdict: Some(&verdict),
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
    let code = ExitCode::from(if verdict.passed { EXIT_OK } else { EXIT_FAILED });
    Ok((code, applied.report.findings.clone()))
}

/// `check NEW` without `--baseline`: find NEW in its git work tree, load it, then as its
/// baseline the newest tag matching
/// the tag pattern whose version is below NEW's, at NEW's place in the repository (saying on
/// stderr which tag it chose).
fn load_with_tag_baseline(
    args: &CheckArgs,
    new_text: &str,
    config: Option<&Config>,
    options: LoadOptions,
) -> Result<(Package, Package), CliError> {
    let no_repo = |message: String| {
        CliError::Input(format!(
            "{new_text}: no --baseline given, and NEW is not a folder or file of a git work \
             tree to find a tag in ({message}): pass --baseline OLD"
        ))
    };
    let path = Path::new(new_text);
    let (dir, file) = if path.is_dir() {
        (path.to_path_buf(), None)
    } else if path.is_file() {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        (
            parent.unwrap_or(Path::new(".")).to_path_buf(),
            path.file_name().map(|n| n.to_string_lossy().to_string()),
        )
    } else {
        return Err(no_repo("no such folder or file".into()));
    };
    let prefix = repo::work_tree_prefix(&dir).map_err(no_repo)?;
    let package_path = match file {
        Some(name) if prefix.is_empty() => name,
        Some(name) => format!("{prefix}/{name}"),
        None => prefix,
    };
    let new = load_with(
        new_text,
        &LoadOptions {
            version: args.version.clone(),
            ..options.clone()
        },
        args.flags.quiet,
    )?;
    let default_pattern;
    let pattern = match config.and_then(|c| c.tag_pattern.as_ref()) {
        Some(p) => p,
        None => {
            default_pattern = TagPattern::new(TagPattern::DEFAULT).map_err(CliError::Input)?;
            &default_pattern
        }
    };
    let tags = repo::tags(&dir).map_err(no_repo)?;
    let below = new.version.as_ref();
    let below_text = below
        .map(|v| format!(" with a version below {v}"))
        .unwrap_or_default();
    let Some((tag, tag_version)) = pattern.newest(tags.iter().map(String::as_str), below) else {
        let shallow = if repo::is_shallow(&dir) {
            "; this clone is shallow and may lack the tags: `git fetch --tags --unshallow` \
             fetches them"
        } else {
            ""
        };
        return Err(CliError::Input(format!(
            "{new_text}: no --baseline given, and no git tag matches `{}` (contracts.toml \
             `tag_pattern`){below_text} among the {} tags of the repository: pass --baseline \
             OLD{shallow}",
            pattern.as_str(),
            tags.len()
        )));
    };
    let baseline = if package_path.is_empty() {
        format!("git:{tag}")
    } else {
        format!("git:{tag}:{package_path}")
    };
    anstream::eprintln!(
        "baseline: {baseline} (the newest tag matching `{}`{below_text})",
        pattern.as_str()
    );
    let mut old = load_with(
        &baseline,
        &LoadOptions {
            version: args.baseline_version.clone(),
            git_dir: Some(dir),
            ..options
        },
        args.flags.quiet,
    )?;
    if old.version.is_none() {
        // The tag names the version when the manifest at the tag does not.
        old.version = Some(tag_version);
    }
    Ok((old, new))
}

fn history(args: &CheckArgs, dir: &Path) -> CmdResult {
    if args.format == FormatArg::Html {
        return Err(CliError::Input(
            "--format html reports one pair of packages: it is not available with --history".into(),
        ));
    }
    let mut found = Vec::new();
    for source in contracts_core::history::published_sources(dir)? {
        let package = load_package(&source, None)?;
        found.push((source, package.version.clone(), package));
    }
    // Version order, each release's version from its manifest or its name: core decides.
    let versions = contracts_core::history::in_version_order(dir, found)?;
    // Every pair keeps its report and verdict: the renderers show them with both packages.
    let mut checked = Vec::new();
    for pair in versions.windows(2) {
        let ((old_version, _, old), (new_version, new_source, new)) = (&pair[0], &pair[1]);
        let config = args.config.load(new_source)?;
        let applied = Comparison {
            versions: Some((old_version.clone(), new_version.clone())),
            ..gate_config::comparison(&args.flags, config.as_ref(), old, new)
        }
        .run()?;
        gate_config::warn(&applied);
        let verdict = applied.verdict.clone().ok_or_else(|| {
            CliError::Input("the comparison was given both versions but gave no verdict".into())
        })?;
        checked.push((applied, verdict));
    }
    let pairs: Vec<history::Pair<'_>> = versions
        .windows(2)
        .zip(&checked)
        .map(|(pair, (applied, verdict))| history::Pair {
            old_source: &pair[0].1,
            new_source: &pair[1].1,
            old: &pair[0].2,
            new: &pair[1].2,
            report: &applied.report,
            verdict,
            allowed: applied.allowed.len(),
        })
        .collect();
    history::emit(args.format, args.flags.quiet, &pairs)?;
    let passed = checked.iter().all(|(_, verdict)| verdict.passed);
    Ok(ExitCode::from(if passed { EXIT_OK } else { EXIT_FAILED }))
}
