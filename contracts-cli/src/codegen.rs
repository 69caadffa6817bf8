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
    // Options first: one clear error, before the package is loaded.
    for d in &args.derive {
        if let Err(e) = contracts_codegen::validate_derive(d) {
            report(&e);
            return EXIT_BAD_INPUT;
        }
    }
    // Loaded here so that the global input flags apply and skipped links are warned about.
    let package = match crate::args::load_package(&args.package, None) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_BAD_INPUT;
        }
    };
    let generated = match Builder::new()
        .package(contracts_codegen::PackageInput::Loaded(Box::new(package)))
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
    match e {
        Error::InvalidDerive { value, message } => {
            eprintln!("error: --derive {value:?}: {message}");
        }
        _ => eprintln!("error: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh scratch directory (no dev-dependency needed).
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "contracts-cli-codegen-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn args(output: PathBuf) -> Args {
        Args {
            package: concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas/v2.0.0").to_string(),
            output,
            check: false,
            lenient: false,
            split: false,
            derive: Vec::new(),
        }
    }

    #[test]
    fn writes_then_checks_fresh_and_stale() {
        let tmp = scratch("fresh");
        let out = tmp.join("contracts.rs");
        let mut a = args(out.clone());
        a.check = true;
        assert_eq!(run(&a), EXIT_STALE, "a missing file is stale");
        a.check = false;
        assert_eq!(run(&a), EXIT_OK);
        assert!(std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("// @generated"));
        a.check = true;
        assert_eq!(run(&a), EXIT_OK);
        std::fs::write(&out, "// stale\n").unwrap();
        assert_eq!(run(&a), EXIT_STALE);
    }

    #[test]
    fn split_writes_a_directory() {
        let tmp = scratch("split");
        let mut a = args(tmp.join("contracts"));
        a.split = true;
        assert_eq!(run(&a), EXIT_OK);
        assert!(tmp.join("contracts/mod.rs").is_file());
        a.check = true;
        assert_eq!(run(&a), EXIT_OK);
    }

    #[test]
    fn a_bad_derive_exits_2_before_loading() {
        let tmp = scratch("derive");
        for bad in ["not a path!", "Hash, Eq", "#[derive(Hash)]", "Vec<u8>", ""] {
            let mut a = args(tmp.join("x.rs"));
            a.derive = vec!["Hash".into(), bad.into()];
            // A package that does not exist: the option is refused before loading.
            a.package = "/no/such/package".into();
            assert_eq!(run(&a), EXIT_BAD_INPUT, "{bad:?}");
            let e = contracts_codegen::validate_derive(bad).unwrap_err();
            assert!(
                matches!(&e, Error::InvalidDerive { value, .. } if value == bad),
                "{bad:?}: {e}"
            );
        }
        assert!(!tmp.join("x.rs").exists());
        for good in ["Hash", "schemars::JsonSchema", "::serde::Serialize"] {
            contracts_codegen::validate_derive(good).unwrap();
        }
    }

    #[test]
    fn bad_input_exits_2() {
        let tmp = scratch("bad");
        let mut a = args(tmp.join("x.rs"));
        a.package = "/no/such/package".into();
        assert_eq!(run(&a), EXIT_BAD_INPUT);
        assert!(!tmp.join("x.rs").exists());
        let mut a = args(tmp.join("no/such/dir/x.rs"));
        a.package = concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas/v2.0.0").to_string();
        assert_eq!(run(&a), EXIT_BAD_INPUT);
    }
}
