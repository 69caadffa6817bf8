//! Bundling: every document of a package merged into one root schema whose `definitions` hold
//! one entry per document root, per `$defs`/`definitions` entry and per other `$ref` target, with
//! every `$ref` rewritten to `#/definitions/<Name>`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use contracts_core::{pointer, Draft, Location, Package, SchemaDocument};
use serde_json::{Map, Value};

use crate::naming;
use crate::walk;
use crate::Diagnostic;

/// Where a bundled definition came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The package schema (document name) that holds it.
    pub schema: String,
    /// The file, relative to the package root.
    pub file: String,
    /// JSON Pointer of the definition inside `file`.
    pub pointer: String,
}

impl Origin {
    /// A diagnostic at `relative` (a pointer inside this definition).
    pub fn diagnostic(&self, relative: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            schema: self.schema.clone(),
            file: self.file.clone(),
            pointer: format!("{}{}", self.pointer, relative),
            message: message.into(),
        }
    }
}

/// One definition of the bundle.
#[derive(Debug, Clone)]
pub(crate) struct Definition {
    /// The schema, normalized for typify (refs rewritten, identifiers dropped).
    pub value: Value,
    /// Where it came from.
    pub origin: Origin,
}

/// The bundled package.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bundle {
    /// Definitions by Rust type name.
    pub definitions: BTreeMap<String, Definition>,
    /// Document name → definition name of its root (containers of `$defs` only are absent).
    pub roots: BTreeMap<String, String>,
    /// Problems met while bundling (a `$ref` that does not resolve), each emitted as `{}`:
    /// whether they are warnings or errors is decided by the caller's leniency.
    pub problems: Vec<Diagnostic>,
}

const REF_KEYS: [&str; 3] = ["$ref", "$dynamicRef", "$recursiveRef"];

/// Keywords that only identify or annotate and that typify must not see.
const DROP_KEYS: [&str; 9] = [
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$recursiveAnchor",
    "$comment",
    "$vocabulary",
    "$defs",
    "definitions",
];

/// Whether a document root holds nothing but definitions (and identifiers/annotations), so it
/// is no type of its own.
fn is_container(value: &Value) -> bool {
    match value.as_object() {
        Some(obj) => {
            (obj.contains_key("$defs") || obj.contains_key("definitions"))
                && obj.keys().all(|k| {
                    DROP_KEYS.contains(&k.as_str())
                        || matches!(k.as_str(), "title" | "description" | "id")
                })
        }
        None => false,
    }
}

struct Ctx<'r, 'p> {
    package: &'p Package,
    resolver: &'r contracts_core::RefResolver<'p>,
    /// Every location a `$ref` points to.
    targets: BTreeSet<Location>,
    /// Locations already walked.
    seen: BTreeSet<Location>,
    problems: Vec<Diagnostic>,
}

impl<'p> Ctx<'_, 'p> {
    fn doc_for(&self, loc: &Location) -> Option<&'p SchemaDocument> {
        self.package.by_location(loc)
    }

    fn diag(&self, loc: &Location, message: String) -> Diagnostic {
        let schema = self
            .doc_for(loc)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| loc.file.clone());
        Diagnostic {
            schema,
            file: loc.file.clone(),
            pointer: loc.pointer.clone(),
            message,
        }
    }

    fn resolve(&self, from: &Location, reference: &str) -> Result<Location, String> {
        match self.resolver.resolve(from, reference) {
            Ok(r) => Ok(r.location()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Walk the subschema at `loc` (value `value`) and every subschema below, recording `$ref`
    /// targets; targets that lie outside every walked tree are walked in turn.
    fn collect(&mut self, start: Location, value: &'p Value) {
        let mut queue: VecDeque<(Location, &'p Value)> = VecDeque::new();
        queue.push_back((start, value));
        while let Some((loc, value)) = queue.pop_front() {
            if !self.seen.insert(loc.clone()) {
                continue;
            }
            if let Some(obj) = value.as_object() {
                for key in REF_KEYS {
                    if let Some(Value::String(reference)) = obj.get(key) {
                        match self.resolve(&loc, reference) {
                            Ok(target) => {
                                if !self.seen.contains(&target) {
                                    if let Some(v) = self.package.value_at(&target) {
                                        queue.push_back((target.clone(), v));
                                    }
                                }
                                self.targets.insert(target);
                            }
                            Err(message) => {
                                let d = self.diag(&loc, message);
                                self.problems.push(d);
                            }
                        }
                    }
                }
            }
            for (tokens, child) in walk::children(value) {
                let mut l = loc.clone();
                for t in &tokens {
                    l = l.join(t);
                }
                queue.push_back((l, child));
            }
        }
    }
}

/// Name parts (most specific first) for a document name like `events/import.progress.v1`.
fn doc_parts(name: &str) -> Vec<String> {
    name.split('/').rev().map(str::to_string).collect()
}

/// A readable suffix for a pointer relative to a document root: map keys and keywords kept,
/// `properties`/`$defs`-like map keywords dropped.
fn pointer_suffix(relative: &str) -> String {
    let tokens = pointer::tokens(relative);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        if walk::MAP.contains(&t) && i + 1 < tokens.len() {
            out.push(tokens[i + 1].clone());
            i += 2;
        } else if (walk::ARRAY.contains(&t) || t == "items") && i + 1 < tokens.len() {
            if tokens[i + 1].chars().all(|c| c.is_ascii_digit()) {
                out.push(format!("{t}-{}", tokens[i + 1]));
                i += 2;
            } else {
                out.push(t.to_string());
                i += 1;
            }
        } else {
            out.push(t.to_string());
            i += 1;
        }
    }
    out.join("-")
}

/// Bundle `package` into one set of definitions, resolving `$ref`s with `resolver` (the
/// package's own).
pub(crate) fn bundle<'p>(
    package: &'p Package,
    resolver: &contracts_core::RefResolver<'p>,
) -> Bundle {
    let mut ctx = Ctx {
        package,
        resolver,
        targets: BTreeSet::new(),
        seen: BTreeSet::new(),
        problems: Vec::new(),
    };
    for doc in package.documents.values() {
        ctx.collect(doc.location(), &doc.value);
    }

    // Every definition to emit: location → (document, name parts).
    let mut wanted: BTreeMap<Location, Vec<String>> = BTreeMap::new();
    let mut roots: BTreeMap<String, Location> = BTreeMap::new();
    for doc in package.documents.values() {
        let root = doc.location();
        if !is_container(&doc.value) || ctx.targets.contains(&root) {
            wanted.insert(root.clone(), doc_parts(&doc.name));
            roots.insert(doc.name.clone(), root.clone());
        }
        if let Some(obj) = doc.value.as_object() {
            for key in ["$defs", "definitions"] {
                if let Some(Value::Object(defs)) = obj.get(key) {
                    for name in defs.keys() {
                        let loc = root.join(key).join(name);
                        wanted.insert(loc, def_parts(name, doc));
                    }
                }
            }
        }
    }
    for target in &ctx.targets {
        if wanted.contains_key(target) {
            continue;
        }
        let Some(doc) = package.by_location(target) else {
            continue;
        };
        let relative = &target.pointer[doc.pointer.len()..];
        let tokens = pointer::tokens(relative);
        let parts = if tokens.len() == 2 && (tokens[0] == "$defs" || tokens[0] == "definitions") {
            def_parts(&tokens[1], doc)
        } else {
            let last = doc.name.rsplit('/').next().unwrap_or(&doc.name);
            let mut parts = vec![format!("{last}-{}", pointer_suffix(relative))];
            parts.extend(doc_parts(&doc.name).into_iter().skip(1));
            parts
        };
        wanted.insert(target.clone(), parts);
    }
    let names = naming::assign_unique(&wanted, &BTreeSet::new());

    let mut bundle = Bundle {
        problems: std::mem::take(&mut ctx.problems),
        ..Bundle::default()
    };
    for (doc_name, loc) in &roots {
        bundle.roots.insert(doc_name.clone(), names[loc].clone());
    }
    for (loc, name) in &names {
        let Some(doc) = package.by_location(loc) else {
            continue;
        };
        let Some(value) = package.value_at(loc) else {
            continue;
        };
        let mut emitter = Emitter {
            ctx: &ctx,
            names: &names,
            draft: doc.draft,
            openapi: doc.pointer.starts_with("/components/schemas/"),
            problems: &mut bundle.problems,
        };
        let mut value = emitter.emit(value, loc, true);
        untitle_nullable_root(&mut value);
        bundle.definitions.insert(
            name.clone(),
            Definition {
                value,
                origin: Origin {
                    schema: doc.name.clone(),
                    file: loc.file.clone(),
                    pointer: loc.pointer.clone(),
                },
            },
        );
    }
    bundle
}

/// typify makes a definition whose `type` admits `null` an `Option` of an inner type named
/// after the `title`, which may be another definition's name: such a root loses its `title`
/// (the inner type is then `<Name>Inner`).
fn untitle_nullable_root(value: &mut Value) {
    let nullable = match value.get("type") {
        Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
        _ => false,
    };
    if nullable {
        if let Some(obj) = value.as_object_mut() {
            obj.remove("title");
        }
    }
}

/// Rewrite every `$ref` to `#/definitions/<old>` in `value` to point to `new`.
pub(crate) fn rename_refs(value: &mut Value, old: &str, new: &str) {
    let target = format!("#/definitions/{old}");
    match value {
        Value::Object(map) => {
            if map.get("$ref").and_then(Value::as_str) == Some(target.as_str()) {
                map.insert("$ref".into(), Value::String(format!("#/definitions/{new}")));
            }
            for (key, v) in map.iter_mut() {
                if walk::MAP.contains(&key.as_str()) {
                    if let Value::Object(entries) = v {
                        entries.values_mut().for_each(|e| rename_refs(e, old, new));
                    }
                } else if walk::is_schema_keyword(key) {
                    rename_refs(v, old, new);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_refs(v, old, new)),
        _ => {}
    }
}

impl Bundle {
    /// Rename definition `old` to `new`, rewriting every reference to it.
    pub(crate) fn rename(&mut self, old: &str, new: &str) {
        if let Some(def) = self.definitions.remove(old) {
            self.definitions.insert(new.to_string(), def);
        }
        for def in self.definitions.values_mut() {
            rename_refs(&mut def.value, old, new);
        }
        for root in self.roots.values_mut() {
            if root == old {
                *root = new.to_string();
            }
        }
    }
}

/// Name parts for a `$defs` entry `key` of `doc`: its dot-separated segments, most specific
/// first (`io.k8s.api.core.v1.Pod` → `Pod`, `v1`, `core`, ...), then the document's name.
fn def_parts(key: &str, doc: &SchemaDocument) -> Vec<String> {
    let mut parts: Vec<String> = key.split('.').rev().map(str::to_string).collect();
    parts.extend(doc_parts(&doc.name));
    parts
}

struct Emitter<'a, 'p> {
    ctx: &'a Ctx<'a, 'p>,
    names: &'a BTreeMap<Location, String>,
    draft: Draft,
    /// The document is an OpenAPI component (3.0 `nullable` applies).
    openapi: bool,
    problems: &'a mut Vec<Diagnostic>,
}

impl Emitter<'_, '_> {
    fn reference(name: &str) -> Value {
        let mut m = Map::new();
        m.insert(
            "$ref".into(),
            Value::String(format!("#/definitions/{name}")),
        );
        Value::Object(m)
    }

    fn emit(&mut self, value: &Value, loc: &Location, is_def_root: bool) -> Value {
        if !is_def_root {
            if let Some(name) = self.names.get(loc) {
                return Self::reference(name);
            }
        }
        let Some(obj) = value.as_object() else {
            return value.clone();
        };
        let mut out = Map::new();
        let has_ref = REF_KEYS
            .iter()
            .any(|k| matches!(obj.get(*k), Some(Value::String(_))));
        for (key, v) in obj {
            let k = key.as_str();
            if REF_KEYS.contains(&k) {
                let Value::String(reference) = v else {
                    continue;
                };
                match self.ctx.resolve(loc, reference) {
                    Ok(target) => match self.names.get(&target) {
                        Some(name) => {
                            out.insert(
                                "$ref".into(),
                                Value::String(format!("#/definitions/{name}")),
                            );
                        }
                        None => self.fail(loc, format!("$ref {reference:?} has no definition")),
                    },
                    Err(message) => self.fail(loc, message),
                }
                continue;
            }
            if DROP_KEYS.contains(&k) {
                continue;
            }
            if k == "id" && self.draft == Draft::Draft4 && v.is_string() {
                continue;
            }
            // Up to draft 7, keywords beside `$ref` are ignored (annotations are kept for docs).
            if has_ref
                && self.draft <= Draft::Draft7
                && !matches!(k, "title" | "description" | "default" | "examples")
            {
                continue;
            }
            if walk::is_schema_keyword(k) {
                out.insert(key.clone(), self.emit_keyword(k, v, loc));
                continue;
            }
            out.insert(key.clone(), v.clone());
        }
        normalize(&mut out, self.draft);
        if self.openapi {
            return nullable(out);
        }
        Value::Object(out)
    }

    fn emit_keyword(&mut self, key: &str, v: &Value, loc: &Location) -> Value {
        let here = loc.join(key);
        match v {
            Value::Array(items) if walk::ARRAY.contains(&key) || key == "items" => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.emit(item, &here.join(&i.to_string()), false))
                    .collect(),
            ),
            Value::Object(map) if walk::MAP.contains(&key) => Value::Object(
                map.iter()
                    .map(|(name, sub)| {
                        let sub = if sub.is_object() || sub.is_boolean() {
                            self.emit(sub, &here.join(name), false)
                        } else {
                            sub.clone()
                        };
                        (name.clone(), sub)
                    })
                    .collect(),
            ),
            other => self.emit(other, &here, false),
        }
    }

    fn fail(&mut self, loc: &Location, message: String) {
        let d = self.ctx.diag(loc, message);
        self.problems.push(d);
    }
}

/// OpenAPI 3.0 `nullable: true`: `null` joins the schema's `type` (and `enum`), or, for a schema
/// without `type` (a `$ref`, a combinator), the schema becomes `anyOf: [schema, null]`.
fn nullable(mut obj: Map<String, Value>) -> Value {
    match obj.remove("nullable") {
        Some(Value::Bool(true)) => {}
        _ => return Value::Object(obj),
    }
    let null = Value::String("null".into());
    if let Some(Value::Array(values)) = obj.get_mut("enum") {
        if !values.contains(&Value::Null) {
            values.push(Value::Null);
        }
    }
    let union = matches!(obj.get("oneOf").or(obj.get("anyOf")), Some(Value::Array(_)));
    match obj.get_mut("type") {
        Some(Value::String(t)) => {
            let t = Value::String(t.clone());
            obj.insert("type".into(), Value::Array(vec![t, null]));
            Value::Object(obj)
        }
        Some(Value::Array(types)) => {
            if !types.contains(&null) {
                types.push(null);
            }
            Value::Object(obj)
        }
        _ if union => {
            // A union gets one more branch (wrapping it would make typify name the inner
            // union like the outer type).
            let key = if obj.contains_key("oneOf") {
                "oneOf"
            } else {
                "anyOf"
            };
            if let Some(Value::Array(branches)) = obj.get_mut(key) {
                let mut null_schema = Map::new();
                null_schema.insert("type".into(), null);
                branches.push(Value::Object(null_schema));
            }
            Value::Object(obj)
        }
        _ => {
            let mut outer = Map::new();
            for key in ["title", "description", "default"] {
                if let Some(v) = obj.remove(key) {
                    outer.insert(key.into(), v);
                }
            }
            let mut null_schema = Map::new();
            null_schema.insert("type".into(), null);
            outer.insert(
                "anyOf".into(),
                Value::Array(vec![Value::Object(obj), Value::Object(null_schema)]),
            );
            Value::Object(outer)
        }
    }
}

/// Draft-specific rewrites into the draft-07-like dialect typify reads.
fn normalize(obj: &mut Map<String, Value>, draft: Draft) {
    // Draft 4: `exclusiveMaximum: true` qualifies `maximum`.
    if draft == Draft::Draft4 {
        for (flag, bound) in [
            ("exclusiveMaximum", "maximum"),
            ("exclusiveMinimum", "minimum"),
        ] {
            if let Some(Value::Bool(b)) = obj.get(flag).cloned() {
                obj.remove(flag);
                if b {
                    if let Some(n) = obj.remove(bound) {
                        obj.insert(flag.into(), n);
                    }
                }
            }
        }
    }
    // A string `const` becomes a one-value `enum`, which typify does enforce.
    if !obj.contains_key("enum") {
        if let Some(Value::String(s)) = obj.get("const").cloned() {
            obj.remove("const");
            obj.insert("enum".into(), Value::Array(vec![Value::String(s)]));
            if !obj.contains_key("type") {
                obj.insert("type".into(), Value::String("string".into()));
            }
        }
    }
    // Any other `const` at least fixes the type (the value itself is not enforced: linted).
    if !obj.contains_key("type") && !obj.contains_key("enum") {
        let ty = match obj.get("const") {
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Some("integer"),
            Some(Value::Number(_)) => Some("number"),
            Some(Value::Bool(_)) => Some("boolean"),
            _ => None,
        };
        if let Some(ty) = ty {
            obj.insert("type".into(), Value::String(ty.into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_reach_every_subschema() {
        let mut v = serde_json::json!({
            "properties": {"a": {"$ref": "#/definitions/X"}, "enum": {"items": {"$ref": "#/definitions/X"}}},
            "anyOf": [{"$ref": "#/definitions/X"}, {"$ref": "#/definitions/Y"}],
            "enum": [{"$ref": "#/definitions/X"}]
        });
        rename_refs(&mut v, "X", "X2");
        assert_eq!(v["properties"]["a"]["$ref"], "#/definitions/X2");
        assert_eq!(v["properties"]["enum"]["items"]["$ref"], "#/definitions/X2");
        assert_eq!(v["anyOf"][0]["$ref"], "#/definitions/X2");
        assert_eq!(v["anyOf"][1]["$ref"], "#/definitions/Y");
        assert_eq!(
            v["enum"][0]["$ref"], "#/definitions/X",
            "enum values are data"
        );
    }

    #[test]
    fn openapi_nullable_admits_null() {
        let obj = |v: Value| v.as_object().unwrap().clone();
        let t = nullable(obj(serde_json::json!({"type": "string", "nullable": true})));
        assert_eq!(t, serde_json::json!({"type": ["string", "null"]}));
        let e = nullable(obj(
            serde_json::json!({"type": "string", "enum": ["a"], "nullable": true}),
        ));
        assert_eq!(
            e,
            serde_json::json!({"type": ["string", "null"], "enum": ["a", null]})
        );
        let r = nullable(obj(
            serde_json::json!({"$ref": "#/definitions/X", "description": "d", "nullable": true}),
        ));
        assert_eq!(
            r,
            serde_json::json!({"description": "d", "anyOf": [{"$ref": "#/definitions/X"}, {"type": "null"}]})
        );
        let u = nullable(obj(
            serde_json::json!({"oneOf": [{"$ref": "#/definitions/X"}], "nullable": true}),
        ));
        assert_eq!(
            u,
            serde_json::json!({"oneOf": [{"$ref": "#/definitions/X"}, {"type": "null"}]})
        );
        let f = nullable(obj(
            serde_json::json!({"type": "string", "nullable": false}),
        ));
        assert_eq!(f, serde_json::json!({"type": "string"}));
    }

    #[test]
    fn suffixes_read_well() {
        assert_eq!(pointer_suffix("/properties/payload"), "payload");
        assert_eq!(pointer_suffix("/properties/items/items"), "items-items");
        assert_eq!(pointer_suffix("/allOf/1/properties/x"), "allOf-1-x");
    }
}
