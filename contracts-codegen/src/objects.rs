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
//! holding those) are left as they are: a map there multiplies typify's merging work. Unknown
//! properties of such objects may still be dropped (a known gap).

use serde_json::{Map, Value};

use crate::lint::Finding;
use crate::walk;

/// Rewrite every object schema in `schema` (see the module docs); returns a note per rewritten
/// `patternProperties`, at its schema's pointer.
pub(crate) fn keep_every_property(schema: &mut Value) -> Vec<Finding> {
    // Deepest first, so that a rewrite never moves a subschema still to be visited.
    let mut pointers: Vec<String> = Vec::new();
    let mut merged: Vec<String> = Vec::new();
    walk::visit(schema, "", &mut |pointer, value| {
        let Some(o) = value.as_object() else { return };
        // typify merges the members of `allOf` and the branches of a union: a map added there
        // multiplies its merging work (Vector's schema went from 2 s to over the budget).
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Array(members)) = o.get(key) {
                for i in 0..members.len() {
                    merged.push(format!("{pointer}/{key}/{i}"));
                }
            }
        }
        let merges = ["allOf", "anyOf", "oneOf"]
            .iter()
            .any(|k| o.contains_key(*k));
        if (o.contains_key("properties") || o.contains_key("patternProperties"))
            && !merges
            && !merged.iter().any(|m| m == pointer)
        {
            pointers.push(pointer.to_string());
        }
    });
    let mut notes = Vec::new();
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
}
