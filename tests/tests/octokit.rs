//! Real input: the GitHub REST API as OpenAPI 3.0.3 (`@octokit/openapi` 22.0.0 and 23.0.1,
//! `generated/api.github.com.json`, 13 MB each): every `components/schemas` entry is a schema
//! of the package, with `$ref`s between them.
//!
//! The corpora come from `cargo xtask corpora` (`.ci/run` runs it first) into
//! `$CONTRACTS_CORPORA` or `<workspace>/target/corpora`. When they are missing these tests
//! fail, saying so; they never pass without having run.

mod conformance;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use contracts_core::validate::ValidatorOptions;
use contracts_core::{Draft, LoadOptions, Location, Package, Source};
use contracts_tests::{contracts, corpora_dir, json};
use serde_json::Value;

fn document(version: &str) -> PathBuf {
    let file = corpora_dir()
        .join(format!("octokit-openapi-{version}"))
        .join("package/generated/api.github.com.json");
    assert!(
        file.is_file(),
        "{} is missing: re-run `cargo xtask corpora`",
        file.display()
    );
    file
}

fn load(version: &str) -> Package {
    let source = Source::parse(document(version).to_str().unwrap()).unwrap();
    Package::load(&source, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("octokit {version} does not load: {e}"))
}

/// The names under `components/schemas`, read from the file itself.
fn component_names(version: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(document(version)).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    value["components"]["schemas"]
        .as_object()
        .expect("components/schemas")
        .keys()
        .cloned()
        .collect()
}

fn pointer_of(name: &str) -> String {
    format!(
        "/components/schemas/{}",
        name.replace('~', "~0").replace('/', "~1")
    )
}

/// The independent validator (boon) over one release: the whole file is one resource, at the
/// base URI its components have in the package, and each root a witness names is compiled once.
struct Independent {
    base_uri: String,
    compiler: boon::Compiler,
    schemas: boon::Schemas,
    compiled: BTreeMap<String, Option<boon::SchemaIndex>>,
}

impl Independent {
    fn new(version: &str, package: &Package) -> Independent {
        let doc = package.documents.values().next().expect("components");
        // OpenAPI 3.0 components are draft-4 schemas to the engine's validator (`nullable` not
        // interpreted); boon reads them the same way.
        assert_eq!(doc.draft, Draft::Draft4);
        let text = std::fs::read_to_string(document(version)).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let mut compiler = conformance::boon_compiler(doc.draft);
        compiler
            .add_resource(&doc.base_uri, value)
            .unwrap_or_else(|e| panic!("boon does not take octokit {version}: {e}"));
        Independent {
            base_uri: doc.base_uri.clone(),
            compiler,
            schemas: boon::Schemas::new(),
            compiled: BTreeMap::new(),
        }
    }

    /// Whether the root at `location` accepts `instance`; `None` when boon cannot compile it.
    fn is_valid(&mut self, location: &Location, instance: &Value) -> Option<bool> {
        let url = format!("{}#{}", self.base_uri, location.pointer);
        let index = match self.compiled.get(&url) {
            Some(i) => *i,
            None => {
                let i = self.compiler.compile(&url, &mut self.schemas).ok();
                self.compiled.insert(url, i);
                i
            }
        };
        Some(self.schemas.validate(instance, index?).is_ok())
    }
}

#[test]
fn the_diff_of_two_releases_is_located_and_its_witnesses_hold() {
    let (old, new) = (load("22.0.0"), load("23.0.1"));
    for (package, version) in [(&old, "22.0.0"), (&new, "23.0.1")] {
        let loaded: BTreeSet<String> = package
            .documents
            .values()
            .map(|d| d.pointer.clone())
            .collect();
        let expected: BTreeSet<String> = component_names(version)
            .iter()
            .map(|n| pointer_of(n))
            .collect();
        assert_eq!(loaded, expected, "{version}: every component is a schema");
    }

    let out = contracts()
        .arg("diff")
        .arg(document("22.0.0"))
        .arg(document("23.0.1"))
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let report = json(&out.stdout);
    assert_eq!(report["required_bump"], "major");
    let findings = report["findings"].as_array().unwrap();

    // Every removed component is a MAJOR schema-removed at its pointer, every added one a
    // MINOR schema-added; both lists come from the files.
    let (old_names, new_names) = (component_names("22.0.0"), component_names("23.0.1"));
    let at = |side: &Value, pointer: &str| {
        side["file"] == "api.github.com.json" && side["pointer"] == pointer
    };
    for name in old_names.difference(&new_names) {
        let pointer = pointer_of(name);
        assert!(
            findings.iter().any(|f| f["rule"] == "schema-removed"
                && f["bump"] == "major"
                && at(&f["old"], &pointer)),
            "no schema-removed for {name}"
        );
    }
    let added: Vec<&String> = new_names.difference(&old_names).collect();
    assert!(!added.is_empty());
    for name in added {
        let pointer = pointer_of(name);
        assert!(
            findings.iter().any(|f| f["rule"] == "schema-added"
                && f["bump"] == "minor"
                && at(&f["new"], &pointer)),
            "no schema-added for {name}"
        );
    }

    // 23.0 rewrote `get-budget.budget_type` from an enum into a oneOf of one-value enums:
    // the same values, so no value is removed.
    assert!(
        !findings.iter().any(|f| f["rule"] == "enum-value-removed"
            && f["old"]["pointer"]
                .as_str()
                .is_some_and(|p| p.starts_with("/components/schemas/get-budget/"))),
        "get-budget budget_type: the oneOf keeps every value"
    );

    // Every witness, checked independently against the document roots it names.
    let options = ValidatorOptions::default();
    let (old_set, new_set) = (
        old.validators(options).unwrap(),
        new.validators(options).unwrap(),
    );
    let mut independent_old = Independent::new("22.0.0", &old);
    let mut independent_new = Independent::new("23.0.1", &new);
    let mut witnesses = 0;
    for f in findings {
        let Some(w) = f.get("witness") else { continue };
        witnesses += 1;
        let root = |key: &str| -> Option<Location> { serde_json::from_value(w[key].clone()).ok() };
        // `None`: the witness names no root on that side (the schema is gone there);
        // `Some(None)`: it names one that does not resolve or compile, which proves nothing.
        let verdict = |key: &str, set: &contracts_core::validate::ValidatorSet<'_>| {
            root(key).map(|l| set.is_valid(&l, &w["instance"]))
        };
        let (in_old, in_new) = (verdict("old_root", &old_set), verdict("new_root", &new_set));
        let rejects = |side: Option<Option<bool>>| matches!(side, None | Some(Some(false)));
        let holds = match w["valid_in"].as_str() {
            Some("old") => in_old == Some(Some(true)) && rejects(in_new),
            Some("new") => in_new == Some(Some(true)) && rejects(in_old),
            other => panic!("valid_in {other:?}"),
        };
        assert!(holds, "{}: witness does not hold: {w:#}", f["rule"]);
        // The same judgement by the independent validator, which must compile both roots.
        let (i_old, i_new) = (
            root("old_root").map(|l| independent_old.is_valid(&l, &w["instance"])),
            root("new_root").map(|l| independent_new.is_valid(&l, &w["instance"])),
        );
        let holds_independently = match w["valid_in"].as_str() {
            Some("old") => i_old == Some(Some(true)) && rejects(i_new),
            _ => i_new == Some(Some(true)) && rejects(i_old),
        };
        assert!(
            holds_independently,
            "{}: the independent validator (boon) says old {i_old:?}, new {i_new:?} of witness \
             {w:#}",
            f["rule"]
        );
    }
    assert!(witnesses > 0);
    // Rules about one value, one property or one union branch always have a witness here,
    // though the payloads are large (webhook events embed `repository`, which requires 90
    // properties) and the unions wide (issue events: 26 open branches).
    let unproved: Vec<String> = findings
        .iter()
        .filter(|f| {
            f["bump"] == "major"
                && f.get("witness").is_none()
                && [
                    "enum-value-added",
                    "enum-value-removed",
                    "required-added",
                    "required-removed",
                    "property-removed",
                    "schema-removed",
                    "union-branch-added",
                ]
                .iter()
                .any(|r| f["rule"] == *r)
        })
        .map(|f| format!("{} at {}", f["rule"], f["new"]["pointer"]))
        .collect();
    assert!(
        unproved.is_empty(),
        "MAJOR findings without a witness: {unproved:#?}"
    );
    eprintln!(
        "octokit 22.0.0 -> 23.0.1: {} findings, {} MAJOR, {witnesses} witnesses",
        findings.len(),
        findings.iter().filter(|f| f["bump"] == "major").count()
    );
}

#[test]
fn a_release_against_itself_has_no_findings() {
    let file = document("23.0.1");
    let out = contracts()
        .arg("diff")
        .arg(&file)
        .arg(&file)
        .args(["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let report = json(&out.stdout);
    assert_eq!(report["required_bump"], "none");
    assert_eq!(report["findings"], Value::Array(Vec::new()));
}
