//! `contracts.toml` in the CLI: finding it (NEW's package root, or `--config FILE`), choosing the
//! diff options, applying it to a report, and printing what it allowed and warned about.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use contracts_core::{Package, Source};
use contracts_diff::config::{Applied, Config, Context, Date};
use contracts_diff::gate::Verdict;
use contracts_diff::{DiffOptions, Mode, Policy, Report};
use owo_colors::OwoColorize;

use crate::args::DiffFlags;
use crate::error::CliError;

/// `--config FILE`.
#[derive(Debug, Clone, Args)]
pub struct ConfigFlag {
    /// The configuration to apply (default: contracts.toml in NEW's folder, when NEW is a folder).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl ConfigFlag {
    /// The configuration for the package given as `new`: `--config`, else `contracts.toml` in its
    /// root when it is a directory (other sources: none).
    pub fn load(&self, new: &str) -> Result<Option<Config>, CliError> {
        let bad = |e: contracts_diff::config::ConfigError| CliError::Input(e.to_string());
        if let Some(file) = &self.config {
            return Config::load(file).map(Some).map_err(bad);
        }
        match Source::parse(new) {
            Ok(Source::Dir(dir)) => Config::find(&dir).map_err(bad),
            _ => Ok(None),
        }
    }
}

/// The diff options: the flags, else the configuration's defaults, else full / lenient.
pub fn diff_options(flags: &DiffFlags, config: Option<&Config>) -> DiffOptions {
    let mode = flags
        .mode
        .map(Mode::from)
        .or(config.and_then(|c| c.mode))
        .unwrap_or_default();
    let policy = flags
        .policy
        .map(Policy::from)
        .or(config.and_then(|c| c.policy))
        .unwrap_or_default();
    DiffOptions {
        mode,
        policy,
        ..flags.diff_options()
    }
}

/// Apply `config` (or the defaults) to `report`.
pub fn apply(
    config: Option<&Config>,
    report: Report,
    old: &Package,
    new: &Package,
    new_version: Option<&semver::Version>,
) -> Applied {
    let context = Context {
        old: Some(old),
        new: Some(new),
        new_version,
        today: Date::today(),
    };
    match config {
        Some(c) => c.apply(report, &context),
        None => Config::default().apply(report, &context),
    }
}

/// Print the configuration's warnings to stderr.
pub fn warn(applied: &Applied) {
    for w in &applied.warnings {
        anstream::eprintln!("{} {w}", "warning:".yellow().bold());
    }
}

/// Print the allowed findings (text), after the report.
pub fn write_allowed(out: &mut dyn Write, applied: &Applied) -> io::Result<()> {
    if applied.allowed.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} allowed by contracts.toml (not counted):",
        applied.allowed.len()
    )?;
    for a in &applied.allowed {
        let f = &a.finding;
        let at = f.new.as_ref().or(f.old.as_ref()).map(ToString::to_string);
        writeln!(
            out,
            "  {} {} in {}: {}",
            "ALLOWED".green(),
            f.rule,
            f.schema,
            f.message
        )?;
        if let Some(at) = at {
            writeln!(out, "        at: {at}")?;
        }
        writeln!(
            out,
            "        reason: {} ([[allow]] #{}, would require {})",
            a.reason, a.allow_entry, f.bump
        )?;
    }
    Ok(())
}

/// Write the JSON report of `check` (with `verdict`) or `diff` (`verdict: None`):
/// [`crate::render::json`]'s object plus, when not empty, `allowed` (findings the configuration accepted, each with
/// `allowed: true` and its `reason`) and `warnings` (allow entries that matched nothing or
/// expired).
pub fn write_check_json(
    out: &mut dyn Write,
    applied: &Applied,
    verdict: Option<&Verdict>,
) -> io::Result<()> {
    let mut buffer = Vec::new();
    match verdict {
        Some(verdict) => crate::render::json::write_check(&mut buffer, &applied.report, verdict)?,
        None => crate::render::json::write_diff(&mut buffer, &applied.report)?,
    }
    let mut value: serde_json::Value = serde_json::from_slice(&buffer).map_err(io::Error::from)?;
    // Both are left out when empty, so a report without configuration keeps its shape.
    if let Some(object) = value.as_object_mut() {
        if !applied.allowed.is_empty() {
            let allowed = serde_json::to_value(&applied.allowed).map_err(io::Error::from)?;
            object.insert("allowed".into(), allowed);
        }
        if !applied.warnings.is_empty() {
            object.insert("warnings".into(), serde_json::json!(applied.warnings));
        }
    }
    serde_json::to_writer_pretty(&mut *out, &value).map_err(io::Error::from)?;
    writeln!(out)
}
