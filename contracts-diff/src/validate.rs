//! Validating instances against subschemas of a package, with one registry per package.
//!
//! `contracts_core::Package::validator` builds the `referencing` registry of the whole package
//! for every validator; the witness search and the value comparisons ask for many validators, so
//! this module builds the registry once per package (the same registrations: each document under
//! its base URI and under `contracts:///<file>`) and compiles one `jsonschema` validator per
//! location, cached. Documents inside another file (OpenAPI components) fall back to
//! `Package::validator`.

use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use contracts_core::validate::ValidatorOptions;
use contracts_core::{Location, Package};
use referencing::{Registry, ResourceRef};
use serde_json::{json, Value};

/// The base URI of the wrapper schema `{"$ref": <target>}` each validator is compiled from.
const WRAPPER_URI: &str = "contracts:///__contracts_diff_wrapper__.json";

/// A compiled validator: ours or the core's.
enum Compiled {
    Own(jsonschema::Validator),
    Core(contracts_core::validate::PackageValidator),
}

impl Compiled {
    fn is_valid(&self, instance: &Value) -> bool {
        match self {
            Compiled::Own(v) => v.is_valid(instance),
            Compiled::Core(v) => v.is_valid(instance),
        }
    }
}

/// Validators for the subschemas of one package.
pub(crate) struct Validators<'a> {
    pkg: &'a Package,
    format_assertion: bool,
    registry: OnceCell<Option<Registry<'a>>>,
    cache: RefCell<HashMap<Location, Option<Rc<Compiled>>>>,
}

/// `contracts:///<file>` with each path segment percent-encoded (as `contracts-core` registers
/// files).
fn file_uri(file: &str) -> String {
    let mut out = String::from("contracts:///");
    for (i, segment) in file.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&percent_encode(segment, b"-._~!$&'()*+,;=:@"));
    }
    out
}

fn percent_encode(text: &str, allowed: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || allowed.contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A URI without a trailing `#`, normalized as `referencing` does.
fn normalize(uri: &str) -> String {
    let trimmed = uri.trim_end_matches('#');
    referencing::uri::from_str(trimmed)
        .map(|u| u.as_str().to_string())
        .unwrap_or_else(|_| trimmed.to_string())
}

impl<'a> Validators<'a> {
    /// Validators over `pkg`.
    pub fn new(pkg: &'a Package, format_assertion: bool) -> Self {
        Validators {
            pkg,
            format_assertion,
            registry: OnceCell::new(),
            cache: RefCell::new(HashMap::new()),
        }
    }

    fn registry(&self) -> Option<&Registry<'a>> {
        self.registry
            .get_or_init(|| {
                let mut builder = Registry::new();
                let mut claimed = HashSet::new();
                for doc in self.pkg.documents.values() {
                    if !doc.pointer.is_empty() {
                        continue;
                    }
                    let draft = doc.draft.to_referencing();
                    for uri in [doc.base_uri.as_str(), &file_uri(&doc.file)] {
                        let key = normalize(uri);
                        if !claimed.insert(key.clone()) {
                            continue;
                        }
                        builder = builder
                            .add(&key, ResourceRef::new(&doc.value, draft))
                            .ok()?;
                    }
                }
                // Host-relative aliases, as contracts-core registers them: a document whose
                // absolute `$id` has the path `/p` is also `contracts:///p` unless a file has
                // that URI or two documents claim it.
                let mut aliases: HashMap<String, Option<&'a contracts_core::SchemaDocument>> =
                    HashMap::new();
                for doc in self.pkg.documents.values() {
                    if !doc.pointer.is_empty() || doc.base_uri.starts_with("contracts:") {
                        continue;
                    }
                    let Ok(uri) = referencing::uri::from_str(&doc.base_uri) else {
                        continue;
                    };
                    let path = uri.path().as_str();
                    if !path.starts_with('/') || path.len() < 2 {
                        continue;
                    }
                    let alias = normalize(&format!("contracts://{path}"));
                    if claimed.contains(&alias) {
                        continue;
                    }
                    aliases
                        .entry(alias)
                        .and_modify(|slot| *slot = None)
                        .or_insert(Some(doc));
                }
                let mut aliases: Vec<(String, &'a contracts_core::SchemaDocument)> = aliases
                    .into_iter()
                    .filter_map(|(uri, doc)| doc.map(|d| (uri, d)))
                    .collect();
                aliases.sort_by(|a, b| a.0.cmp(&b.0));
                for (uri, doc) in aliases {
                    builder = builder
                        .add(
                            &uri,
                            ResourceRef::new(&doc.value, doc.draft.to_referencing()),
                        )
                        .ok()?;
                }
                builder.prepare().ok()
            })
            .as_ref()
    }

    fn compile(&self, loc: &Location) -> Option<Compiled> {
        let doc = self.pkg.by_location(loc)?;
        if !doc.pointer.is_empty() {
            let options = ValidatorOptions {
                format_assertion: self.format_assertion,
            };
            return self.pkg.validator(loc, options).ok().map(Compiled::Core);
        }
        self.pkg.value_at(loc)?;
        let options = ValidatorOptions {
            format_assertion: self.format_assertion,
        };
        let Some(registry) = self.registry() else {
            return self.pkg.validator(loc, options).ok().map(Compiled::Core);
        };
        let target = format!(
            "{}#{}",
            doc.base_uri.trim_end_matches('#'),
            percent_encode(&loc.pointer, b"-._~!$&'()*+,;=:@/?")
        );
        jsonschema::options()
            .with_draft(doc.draft.to_referencing())
            .with_registry(registry)
            .with_base_uri(WRAPPER_URI)
            .should_validate_formats(self.format_assertion)
            .build(&json!({ "$ref": target }))
            .ok()
            .map(Compiled::Own)
            .or_else(|| self.pkg.validator(loc, options).ok().map(Compiled::Core))
    }

    /// Whether the subschema at `loc` accepts `instance`; `None` when no validator can be built
    /// there.
    pub fn validates(&self, loc: &Location, instance: &Value) -> Option<bool> {
        let compiled = {
            let mut cache = self.cache.borrow_mut();
            if let Some(hit) = cache.get(loc) {
                hit.clone()
            } else {
                let built = self.compile(loc).map(Rc::new);
                cache.insert(loc.clone(), built.clone());
                built
            }
        }?;
        Some(compiled.is_valid(instance))
    }
}
