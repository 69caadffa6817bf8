//! Helpers shared by the integration tests: packages built by hand.
#![allow(dead_code)]

use std::collections::BTreeMap;

use contracts_core::{Draft, Package, SchemaDocument};
use serde_json::Value;

/// A package of `docs` (name → schema), each read from `<name>.json`.
pub fn package(name: &str, version: &str, docs: &[(&str, Value)]) -> Package {
    let mut documents = BTreeMap::new();
    for (doc_name, value) in docs {
        let file = format!("{doc_name}.json");
        let draft = value
            .get("$schema")
            .and_then(Value::as_str)
            .and_then(Draft::from_uri)
            .unwrap_or(Draft::Draft202012);
        let base_uri = value
            .get(draft.id_keyword())
            .and_then(Value::as_str)
            .filter(|id| id.contains("://"))
            .map(|id| id.trim_end_matches('#').to_string())
            .unwrap_or_else(|| format!("contracts:///{file}"));
        documents.insert(
            doc_name.to_string(),
            SchemaDocument {
                name: doc_name.to_string(),
                file,
                pointer: String::new(),
                base_uri,
                draft,
                value: std::sync::Arc::new(value.clone()),
                text: serde_json::to_string_pretty(value).unwrap(),
                exact_integers: Default::default(),
            },
        );
    }
    Package {
        label: name.to_string(),
        name: Some(name.to_string()),
        version: Some(semver::Version::parse(version).unwrap()),
        documents,
        external: Default::default(),
        warnings: Vec::new(),
        invalid: Vec::new(),
        registry: Default::default(),
    }
}

/// A golden case's spec (`tests/golden/<case>.json`: `{"documents": {name: schema}, "lenient":
/// bool}`) as its package (named `golden/<case>`, version 1.0.0) and its `lenient` flag.
pub fn golden_package(case: &str) -> (Package, bool) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{case}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{case}: {e}"));
    let docs: Vec<(&str, Value)> = spec["documents"]
        .as_object()
        .unwrap_or_else(|| panic!("{case}: no `documents` object"))
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    let lenient = spec["lenient"].as_bool().unwrap_or(false);
    (package(&format!("golden/{case}"), "1.0.0", &docs), lenient)
}
