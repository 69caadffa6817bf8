//! Annotations (Validation 2020-12 §9: `title`, `description`, `default`, `deprecated`,
//! `readOnly`, `writeOnly`, `examples`; Core §8.3 `$comment`), `$schema`, and keywords that
//! have no effect on validation (extension keywords, keywords of another draft): PATCH.

use contracts_core::{keywords, Location};
use serde_json::Value;

use crate::model::{keyword_active, Node};
use crate::rules::{self, Rule};
use crate::util::{json_eq, short};
use crate::walk::{Hint, Task, Walker};

/// Keywords with a meaning for validation or structure, handled elsewhere, besides those that
/// hold subschemas (core's table, [`contracts_core::keywords`]).
const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "id",
    "$ref",
    "$recursiveRef",
    "$dynamicRef",
    "$anchor",
    "$dynamicAnchor",
    "$recursiveAnchor",
    "$vocabulary",
    "title",
    "description",
    "examples",
    "default",
    "deprecated",
    "$comment",
    "readOnly",
    "writeOnly",
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "format",
    "minContains",
    "maxContains",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "dependencies",
    "dependentRequired",
    "contentEncoding",
    "contentMediaType",
];

/// The annotation keywords and their rules.
fn annotation_rules() -> [(&'static str, &'static Rule); 8] {
    [
        ("title", &rules::title_changed::RULE),
        ("description", &rules::description_changed::RULE),
        ("examples", &rules::examples_changed::RULE),
        ("default", &rules::default_changed::RULE),
        ("deprecated", &rules::deprecated_changed::RULE),
        ("$comment", &rules::comment_changed::RULE),
        ("readOnly", &rules::read_only_changed::RULE),
        ("writeOnly", &rules::write_only_changed::RULE),
    ]
}

/// The `{change}` of an annotation rule's message (after the keyword).
fn describe(old: Option<&Value>, new: Option<&Value>) -> String {
    match (old, new) {
        (None, Some(n)) => format!("added: {}", short(n)),
        (Some(o), None) => format!("removed (was {})", short(o)),
        (Some(o), Some(n)) => format!("changed from {} to {}", short(o), short(n)),
        (None, None) => "changed".to_string(),
    }
}

/// Compare the annotation lists of keyword `kw` part by part.
fn compare_keyword<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    kw: &str,
    rule: &'static Rule,
    old: Vec<(Location, &'a Value)>,
    new: Vec<(Location, &'a Value)>,
) {
    let n = old.len().max(new.len());
    for i in 0..n {
        let (o, nw) = (old.get(i), new.get(i));
        if let (Some((_, a)), Some((_, b))) = (o, nw) {
            if json_eq(a, b) {
                continue;
            }
        }
        let ol = o.map_or_else(|| t.old.loc(), |(l, _)| l.clone());
        let nl = nw.map_or_else(|| t.new.loc(), |(l, _)| l.clone());
        let change = describe(o.map(|(_, v)| *v), nw.map(|(_, v)| *v));
        w.emit(
            rule,
            Some(ol),
            Some(nl),
            &[("keyword", &kw), ("change", &change)],
            Hint::None,
            t,
        );
    }
}

fn values_of<'a>(node: &Node<'a>, kw: &str) -> Vec<(Location, &'a Value)> {
    node.all(kw)
        .into_iter()
        .map(|(p, v)| (p.at(kw), v))
        .collect()
}

/// The keywords of `node`'s parts that mean nothing to validation, by keyword.
fn others<'a>(node: &Node<'a>) -> Vec<(String, Location, &'a Value)> {
    let mut out = Vec::new();
    for p in &node.parts {
        let Some(map) = p.value.as_object() else {
            continue;
        };
        for (k, v) in map {
            let known = (KNOWN.contains(&k.as_str()) || keywords::in_any_draft(k))
                && keyword_active(p.draft, k);
            let annotation = annotation_rules().iter().any(|(a, _)| a == k);
            if !known && !annotation {
                out.push((k.clone(), p.at(k), v));
            }
        }
    }
    out
}

/// Compare annotations, `$schema` and other non-validating keywords of `t`.
pub(crate) fn compare<'a>(w: &mut Walker<'a>, t: &Task<'a>) {
    for (kw, rule) in annotation_rules() {
        let (o, n) = (values_of(&t.old, kw), values_of(&t.new, kw));
        compare_keyword(w, t, kw, rule, o, n);
    }
    let (o, n) = (values_of(&t.old, "$schema"), values_of(&t.new, "$schema"));
    compare_keyword(w, t, "$schema", &rules::dialect_changed::RULE, o, n);
    let (oo, no) = (others(&t.old), others(&t.new));
    let mut keys: Vec<&String> = oo.iter().map(|(k, _, _)| k).collect();
    for (k, _, _) in &no {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    for k in keys {
        let pick = |list: &Vec<(String, Location, &'a Value)>| -> Vec<(Location, &'a Value)> {
            list.iter()
                .filter(|(key, _, _)| key == k)
                .map(|(_, l, v)| (l.clone(), *v))
                .collect()
        };
        let (o, n) = (pick(&oo), pick(&no));
        compare_keyword(w, t, k, &rules::other_keyword_changed::RULE, o, n);
    }
}
