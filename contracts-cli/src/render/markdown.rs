//! The Markdown report: a pull-request comment (and the GitHub job summary). A summary table
//! (bumps, counts, verdict), then the MAJOR findings (and any other that fails the gate) per
//! schema, then the MINOR and PATCH findings per schema inside one collapsed `<details>` block,
//! the order of the text report. With more than [`COLLAPSE_ABOVE`] of them, each schema's
//! section of the first part is a collapsible `<details>` block too. The whole report stays
//! under [`MAX_CHARS`], which a GitHub comment can hold: sections with failing findings come
//! first in the budget, the rest are counted in a closing line.

use std::io::{self, Write};

use contracts_diff::gate;
use contracts_diff::{Bump, Finding, Location};

use super::view::View;
use super::{bump_label, Context};

/// Above this many MAJOR (or failing) findings, each schema's section of them is collapsed.
pub const COLLAPSE_ABOVE: usize = 20;

/// The most characters a report writes: GitHub refuses a pull-request comment longer than
/// 65,536 characters; the rest is room for what a workflow wraps around it.
pub const MAX_CHARS: usize = 60_000;

/// A witness instance longer than this is cut (the JSON and SARIF reports have it whole).
const MAX_WITNESS_CHARS: usize = 300;

/// Escape text for a Markdown table cell: `|` and line breaks would end the cell.
pub fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", " ")
        .replace(['\n', '\r'], " ")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Inline code that survives backticks inside it.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {} ``", text.replace('|', "\\|"))
    } else {
        format!("`{}`", text.replace('|', "\\|"))
    }
}

fn side_cell(package: &contracts_core::Package) -> String {
    let mut text = code(&package.label);
    match (&package.name, &package.version) {
        (Some(name), Some(version)) => text.push_str(&format!(" ({} {version})", cell(name))),
        (None, Some(version)) => text.push_str(&format!(" (version {version})")),
        (Some(name), None) => text.push_str(&format!(" ({})", cell(name))),
        (None, None) => {}
    }
    text
}

fn location_cell(location: Option<&Location>) -> String {
    location.map_or_else(|| "—".to_string(), |l| code(&l.to_string()))
}

/// The summary table, under a level-2 heading naming the command and its result when
/// `heading` (a report nested in another one has the heading of its container).
fn write_summary(
    out: &mut dyn Write,
    ctx: &Context<'_>,
    heading: bool,
    view: &View,
) -> io::Result<()> {
    let report = ctx.report;
    if heading {
        let heading = match ctx.verdict {
            Some(v) if v.passed => format!("## ✅ {}: passed", ctx.command()),
            Some(_) => format!("## ❌ {}: failed", ctx.command()),
            None => format!("## {}", ctx.command()),
        };
        writeln!(out, "{heading}\n")?;
    }
    writeln!(out, "| | |\n| --- | --- |")?;
    writeln!(out, "| old | {} |", side_cell(ctx.old))?;
    writeln!(out, "| new | {} |", side_cell(ctx.new))?;
    writeln!(
        out,
        "| mode, policy | {}, {} |",
        plain(&report.mode),
        plain(&report.policy)
    )?;
    let (major, minor, patch) = report.counts();
    writeln!(
        out,
        "| findings | {} ({major} major, {minor} minor, {patch} patch) |",
        report.findings.len()
    )?;
    writeln!(
        out,
        "| required bump | **{}** |",
        bump_label(report.required_bump)
    )?;
    if view.filtered() {
        let listed = report.findings.iter().filter(|f| view.keeps(f)).count();
        writeln!(
            out,
            "| listed | {listed} ({}) |",
            code(&view.describe_filters())
        )?;
    }
    match ctx.verdict {
        Some(v) => {
            writeln!(
                out,
                "| declared bump | {} ({} → {}) |",
                bump_label(v.declared),
                v.old_version,
                v.new_version
            )?;
            writeln!(
                out,
                "| verdict | {} |",
                if v.passed {
                    "✅ pass".to_string()
                } else {
                    format!(
                        "❌ fail: the smallest version that passes is **{}**",
                        v.minimum_version
                    )
                }
            )?;
        }
        None => {
            if let Some(version) = &ctx.old.version {
                if report.required_bump > Bump::None {
                    writeln!(
                        out,
                        "| smallest next version | {} |",
                        gate::next_version(version, report.required_bump)
                    )?;
                }
            }
        }
    }
    writeln!(out)
}

fn plain(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}

fn write_schema(
    out: &mut dyn Write,
    ctx: &Context<'_>,
    schema: &str,
    findings: &[&Finding],
    collapse: bool,
    level: usize,
) -> io::Result<()> {
    let worst = findings.iter().map(|f| f.bump).max().unwrap_or(Bump::None);
    let noun = if findings.len() == 1 {
        "finding"
    } else {
        "findings"
    };
    if collapse {
        writeln!(
            out,
            "<details><summary><code>{}</code>: {} {noun}, {}</summary>\n",
            cell(schema),
            findings.len(),
            bump_label(worst)
        )?;
    } else {
        writeln!(out, "{} {}\n", "#".repeat(level), code(schema))?;
    }
    writeln!(out, "| bump | rule | change | old | new |")?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for finding in findings {
        let mut bump = bump_label(finding.bump).to_string();
        if finding.bump > ctx.allowed() {
            bump = format!("**{bump}**");
        }
        let mut change = cell(&finding.message);
        if let Some(witness) = &finding.witness {
            let mut instance = serde_json::to_string(&witness.instance).unwrap_or_default();
            if instance.chars().count() > MAX_WITNESS_CHARS {
                instance = instance.chars().take(MAX_WITNESS_CHARS).collect::<String>() + "…";
            }
            let side = match witness.valid_in {
                contracts_diff::WitnessSide::Old => "valid before, invalid now",
                contracts_diff::WitnessSide::New => "valid now, invalid before",
            };
            change.push_str(&format!("<br>witness ({side}): {}", code(&instance)));
        }
        writeln!(
            out,
            "| {bump} | {} | {change} | {} | {} |",
            code(&finding.rule),
            location_cell(finding.old.as_ref()),
            location_cell(finding.new.as_ref()),
        )?;
    }
    if collapse {
        writeln!(out, "\n</details>")?;
    }
    writeln!(out)
}

/// Write the Markdown report (`diff` when `ctx.verdict` is `None`, else `check`), every
/// finding listed.
pub fn write(out: &mut dyn Write, ctx: &Context<'_>) -> io::Result<()> {
    write_report(out, ctx, true, 3, &View::default())
}

/// Write the Markdown report with the findings `view` keeps (`--only`, `--schema`).
pub fn write_viewed(out: &mut dyn Write, ctx: &Context<'_>, view: &View) -> io::Result<()> {
    write_report(out, ctx, true, 3, view)
}

/// Write the report nested in another document (`check --history`'s sections): no heading of
/// its own, each schema's section under a heading of `level` (1 to 6).
pub fn write_nested(out: &mut dyn Write, ctx: &Context<'_>, level: usize) -> io::Result<()> {
    write_report(out, ctx, false, level.clamp(1, 6), &View::default())
}

/// One schema's rendered section: its text, how many findings it has, whether one fails.
struct Section {
    text: Vec<u8>,
    count: usize,
    failing: bool,
}

/// `findings` (sorted by schema) as one section per schema.
fn sections(
    ctx: &Context<'_>,
    findings: &[&Finding],
    collapse: bool,
    level: usize,
) -> io::Result<Vec<Section>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < findings.len() {
        let schema = &findings[start].schema;
        let end = findings[start..]
            .iter()
            .position(|f| &f.schema != schema)
            .map_or(findings.len(), |n| start + n);
        let group = &findings[start..end];
        let failing = group.iter().any(|f| f.bump > ctx.allowed());
        let mut text = Vec::new();
        write_schema(&mut text, ctx, schema, group, collapse, level)?;
        out.push(Section {
            text,
            count: group.len(),
            failing,
        });
        start = end;
    }
    Ok(out)
}

fn write_report(
    out: &mut dyn Write,
    ctx: &Context<'_>,
    heading: bool,
    level: usize,
    view: &View,
) -> io::Result<()> {
    let mut summary = Vec::new();
    write_summary(&mut summary, ctx, heading, view)?;
    out.write_all(&summary)?;
    let findings: Vec<&Finding> = ctx
        .report
        .findings
        .iter()
        .filter(|f| view.keeps(f))
        .collect();
    if ctx.report.findings.is_empty() {
        return writeln!(out, "No changes found.");
    }
    if findings.is_empty() {
        return writeln!(
            out,
            "No finding matches {}.",
            code(&view.describe_filters())
        );
    }
    // MAJOR findings and those that fail the gate open; the rest in one <details> block.
    let (first, rest): (Vec<&Finding>, Vec<&Finding>) = findings
        .into_iter()
        .partition(|f| f.bump == Bump::Major || f.bump > ctx.allowed());
    let collapse = first.len() > COLLAPSE_ABOVE;
    let first = sections(ctx, &first, collapse, level)?;
    let rest = sections(ctx, &rest, false, level)?;
    // Failing sections first, then the others, while they fit; written in report order.
    let mut left = MAX_CHARS.saturating_sub(summary.len() + 600);
    let all: Vec<&Section> = first.iter().chain(&rest).collect();
    let mut shown = vec![false; all.len()];
    for pass_failing in [true, false] {
        for (i, section) in all.iter().enumerate() {
            if section.failing == pass_failing && section.text.len() <= left {
                left -= section.text.len();
                shown[i] = true;
            }
        }
    }
    let (shown_first, shown_rest) = shown.split_at(first.len());
    for (section, shown) in first.iter().zip(shown_first) {
        if *shown {
            out.write_all(&section.text)?;
        }
    }
    let rest_shown: Vec<&Section> = rest
        .iter()
        .zip(shown_rest)
        .filter(|(_, shown)| **shown)
        .map(|(s, _)| s)
        .collect();
    if !rest_shown.is_empty() {
        let count: usize = rest_shown.iter().map(|s| s.count).sum();
        let mut bumps: Vec<&str> = Vec::new();
        for bump in [Bump::Minor, Bump::Patch, Bump::None] {
            if ctx
                .report
                .findings
                .iter()
                .any(|f| f.bump == bump && view.keeps(f))
            {
                bumps.push(bump_label(bump));
            }
        }
        let noun = if count == 1 { "finding" } else { "findings" };
        writeln!(
            out,
            "<details><summary>{}: {count} {noun} in {} schemas</summary>\n",
            bumps.join(" and "),
            rest_shown.len()
        )?;
        for section in rest_shown {
            out.write_all(&section.text)?;
        }
        writeln!(out, "</details>\n")?;
    }
    let (mut hidden_findings, mut hidden_schemas) = (0, 0);
    for (section, shown) in all.iter().zip(&shown) {
        if !*shown {
            hidden_findings += section.count;
            hidden_schemas += 1;
        }
    }
    if hidden_schemas > 0 {
        writeln!(
            out,
            "_{hidden_findings} more findings in {hidden_schemas} schemas are not shown, to keep \
             this report within a GitHub comment; `--format json` or `--format sarif` has them \
             all._"
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(label: &str) -> contracts_core::Package {
        contracts_core::Package {
            label: label.into(),
            name: Some("@acme/contracts".into()),
            version: Some(semver::Version::new(1, 0, 0)),
            documents: Default::default(),
            external: Default::default(),
            warnings: Vec::new(),
            invalid: Vec::new(),
            registry: Default::default(),
        }
    }

    fn finding(schema: &str, bump: Bump) -> Finding {
        Finding {
            rule: "property-added".into(),
            bump,
            effect: contracts_diff::Effect::Widened,
            message: "a | b".into(),
            schema: schema.into(),
            old: None,
            new: Some(Location::new(format!("{schema}.json"), "/properties/a")),
            witness: None,
            confidence: contracts_diff::Confidence::Heuristic,
        }
    }

    fn render(findings: Vec<Finding>) -> String {
        let (old, new) = (package("old"), package("new"));
        let report = contracts_diff::Report::new(
            contracts_diff::Mode::Full,
            contracts_diff::Policy::Lenient,
            findings,
        );
        let ctx = Context {
            old: &old,
            new: &new,
            report: &report,
            fail_above: None,
            verdict: None,
        };
        let mut out = Vec::new();
        write(&mut out, &ctx).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn major_findings_come_first_and_the_rest_is_collapsed() {
        let small = render(vec![finding("a", Bump::Minor), finding("b", Bump::Major)]);
        let major = small.find("### `b`").expect(&small);
        let details = small
            .find("<details><summary>MINOR: 1 finding in 1 schemas</summary>")
            .expect(&small);
        let minor = small.find("### `a`").expect(&small);
        assert!(major < details && details < minor, "{small}");
        assert!(small.contains("| **MAJOR** |"), "{small}");
        assert!(small.contains("a \\| b"), "{small}");
        assert_eq!(small.matches("<details>").count(), 1, "{small}");
        let many = (0..=COLLAPSE_ABOVE)
            .map(|i| finding(&format!("s{}", i % 3), Bump::Major))
            .collect();
        let large = render(many);
        assert_eq!(large.matches("<details>").count(), 3, "{large}");
        assert_eq!(large.matches("</details>").count(), 3, "{large}");
        assert!(
            large.contains("| findings | 21 (21 major, 0 minor, 0 patch) |"),
            "{large}"
        );
    }

    #[test]
    fn large_reports_fit_a_github_comment_and_keep_the_failing_findings() {
        let mut findings: Vec<Finding> = (0..3000)
            .map(|i| {
                let mut f = finding(&format!("schemas/s{i:04}"), Bump::Minor);
                f.message = "a long message about a property that was added ".repeat(4);
                f
            })
            .collect();
        let mut major = finding("schemas/s2999", Bump::Major);
        major.rule = "enum-value-removed".into();
        major.witness = Some(contracts_diff::Witness {
            instance: serde_json::json!({"big": "x".repeat(5000)}),
            valid_in: contracts_diff::WitnessSide::Old,
            old_root: None,
            new_root: None,
        });
        findings.push(major);
        let text = render(findings);
        assert!(text.chars().count() <= MAX_CHARS, "{}", text.len());
        assert!(
            text.contains("enum-value-removed"),
            "the failing finding is kept"
        );
        assert!(text.contains("…"), "the witness is cut");
        assert!(text.contains("more findings in"), "the rest is counted");
        assert!(
            text.contains("| findings | 3001 "),
            "the summary counts all"
        );
    }

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(cell("a|b\nc<d>"), "a\\|b c&lt;d&gt;");
        assert_eq!(code("x`y"), "`` x`y ``");
    }
}
