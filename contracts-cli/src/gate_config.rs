//! `contracts.toml` in the CLI: finding it (NEW's package root, or `--config FILE`), setting up
//! the library's [`Comparison`] from the flags, and printing what it allowed and warned about.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::Args;
use contracts_core::{Package, Source};
use contracts_diff::config::Config;
use contracts_diff::{Comparison, Mode, Outcome, Policy};
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

/// The comparison of `old` with `new` under `config` and the flags' mode and policy (the
/// library resolves per-schema modes, diffs, applies the configuration and judges).
pub fn comparison<'a>(
    flags: &DiffFlags,
    config: Option<&'a Config>,
    old: &'a Package,
    new: &'a Package,
) -> Comparison<'a> {
    Comparison {
        config,
        mode: flags.mode.map(Mode::from),
        policy: flags.policy.map(Policy::from),
        ..Comparison::new(old, new)
    }
}

/// Print the configuration's warnings to stderr.
pub fn warn(applied: &Outcome) {
    for w in &applied.warnings {
        anstream::eprintln!("{} {w}", "warning:".yellow().bold());
    }
}

/// Print the allowed findings (text), after the report.
pub fn write_allowed(out: &mut dyn Write, applied: &Outcome) -> io::Result<()> {
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

/// Write the JSON report of `check` (with `verdict`) or `diff` (without): the [`Outcome`] as
/// the library serializes it (`docs/report.schema.json`).
pub fn write_json(out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, outcome).map_err(io::Error::from)?;
    writeln!(out)
}
