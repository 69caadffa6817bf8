//! Where the subschemas of a schema are: the keywords that hold schemas in any draft, by
//! shape (one schema, an array of schemas, a map of schemas), from core's table.

use std::sync::LazyLock;

use contracts_core::keywords::{self, Shape};
use serde_json::Value;

/// Keywords whose value is one subschema in some draft (core's per-draft table,
/// [`contracts_core::keywords`]; a bundle mixes documents of several drafts).
pub(crate) static SINGLE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| keywords::with_shape_in_any_draft(Shape::Schema));

/// Keywords whose value is an array of subschemas in some draft.
pub(crate) static ARRAY: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| keywords::with_shape_in_any_draft(Shape::SchemaArray));

/// Keywords whose value is an object of named subschemas in some draft.
pub(crate) static MAP: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| keywords::with_shape_in_any_draft(Shape::SchemaMap));

fn is_schema(v: &Value) -> bool {
    v.is_object() || v.is_boolean()
}

/// The direct subschemas of `schema`, each with the reference tokens (one or two) that lead to
/// it, in a deterministic order (the schema's key order, then array/map order).
pub(crate) fn children(schema: &Value) -> Vec<(Vec<String>, &Value)> {
    let mut out = Vec::new();
    let Some(obj) = schema.as_object() else {
        return out;
    };
    for (key, value) in obj {
        let k = key.as_str();
        if SINGLE.contains(&k) && is_schema(value) {
            out.push((vec![key.clone()], value));
        } else if k == "items" {
            match value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if is_schema(item) {
                            out.push((vec![key.clone(), i.to_string()], item));
                        }
                    }
                }
                v if is_schema(v) => out.push((vec![key.clone()], v)),
                _ => {}
            }
        } else if ARRAY.contains(&k) {
            if let Value::Array(items) = value {
                for (i, item) in items.iter().enumerate() {
                    if is_schema(item) {
                        out.push((vec![key.clone(), i.to_string()], item));
                    }
                }
            }
        } else if MAP.contains(&k) {
            if let Value::Object(map) = value {
                for (name, sub) in map {
                    if is_schema(sub) {
                        out.push((vec![key.clone(), name.clone()], sub));
                    }
                }
            }
        }
    }
    out
}

/// Whether `key` (at the schema level) holds subschemas.
pub(crate) fn is_schema_keyword(key: &str) -> bool {
    SINGLE.contains(&key) || ARRAY.contains(&key) || MAP.contains(&key) || key == "items"
}

/// Visit `schema` and every subschema below it, pre-order, with its JSON Pointer (starting at
/// `pointer`).
pub(crate) fn visit<'v>(schema: &'v Value, pointer: &str, f: &mut dyn FnMut(&str, &'v Value)) {
    f(pointer, schema);
    for (tokens, child) in children(schema) {
        let mut p = pointer.to_string();
        for t in &tokens {
            p = contracts_core::pointer::join(&p, t);
        }
        visit(child, &p, f);
    }
}
