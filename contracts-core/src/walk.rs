//! Walking the subschemas of a document: [`for_each_subschema`] is the one subschema walker of the
//! workspace (the CLI's `validate --examples` uses it too); schema positions are those of the
//! per-draft table in [`crate::keywords`].
//!
//! Only *schema positions* are visited: the values of the applicator keywords of JSON Schema
//! Core 2020-12 §10 (and their draft 4 to 2019-09 counterparts), the `$defs`/`definitions`
//! maps (§8.2.4) and `contentSchema` (Validation §8.5). Values under `enum`, `const`,
//! `default`, `examples` and unknown keywords are data, never schemas, so a `$ref` or `$id`
//! found there is ignored, as the specification requires.

use serde_json::Value;

use crate::keywords::Shape;
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

/// The slot of `value` found under `keyword` of a schema object of `draft`, as the table of
/// [`crate::keywords`] says.
pub(crate) fn slot(draft: Draft, keyword: &str, value: &Value) -> Slot {
    match crate::keywords::shape(draft, keyword) {
        Some(Shape::Schema) => Slot::Schema,
        Some(Shape::SchemaArray) => Slot::SchemaArray,
        Some(Shape::SchemaMap) => Slot::SchemaMap,
        Some(Shape::SchemaOrArray) if value.is_array() => Slot::SchemaArray,
        Some(Shape::SchemaOrArray) => Slot::Schema,
        None => Slot::Data,
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
///
/// Iterative (an explicit stack of member iterators): depth costs heap, never call stack, so
/// deeply nested documents cannot overflow it.
pub fn for_each_subschema<'v, F>(root: &'v Value, prefix: &str, draft: Draft, f: &mut F)
where
    F: FnMut(&'v Value, &str, Draft),
{
    /// Members still to visit, the pointer length they extend, and the draft in effect.
    enum Frame<'v> {
        /// The keywords of a schema object.
        Keywords(serde_json::map::Iter<'v>, usize, Draft),
        /// The members of a map of schemas (`properties`, `$defs`, ...).
        Map(serde_json::map::Iter<'v>, usize, Draft),
        /// The items of an array of schemas (`allOf`, `prefixItems`, ...).
        Array(
            std::iter::Enumerate<std::slice::Iter<'v, Value>>,
            usize,
            Draft,
        ),
    }
    let mut pointer = prefix.to_string();
    let mut stack: Vec<Frame<'v>> = Vec::new();
    let mut visit = |schema: &'v Value, pointer: &str, draft: Draft, stack: &mut Vec<Frame<'v>>| {
        let draft = draft_at(schema, draft);
        f(schema, pointer, draft);
        if let Some(object) = schema.as_object() {
            stack.push(Frame::Keywords(object.iter(), pointer.len(), draft));
        }
    };
    visit(root, &pointer, draft, &mut stack);
    while let Some(frame) = stack.last_mut() {
        match frame {
            Frame::Keywords(members, base, draft) => {
                let (base, draft) = (*base, *draft);
                let Some((keyword, value)) = members.next() else {
                    stack.pop();
                    continue;
                };
                pointer.truncate(base);
                push(&mut pointer, keyword);
                match slot(draft, keyword, value) {
                    Slot::Schema => visit(value, &pointer, draft, &mut stack),
                    Slot::SchemaMap => {
                        if let Some(map) = value.as_object() {
                            stack.push(Frame::Map(map.iter(), pointer.len(), draft));
                        }
                    }
                    Slot::SchemaArray => {
                        if let Some(items) = value.as_array() {
                            stack.push(Frame::Array(
                                items.iter().enumerate(),
                                pointer.len(),
                                draft,
                            ));
                        }
                    }
                    Slot::Data => {}
                }
            }
            Frame::Map(members, base, draft) => {
                let (base, draft) = (*base, *draft);
                let Some((key, child)) = members.next() else {
                    stack.pop();
                    continue;
                };
                pointer.truncate(base);
                push(&mut pointer, key);
                if child.is_object() || child.is_boolean() {
                    visit(child, &pointer, draft, &mut stack);
                }
            }
            Frame::Array(items, base, draft) => {
                let (base, draft) = (*base, *draft);
                let Some((index, child)) = items.next() else {
                    stack.pop();
                    continue;
                };
                pointer.truncate(base);
                pointer.push('/');
                pointer.push_str(&index.to_string());
                visit(child, &pointer, draft, &mut stack);
            }
        }
    }
}

/// Visit every object, array and boolean under `root` (itself included), schema or not, with
/// its JSON Pointer (`prefix` plus the path below `root`), in document order.
///
/// Iterative, as [`for_each_subschema`].
pub(crate) fn for_each_node<'v, F>(root: &'v Value, prefix: &str, f: &mut F)
where
    F: FnMut(&'v Value, &str),
{
    /// Members still to visit and the pointer length they extend.
    enum Frame<'v> {
        Object(serde_json::map::Iter<'v>, usize),
        Array(std::iter::Enumerate<std::slice::Iter<'v, Value>>, usize),
    }
    let mut pointer = prefix.to_string();
    let mut stack: Vec<Frame<'v>> = Vec::new();
    let mut visit = |value: &'v Value, pointer: &str, stack: &mut Vec<Frame<'v>>| match value {
        Value::Object(map) => {
            f(value, pointer);
            stack.push(Frame::Object(map.iter(), pointer.len()));
        }
        Value::Array(items) => {
            f(value, pointer);
            stack.push(Frame::Array(items.iter().enumerate(), pointer.len()));
        }
        Value::Bool(_) => f(value, pointer),
        _ => {}
    };
    visit(root, &pointer, &mut stack);
    while let Some(frame) = stack.last_mut() {
        let child = match frame {
            Frame::Object(members, base) => {
                let base = *base;
                members.next().map(|(key, child)| {
                    pointer.truncate(base);
                    push(&mut pointer, key);
                    child
                })
            }
            Frame::Array(items, base) => {
                let base = *base;
                items.next().map(|(index, child)| {
                    pointer.truncate(base);
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                    child
                })
            }
        };
        match child {
            Some(child) => visit(child, &pointer, &mut stack),
            None => {
                stack.pop();
            }
        }
    }
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
/// reached and whether it sits at a schema position, keywords read as the draft in effect
/// (`draft` at the root) defines them. `None` when the pointer has no value.
pub(crate) fn path_slots<'v>(
    root: &'v Value,
    draft: Draft,
    tokens: &[String],
) -> Option<Vec<(&'v Value, bool)>> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut current = root;
    let mut current_slot = Slot::Schema;
    let mut draft = draft_at(root, draft);
    for token in tokens {
        let (next, next_slot) = match current_slot {
            Slot::Schema => {
                let next = current.as_object()?.get(token)?;
                (next, slot(draft, token, next))
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
        if next_slot == Slot::Schema {
            draft = draft_at(next, draft);
        }
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
    fn walks_are_in_document_order_and_iterative() {
        let schema = json!({
            "allOf": [{"properties": {"a": {"not": true}}}, false],
            "x-data": {"k": [1, {"z": null}]},
            "$defs": {"d": {"items": {}}}
        });
        let mut subschemas = Vec::new();
        for_each_subschema(&schema, "/r", Draft::Draft202012, &mut |_, p, _| {
            subschemas.push(p.to_string())
        });
        assert_eq!(
            subschemas,
            vec![
                "/r",
                "/r/allOf/0",
                "/r/allOf/0/properties/a",
                "/r/allOf/0/properties/a/not",
                "/r/allOf/1",
                "/r/$defs/d",
                "/r/$defs/d/items"
            ]
        );
        let mut nodes = Vec::new();
        for_each_node(&schema, "", &mut |_, p| nodes.push(p.to_string()));
        assert_eq!(
            nodes,
            vec![
                "",
                "/allOf",
                "/allOf/0",
                "/allOf/0/properties",
                "/allOf/0/properties/a",
                "/allOf/0/properties/a/not",
                "/allOf/1",
                "/x-data",
                "/x-data/k",
                "/x-data/k/1",
                "/$defs",
                "/$defs/d",
                "/$defs/d/items"
            ]
        );
        // 100,000 levels on a 256 KiB stack: no recursion.
        let mut deep = json!({});
        for _ in 0..100_000 {
            let mut wrapper = serde_json::Map::new();
            wrapper.insert("not".into(), deep);
            deep = Value::Object(wrapper);
        }
        let deep = std::sync::Arc::new(deep);
        let shared = std::sync::Arc::clone(&deep);
        let counts = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || {
                let (mut schemas, mut nodes) = (0, 0);
                for_each_subschema(&shared, "", Draft::Draft202012, &mut |_, _, _| schemas += 1);
                for_each_node(&shared, "", &mut |_, _| nodes += 1);
                (schemas, nodes)
            })
            .expect("thread")
            .join()
            .expect("no overflow");
        assert_eq!(counts, (100_001, 100_001));
        // Dropping a deep `Value` recurses: unwrap it level by level.
        let mut value = std::sync::Arc::try_unwrap(deep).unwrap_or_default();
        while let Some(inner) = value.get_mut("not").map(Value::take) {
            value = inner;
        }
    }

    #[test]
    fn path_slots_marks_schema_positions() {
        let schema = json!({"$defs": {"a": {"enum": [{"x": 1}]}}});
        let tokens = crate::pointer::tokens("/$defs/a/enum/0");
        let slots = path_slots(&schema, Draft::Draft202012, &tokens).unwrap_or_default();
        let flags: Vec<bool> = slots.iter().map(|(_, s)| *s).collect();
        assert_eq!(flags, vec![false, true, false, false]);
        assert!(path_slots(
            &schema,
            Draft::Draft202012,
            &crate::pointer::tokens("/$defs/b")
        )
        .is_none());
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
