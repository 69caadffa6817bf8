//! `contracts changelog NEW --baseline OLD`: Markdown release notes from the diff.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use contracts_diff::documents::{Changelog, ChangelogEntry};

use crate::args::{load_pair, DiffFlags, LoadFlags, SOURCES_HELP};
use crate::error::{CmdResult, EXIT_OK};
use crate::gate_config::{self, ConfigFlag};

/// Arguments of `contracts changelog`.
#[derive(Debug, Clone, Args)]
#[command(after_help = SOURCES_HELP)]
#[command(long_about = "\
Write Markdown release notes for the changes from OLD to NEW, grouped Breaking (MAJOR findings),
Added, Changed, Deprecated (`deprecated` set or changed) and Docs (annotation-only changes).
Each line links to its location (file#pointer, relative to the package root). Findings that
contracts.toml allows are listed with their reason.")]
pub struct ChangelogArgs {
    /// The new release.
    #[arg(value_name = "NEW")]
    pub new: String,

    /// The previous release.
    #[arg(long, value_name = "OLD")]
    pub baseline: String,

    #[command(flatten)]
    pub config: ConfigFlag,

    #[command(flatten)]
    pub load: LoadFlags,

    #[command(flatten)]
    pub flags: DiffFlags,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ChangelogFormat::Markdown)]
    pub format: ChangelogFormat,

    #[command(flatten)]
    pub output: crate::output::OutputFlag,
}

/// `changelog --format`: the formats that mean something for release notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangelogFormat {
    /// Markdown release notes (the changelog's text form).
    #[value(alias = "text")]
    Markdown,
    /// The same sections as JSON: `{"title", "name", "old_version", "new_version",
    /// "required_bump", "next_version", "sections": {"breaking": [...], "added", "changed",
    /// "deprecated", "docs"}}`, each entry `{"schema", "rule", "bump", "message", "location":
    /// {"file", "pointer"} | null, "accepted": reason | null}`.
    Json,
}

fn line(e: &ChangelogEntry) -> String {
    let link = match &e.location {
        Some(l) => format!(" ([{l}]({}#{}))", l.file, l.pointer),
        None => String::new(),
    };
    let mut s = format!(
        "- `{}`: {}{link} `{}`",
        e.schema,
        match e.message.strip_suffix('.') {
            Some(m) if !m.ends_with('.') => m,
            _ => e.message.as_str(),
        },
        e.rule
    );
    if let Some(reason) = &e.accepted {
        s.push_str(&format!(" (accepted: {reason})"));
    }
    s
}

/// Print the release notes.
pub fn run(args: &ChangelogArgs) -> CmdResult {
    let config = args.config.load(&args.new)?;
    let (old, new) = load_pair(
        (&args.baseline, None),
        (&args.new, None),
        &args.load.options(config.as_ref().map(|c| &c.load)),
        args.flags.quiet,
    )?;
    let applied = gate_config::comparison(&args.flags, config.as_ref(), &old, &new).run()?;
    gate_config::warn(&applied);
    let changelog = Changelog::new(&applied, &old, &new);
    let mut out = crate::output::plain();
    if args.format == ChangelogFormat::Json {
        serde_json::to_writer_pretty(&mut out, &changelog).map_err(std::io::Error::from)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::from(EXIT_OK));
    }
    let (title, required) = (&changelog.title, changelog.required_bump);
    writeln!(out, "# {title}")?;
    writeln!(out)?;
    match &changelog.next_version {
        Some(next) => writeln!(
            out,
            "Required bump: **{required}** (smallest next version: {next})."
        )?,
        None => writeln!(out, "Required bump: **{required}**.")?,
    }
    if changelog.sections.is_empty() {
        writeln!(out)?;
        writeln!(out, "No changes.")?;
    }
    for (title, entries) in changelog.sections.titled() {
        if entries.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "## {title}")?;
        writeln!(out)?;
        for e in entries {
            writeln!(out, "{}", line(e))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(EXIT_OK))
}
