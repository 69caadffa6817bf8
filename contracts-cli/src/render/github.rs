//! GitHub Actions workflow commands: one annotation per finding
//! (`::error file=<path>,line=<n>,title=<rule>::<message>`; `::warning` for MINOR, `::notice`
//! for PATCH), placed on the line of the finding's JSON Pointer in its file when it can be
//! found; then one annotation with the overall result. When `GITHUB_STEP_SUMMARY` names a
//! file, the Markdown report is appended to it as the job summary.

use std::io::{self, Write};

use contracts_diff::Bump;

use super::{bump_label, markdown, Context};

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

fn command(bump: Bump) -> &'static str {
    match bump {
        Bump::Major => "error",
        Bump::Minor => "warning",
        Bump::Patch | Bump::None => "notice",
    }
}

/// Write the annotations.
pub fn write(out: &mut dyn Write, ctx: &Context<'_>) -> io::Result<()> {
    write_annotations(out, ctx, None)
}

/// Write the annotations of one pair of `check --history`: as [`write`], each title starting
/// with `[pair]` (e.g. `[2.0.0 -> 2.1.0]`).
pub fn write_pair(out: &mut dyn Write, ctx: &Context<'_>, pair: &str) -> io::Result<()> {
    write_annotations(out, ctx, Some(pair))
}

fn write_annotations(out: &mut dyn Write, ctx: &Context<'_>, pair: Option<&str>) -> io::Result<()> {
    let titled = |title: &str| match pair {
        Some(pair) => escape_property(&format!("[{pair}] {title}")),
        None => escape_property(title),
    };
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
        writeln!(
            out,
            "::{} {}::{}",
            command(finding.bump),
            props.join(","),
            escape_data(&message)
        )?;
    }
    let (major, minor, patch) = ctx.report.counts();
    let counts = format!(
        "{} findings ({major} major, {minor} minor, {patch} patch), required bump {}",
        ctx.report.findings.len(),
        bump_label(ctx.report.required_bump)
    );
    match ctx.verdict {
        Some(v) if v.passed => writeln!(
            out,
            "::notice title={}::{}",
            titled("contracts check passed"),
            escape_data(&format!(
                "{counts}; {} -> {} declares {}",
                v.old_version,
                v.new_version,
                bump_label(v.declared)
            ))
        ),
        Some(v) => writeln!(
            out,
            "::error title={}::{}",
            titled("contracts check failed"),
            escape_data(&format!(
                "{counts}; {} -> {} declares {}; the smallest version that passes is {}",
                v.old_version,
                v.new_version,
                bump_label(v.declared),
                v.minimum_version
            ))
        ),
        None => writeln!(
            out,
            "::notice title={}::{}",
            titled("contracts diff"),
            escape_data(&counts)
        ),
    }
}

/// Append the Markdown report to the file `GITHUB_STEP_SUMMARY` names, if it is set and not
/// empty. Returns the path written to.
pub fn write_step_summary(ctx: &Context<'_>) -> io::Result<Option<std::path::PathBuf>> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let mut text = Vec::new();
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
