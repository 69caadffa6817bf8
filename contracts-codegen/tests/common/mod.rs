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
                value: value.clone(),
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
    }
}
