//! `contracts check --history` in every format. Each consecutive pair of published versions is
//! a [`Pair`] whose [`Context`] the single-check renderers take, so a pair's findings read
//! exactly as `contracts check` shows them:
//!
//! - text: one line per pair, each failing pair's findings (as `contracts check` lists them),
//!   and the overall result;
//! - json: `{ "passed", "pairs": [...] }`, one object per pair (sources, verdict, counts);
//! - markdown: a summary table with one row per pair, then each failing pair's report
//!   ([`markdown::write_nested`]) in a `<details>` block whose summary names the pair;
//! - github: one annotation with the overall result, then each failing pair's result, then
//!   the failing pairs' findings by severity ([`github::annotations`], titles starting with the
//!   pair); the Markdown above is appended to the job summary when `GITHUB_STEP_SUMMARY` is
//!   set, after a note on how many annotations GitHub does not show;
//! - junit: one `<testsuite>` per pair (`contracts check 2.0.0 -> 2.1.0`) holding its findings'
//!   test cases and the version gate's;
//! - sarif: one run whose results are the failing pairs' findings, each message starting with
//!   the pair (`[2.0.0 -> 2.1.0] ...`); the run's properties hold every pair's verdict.
//!
//! Passing pairs show only their summary (table row, verdict, test suite): their findings were
//! released with a large enough bump and are not problems.

use std::io::{self, Write};

use contracts_core::Package;
use contracts_diff::documents::{HistoryPair, HistoryReport};
use contracts_diff::gate::Verdict;
use contracts_diff::Report;
use owo_colors::OwoColorize;
use serde_json::json;

use super::{bump_label, github, junit, markdown, sarif, text, Context, Severity};
use crate::args::FormatArg;

/// The command's name as CI output shows it.
const COMMAND: &str = "contracts check --history";

/// One consecutive pair of published versions, checked.
pub struct Pair<'a> {
    /// The older version's source, as found in the history folder.
    pub old_source: &'a str,
    /// The newer version's source.
    pub new_source: &'a str,
    /// The older version.
    pub old: &'a Package,
    /// The newer version.
    pub new: &'a Package,
    /// The findings (`contracts.toml` applied).
    pub report: &'a Report,
    /// The gate's verdict on the pair.
    pub verdict: &'a Verdict,
    /// How many findings `contracts.toml` allowed.
    pub allowed: usize,
}

impl<'a> Pair<'a> {
    /// What the single-check renderers take.
    pub fn context(&self) -> Context<'a> {
        Context {
            old: self.old,
            new: self.new,
            report: self.report,
            fail_above: None,
            verdict: Some(self.verdict),
        }
    }

    /// `OLD -> NEW` (versions).
    pub fn name(&self) -> String {
        format!(
            "{} -> {}",
            self.verdict.old_version, self.verdict.new_version
        )
    }
}

fn failed(pairs: &[Pair<'_>]) -> usize {
    pairs.iter().filter(|p| !p.verdict.passed).count()
}

/// Write the JSON report ([`HistoryReport`]): `passed` and one object per pair with its
/// sources, verdict, counts and findings.
pub fn write_json(out: &mut dyn Write, pairs: &[Pair<'_>]) -> io::Result<()> {
    let value = HistoryReport {
        passed: failed(pairs) == 0,
        pairs: pairs
            .iter()
            .map(|p| {
                let (major, minor, patch) = p.report.counts();
                HistoryPair {
                    old: p.old_source.to_string(),
                    new: p.new_source.to_string(),
                    verdict: p.verdict.clone(),
                    counts: [major, minor, patch],
                    allowed: p.allowed,
                    findings: p.report.findings.clone(),
                }
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &value).map_err(io::Error::from)?;
    writeln!(out)
}

/// Write the text report (ANSI styles; hand it an [`anstream`] stream): one line per pair, then
/// the overall result.
pub fn write_text(out: &mut dyn Write, pairs: &[Pair<'_>]) -> io::Result<()> {
    for p in pairs {
        let v = p.verdict;
        let (major, minor, patch) = p.report.counts();
        let status = if v.passed {
            "PASS".green().bold().to_string()
        } else {
            "FAIL".red().bold().to_string()
        };
        write!(
            out,
            "{status} {} -> {}: declares {}, requires {} ({major} major, {minor} minor, {patch} patch",
            v.old_version, v.new_version, v.declared, v.required,
        )?;
        if p.allowed > 0 {
            write!(out, ", {} allowed", p.allowed)?;
        }
        write!(out, ")")?;
        if !v.passed {
            write!(out, "; smallest version that passes: {}", v.minimum_version)?;
        }
        writeln!(out)?;
    }
    // Each failing pair's findings, as `contracts check` lists them.
    for p in pairs.iter().filter(|p| !p.verdict.passed) {
        writeln!(out)?;
        writeln!(
            out,
            "{} {} ({} -> {}):",
            "findings of".bold(),
            p.name().bold(),
            p.old_source,
            p.new_source
        )?;
        writeln!(out)?;
        text::write_check_findings(out, p.report, p.verdict, Some((p.old, p.new)))?;
    }
    if pairs.iter().all(|p| p.verdict.passed) {
        writeln!(out)?;
    }
    let failed = failed(pairs);
    if failed == 0 {
        writeln!(
            out,
            "{} every one of {} releases is bumped right.",
            "PASS:".green().bold(),
            pairs.len()
        )
    } else {
        writeln!(
            out,
            "{} {failed} of {} releases declare too small a bump.",
            "FAIL:".red().bold(),
            pairs.len()
        )
    }
}

/// Write the Markdown report: the table of pairs, then each failing pair's findings.
pub fn write_markdown(out: &mut dyn Write, pairs: &[Pair<'_>]) -> io::Result<()> {
    let failed = failed(pairs);
    if failed == 0 {
        writeln!(out, "## ✅ {COMMAND}: passed\n")?;
        writeln!(
            out,
            "Every one of {} releases is bumped right.\n",
            pairs.len()
        )?;
    } else {
        writeln!(out, "## ❌ {COMMAND}: failed\n")?;
        writeln!(
            out,
            "{failed} of {} releases declare too small a bump.\n",
            pairs.len()
        )?;
    }
    writeln!(
        out,
        "| release | declared bump | required bump | major | minor | patch | allowed | verdict | smallest version that passes |"
    )?;
    writeln!(
        out,
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |"
    )?;
    for p in pairs {
        let v = p.verdict;
        let (major, minor, patch) = p.report.counts();
        let (verdict, minimum) = if v.passed {
            ("✅ PASS", "—".to_string())
        } else {
            ("❌ FAIL", format!("**{}**", v.minimum_version))
        };
        writeln!(
            out,
            "| {} → {} | {} | {} | {major} | {minor} | {patch} | {} | {verdict} | {minimum} |",
            v.old_version,
            v.new_version,
            bump_label(v.declared),
            bump_label(v.required),
            p.allowed,
        )?;
    }
    for p in pairs.iter().filter(|p| !p.verdict.passed) {
        let v = p.verdict;
        writeln!(
            out,
            "\n<details open><summary>❌ <b>{} → {}</b>: declares {}, requires {}; the smallest version that passes is {}</summary>\n",
            v.old_version,
            v.new_version,
            bump_label(v.declared),
            bump_label(v.required),
            v.minimum_version
        )?;
        markdown::write_nested(out, &p.context(), 3)?;
        writeln!(out, "</details>")?;
    }
    Ok(())
}

/// The GitHub Actions annotations: the overall result first, then each failing pair's result,
/// then the failing pairs' findings by severity (titles starting with the pair), so GitHub,
/// which shows only the first few errors of a step, never drops a verdict.
pub fn github_annotations(pairs: &[Pair<'_>]) -> Vec<github::Annotation> {
    let failed = failed(pairs);
    let overall = if failed == 0 {
        let releases: Vec<String> = pairs
            .iter()
            .map(|p| format!("{} ({})", p.name(), bump_label(p.verdict.required)))
            .collect();
        github::Annotation {
            severity: Severity::Note,
            line: format!(
                "::notice title={}::{}",
                github::escape_property(&format!("{COMMAND} passed")),
                github::escape_data(&format!(
                    "every one of {} releases is bumped right: {}",
                    pairs.len(),
                    releases.join(", ")
                ))
            ),
        }
    } else {
        let failing: Vec<String> = pairs
            .iter()
            .filter(|p| !p.verdict.passed)
            .map(|p| {
                format!(
                    "{} declares {}, requires {} (smallest version that passes: {})",
                    p.name(),
                    bump_label(p.verdict.declared),
                    bump_label(p.verdict.required),
                    p.verdict.minimum_version
                )
            })
            .collect();
        github::Annotation {
            severity: Severity::Error,
            line: format!(
                "::error title={}::{}",
                github::escape_property(&format!("{COMMAND} failed")),
                github::escape_data(&format!(
                    "{failed} of {} releases declare too small a bump: {}",
                    pairs.len(),
                    failing.join("; ")
                ))
            ),
        }
    };
    let mut verdicts = vec![overall];
    let mut findings = Vec::new();
    for p in pairs.iter().filter(|p| !p.verdict.passed) {
        let mut pair = github::annotations(&p.context(), Some(&p.name())).into_iter();
        verdicts.extend(pair.next());
        findings.extend(pair);
    }
    findings.sort_by_key(|a| a.severity);
    verdicts.extend(findings);
    verdicts
}

/// Write the GitHub Actions annotations ([`github_annotations`]).
pub fn write_github(out: &mut dyn Write, pairs: &[Pair<'_>]) -> io::Result<()> {
    github::write_all(out, &github_annotations(pairs))
}

/// Write the JUnit XML report: one test suite per pair.
pub fn write_junit(out: &mut dyn Write, pairs: &[Pair<'_>]) -> io::Result<()> {
    let mut suites = String::new();
    let (mut tests, mut failures) = (0usize, 0usize);
    for p in pairs {
        let ctx = p.context();
        let findings = &p.report.findings;
        let failed = findings.iter().filter(|f| f.bump > ctx.allowed()).count()
            + usize::from(!p.verdict.passed);
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\">\n",
            junit::xml_escape(&format!("contracts check {}", p.name())),
            findings.len() + 1
        ));
        for finding in findings {
            suites.push_str(&junit::testcase(&ctx, finding));
        }
        suites.push_str(&junit::release_case(p.verdict));
        suites.push_str("  </testsuite>\n");
        tests += findings.len() + 1;
        failures += failed;
    }
    junit::write_document(out, COMMAND, tests, failures, &suites)
}

/// The SARIF log: one run with the failing pairs' findings.
pub fn sarif_log(pairs: &[Pair<'_>]) -> serde_json::Value {
    let mut results = Vec::new();
    for p in pairs.iter().filter(|p| !p.verdict.passed) {
        let name = p.name();
        for mut result in sarif::results(&p.context()) {
            let text = result["message"]["text"].as_str().unwrap_or_default();
            result["message"]["text"] = json!(format!("[{name}] {text}"));
            result["properties"]["pair"] = json!(name);
            results.push(result);
        }
    }
    let verdicts: Vec<&Verdict> = pairs.iter().map(|p| p.verdict).collect();
    let properties = json!({ "passed": failed(pairs) == 0, "verdicts": verdicts });
    sarif::wrap(vec![sarif::run(results, Some(properties))])
}

/// Write the report in `format` to stdout (text through [`anstream`]). For the CI formats, also
/// log the text report to stderr unless `quiet`, and for `github` append the Markdown report to
/// the job summary when `GITHUB_STEP_SUMMARY` is set.
pub fn emit(format: FormatArg, quiet: bool, pairs: &[Pair<'_>]) -> io::Result<()> {
    let safe: Vec<Report>;
    let people: Vec<Pair<'_>>;
    let pairs = if format == FormatArg::Json {
        pairs
    } else {
        safe = pairs.iter().map(|p| super::for_people(p.report)).collect();
        people = pairs
            .iter()
            .zip(&safe)
            .map(|(p, report)| Pair { report, ..*p })
            .collect();
        &people
    };
    if format == FormatArg::Text {
        let mut out = crate::output::styled();
        write_text(&mut out, pairs)?;
        return out.flush();
    }
    let mut out = crate::output::plain();
    match format {
        FormatArg::Json => return write_json(&mut out, pairs).and_then(|()| out.flush()),
        FormatArg::Markdown => write_markdown(&mut out, pairs)?,
        FormatArg::Github => write_github(&mut out, pairs)?,
        FormatArg::Junit => write_junit(&mut out, pairs)?,
        FormatArg::Sarif => sarif::write_log(&mut out, &sarif_log(pairs))?,
        FormatArg::Text | FormatArg::Html => {}
    }
    out.flush()?;
    let summary = if format == FormatArg::Github {
        let mut text = Vec::new();
        if let Some(note) = github::not_shown_note(&github_annotations(pairs)) {
            writeln!(text, "{note}")?;
        }
        write_markdown(&mut text, pairs)?;
        github::summary_or_warn(github::append_to_step_summary(&text))
    } else {
        None
    };
    if !quiet {
        let mut log = anstream::stderr().lock();
        write_text(&mut log, pairs)?;
        if let Some(path) = summary {
            writeln!(log, "{COMMAND}: job summary appended to {}", path.display())?;
        }
        log.flush()?;
    }
    Ok(())
}
