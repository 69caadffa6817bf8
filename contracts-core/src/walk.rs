//! Walking the subschemas of a document (private).
//!
//! Only *schema positions* are visited: the values of the applicator keywords of JSON Schema
//! Core 2020-12 §10 (and their draft 4 to 2019-09 counterparts), the `$defs`/`definitions`
//! maps (§8.2.4) and `contentSchema` (Validation §8.5). Values under `enum`, `const`,
//! `default`, `examples` and unknown keywords are data, never schemas, so a `$ref` or `$id`
//! found there is ignored, as the specification requires.

use serde_json::Value;

use crate::pointer;
use crate::Draft;

/// What the value under a keyword of a schema object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A schema (object or boolean).
    Schema,
    /// An object whose member values are schemas (`properties`, `$defs`, ...).
    SchemaMap,
    /// An array whose items are schemas (`allOf`, `prefixItems`, array-form `items`, ...).
    SchemaArray,
    /// Anything else: annotations, assertions' arguments, instance data.
    Data,
}

/// The slot of `value` found under `keyword` of a schema object.
pub(crate) fn slot(keyword: &str, value: &Value) -> Slot {
    match keyword {
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas"
        | "dependencies" => Slot::SchemaMap,
        "allOf" | "anyOf" | "oneOf" | "prefixItems" => Slot::SchemaArray,
        "items" if value.is_array() => Slot::SchemaArray,
        "items"
        | "not"
        | "if"
        | "then"
        | "else"
        | "additionalItems"
        | "additionalProperties"
        | "contains"
        | "propertyNames"
        | "unevaluatedItems"
        | "unevaluatedProperties"
        | "contentSchema" => Slot::Schema,
        _ => Slot::Data,
    }
}

/// The draft in effect at a subschema: its own `$schema` when it names a known draft
/// (Core 2020-12 §8.1.1 allows it only at resource roots; earlier drafts were lax), else the
/// enclosing draft.
pub(crate) fn draft_at(schema: &Value, enclosing: Draft) -> Draft {
    schema
        .get("$schema")
        .and_then(Value::as_str)
        .and_then(Draft::from_uri)
        .unwrap_or(enclosing)
}

/// The identifier of `schema` that changes the base URI, as the `referencing` crate reads it:
/// `id` in draft 4, `$id` later; in drafts 4 to 7 an identifier beside `$ref` is ignored (the
/// `$ref` replaces the whole object) and a fragment-only one is a plain-name anchor, not a
/// base URI change.
pub(crate) fn base_changing_id(schema: &Value, draft: Draft) -> Option<&str> {
    let object = schema.as_object()?;
    let id = object.get(draft.id_keyword())?.as_str()?;
    match draft {
        Draft::Draft4 | Draft::Draft6 | Draft::Draft7 => {
            if object.contains_key("$ref") || id.starts_with('#') {
                None
            } else {
                Some(id)
            }
        }
        Draft::Draft201909 | Draft::Draft202012 => {
            if id.starts_with('#') {
                None
            } else {
                Some(id)
            }
        }
    }
}

/// Visit every subschema of `root` (itself included) in document order, with its JSON Pointer
/// (`prefix` plus the path below `root`) and the draft in effect there.
pub(crate) fn for_each_subschema<'v, F>(root: &'v Value, prefix: &str, draft: Draft, f: &mut F)
where
    F: FnMut(&'v Value, &str, Draft),
{
    visit(root, &mut prefix.to_string(), draft, f);
}

fn visit<'v, F>(schema: &'v Value, pointer: &mut String, draft: Draft, f: &mut F)
where
    F: FnMut(&'v Value, &str, Draft),
{
    let draft = draft_at(schema, draft);
    f(schema, pointer, draft);
    let Some(object) = schema.as_object() else {
        return;
    };
    for (keyword, value) in object {
        let len = pointer.len();
        push(pointer, keyword);
        match slot(keyword, value) {
            Slot::Schema => visit(value, pointer, draft, f),
            Slot::SchemaMap => {
                if let Some(map) = value.as_object() {
                    for (key, child) in map {
                        let inner = pointer.len();
                        push(pointer, key);
                        if child.is_object() || child.is_boolean() {
                            visit(child, pointer, draft, f);
                        }
                        pointer.truncate(inner);
                    }
                }
            }
            Slot::SchemaArray => {
                if let Some(items) = value.as_array() {
                    for (index, child) in items.iter().enumerate() {
                        let inner = pointer.len();
                        pointer.push('/');
                        pointer.push_str(&index.to_string());
                        visit(child, pointer, draft, f);
                        pointer.truncate(inner);
                    }
                }
            }
            Slot::Data => {}
        }
        pointer.truncate(len);
    }
}

/// Visit every object, array and boolean under `root` (itself included), schema or not, with
/// its JSON Pointer (`prefix` plus the path below `root`).
pub(crate) fn for_each_node<'v, F>(root: &'v Value, prefix: &str, f: &mut F)
where
    F: FnMut(&'v Value, &str),
{
    fn go<'v, F: FnMut(&'v Value, &str)>(value: &'v Value, pointer: &mut String, f: &mut F) {
        match value {
            Value::Object(map) => {
                f(value, pointer);
                for (key, child) in map {
                    let len = pointer.len();
                    push(pointer, key);
                    go(child, pointer, f);
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                f(value, pointer);
                for (index, child) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                    go(child, pointer, f);
                    pointer.truncate(len);
                }
            }
            Value::Bool(_) => f(value, pointer),
            _ => {}
        }
    }
    go(root, &mut prefix.to_string(), f);
}

fn push(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        pointer.push_str(&pointer::escape(token));
    } else {
        pointer.push_str(token);
    }
}

/// The schemas met walking from a document root along `tokens`: for each token, the value
/// reached and whether it sits at a schema position. `None` when the pointer has no value.
pub(crate) fn path_slots<'v>(root: &'v Value, tokens: &[String]) -> Option<Vec<(&'v Value, bool)>> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut current = root;
    let mut current_slot = Slot::Schema;
    for token in tokens {
        let (next, next_slot) = match current_slot {
            Slot::Schema => {
                let next = current.as_object()?.get(token)?;
                (next, slot(token, next))
            }
            Slot::SchemaMap => (current.as_object()?.get(token)?, Slot::Schema),
            Slot::SchemaArray => (index(current, token)?, Slot::Schema),
            Slot::Data => {
                let next = match current {
                    Value::Object(map) => map.get(token)?,
                    Value::Array(_) => index(current, token)?,
                    _ => return None,
                };
                (next, Slot::Data)
            }
        };
        out.push((next, next_slot == Slot::Schema));
        current = next;
        current_slot = next_slot;
    }
    Some(out)
}

fn index<'v>(value: &'v Value, token: &str) -> Option<&'v Value> {
    if token.len() > 1 && token.starts_with('0') {
        return None;
    }
    let i: usize = token.parse().ok()?;
    value.as_array()?.get(i)
}

/// Whether a subschema is a *bare* reference: a `$ref` with no keyword that could constrain an
/// instance beside it (identifiers, `$defs`, comments and annotations are allowed). In drafts 4
/// to 7 `$ref` overrides its siblings (draft-07 Core §8.3), so any object with `$ref` is bare.
pub(crate) fn bare_ref(schema: &Value, draft: Draft) -> Option<&str> {
    let object = schema.as_object()?;
    let reference = object.get("$ref")?.as_str()?;
    if matches!(draft, Draft::Draft4 | Draft::Draft6 | Draft::Draft7) {
        return Some(reference);
    }
    let inert = |k: &str| {
        matches!(
            k,
            "$ref"
                | "$id"
                | "$schema"
                | "$anchor"
                | "$dynamicAnchor"
                | "$recursiveAnchor"
                | "$comment"
                | "$defs"
                | "definitions"
                | "$vocabulary"
                | "title"
                | "description"
                | "default"
                | "examples"
                | "deprecated"
                | "readOnly"
                | "writeOnly"
        ) || k.starts_with("x-")
    };
    object.keys().all(|k| inert(k)).then_some(reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn visits_only_schema_positions() {
        let schema = json!({
            "properties": {"$ref": {"type": "string"}, "a/b": true},
            "enum": [{"$ref": "#/nope"}],
            "items": [{"type": "string"}],
            "default": {"properties": {"x": {}}},
        });
        let mut seen = Vec::new();
        for_each_subschema(&schema, "", Draft::Draft7, &mut |_, p, _| {
            seen.push(p.to_string())
        });
        assert_eq!(
            seen,
            vec!["", "/properties/$ref", "/properties/a~1b", "/items/0"]
        );
    }

    #[test]
    fn path_slots_marks_schema_positions() {
        let schema = json!({"$defs": {"a": {"enum": [{"x": 1}]}}});
        let tokens = crate::pointer::tokens("/$defs/a/enum/0");
        let slots = path_slots(&schema, &tokens).unwrap_or_default();
        let flags: Vec<bool> = slots.iter().map(|(_, s)| *s).collect();
        assert_eq!(flags, vec![false, true, false, false]);
        assert!(path_slots(&schema, &crate::pointer::tokens("/$defs/b")).is_none());
    }

    #[test]
    fn bare_refs() {
        assert!(bare_ref(
            &json!({"$ref": "#", "description": "d"}),
            Draft::Draft202012
        )
        .is_some());
        assert!(bare_ref(&json!({"$ref": "#", "type": "string"}), Draft::Draft202012).is_none());
        assert!(bare_ref(&json!({"$ref": "#", "type": "string"}), Draft::Draft7).is_some());
    }
}
