//! The loader on forms real published packages use (issue 8): `format` is an annotation,
//! embedded resources of another dialect, the standard metaschemas, `$schema` values in the
//! wild (the "latest" alias, draft-03), inferred drafts, every error at once, `keep_going`,
//! outside documents (`ref_dirs`, `ref_map`) and manifests without a version.

use std::path::Path;

use contracts_core::validate::ValidatorOptions;
use contracts_core::{Draft, LoadError, LoadOptions, Location, Package, Source};
use serde_json::{json, Value};

/// A temporary package folder holding `files` (path, JSON value).
fn folder(files: &[(&str, Value)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, value) in files {
        write(
            dir.path(),
            path,
            &serde_json::to_string_pretty(value).expect("JSON"),
        );
    }
    dir
}

fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
    std::fs::write(full, text).expect("write");
}

fn load(dir: &Path, options: &LoadOptions) -> Result<Package, LoadError> {
    Package::load(&Source::Dir(dir.into()), options)
}

fn load_ok(dir: &Path) -> Package {
    load(dir, &LoadOptions::default()).unwrap_or_else(|e| panic!("loads: {e}"))
}

// ---------------------------------------------------------------------------------------------
// 1. `format` is an annotation

#[test]
fn format_is_not_asserted_by_the_metaschema_check() {
    let dir = folder(&[
        (
            "generic.json",
            json!({
                "$schema": "http://json-schema.org/draft-07/schema#",
                "type": "object",
                "properties": {"x": {"$ref": "#/definitions/Foo<(string|null)>"}},
                "definitions": {"Foo<(string|null)>": {"type": ["string", "null"]}}
            }),
        ),
        (
            "spaced.json",
            json!({
                "$schema": "http://json-schema.org/draft-07/schema#",
                "$id": " https://example.com/spaced.json",
                "type": "string"
            }),
        ),
        (
            "ecma.json",
            json!({
                "$schema": "http://json-schema.org/draft-07/schema#",
                "type": "object",
                "properties": {"name": {"type": "string", "pattern": "^[\\w-_.]+$"}}
            }),
        ),
    ]);
    let package = load_ok(dir.path());
    assert_eq!(package.documents.len(), 3);
    // The generic name resolves to its definition.
    let resolver = package.resolver().expect("resolver");
    let generic = package.get("generic").expect("generic");
    let reference = generic.value["properties"]["x"]["$ref"]
        .as_str()
        .expect("ref");
    let target = resolver
        .resolve(&Location::new("generic.json", "/properties/x"), reference)
        .expect("resolves");
    assert_eq!(target.pointer, "/definitions/Foo<(string|null)>");
    // The `$id` is read trimmed.
    assert_eq!(
        package.get("spaced").map(|d| d.base_uri.as_str()),
        Some("https://example.com/spaced.json")
    );
    // A pattern the engine refuses is a warning naming file and pointer.
    let warned: Vec<String> = package.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warned
            .iter()
            .any(|w| w.starts_with("ecma.json#/properties/name/pattern:")),
        "{warned:?}"
    );
    // A schema that is not valid is still refused.
    let bad = folder(&[(
        "bad.json",
        json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": 5}),
    )]);
    assert!(matches!(
        load(bad.path(), &LoadOptions::default()),
        Err(LoadError::InvalidSchema { file, .. }) if file == "bad.json"
    ));
}

// ---------------------------------------------------------------------------------------------
// 2. Embedded resources of another dialect

#[test]
fn embedded_resources_are_checked_by_their_own_dialect() {
    let embedded = json!({
        "id": "https://example.com/legacy#",
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "properties": {"n": {"type": "number", "minimum": 0, "exclusiveMinimum": true}}
    });
    let dir = folder(&[(
        "host.json",
        json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {"legacy": embedded},
            "properties": {"l": {"$ref": "#/definitions/legacy"}}
        }),
    )]);
    let package = load_ok(dir.path());
    assert_eq!(package.get("host").map(|d| d.draft), Some(Draft::Draft7));
    // An error inside the embedded resource is found by its dialect, and named there.
    let dir = folder(&[(
        "host.json",
        json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {"legacy": {
                "$schema": "http://json-schema.org/draft-04/schema#",
                "properties": {"n": {"exclusiveMinimum": 3}}
            }}
        }),
    )]);
    match load(dir.path(), &LoadOptions::default()) {
        Err(LoadError::InvalidSchema {
            file,
            pointer,
            draft,
            ..
        }) => {
            assert_eq!(file, "host.json");
            assert_eq!(pointer, "/definitions/legacy/properties/n/exclusiveMinimum");
            assert_eq!(draft, Draft::Draft4);
        }
        other => panic!("expected InvalidSchema, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 3. The standard metaschemas resolve offline

#[test]
fn standard_metaschemas_resolve_offline() {
    let refs = [
        "http://json-schema.org/draft-04/schema#",
        "http://json-schema.org/draft-06/schema#",
        "http://json-schema.org/draft-07/schema#",
        "https://json-schema.org/draft/2019-09/schema",
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2020-12/meta/validation",
        "https://spec.openapis.org/oas/3.1/dialect/base",
    ];
    let properties: serde_json::Map<String, Value> = refs
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("p{i}"), json!({"$ref": r})))
        .collect();
    let dir = folder(&[(
        "meta-user.json",
        json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "properties": properties
        }),
    )]);
    let package = load_ok(dir.path());
    let resolver = package.resolver().expect("resolver");
    for (i, r) in refs.iter().enumerate() {
        let target = resolver
            .resolve(
                &Location::new("meta-user.json", format!("/properties/p{i}")),
                r,
            )
            .unwrap_or_else(|e| panic!("{r}: {e}"));
        assert_eq!(target.document.file, r.trim_end_matches('#'));
        assert!(package.external.contains_key(&target.document.file));
    }
    // The metaschemas are not documents of the package (never diffed).
    assert_eq!(package.documents.len(), 1);
    // A validator through them works: draft-07's metaschema refuses `{"type": 5}`.
    let validator = package
        .validator(
            &Location::new("meta-user.json", "/properties/p2"),
            ValidatorOptions::default(),
        )
        .expect("validator");
    assert!(validator.is_valid(&json!({"type": "string"})));
    assert!(!validator.is_valid(&json!({"type": 5})));
}

// ---------------------------------------------------------------------------------------------
// 4. `$schema` values in the wild

#[test]
fn latest_alias_reads_the_newest_draft_the_keywords_use() {
    let dir = folder(&[
        (
            "old.json",
            json!({"$schema": "http://json-schema.org/schema#", "items": [{"type": "string"}]}),
        ),
        (
            "new.json",
            json!({"$schema": "http://json-schema.org/schema#", "$defs": {"a": {}}, "prefixItems": [{}]}),
        ),
    ]);
    let package = load_ok(dir.path());
    assert_eq!(package.get("old").map(|d| d.draft), Some(Draft::Draft7));
    assert_eq!(
        package.get("new").map(|d| d.draft),
        Some(Draft::Draft202012)
    );
    let warned: Vec<String> = package.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warned
            .iter()
            .any(|w| w.starts_with("old.json#: ") && w.contains("draft-07")),
        "{warned:?}"
    );
    assert!(
        warned
            .iter()
            .any(|w| w.starts_with("new.json#: ") && w.contains("2020-12")),
        "{warned:?}"
    );
}

#[test]
fn draft3_is_read_as_draft4() {
    let dir = folder(&[(
        "legacy.json",
        json!({
            "$schema": "http://json-schema.org/draft-03/schema#",
            "type": "object",
            "extends": {"properties": {"kind": {"type": "string"}}},
            "properties": {
                "id": {"type": "integer", "required": true, "divisibleBy": 2},
                "value": {"type": ["string", {"type": "object", "properties": {"v": {"type": "number", "required": true}}}]},
                "other": {"disallow": ["string"], "required": false}
            },
            "dependencies": {"id": "value"}
        }),
    )]);
    let package = load_ok(dir.path());
    let doc = package.get("legacy").expect("legacy");
    assert_eq!(doc.draft, Draft::Draft4);
    assert_eq!(doc.value["required"], json!(["id"]));
    assert_eq!(doc.value["properties"]["id"]["multipleOf"], json!(2));
    assert!(package
        .warnings
        .iter()
        .any(|w| w.file == "legacy.json" && w.message.contains("draft-03")));
    let validator = package
        .validator(
            &Location::new("legacy.json", ""),
            ValidatorOptions::default(),
        )
        .expect("validator");
    let accepts = |v: Value| validator.is_valid(&v);
    assert!(accepts(json!({"id": 4, "value": "x", "other": 1})));
    assert!(!accepts(json!({"value": "x"})), "required: true");
    assert!(!accepts(json!({"id": 3, "value": "x"})), "divisibleBy");
    assert!(
        !accepts(json!({"id": 4, "value": "x", "kind": 1})),
        "extends"
    );
    assert!(
        !accepts(json!({"id": 4, "value": "x", "other": "s"})),
        "disallow"
    );
    assert!(
        accepts(json!({"id": 4, "value": {"v": 1}})),
        "a schema in a type union"
    );
    assert!(
        !accepts(json!({"id": 4, "value": {}})),
        "required inside the union's schema"
    );
    assert!(!accepts(json!({"id": 4, "value": 5})), "neither type");
    assert!(!accepts(json!({"id": 4})), "dependencies with one name");
}

// ---------------------------------------------------------------------------------------------
// 5. No `$schema`

#[test]
fn draft7_forms_without_schema_are_read_as_draft7() {
    let dir = folder(&[
        (
            "tuple.json",
            json!({"type": "array", "items": [{"type": "string"}], "additionalItems": false}),
        ),
        ("plain.json", json!({"type": "string"})),
    ]);
    let package = load_ok(dir.path());
    assert_eq!(package.get("tuple").map(|d| d.draft), Some(Draft::Draft7));
    assert_eq!(
        package.get("plain").map(|d| d.draft),
        Some(Draft::Draft202012)
    );
    assert!(package
        .warnings
        .iter()
        .any(|w| w.file == "tuple.json" && w.message.contains("draft-07")));
    // The tuple means what draft-07 says: the second item is refused.
    let validator = package
        .validator(
            &Location::new("tuple.json", ""),
            ValidatorOptions::default(),
        )
        .expect("validator");
    assert!(validator.is_valid(&json!(["a"])));
    assert!(!validator.is_valid(&json!(["a", "b"])));
    // A 2019-09+ keyword keeps the default; a chosen default is not second-guessed.
    let dir = folder(&[(
        "mixed.json",
        json!({"$defs": {}, "dependencies": {"a": ["b"]}}),
    )]);
    assert_eq!(
        load_ok(dir.path()).get("mixed").map(|d| d.draft),
        Some(Draft::Draft202012)
    );
    let dir = folder(&[("tuple.json", json!({"items": [{"type": "string"}]}))]);
    let chosen = LoadOptions {
        infer_draft: false,
        ..LoadOptions::default()
    };
    assert!(matches!(
        load(dir.path(), &chosen),
        Err(LoadError::InvalidSchema {
            draft: Draft::Draft202012,
            ..
        })
    ));
}

// ---------------------------------------------------------------------------------------------
// 6. Every error at once; 7. keep going

fn broken_package() -> tempfile::TempDir {
    let dir = folder(&[
        ("good.json", json!({"type": "string"})),
        ("invalid.json", json!({"type": 5})),
        (
            "dangling.json",
            json!({"properties": {"a": {"$ref": "nowhere.json"}}}),
        ),
        (
            "user.json",
            json!({"properties": {"i": {"$ref": "invalid.json"}}}),
        ),
        ("dup-a.json", json!({"$id": "https://example.com/dup.json"})),
        ("dup-b.json", json!({"$id": "https://example.com/dup.json"})),
    ]);
    write(dir.path(), "malformed.json", "{\"type\": ");
    dir
}

#[test]
fn every_error_is_reported_at_once() {
    let dir = broken_package();
    let error = load(dir.path(), &LoadOptions::default()).expect_err("broken");
    let errors = error.flatten();
    let files: Vec<&str> = errors.iter().filter_map(|e| e.file()).collect();
    for file in [
        "invalid.json",
        "dangling.json",
        "malformed.json",
        "dup-a.json",
        "dup-b.json",
    ] {
        assert!(files.contains(&file), "{file} missing from {files:?}");
    }
    assert!(!files.contains(&"good.json"));
    let text = error.to_string();
    assert!(
        text.contains("dangling.json#/properties/a: cannot resolve $ref"),
        "{text}"
    );
    assert!(text.contains("invalid.json#/type"), "{text}");
    assert!(text.contains("malformed.json:1:"), "{text}");
    assert!(text.lines().count() >= 5, "one line per error: {text}");
}

#[test]
fn keep_going_loads_what_loads_and_lists_the_rest() {
    let dir = broken_package();
    let options = LoadOptions {
        keep_going: true,
        ..LoadOptions::default()
    };
    let package = load(dir.path(), &options).expect("keeps going");
    let names: Vec<&str> = package.documents.keys().map(String::as_str).collect();
    assert_eq!(names, vec!["good"]);
    let invalid: Vec<(&str, String)> = package
        .invalid
        .iter()
        .map(|d| (d.name.as_str(), d.message()))
        .collect();
    let message = |name: &str| {
        invalid
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("{name} not listed: {invalid:?}"))
    };
    assert!(
        message("user").contains("invalid.json did not load"),
        "{invalid:?}"
    );
    assert!(message("dup-a").contains("dup-b.json"), "{invalid:?}");
    assert!(message("dup-b").contains("dup-a.json"), "{invalid:?}");
    assert!(message("malformed").contains("malformed JSON"));
    assert_eq!(package.invalid.len(), 6, "{invalid:?}");
}

// ---------------------------------------------------------------------------------------------
// 8. Documents from outside the package

#[test]
fn ref_dirs_and_ref_map_supply_outside_documents() {
    let vendor = folder(&[
        (
            "address.json",
            json!({"$id": "https://schemas.example.org/address.json", "type": "object",
               "properties": {"zip": {"$ref": "zip.json"}}}),
        ),
        (
            "zip.json",
            json!({"$id": "https://schemas.example.org/zip.json", "type": "string"}),
        ),
    ]);
    let mapped = folder(&[("common/money.json", json!({"type": "number"}))]);
    let package_dir = folder(&[(
        "order.json",
        json!({"properties": {
            "a": {"$ref": "https://schemas.example.org/address.json"},
            "m": {"$ref": "https://example.org/schemas/common/money.json"}
        }}),
    )]);
    // Without them: the unresolved reference names the URI and how to supply it.
    let error = load(package_dir.path(), &LoadOptions::default()).expect_err("outside");
    let text = error.to_string();
    assert!(
        text.contains("https://schemas.example.org/address.json"),
        "{text}"
    );
    assert!(text.contains("--ref-dir"), "{text}");
    assert!(text.contains("[resolve.map]"), "{text}");
    let options = LoadOptions {
        ref_dirs: vec![vendor.path().into()],
        ref_map: vec![("https://example.org/schemas/".into(), mapped.path().into())],
        ..LoadOptions::default()
    };
    let package = load(package_dir.path(), &options).expect("resolves outside");
    assert_eq!(
        package.documents.len(),
        1,
        "outside documents are not diffed"
    );
    let resolver = package.resolver().expect("resolver");
    let address = resolver
        .resolve(
            &Location::new("order.json", "/properties/a"),
            "https://schemas.example.org/address.json",
        )
        .expect("address");
    assert!(address.document.file.ends_with("address.json"));
    let money = resolver
        .resolve(
            &Location::new("order.json", "/properties/m"),
            "https://example.org/schemas/common/money.json",
        )
        .expect("money");
    assert!(money.document.file.ends_with("common/money.json"));
    let validator = package
        .validator(
            &Location::new("order.json", ""),
            ValidatorOptions::default(),
        )
        .expect("validator");
    assert!(validator.is_valid(&json!({"a": {"zip": "1"}, "m": 1})));
    assert!(!validator.is_valid(&json!({"a": {"zip": 1}})));
    assert!(!validator.is_valid(&json!({"m": "x"})));
    // A relative `$ref` to a sibling file, from a document without `$id`, resolves against a
    // file at that path in a reference folder.
    let siblings = folder(&[("partial.json", json!({"type": "integer"}))]);
    let user = folder(&[(
        "whole.json",
        json!({"properties": {"p": {"$ref": "partial.json"}}}),
    )]);
    let error = load(user.path(), &LoadOptions::default()).expect_err("sibling outside");
    assert!(error.to_string().contains("--ref-dir"), "{error}");
    let options = LoadOptions {
        ref_dirs: vec![siblings.path().into()],
        ..LoadOptions::default()
    };
    let package = load(user.path(), &options).expect("sibling from the reference folder");
    let validator = package
        .validator(
            &Location::new("whole.json", ""),
            ValidatorOptions::default(),
        )
        .expect("validator");
    assert!(validator.is_valid(&json!({"p": 1})));
    assert!(!validator.is_valid(&json!({"p": "x"})));
}

// ---------------------------------------------------------------------------------------------
// 10. Manifests

#[test]
fn a_manifest_without_version_or_one_that_is_a_schema_loads() {
    let dir = folder(&[("a.json", json!({"type": "string"}))]);
    write(dir.path(), "package.json", r#"{"name": "@x/schemas"}"#);
    let package = load_ok(dir.path());
    assert_eq!(package.name.as_deref(), Some("@x/schemas"));
    assert_eq!(package.version, None);
    assert!(package.require_version().is_err());
    let dir = folder(&[
        ("a.json", json!({"type": "string"})),
        (
            "package.json",
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "title": "package.json",
                   "properties": {"version": {"type": "string"}}}),
        ),
    ]);
    let package = load_ok(dir.path());
    assert_eq!(package.version, None);
    let names: Vec<&str> = package.documents.keys().map(String::as_str).collect();
    assert_eq!(names, vec!["a", "package"]);
}
