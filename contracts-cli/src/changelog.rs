//! `contracts changelog NEW --baseline OLD`: Markdown release notes from the diff.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use contracts_diff::{gate, Bump, Effect, Finding};

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

const SECTIONS: [&str; 5] = ["Breaking", "Added", "Changed", "Deprecated", "Docs"];

/// One changelog entry as JSON.
fn entry(f: &Finding, accepted: Option<&str>) -> serde_json::Value {
    let location = f
        .new
        .as_ref()
        .or(f.old.as_ref())
        .map(|l| serde_json::json!({ "file": l.file, "pointer": l.pointer }));
    serde_json::json!({
        "schema": f.schema,
        "rule": f.rule,
        "bump": f.bump,
        "message": f.message,
        "location": location,
        "accepted": accepted,
    })
}

fn section(f: &Finding) -> usize {
    if f.rule == "deprecated-changed" {
        3
    } else if f.bump == Bump::Major {
        0
    } else if f.effect == Effect::Annotation {
        4
    } else if f.rule.ends_with("-added") || f.effect == Effect::Widened {
        1
    } else {
        2
    }
}

fn line(f: &Finding, allowed: Option<&str>) -> String {
    let at = f.new.as_ref().or(f.old.as_ref());
    let link = match at {
        Some(l) => format!(" ([{l}]({}#{}))", l.file, l.pointer),
        None => String::new(),
    };
    let mut s = format!(
        "- `{}`: {}{link} `{}`",
        f.schema,
        match f.message.strip_suffix('.') {
            Some(m) if !m.ends_with('.') => m,
            _ => f.message.as_str(),
        },
        f.rule
    );
    if let Some(reason) = allowed {
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
    let mut groups: [Vec<String>; 5] = Default::default();
    let mut entries: [Vec<serde_json::Value>; 5] = Default::default();
    for f in &applied.report.findings {
        groups[section(f)].push(line(f, None));
        entries[section(f)].push(entry(f, None));
    }
    for a in &applied.allowed {
        groups[section(&a.finding)].push(line(&a.finding, Some(&a.reason)));
        entries[section(&a.finding)].push(entry(&a.finding, Some(&a.reason)));
    }
    let mut out = crate::output::plain();
    let name = new
        .name
        .as_deref()
        .or(old.name.as_deref())
        .unwrap_or("Changes");
    let title = match (&old.version, &new.version) {
        (Some(o), Some(n)) => format!("{name} {n} (since {o})"),
        (None, Some(n)) => format!("{name} {n}"),
        _ => name.to_string(),
    };
    let required = applied.report.required_bump;
    let next = old
        .version
        .as_ref()
        .map(|o| gate::next_version(o, required));
    if args.format == ChangelogFormat::Json {
        let mut sections = serde_json::Map::new();
        for (title, list) in SECTIONS.iter().zip(entries) {
            sections.insert(title.to_lowercase(), serde_json::Value::Array(list));
        }
        let value = serde_json::json!({
            "title": title,
            "name": new.name.as_deref().or(old.name.as_deref()),
            "old_version": old.version.as_ref().map(ToString::to_string),
            "new_version": new.version.as_ref().map(ToString::to_string),
            "required_bump": required,
            "next_version": next.as_ref().map(ToString::to_string),
            "sections": sections,
        });
        serde_json::to_writer_pretty(&mut out, &value).map_err(std::io::Error::from)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::from(EXIT_OK));
    }
    writeln!(out, "# {title}")?;
    writeln!(out)?;
    match &next {
        Some(next) => writeln!(
            out,
            "Required bump: **{required}** (smallest next version: {next})."
        )?,
        None => writeln!(out, "Required bump: **{required}**.")?,
    }
    if applied.report.findings.is_empty() && applied.allowed.is_empty() {
        writeln!(out)?;
        writeln!(out, "No changes.")?;
    }
    for (title, lines) in SECTIONS.iter().zip(&groups) {
        if lines.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "## {title}")?;
        writeln!(out)?;
        for l in lines {
            writeln!(out, "{l}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(EXIT_OK))
}
