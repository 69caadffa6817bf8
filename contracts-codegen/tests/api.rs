//! The public API on the example package in `schemas/`: directory and npm tarball sources,
//! `write_atomic`, `check`, split output, `generate_to_out_dir`.

use std::path::{Path, PathBuf};

use contracts_codegen::{check, write_atomic, Builder, Freshness};

fn package_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/v2.0.0")
}

/// `dir` packed as `npm pack` does: every file under `package/`.
fn npm_tarball(dir: &Path, out: &Path) {
    let file = std::fs::File::create(out).unwrap();
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    tar.append_dir_all("package", dir).unwrap();
    tar.into_inner().unwrap().finish().unwrap();
}

#[test]
fn tarball_and_directory_give_the_same_code() {
    let from_dir = Builder::new().package(package_dir()).generate().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let tgz = tmp.path().join("acme-contracts-2.0.0.tgz");
    npm_tarball(&package_dir(), &tgz);
    let from_tgz = Builder::new().package(tgz.as_path()).generate().unwrap();
    assert_eq!(from_dir.code, from_tgz.code);
    assert!(from_dir.code.contains("`@acme/contracts` version 2.0.0"));
    assert_eq!(from_tgz.inputs, vec![tgz]);
    // A directory's inputs are its files (for cargo:rerun-if-changed).
    assert!(from_dir
        .inputs
        .iter()
        .any(|p| p.ends_with("events/import.progress.v2.json")));
    assert!(from_dir.inputs.iter().any(|p| p.ends_with("package.json")));
    // Both versions of import.progress are variants of the event enum.
    assert!(from_dir
        .code
        .contains("ImportProgressV1(EnvelopesImportProgressV1)"));
    assert!(from_dir
        .code
        .contains("ImportProgressV2(EnvelopesImportProgressV2)"));
}

#[test]
fn check_reports_fresh_and_stale_with_a_diff() {
    let g = Builder::new().package(package_dir()).generate().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("contracts.rs");
    assert!(
        matches!(check(&path, &g).unwrap(), Freshness::Stale { .. }),
        "missing is stale"
    );
    write_atomic(&path, &g.code).unwrap();
    assert_eq!(check(&path, &g).unwrap(), Freshness::Fresh);
    let edited = g.code.replace("pub struct Pagination", "pub struct Paging");
    write_atomic(&path, &edited).unwrap();
    let Freshness::Stale { diff } = check(&path, &g).unwrap() else {
        panic!("an edited file is stale");
    };
    assert!(diff.contains("-pub struct Paging"), "{diff}");
    assert!(diff.contains("+pub struct Pagination"), "{diff}");
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("contracts.rs")]);
}

#[cfg(unix)]
#[test]
fn written_files_are_readable_like_sources_and_keep_their_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("contracts.rs");
    write_atomic(&file, "// one\n").unwrap();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    // 0644 less the umask (as a plain `File::create` shows it), not the temporary file's 0600.
    let plain = tmp.path().join("plain.rs");
    std::fs::File::create(&plain).unwrap();
    let umasked = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o644;
    assert_eq!(mode, umasked, "{mode:o}");
    // A file that exists keeps its mode across a rewrite.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    write_atomic(&file, "// two\n").unwrap();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "{mode:o}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "// two\n");
}

#[test]
fn write_atomic_fails_cleanly_on_a_missing_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let err = write_atomic(&tmp.path().join("no/such/dir/x.rs"), "x").unwrap_err();
    assert!(err.to_string().contains("no/such/dir"), "{err}");
}

#[test]
fn split_writes_one_file_per_schema_and_checks_them() {
    let g = Builder::new()
        .package(package_dir())
        .split(true)
        .generate()
        .unwrap();
    assert!(g.files.contains_key("mod.rs"));
    assert!(g.files.contains_key("events_import_progress_v2.rs"));
    assert!(g.files["events_import_progress_v2.rs"].contains("pub struct EventsImportProgressV2 {"));
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("contracts");
    g.write(&dir).unwrap();
    assert_eq!(check(&dir, &g).unwrap(), Freshness::Fresh);
    std::fs::remove_file(dir.join("pagination.rs")).unwrap();
    assert!(matches!(check(&dir, &g).unwrap(), Freshness::Stale { .. }));
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let err = Builder::new()
        .package("/definitely/not/here")
        .generate()
        .unwrap_err();
    assert!(err.to_string().contains("/definitely/not/here"), "{err}");
    let err = Builder::new().generate().unwrap_err();
    assert!(err.to_string().contains("no package"), "{err}");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("broken.json"), "{ not json").unwrap();
    assert!(Builder::new().package(tmp.path()).generate().is_err());
}

#[test]
fn extra_derives_are_applied() {
    let g = Builder::new()
        .package(package_dir())
        .derive(["Eq"])
        .events(false)
        .generate()
        .unwrap();
    assert!(g.code.contains("pub struct Pagination {"));
    assert!(!g.code.contains("pub enum PackageEvent"));
    let pagination = g.code.split("pub struct Pagination {").next().unwrap();
    let derive = pagination.rsplit("#[derive(").next().unwrap();
    assert!(derive.contains("Eq,") || derive.contains("Eq)"), "{derive}");
}

#[test]
fn openapi_components_with_nullable() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1.0.0"},
        "paths": {},
        "components": {"schemas": {
            "simple-user": {"title": "Simple User", "type": "object", "required": ["login"],
                "properties": {"login": {"type": "string"}, "email": {"type": "string", "nullable": true}}},
            "nullable-simple-user": {"title": "Simple User", "type": "object", "nullable": true,
                "properties": {"login": {"type": "string"}}},
            "issue": {"type": "object", "properties": {
                "assignee": {"$ref": "#/components/schemas/nullable-simple-user"},
                "closed_by": {"allOf": [{"$ref": "#/components/schemas/simple-user"}], "nullable": true},
                "state": {"type": "string", "enum": ["open", "closed"], "nullable": true}
            }}
        }}
    });
    let path = tmp.path().join("api.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let g = Builder::new().package(path.as_path()).generate().unwrap();
    let code = &g.code;
    // `nullable: true` admits null: Option fields / Option newtypes, not ignored.
    assert!(code.contains("pub struct SimpleUser {"), "{code}");
    assert!(
        code.contains("pub email: ::std::option::Option<::std::string::String>"),
        "{code}"
    );
    assert!(
        code.contains(
            "pub struct NullableSimpleUser(pub ::std::option::Option<NullableSimpleUserInner>)"
        ),
        "{code}"
    );
    assert!(
        !g.warnings.iter().any(|w| w.message.contains("nullable")),
        "{:#?}",
        g.warnings
    );
    assert_eq!(g.roots["issue"], "Issue");
}

/// A derive that is not a derive path is one error naming it, before any typify run (typify
/// unwraps the parse once per type: it was "typify panicked" once per definition).
#[test]
fn a_bad_derive_is_one_error_not_a_panic_per_definition() {
    for lenient in [false, true] {
        let e = Builder::new()
            .package(package_dir())
            .lenient(lenient)
            .derive(["Hash", "not a path!"])
            .generate()
            .unwrap_err();
        let message = e.to_string();
        assert!(
            matches!(&e, contracts_codegen::Error::InvalidDerive { value, .. } if value == "not a path!"),
            "{message}"
        );
        assert!(!message.contains("panicked"), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
    }
    // A good one still generates.
    let g = Builder::new()
        .package(package_dir())
        .derive(["Eq"])
        .generate()
        .unwrap();
    assert!(g.code.contains("Eq"));
}

/// A package for the builder knobs: `money` is used by `order`, `events/created` is an event.
fn knob_package() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, v: serde_json::Value| {
        let path = tmp.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    };
    write(
        "money.json",
        serde_json::json!({"type": "object", "properties": {"cents": {"type": "integer"}}, "required": ["cents"]}),
    );
    write(
        "order.json",
        serde_json::json!({"type": "object", "properties": {"price": {"$ref": "money.json"}}, "required": ["price"]}),
    );
    write(
        "events/created.json",
        serde_json::json!({"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}),
    );
    tmp
}

/// Issue 10's builder knobs: an existing type for a schema, attributes by pattern, a rename.
#[test]
fn extern_type_type_attribute_and_rename_type() {
    let tmp = knob_package();
    let g = Builder::new()
        .package(tmp.path())
        .extern_type("money.json", "crate::Money")
        .type_attribute("events/*", "#[non_exhaustive]")
        .rename_type("order", "PurchaseOrder")
        .generate()
        .unwrap();
    assert!(g.code.contains("pub price: crate::Money"), "{}", g.code);
    assert!(!g.code.contains("pub struct Money"), "{}", g.code);
    assert!(
        g.code
            .contains("#[non_exhaustive]\npub struct EventsCreated")
            || g.code.contains("#[non_exhaustive]\npub struct Created"),
        "{}",
        g.code
    );
    assert_eq!(g.code.matches("#[non_exhaustive]").count(), 1, "{}", g.code);
    assert!(g.code.contains("pub struct PurchaseOrder {"), "{}", g.code);
    assert_eq!(g.roots["order"], "PurchaseOrder");
}

/// Malformed knobs, and knobs that name nothing, are one clear error before typify runs.
#[test]
fn bad_knobs_are_one_clear_error() {
    let tmp = knob_package();
    let cases: Vec<(Builder, &str, &str)> = vec![
        (
            Builder::new().extern_type("money.json", "not a path!"),
            "extern_type",
            "not a path!",
        ),
        (
            Builder::new().extern_type("nothing.json", "crate::X"),
            "extern_type",
            "nothing.json",
        ),
        (
            Builder::new().type_attribute("events/*", "non_exhaustive"),
            "type_attribute",
            "non_exhaustive",
        ),
        (
            Builder::new().type_attribute("nothing/*", "#[non_exhaustive]"),
            "type_attribute",
            "nothing/*",
        ),
        (
            Builder::new().rename_type("order", "Default"),
            "rename_type",
            "Default",
        ),
        (
            Builder::new().rename_type("order", "Money"),
            "rename_type",
            "Money",
        ),
        (
            Builder::new().rename_type("nothing", "Fine"),
            "rename_type",
            "nothing",
        ),
    ];
    for (builder, option, value) in cases {
        let e = builder.package(tmp.path()).generate().unwrap_err();
        match &e {
            contracts_codegen::Error::InvalidOption {
                option: o,
                value: v,
                ..
            } => {
                assert_eq!((*o, v.as_str()), (option, value), "{e}");
            }
            other => panic!("{option} {value}: expected InvalidOption, got {other}"),
        }
        assert_eq!(e.to_string().lines().count(), 1, "{e}");
    }
}
