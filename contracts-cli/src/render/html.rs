//! The HTML report (`--format html`): one self-contained page to read in a browser or print.
//!
//! Everything is inline (CSS, a little JavaScript, an SVG chart); the page loads nothing and
//! links nowhere but to its own anchors. It shows a header (packages, versions, mode, policy,
//! required bump, the verdict of `check`, a chart of findings by bump and by schema), a list of
//! schemas with their worst bump, then each schema's findings, largest bump first: rule,
//! message, both locations, the witness pretty-printed with a copy button, and the changed
//! region of both subschemas side by side (`similar`'s line diff of their pretty JSON, as the
//! text report computes it), changed lines highlighted. Filters by bump, rule and schema run
//! in the page. Findings are listed as [`View`] keeps them (`--only`, `--schema`).

use std::fmt::Write as _;
use std::io::{self, Write};

use contracts_diff::gate;
use contracts_diff::{Bump, Finding, WitnessSide};

use super::text::{subschema_texts, Packages};
use super::view::View;
use super::{bump_label, Context};

/// At most this many rows of a side-by-side diff are shown per finding.
const MAX_DIFF_ROWS: usize = 80;

/// At most this many schemas are drawn in the chart (those with the most findings).
const CHART_SCHEMAS: usize = 12;

/// Escape text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn class(bump: Bump) -> &'static str {
    match bump {
        Bump::Major => "major",
        Bump::Minor => "minor",
        Bump::Patch => "patch",
        Bump::None => "none",
    }
}

fn side_text(package: &contracts_core::Package) -> String {
    let mut text = esc(&package.label);
    match (&package.name, &package.version) {
        (Some(name), Some(version)) => {
            let _ = write!(
                text,
                " <span class=\"dim\">({} {version})</span>",
                esc(name)
            );
        }
        (None, Some(version)) => {
            let _ = write!(text, " <span class=\"dim\">(version {version})</span>");
        }
        (Some(name), None) => {
            let _ = write!(text, " <span class=\"dim\">({})</span>", esc(name));
        }
        (None, None) => {}
    }
    let n = package.documents.len();
    let _ = write!(
        text,
        " <span class=\"dim\">· {n} schema{}</span>",
        if n == 1 { "" } else { "s" }
    );
    text
}

fn plain(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::from("?"),
    }
}

/// The schemas of `findings` in report order, each with its findings.
fn by_schema<'a>(findings: &[&'a Finding]) -> Vec<(&'a str, Vec<&'a Finding>)> {
    let mut out: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for finding in findings {
        match out.last_mut() {
            Some((schema, group)) if *schema == finding.schema => group.push(finding),
            _ => out.push((&finding.schema, vec![finding])),
        }
    }
    out
}

/// The inline SVG chart: findings by bump (one bar each), then the schemas with the most
/// findings (one stacked bar each).
fn chart(counts: [(Bump, usize); 3], schemas: &[(&str, Vec<&Finding>)]) -> String {
    let mut top: Vec<&(&str, Vec<&Finding>)> = schemas.iter().collect();
    top.sort_by(|a, b| {
        let worst = |g: &[&Finding]| g.iter().map(|f| f.bump).max().unwrap_or(Bump::None);
        worst(&b.1)
            .cmp(&worst(&a.1))
            .then(b.1.len().cmp(&a.1.len()))
            .then(a.0.cmp(b.0))
    });
    top.truncate(CHART_SCHEMAS);
    let (label_w, bar_w, row_h) = (260.0_f64, 360.0_f64, 20.0_f64);
    let rows = 3 + usize::from(!top.is_empty()) + top.len();
    let height = rows as f64 * row_h + 10.0;
    let max_bump = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1) as f64;
    let max_schema = top.iter().map(|s| s.1.len()).max().unwrap_or(0).max(1) as f64;
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"findings by bump and by schema\" width=\"{w}\" height=\"{height}\" \
         viewBox=\"0 0 {w} {height}\">",
        w = label_w + bar_w + 60.0
    );
    let mut y = 5.0;
    for (bump, n) in counts {
        let w = (n as f64 / max_bump * bar_w).max(if n > 0 { 2.0 } else { 0.0 });
        let _ = write!(
            svg,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect class=\"{c}\" x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"14\"/>\
             <text x=\"{nx:.1}\" y=\"{ty}\">{n}</text>",
            lx = label_w - 8.0,
            ty = y + 12.0,
            label = bump_label(bump),
            c = class(bump),
            nx = label_w + w + 6.0,
        );
        y += row_h;
    }
    if !top.is_empty() {
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" class=\"dim\">schemas with the most findings</text>",
            y + 12.0
        );
        y += row_h;
    }
    for (schema, group) in top {
        let shown: String = if schema.chars().count() > 36 {
            let tail: String = schema
                .chars()
                .rev()
                .take(35)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("…{tail}")
        } else {
            schema.to_string()
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
            label_w - 8.0,
            y + 12.0,
            esc(schema),
            esc(&shown)
        );
        let mut x = label_w;
        for bump in [Bump::Major, Bump::Minor, Bump::Patch, Bump::None] {
            let n = group.iter().filter(|f| f.bump == bump).count();
            if n == 0 {
                continue;
            }
            let w = n as f64 / max_schema * bar_w;
            let _ = write!(
                svg,
                "<rect class=\"{}\" x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"14\">\
                 <title>{n} {}</title></rect>",
                class(bump),
                bump_label(bump)
            );
            x += w;
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            x + 6.0,
            y + 12.0,
            group.len()
        );
        y += row_h;
    }
    svg.push_str("</svg>");
    svg
}

/// The changed region of a finding's two subschemas, side by side: a table of (old line, new
/// line) rows, removed and added lines marked, 3 lines of context around each change.
fn side_by_side(finding: &Finding, packages: Packages<'_>) -> Option<String> {
    let (old, new) = subschema_texts(finding, packages)?;
    let diff = similar::TextDiff::from_lines(&old, &new);
    let (old_lines, new_lines) = (diff.old_slices(), diff.new_slices());
    let mut rows = String::new();
    let mut count = 0;
    let mut more = 0;
    let mut row = |o: Option<usize>, n: Option<usize>, kind: &str, rows: &mut String| {
        if count >= MAX_DIFF_ROWS {
            more += 1;
            return;
        }
        count += 1;
        let cell = |i: Option<usize>, lines: &[&str], side: &str| match i {
            Some(i) => format!(
                "<td class=\"ln\">{}</td><td class=\"{side}\"><code>{}</code></td>",
                i + 1,
                esc(lines[i].trim_end_matches('\n'))
            ),
            None => "<td class=\"ln\"></td><td class=\"empty\"></td>".to_string(),
        };
        let _ = write!(
            rows,
            "<tr class=\"{kind}\">{}{}</tr>",
            cell(o, old_lines, if kind == "eq" { "ctx" } else { "del" }),
            cell(n, new_lines, if kind == "eq" { "ctx" } else { "ins" })
        );
    };
    for (g, group) in diff.grouped_ops(3).iter().enumerate() {
        if g > 0 {
            rows.push_str("<tr class=\"gap\"><td colspan=\"4\">⋯</td></tr>");
        }
        for op in group {
            let (tag, o, n) = op.as_tag_tuple();
            match tag {
                similar::DiffTag::Equal => {
                    for (a, b) in o.zip(n) {
                        row(Some(a), Some(b), "eq", &mut rows);
                    }
                }
                similar::DiffTag::Delete => {
                    for a in o {
                        row(Some(a), None, "chg", &mut rows);
                    }
                }
                similar::DiffTag::Insert => {
                    for b in n {
                        row(None, Some(b), "chg", &mut rows);
                    }
                }
                similar::DiffTag::Replace => {
                    let (o, n): (Vec<usize>, Vec<usize>) = (o.collect(), n.collect());
                    for i in 0..o.len().max(n.len()) {
                        row(o.get(i).copied(), n.get(i).copied(), "chg", &mut rows);
                    }
                }
            }
        }
    }
    if more > 0 {
        let _ = write!(
            rows,
            "<tr class=\"gap\"><td colspan=\"4\">… {more} more lines</td></tr>"
        );
    }
    Some(format!(
        "<table class=\"sbs\"><colgroup><col class=\"ln\"><col><col class=\"ln\"><col>\
         </colgroup><thead><tr><th colspan=\"2\">old</th><th colspan=\"2\">new</th>\
         </tr></thead><tbody>{rows}</tbody></table>"
    ))
}

fn write_finding(
    out: &mut dyn Write,
    ctx: &Context<'_>,
    index: usize,
    finding: &Finding,
    packages: Packages<'_>,
) -> io::Result<()> {
    let c = class(finding.bump);
    // A gate is there under `check` and `diff --fail-on` only.
    let gated = ctx.verdict.is_some() || ctx.fail_above.is_some();
    let fails = gated && finding.bump > ctx.allowed();
    writeln!(
        out,
        "<article class=\"finding {c}{}\" id=\"finding-{index}\" data-bump=\"{c}\" \
         data-rule=\"{}\" data-schema=\"{}\">",
        if fails { " fails" } else { "" },
        esc(&finding.rule),
        esc(&finding.schema)
    )?;
    writeln!(
        out,
        "<h3><a class=\"anchor\" href=\"#finding-{index}\" title=\"link to this finding\">#</a> \
         <span class=\"badge {c}\">{}</span> <code class=\"rule\">{}</code>{}</h3>",
        bump_label(finding.bump),
        esc(&finding.rule),
        if fails {
            " <span class=\"fails-tag\">fails the gate</span>"
        } else {
            ""
        }
    )?;
    writeln!(out, "<p class=\"message\">{}</p>", esc(&finding.message))?;
    writeln!(out, "<dl class=\"locations\">")?;
    for (side, location) in [("old", &finding.old), ("new", &finding.new)] {
        let text = location.as_ref().map_or_else(
            || "—".to_string(),
            |l| format!("<code>{}</code>", esc(&l.to_string())),
        );
        writeln!(out, "<dt>{side}</dt><dd>{text}</dd>")?;
    }
    if let Some(verdict) = ctx.verdict {
        if fails {
            writeln!(
                out,
                "<dt>needs</dt><dd>{} <span class=\"dim\">(declared {})</span></dd>",
                gate::next_version(&verdict.old_version, finding.bump),
                verdict.new_version
            )?;
        }
    }
    writeln!(out, "</dl>")?;
    if let Some(witness) = &finding.witness {
        let side = match witness.valid_in {
            WitnessSide::Old => "valid under old, invalid under new",
            WitnessSide::New => "valid under new, invalid under old",
        };
        let pretty = serde_json::to_string_pretty(&witness.instance).unwrap_or_default();
        writeln!(
            out,
            "<div class=\"witness\"><div class=\"witness-head\">witness ({side}) \
             <button type=\"button\" class=\"copy\" data-target=\"witness-{index}\">copy</button>\
             </div><pre id=\"witness-{index}\">{}</pre></div>",
            esc(&pretty)
        )?;
    }
    if let Some(table) = side_by_side(finding, packages) {
        writeln!(out, "{table}")?;
    }
    writeln!(out, "</article>")
}

const STYLE: &str = r#"
:root { --major:#c62828; --minor:#b26a00; --patch:#00838f; --none:#2e7d32; --fg:#1d1d1f;
  --dim:#6b6b70; --bg:#fff; --line:#e3e3e8; --del:#fde8e8; --ins:#e6f6ea; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0; }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap;
  gap: 24px; align-items: flex-start; }
header h1 { font-size: 20px; margin: 0 0 8px; }
header table td { padding: 1px 10px 1px 0; vertical-align: top; }
.dim { color: var(--dim); fill: var(--dim); }
.verdict.pass { color: var(--none); font-weight: 600; }
.verdict.fail { color: var(--major); font-weight: 600; }
.layout { display: flex; align-items: flex-start; }
nav { width: 300px; flex: none; position: sticky; top: 0; max-height: 100vh; overflow: auto;
  padding: 12px 16px; border-right: 1px solid var(--line); }
nav h2, #filters h2 { font-size: 13px; text-transform: uppercase; color: var(--dim); margin: 8px 0; }
nav ul { list-style: none; padding: 0; margin: 0; }
nav li { margin: 2px 0; display: flex; gap: 6px; align-items: baseline; }
nav li a { color: var(--fg); text-decoration: none; overflow-wrap: anywhere; }
nav li a:hover { text-decoration: underline; }
main { flex: 1; min-width: 0; padding: 12px 24px 48px; }
#filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; padding: 8px 0 12px;
  border-bottom: 1px solid var(--line); margin-bottom: 12px; }
#filters label { margin-right: 8px; }
section.schema > h2 { font-size: 16px; margin: 24px 0 8px; overflow-wrap: anywhere; }
article.finding { border: 1px solid var(--line); border-left: 4px solid var(--line);
  border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
article.major { border-left-color: var(--major); }
article.minor { border-left-color: var(--minor); }
article.patch { border-left-color: var(--patch); }
article h3 { font-size: 14px; margin: 0; }
.anchor { color: var(--dim); text-decoration: none; }
.badge { display: inline-block; border-radius: 4px; padding: 0 6px; color: #fff; font-size: 12px;
  font-weight: 700; }
.badge.major { background: var(--major); } .badge.minor { background: var(--minor); }
.badge.patch { background: var(--patch); } .badge.none { background: var(--none); }
.fails-tag { color: var(--major); font-size: 12px; font-weight: 600; }
.message { margin: 4px 0; }
dl.locations { display: grid; grid-template-columns: max-content 1fr; gap: 0 10px; margin: 4px 0; }
dl.locations dt { color: var(--dim); } dl.locations dd { margin: 0; overflow-wrap: anywhere; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.witness pre { background: #f6f6f8; padding: 8px; border-radius: 4px; overflow: auto;
  max-height: 320px; margin: 4px 0; }
.witness-head { color: var(--dim); }
button.copy { font-size: 12px; margin-left: 6px; cursor: pointer; }
table.sbs { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: 6px; }
table.sbs th { text-align: left; color: var(--dim); font-weight: 400; font-size: 12px; }
table.sbs td { padding: 0 6px; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; }
table.sbs col.ln { width: 3.5em; }
table.sbs td.ln { color: var(--dim); text-align: right; font-size: 11px; }
table.sbs td.del { background: var(--del); } table.sbs td.ins { background: var(--ins); }
table.sbs tr.gap td { color: var(--dim); text-align: center; }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--fg); }
svg.chart .major { fill: var(--major); } svg.chart .minor { fill: var(--minor); }
svg.chart .patch { fill: var(--patch); } svg.chart .none { fill: var(--none); }
.hidden { display: none !important; }
#shown { color: var(--dim); }
@media print { nav, #filters, button.copy { display: none; } .layout { display: block; }
  article.finding { break-inside: avoid; } .witness pre { max-height: none; } }
"#;

const SCRIPT: &str = r#"
(function () {
  var boxes = document.querySelectorAll('#filters input[name=bump]');
  var rule = document.getElementById('filter-rule');
  var schema = document.getElementById('filter-schema');
  var shown = document.getElementById('shown');
  function apply() {
    var bumps = {};
    boxes.forEach(function (b) { bumps[b.value] = b.checked; });
    var n = 0;
    document.querySelectorAll('article.finding').forEach(function (a) {
      var ok = bumps[a.dataset.bump] !== false &&
        (!rule.value || a.dataset.rule === rule.value) &&
        (!schema.value || a.dataset.schema === schema.value);
      a.classList.toggle('hidden', !ok);
      if (ok) { n++; }
    });
    document.querySelectorAll('section.schema').forEach(function (s) {
      s.classList.toggle('hidden', !s.querySelector('article.finding:not(.hidden)'));
    });
    document.querySelectorAll('nav li[data-schema]').forEach(function (li) {
      li.classList.toggle('hidden', !!schema.value && li.dataset.schema !== schema.value);
    });
    shown.textContent = n + ' shown';
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  rule.addEventListener('change', apply);
  schema.addEventListener('change', apply);
  document.querySelectorAll('button.copy').forEach(function (b) {
    b.addEventListener('click', function () {
      var text = document.getElementById(b.dataset.target).textContent;
      function done() { b.textContent = 'copied'; setTimeout(function () { b.textContent = 'copy'; }, 1500); }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () {});
      } else {
        var t = document.createElement('textarea'); t.value = text; document.body.appendChild(t);
        t.select(); document.execCommand('copy'); document.body.removeChild(t); done();
      }
    });
  });
  apply();
})();
"#;

/// Write the HTML report of `diff` (or of `check`, with `ctx.verdict`).
pub fn write(out: &mut dyn Write, ctx: &Context<'_>, view: &View) -> io::Result<()> {
    let report = ctx.report;
    let packages: Packages<'_> = Some((ctx.old, ctx.new));
    let kept: Vec<&Finding> = report.findings.iter().filter(|f| view.keeps(f)).collect();
    // Findings by schema; schemas by their worst bump, then name; findings by bump in each.
    let mut schemas = by_schema(&kept);
    for (_, group) in &mut schemas {
        group.sort_by_key(|f| std::cmp::Reverse(f.bump));
    }
    let worst = |g: &[&Finding]| g.iter().map(|f| f.bump).max().unwrap_or(Bump::None);
    schemas.sort_by(|a, b| worst(&b.1).cmp(&worst(&a.1)).then(a.0.cmp(b.0)));
    let index_of = |f: &Finding| {
        report
            .findings
            .iter()
            .position(|g| std::ptr::eq(g, f))
            .unwrap_or(0)
    };

    let title = match ctx.verdict {
        Some(v) if v.passed => format!("{}: pass", ctx.command()),
        Some(_) => format!("{}: fail", ctx.command()),
        None => ctx.command().to_string(),
    };
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {} → {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        esc(&title),
        esc(&ctx.old.label),
        esc(&ctx.new.label)
    )?;

    // Header: packages, mode, counts, required bump, verdict; the chart.
    let (major, minor, patch) = report.counts();
    writeln!(out, "<header>\n<div>\n<h1>{}</h1>\n<table>", esc(&title))?;
    writeln!(
        out,
        "<tr><td class=\"dim\">old</td><td>{}</td></tr>",
        side_text(ctx.old)
    )?;
    writeln!(
        out,
        "<tr><td class=\"dim\">new</td><td>{}</td></tr>",
        side_text(ctx.new)
    )?;
    writeln!(
        out,
        "<tr><td class=\"dim\">mode</td><td>{}, policy {}</td></tr>",
        plain(&report.mode),
        plain(&report.policy)
    )?;
    writeln!(
        out,
        "<tr><td class=\"dim\">findings</td><td id=\"counts\">{} ({major} major, {minor} minor, \
         {patch} patch)</td></tr>",
        report.findings.len()
    )?;
    let next = match (&ctx.old.version, report.required_bump) {
        (Some(v), required) if required > Bump::None => format!(
            " <span class=\"dim\">(smallest next version: {})</span>",
            gate::next_version(v, required)
        ),
        _ => String::new(),
    };
    writeln!(
        out,
        "<tr><td class=\"dim\">required bump</td><td><span class=\"badge {}\">{}</span>{next}</td></tr>",
        class(report.required_bump),
        bump_label(report.required_bump)
    )?;
    if let Some(v) = ctx.verdict {
        let (c, text) = if v.passed {
            (
                "pass",
                format!(
                    "PASS: {} → {} declares a {} bump",
                    v.old_version, v.new_version, v.declared
                ),
            )
        } else {
            (
                "fail",
                format!(
                    "FAIL: {} → {} declares a {} bump, but the changes require a {} bump; the \
                     smallest version that passes is {}",
                    v.old_version, v.new_version, v.declared, v.required, v.minimum_version
                ),
            )
        };
        writeln!(
            out,
            "<tr><td class=\"dim\">verdict</td><td id=\"verdict\" class=\"verdict {c}\">{}</td></tr>",
            esc(&text)
        )?;
    }
    if view.filtered() {
        writeln!(
            out,
            "<tr><td class=\"dim\">listed</td><td>{} of {} (<code>{}</code>)</td></tr>",
            kept.len(),
            report.findings.len(),
            esc(&view.describe_filters())
        )?;
    }
    writeln!(out, "</table>\n</div>")?;
    let all_schemas = by_schema(&report.findings.iter().collect::<Vec<_>>());
    writeln!(
        out,
        "{}\n</header>",
        chart(
            [
                (Bump::Major, major),
                (Bump::Minor, minor),
                (Bump::Patch, patch)
            ],
            &all_schemas
        )
    )?;

    // The schema list.
    writeln!(
        out,
        "<div class=\"layout\">\n<nav id=\"schema-list\">\n<h2>Schemas</h2>\n<ul>"
    )?;
    for (i, (schema, group)) in schemas.iter().enumerate() {
        let w = worst(group);
        writeln!(
            out,
            "<li data-schema=\"{}\"><span class=\"badge {}\">{}</span> <a href=\"#schema-{i}\">{}</a> \
             <span class=\"dim\">{}</span></li>",
            esc(schema),
            class(w),
            bump_label(w),
            esc(schema),
            group.len()
        )?;
    }
    writeln!(out, "</ul>\n</nav>\n<main>")?;

    // Filters.
    let mut rules: Vec<&str> = kept.iter().map(|f| f.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    writeln!(out, "<div id=\"filters\"><h2>Filter</h2><span>")?;
    for bump in [Bump::Major, Bump::Minor, Bump::Patch] {
        writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"bump\" value=\"{}\" checked> {}</label>",
            class(bump),
            bump_label(bump)
        )?;
    }
    writeln!(
        out,
        "</span><label>rule <select id=\"filter-rule\"><option value=\"\">all rules</option>"
    )?;
    for rule in &rules {
        writeln!(out, "<option value=\"{0}\">{0}</option>", esc(rule))?;
    }
    writeln!(
        out,
        "</select></label><label>schema <select id=\"filter-schema\"><option value=\"\">all \
         schemas</option>"
    )?;
    for (schema, _) in &schemas {
        writeln!(out, "<option value=\"{0}\">{0}</option>", esc(schema))?;
    }
    writeln!(out, "</select></label><span id=\"shown\"></span></div>")?;

    if report.findings.is_empty() {
        writeln!(out, "<p id=\"no-findings\">No changes found.</p>")?;
    } else if kept.is_empty() {
        writeln!(
            out,
            "<p id=\"no-findings\">No finding matches the filters.</p>"
        )?;
    }
    for (i, (schema, group)) in schemas.iter().enumerate() {
        let w = worst(group);
        writeln!(
            out,
            "<section class=\"schema\" id=\"schema-{i}\" data-schema=\"{}\">\n<h2>{} \
             <span class=\"badge {}\">{}</span></h2>",
            esc(schema),
            esc(schema),
            class(w),
            bump_label(w)
        )?;
        for finding in group {
            write_finding(out, ctx, index_of(finding), finding, packages)?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(
        out,
        "</main>\n</div>\n<script>{SCRIPT}</script>\n</body>\n</html>"
    )
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn text_is_escaped_for_content_and_attributes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
