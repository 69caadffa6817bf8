//! `contracts codegen PACKAGE -o FILE [--check] [--lenient] [--split] [--derive PATH]
//! [--budget SECONDS] [--extern-type SCHEMA=RUST_PATH] [--type-attribute PATTERN=ATTRIBUTE]
//! [--rename-type SCHEMA=NAME]`: typed Rust DTOs from a contracts package, through
//! `contracts-codegen`.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

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

    /// How long one typify run over the package may take, in seconds (a positive number,
    /// e.g. `120` or `0.5`), or `none` for no limit. Default: 60. Over it, every merge of
    /// schemas (`allOf`...) becomes `serde_json::Value`, then every definition: warnings with
    /// --lenient, else an error.
    #[arg(long = "budget", value_name = "SECONDS", allow_hyphen_values = true)]
    pub budget: Option<String>,

    /// Use an existing Rust type for a schema instead of generating one (repeatable):
    /// SCHEMA is a schema name (`api/pagination`), file (`api/pagination.json`) or
    /// `file#pointer`; every reference to it names RUST_PATH (e.g. `crate::Page`).
    #[arg(long = "extern-type", value_name = "SCHEMA=RUST_PATH")]
    pub extern_type: Vec<String>,

    /// Add outer attributes to the root type of every schema whose name matches the glob
    /// PATTERN (`*` within a `/` segment, `**` across), or to the type of that exact name
    /// (repeatable), e.g. `events/*=#[non_exhaustive]`. Split at the first `=`.
    #[arg(long = "type-attribute", value_name = "PATTERN=ATTRIBUTE")]
    pub type_attribute: Vec<String>,

    /// Give a schema's type another name (repeatable): SCHEMA as for --extern-type, or the
    /// generated type name; NAME a Rust identifier, e.g. `api/pagination=PageInfo`.
    #[arg(long = "rename-type", value_name = "SCHEMA=NAME")]
    pub rename_type: Vec<String>,
}

/// The options of [`Args`] checked and parsed, before the package is loaded.
struct Options {
    budget: Option<Duration>,
    extern_types: Vec<(String, String)>,
    type_attributes: Vec<(String, String)>,
    renames: Vec<(String, String)>,
}

/// A malformed option: the flag, its value as given and what is wrong.
struct BadOption {
    flag: &'static str,
    value: String,
    message: String,
}

impl BadOption {
    fn report(&self) {
        eprintln!("error: {} {:?}: {}", self.flag, self.value, self.message);
    }
}

/// Parse a `--budget` value: a positive number of seconds, or `none` for no limit.
fn parse_budget(value: &str) -> Result<Option<Duration>, String> {
    if value == "none" {
        return Ok(None);
    }
    let seconds: f64 = value.trim().parse().map_err(|_| {
        "expected a positive number of seconds (e.g. `120`), or `none` for no limit".to_string()
    })?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(
            "the budget must be a positive number of seconds; give `none` for no limit".into(),
        );
    }
    Duration::try_from_secs_f64(seconds)
        .map(Some)
        .map_err(|_| "too large a number of seconds; give `none` for no limit".into())
}

/// Split `LEFT=RIGHT` at its first `=`, both sides non-empty.
fn split_pair<'a>(value: &'a str, left: &str, right: &str) -> Result<(&'a str, &'a str), String> {
    let Some((l, r)) = value.split_once('=') else {
        return Err(format!("no `=`: expected {left}={right}"));
    };
    if l.is_empty() {
        return Err(format!("expected {left}={right}: {left} is empty"));
    }
    if r.is_empty() {
        return Err(format!("expected {left}={right}: {right} is empty"));
    }
    Ok((l, r))
}

/// Check every option as `contracts-codegen` would (one clear error, before loading).
fn options(args: &Args) -> Result<Options, BadOption> {
    for d in &args.derive {
        contracts_codegen::validate_derive(d).map_err(|e| bad("--derive", d, &e))?;
    }
    let budget = match &args.budget {
        None => Some(contracts_codegen::DEFAULT_BUDGET),
        Some(v) => parse_budget(v).map_err(|message| BadOption {
            flag: "--budget",
            value: v.clone(),
            message,
        })?,
    };
    type Check = fn(&str, &str) -> Result<(), Error>;
    let pairs = |flag: &'static str, values: &[String], left: &str, right: &str, check: Check| {
        values
            .iter()
            .map(|v| {
                let (l, r) = split_pair(v, left, right).map_err(|message| BadOption {
                    flag,
                    value: v.clone(),
                    message,
                })?;
                check(l, r).map_err(|e| bad(flag, v, &e))?;
                Ok((l.to_string(), r.to_string()))
            })
            .collect::<Result<Vec<_>, BadOption>>()
    };
    Ok(Options {
        budget,
        extern_types: pairs(
            "--extern-type",
            &args.extern_type,
            "SCHEMA",
            "RUST_PATH",
            contracts_codegen::validate_extern_type,
        )?,
        type_attributes: pairs(
            "--type-attribute",
            &args.type_attribute,
            "PATTERN",
            "ATTRIBUTE",
            contracts_codegen::validate_type_attribute,
        )?,
        renames: pairs(
            "--rename-type",
            &args.rename_type,
            "SCHEMA",
            "NAME",
            contracts_codegen::validate_rename_type,
        )?,
    })
}

/// A library error about one option value as a [`BadOption`] naming the flag and `value`.
fn bad(flag: &'static str, value: &str, e: &Error) -> BadOption {
    let message = match e {
        Error::InvalidOption {
            value: part,
            message,
            ..
        } if part != value => format!("`{part}`: {message}"),
        Error::InvalidOption { message, .. } | Error::InvalidDerive { message, .. } => {
            message.clone()
        }
        other => other.to_string(),
    };
    BadOption {
        flag,
        value: value.to_string(),
        message,
    }
}

/// Run the subcommand; returns the exit code. Messages go to stderr, the `--check` diff to
/// stdout.
pub fn run(args: &Args) -> i32 {
    // Options first: one clear error, before the package is loaded.
    let options = match options(args) {
        Ok(o) => o,
        Err(bad) => {
            bad.report();
            return EXIT_BAD_INPUT;
        }
    };
    // Loaded here so that the global input flags apply and skipped links are warned about.
    let package = match crate::args::load_package(&args.package, None) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_BAD_INPUT;
        }
    };
    let mut builder = Builder::new()
        .package(contracts_codegen::PackageInput::Loaded(Box::new(package)))
        .lenient(args.lenient)
        .split(args.split)
        .derive(args.derive.iter().cloned())
        .budget(options.budget);
    for (schema, path) in &options.extern_types {
        builder = builder.extern_type(schema, path);
    }
    for (pattern, attribute) in &options.type_attributes {
        builder = builder.type_attribute(pattern, attribute);
    }
    for (schema, name) in &options.renames {
        builder = builder.rename_type(schema, name);
    }
    let generated = match builder.generate() {
        Ok(g) => g,
        Err(e) => {
            report_in(&e, args);
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

/// Report an error of generation; one about an option (a schema that names nothing, a name
/// already taken, a pattern that matches no type) names the flag and the value as given.
fn report_in(e: &Error, args: &Args) {
    let Error::InvalidOption { option, value, .. } = e else {
        return report(e);
    };
    let (flag, values) = match *option {
        "extern_type" => ("--extern-type", &args.extern_type),
        "type_attribute" => ("--type-attribute", &args.type_attribute),
        "rename_type" => ("--rename-type", &args.rename_type),
        _ => return report(e),
    };
    let given = values
        .iter()
        .find(|v| {
            v.split_once('=')
                .is_some_and(|(l, r)| l == value || r == value)
        })
        .map_or(value.as_str(), String::as_str);
    bad(flag, given, e).report();
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
            budget: None,
            extern_type: Vec::new(),
            type_attribute: Vec::new(),
            rename_type: Vec::new(),
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
    fn budget_values() {
        // The flag's help names the default: keep it the library's.
        assert_eq!(contracts_codegen::DEFAULT_BUDGET, Duration::from_secs(60));
        assert_eq!(parse_budget("none"), Ok(None));
        assert_eq!(parse_budget("120"), Ok(Some(Duration::from_secs(120))));
        assert_eq!(parse_budget("0.5"), Ok(Some(Duration::from_millis(500))));
        for bad in ["0", "-1", "0.0", "NaN", "inf", "1e30", "", "ten", "None"] {
            assert!(parse_budget(bad).is_err(), "{bad:?}");
        }
        let mut a = args(PathBuf::from("x.rs"));
        assert_eq!(
            options(&a).ok().unwrap().budget,
            Some(contracts_codegen::DEFAULT_BUDGET)
        );
        a.budget = Some("none".into());
        assert_eq!(options(&a).ok().unwrap().budget, None);
    }

    #[test]
    fn pairs_split_at_the_first_equals_sign() {
        assert_eq!(split_pair("a=b=c", "L", "R"), Ok(("a", "b=c")));
        assert!(split_pair("ab", "L", "R").unwrap_err().contains("no `=`"));
        assert!(split_pair("=b", "L", "R")
            .unwrap_err()
            .contains("L is empty"));
        assert!(split_pair("a=", "L", "R")
            .unwrap_err()
            .contains("R is empty"));
        let mut a = args(PathBuf::from("x.rs"));
        a.type_attribute = vec!["events/*=#[serde(rename_all = \"camelCase\")]".into()];
        a.extern_type = vec!["api/pagination.json#/properties/limit=crate::Limit".into()];
        a.rename_type = vec!["api/pagination=PageInfo".into()];
        let o = options(&a).ok().unwrap();
        assert_eq!(
            o.type_attributes,
            [(
                "events/*".to_string(),
                "#[serde(rename_all = \"camelCase\")]".to_string()
            )]
        );
        assert_eq!(
            o.extern_types,
            [(
                "api/pagination.json#/properties/limit".to_string(),
                "crate::Limit".to_string()
            )]
        );
        assert_eq!(
            o.renames,
            [("api/pagination".to_string(), "PageInfo".to_string())]
        );
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
