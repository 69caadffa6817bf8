//! Documents from outside a package that its `$ref`s resolve against, never diffed
//! ([`Package::external`]), and never downloaded:
//!
//! - the standard metaschemas, when a `$ref` of the package names one: draft-04, draft-06,
//!   draft-07, 2019-09 and 2020-12 with their vocabularies (as the `referencing` crate ships
//!   them), and the OpenAPI 3.1 dialect (`https://spec.openapis.org/oas/3.1/dialect/base`
//!   and its vocabulary `.../meta/base`, vendored here);
//! - every schema file below each [`LoadOptions::ref_dirs`] folder, under its root `$id` and
//!   under its path in the folder as a package file's URI (for a relative `$ref` to a sibling
//!   file from a document without `$id`);
//! - every schema file below each [`LoadOptions::ref_map`] folder, under the mapped prefix
//!   plus its path in the folder.
//!
//! A URI a document of the package claims (a root `$id` or an embedded resource's `$id`)
//! stays the package's: an outside document with the same URI is not registered.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::resolve::{is_absolute, join};
use crate::{walk, LoadError, LoadOptions, LoadWarning, Package, SchemaDocument};

/// The OpenAPI 3.1 Schema Object dialect (OpenAPI 3.1.0 §4.8.24.4; published at its `$id`).
const OAS31_DIALECT: &str = r##"{
    "$id": "https://spec.openapis.org/oas/3.1/dialect/base",
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "OpenAPI 3.1 Schema Object Dialect",
    "description": "A JSON Schema dialect describing schemas found in OpenAPI documents",
    "$vocabulary": {
        "https://json-schema.org/draft/2020-12/vocab/core": true,
        "https://json-schema.org/draft/2020-12/vocab/applicator": true,
        "https://json-schema.org/draft/2020-12/vocab/unevaluated": true,
        "https://json-schema.org/draft/2020-12/vocab/validation": true,
        "https://json-schema.org/draft/2020-12/vocab/meta-data": true,
        "https://json-schema.org/draft/2020-12/vocab/format-annotation": true,
        "https://json-schema.org/draft/2020-12/vocab/content": true,
        "https://spec.openapis.org/oas/3.1/vocab/base": false
    },
    "$dynamicAnchor": "meta",
    "allOf": [
        { "$ref": "https://json-schema.org/draft/2020-12/schema" },
        { "$ref": "https://spec.openapis.org/oas/3.1/meta/base" }
    ]
}"##;

/// The OpenAPI 3.1 base vocabulary's metaschema (`discriminator`, `xml`, `externalDocs`,
/// `example`).
const OAS31_META_BASE: &str = r##"{
    "$id": "https://spec.openapis.org/oas/3.1/meta/base",
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "OAS Base vocabulary",
    "description": "A JSON Schema Vocabulary used in the OpenAPI Schema Dialect",
    "$vocabulary": { "https://spec.openapis.org/oas/3.1/vocab/base": true },
    "$dynamicAnchor": "meta",
    "type": ["object", "boolean"],
    "properties": {
        "example": true,
        "discriminator": { "$ref": "#/$defs/discriminator" },
        "externalDocs": { "$ref": "#/$defs/external-docs" },
        "xml": { "$ref": "#/$defs/xml" }
    },
    "$defs": {
        "extensible": { "patternProperties": { "^x-": true } },
        "discriminator": {
            "$ref": "#/$defs/extensible",
            "type": "object",
            "properties": {
                "propertyName": { "type": "string" },
                "mapping": { "type": "object", "additionalProperties": { "type": "string" } }
            },
            "required": ["propertyName"],
            "unevaluatedProperties": false
        },
        "external-docs": {
            "$ref": "#/$defs/extensible",
            "type": "object",
            "properties": {
                "url": { "type": "string", "format": "uri-reference" },
                "description": { "type": "string" }
            },
            "required": ["url"],
            "unevaluatedProperties": false
        },
        "xml": {
            "$ref": "#/$defs/extensible",
            "type": "object",
            "properties": {
                "name": { "type": "string" },
                "namespace": { "type": "string", "format": "uri" },
                "prefix": { "type": "string" },
                "attribute": { "type": "boolean" },
                "wrapped": { "type": "boolean" }
            },
            "unevaluatedProperties": false
        }
    }
}"##;

/// The standard metaschemas: (URI, document).
fn metaschemas() -> Vec<(String, Value)> {
    use referencing::meta as m;
    let shipped: [(&str, &Value); 19] = [
        ("http://json-schema.org/draft-04/schema", &**m::DRAFT4),
        ("http://json-schema.org/draft-06/schema", &**m::DRAFT6),
        ("http://json-schema.org/draft-07/schema", &**m::DRAFT7),
        (
            "https://json-schema.org/draft/2019-09/schema",
            &**m::DRAFT201909,
        ),
        (
            "https://json-schema.org/draft/2019-09/meta/applicator",
            &**m::DRAFT201909_APPLICATOR,
        ),
        (
            "https://json-schema.org/draft/2019-09/meta/content",
            &**m::DRAFT201909_CONTENT,
        ),
        (
            "https://json-schema.org/draft/2019-09/meta/core",
            &**m::DRAFT201909_CORE,
        ),
        (
            "https://json-schema.org/draft/2019-09/meta/format",
            &**m::DRAFT201909_FORMAT,
        ),
        (
            "https://json-schema.org/draft/2019-09/meta/meta-data",
            &**m::DRAFT201909_META_DATA,
        ),
        (
            "https://json-schema.org/draft/2019-09/meta/validation",
            &**m::DRAFT201909_VALIDATION,
        ),
        (
            "https://json-schema.org/draft/2020-12/schema",
            &**m::DRAFT202012,
        ),
        (
            "https://json-schema.org/draft/2020-12/meta/core",
            &**m::DRAFT202012_CORE,
        ),
        (
            "https://json-schema.org/draft/2020-12/meta/applicator",
            &**m::DRAFT202012_APPLICATOR,
        ),
        (
            "https://json-schema.org/draft/2020-12/meta/unevaluated",
            &**m::DRAFT202012_UNEVALUATED,
        ),
        (
            "https://json-schema.org/draft/2020-12/meta/validation",
            &**m::DRAFT202012_VALIDATION,
        ),
        (
            "https://json-schema.org/draft/2020-12/meta/meta-data",
            &**m::DRAFT202012_META_DATA,
        ),
        (
            "https://json-schema.org/draft/2020-12/meta/format-annotation",
            &**m::DRAFT202012_FORMAT_ANNOTATION,
        ),
        (
            "https://json-schema.org/draft/2020-12/meta/format-assertion",
            &**m::DRAFT202012_FORMAT_ASSERTION,
        ),
        (
            "https://json-schema.org/draft/2020-12/meta/content",
            &**m::DRAFT202012_CONTENT,
        ),
    ];
    let mut out: Vec<(String, Value)> = shipped
        .iter()
        .map(|(uri, value)| (uri.to_string(), (*value).clone()))
        .collect();
    for (uri, text) in [
        (
            "https://spec.openapis.org/oas/3.1/dialect/base",
            OAS31_DIALECT,
        ),
        (
            "https://spec.openapis.org/oas/3.1/meta/base",
            OAS31_META_BASE,
        ),
    ] {
        if let Ok(value) = serde_json::from_str(text) {
            out.push((uri.to_string(), value));
        }
    }
    out
}

/// Whether a `$ref` may name a standard metaschema.
fn names_a_metaschema(reference: &str) -> bool {
    reference.contains("json-schema.org/") || reference.contains("spec.openapis.org/oas/")
}

/// The URIs the package's own documents claim: root base URIs and every absolute `$id` of an
/// embedded resource.
fn claimed(package: &Package) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for doc in package.documents.values() {
        out.insert(doc.base_uri.trim_end_matches('#').to_string());
        walk::for_each_subschema(&doc.value, &doc.pointer, doc.draft, &mut |v, _, draft| {
            if let Some(id) = walk::base_changing_id(v, draft) {
                if is_absolute(id) {
                    if let Ok(uri) = join(id, "") {
                        out.insert(uri);
                    }
                }
            }
        });
    }
    out
}

/// The outside documents of `package` (rules in the module docs).
///
/// # Errors
/// [`LoadError::Io`] for a `--ref-dir`/`[resolve]` folder that cannot be read,
/// [`LoadError::Parse`] for a file in it that is not JSON/YAML.
pub(crate) fn load(
    package: &Package,
    options: &LoadOptions,
    _warnings: &mut Vec<LoadWarning>,
) -> Result<BTreeMap<String, SchemaDocument>, LoadError> {
    let taken = claimed(package);
    let mut out: BTreeMap<String, SchemaDocument> = BTreeMap::new();
    // A document is kept under `key` unless the package or an earlier one has its URI.
    let add = |key: String, doc: SchemaDocument, out: &mut BTreeMap<String, SchemaDocument>| {
        let uri = doc.base_uri.trim_end_matches('#');
        let shadowed = taken.contains(uri) || out.values().any(|d| d.base_uri == doc.base_uri);
        if !shadowed {
            out.insert(key, doc);
        }
    };
    for dir in &options.ref_dirs {
        for (label, value, text) in read_folder(dir, options)? {
            let doc = crate::load::schema_document(
                label.clone(),
                &label,
                value,
                text,
                options,
                &mut Vec::new(),
            )?;
            // Also under its path in the folder as a package file's URI, for the relative
            // `$ref`s of documents without `$id` to a sibling file (`partial-x.json`).
            let relative = label
                .strip_prefix(&format!("{}/", dir.display()))
                .unwrap_or(&label);
            let mut sibling = doc.clone();
            sibling.base_uri = crate::resolve::file_uri(relative);
            sibling.name = format!("{label}#sibling");
            if !doc.base_uri.starts_with("contracts:") {
                add(doc.file.clone(), doc, &mut out);
            }
            add(sibling.name.clone(), sibling, &mut out);
        }
    }
    for (prefix, dir) in &options.ref_map {
        for (label, value, text) in read_folder(dir, options)? {
            let relative = label
                .strip_prefix(&format!("{}/", dir.display()))
                .unwrap_or(&label)
                .to_string();
            let mut doc = crate::load::schema_document(
                label.clone(),
                &label,
                value,
                text,
                options,
                &mut Vec::new(),
            )?;
            let uri = format!("{prefix}{relative}");
            doc.base_uri = join(&uri, "").unwrap_or(uri);
            add(doc.file.clone(), doc, &mut out);
        }
    }
    let wants_metaschemas = package.documents.values().any(|doc| {
        crate::load::refs_of(doc)
            .iter()
            .any(|(_, r)| names_a_metaschema(r))
    });
    if wants_metaschemas {
        for (uri, value) in metaschemas() {
            let draft = walk::draft_at(&value, crate::Draft::Draft202012);
            add(
                uri.clone(),
                SchemaDocument {
                    name: uri.clone(),
                    file: uri.clone(),
                    pointer: String::new(),
                    base_uri: uri,
                    draft,
                    value: std::sync::Arc::new(value),
                    text: String::new(),
                    exact_integers: Default::default(),
                },
                &mut out,
            );
        }
    }
    Ok(out)
}

/// Every schema file below `dir`: (label `DIR/REL`, value, text).
fn read_folder(
    dir: &Path,
    options: &crate::LoadOptions,
) -> Result<Vec<(String, Value, String)>, LoadError> {
    let raw = crate::load::read_dir(dir, options)?;
    let mut out = Vec::new();
    for file in &raw.files {
        let (value, text, _) = crate::load::parse(file, &mut Vec::new()).map_err(|e| match e {
            LoadError::Parse {
                file: name,
                format,
                line,
                column,
                message,
            } => LoadError::Parse {
                file: format!("{}/{name}", dir.display()),
                format,
                line,
                column,
                message,
            },
            other => other,
        })?;
        out.push((format!("{}/{}", dir.display(), file.path), value, text));
    }
    Ok(out)
}
