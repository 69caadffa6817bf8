//! `contracts codegen`'s options of the library's `Builder` (issue 10): `--budget`,
//! `--extern-type`, `--type-attribute`, `--rename-type`, end to end on the example package.

use std::path::{Path, PathBuf};

use contracts_tests::{contracts, redact};

const PACKAGE: &str = "schemas/v2.0.0";

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "contracts-tests-codegen-options-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(out: &std::process::Output) -> String {
    redact(&String::from_utf8_lossy(&out.stderr))
}

/// Generate the example package with `options` into `dir/name.rs`; returns the module.
fn generate(dir: &Path, name: &str, options: &[&str]) -> String {
    let out = dir.join(format!("{name}.rs"));
    contracts()
        .args(["codegen", PACKAGE, "-o"])
        .arg(&out)
        .args(options)
        .assert()
        .code(0);
    std::fs::read_to_string(&out).unwrap()
}

/// The item (`pub struct NAME`/`pub enum NAME`) with the attribute lines above it.
fn item_with_attributes<'a>(code: &'a str, keyword: &str, name: &str) -> Option<&'a str> {
    let head = format!("pub {keyword} {name} ");
    let at = code.find(&head)?;
    // Back to the end of the previous item: the attributes and doc comment lie between.
    let start = code[..at].rfind("\n}\n").map_or(0, |i| i + 3);
    Some(&code[start..at + head.len()])
}

#[test]
fn rename_type_renames_the_type_and_its_uses() {
    let dir = scratch("rename");
    let plain = generate(&dir, "plain", &[]);
    assert!(plain.contains("pub struct Pagination "), "{plain}");
    let code = generate(
        &dir,
        "renamed",
        &["--rename-type", "api/pagination=PageInfo"],
    );
    assert!(code.contains("pub struct PageInfo "), "{code}");
    assert!(
        !code.contains("Pagination"),
        "the old name is gone:\n{code}"
    );
    assert!(
        code.contains("pub page: ::std::option::Option<PageInfo>,"),
        "the reference follows:\n{code}"
    );
    // By file, and repeatable.
    let code = generate(
        &dir,
        "renamed2",
        &[
            "--rename-type",
            "api/pagination.json=PageInfo",
            "--rename-type",
            "api/response=ApiResponse",
        ],
    );
    assert!(code.contains("pub struct PageInfo "), "{code}");
    assert!(code.contains("pub struct ApiResponse "), "{code}");
    assert!(!code.contains("pub struct Response "), "{code}");
}

#[test]
fn extern_type_uses_the_path_and_emits_no_type() {
    let dir = scratch("extern");
    let code = generate(
        &dir,
        "extern",
        &["--extern-type", "api/pagination.json=crate::Page"],
    );
    assert!(
        code.contains("pub page: ::std::option::Option<crate::Page>,"),
        "{code}"
    );
    assert!(!code.contains("pub struct Pagination"), "{code}");
    assert!(!code.contains("PaginationNextCursor"), "{code}");
    // A definition inside a file, by `file#pointer`.
    let code = generate(
        &dir,
        "extern_def",
        &["--extern-type", "api/response.json#/$defs/meta=crate::Meta"],
    );
    assert!(code.contains("pub meta: crate::Meta,"), "{code}");
    assert!(!code.contains("pub struct Meta "), "{code}");
}

#[test]
fn type_attribute_goes_on_the_matching_types_only() {
    let dir = scratch("attribute");
    let code = generate(
        &dir,
        "attribute",
        &[
            "--type-attribute",
            "events/*=#[non_exhaustive]",
            "--type-attribute",
            "Meta=#[serde(rename_all = \"snake_case\")]",
        ],
    );
    for name in [
        "EventsCoachReflectV1",
        "EventsDigestReadyV1",
        "EventsImportProgressV1",
        "EventsImportProgressV2",
    ] {
        let item = item_with_attributes(&code, "struct", name).expect(name);
        assert!(item.contains("#[non_exhaustive]"), "{name}:\n{item}");
    }
    assert_eq!(code.matches("#[non_exhaustive]").count(), 4, "{code}");
    let meta = item_with_attributes(&code, "struct", "Meta").expect("Meta");
    assert!(
        meta.contains("#[serde(rename_all = \"snake_case\")]"),
        "{meta}"
    );
    assert!(!meta.contains("non_exhaustive"), "{meta}");
    let envelope = item_with_attributes(&code, "struct", "EnvelopesImportProgressV1").unwrap();
    assert!(!envelope.contains("non_exhaustive"), "{envelope}");
}

#[test]
fn budget_none_and_seconds_generate_the_same_code() {
    let dir = scratch("budget");
    let plain = generate(&dir, "plain", &[]);
    assert_eq!(generate(&dir, "none", &["--budget", "none"]), plain);
    assert_eq!(generate(&dir, "long", &["--budget", "300"]), plain);
    assert_eq!(generate(&dir, "fraction", &["--budget", "59.5"]), plain);
}

/// Every malformed value exits 2 with one error naming the flag and the value, before the
/// package is loaded (the package here does not exist) and without writing the output.
#[test]
fn malformed_values_exit_2_naming_flag_and_value() {
    let dir = scratch("malformed");
    let out = dir.join("x.rs");
    let cases: &[(&str, &str, &str)] = &[
        ("--budget", "0", "positive number"),
        ("--budget", "-5", "positive number"),
        ("--budget", "soon", "positive number"),
        ("--budget", "inf", "too large"),
        ("--extern-type", "api/pagination", "no `=`"),
        ("--extern-type", "=crate::Page", "SCHEMA is empty"),
        ("--extern-type", "api/pagination=", "RUST_PATH is empty"),
        (
            "--extern-type",
            "api/pagination=not a path",
            "not a Rust type path",
        ),
        ("--type-attribute", "events/*", "no `=`"),
        ("--type-attribute", "=#[non_exhaustive]", "PATTERN is empty"),
        ("--type-attribute", "events/*=", "ATTRIBUTE is empty"),
        (
            "--type-attribute",
            "events/*=non_exhaustive",
            "not an outer attribute",
        ),
        (
            "--type-attribute",
            "events/[=#[non_exhaustive]",
            "not a glob",
        ),
        ("--rename-type", "PageInfo", "no `=`"),
        ("--rename-type", "=PageInfo", "SCHEMA is empty"),
        ("--rename-type", "api/pagination=", "NAME is empty"),
        (
            "--rename-type",
            "api/pagination=Page Info",
            "not a Rust identifier",
        ),
        (
            "--rename-type",
            "api/pagination=Option",
            "a name generated code calls",
        ),
    ];
    for (flag, value, why) in cases {
        let output = contracts()
            .args(["codegen", "/no/such/package", "-o"])
            .arg(&out)
            .arg(format!("{flag}={value}"))
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = stderr(&output);
        let head = format!("error: {flag} {value:?}: ");
        assert!(err.starts_with(&head), "{flag} {value}: {err}");
        assert!(err.contains(why), "{flag} {value}: {err}");
        assert_eq!(err.lines().count(), 1, "one error: {err}");
        assert!(
            !err.contains("/no/such/package"),
            "checked before loading: {err}"
        );
        assert!(!out.exists());
    }
    // `--budget -5` as two arguments is the flag's value too, not an unknown option.
    let output = contracts()
        .args(["codegen", "/no/such/package", "-o"])
        .arg(&out)
        .args(["--budget", "-5"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(
        stderr(&output).starts_with("error: --budget \"-5\": "),
        "{}",
        stderr(&output)
    );
}

/// What only the loaded package can tell (a schema that names nothing, a taken name, a
/// pattern matching no type) also exits 2 naming the flag and the value as given.
#[test]
fn values_naming_nothing_in_the_package_exit_2() {
    let dir = scratch("nothing");
    let out = dir.join("x.rs");
    let cases: &[(&str, &str, &str)] = &[
        (
            "--extern-type",
            "money.json=crate::Money",
            "names no schema",
        ),
        ("--rename-type", "nothing=Fine", "names no schema"),
        ("--rename-type", "api/pagination=Meta", "another type"),
        (
            "--type-attribute",
            "nothing/*=#[non_exhaustive]",
            "matches no generated",
        ),
    ];
    for (flag, value, why) in cases {
        let output = contracts()
            .args(["codegen", PACKAGE, "-o"])
            .arg(&out)
            .args([flag, value])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = stderr(&output);
        let line = format!("error: {flag} {value:?}: ");
        assert!(err.contains(&line), "{flag} {value}: {err}");
        assert!(err.contains(why), "{flag} {value}: {err}");
        assert!(!out.exists());
    }
}

#[test]
fn help_documents_the_flags() {
    let output = contracts()
        .args(["codegen", "--help"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--budget <SECONDS>",
        "--extern-type <SCHEMA=RUST_PATH>",
        "--type-attribute <PATTERN=ATTRIBUTE>",
        "--rename-type <SCHEMA=NAME>",
        "`none` for no limit",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
    let output = contracts().arg("man").assert().code(0).get_output().clone();
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(page.contains("\\-\\-rename\\-type"), "man page");
}
