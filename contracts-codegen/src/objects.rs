//! Objects keep every property (issue 15): typify 0.8 makes a struct of `properties` and
//! drops what else an instance holds (serde ignores unknown fields) unless
//! `additionalProperties` is a schema, and ignores `patternProperties` beside `properties`
//! (an object of only `patternProperties` became an empty struct that dropped every
//! property). Before typify runs, each object schema is rewritten so that what is not a known
//! field lands in a map:
//!
//! - `properties` with `additionalProperties` absent or `true`: `additionalProperties: {}`, a
//!   flattened `extra: Map<String, serde_json::Value>` beside the fields;
//! - `patternProperties` (unless typify's own map applies: only identical pattern schemas
//!   and `additionalProperties: false`): the pattern schemas, and `additionalProperties`
//!   unless it is `false`, become one `additionalProperties` (their `anyOf`, or `{}` when
//!   anything else is allowed), a map beside the fields; the keys are not checked against the
//!   patterns, which is reported.
//!
//! Objects that typify merges (members of `allOf`, branches of `anyOf`/`oneOf`, and objects
//! holding those) are left as they are: a map there multiplies typify's merging work. Their
//! generated types keep the named properties, and a map for the rest only when another merged
//! schema brings one (a `$ref` to a definition rewritten as above), so an instance's unknown
//! properties may be dropped. That loss is never silent: each such object whose content model
//! is open (neither it nor the object merging it has `additionalProperties: false` or
//! `unevaluatedProperties: false`) gets a warning at its pointer.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::lint::Finding;
use crate::walk;

/// The warning at an object whose unknown properties the generated type drops.
const DROPPED: &str = "unknown properties may be dropped: typify merges this object (an `allOf` member, an `anyOf`/`oneOf` branch, or an object holding those) into a type of the named properties, with a map for the rest only when another merged schema (through a `$ref`) brings one";

/// Whether an object schema rejects every property it does not name itself (or through the
/// schemas it applies): `additionalProperties: false` or `unevaluatedProperties: false`.
fn closed(o: &Map<String, Value>) -> bool {
    let no = Some(&Value::Bool(false));
    o.get("additionalProperties") == no || o.get("unevaluatedProperties") == no
}

/// Rewrite every object schema in `schema` (see the module docs); returns a note per rewritten
/// `patternProperties` and per merged open object (its unknown properties are dropped), at its
/// schema's pointer.
pub(crate) fn keep_every_property(schema: &mut Value) -> Vec<Finding> {
    // Deepest first, so that a rewrite never moves a subschema still to be visited.
    let mut pointers: Vec<String> = Vec::new();
    // Every merged member's pointer, with whether an object merging it (directly or through
    // nested merges) is closed. `visit` is pre-order: a member is recorded before it is visited.
    let mut merged: HashMap<String, bool> = HashMap::new();
    let mut notes = Vec::new();
    walk::visit(schema, "", &mut |pointer, value| {
        let Some(o) = value.as_object() else { return };
        // typify merges the members of `allOf` and the branches of a union: a map added there
        // multiplies its merging work (Vector's schema went from 2 s to over the budget).
        let merges = ["allOf", "anyOf", "oneOf"]
            .iter()
            .any(|k| o.contains_key(*k));
        let member_of = merged.get(pointer).copied();
        // Closed by this object or by one merging it (`unevaluatedProperties: false` sees
        // through nested `allOf`/`anyOf`/`oneOf`).
        let closes = closed(o) || member_of == Some(true);
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Array(members)) = o.get(key) {
                for i in 0..members.len() {
                    merged.insert(format!("{pointer}/{key}/{i}"), closes);
                }
            }
        }
        if !(o.contains_key("properties") || o.contains_key("patternProperties")) {
            return;
        }
        if !merges && member_of.is_none() {
            pointers.push(pointer.to_string());
        } else if !closes {
            notes.push(Finding {
                pointer: pointer.to_string(),
                message: DROPPED.into(),
            });
        }
    });
    for pointer in pointers.iter().rev() {
        let Some(Value::Object(obj)) = schema.pointer_mut(pointer) else {
            continue;
        };
        if rewrite(obj) {
            notes.push(Finding {
                pointer: pointer.clone(),
                message: "`patternProperties` are kept in a map whose values take any of the pattern schemas: keys are not checked against the patterns".into(),
            });
        }
    }
    notes
}

/// `propertyNames` made of a union (`anyOf`/`oneOf`/`allOf`/`not` at its top): typify types
/// the map's key as a struct of flattened options, which has neither `Eq` nor `Hash` and does
/// not compile as a `HashMap` key (SchemaStore's `setuptools.json`: `anyOf: [{format:
/// python-module-name}, {const: "*"}]`). Such a `propertyNames` is removed, so keys are plain
/// strings; the lint has already warned that `propertyNames` is not checked. Returns how many
/// were removed.
pub(crate) fn string_keys(schema: &mut Value) -> usize {
    let mut pointers = Vec::new();
    walk::visit(schema, "", &mut |pointer, value| {
        let union = value
            .get("propertyNames")
            .and_then(Value::as_object)
            .is_some_and(|p| {
                ["anyOf", "oneOf", "allOf", "not"]
                    .iter()
                    .any(|k| p.contains_key(*k))
            });
        if union {
            pointers.push(pointer.to_string());
        }
    });
    for pointer in &pointers {
        if let Some(Value::Object(obj)) = schema.pointer_mut(pointer) {
            obj.remove("propertyNames");
        }
    }
    pointers.len()
}

/// Whether typify maps this object itself: only `patternProperties`, all with one schema, and
/// nothing else allowed.
fn typify_maps_it(obj: &Map<String, Value>, patterns: &Map<String, Value>) -> bool {
    let first = patterns.values().next();
    obj.get("additionalProperties") == Some(&Value::Bool(false))
        && obj
            .get("properties")
            .and_then(Value::as_object)
            .is_none_or(Map::is_empty)
        && obj
            .get("required")
            .and_then(Value::as_array)
            .is_none_or(Vec::is_empty)
        && !obj.contains_key("propertyNames")
        && first.is_some()
        && patterns.values().all(|p| Some(p) == first)
}

/// Rewrite one object schema; `true` when `patternProperties` were folded into the map.
fn rewrite(obj: &mut Map<String, Value>) -> bool {
    let open = |a: Option<&Value>| matches!(a, None | Some(Value::Bool(true)));
    let patterns = match obj.get("patternProperties") {
        Some(Value::Object(p)) if !p.is_empty() => p.clone(),
        _ => {
            obj.remove("patternProperties");
            let has_fields = obj
                .get("properties")
                .and_then(Value::as_object)
                .is_some_and(|p| !p.is_empty());
            if has_fields && open(obj.get("additionalProperties")) {
                obj.insert("additionalProperties".into(), Value::Object(Map::new()));
            }
            return false;
        }
    };
    if typify_maps_it(obj, &patterns) {
        return false;
    }
    obj.remove("patternProperties");
    let additional = obj.get("additionalProperties").cloned();
    let value = if open(additional.as_ref()) {
        Value::Object(Map::new())
    } else {
        let mut values: Vec<Value> = Vec::new();
        let extra = additional.filter(|a| *a != Value::Bool(false));
        for v in patterns.into_values().chain(extra) {
            let v = match v {
                Value::Bool(true) => Value::Object(Map::new()),
                Value::Bool(false) => continue,
                other => other,
            };
            if !values.contains(&v) {
                values.push(v);
            }
        }
        match values.len() {
            0 => Value::Bool(false),
            1 => values.pop().expect("one"),
            _ => {
                let mut any = Map::new();
                any.insert("anyOf".into(), Value::Array(values));
                Value::Object(any)
            }
        }
    };
    obj.insert("additionalProperties".into(), value);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_keep_unknown_and_pattern_properties_in_a_map() {
        let mut s = json!({
            "properties": {
                "open": {"properties": {"a": {}}},
                "closed": {"properties": {"a": {}}, "additionalProperties": false},
                "patterns": {"patternProperties": {"^x": {"type": "integer"}, "^y": {"type": "string"}}},
                "typify_map": {"patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": false},
                "with_fields": {"properties": {"a": {}}, "patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": {"type": "boolean"}}
            }
        });
        let notes = keep_every_property(&mut s);
        let at: Vec<&str> = notes.iter().map(|n| n.pointer.as_str()).collect();
        assert_eq!(at, ["/properties/with_fields", "/properties/patterns"]);
        let p = &s["properties"];
        assert_eq!(p["open"]["additionalProperties"], json!({}));
        assert_eq!(p["closed"]["additionalProperties"], json!(false));
        assert_eq!(p["patterns"]["additionalProperties"], json!({}));
        assert_eq!(
            p["typify_map"]["patternProperties"],
            json!({"^x": {"type": "integer"}})
        );
        assert_eq!(
            p["with_fields"]["additionalProperties"],
            json!({"anyOf": [{"type": "integer"}, {"type": "boolean"}]})
        );
        // The outer object has fields too: it keeps its unknown properties.
        assert_eq!(s["additionalProperties"], json!({}));
    }

    #[test]
    fn merged_open_objects_are_reported_and_closed_ones_are_not() {
        let mut s = json!({
            "properties": {
                "open": {"allOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}]},
                "holder": {"properties": {"a": {}}, "anyOf": [{"required": ["a"]}]},
                "closed_by_parent": {
                    "oneOf": [{"properties": {"a": {}}}],
                    "unevaluatedProperties": false
                },
                "closed_member": {"allOf": [{"properties": {"a": {}}, "additionalProperties": false}]},
                "closed_above": {
                    "allOf": [{"oneOf": [{"properties": {"a": {}}}]}],
                    "unevaluatedProperties": false
                }
            }
        });
        let before = s.clone();
        let notes = keep_every_property(&mut s);
        let mut at: Vec<&str> = notes.iter().map(|n| n.pointer.as_str()).collect();
        at.sort();
        assert_eq!(
            at,
            [
                "/properties/holder",
                "/properties/open/allOf/0",
                "/properties/open/allOf/1"
            ]
        );
        assert!(notes.iter().all(|n| n.message == DROPPED));
        // Merged objects are left as they are (no map added); only the outer object changes.
        for name in [
            "open",
            "holder",
            "closed_by_parent",
            "closed_member",
            "closed_above",
        ] {
            assert_eq!(s["properties"][name], before["properties"][name], "{name}");
        }
    }
}
