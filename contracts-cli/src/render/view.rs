//! What a reader asked to see of a report (`--verbose`, `--only`, `--schema`) and how wide the
//! text may be: the options the formats for people (text, Markdown, HTML) share.
//!
//! The summary always counts every finding; the filters only choose which findings are listed.

use clap::{Args, ValueEnum};
use contracts_diff::{Bump, Finding};

/// The width text wraps to when stdout is not a terminal and `COLUMNS` is not set.
pub const FIXED_WIDTH: usize = 100;

/// The narrowest width text is wrapped to, whatever the terminal says.
const MIN_WIDTH: usize = 40;

/// `--only`: a bump whose findings are listed (the others are left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnlyArg {
    /// Breaking changes.
    Major,
    /// Additions.
    Minor,
    /// Annotation-only changes.
    Patch,
}

impl From<OnlyArg> for Bump {
    fn from(only: OnlyArg) -> Bump {
        match only {
            OnlyArg::Major => Bump::Major,
            OnlyArg::Minor => Bump::Minor,
            OnlyArg::Patch => Bump::Patch,
        }
    }
}

/// The reading options of `diff` and `check` (text, Markdown and HTML reports).
#[derive(Debug, Clone, Default, Args)]
pub struct ViewFlags {
    /// List every MINOR and PATCH finding in full (by default the text report lists MAJOR
    /// findings, and those that fail the gate, in full and the rest as one line per rule with
    /// a count).
    #[arg(long, short)]
    pub verbose: bool,

    /// List only the findings of these bumps (comma-separated or repeated); they are shown in
    /// full. The summary still counts every finding.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "BUMP")]
    pub only: Vec<OnlyArg>,

    /// List only the findings of schemas whose name matches GLOB (`*` within a path segment,
    /// `**` across them; repeatable). The summary still counts every finding.
    #[arg(long = "schema", value_name = "GLOB", value_parser = parse_glob)]
    pub schemas: Vec<SchemaGlob>,
}

/// A `--schema` glob, checked when the command line is parsed.
#[derive(Debug, Clone)]
pub struct SchemaGlob {
    /// The glob as written.
    pub text: String,
    matcher: globset::GlobMatcher,
}

impl SchemaGlob {
    /// Whether a schema name matches.
    pub fn is_match(&self, schema: &str) -> bool {
        self.matcher.is_match(schema)
    }
}

/// Parse a `--schema` glob (`/`-separated names, `*` within a segment).
///
/// # Errors
/// The glob's syntax error, which clap reports as bad input (exit 2).
pub fn parse_glob(text: &str) -> Result<SchemaGlob, String> {
    let glob = globset::GlobBuilder::new(text)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("`{text}` is not a glob: {e}"))?;
    Ok(SchemaGlob {
        text: text.to_string(),
        matcher: glob.compile_matcher(),
    })
}

/// The reading options, resolved: filters, verbosity and the text width.
#[derive(Debug, Clone)]
pub struct View {
    /// List every finding in full.
    pub verbose: bool,
    /// The bumps listed (empty: all).
    pub only: Vec<Bump>,
    /// The schema globs (empty: all schemas).
    pub schemas: Vec<SchemaGlob>,
    /// The column text wraps at.
    pub width: usize,
}

impl Default for View {
    /// Every finding listed in full, at the fixed width (the view of `check --history`).
    fn default() -> Self {
        View {
            verbose: true,
            only: Vec::new(),
            schemas: Vec::new(),
            width: FIXED_WIDTH,
        }
    }
}

impl View {
    /// The view the flags ask for, at the width of stdout ([`width`]).
    pub fn from_flags(flags: &ViewFlags) -> View {
        View {
            verbose: flags.verbose,
            only: flags.only.iter().map(|&o| Bump::from(o)).collect(),
            schemas: flags.schemas.clone(),
            width: width(),
        }
    }

    /// Whether the filters keep a finding.
    pub fn keeps(&self, finding: &Finding) -> bool {
        (self.only.is_empty() || self.only.contains(&finding.bump))
            && (self.schemas.is_empty() || self.schemas.iter().any(|g| g.is_match(&finding.schema)))
    }

    /// Whether a kept finding is listed in full (else it is counted in its rule's line): MAJOR
    /// findings, findings above `allowed` (those that fail the gate), every finding under
    /// `--verbose`, and those of a bump `--only` names.
    pub fn in_full(&self, finding: &Finding, allowed: Option<Bump>) -> bool {
        self.verbose
            || finding.bump == Bump::Major
            || allowed.is_some_and(|a| finding.bump > a)
            || self.only.contains(&finding.bump)
    }

    /// Whether a filter is set.
    pub fn filtered(&self) -> bool {
        !self.only.is_empty() || !self.schemas.is_empty()
    }

    /// The filters as the command line wrote them (`--only major --schema 'events/**'`).
    pub fn describe_filters(&self) -> String {
        let mut parts = Vec::new();
        if !self.only.is_empty() {
            let bumps: Vec<String> = self.only.iter().map(|b| b.to_string()).collect();
            parts.push(format!("--only {}", bumps.join(",")));
        }
        for glob in &self.schemas {
            parts.push(format!("--schema '{}'", glob.text));
        }
        parts.join(" ")
    }

    /// Wrap `text` to the width: the first line starts with `first` (counted, not repeated),
    /// the others with `indent`. Words are never split (a pointer or a URL stays whole).
    pub fn wrap(&self, text: &str, indent: &str) -> Vec<String> {
        let options = textwrap::Options::new(self.width.max(MIN_WIDTH))
            .subsequent_indent(indent)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        textwrap::wrap(text, options)
            .into_iter()
            .map(|line| line.into_owned())
            .collect()
    }
}

/// The width of the text report: `COLUMNS` when it is set to a number, else the terminal's
/// width when stdout is one (and the report is not written to `--output`), else
/// [`FIXED_WIDTH`].
pub fn width() -> usize {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
    {
        return columns.max(MIN_WIDTH);
    }
    if crate::output::to_file() {
        return FIXED_WIDTH;
    }
    terminal_size::terminal_size_of(std::io::stdout())
        .map_or(FIXED_WIDTH, |(w, _)| usize::from(w.0).max(MIN_WIDTH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_keep_one_segment_per_star() {
        let glob = parse_glob("events/*").unwrap();
        assert!(glob.is_match("events/import.progress.v2"));
        assert!(!glob.is_match("events/a/b"));
        assert!(parse_glob("events/[").is_err());
    }

    #[test]
    fn wrapping_keeps_words_whole_and_indents() {
        let view = View {
            width: 40,
            ..View::default()
        };
        let lines = view.wrap(
            "  MAJOR enum-value-removed: value \"paused\" is no longer accepted by anyone at all",
            "        ",
        );
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines[0].starts_with("  MAJOR enum-value-removed:"),
            "{lines:?}"
        );
        assert!(lines[1..].iter().all(|l| l.starts_with("        ")));
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:?}");
    }
}
