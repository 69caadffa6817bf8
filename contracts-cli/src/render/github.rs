//! GitHub Actions workflow commands: first one annotation with the overall result, then one
//! per finding by severity (`::error file=<path>,line=<n>,title=<rule>::<message>` for a
//! finding above the allowed bump, `::warning` for other MAJOR and MINOR findings, `::notice`
//! for the rest: [`Context::severity`]), placed on the line of the finding's JSON Pointer in
//! its file when it can be found. GitHub shows only the first [`SHOWN_PER_KIND`] annotations
//! of each kind per step, so the verdict comes first. When `GITHUB_STEP_SUMMARY` names a
//! file, the Markdown report is appended to it as the job summary, after a note saying how
//! many annotations GitHub does not show.

use std::io::{self, Write};

use super::{bump_label, markdown, Context, Severity};

/// Escape a workflow command's message (`%`, CR, LF).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property value (as messages, plus `:` and `,`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// How many annotations of each kind (error, warning, notice) GitHub shows for one step; the
/// rest are in the log only.
pub const SHOWN_PER_KIND: usize = 10;

/// One workflow command, with the severity that decides its kind.
pub struct Annotation {
    /// `error`, `warning` or `notice`.
    pub severity: Severity,
    /// The whole line, without its newline.
    pub line: String,
}

/// How many of `annotations` GitHub does not show: those past the first
/// [`SHOWN_PER_KIND`] of their kind, in the order they are written.
pub fn not_shown(annotations: &[Annotation]) -> usize {
    [Severity::Error, Severity::Warning, Severity::Note]
        .iter()
        .map(|kind| {
            annotations
                .iter()
                .filter(|a| a.severity == *kind)
                .count()
                .saturating_sub(SHOWN_PER_KIND)
        })
        .sum()
}

/// Write `annotations` in the order GitHub should keep them: as given, which
/// [`annotations`] makes verdict first, then the findings by severity.
pub fn write_all(out: &mut dyn Write, annotations: &[Annotation]) -> io::Result<()> {
    for a in annotations {
        writeln!(out, "{}", a.line)?;
    }
    Ok(())
}

/// Write the annotations (see [`annotations`] for the order).
pub fn write(out: &mut dyn Write, ctx: &Context<'_>) -> io::Result<()> {
    write_all(out, &annotations(ctx, None))
}

/// The annotations of one report: the overall result first (so GitHub, which shows only the
/// first [`SHOWN_PER_KIND`] errors of a step, never drops it), then the findings by severity
/// (errors, warnings, notices; in report order within each). With `pair` (one pair of
/// `check --history`, e.g. `2.0.0 -> 2.1.0`) each title starts with `[pair]`.
pub fn annotations(ctx: &Context<'_>, pair: Option<&str>) -> Vec<Annotation> {
    let titled = |title: &str| match pair {
        Some(pair) => escape_property(&format!("[{pair}] {title}")),
        None => escape_property(title),
    };
    let mut out = vec![verdict(ctx, &titled)];
    let mut findings = Vec::new();
    for finding in &ctx.report.findings {
        let mut props = Vec::new();
        if let Some((file, line)) = ctx.file_and_line(finding) {
            props.push(format!("file={}", escape_property(&file)));
            if let Some(line) = line {
                props.push(format!("line={line}"));
            }
        }
        props.push(format!(
            "title={}",
            titled(&format!("{} ({})", finding.rule, bump_label(finding.bump)))
        ));
        let mut message = format!("{}: {}", finding.schema, finding.message);
        if let Some(old) = &finding.old {
            message.push_str(&format!("\nold: {old}"));
        }
        if let Some(new) = &finding.new {
            message.push_str(&format!("\nnew: {new}"));
        }
        if let Some(witness) = &finding.witness {
            let instance = serde_json::to_string(&witness.instance).unwrap_or_default();
            message.push_str(&format!("\nwitness: {instance}"));
        }
        let severity = ctx.severity(finding);
        findings.push(Annotation {
            severity,
            line: format!(
                "::{} {}::{}",
                command(severity),
                props.join(","),
                escape_data(&message)
            ),
        });
    }
    // Stable: report order within a severity.
    findings.sort_by_key(|a| a.severity);
    out.extend(findings);
    out
}

fn verdict(ctx: &Context<'_>, titled: &dyn Fn(&str) -> String) -> Annotation {
    let (major, minor, patch) = ctx.report.counts();
    let counts = format!(
        "{} findings ({major} major, {minor} minor, {patch} patch), required bump {}",
        ctx.report.findings.len(),
        bump_label(ctx.report.required_bump)
    );
    let (severity, title, message) = match ctx.verdict {
        Some(v) if v.passed => (
            Severity::Note,
            "contracts check passed",
            format!(
                "{counts}; {} -> {} declares {}",
                v.old_version,
                v.new_version,
                bump_label(v.declared)
            ),
        ),
        Some(v) => (
            Severity::Error,
            "contracts check failed",
            format!(
                "{counts}; {} -> {} declares {}; the smallest version that passes is {}",
                v.old_version,
                v.new_version,
                bump_label(v.declared),
                v.minimum_version
            ),
        ),
        None => (Severity::Note, "contracts diff", counts),
    };
    Annotation {
        severity,
        line: format!(
            "::{} title={}::{}",
            command(severity),
            titled(title),
            escape_data(&message)
        ),
    }
}

/// The job summary's note on annotations GitHub does not show, when there are any.
pub fn not_shown_note(annotations: &[Annotation]) -> Option<String> {
    let hidden = not_shown(annotations);
    (hidden > 0).then(|| {
        format!(
            "> **Note**: {hidden} of {} annotations are not shown on the files: GitHub shows \
             the first {SHOWN_PER_KIND} errors, {SHOWN_PER_KIND} warnings and {SHOWN_PER_KIND} \
             notices of a step. Every finding is listed here and in the step's log.\n",
            annotations.len()
        )
    })
}

/// Append the Markdown report to the file `GITHUB_STEP_SUMMARY` names, if it is set and not
/// empty. Returns the path written to.
pub fn write_step_summary(ctx: &Context<'_>) -> io::Result<Option<std::path::PathBuf>> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let mut text = Vec::new();
    if let Some(note) = not_shown_note(&annotations(ctx, None)) {
        writeln!(text, "{note}")?;
    }
    markdown::write(&mut text, ctx)?;
    append_step_summary(std::path::PathBuf::from(path), &text).map(Some)
}

/// Append `markdown` to the file `GITHUB_STEP_SUMMARY` names, if it is set and not empty.
/// Returns the path written to.
pub fn append_to_step_summary(markdown: &[u8]) -> io::Result<Option<std::path::PathBuf>> {
    match std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        Some(path) => append_step_summary(std::path::PathBuf::from(path), markdown).map(Some),
        None => Ok(None),
    }
}

/// The job summary written, or, when it could not be written (an unwritable
/// `GITHUB_STEP_SUMMARY`), a `warning:` on stderr and `None`: the summary is an extra, so
/// failing to write it never changes the command's exit code.
pub fn summary_or_warn(
    written: io::Result<Option<std::path::PathBuf>>,
) -> Option<std::path::PathBuf> {
    use owo_colors::OwoColorize;
    match written {
        Ok(path) => path,
        Err(e) => {
            anstream::eprintln!(
                "{} cannot append the job summary (GITHUB_STEP_SUMMARY): {e}",
                "warning:".yellow().bold()
            );
            None
        }
    }
}

fn append_step_summary(path: std::path::PathBuf, text: &[u8]) -> io::Result<std::path::PathBuf> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    file.write_all(text)?;
    file.write_all(b"\n")?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(escape_data("50% a\nb\r"), "50%25 a%0Ab%0D");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
