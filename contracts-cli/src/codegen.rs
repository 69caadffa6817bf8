//! `contracts codegen PACKAGE -o FILE [--check] [--lenient] [--split]`: typed Rust DTOs from a
//! contracts package, through `contracts-codegen`.

use std::io::Write;
use std::path::PathBuf;

use contracts_codegen::{Builder, Error, Freshness};

/// Exit code: generated (or fresh under `--check`).
pub const EXIT_OK: i32 = 0;
/// Exit code: `--check` found FILE stale (the diff is on stdout).
pub const EXIT_STALE: i32 = 1;
/// Exit code: bad input (package does not load, unsupported schema, unwritable FILE).
pub const EXIT_BAD_INPUT: i32 = 2;

/// Generate Rust types for every schema of a package.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// The package: a directory, a schema file, an OpenAPI document, an npm `.tgz`, or
    /// `git:REV:PATH`.
    #[arg(value_name = "PACKAGE")]
    pub package: String,

    /// Where to write the Rust module (with `--split`: a directory of files).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,

    /// Regenerate in memory and compare with FILE: exit 0 when fresh, 1 with a diff when stale.
    #[arg(long)]
    pub check: bool,

    /// Map subschemas typify cannot convert to `serde_json::Value` (warned) instead of failing.
    #[arg(long)]
    pub lenient: bool,

    /// Write one file per schema into the directory FILE (`mod.rs` includes them).
    #[arg(long)]
    pub split: bool,

    /// Extra derives for every generated type (repeatable), e.g. `schemars::JsonSchema`.
    #[arg(long = "derive", value_name = "PATH")]
    pub derive: Vec<String>,
}

/// Run the subcommand; returns the exit code. Messages go to stderr, the `--check` diff to
/// stdout.
pub fn run(args: &Args) -> i32 {
    let generated = match Builder::new()
        .package(args.package.as_str())
        .lenient(args.lenient)
        .split(args.split)
        .derive(args.derive.iter().cloned())
        .generate()
    {
        Ok(g) => g,
        Err(e) => {
            report(&e);
            return EXIT_BAD_INPUT;
        }
    };
    for w in &generated.warnings {
        eprintln!("warning: {w}");
    }
    if args.check {
        return match contracts_codegen::check(&args.output, &generated) {
            Ok(Freshness::Fresh) => EXIT_OK,
            Ok(Freshness::Stale { diff }) => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(diff.as_bytes());
                let _ = out.flush();
                eprintln!(
                    "error: {} is stale: regenerate with `contracts codegen {} -o {}`",
                    args.output.display(),
                    args.package,
                    args.output.display()
                );
                EXIT_STALE
            }
            Err(e) => {
                report(&e);
                EXIT_BAD_INPUT
            }
        };
    }
    if let Err(e) = generated.write(&args.output) {
        report(&e);
        return EXIT_BAD_INPUT;
    }
    let s = &generated.stats;
    eprintln!(
        "wrote {}: {} schemas, {} definitions ({} typed, {} partly serde_json::Value, {} serde_json::Value), {} event variants, {} warnings",
        args.output.display(),
        s.schemas,
        s.definitions,
        s.typed,
        s.partial,
        s.fallback,
        s.events,
        generated.warnings.len()
    );
    EXIT_OK
}

fn report(e: &Error) {
    eprintln!("error: {e}");
}
