//! `--watch` for `diff` and `check`: run the comparison, then again each time a file of either
//! package changes (the `notify` crate), redrawing the summary and the MAJOR findings and
//! saying which findings were added and which are gone since the last run.
//!
//! Only local sources are watched (a folder, recursively; a file; a tarball); a `git:` source
//! is a fixed revision. Nothing runs while no file changes: the loop waits on the operating
//! system's notifications. A run that fails (a schema saved half-written) prints its error and
//! the watch goes on.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use contracts_core::Source;
use contracts_diff::{Bump, Finding};
use notify::{EventKind, RecursiveMode, Watcher};
use owo_colors::OwoColorize;

use crate::error::{CliError, CmdResult};
use crate::render::view::View;

/// How long the watch waits for more events after one (an editor's save is several).
const SETTLE: Duration = Duration::from_millis(200);

/// The paths of `sources` that can change: folders, files and tarballs.
fn local_paths(sources: &[&str]) -> Vec<PathBuf> {
    sources
        .iter()
        .filter_map(|text| match Source::parse(text) {
            Ok(Source::Dir(p) | Source::File(p) | Source::Tarball(p)) => Some(p),
            _ => None,
        })
        .collect()
}

/// A finding's identity across runs: the same rule at the same places with the same message.
fn key(finding: &Finding) -> String {
    let at = |l: &Option<contracts_core::Location>| l.as_ref().map(ToString::to_string);
    format!(
        "{}\u{0}{}\u{0}{:?}\u{0}{:?}\u{0}{}",
        finding.schema,
        finding.rule,
        at(&finding.old),
        at(&finding.new),
        finding.message
    )
}

/// The line that names a finding in the list of changes.
fn describe(sign: &str, finding: &Finding) -> String {
    let bump = crate::render::bump_label(finding.bump);
    let line = format!(
        "  {sign} {bump:<5} {} in {}: {}",
        finding.rule, finding.schema, finding.message
    );
    match (sign, finding.bump) {
        ("+", Bump::Major) => line.red().to_string(),
        ("+", _) => line.yellow().to_string(),
        _ => line.green().to_string(),
    }
}

/// Whether a notification is a change of content (not a read, ours included).
fn is_change(event: &notify::Result<notify::Event>) -> bool {
    match event {
        Ok(event) => matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
        ),
        Err(_) => false,
    }
}

/// `--watch` redraws text: any other `--format` is bad input.
///
/// # Errors
/// [`CliError::Input`] naming the format.
pub fn text_only(format: crate::args::FormatArg) -> Result<(), CliError> {
    if format == crate::args::FormatArg::Text {
        Ok(())
    } else {
        Err(CliError::Input(format!(
            "--watch redraws the text report; it does not take --format {}",
            clap::ValueEnum::to_possible_value(&format)
                .map_or_else(|| "?".to_string(), |v| v.get_name().to_string())
        )))
    }
}

/// The view a redraw uses: the MAJOR findings (or the bumps `--only` names).
pub fn view(mut view: View) -> View {
    if view.only.is_empty() {
        view.only = vec![Bump::Major];
    }
    view
}

/// Run `once` (which renders one report with the view it is given and returns its findings),
/// then again whenever a file of `sources` changes, until the process is stopped (Ctrl-C).
///
/// # Errors
/// [`CliError::Input`] when no source is a local path, or the paths cannot be watched.
pub fn run(
    sources: &[&str],
    view: &View,
    mut once: impl FnMut(&View) -> Result<Vec<Finding>, CliError>,
) -> CmdResult {
    let paths = local_paths(sources);
    if paths.is_empty() {
        return Err(CliError::Input(
            "--watch needs a folder, file or tarball to watch; git: sources do not change".into(),
        ));
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| CliError::Input(format!("--watch: cannot watch files: {e}")))?;
    for path in &paths {
        watcher
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| CliError::Input(format!("{}: cannot watch: {e}", path.display())))?;
    }
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let mut previous: Option<BTreeMap<String, Finding>> = None;
    let mut run = 0usize;
    loop {
        run += 1;
        {
            let mut out = crate::output::styled();
            if terminal {
                // Redraw in place: clear the screen, cursor home.
                write!(out, "\x1b[2J\x1b[H")?;
            } else if run > 1 {
                writeln!(out, "\n{}", format!("── run {run} ──").dimmed())?;
            }
            out.flush()?;
        }
        let result = once(view);
        let mut out = crate::output::styled();
        match result {
            Ok(findings) => {
                let now: BTreeMap<String, Finding> =
                    findings.into_iter().map(|f| (key(&f), f)).collect();
                if let Some(before) = &previous {
                    let added: Vec<&Finding> = now
                        .iter()
                        .filter(|(k, _)| !before.contains_key(*k))
                        .map(|(_, f)| f)
                        .collect();
                    let gone: Vec<&Finding> = before
                        .iter()
                        .filter(|(k, _)| !now.contains_key(*k))
                        .map(|(_, f)| f)
                        .collect();
                    writeln!(
                        out,
                        "{} {} added, {} gone",
                        "since the last run:".bold(),
                        added.len(),
                        gone.len()
                    )?;
                    for f in added {
                        writeln!(out, "{}", describe("+", f))?;
                    }
                    for f in gone {
                        writeln!(out, "{}", describe("-", f))?;
                    }
                }
                previous = Some(now);
            }
            Err(e) => writeln!(out, "{} {e}", "error:".red().bold())?,
        }
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        writeln!(
            out,
            "{}",
            format!("watching {} for changes (Ctrl-C stops)", names.join(", ")).dimmed()
        )?;
        out.flush()?;
        drop(out);
        // Wait for a change of content, then for the burst of events to settle.
        loop {
            let event = rx
                .recv()
                .map_err(|_| CliError::Input("--watch: the file watcher stopped".into()))?;
            if is_change(&event) {
                break;
            }
        }
        while rx.recv_timeout(SETTLE).is_ok() {}
    }
}
