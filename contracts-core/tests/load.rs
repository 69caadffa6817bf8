//! Loading packages from every kind of source, and every load error.

use std::path::{Path, PathBuf};

use contracts_core::validate::ValidatorOptions;
use contracts_core::{Draft, LoadError, LoadOptions, Location, Package, Source};
use serde_json::json;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load_dir(name: &str) -> Result<Package, LoadError> {
    Package::load(&Source::Dir(fixture(name)), &LoadOptions::default())
}

fn load_ok(name: &str) -> Package {
    load_dir(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn loc(file: &str, pointer: &str) -> Location {
    Location::new(file, pointer)
}

// ---------------------------------------------------------------------------------------------
// Directories

#[test]
fn directory_names_files_and_manifest() {
    let package = load_ok("basic");
    let names: Vec<&str> = package.documents.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        vec![
            "common/money",
            "common/sibling",
            "events/order.created.v1",
            "events/user.signed-up.v1",
            "nested/relative-id",
        ]
    );
    assert_eq!(package.name.as_deref(), Some("@acme/contracts"));
    assert_eq!(package.version, Some(semver::Version::new(1, 2, 3)));
    assert_eq!(package.label, fixture("basic").display().to_string());

    let order = package.get("events/order.created.v1").expect("order");
    assert_eq!(order.file, "events/order.created.v1.json");
    assert_eq!(order.pointer, "");
    assert_eq!(order.base_uri, "contracts:///events/order.created.v1.json");
    assert_eq!(order.draft, Draft::Draft202012);
    assert!(order.text.contains("OrderCreated"));

    let sibling = package.get("common/sibling").expect("sibling");
    assert_eq!(sibling.base_uri, "https://example.com/nested/sibling.json");
    assert_eq!(
        sibling.id(),
        Some("https://example.com/nested/sibling.json")
    );
    assert_eq!(
        package
            .by_uri("https://example.com/nested/sibling.json#")
            .map(|d| d.name.as_str()),
        Some("common/sibling")
    );

    // A relative root $id is resolved against the file's synthetic URI.
    let relative = package.get("nested/relative-id").expect("relative");
    assert_eq!(relative.base_uri, "contracts:///nested/renamed.json");
}

#[test]
fn yaml_documents_are_converted() {
    let package = load_ok("basic");
    let user = package.get("events/user.signed-up.v1").expect("yaml doc");
    assert_eq!(user.file, "events/user.signed-up.v1.yaml");
    assert_eq!(user.value["properties"]["email"]["format"], json!("email"));
    assert!(user.text.starts_with("$schema:"));
}

#[test]
fn loading_is_deterministic() {
    let a = load_ok("basic");
    let b = load_ok("basic");
    let files =
        |p: &Package| -> Vec<String> { p.documents.values().map(|d| d.file.clone()).collect() };
    assert_eq!(files(&a), files(&b));
    assert_eq!(
        a.refs()
            .iter()
            .map(|(l, r)| format!("{l} {r}"))
            .collect::<Vec<_>>(),
        b.refs()
            .iter()
            .map(|(l, r)| format!("{l} {r}"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn contracts_toml_manifest_and_version_override() {
    let package = load_ok("toml-manifest");
    assert_eq!(package.name.as_deref(), Some("toml-contracts"));
    assert_eq!(package.version, Some(semver::Version::new(0, 4, 0)));
    assert_eq!(
        package.get("thing").map(|d| d.file.as_str()),
        Some("thing.yml")
    );

    let options = LoadOptions {
        version: Some(semver::Version::new(9, 0, 0)),
        ..LoadOptions::default()
    };
    let package = Package::load(&Source::Dir(fixture("toml-manifest")), &options).expect("load");
    assert_eq!(package.version, Some(semver::Version::new(9, 0, 0)));
}

#[test]
fn no_manifest_means_no_version() {
    let package = load_ok("draft4");
    assert_eq!(package.version, None);
    assert_eq!(package.name, None);
    let err = package.require_version().expect_err("no version");
    assert!(matches!(err, LoadError::Manifest { .. }), "{err}");
}

#[test]
fn single_file_source() {
    let source =
        Source::parse(&fixture("basic/common/money.json").display().to_string()).expect("parse");
    assert!(matches!(source, Source::File(_)));
    let package = Package::load(&source, &LoadOptions::default()).expect("load");
    let names: Vec<&str> = package.documents.keys().map(String::as_str).collect();
    assert_eq!(names, vec!["money"]);
    assert_eq!(
        package.get("money").map(|d| d.file.as_str()),
        Some("money.json")
    );
    assert_eq!(package.version, None);
}

#[test]
fn default_draft_applies_without_schema_keyword() {
    let options = LoadOptions {
        default_draft: Draft::Draft7,
        ..LoadOptions::default()
    };
    let package = Package::load(&Source::Dir(fixture("toml-manifest")), &options).expect("load");
    assert_eq!(package.get("thing").map(|d| d.draft), Some(Draft::Draft7));
}

// ---------------------------------------------------------------------------------------------
// Resolution

#[test]
fn resolves_local_cross_file_anchor_and_id_refs() {
    let package = load_ok("basic");
    let resolver = package.resolver().expect("resolver");
    let file = "events/order.created.v1.json";
    let resolve = |pointer: &str, reference: &str| {
        resolver
            .resolve(&loc(file, pointer), reference)
            .unwrap_or_else(|e| panic!("{reference}: {e}"))
    };

    let money = resolve("/properties/total", "../common/money.json");
    assert_eq!(money.location(), loc("common/money.json", ""));
    assert_eq!(money.document.name, "common/money");
    // The resolved value is the package's own value, not a copy.
    assert!(std::ptr::eq(
        money.value,
        &*package.get("common/money").expect("money").value
    ));

    let currency = resolve(
        "/properties/currency",
        "../common/money.json#/$defs/Currency",
    );
    assert_eq!(
        currency.location(),
        loc("common/money.json", "/$defs/Currency")
    );
    assert_eq!(currency.value["pattern"], json!("^[A-Z]{3}$"));

    let line = resolve("/properties/line", "#line");
    assert_eq!(line.location(), loc(file, "/$defs/Line"));

    let local = resolve("/properties/lines/items", "#/$defs/Line");
    assert_eq!(local.pointer, "/$defs/Line");

    let by_id = resolve(
        "/properties/sibling",
        "https://example.com/nested/sibling.json",
    );
    assert_eq!(by_id.location(), loc("common/sibling.json", ""));

    // Inside $defs/Item the base URI is https://example.com/nested/item.json.
    assert_eq!(
        resolver
            .base_uri_at(&loc(file, "/$defs/Item/properties/name"))
            .expect("base"),
        "https://example.com/nested/item.json"
    );
    let nested = resolve("/$defs/Item/properties/name", "sibling.json");
    assert_eq!(nested.location(), loc("common/sibling.json", ""));
    // A JSON Pointer fragment is relative to the resource the nested $id starts.
    let in_item = resolve("/$defs/Item/properties/self", "#/properties/name");
    assert_eq!(in_item.location(), loc(file, "/$defs/Item/properties/name"));

    // An $id inside `default` is data: it does not change the base URI.
    assert_eq!(
        resolver.base_uri_at(&loc(file, "/default")).expect("base"),
        "contracts:///events/order.created.v1.json"
    );

    // Relative $id at the root of a file.
    let from_relative = resolver
        .resolve(
            &loc("nested/relative-id.json", "/properties/money"),
            "../common/money.json",
        )
        .expect("relative");
    assert_eq!(from_relative.document.name, "common/money");

    // The file's synthetic URI works even when the document has an $id.
    let synthetic = resolve("/properties/total", "contracts:///common/sibling.json");
    assert_eq!(synthetic.document.name, "common/sibling");
}

#[test]
fn refs_lists_only_schema_positions() {
    let package = load_ok("basic");
    let refs: Vec<String> = package
        .refs()
        .into_iter()
        .filter(|(l, _)| l.file == "events/order.created.v1.json")
        .map(|(l, r)| format!("{} {r}", l.pointer))
        .collect();
    assert!(refs.contains(&"/properties/total ../common/money.json".to_string()));
    assert!(refs.iter().all(|r| !r.contains("this is data")), "{refs:?}");
    assert!(refs.iter().all(|r| !r.starts_with("/default")), "{refs:?}");
}

#[test]
fn resolve_errors_name_the_location() {
    let package = load_ok("basic");
    let resolver = package.resolver().expect("resolver");
    let from = loc("events/order.created.v1.json", "/properties/total");
    for reference in [
        "#/$defs/Nope",
        "#nope",
        "missing.json",
        "https://example.org/x.json",
    ] {
        match resolver.resolve(&from, reference) {
            Err(LoadError::UnresolvableRef {
                file,
                pointer,
                reference: r,
                ..
            }) => {
                assert_eq!(file, from.file);
                assert_eq!(pointer, from.pointer);
                assert_eq!(r, reference);
            }
            other => panic!("{reference}: expected UnresolvableRef, got {other:?}"),
        }
    }
    assert!(matches!(
        resolver.resolve(&loc("nope.json", ""), "#"),
        Err(LoadError::UnresolvableRef { .. })
    ));
}

#[test]
fn draft4_id_changes_base_and_names_anchors() {
    let package = load_ok("draft4");
    let person = package.get("person").expect("person");
    assert_eq!(person.draft, Draft::Draft4);
    assert_eq!(person.base_uri, "http://example.com/schemas/person.json");
    let resolver = package.resolver().expect("resolver");
    let pet = resolver
        .resolve(&loc("person.json", "/properties/pet"), "pet.json")
        .expect("pet");
    assert_eq!(pet.document.name, "pet");
    let tag = resolver
        .resolve(&loc("person.json", "/properties/tag"), "#tag")
        .expect("anchor id");
    assert_eq!(tag.pointer, "/definitions/tag");
    // Inside definitions/address, `id` moved the base to .../other/address.json.
    assert_eq!(
        resolver
            .base_uri_at(&loc("person.json", "/definitions/address/properties/zip"))
            .expect("base"),
        "http://example.com/other/address.json"
    );
    let zip = resolver
        .resolve(
            &loc("person.json", "/definitions/address/properties/zip"),
            "#/definitions/zip",
        )
        .expect("zip");
    assert_eq!(zip.pointer, "/definitions/address/definitions/zip");
}

// ---------------------------------------------------------------------------------------------
// Validators

#[test]
fn validator_follows_cross_file_refs() {
    let package = load_ok("basic");
    let validator = package
        .validator(
            &loc("events/order.created.v1.json", ""),
            ValidatorOptions::default(),
        )
        .expect("validator");
    let good = json!({
        "total": {"amount": 5, "currency": "EUR"},
        "lines": [{"sku": "a"}],
        "item": {"name": "x"},
        "sibling": "y"
    });
    assert!(validator.is_valid(&good), "{:?}", validator.issues(&good));
    let bad = json!({"total": {"amount": 5, "currency": "euro"}, "item": {"name": ""}});
    let issues = validator.issues(&bad);
    let paths: Vec<&str> = issues.iter().map(|i| i.instance_path.as_str()).collect();
    assert!(
        issues
            .iter()
            .any(|i| i.schema_path == "/properties/total/$ref/properties/currency/$ref/pattern"),
        "{issues:?}"
    );
    assert!(paths.contains(&"/total/currency"), "{issues:?}");
    assert!(paths.contains(&"/item/name"), "{issues:?}");
    assert!(
        issues
            .iter()
            .all(|i| !i.schema_path.starts_with("/$ref/$ref")),
        "{issues:?}"
    );

    // A subschema location, and the validator outliving the package.
    let currency = package
        .validator(
            &loc("common/money.json", "/$defs/Currency"),
            ValidatorOptions::default(),
        )
        .expect("validator");
    drop(package);
    assert!(currency.is_valid(&json!("USD")));
    let issues = currency.issues(&json!("usd"));
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].schema_path, "/pattern", "{issues:?}");
}

#[test]
fn validator_format_assertion_is_optional() {
    let package = load_ok("basic");
    let at = loc("events/user.signed-up.v1.yaml", "");
    let instance = json!({"email": "not an email"});
    let lax = package
        .validator(&at, ValidatorOptions::default())
        .expect("validator");
    assert!(lax.is_valid(&instance));
    let strict = package
        .validator(
            &at,
            ValidatorOptions {
                format_assertion: true,
            },
        )
        .expect("validator");
    assert!(!strict.is_valid(&instance));
}

#[test]
fn validator_for_missing_location_is_an_error() {
    let package = load_ok("basic");
    let err = package
        .validator(
            &loc("common/money.json", "/$defs/Nope"),
            ValidatorOptions::default(),
        )
        .expect_err("missing");
    match err {
        LoadError::UnresolvableRef { file, pointer, .. } => {
            assert_eq!(file, "common/money.json");
            assert_eq!(pointer, "/$defs/Nope");
        }
        other => panic!("expected UnresolvableRef, got {other:?}"),
    }
}

#[test]
fn validator_set_compiles_once_and_agrees_with_single_validators() {
    let package = load_ok("basic");
    let set = package
        .validators(ValidatorOptions::default())
        .expect("validator set");
    let order = loc("events/order.created.v1.json", "");
    let currency = loc("common/money.json", "/$defs/Currency");
    let first = set.get(&order).expect("validator");
    let again = set.get(&order).expect("validator");
    assert!(std::sync::Arc::ptr_eq(&first, &again), "cached");
    for (at, instance) in [
        (&currency, json!("USD")),
        (&currency, json!("usd")),
        (&order, json!({"total": {"amount": 5, "currency": "euro"}})),
        (
            &order,
            json!({"total": {"amount": 5, "currency": "EUR"}, "lines": [{"sku": "a"}], "item": {"name": "x"}, "sibling": "y"}),
        ),
    ] {
        let single = package
            .validator(at, ValidatorOptions::default())
            .expect("validator");
        assert_eq!(
            set.is_valid(at, &instance),
            Some(single.is_valid(&instance)),
            "{at} {instance}"
        );
    }
    assert_eq!(set.is_valid(&currency, &json!("usd")), Some(false));
    let missing = loc("common/money.json", "/$defs/Nope");
    assert_eq!(set.is_valid(&missing, &json!(1)), None);
    assert!(matches!(
        set.get(&missing),
        Err(LoadError::UnresolvableRef { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// OpenAPI

#[test]
fn openapi_30_components_become_documents() {
    let source = Source::File(fixture("openapi/petstore.yaml"));
    let package = Package::load(&source, &LoadOptions::default()).expect("load");
    let names: Vec<&str> = package.documents.keys().map(String::as_str).collect();
    assert_eq!(names, vec!["Category", "Owner", "Pet"]);
    let pet = package.get("Pet").expect("pet");
    assert_eq!(pet.file, "petstore.yaml");
    assert_eq!(pet.pointer, "/components/schemas/Pet");
    assert_eq!(pet.draft, Draft::Draft4);
    assert_eq!(pet.base_uri, "contracts:///petstore.yaml");
    assert_eq!(pet.value["properties"]["tag"]["nullable"], json!(true));
    assert!(package
        .file_text("petstore.yaml")
        .is_some_and(|t| t.contains("Petstore")));

    let resolver = package.resolver().expect("resolver");
    let owner = resolver
        .resolve(
            &loc("petstore.yaml", "/components/schemas/Pet/properties/owner"),
            "#/components/schemas/Owner",
        )
        .expect("owner");
    assert_eq!(owner.document.name, "Owner");
    assert_eq!(owner.pointer, "/components/schemas/Owner");
    assert!(std::ptr::eq(
        owner.value,
        &*package.get("Owner").expect("owner").value
    ));
    let name = resolver
        .resolve(
            &loc(
                "petstore.yaml",
                "/components/schemas/Pet/properties/category",
            ),
            "#/components/schemas/Category/properties/name",
        )
        .expect("deep");
    assert_eq!(
        name.location(),
        loc(
            "petstore.yaml",
            "/components/schemas/Category/properties/name"
        )
    );
    assert_eq!(name.value["type"], json!("string"));
    assert_eq!(
        package.value_at(&name.location()).map(|v| v as *const _),
        Some(name.value as *const _)
    );

    let validator = package
        .validator(
            &loc("petstore.yaml", "/components/schemas/Pet"),
            ValidatorOptions::default(),
        )
        .expect("validator");
    assert!(validator.is_valid(&json!({"id": 1, "name": "rex", "owner": {"pets": []}})));
    let issues =
        validator.issues(&json!({"id": 1, "name": "rex", "owner": {"pets": [{"id": "x"}]}}));
    assert!(
        issues.iter().any(|i| i.instance_path == "/owner/pets/0/id"),
        "{issues:?}"
    );
}

#[test]
fn openapi_31_is_2020_12_and_checked() {
    let package = Package::load(
        &Source::File(fixture("openapi/v31.json")),
        &LoadOptions::default(),
    )
    .expect("load");
    let thing = package.get("Thing").expect("thing");
    assert_eq!(thing.draft, Draft::Draft202012);
    let validator = package
        .validator(&thing.location(), ValidatorOptions::default())
        .expect("validator");
    assert!(validator.is_valid(&json!({"id": null})));
    assert!(!validator.is_valid(&json!({"id": 3})));

    let err = Package::load(
        &Source::Dir(fixture("errors/openapi31-invalid")),
        &LoadOptions::default(),
    )
    .expect_err("invalid");
    match err {
        LoadError::InvalidSchema { file, pointer, .. } => {
            assert_eq!(file, "api.json");
            assert_eq!(pointer, "/components/schemas/Bad/properties/n/type");
        }
        other => panic!("expected InvalidSchema, got {other:?}"),
    }
}

#[test]
fn openapi_in_a_directory_prefixes_names() {
    let package = load_ok("openapi");
    let names: Vec<&str> = package.documents.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        vec![
            "petstore/Category",
            "petstore/Owner",
            "petstore/Pet",
            "v31/Id",
            "v31/Thing"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Errors: each asserts the variant, the file and the pointer.

#[test]
fn malformed_json_has_line_and_column() {
    match load_dir("errors/malformed") {
        Err(LoadError::Parse {
            file,
            format,
            line,
            column,
            ..
        }) => {
            assert_eq!(file, "broken.json");
            assert_eq!(format, "JSON");
            assert_eq!(line, 5);
            assert!(column > 0);
        }
        other => panic!("expected Parse, got {other:?}"),
    }
}

#[test]
fn malformed_yaml_has_line_and_column() {
    match load_dir("errors/bad-yaml") {
        Err(LoadError::Parse {
            file,
            format,
            line,
            column,
            ..
        }) => {
            assert_eq!(file, "order.yaml");
            assert_eq!(format, "YAML");
            assert!(line >= 3, "line {line}");
            assert!(column > 0);
        }
        other => panic!("expected Parse, got {other:?}"),
    }
}

#[test]
fn invalid_schema_names_the_subschema() {
    match load_dir("errors/invalid-schema") {
        Err(LoadError::InvalidSchema {
            file,
            pointer,
            draft,
            message,
        }) => {
            assert_eq!(file, "order.json");
            assert_eq!(pointer, "/properties/count/type");
            assert_eq!(draft, Draft::Draft202012);
            assert!(!message.is_empty());
        }
        other => panic!("expected InvalidSchema, got {other:?}"),
    }
    // Without the metaschema check the package loads.
    let options = LoadOptions {
        validate_metaschema: false,
        ..LoadOptions::default()
    };
    assert!(Package::load(&Source::Dir(fixture("errors/invalid-schema")), &options).is_ok());
}

fn expect_unresolvable(name: &str, want_file: &str, want_pointer: &str, want_ref: &str) -> String {
    match load_dir(name) {
        Err(LoadError::UnresolvableRef {
            file,
            pointer,
            reference,
            message,
        }) => {
            assert_eq!(file, want_file);
            assert_eq!(pointer, want_pointer);
            assert_eq!(reference, want_ref);
            message
        }
        other => panic!("{name}: expected UnresolvableRef, got {other:?}"),
    }
}

#[test]
fn unresolvable_pointer() {
    expect_unresolvable(
        "errors/unresolvable",
        "order.json",
        "/properties/customer",
        "customer.json#/$defs/Id",
    );
}

#[test]
fn unknown_anchor() {
    expect_unresolvable(
        "errors/missing-anchor",
        "order.json",
        "/properties/a",
        "#nope",
    );
}

#[test]
fn network_ref_is_never_downloaded() {
    let message = expect_unresolvable(
        "errors/network",
        "order.json",
        "/properties/address",
        "https://schemas.example.org/address.json",
    );
    assert!(message.contains("never downloaded"), "{message}");
    let rendered = load_dir("errors/network").expect_err("error").to_string();
    assert!(
        rendered.starts_with("order.json#/properties/address: cannot resolve $ref"),
        "{rendered}"
    );
}

#[test]
fn bare_ref_cycle() {
    match load_dir("errors/cycle") {
        Err(LoadError::RefCycle {
            file,
            pointer,
            chain,
        }) => {
            assert_eq!(file, "loop.json");
            assert_eq!(pointer, "/$defs/a");
            assert_eq!(
                chain,
                vec![
                    "loop.json#/$defs/a",
                    "loop.json#/$defs/b",
                    "other.json#/$defs/c",
                    "loop.json#/$defs/a"
                ]
            );
        }
        other => panic!("expected RefCycle, got {other:?}"),
    }
}

#[test]
fn self_reference_is_a_cycle_but_recursion_is_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("self.json"), r##"{"$ref": "#"}"##).expect("write");
    match Package::load(&Source::Dir(dir.path().into()), &LoadOptions::default()) {
        Err(LoadError::RefCycle { file, pointer, .. }) => {
            assert_eq!(file, "self.json");
            assert_eq!(pointer, "");
        }
        other => panic!("expected RefCycle, got {other:?}"),
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("tree.json"),
        r##"{"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}}"##,
    )
    .expect("write");
    assert!(Package::load(&Source::Dir(dir.path().into()), &LoadOptions::default()).is_ok());
}

#[test]
fn unknown_draft() {
    match load_dir("errors/unknown-draft") {
        Err(LoadError::UnknownDraft { file, uri }) => {
            assert_eq!(file, "order.json");
            assert_eq!(uri, "https://json-schema.org/draft/2099-01/schema");
        }
        other => panic!("expected UnknownDraft, got {other:?}"),
    }
}

#[test]
fn manifest_without_version() {
    // A manifest without `version` loads (`diff` needs none); commands that need one ask.
    let package = load_ok("errors/missing-version");
    assert_eq!(package.version, None);
    assert!(matches!(
        package.require_version(),
        Err(LoadError::Manifest { .. })
    ));
    // A version given by the caller stands in for the missing one.
    let options = LoadOptions {
        version: Some(semver::Version::new(2, 0, 0)),
        ..LoadOptions::default()
    };
    let package =
        Package::load(&Source::Dir(fixture("errors/missing-version")), &options).expect("load");
    assert_eq!(package.version, Some(semver::Version::new(2, 0, 0)));
    assert_eq!(package.name.as_deref(), Some("no-version"));
}

#[test]
fn manifest_with_invalid_version() {
    match load_dir("errors/bad-version") {
        Err(LoadError::Manifest { path, message }) => {
            assert_eq!(path, fixture("errors/bad-version").join("contracts.toml"));
            assert!(message.contains("one point two"), "{message}");
        }
        other => panic!("expected Manifest, got {other:?}"),
    }
}

#[test]
fn duplicate_ids_conflict() {
    // Both documents are invalid, each naming the other.
    let error = load_dir("errors/duplicate-id").expect_err("conflict");
    let conflicts: Vec<(&str, String)> = error
        .flatten()
        .into_iter()
        .map(|e| match e {
            LoadError::Conflict { file, message } => (file.as_str(), message.clone()),
            other => panic!("expected Conflict, got {other:?}"),
        })
        .collect();
    assert_eq!(conflicts.len(), 2, "{conflicts:?}");
    assert_eq!(conflicts[0].0, "a.json");
    assert!(conflicts[0].1.contains("b.json"), "{conflicts:?}");
    assert_eq!(conflicts[1].0, "b.json");
    assert!(conflicts[1].1.contains("a.json"), "{conflicts:?}");
}

#[test]
fn duplicate_names_conflict() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.json"), "{}").expect("write");
    std::fs::write(dir.path().join("a.yaml"), "type: string").expect("write");
    match Package::load(&Source::Dir(dir.path().into()), &LoadOptions::default()) {
        Err(LoadError::Conflict { file, message }) => {
            assert_eq!(file, "a.yaml");
            assert!(message.contains("a.json"), "{message}");
        }
        other => panic!("expected Conflict, got {other:?}"),
    }
}

#[test]
fn missing_paths_are_io_errors() {
    let missing = fixture("does-not-exist");
    assert!(matches!(
        Source::parse(&missing.display().to_string()),
        Err(LoadError::Io { .. })
    ));
    match Package::load(&Source::Dir(missing.clone()), &LoadOptions::default()) {
        Err(LoadError::Io { path, .. }) => assert_eq!(path, missing),
        other => panic!("expected Io, got {other:?}"),
    }
}

#[test]
fn escaped_and_percent_encoded_pointers() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("odd.json"),
        r##"{
            "properties": {
                "a": {"$ref": "#/$defs/a~1b"},
                "b": {"$ref": "#/$defs/with%20space"},
                "c": {"$ref": "#/$defs/tilde~0"}
            },
            "$defs": {"a/b": {"type": "string"}, "with space": {"type": "integer"}, "tilde~": true}
        }"##,
    )
    .expect("write");
    let package =
        Package::load(&Source::Dir(dir.path().into()), &LoadOptions::default()).expect("load");
    let resolver = package.resolver().expect("resolver");
    let at = |p: &str, r: &str| {
        resolver
            .resolve(&loc("odd.json", p), r)
            .expect("resolves")
            .location()
    };
    assert_eq!(
        at("/properties/a", "#/$defs/a~1b"),
        loc("odd.json", "/$defs/a~1b")
    );
    assert_eq!(
        at("/properties/b", "#/$defs/with%20space"),
        loc("odd.json", "/$defs/with space")
    );
    assert_eq!(
        at("/properties/c", "#/$defs/tilde~0"),
        loc("odd.json", "/$defs/tilde~0")
    );
    let validator = package
        .validator(
            &loc("odd.json", "/$defs/with space"),
            ValidatorOptions::default(),
        )
        .expect("validator");
    assert!(validator.is_valid(&json!(3)));
    assert!(!validator.is_valid(&json!("3")));
}

#[test]
fn ref_to_a_missing_file_names_the_ref() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.json"),
        r##"{"properties": {"x": {"$ref": "sub/missing.json#/$defs/X"}}}"##,
    )
    .expect("write");
    match Package::load(&Source::Dir(dir.path().into()), &LoadOptions::default()) {
        Err(LoadError::UnresolvableRef {
            file,
            pointer,
            reference,
            message,
        }) => {
            assert_eq!(file, "a.json");
            assert_eq!(pointer, "/properties/x");
            assert_eq!(reference, "sub/missing.json#/$defs/X");
            assert!(
                message.contains("contracts:///sub/missing.json"),
                "{message}"
            );
        }
        other => panic!("expected UnresolvableRef, got {other:?}"),
    }
}

#[test]
fn draft4_validator_uses_draft4_semantics() {
    let package = load_ok("draft4");
    let validator = package
        .validator(&loc("person.json", ""), ValidatorOptions::default())
        .expect("validator");
    assert!(validator.is_valid(&json!({"age": 1, "pet": {"owner": {"age": 2}}})));
    // Draft 4's boolean exclusiveMinimum.
    assert!(!validator.is_valid(&json!({"age": 0})));
    assert!(!validator.is_valid(&json!({"pet": {"owner": {"address": {"zip": 5}}}})));
}

// ---------------------------------------------------------------------------------------------
// The registry the load builds is handed on (issue 13)

/// Two files, one referencing the other.
fn two_linked() -> Package {
    Package::from_documents(
        "linked",
        None,
        vec![
            (
                "a".into(),
                json!({"$schema": "https://json-schema.org/draft/2020-12/schema",
                       "properties": {"b": {"$ref": "b.json#/$defs/n"}}}),
            ),
            (
                "b".into(),
                json!({"$schema": "https://json-schema.org/draft/2020-12/schema",
                       "$defs": {"n": {"type": "integer", "maximum": 3}}}),
            ),
        ],
        &LoadOptions::default(),
    )
    .expect("loads")
}

#[test]
fn resolvers_and_validators_reuse_the_registry_of_the_load() {
    let package = two_linked();
    // The load's own `$ref` check built it.
    assert_eq!(package.registry.built(), 1);
    for _ in 0..3 {
        let resolver = package.resolver().expect("resolver");
        let target = resolver
            .resolve(&loc("a.json", "/properties/b"), "b.json#/$defs/n")
            .expect("resolves");
        assert_eq!(target.location(), loc("b.json", "/$defs/n"));
    }
    let validators = package
        .validators(ValidatorOptions::default())
        .expect("validators");
    assert_eq!(
        validators.is_valid(&loc("a.json", ""), &json!({"b": 4})),
        Some(false)
    );
    assert_eq!(
        validators.is_valid(&loc("a.json", ""), &json!({"b": 2})),
        Some(true)
    );
    assert_eq!(package.registry.built(), 1, "a registry was built again");
}

#[test]
fn a_changed_document_gets_a_registry_of_its_own() {
    let package = two_linked();
    let mut copy = package.clone();
    let b = copy.documents.get_mut("b").expect("b");
    std::sync::Arc::make_mut(&mut b.value)["$defs"]["n"]["maximum"] = json!(5);
    let validators = copy
        .validators(ValidatorOptions::default())
        .expect("validators");
    // The copy's registry holds its own value of b, not the original's.
    assert_eq!(
        validators.is_valid(&loc("a.json", ""), &json!({"b": 4})),
        Some(true)
    );
    assert_eq!(copy.registry.built(), 1);
    let resolved = copy
        .resolver()
        .expect("resolver")
        .resolve(&loc("a.json", "/properties/b"), "b.json#/$defs/n")
        .expect("resolves")
        .value
        .clone();
    assert_eq!(resolved["maximum"], json!(5));
    assert_eq!(copy.registry.built(), 1);
    // The original still has (and reuses) the registry of its load.
    let original = package
        .validators(ValidatorOptions::default())
        .expect("validators");
    assert_eq!(
        original.is_valid(&loc("a.json", ""), &json!({"b": 4})),
        Some(false)
    );
    assert_eq!(package.registry.built(), 1);
    // A document renamed in place (its value unchanged) is not the document the registry
    // was built for either.
    let mut renamed = package.clone();
    renamed.documents.get_mut("b").expect("b").base_uri = "https://example.com/b".into();
    let _ = renamed.resolver();
    assert_eq!(renamed.registry.built(), 1);
}
