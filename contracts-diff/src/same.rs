//! Identical content costs nothing: which subschemas mean the same on both sides.
//!
//! A pair of [`Node`]s whose parts are the same package locations (same file, same JSON
//! Pointer, same distributed applicators) accepts the same values on both sides when every
//! part location is *clean*: its subschema has the same text and draft on both sides, and every
//! `$ref` inside it resolves, on each side, to the same location, which is clean in turn. Such a
//! pair has no finding, whatever the type mask or flags it is compared under, so the walk skips
//! it at once and a probe answers "contained" without walking.
//!
//! The text alone is not enough: the same `{"$ref": "other.json"}` can resolve to different
//! targets (a base URI moved by an enclosing `$id`) or to a target whose content changed, so
//! cleanliness is the greatest fixpoint over the reference graph: a location is clean when no
//! location reachable from it through references fails the local test. `$dynamicRef` and
//! `$recursiveRef` resolve by dynamic scope, which the static graph does not show; a subschema
//! holding one is never clean.
//!
//! Results are cached per location; a clean location makes every location under it clean (a
//! sub-tree of equal text holds a subset of its references).

use std::cell::RefCell;
use std::collections::HashMap;

use contracts_core::Location;
use serde_json::Value;

use crate::model::{Node, Side};

/// Locations one cleanliness query may visit before it answers "not clean" (a guard for huge
/// reference graphs; the answer is then only slower, never wrong).
const MAX_VISIT: usize = 100_000;

/// Enclosing locations a cache lookup looks at.
const MAX_ANCESTORS: usize = 16;

/// The cleanliness cache of one diff.
#[derive(Default)]
pub(crate) struct Same {
    clean: RefCell<HashMap<Location, bool>>,
    /// Structural hashes of every value of the documents looked at, by the value's address
    /// (values are borrowed from the packages for the whole diff, so addresses are stable):
    /// sub-trees with different hashes differ, so the text test rejects them without walking
    /// them (a chain thousands deep whose leaf changed was quadratic).
    hashes: RefCell<HashMap<usize, u64>>,
    /// The document roots whose values are in `hashes`.
    hashed: RefCell<std::collections::HashSet<usize>>,
}

/// A hash of `value` equal for values [`crate::util::json_eq`] calls equal (numbers by their
/// `f64` value, object members in any order), computed bottom-up with an explicit stack for
/// every value under `root` into `out`, keyed by address.
fn hash_all(root: &Value, out: &mut HashMap<usize, u64>) {
    use std::hash::{Hash, Hasher};
    let key = |v: &Value| v as *const Value as usize;
    let leaf = |tag: u8, f: &dyn Fn(&mut std::hash::DefaultHasher)| {
        let mut h = std::hash::DefaultHasher::new();
        tag.hash(&mut h);
        f(&mut h);
        h.finish()
    };
    let mut stack: Vec<(&Value, bool)> = vec![(root, false)];
    while let Some((v, expanded)) = stack.pop() {
        let h = match v {
            Value::Array(items) if !expanded => {
                stack.push((v, true));
                stack.extend(items.iter().map(|i| (i, false)));
                continue;
            }
            Value::Object(map) if !expanded => {
                stack.push((v, true));
                stack.extend(map.values().map(|i| (i, false)));
                continue;
            }
            Value::Array(items) => leaf(5, &|h| {
                items.len().hash(h);
                for i in items {
                    out.get(&key(i)).hash(h);
                }
            }),
            Value::Object(map) => {
                // Order-independent: a sum of per-member hashes.
                let sum = map.iter().fold(0u64, |acc, (k, i)| {
                    acc.wrapping_add(leaf(7, &|h| {
                        k.hash(h);
                        out.get(&key(i)).hash(h);
                    }))
                });
                leaf(6, &|h| {
                    map.len().hash(h);
                    sum.hash(h);
                })
            }
            Value::Null => leaf(0, &|_| {}),
            Value::Bool(b) => leaf(1, &|h| b.hash(h)),
            Value::Number(n) => leaf(2, &|h| {
                // -0.0 and 0.0 are equal numbers.
                let f = n.as_f64().unwrap_or(f64::NAN);
                (if f == 0.0 { 0.0f64 } else { f }).to_bits().hash(h)
            }),
            Value::String(t) => leaf(3, &|h| t.hash(h)),
        };
        out.insert(key(v), h);
    }
}

impl Same {
    /// The structural hash of `value`, a value under the document root `root`.
    fn hash(&self, root: &Value, value: &Value) -> Option<u64> {
        let root_key = root as *const Value as usize;
        if self.hashed.borrow_mut().insert(root_key) {
            hash_all(root, &mut self.hashes.borrow_mut());
        }
        self.hashes
            .borrow()
            .get(&(value as *const Value as usize))
            .copied()
    }
}

/// [`crate::util::json_eq`] with an explicit stack (documents can nest thousands deep).
fn deep_eq(a: &Value, b: &Value) -> bool {
    let mut stack = vec![(a, b)];
    while let Some((x, y)) = stack.pop() {
        match (x, y) {
            (Value::Array(p), Value::Array(q)) => {
                if p.len() != q.len() {
                    return false;
                }
                stack.extend(p.iter().zip(q));
            }
            (Value::Object(p), Value::Object(q)) => {
                if p.len() != q.len() {
                    return false;
                }
                for (k, v) in p {
                    match q.get(k) {
                        Some(w) => stack.push((v, w)),
                        None => return false,
                    }
                }
            }
            (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => {
                return false
            }
            // Equal floats may be different literals (see `maybe_inexact`): not clean, walked.
            (Value::Number(p), Value::Number(q))
                if crate::util::maybe_inexact(p) || crate::util::maybe_inexact(q) =>
            {
                return false
            }
            _ => {
                if !crate::util::json_eq(x, y) {
                    return false;
                }
            }
        }
    }
    true
}

/// The local test of one location: same draft and text on both sides, no dynamic reference;
/// `Some(targets)` of its references (the same on both sides), `None` when it fails.
fn local(same: &Same, old: &Side<'_>, new: &Side<'_>, loc: &Location) -> Option<Vec<Location>> {
    let (od, nd) = (old.doc_at(loc)?, new.doc_at(loc)?);
    if od.draft != nd.draft || od.pointer != nd.pointer {
        return None;
    }
    let (ov, nv) = (
        od.value.pointer(&loc.pointer[od.pointer.len()..])?,
        nd.value.pointer(&loc.pointer[nd.pointer.len()..])?,
    );
    if same.hash(&od.value, ov) != same.hash(&nd.value, nv) || !deep_eq(ov, nv) {
        return None;
    }
    // Every reference in the sub-tree, with the location of the object holding it. The path
    // is kept as tokens and joined only at a reference (deep documents stay linear).
    enum Step<'v> {
        Enter(Option<String>, &'v Value),
        Exit,
    }
    let mut targets = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut stack: Vec<Step<'_>> = vec![Step::Enter(None, ov)];
    while let Some(step) = stack.pop() {
        let (token, v) = match step {
            Step::Exit => {
                path.pop();
                continue;
            }
            Step::Enter(token, v) => (token, v),
        };
        let entered = token.is_some();
        if let Some(t) = token {
            path.push(t);
        }
        if entered {
            stack.push(Step::Exit);
        }
        match v {
            Value::Object(map) => {
                if map.contains_key("$dynamicRef") || map.contains_key("$recursiveRef") {
                    return None;
                }
                if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                    let mut pointer = loc.pointer.clone();
                    for t in &path {
                        pointer.push('/');
                        pointer.push_str(t);
                    }
                    let at = Location::new(loc.file.clone(), pointer);
                    let a = old.resolve_location(&at, r)?;
                    let b = new.resolve_location(&at, r)?;
                    if a != b {
                        return None;
                    }
                    targets.push(a);
                }
                for (k, child) in map {
                    if child.is_object() || child.is_array() {
                        stack.push(Step::Enter(Some(contracts_core::pointer::escape(k)), child));
                    }
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    if child.is_object() || child.is_array() {
                        stack.push(Step::Enter(Some(i.to_string()), child));
                    }
                }
            }
            _ => {}
        }
    }
    Some(targets)
}

impl Same {
    /// Whether the subschema at `loc` means the same on both sides (see the module docs).
    pub fn clean(&self, old: &Side<'_>, new: &Side<'_>, loc: &Location) -> bool {
        if loc.file.is_empty() {
            return false;
        }
        if let Some(hit) = self.cached(old, loc) {
            return hit;
        }
        // Depth-first over the reference graph; `parent` links each visited location to the
        // one whose reference reached it, so a failure marks its whole chain.
        let mut parent: HashMap<Location, Option<Location>> = HashMap::new();
        let mut stack: Vec<(Location, Option<Location>)> = vec![(loc.clone(), None)];
        let mut failed: Option<(Location, Option<Location>)> = None;
        while let Some((at, from)) = stack.pop() {
            match self.cached(old, &at) {
                Some(true) => continue,
                Some(false) => {
                    failed = Some((at, from));
                    break;
                }
                None => {}
            }
            if parent.contains_key(&at) {
                continue;
            }
            if parent.len() >= MAX_VISIT {
                failed = Some((at, from));
                break;
            }
            match local(self, old, new, &at) {
                Some(targets) => {
                    stack.extend(targets.into_iter().map(|t| (t, Some(at.clone()))));
                    parent.insert(at, from);
                }
                None => {
                    failed = Some((at, from));
                    break;
                }
            }
        }
        let mut cache = self.clean.borrow_mut();
        match failed {
            None => {
                for (at, _) in parent {
                    cache.insert(at, true);
                }
                true
            }
            Some((at, from)) => {
                // Everything on the chain from `loc` to the failure reaches it.
                cache.insert(at, false);
                let mut cur = from;
                while let Some(l) = cur {
                    cur = parent.get(&l).cloned().flatten();
                    cache.insert(l, false);
                }
                cache.insert(loc.clone(), false);
                false
            }
        }
    }

    /// The cached answer for `loc`, or `true` when a location enclosing it is known clean.
    /// The enclosing location must be in the same document (a document embedded deeper in a
    /// file may take its draft from outside the enclosing sub-tree).
    fn cached(&self, side: &Side<'_>, loc: &Location) -> Option<bool> {
        let cache = self.clean.borrow();
        if let Some(hit) = cache.get(loc) {
            return Some(*hit);
        }
        let floor = side.doc_at(loc)?.pointer.len();
        let mut pointer = loc.pointer.as_str();
        // A few levels up only: deep documents would make every lookup quadratic.
        for _ in 0..MAX_ANCESTORS {
            let Some(cut) = pointer.rfind('/') else {
                break;
            };
            if cut < floor {
                break;
            }
            pointer = &pointer[..cut];
            let up = Location::new(loc.file.clone(), pointer.to_string());
            if cache.get(&up) == Some(&true) {
                return Some(true);
            }
        }
        None
    }

    /// Whether `old` and `new` are the same node and mean the same on both sides: the same
    /// part locations (and distributed applicators), each clean.
    pub fn identical(
        &self,
        old_side: &Side<'_>,
        new_side: &Side<'_>,
        old: &Node<'_>,
        new: &Node<'_>,
    ) -> bool {
        if !same_places(old, new) {
            return false;
        }
        old.parts
            .iter()
            .all(|p| self.clean(old_side, new_side, &p.loc))
    }
}

/// Whether two nodes are made of the same part locations, with the same drafts, and consumed
/// the same keywords.
fn same_places(old: &Node<'_>, new: &Node<'_>) -> bool {
    old.parts.len() == new.parts.len()
        && old.consumed == new.consumed
        && old
            .parts
            .iter()
            .zip(&new.parts)
            .all(|(a, b)| a.loc == b.loc && a.draft == b.draft)
}

/// Keywords that only annotate: a change of them is reported by the annotation rules of the
/// node that holds them and changes no accepted value (core's table).
pub(crate) use contracts_core::keywords::ANNOTATIONS;

/// Keywords whose meaning depends on more than their own sub-tree (a reference, a dynamic
/// anchor): a node holding one is never taken as the same but for annotations.
const SCOPED: &[&str] = &[
    "$ref",
    "$dynamicRef",
    "$recursiveRef",
    "$dynamicAnchor",
    "$recursiveAnchor",
];

impl Same {
    /// Whether `old` and `new` are the same subschemas but for the annotations at their top
    /// (a `description` edited on a schema with 100,000 properties): same part locations and
    /// drafts, the same keywords besides [`ANNOTATIONS`], and each of those keywords' sub-trees
    /// clean (see [`Same::clean`]). Then only the top's annotations can differ: the walk
    /// compares them and does not descend.
    pub fn same_but_annotations(
        &self,
        old_side: &Side<'_>,
        new_side: &Side<'_>,
        old: &Node<'_>,
        new: &Node<'_>,
    ) -> bool {
        if !same_places(old, new) {
            return false;
        }
        // Only worth asking when a top annotation changed: otherwise the nodes are identical
        // (skipped before) or differ elsewhere (this answer would be no).
        let annotation_changed = old
            .parts
            .iter()
            .zip(&new.parts)
            .any(|(a, b)| ANNOTATIONS.iter().any(|k| a.value.get(k) != b.value.get(k)));
        if !annotation_changed {
            return false;
        }
        for (a, b) in old.parts.iter().zip(&new.parts) {
            if a.loc.file.is_empty() {
                return false;
            }
            let (Value::Object(ov), Value::Object(nv)) = (a.value, b.value) else {
                return false;
            };
            let kept = |m: &'_ serde_json::Map<String, Value>| -> Option<Vec<String>> {
                let mut keys = Vec::new();
                for k in m.keys() {
                    if SCOPED.contains(&k.as_str()) {
                        return None;
                    }
                    if !ANNOTATIONS.contains(&k.as_str()) {
                        keys.push(k.clone());
                    }
                }
                keys.sort();
                Some(keys)
            };
            let (Some(ok), Some(nk)) = (kept(ov), kept(nv)) else {
                return false;
            };
            if ok != nk
                || !ok
                    .iter()
                    .all(|k| self.clean(old_side, new_side, &a.loc.join(k)))
            {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::{diff_values, package};
    use crate::DiffOptions;
    use proptest::prelude::*;
    use serde_json::{json, Map, Value};

    /// Issue 13 item 5: `levels` definitions, each an `anyOf` of the previous one and an object
    /// whose `k` is the previous one.
    fn nested_any_of(levels: usize, leaf: Value) -> Value {
        let mut defs = Map::new();
        defs.insert("d0".into(), leaf);
        for n in 1..=levels {
            let prev = format!("#/$defs/d{}", n - 1);
            defs.insert(
                format!("d{n}"),
                json!({"anyOf": [{"$ref": prev}, {"type": "object", "properties": {"k": {"$ref": prev}}}]}),
            );
        }
        json!({"$defs": defs, "$ref": format!("#/$defs/d{levels}")})
    }

    fn rules(report: &crate::Report) -> Vec<String> {
        report.findings.iter().map(|f| f.rule.clone()).collect()
    }

    #[test]
    fn a_self_diff_of_thirty_nested_unions_finds_nothing() {
        let schema = nested_any_of(30, json!({"type": "string"}));
        let report = diff_values(&schema, &schema, DiffOptions::default());
        assert_eq!(rules(&report), Vec::<String>::new());
    }

    #[test]
    fn a_change_under_nested_unions_is_reported_not_skipped() {
        let old = nested_any_of(20, json!({"type": "string"}));
        let mut new = old.clone();
        new["$defs"]["d20"]["anyOf"][1]["properties"]["k"] = json!({"type": "integer"});
        let found = rules(&diff_values(&old, &new, DiffOptions::default()));
        assert!(!found.is_empty(), "the change must be found");
        assert!(!found.iter().any(|r| r == "undecided"), "{found:?}");
    }

    #[test]
    fn only_the_top_annotations_changed_is_not_walked_below() {
        let props = |t: &str| json!({"type": "object", "description": "d", "properties": {"a": {"type": t}, "b": {"type": "string"}}});
        let (old, mut new) = (props("string"), props("string"));
        new["description"] = json!("e");
        let (o, n) = (
            package(&[("a", old.clone())]),
            package(&[("a", new.clone())]),
        );
        let (os, ns) = (
            crate::model::Side::new(&o, false).expect("resolver"),
            crate::model::Side::new(&n, false).expect("resolver"),
        );
        fn root<'a>(side: &crate::model::Side<'a>) -> crate::model::Node<'a> {
            side.root(side.pkg.get("a").expect("a")).expect("a root")
        }
        let same = super::Same::default();
        assert!(same.same_but_annotations(&os, &ns, &root(&os), &root(&ns)));
        assert_eq!(
            rules(&diff_values(&old, &new, DiffOptions::default())),
            vec!["description-changed".to_string()]
        );
        // A change below as well: walked, and found.
        let mut changed = props("integer");
        changed["description"] = json!("e");
        let n2 = package(&[("a", changed.clone())]);
        let ns2 = crate::model::Side::new(&n2, false).expect("resolver");
        // (One cleanliness cache per pair of sides, as in a diff.)
        let same2 = super::Same::default();
        assert!(!same2.same_but_annotations(&os, &ns2, &root(&os), &root(&ns2)));
        let found = rules(&diff_values(&old, &changed, DiffOptions::default()));
        assert!(found.len() > 1, "{found:?}");
        // A `$ref` at the top depends on its target: never taken as the same.
        let with_ref =
            json!({"$ref": "#/$defs/t", "description": "d", "$defs": {"t": {"type": "string"}}});
        let o3 = package(&[("a", with_ref.clone())]);
        let os3 = crate::model::Side::new(&o3, false).expect("resolver");
        let same3 = super::Same::default();
        assert!(!same3.same_but_annotations(&os3, &os3, &root(&os3), &root(&os3)));
    }

    #[test]
    fn the_same_text_whose_reference_target_changed_is_not_clean() {
        // `a.json` is unchanged, but the document it references changed: not the same.
        let a = json!({"type": "object", "properties": {"p": {"$ref": "b.json"}}});
        let c = json!({"type": "object", "properties": {"q": {"type": "string"}}});
        let old = package(&[
            ("a", a.clone()),
            ("b", json!({"type": "string"})),
            ("c", c.clone()),
        ]);
        let new = package(&[("a", a), ("b", json!({"type": "integer"})), ("c", c)]);
        let (os, ns) = (
            crate::model::Side::new(&old, false).expect("resolver"),
            crate::model::Side::new(&new, false).expect("resolver"),
        );
        let same = super::Same::default();
        let at = |file: &str, pointer: &str| contracts_core::Location::new(file, pointer);
        assert!(!same.clean(&os, &ns, &at("a.json", "")));
        assert!(!same.clean(&os, &ns, &at("a.json", "/properties/p")));
        assert!(same.clean(&os, &ns, &at("c.json", "")));
        assert!(same.clean(&os, &ns, &at("c.json", "/properties/q")));
    }

    #[test]
    fn the_same_text_under_a_moved_base_uri_is_compared() {
        // The `$ref` text is the same, but a changed `$id` makes it resolve elsewhere.
        let defs = json!({"s": {"$id": "s.json", "type": "string"}, "i": {"$id": "i.json", "type": "integer"}});
        let old = json!({"$defs": defs, "properties": {"p": {"$id": "x/", "$ref": "../s.json"}}});
        let mut new = old.clone();
        new["$defs"]["s"]["$id"] = json!("t.json");
        new["$defs"]["i"]["$id"] = json!("s.json");
        let found = rules(&diff_values(&old, &new, DiffOptions::default()));
        assert!(found.iter().any(|r| r == "type-changed"), "{found:?}");
    }

    #[test]
    fn a_long_enum_whose_description_changed_is_only_an_annotation() {
        let values: Vec<Value> = (0..10_000).map(|i| json!(format!("v{i}"))).collect();
        let old = json!({"description": "a", "enum": values});
        let mut new = old.clone();
        new["description"] = json!("b");
        assert_eq!(
            rules(&diff_values(&old, &new, DiffOptions::default())),
            vec!["description-changed".to_string()]
        );
        // And one value removed out of 10,000 is found, once.
        let mut fewer = old.clone();
        fewer["enum"].as_array_mut().expect("array").remove(5_000);
        assert_eq!(
            rules(&diff_values(&old, &fewer, DiffOptions::default())),
            vec!["enum-value-removed".to_string()]
        );
    }

    #[test]
    fn a_long_required_list_with_one_more_name_is_one_finding() {
        let names: Vec<Value> = (0..20_000).map(|i| json!(format!("p{i}"))).collect();
        let old = json!({"type": "object", "required": names});
        let mut new = old.clone();
        new["required"]
            .as_array_mut()
            .expect("array")
            .push(json!("zz"));
        assert_eq!(
            rules(&diff_values(&old, &new, DiffOptions::default())),
            vec!["required-added".to_string()]
        );
    }

    #[test]
    fn many_properties_with_one_more_is_one_finding() {
        let mut props = Map::new();
        for i in 0..40_000 {
            props.insert(format!("p{i}"), json!({"type": "string"}));
        }
        let old = json!({"type": "object", "properties": props});
        let mut new = old.clone();
        new["properties"]["zz"] = json!({"type": "integer"});
        assert_eq!(
            rules(&diff_values(&old, &new, DiffOptions::default())),
            vec!["property-added".to_string()]
        );
    }

    /// A recursive, union-heavy schema: `$defs/u` is a union whose branches are scalars,
    /// arrays and maps of `u`, nested `oneOf`/`anyOf`/`allOf` and `not`.
    fn union_schema() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(json!({"type": "string"})),
            Just(json!({"type": "integer", "minimum": 0})),
            Just(json!({"$ref": "#/$defs/u"})),
            Just(json!({"type": "array", "items": {"$ref": "#/$defs/u"}})),
            Just(json!({"type": "object", "additionalProperties": {"$ref": "#/$defs/u"}})),
            Just(json!({"enum": ["a", "b", 1]})),
        ];
        let tree = leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..4).prop_map(|v| json!({"oneOf": v})),
                prop::collection::vec(inner.clone(), 1..4).prop_map(|v| json!({"anyOf": v})),
                prop::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({"allOf": v})),
                inner.clone().prop_map(|v| json!({"not": v})),
                inner.prop_map(|v| json!({"type": "object", "properties": {"k": v}})),
            ]
        });
        (tree.clone(), tree).prop_map(
            |(u, root)| json!({"$defs": {"u": u}, "anyOf": [root, {"$ref": "#/$defs/u"}]}),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn a_self_diff_of_a_union_heavy_schema_finds_nothing(schema in union_schema()) {
            let report = diff_values(&schema, &schema, DiffOptions::default());
            prop_assert_eq!(rules(&report), Vec::<String>::new());
        }
    }
}
