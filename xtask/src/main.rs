//! Repository automation: `cargo xtask <task>`.
//!
//! Tasks:
//! - `schema`: regenerate `docs/report.schema.json`, the JSON Schema of the JSON report, from
//!   the Rust types (`contracts_diff::report_schema`). `schema --check` exits 1 when the
//!   committed file is stale instead of writing it.
//! - `bench`: build the CLI in release and time whole commands of the real binary (wall time and
//!   peak RSS over `--runs N`); see `bench.rs` for the workloads and `docs/benchmarks.md`.
//! - `corpora [DEST]`: download (from the package registries) and unpack the real packages the
//!   tests and benchmarks read, each checked against its committed sha256; see `corpora.rs`.
//! - `fuzz [--seconds N]`: mutate seed inputs of every input surface for N seconds per target,
//!   failing on a panic, a timeout or a runaway allocation; see `fuzz.rs`.
//! - `screenshot`: render the Kubernetes and example-package HTML reports and photograph them
//!   in headless Chromium into `docs/`; see `screenshot.rs`.

mod bench;
mod corpora;
mod fuzz;
mod fuzz_harness;
mod screenshot;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  schema [--check]   regenerate docs/report.schema.json (--check: fail when it is stale)
  bench [--runs N] [--only NAME[,NAME...]] [--json FILE]
                     build the CLI in release and time its workloads (default 5 runs):
                     min/median/max wall time and peak RSS as a Markdown table on stdout
  corpora [DEST]     download and unpack the real packages the tests read (PyPI, npm, and
                     tests/corpora/), each checked against its sha256; idempotent. DEST defaults
                     to $CONTRACTS_CORPORA, else target/corpora
  fuzz [--seconds N] [--timeout SECS] [--memory-mb MB] [--seed N] [--only TARGET]
                     mutate seed inputs of each input surface (schema_document,
                     package_folder, package_tarball, contracts_toml, payload) for N seconds
                     each (default 30); fails on a panic, an input past the timeout (10 s)
                     or an allocation past the cap (4096 MB)
  screenshot         render the Kubernetes (corpora) and example-package HTML reports and
                     photograph them in headless Chromium: docs/screenshot-*.png";

/// The workspace root (the parent of this crate's directory).
fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

fn schema(check: bool) -> ExitCode {
    let path = workspace_root().join("docs").join("report.schema.json");
    let fresh = contracts_diff::report_schema::report_schema_text();
    if check {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == fresh {
            eprintln!("{} is fresh", path.display());
            return ExitCode::SUCCESS;
        }
        eprintln!("{} is stale: run `cargo xtask schema`", path.display());
        return ExitCode::FAILURE;
    }
    match std::fs::write(&path, fresh) {
        Ok(()) => {
            eprintln!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The measuring process of `bench` (internal): its arguments are paths, passed through.
    if args.first().map(String::as_str) == Some("__bench-exec") {
        return bench::exec(&args[1..]);
    }
    // The parse floor of `bench` (internal): read and parse JSON files, nothing else.
    if args.first().map(String::as_str) == Some("__parse-floor") {
        return bench::parse_floor(&args[1..]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["schema"] => schema(false),
        ["bench", rest @ ..] => bench::bench(rest, &workspace_root()),
        ["schema", "--check"] => schema(true),
        ["corpora", rest @ ..] => corpora::corpora(rest, &workspace_root()),
        ["fuzz", rest @ ..] => fuzz::fuzz(rest, &workspace_root()),
        ["screenshot"] => screenshot::screenshot(&workspace_root()),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
