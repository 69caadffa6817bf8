//! Which keywords hold subschemas, per draft: the one table that core's walk, the diff crate,
//! codegen and `validate --examples` read.
//!
//! Sources: JSON Schema Core 2020-12 §10 (applicators) and §8.2.4 (`$defs`), Validation 2020-12
//! §8.5 (`contentSchema`); Core 2019-09 §9; draft-07 and draft-06 Validation §6 and §9;
//! draft-04 Validation §5. Two deliberate departures from the letter of the drafts, because real
//! packages rely on them and every validator resolves into them: `$defs` and `definitions` are
//! schema maps in every draft (`$defs` was only named in 2019-09, `definitions` only reserved
//! from then on).

use crate::Draft;

/// How a keyword's value holds subschemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One subschema (`not`, `additionalProperties`, ...).
    Schema,
    /// An array of subschemas (`allOf`, `prefixItems`, ...).
    SchemaArray,
    /// An object whose member values are subschemas (`properties`, `$defs`, ...). Members that
    /// are not schemas (the string arrays of `dependencies`) are data.
    SchemaMap,
    /// One subschema or an array of them (`items` before 2020-12).
    SchemaOrArray,
}

use Draft::{Draft201909 as D2019, Draft202012 as D2020, Draft4 as D4, Draft6 as D6, Draft7 as D7};
use Shape::{Schema, SchemaArray, SchemaMap, SchemaOrArray};

/// The table: each keyword, its shape, and the first and last draft that define it so.
/// Draft 6 added `contains` and `propertyNames` (Validation draft-06 §6.14, §6.22); draft 7
/// `if`/`then`/`else` (Validation draft-07 §6.6); 2019-09 split `dependencies` into
/// `dependentSchemas` (validators of 2019-09 still read `dependencies`) and added
/// `unevaluated*` and `contentSchema`; 2020-12 replaced array-form `items` and
/// `additionalItems` by `prefixItems` and a single-schema `items`, and dropped `dependencies`.
const TABLE: &[(&str, Shape, Draft, Draft)] = &[
    ("prefixItems", SchemaArray, D2020, D2020),
    ("items", Schema, D2020, D2020),
    ("items", SchemaOrArray, D4, D2019),
    ("additionalItems", Schema, D4, D2019),
    ("unevaluatedItems", Schema, D2019, D2020),
    ("contains", Schema, D6, D2020),
    ("additionalProperties", Schema, D4, D2020),
    ("properties", SchemaMap, D4, D2020),
    ("patternProperties", SchemaMap, D4, D2020),
    ("dependentSchemas", SchemaMap, D2019, D2020),
    ("dependencies", SchemaMap, D4, D2019),
    ("propertyNames", Schema, D6, D2020),
    ("unevaluatedProperties", Schema, D2019, D2020),
    ("if", Schema, D7, D2020),
    ("then", Schema, D7, D2020),
    ("else", Schema, D7, D2020),
    ("allOf", SchemaArray, D4, D2020),
    ("anyOf", SchemaArray, D4, D2020),
    ("oneOf", SchemaArray, D4, D2020),
    ("not", Schema, D4, D2020),
    ("contentSchema", Schema, D2019, D2020),
    ("$defs", SchemaMap, D4, D2020),
    ("definitions", SchemaMap, D4, D2020),
];

/// Keywords that only annotate (JSON Schema Validation 2020-12 §9, the meta-data vocabulary,
/// and Core 2020-12 §8.3 `$comment`): they change no accepted value. The diff reports their
/// changes by its annotation rules; codegen does not merge them into a union's branches.
pub const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "$comment",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// The keywords of `draft` whose values hold subschemas, with their shape, in table order.
pub fn subschema_keywords(draft: Draft) -> impl Iterator<Item = (&'static str, Shape)> {
    TABLE
        .iter()
        .filter(move |(_, _, since, until)| (*since..=*until).contains(&draft))
        .map(|(k, s, _, _)| (*k, *s))
}

/// The shape of `keyword` under `draft`; `None` when its value is data (an assertion's
/// argument, an annotation, an unknown keyword).
pub fn shape(draft: Draft, keyword: &str) -> Option<Shape> {
    subschema_keywords(draft)
        .find(|(k, _)| *k == keyword)
        .map(|(_, s)| s)
}

/// Every keyword that has `shape` in at least one draft, in table order: for callers that do not know the draft of the schema they read (codegen's bundle,
/// whose subschemas come from documents of several drafts).
pub fn with_shape_in_any_draft(shape: Shape) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for (k, s, _, _) in TABLE {
        if *s == shape && !out.contains(k) {
            out.push(k);
        }
    }
    out
}

/// Whether `keyword` holds subschemas in at least one draft.
pub fn in_any_draft(keyword: &str) -> bool {
    TABLE.iter().any(|(k, _, _, _)| *k == keyword)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_draft_has_its_own_keywords() {
        assert_eq!(shape(Draft::Draft4, "contains"), None);
        assert_eq!(shape(Draft::Draft6, "contains"), Some(Schema));
        assert_eq!(shape(Draft::Draft6, "if"), None);
        assert_eq!(shape(Draft::Draft7, "if"), Some(Schema));
        assert_eq!(shape(Draft::Draft7, "items"), Some(SchemaOrArray));
        assert_eq!(shape(Draft::Draft202012, "items"), Some(Schema));
        assert_eq!(shape(Draft::Draft202012, "additionalItems"), None);
        assert_eq!(shape(Draft::Draft202012, "dependencies"), None);
        assert_eq!(shape(Draft::Draft7, "dependentSchemas"), None);
        assert_eq!(shape(Draft::Draft202012, "enum"), None);
    }

    #[test]
    fn the_union_lists_each_keyword_once() {
        let single = with_shape_in_any_draft(Schema);
        assert!(single.contains(&"additionalItems") && single.contains(&"items"));
        let arrays = with_shape_in_any_draft(SchemaArray);
        assert_eq!(arrays, vec!["prefixItems", "allOf", "anyOf", "oneOf"]);
        let maps = with_shape_in_any_draft(SchemaMap);
        assert!(maps.contains(&"dependencies") && maps.contains(&"$defs"));
        assert_eq!(
            maps.len(),
            maps.iter().collect::<std::collections::HashSet<_>>().len()
        );
    }
}
