//! The text report: the summary first (findings by bump, the required bump and, for `check`,
//! the verdict), the packages, then the findings [`View`] lists: MAJOR ones (and any other that
//! fails the gate) grouped by schema, each with its rule id, bump, message, locations on both
//! sides (`file#pointer`), the changed lines of the two subschemas (a unified diff of their
//! pretty JSON) and witness; the rest as one line per rule with a count unless `--verbose`;
//! for a failing `check`, the findings that need more than the declared version. Messages wrap
//! at the view's width.
//!
//! Styles are always emitted; the stream the caller passes decides whether they reach the
//! terminal (see [`crate::render`]). Without colour the text reads the same: every style
//! decorates a word that is also there in plain text.

use std::io::{self, Write};

use contracts_core::{Location, Package};
use contracts_diff::gate::{self, Verdict};
use contracts_diff::{Bump, Finding, Report, WitnessSide};
use owo_colors::{OwoColorize, Style};

use super::view::View;
use super::Side;

/// Indentation of a finding's detail lines (below its `BUMP rule: message` line).
const DETAIL: &str = "        ";

fn bump_label(bump: Bump) -> &'static str {
    match bump {
        Bump::Major => "MAJOR",
        Bump::Minor => "MINOR",
        Bump::Patch => "PATCH",
        Bump::None => "NONE",
    }
}

fn bump_style(bump: Bump) -> Style {
    match bump {
        Bump::Major => Style::new().red().bold(),
        Bump::Minor => Style::new().yellow().bold(),
        Bump::Patch => Style::new().cyan(),
        Bump::None => Style::new().green(),
    }
}

fn styled_bump(bump: Bump) -> String {
    format!("{:<5}", bump_label(bump))
        .style(bump_style(bump))
        .to_string()
}

fn dim(text: &str) -> String {
    text.dimmed().to_string()
}

fn describe_side(side: &Side<'_>) -> String {
    let mut parts = Vec::new();
    match (side.name, side.version) {
        (Some(name), Some(version)) => parts.push(format!("{name} {version}")),
        (Some(name), None) => parts.push(format!("{name}, no version")),
        (None, Some(version)) => parts.push(format!("version {version}")),
        (None, None) => {}
    }
    let noun = if side.schemas == 1 {
        "schema"
    } else {
        "schemas"
    };
    parts.push(format!("{} {noun}", side.schemas));
    format!("{} ({})", side.label.bold(), parts.join(", "))
}

fn write_header(
    out: &mut dyn Write,
    old: &Side<'_>,
    new: &Side<'_>,
    report: &Report,
) -> io::Result<()> {
    let mode = serde_plain(&report.mode);
    let policy = serde_plain(&report.policy);
    writeln!(out, "{} {}", dim("old:"), describe_side(old))?;
    writeln!(out, "{} {}", dim("new:"), describe_side(new))?;
    writeln!(out, "{} {mode}, {} {policy}", dim("mode:"), dim("policy:"))?;
    writeln!(out)
}

/// The lowercase name serde gives a unit enum variant (`full`, `lenient`, ...).
fn serde_plain(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}

/// The packages a report came from, for the subschemas' text: `(old, new)`.
pub type Packages<'a> = Option<(&'a Package, &'a Package)>;

/// At most this many lines of a subschema diff are shown per finding.
const MAX_DIFF_LINES: usize = 24;

/// The unified diff (3 lines of context) of the pretty JSON of a finding's old and new
/// subschemas, without file headers; `None` when a side is missing or they print the same.
///
/// When one location is inside the other (a property added: the old object and the new
/// property; an enum value removed: the old value and the new `enum`), both sides are shown at
/// the parent of the deeper one, so the diff is of like with like: the `properties` map gains a
/// key, the `enum` loses a value.
pub fn subschema_diff(finding: &Finding, packages: Packages<'_>) -> Option<Vec<String>> {
    let (old, new) = subschema_texts(finding, packages)?;
    let diff = similar::TextDiff::from_lines(&old, &new);
    let text = diff.unified_diff().context_radius(3).to_string();
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    (!lines.is_empty()).then_some(lines)
}

/// The pretty JSON (ending in a newline) of a finding's old and new subschemas, taken where
/// [`subschema_diff`] compares them; `None` when a side is missing or they print the same.
pub fn subschema_texts(finding: &Finding, packages: Packages<'_>) -> Option<(String, String)> {
    let (old_pkg, new_pkg) = packages?;
    let (old_loc, new_loc) = (finding.old.as_ref()?, finding.new.as_ref()?);
    let (old_loc, new_loc) = comparable(old_pkg, old_loc, new_pkg, new_loc)
        .unwrap_or_else(|| (old_loc.clone(), new_loc.clone()));
    let old = old_pkg.value_at(&old_loc)?;
    let new = new_pkg.value_at(&new_loc)?;
    let old = serde_json::to_string_pretty(old).ok()? + "\n";
    let new = serde_json::to_string_pretty(new).ok()? + "\n";
    (old != new).then_some((old, new))
}

/// For two locations in the same file where one pointer is a proper prefix of the other, the
/// parent of the deeper pointer on both sides, when both packages have a value there.
fn comparable(
    old_pkg: &Package,
    old: &Location,
    new_pkg: &Package,
    new: &Location,
) -> Option<(Location, Location)> {
    if old.file != new.file {
        return None;
    }
    let (o, n) = (
        contracts_core::pointer::tokens(&old.pointer),
        contracts_core::pointer::tokens(&new.pointer),
    );
    let (short, long) = if o.len() < n.len() {
        (&o, &n)
    } else {
        (&n, &o)
    };
    if short.len() == long.len() || long[..short.len()] != short[..] {
        return None;
    }
    let parent: String = long[..long.len() - 1]
        .iter()
        .map(|t| format!("/{}", contracts_core::pointer::escape(t)))
        .collect();
    let at = Location::new(old.file.clone(), parent);
    (old_pkg.value_at(&at).is_some() && new_pkg.value_at(&at).is_some()).then(|| (at.clone(), at))
}

fn write_subschema_diff(out: &mut dyn Write, lines: &[String]) -> io::Result<()> {
    for line in lines.iter().take(MAX_DIFF_LINES) {
        let styled = if line.starts_with("@@") {
            line.cyan().to_string()
        } else if line.starts_with('-') {
            line.red().to_string()
        } else if line.starts_with('+') {
            line.green().to_string()
        } else {
            line.dimmed().to_string()
        };
        writeln!(out, "{DETAIL}  {styled}")?;
    }
    if lines.len() > MAX_DIFF_LINES {
        writeln!(
            out,
            "{DETAIL}  {}",
            dim(&format!("... {} more lines", lines.len() - MAX_DIFF_LINES))
        )?;
    }
    Ok(())
}

fn write_finding(
    out: &mut dyn Write,
    finding: &Finding,
    verdict: Option<&Verdict>,
    packages: Packages<'_>,
    view: &View,
) -> io::Result<()> {
    let label = format!("{:<5}", bump_label(finding.bump));
    let head = format!("  {label} {}: {}", finding.rule, finding.message);
    for (i, line) in view.wrap(&head, DETAIL).into_iter().enumerate() {
        if i == 0 {
            // The bump and the rule are the line's first two words (never split).
            let plain_prefix = format!("  {label} {}:", finding.rule);
            let rest = line.strip_prefix(&plain_prefix).unwrap_or(&line);
            let prefix = format!("  {} {}:", styled_bump(finding.bump), finding.rule.bold());
            if line.starts_with(&plain_prefix) {
                writeln!(out, "{prefix}{rest}")?;
            } else {
                writeln!(out, "{line}")?;
            }
        } else {
            writeln!(out, "{line}")?;
        }
    }
    if let Some(old) = &finding.old {
        writeln!(out, "{DETAIL}{} {old}", dim("old:"))?;
    }
    if let Some(new) = &finding.new {
        writeln!(out, "{DETAIL}{} {new}", dim("new:"))?;
    }
    if let Some(lines) = subschema_diff(finding, packages) {
        write_subschema_diff(out, &lines)?;
    }
    if let Some(witness) = &finding.witness {
        let side = match witness.valid_in {
            WitnessSide::Old => "valid under old, invalid under new",
            WitnessSide::New => "valid under new, invalid under old",
        };
        // One line, never wrapped: it is copied as it is.
        let instance = serde_json::to_string(&witness.instance).unwrap_or_default();
        writeln!(
            out,
            "{DETAIL}{} {instance}",
            dim(&format!("witness ({side}):"))
        )?;
    }
    if let Some(verdict) = verdict {
        if finding.bump > verdict.declared {
            let needs = gate::next_version(&verdict.old_version, finding.bump);
            writeln!(
                out,
                "{DETAIL}{} {} {}",
                dim("needs:"),
                needs.to_string().style(bump_style(finding.bump)),
                dim(&format!("(declared {})", verdict.new_version)),
            )?;
        }
    }
    Ok(())
}

/// `findings` (in report order, so sorted by schema) under one heading per schema.
fn write_grouped(
    out: &mut dyn Write,
    findings: &[&Finding],
    verdict: Option<&Verdict>,
    packages: Packages<'_>,
    view: &View,
) -> io::Result<()> {
    let mut current: Option<&str> = None;
    for finding in findings {
        if current != Some(finding.schema.as_str()) {
            if current.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{}", finding.schema.underline().bold())?;
            current = Some(&finding.schema);
        }
        write_finding(out, finding, verdict, packages, view)?;
    }
    if current.is_some() {
        writeln!(out)?;
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The findings the view keeps: those listed in full, bump by bump (MAJOR first) and grouped
/// by schema, then the rest as one line per rule with a count (`MINOR definition-added ×91`).
fn write_body(
    out: &mut dyn Write,
    report: &Report,
    verdict: Option<&Verdict>,
    packages: Packages<'_>,
    view: &View,
) -> io::Result<()> {
    let allowed = verdict.map(|v| v.declared);
    let kept: Vec<&Finding> = report.findings.iter().filter(|f| view.keeps(f)).collect();
    if view.filtered() {
        let line = format!(
            "listed: {} of {} ({})",
            kept.len(),
            plural(report.findings.len(), "finding", "findings"),
            view.describe_filters()
        );
        for line in view.wrap(&line, "  ") {
            writeln!(out, "{}", dim(&line))?;
        }
        writeln!(out)?;
    }
    let (full, rest): (Vec<&Finding>, Vec<&Finding>) =
        kept.into_iter().partition(|f| view.in_full(f, allowed));
    for bump in [Bump::Major, Bump::Minor, Bump::Patch, Bump::None] {
        let group: Vec<&Finding> = full.iter().copied().filter(|f| f.bump == bump).collect();
        if group.is_empty() {
            continue;
        }
        let mut schemas: Vec<&str> = group.iter().map(|f| f.schema.as_str()).collect();
        schemas.dedup();
        writeln!(
            out,
            "{} {}",
            format!("{}:", bump_label(bump)).style(bump_style(bump)),
            dim(&format!(
                "{} in {}",
                plural(group.len(), "finding", "findings"),
                plural(schemas.len(), "schema", "schemas")
            ))
        )?;
        writeln!(out)?;
        write_grouped(out, &group, verdict, packages, view)?;
    }
    if !rest.is_empty() {
        // (bump, rule) -> count, the largest bump first, then the most frequent rule.
        let mut counts: Vec<(Bump, &str, usize)> = Vec::new();
        for finding in &rest {
            match counts
                .iter_mut()
                .find(|(b, r, _)| *b == finding.bump && *r == finding.rule)
            {
                Some(entry) => entry.2 += 1,
                None => counts.push((finding.bump, &finding.rule, 1)),
            }
        }
        counts.sort_by(|a, b| b.0.cmp(&a.0).then(b.2.cmp(&a.2)).then(a.1.cmp(b.1)));
        let mut bumps: Vec<&str> = counts.iter().map(|c| bump_label(c.0)).collect();
        bumps.dedup();
        let heading = format!(
            "{}: {}, one line per rule (--verbose lists each)",
            bumps.join(" and "),
            plural(rest.len(), "finding", "findings")
        );
        for line in view.wrap(&heading, "  ") {
            writeln!(out, "{}", line.bold())?;
        }
        for (bump, rule, count) in counts {
            writeln!(out, "  {} {rule} ×{count}", styled_bump(bump))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_summary(
    out: &mut dyn Write,
    report: &Report,
    old: &Side<'_>,
    verdict: Option<&Verdict>,
    view: &View,
) -> io::Result<()> {
    let (major, minor, patch) = report.counts();
    let total = report.findings.len();
    if total == 0 {
        writeln!(out, "no findings")?;
    } else {
        let noun = if total == 1 { "finding" } else { "findings" };
        writeln!(
            out,
            "{} {}",
            format!("{total} {noun}:").bold(),
            [
                (major, Bump::Major, "major"),
                (minor, Bump::Minor, "minor"),
                (patch, Bump::Patch, "patch"),
            ]
            .iter()
            .map(|(n, b, word)| if *n > 0 {
                format!("{n} {word}").style(bump_style(*b)).to_string()
            } else {
                format!("{n} {word}")
            })
            .collect::<Vec<_>>()
            .join(", ")
        )?;
    }
    let required = report.required_bump;
    match old.version {
        Some(version) if required > Bump::None => writeln!(
            out,
            "required bump: {} (smallest next version: {})",
            bump_label(required).style(bump_style(required)),
            gate::next_version(version, required)
        )?,
        _ => writeln!(
            out,
            "required bump: {}",
            bump_label(required).style(bump_style(required))
        )?,
    }
    if let Some(verdict) = verdict {
        let declared = declared_phrase(verdict);
        let (word, line) = if verdict.passed {
            let required = match verdict.required {
                Bump::None => String::from("no changes were found"),
                required => format!("the changes require a {required} bump"),
            };
            (
                "PASS:".green().bold().to_string(),
                format!("{declared}; {required}."),
            )
        } else {
            (
                "FAIL:".red().bold().to_string(),
                format!(
                    "{declared}, but the changes require a {} bump; smallest version that \
                     passes: {}.",
                    verdict.required, verdict.minimum_version
                ),
            )
        };
        for (i, wrapped) in view
            .wrap(&format!("PASS: {line}"), "  ")
            .into_iter()
            .enumerate()
        {
            match i {
                0 => writeln!(out, "{word}{}", wrapped.trim_start_matches("PASS:"))?,
                _ => writeln!(out, "{wrapped}")?,
            }
        }
    }
    Ok(())
}

fn declared_phrase(verdict: &Verdict) -> String {
    let (old, new) = (&verdict.old_version, &verdict.new_version);
    match verdict.declared {
        Bump::None if new < old => format!("{old} -> {new} goes backwards"),
        Bump::None => format!("{old} -> {new} declares no bump"),
        declared => format!("{old} -> {new} declares a {declared} bump"),
    }
}

/// The end of a failing check's report: the verdict again (the top has scrolled away), each
/// listed finding that needs more than the declared version, and the smallest version that
/// passes.
fn write_verdict(
    out: &mut dyn Write,
    report: &Report,
    verdict: &Verdict,
    view: &View,
) -> io::Result<()> {
    if verdict.passed {
        return Ok(());
    }
    let declared = declared_phrase(verdict);
    writeln!(
        out,
        "{} {declared}, but the changes require a {} bump.",
        "FAIL:".red().bold(),
        verdict.required
    )?;
    let too_big: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.bump > verdict.declared)
        .collect();
    let listed: Vec<&Finding> = too_big.iter().copied().filter(|f| view.keeps(f)).collect();
    let noun = if too_big.len() == 1 {
        "finding needs"
    } else {
        "findings need"
    };
    writeln!(
        out,
        "  {} {noun} more than {}:",
        too_big.len(),
        verdict.new_version
    )?;
    for finding in &listed {
        writeln!(
            out,
            "    {} {} in {}: {} {}",
            styled_bump(finding.bump),
            finding.rule,
            finding.schema,
            finding.message,
            dim(&format!(
                "(needs {})",
                gate::next_version(&verdict.old_version, finding.bump)
            )),
        )?;
    }
    if listed.len() < too_big.len() {
        writeln!(
            out,
            "    {}",
            dim(&format!(
                "({} more not listed: {})",
                too_big.len() - listed.len(),
                view.describe_filters()
            ))
        )?;
    }
    writeln!(
        out,
        "  smallest version that passes: {}",
        verdict.minimum_version.to_string().bold()
    )
}

/// Write the report of `contracts diff`: the summary (counts by bump, required bump), the
/// packages, then the findings as [`View`] lists them.
pub fn write_diff(
    out: &mut dyn Write,
    old: &Side<'_>,
    new: &Side<'_>,
    report: &Report,
    packages: Packages<'_>,
    view: &View,
) -> io::Result<()> {
    write_summary(out, report, old, None, view)?;
    write_header(out, old, new, report)?;
    write_body(out, report, None, packages, view)
}

/// Write a checked report's findings grouped by schema, every one in full, without the
/// summary and verdict (for a failing pair of `check --history`).
pub fn write_check_findings(
    out: &mut dyn Write,
    report: &Report,
    verdict: &Verdict,
    packages: Packages<'_>,
) -> io::Result<()> {
    let all: Vec<&Finding> = report.findings.iter().collect();
    write_grouped(out, &all, Some(verdict), packages, &View::default())
}

/// Write the report of `contracts check`: the summary with the verdict, the packages, the
/// findings as [`View`] lists them, then for a failing release the findings that need more.
pub fn write_check(
    out: &mut dyn Write,
    old: &Side<'_>,
    new: &Side<'_>,
    report: &Report,
    verdict: &Verdict,
    packages: Packages<'_>,
    view: &View,
) -> io::Result<()> {
    write_summary(out, report, old, Some(verdict), view)?;
    write_header(out, old, new, report)?;
    write_body(out, report, Some(verdict), packages, view)?;
    write_verdict(out, report, verdict, view)
}

#[cfg(test)]
mod tests {
    use super::*;
    use contracts_diff::{Confidence, Effect, Location, Mode, Policy, Witness};
    use semver::Version;

    fn finding(schema: &str, rule: &str, bump: Bump) -> Finding {
        Finding {
            rule: rule.into(),
            bump,
            effect: Effect::Narrowed,
            message: format!("{rule} happened"),
            schema: schema.into(),
            old: Some(Location::new(format!("{schema}.json"), "/properties/a")),
            new: Some(Location::new(format!("{schema}.json"), "/properties/a")),
            witness: None,
            confidence: Confidence::Heuristic,
        }
    }

    fn plain(bytes: Vec<u8>) -> String {
        anstream::adapter::strip_str(&String::from_utf8(bytes).unwrap()).to_string()
    }

    fn side(version: &Version) -> Side<'_> {
        Side {
            label: "pkg",
            name: Some("@acme/contracts"),
            version: Some(version),
            schemas: 2,
        }
    }

    #[test]
    fn check_names_each_finding_that_needs_more_and_the_minimum_version() {
        let mut major = finding("events/b", "enum-value-removed", Bump::Major);
        major.witness = Some(Witness {
            instance: serde_json::json!({"status": "paused"}),
            valid_in: WitnessSide::Old,
            old_root: None,
            new_root: None,
        });
        let report = Report::new(
            Mode::Full,
            Policy::Lenient,
            vec![finding("events/a", "property-added", Bump::Minor), major],
        );
        let (v_old, v_new) = (Version::new(2, 0, 0), Version::new(2, 1, 0));
        let verdict = gate::judge(report.required_bump, &v_old, &v_new);
        let mut out = Vec::new();
        write_check(
            &mut out,
            &side(&v_old),
            &side(&v_new),
            &report,
            &verdict,
            None,
            &View::default(),
        )
        .unwrap();
        let text = plain(out);
        assert!(text.contains("events/a\n  MINOR property-added: property-added happened"));
        assert!(text.contains("events/b\n  MAJOR enum-value-removed"));
        assert!(text.contains("old: events/b.json#/properties/a"));
        assert!(
            text.contains("witness (valid under old, invalid under new): {\"status\":\"paused\"}")
        );
        assert!(text.contains("needs: 3.0.0 (declared 2.1.0)"));
        assert!(text.contains("FAIL: 2.0.0 -> 2.1.0 declares a minor bump"));
        assert!(text.contains("smallest version that passes: 3.0.0"));
        assert_eq!(text.matches("needs: ").count(), 1, "{text}");
    }

    #[test]
    fn an_empty_diff_says_so() {
        let report = Report::new(Mode::Full, Policy::Lenient, Vec::new());
        let v = Version::new(1, 0, 0);
        let mut out = Vec::new();
        write_diff(
            &mut out,
            &side(&v),
            &side(&v),
            &report,
            None,
            &View::default(),
        )
        .unwrap();
        let text = plain(out);
        assert!(
            text.contains("no findings\nrequired bump: NONE\n"),
            "{text}"
        );
    }
}
