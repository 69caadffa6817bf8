//! `contracts completions SHELL` and `contracts man`: shell completion scripts
//! (`clap_complete`) and the roff man page (`clap_mangen`), generated from the command line
//! as declared, so they never go stale.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use crate::error::{CmdResult, EXIT_OK};

/// Arguments of `contracts completions`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Install, for example:
  bash:  contracts completions bash > ~/.local/share/bash-completion/completions/contracts
  zsh:   contracts completions zsh > \"${fpath[1]}/_contracts\"
  fish:  contracts completions fish > ~/.config/fish/completions/contracts.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `contracts man`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Install, for example: contracts man > ~/.local/share/man/man1/contracts.1")]
pub struct ManArgs {}

/// Print the completion script of `shell` for `command`.
pub fn completions(args: &CompletionsArgs, mut command: clap::Command) -> CmdResult {
    let mut out = crate::output::plain();
    clap_complete::generate(args.shell, &mut command, "contracts", &mut out);
    out.flush()?;
    Ok(ExitCode::from(EXIT_OK))
}

/// Print the man page of `command` and of each subcommand (as sections of one page, roff).
pub fn man(command: clap::Command) -> CmdResult {
    let mut out = crate::output::plain();
    let command = command.name("contracts");
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = sub
            .clone()
            .display_name(format!("contracts-{}", sub.get_name()))
            .bin_name(format!("contracts {}", sub.get_name()));
        let mut page = Vec::new();
        clap_mangen::Man::new(sub).render(&mut page)?;
        // Each subcommand's page without its own title line, as a section of this one.
        let page = String::from_utf8_lossy(&page);
        writeln!(out, ".SH \"{}\"", sub_title(&page))?;
        // Each page's preamble (string definitions, `.TH`) comes before its first `.SH`.
        for line in page.lines().skip_while(|l| !l.starts_with(".SH ")) {
            let line = match line.strip_prefix(".SH ") {
                Some(title) => format!(".SS {title}"),
                None => line.to_string(),
            };
            writeln!(out, "{line}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(EXIT_OK))
}

/// The `NAME` of a rendered page (`contracts-diff`), read from its `.TH` line.
fn sub_title(page: &str) -> String {
    page.lines()
        .find_map(|l| l.strip_prefix(".TH "))
        .and_then(|t| t.split_whitespace().next())
        .unwrap_or("")
        .trim_matches('"')
        .to_uppercase()
}
