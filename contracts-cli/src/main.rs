//! The `contracts` binary: parse the command line, call `contracts-core` / `contracts-diff`,
//! render the result.
//!
//! Each subcommand lives in its own module with a `clap::Args` struct and a
//! `run(&Args) -> CmdResult`; adding one is a `mod` line, a [`Command`] variant and a match arm.

mod args;
mod bump;
mod changelog;
mod check;
mod codegen;
mod completions;
mod diff;
mod error;
mod gate_config;
mod output;
mod render;
mod rules;
mod validate;
mod watch;

use std::process::ExitCode;

use clap::Parser;
use clap::{CommandFactory, FromArgMatches, Subcommand};
use owo_colors::OwoColorize;

use crate::args::ColorArg;
use crate::error::CliError;

/// mimalloc rather than the system allocator: loading and diffing allocate many small values
/// (a package of 100,000 files spent about a third of its time in glibc's `malloc`/`free`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Diff two versions of a JSON Schema contracts package, and gate releases by semver.
#[derive(Debug, Parser)]
#[command(name = "contracts", version, propagate_version = false)]
#[command(after_help = "\
Exit codes:
  0  the command ran (check: the declared version bump covers the changes)
  1  check: the declared version bump is too small (--history: in any pair);
     diff --fail-on BUMP: the changes require BUMP or more;
     validate: a payload or example is invalid
  2  bad input: unreadable source, malformed JSON, invalid schema, bad $ref, no version,
     malformed contracts.toml")]
struct Cli {
    /// When to colour the text output (NO_COLOR is respected under `auto`).
    #[arg(long, value_enum, global = true, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    color: ColorArg,

    #[command(flatten)]
    input: args::InputFlags,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every change between two versions of a package, with the bump each requires.
    Diff(diff::DiffArgs),
    /// Fail (exit 1) when a release's declared version is too small a bump for its changes.
    Check(check::CheckArgs),
    /// Generate Rust types for a package (exit 1 under --check when FILE is stale).
    Codegen(codegen::Args),
    /// Print the next version the changes require (--write stores it in the manifest).
    Bump(bump::BumpArgs),
    /// Validate payloads against a schema of a package, or the package's own examples.
    Validate(validate::ValidateArgs),
    /// Markdown release notes: Breaking, Added, Changed, Deprecated, Docs.
    Changelog(changelog::ChangelogArgs),
    /// The rule catalogue: each rule's effect, bump per mode and summary (or one rule's doc).
    Rules(rules::RulesArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff): `contracts man > contracts.1`.
    Man(completions::ManArgs),
}

impl Command {
    /// The command's `--output FILE`, for the commands that print a report.
    fn output(&self) -> Option<&output::OutputFlag> {
        match self {
            Command::Diff(a) => Some(&a.output),
            Command::Check(a) => Some(&a.output),
            Command::Bump(a) => Some(&a.output),
            Command::Validate(a) => Some(&a.output),
            Command::Changelog(a) => Some(&a.output),
            Command::Rules(a) => Some(&a.output),
            Command::Codegen(_) | Command::Completions(_) | Command::Man(_) => None,
        }
    }
}

fn report_error(error: &CliError) -> ExitCode {
    let quiet = matches!(error, CliError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe);
    if quiet {
        // The reader went away (`contracts diff ... | head`): end as a process killed by
        // SIGPIPE would (128 + 13), which is neither success nor bad input.
        return ExitCode::from(141);
    }
    anstream::eprintln!("{} {error}", "error:".red().bold());
    error.exit_code()
}

/// The `--color` value on the command line (the last one; `--color WHEN` or `--color=WHEN`,
/// before any `--`), read before clap parses so that its own errors and help obey it too.
fn color_in_args(args: &[std::ffi::OsString]) -> Option<ColorArg> {
    let mut choice = None;
    let mut iter = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        let value = match arg {
            Some("--") => break,
            Some("--color") => iter.next().flatten(),
            Some(a) => a.strip_prefix("--color="),
            None => None,
        };
        if let Some(value) = value {
            if let Ok(parsed) = <ColorArg as clap::ValueEnum>::from_str(value, true) {
                choice = Some(parsed);
            }
        }
    }
    choice
}

/// Parse the command line; usage errors and `--help` are printed by clap with the colour
/// `--color` asks for, and exit (2 for errors, 0 for help and version).
fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut command = Cli::command();
    if let Some(choice) = color_in_args(&args) {
        command = command.color(match choice {
            ColorArg::Auto => clap::ColorChoice::Auto,
            ColorArg::Always => clap::ColorChoice::Always,
            ColorArg::Never => clap::ColorChoice::Never,
        });
    }
    let matches = command.get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

fn main() -> ExitCode {
    // Ctrl-C or a SIGTERM (a CI job cancelled) mid-write: remove the temporary file of any
    // atomic write in progress, then exit 130 as a shell reports an interrupted command.
    let _ = ctrlc::set_handler(|| {
        contracts_codegen::remove_pending_temp_files();
        std::process::exit(130);
    });
    let cli = parse();
    cli.color.apply();
    cli.input.apply();
    if let Some(output) = cli.command.output() {
        output.apply();
    }
    let result = match &cli.command {
        Command::Diff(args) => diff::run(args),
        Command::Check(args) => check::run(args),
        Command::Codegen(args) => Ok(ExitCode::from(codegen::run(args) as u8)),
        Command::Bump(args) => bump::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Changelog(args) => changelog::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Completions(args) => completions::completions(args, Cli::command()),
        Command::Man(_) => completions::man(Cli::command()),
    };
    // The report reaches its `--output` file only when the command ran (exit 0 or 1).
    let result = result.and_then(|code| output::finish().map(|_| code));
    result.unwrap_or_else(|e| report_error(&e))
}
