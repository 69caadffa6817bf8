//! The lint that runs before typify: constructs typify 0.8 always fails on (errors, or
//! `serde_json::Value` under `lenient`), and keywords it silently ignores (warnings).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::adapter;
use crate::walk;

/// One lint finding, at a JSON Pointer relative to the definition's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    /// JSON Pointer relative to the definition root.
    pub pointer: String,
    /// What is wrong or ignored.
    pub message: String,
}

/// The result of linting one definition.
#[derive(Debug, Default)]
pub(crate) struct Lint {
    /// Subschemas typify cannot convert (it panics or errors on them).
    pub unsupported: Vec<Finding>,
    /// Keywords typify accepts but does not enforce.
    pub ignored: Vec<Finding>,
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn is_integer_schema(obj: &serde_json::Map<String, Value>) -> bool {
    match obj.get("type") {
        Some(Value::String(t)) => t == "integer",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "integer"),
        _ => false,
    }
}

/// Whether a `not` subschema has a shape typify 0.8 converts (`{}`, `true`/`false`, an `enum`
/// of strings or of integers, or `required`/`properties` used to forbid properties).
fn supported_not(not: &Value) -> bool {
    match not {
        Value::Bool(_) => true,
        Value::Object(o) => {
            if o.is_empty() {
                return true;
            }
            let enum_only = o.keys().all(|k| matches!(k.as_str(), "enum" | "type"))
                && matches!(o.get("enum"), Some(Value::Array(vs))
                    if vs.iter().all(Value::is_string) || vs.iter().all(Value::is_i64));
            let required_only = o
                .keys()
                .all(|k| matches!(k.as_str(), "required" | "properties" | "anyOf" | "oneOf"))
                && o.contains_key("required")
                && !o.contains_key("anyOf")
                && !o.contains_key("oneOf");
            enum_only || required_only
        }
        _ => false,
    }
}

/// Lint `schema` (a bundled definition).
pub(crate) fn lint(schema: &Value) -> Lint {
    let mut out = Lint::default();
    walk::visit(schema, "", &mut |pointer, value| {
        let Some(obj) = value.as_object() else {
            return;
        };
        let mut unsupported = |message: String| {
            out.unsupported.push(Finding {
                pointer: pointer.to_string(),
                message,
            })
        };
        if obj.contains_key("if") || obj.contains_key("then") || obj.contains_key("else") {
            unsupported("`if`/`then`/`else` is not supported by typify".into());
        }
        if let Some(Value::Array(values)) = obj.get("enum") {
            let mut types: Vec<&str> = values
                .iter()
                .map(json_type)
                .filter(|t| *t != "null")
                .map(|t| if t == "integer" { "number" } else { t })
                .collect();
            types.sort_unstable();
            types.dedup();
            if types.len() > 1 {
                unsupported(format!(
                    "`enum` mixes value types ({}) and typify cannot type it",
                    types.join(", ")
                ));
            } else if types
                .first()
                .is_some_and(|t| *t == "object" || *t == "array")
            {
                unsupported("`enum` of objects or arrays is not supported by typify".into());
            }
            if obj.contains_key("const") {
                unsupported("`enum` together with `const` is not supported by typify".into());
            }
        }
        if let Some(not) = obj.get("not") {
            if !supported_not(not) {
                unsupported(format!(
                    "this `not` shape ({}) is not supported by typify",
                    compact(not)
                ));
            }
        }
        if obj.contains_key("contains") {
            unsupported("`contains` is not supported by typify".into());
        }
        if let Some(Value::Array(_)) = obj.get("items") {
            let fixed = obj.get("minItems").is_some() && obj.get("minItems") == obj.get("maxItems");
            if !fixed {
                unsupported(
                    "a tuple `items` array without equal `minItems`/`maxItems` is not supported by typify"
                        .into(),
                );
            }
        }

        let mut ignored = |message: String| {
            out.ignored.push(Finding {
                pointer: pointer.to_string(),
                message,
            })
        };
        for (key, what) in [
            (
                "prefixItems",
                "`prefixItems` is ignored: tuple positions are not typed",
            ),
            (
                "unevaluatedProperties",
                "`unevaluatedProperties` is ignored: unknown properties are not rejected",
            ),
            (
                "unevaluatedItems",
                "`unevaluatedItems` is ignored: extra items are not rejected",
            ),
            (
                "dependentRequired",
                "`dependentRequired` is ignored: dependent properties are not required",
            ),
            (
                "dependentSchemas",
                "`dependentSchemas` is ignored: dependent schemas are not applied",
            ),
            (
                "dependencies",
                "`dependencies` is ignored: dependencies are not enforced",
            ),
            (
                "nullable",
                "`nullable` is not JSON Schema (outside an OpenAPI document) and is ignored: `null` is not accepted unless the type allows it",
            ),
            (
                "propertyNames",
                "`propertyNames` is ignored: property names are not checked",
            ),
            (
                "const",
                "`const` is not enforced: any value of the type is accepted",
            ),
        ] {
            if obj.contains_key(key) {
                ignored(what.into());
            }
        }
        // typify types it `chrono::DateTime<Utc>`: "2020-03-06T09:05:00+01:00" comes back as
        // "2020-03-06T08:05:00Z" (SchemaStore's specif.json test instances).
        if obj.get("format").and_then(Value::as_str) == Some("date-time") {
            ignored(
                "`format: date-time` is typed `chrono::DateTime<Utc>`: a time with another offset than `Z` comes back as the same instant in UTC".into(),
            );
        }
        if is_integer_schema(obj) {
            for key in ["maximum", "exclusiveMaximum"] {
                if obj.contains_key(key) {
                    ignored(format!(
                        "integer `{key}` is not enforced: larger values deserialize"
                    ));
                }
            }
        }
    });
    out
}

/// Whether `keyword` only annotates (core's table, and VS Code's `markdownDescription`):
/// typify merges none of them into a union's branches.
fn is_annotation(keyword: &str) -> bool {
    contracts_core::keywords::ANNOTATIONS.contains(&keyword) || keyword == "markdownDescription"
}

/// Whether `obj` is a union (`anyOf`/`oneOf`) with sibling keywords typify merges into each
/// branch (anything but annotations and `type`).
fn union_with_siblings(obj: &serde_json::Map<String, Value>) -> bool {
    let union = ["anyOf", "oneOf"]
        .iter()
        .any(|k| matches!(obj.get(*k), Some(Value::Array(_))));
    union
        && obj
            .keys()
            .any(|k| !is_annotation(k) && !matches!(k.as_str(), "anyOf" | "oneOf" | "type"))
}

/// The definition names that the direct members of `obj`'s `anyOf`, `oneOf` and `allOf` refer
/// to (`#/definitions/<Name>`).
fn member_refs(obj: &serde_json::Map<String, Value>) -> Vec<&str> {
    ["anyOf", "oneOf", "allOf"]
        .iter()
        .filter_map(|k| obj.get(*k).and_then(Value::as_array))
        .flatten()
        .filter_map(|m| m.get("$ref").and_then(Value::as_str))
        .filter_map(|r| r.strip_prefix("#/definitions/"))
        .collect()
}

/// Subschemas typify would recurse on without end (a stack overflow, which no
/// `catch_unwind` stops): a union inside a definition, with sibling keywords, whose branch
/// refers back to that definition. typify merges the siblings into the referenced schema,
/// which holds the same union again, and so on (`resjson`: `additionalProperties:
/// {minProperties: 1, anyOf: [string, $ref resource]}` inside `resource`). A union at the
/// definition's root is named and is not merged this way.
pub(crate) fn endless_merges(
    name: &str,
    schema: &Value,
    definitions: &BTreeMap<String, Value>,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    walk::visit(schema, "", &mut |pointer, value| {
        if pointer.is_empty()
            || out
                .iter()
                .any(|f| pointer.starts_with(&format!("{}/", f.pointer)))
        {
            return;
        }
        let Some(obj) = value.as_object() else {
            return;
        };
        if !union_with_siblings(obj) {
            return;
        }
        let back = member_refs(obj).into_iter().find(|r| {
            *r == name || adapter::closure(definitions, &[(*r).to_string()]).contains(name)
        });
        if let Some(target) = back {
            out.push(Finding {
                pointer: pointer.to_string(),
                message: format!(
                    "typify recurses without end merging this union's sibling keywords into `{target}`, which leads back here"
                ),
            });
        }
    });
    out
}

/// The outermost subschemas where typify merges schemas (an `allOf`, or a union with sibling
/// keywords it merges into each branch): its work there grows with the product of the union
/// branches it reaches (through `$ref`s too), so these are what the work budget gives up
/// first.
pub(crate) fn merges(schema: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    walk::visit(schema, "", &mut |pointer, value| {
        if out
            .iter()
            .any(|p| pointer == p || pointer.starts_with(&format!("{p}/")))
        {
            return;
        }
        let Some(obj) = value.as_object() else {
            return;
        };
        let merges = matches!(obj.get("allOf"), Some(Value::Array(_))) || union_with_siblings(obj);
        if merges {
            out.push(pointer.to_string());
        }
    });
    out
}

fn compact(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 80 {
        let mut end = 77;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}...", &s[..end])
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flags_what_typify_cannot_do() {
        let l = lint(&json!({
            "type": "object",
            "properties": {
                "a": {"if": {"type": "string"}, "then": {"minLength": 1}},
                "b": {"enum": ["x", 1]},
                "c": {"not": {"type": "string"}},
                "d": {"type": "string", "not": {"enum": ["no"]}},
                "d2": {"type": "integer", "not": {"enum": [1, 2]}},
                "e": {"type": "integer", "maximum": 3},
                "f": {"type": "array", "prefixItems": [{"type": "string"}]}
            }
        }));
        let bad: Vec<&str> = l.unsupported.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(bad, ["/properties/a", "/properties/b", "/properties/c"]);
        let ignored: Vec<&str> = l.ignored.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(ignored, ["/properties/e", "/properties/f"]);
    }
}
