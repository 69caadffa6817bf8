//! `contracts rules [RULE]`: the rule catalogue of the diff engine.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use contracts_diff::documents::{RuleCatalogue, RuleEntry};
use contracts_diff::rules::{self, BumpPolicy, Rule};
use contracts_diff::{Bump, Effect, Mode, Policy};

use crate::error::{CliError, CmdResult, EXIT_OK};

/// Arguments of `contracts rules`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Each rule has a fixed effect on the set of accepted values (narrowed, widened, changed,
annotation); the bump follows from the effect and the mode: under backward narrowing is MAJOR,
under forward widening is MAJOR, under full both are. Some rules have a fixed bump, or one that
depends on the policy. contracts.toml can turn rules off or give them another bump
([rules] except = [...], [rules.severity] RULE = \"major|minor|patch|off\").")]
pub struct RulesArgs {
    /// Show this rule's full documentation (what it detects, why the bump, an example).
    #[arg(value_name = "RULE")]
    pub rule: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,

    #[command(flatten)]
    pub output: crate::output::OutputFlag,
}

/// `rules --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// A table (or one rule's documentation).
    Text,
    /// A JSON object: `{"rules": [RULE...]}`, or one RULE with its `doc` when a rule is named
    /// (`$defs/RuleCatalogue` and `$defs/RuleEntry` of `docs/report.schema.json`). A RULE is
    /// `{"id", "effect", "bump_policy", "bump": {"lenient", "strict"}, "summary"}`, each of
    /// `lenient`/`strict` `{"backward", "forward", "full"}` bumps, or null when the rule never
    /// fires under that policy.
    Json,
}

fn effect_name(effect: Effect) -> &'static str {
    match effect {
        Effect::Annotation => "annotation",
        Effect::Widened => "widened",
        Effect::Narrowed => "narrowed",
        Effect::Changed => "changed",
    }
}

/// The rule's bump under backward / forward / full, with the policy's part when it matters.
fn bumps(rule: &Rule) -> String {
    let per_mode = |policy| {
        [Mode::Backward, Mode::Forward, Mode::Full]
            .map(|m| rule.bump(m, policy).to_string())
            .join("/")
    };
    match rule.bump_policy {
        BumpPolicy::Fixed(b) => format!("{b} always"),
        BumpPolicy::Effect => per_mode(Policy::Lenient),
        BumpPolicy::Lenient(b) => format!("{b} (lenient), {} (strict)", per_mode(Policy::Strict)),
        BumpPolicy::StrictOnly => format!("{} (strict only)", per_mode(Policy::Strict)),
    }
}

/// Print the catalogue, or one rule's documentation.
pub fn run(args: &RulesArgs) -> CmdResult {
    let mut out = crate::output::styled();
    match &args.rule {
        Some(id) => {
            let rule = rules::by_id(id).ok_or_else(|| {
                let close: Vec<&str> = rules::rules()
                    .iter()
                    .map(|r| r.id)
                    .filter(|r| r.contains(id.as_str()) || id.contains(*r))
                    .collect();
                let hint = if close.is_empty() {
                    String::from("`contracts rules` lists them")
                } else {
                    format!("did you mean {}?", close.join(", "))
                };
                CliError::Input(format!("unknown rule `{id}`: {hint}"))
            })?;
            if args.format == RulesFormat::Json {
                let mut out = crate::output::plain();
                serde_json::to_writer_pretty(&mut out, &RuleEntry::new(rule, true))
                    .map_err(std::io::Error::from)?;
                writeln!(out)?;
                out.flush()?;
                return Ok(ExitCode::from(EXIT_OK));
            }
            writeln!(out, "{}: {}", rule.id, rule.summary)?;
            writeln!(out)?;
            writeln!(out, "effect: {}", effect_name(rule.effect))?;
            writeln!(
                out,
                "bump (backward/forward/full): {}",
                bumps(rule).replace(" always", " in every mode")
            )?;
            writeln!(out)?;
            writeln!(out, "{}", rule.doc.trim_end())?;
        }
        None if args.format == RulesFormat::Json => {
            let mut out = crate::output::plain();
            serde_json::to_writer_pretty(&mut out, &RuleCatalogue::new())
                .map_err(std::io::Error::from)?;
            writeln!(out)?;
            out.flush()?;
        }
        None => {
            let width = rules::rules().iter().map(|r| r.id.len()).max().unwrap_or(0);
            writeln!(
                out,
                "{:<width$}  {:<10}  {:<34}  summary",
                "rule", "effect", "bump (backward/forward/full)"
            )?;
            for rule in rules::rules() {
                writeln!(
                    out,
                    "{:<width$}  {:<10}  {:<34}  {}",
                    rule.id,
                    effect_name(rule.effect),
                    bumps(rule),
                    rule.summary
                )?;
            }
            writeln!(out)?;
            let majors = rules::rules()
                .iter()
                .filter(|r| r.bump(Mode::Full, Policy::Lenient) == Bump::Major)
                .count();
            writeln!(
                out,
                "{} rules ({majors} MAJOR under full/lenient). `contracts rules RULE` shows one rule's documentation.",
                rules::rules().len()
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(EXIT_OK))
}
