//! Writing reports: [`text`] and [`html`] for people, [`json`] for machines, [`markdown`] for
//! PR comments,
//! [`github`], [`junit`] and [`sarif`] for CI systems and code scanning. Each takes a
//! [`Context`] (one pair of packages); [`history`] renders `check --history` in every format
//! from the same renderers, one [`Context`] per consecutive pair.
//!
//! Renderers write to any [`std::io::Write`]. The text renderer always emits ANSI styles; the
//! caller hands it an [`anstream`] stream, which strips them when stdout is not a terminal, when
//! `NO_COLOR` is set, or under `--color never`.

pub mod github;
pub mod history;
pub mod html;
pub mod json;
pub mod junit;
pub mod locate;
pub mod markdown;
pub mod sarif;
pub mod text;
pub mod view;

use contracts_core::Package;

/// What the report says about one side of a diff: how the user named it, and what it declares.
#[derive(Debug, Clone)]
pub struct Side<'a> {
    /// How the source was given (path, `git:REV:PATH`, ...).
    pub label: &'a str,
    /// The package name from its manifest, if any.
    pub name: Option<&'a str>,
    /// The package version, if any.
    pub version: Option<&'a semver::Version>,
    /// How many schema documents the package has.
    pub schemas: usize,
}

impl<'a> Side<'a> {
    /// The side a loaded package presents.
    pub fn of(package: &'a Package) -> Self {
        Side {
            label: &package.label,
            name: package.name.as_deref(),
            version: package.version.as_ref(),
            schemas: package.documents.len(),
        }
    }
}

/// Everything a CI format renders: both packages (for file paths and lines), the report and,
/// for `check`, the verdict.
pub struct Context<'a> {
    /// The baseline.
    pub old: &'a Package,
    /// The newer version.
    pub new: &'a Package,
    /// The findings.
    pub report: &'a contracts_diff::Report,
    /// The gate's verdict (`check` only).
    pub verdict: Option<&'a contracts_diff::gate::Verdict>,
    /// `diff --fail-on`: the largest bump that does not fail the run (`None`: MINOR, so MAJOR
    /// findings are errors). Ignored under a verdict, whose declared bump decides.
    pub fail_above: Option<contracts_diff::Bump>,
}

impl<'a> Context<'a> {
    /// The command's name as CI output shows it.
    pub fn command(&self) -> &'static str {
        if self.verdict.is_some() {
            "contracts check"
        } else {
            "contracts diff"
        }
    }

    /// The bump above which a finding fails: the declared bump for `check`; for `diff` the
    /// level below `--fail-on`'s, else MINOR (MAJOR findings fail).
    pub fn allowed(&self) -> contracts_diff::Bump {
        self.verdict.map_or(
            self.fail_above.unwrap_or(contracts_diff::Bump::Minor),
            |v| v.declared,
        )
    }

    /// How serious a finding is for CI (SARIF level, GitHub annotation): an error when its bump
    /// is above [`Context::allowed`] (it is what fails the gate); otherwise a warning for a
    /// MAJOR or MINOR change and a note for the rest. So under a passing verdict (`check
    /// --version 3.0.0` for a breaking change) no finding is an error: the release accepted it.
    pub fn severity(&self, finding: &contracts_diff::Finding) -> Severity {
        use contracts_diff::Bump;
        if finding.bump > self.allowed() {
            Severity::Error
        } else if matches!(finding.bump, Bump::Major | Bump::Minor) {
            Severity::Warning
        } else {
            Severity::Note
        }
    }

    /// Where a finding is shown: its new location, else its old one, with the package it is in.
    pub fn anchor(
        &self,
        finding: &'a contracts_diff::Finding,
    ) -> Option<(&'a Package, &'a contracts_diff::Location)> {
        match (&finding.new, &finding.old) {
            (Some(new), _) => Some((self.new, new)),
            (None, Some(old)) => Some((self.old, old)),
            (None, None) => None,
        }
    }

    /// The file path (relative to the repository, as the source was given) and the 1-based line
    /// of a finding's anchor, when it can be found.
    pub fn file_and_line(
        &self,
        finding: &'a contracts_diff::Finding,
    ) -> Option<(String, Option<usize>)> {
        let (package, location) = self.anchor(finding)?;
        let path = repo_path(&package.label, &location.file);
        let line = package
            .file_text(&location.file)
            .and_then(|text| locate::line_of(text, &location.pointer));
        Some((path, line))
    }
}

/// A finding's severity in the CI formats (see [`Context::severity`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Fails the gate: SARIF `error`, GitHub `::error`.
    Error,
    /// A change the gate accepts but a reader should see: SARIF `warning`, GitHub `::warning`.
    Warning,
    /// Everything else: SARIF `note`, GitHub `::notice`.
    Note,
}

/// The path of `file` (relative to a package root) as seen from where the command ran, given
/// how the package's source was written: `DIR` → `DIR/file`; a single file → that file;
/// `git:REV:PATH` → `PATH/file`; an npm tarball → `file` (there is no checkout to point into).
pub fn repo_path(label: &str, file: &str) -> String {
    let base = if let Some(rest) = label.strip_prefix("git:") {
        match rest.split_once(':') {
            Some((_, path)) => path.to_string(),
            None => String::new(),
        }
    } else if label.ends_with(".tgz") || label.ends_with(".tar.gz") {
        String::new()
    } else if std::path::Path::new(label).is_file() {
        return label.trim_start_matches("./").to_string();
    } else {
        label.to_string()
    };
    let base = base.trim_start_matches("./").trim_end_matches('/');
    if base.is_empty() || base == "." {
        file.to_string()
    } else {
        format!("{base}/{file}")
    }
}

/// `MAJOR`, `MINOR`, `PATCH`, `NONE`.
pub fn bump_label(bump: contracts_diff::Bump) -> &'static str {
    match bump {
        contracts_diff::Bump::Major => "MAJOR",
        contracts_diff::Bump::Minor => "MINOR",
        contracts_diff::Bump::Patch => "PATCH",
        contracts_diff::Bump::None => "NONE",
    }
}

/// Control characters (newline, carriage return, escape, ...) of `text` escaped as Rust
/// escapes them (`\n`), so a property name cannot start a line of its own (a GitHub workflow
/// command such as `::error::`) nor move a terminal's cursor.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// `report` as the formats for people (text, Markdown, GitHub, JUnit, SARIF) show it: every
/// message, schema name, file and pointer with its control characters escaped
/// ([`escape_controls`]). JSON keeps the data as it is (JSON escapes them itself).
pub fn for_people(report: &contracts_diff::Report) -> contracts_diff::Report {
    let mut safe = report.clone();
    for f in &mut safe.findings {
        f.message = escape_controls(&f.message);
        f.schema = escape_controls(&f.schema);
        for loc in [&mut f.old, &mut f.new].into_iter().flatten() {
            loc.file = escape_controls(&loc.file);
            loc.pointer = escape_controls(&loc.pointer);
        }
    }
    safe
}

/// Write the report in `format` to stdout (text: coloured on a terminal only, through
/// [`anstream`]); log a one-line summary to stderr unless `quiet`. For `github`, also append
/// the job summary when `GITHUB_STEP_SUMMARY` is set. `view` chooses the findings the text,
/// Markdown and HTML reports list.
pub fn emit(
    format: crate::args::FormatArg,
    quiet: bool,
    ctx: &Context<'_>,
    view: &view::View,
) -> std::io::Result<()> {
    use crate::args::FormatArg;
    use std::io::Write;

    let safe;
    let people;
    let ctx = if format == FormatArg::Json {
        ctx
    } else {
        safe = for_people(ctx.report);
        people = Context {
            report: &safe,
            ..*ctx
        };
        &people
    };
    if format == FormatArg::Text {
        let mut out = crate::output::styled();
        let (old, new) = (Side::of(ctx.old), Side::of(ctx.new));
        let packages = Some((ctx.old, ctx.new));
        match ctx.verdict {
            Some(verdict) => {
                text::write_check(&mut out, &old, &new, ctx.report, verdict, packages, view)?
            }
            None => text::write_diff(&mut out, &old, &new, ctx.report, packages, view)?,
        }
        return out.flush();
    }
    let mut out = crate::output::plain();
    match (format, ctx.verdict) {
        (FormatArg::Json, Some(verdict)) => json::write_check(&mut out, ctx.report, verdict)?,
        (FormatArg::Json, None) => json::write_diff(&mut out, ctx.report)?,
        (FormatArg::Markdown, _) => markdown::write_viewed(&mut out, ctx, view)?,
        (FormatArg::Html, _) => html::write(&mut out, ctx, view)?,
        (FormatArg::Github, _) => github::write(&mut out, ctx)?,
        (FormatArg::Junit, _) => junit::write(&mut out, ctx)?,
        (FormatArg::Sarif, _) => sarif::write(&mut out, ctx)?,
        (FormatArg::Text, _) => {}
    }
    out.flush()?;
    let summary = if format == FormatArg::Github {
        github::summary_or_warn(github::write_step_summary(ctx))
    } else {
        None
    };
    if !quiet {
        let (major, minor, patch) = ctx.report.counts();
        let mut log = anstream::stderr().lock();
        writeln!(
            log,
            "{}: {} -> {}: {} findings ({major} major, {minor} minor, {patch} patch), required bump {}",
            ctx.command(),
            ctx.old.label,
            ctx.new.label,
            ctx.report.findings.len(),
            ctx.report.required_bump
        )?;
        if let Some(verdict) = ctx.verdict {
            let result = if verdict.passed { "pass" } else { "fail" };
            writeln!(
                log,
                "{}: {result} ({} -> {} declares {}; smallest version that passes: {})",
                ctx.command(),
                verdict.old_version,
                verdict.new_version,
                verdict.declared,
                verdict.minimum_version
            )?;
        }
        if let Some(path) = summary {
            writeln!(
                log,
                "{}: job summary appended to {}",
                ctx.command(),
                path.display()
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::repo_path;

    #[test]
    fn repo_paths_follow_the_source() {
        assert_eq!(
            repo_path("schemas/v1", "events/a.json"),
            "schemas/v1/events/a.json"
        );
        assert_eq!(repo_path("./schemas/v1/", "a.json"), "schemas/v1/a.json");
        assert_eq!(
            repo_path("git:contracts-v1.1.0:schemas", "a.json"),
            "schemas/a.json"
        );
        assert_eq!(repo_path("git:HEAD", "a.json"), "a.json");
        assert_eq!(repo_path("pkg-1.0.0.tgz", "a.json"), "a.json");
        assert_eq!(repo_path(".", "a.json"), "a.json");
    }
}
