//! Detection: compare one task's pair of nodes, keyword family by keyword family.
//!
//! Each family reads the effective constraints ([`Facets`]) of both nodes and emits the rules of
//! [`crate::rules`]. Type-specific keywords are compared only for the types both sides admit
//! (a `maxLength` dropped together with `string` from `type` is covered by the type finding).
//! When either side enumerates its values (`enum`/`const`), the comparison is exact over those
//! values and the other keyword families are skipped. Keywords this engine does not model
//! precisely are compared conservatively (`keyword-changed`, Changed), so a verdict without a
//! narrowing finding is never wrong for want of a rule.

mod annotations;
mod arrays;
mod bounds;
mod logic;
mod numbers;
mod objects;
mod strings;
mod types;
mod unions;

use contracts_core::LoadError;
use serde_json::Value;

use crate::facets::Facets;
use crate::model::{Node, Side};
use crate::rules;
use crate::util::{
    num_cmp, pattern_matches, type_of, ValueSet, T_ARRAY, T_NUMBER, T_OBJECT, T_STRING,
};
use crate::walk::Pending;
use crate::walk::{Hint, Task, Walker, FLAG_APPROXIMATE};
use crate::{Effect, WitnessSide};
use contracts_core::{Draft, Location};

/// Compare the two nodes of `t`, emitting findings and queueing child pairs.
///
/// # Errors
/// A `$ref` that cannot be resolved.
pub(crate) fn pair<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    annotations::compare(w, t);
    if w.same_but_annotations(&t.old, &t.new) {
        return Ok(());
    }
    let old_never = t.old.never().map(|p| p.loc.clone());
    let new_never = t.new.never().map(|p| p.loc.clone());
    match (old_never, new_never) {
        (Some(_), Some(_)) => return Ok(()),
        (None, Some(loc)) => {
            w.emit(
                &rules::false_schema_added::RULE,
                Some(t.old.loc()),
                Some(loc),
                &[],
                Hint::Extra(vec![(WitnessSide::Old, Value::Bool(true))]),
                t,
            );
            return Ok(());
        }
        (Some(loc), None) => {
            w.emit(
                &rules::false_schema_removed::RULE,
                Some(loc),
                Some(t.new.loc()),
                &[],
                Hint::Extra(vec![(WitnessSide::New, Value::Bool(true))]),
                t,
            );
            return Ok(());
        }
        (None, None) => {}
    }
    if t.flags & FLAG_APPROXIMATE == 0
        && (unevaluated_inexact(&t.old) || unevaluated_inexact(&t.new))
    {
        return conservative(w, t);
    }
    if unions::distribute(w, t)? {
        return Ok(());
    }
    let mut fo = Facets::of(&t.old);
    let mut fnw = Facets::of(&t.new);
    fo.restrict(t.mask);
    fnw.restrict(t.mask);
    types::compare_types(w, t, &fo, &fnw);
    if fo.values.is_some() || fnw.values.is_some() {
        types::compare_values(w, t, &fo, &fnw);
        return Ok(());
    }
    let common = fo.types & fnw.types;
    if common & T_NUMBER != 0 {
        numbers::compare_numbers(w, t, &fo, &fnw);
    }
    if common & T_STRING != 0 {
        strings::compare_strings(w, t, &fo, &fnw);
    }
    if common & T_ARRAY != 0 {
        arrays::compare(w, t, &fo, &fnw)?;
    }
    if common & T_OBJECT != 0 {
        objects::compare(w, t, &fo, &fnw)?;
    }
    logic::compare_not(w, t)?;
    logic::compare_conditionals(w, t)?;
    if common & T_ARRAY != 0 {
        arrays::compare_unique_items(w, t);
        arrays::compare_contains(w, t)?;
    }
    if common & T_OBJECT != 0 {
        objects::compare_dependent_required(w, t);
        objects::compare_dependent_schemas(w, t)?;
        objects::compare_property_names(w, t)?;
        objects::compare_pattern_properties(w, t)?;
    }
    if common & T_STRING != 0 {
        strings::compare_content(w, t);
    }
    Ok(())
}

/// A subschema of one part under an applicator keyword: location, value, draft.
pub(crate) type Sub<'a> = (Location, &'a Value, Draft);

pub(crate) fn node_of<'a>(
    w: &Walker<'a>,
    old_side: bool,
    sub: &Sub<'a>,
) -> Result<Node<'a>, LoadError> {
    let side = if old_side { &w.old } else { &w.new };
    side.node(sub.0.clone(), sub.1, sub.2)
}

/// The subschemas of keyword `kw` over the parts of `node`.
pub(crate) fn subs<'a>(node: &Node<'a>, kw: &str) -> Vec<Sub<'a>> {
    node.all(kw)
        .into_iter()
        .map(|(p, v)| (p.at(kw), v, p.draft))
        .collect()
}

/// Split sub-walk findings into annotation findings (kept as they are) and the rest.
pub(crate) fn split(w: &mut Walker<'_>, sub: Vec<Pending>) -> Vec<Pending> {
    let mut semantic = Vec::new();
    for p in sub {
        if p.finding.effect == Effect::Annotation {
            w.pending.push(p);
        } else {
            semantic.push(p);
        }
    }
    semantic
}

pub(crate) fn summary(found: &[Pending]) -> String {
    let first = found
        .first()
        .map_or(String::new(), |p| p.finding.message.clone());
    if found.len() > 1 {
        format!("{first} (and {} more)", found.len() - 1)
    } else {
        first
    }
}

/// Whether the `unevaluated*` model of [`Side::child_prop`]/[`Side::child_index`] may be
/// wrong for `node`: it has `unevaluatedProperties`/`unevaluatedItems` and an applicator not yet
/// distributed into its parts that can evaluate properties or items (`anyOf`, `oneOf`, `if`,
/// `dependentSchemas`, schema-form `dependencies`, `contains` for items).
fn unevaluated_inexact(node: &Node<'_>) -> bool {
    let props = node.has_any(&["unevaluatedProperties"]);
    let items = node.has_any(&["unevaluatedItems"]);
    if !props && !items {
        return false;
    }
    let open_union = unions::first_group(node).is_some();
    let open_if = node
        .all("if")
        .iter()
        .any(|(p, _)| !node.is_consumed(&p.at("if")));
    let deps = node.has_any(&["dependentSchemas"])
        || node.all("dependencies").iter().any(|(_, d)| {
            d.as_object()
                .is_some_and(|m| m.values().any(|v| !v.is_array()))
        });
    open_union || open_if || deps || (items && node.has_any(&["contains"]))
}

/// Compare `t` by the approximate model in a sub-walk and report any change of the accepted set
/// as one `unevaluated-changed` finding (Changed); annotation findings are kept as found.
fn conservative<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    let sub = w.subwalk_with(
        t.old.clone(),
        t.new.clone(),
        t,
        None,
        t.mask,
        t.flags | FLAG_APPROXIMATE,
    )?;
    let mut semantic = Vec::new();
    for p in sub {
        if p.finding.effect == crate::Effect::Annotation {
            w.pending.push(p);
        } else {
            semantic.push(p.finding.message);
        }
    }
    if let Some(first) = semantic.first() {
        let kw = if t.old.has_any(&["unevaluatedProperties"])
            || t.new.has_any(&["unevaluatedProperties"])
        {
            "unevaluatedProperties"
        } else {
            "unevaluatedItems"
        };
        let more = if semantic.len() > 1 {
            format!(" (and {} more)", semantic.len() - 1)
        } else {
            String::new()
        };
        w.emit(
            &rules::unevaluated_changed::RULE,
            Some(t.old.loc_of(kw)),
            Some(t.new.loc_of(kw)),
            &[
                ("keyword", &kw),
                ("changes", &format_args!("{first}{more}")),
            ],
            Hint::None,
            t,
        );
    }
    Ok(())
}

/// Whether `node` (on `side`) accepts `value`. A scalar against a node whose keywords
/// [`Facets`] models exactly is decided by the facets (fast, no validator); anything else by
/// the package validator, else by the facets (keywords they do not model assumed satisfied).
pub(crate) fn accepts<'a>(side: &Side<'a>, node: &Node<'a>, value: &Value) -> bool {
    Acceptor::new(side, node).accepts(value)
}

/// [`accepts`] for many values against one node: the facets, whether they decide scalars, and
/// the enumerated values as a hashed set are built once (checking each value of a long `enum`
/// against the other side is then linear, not quadratic).
pub(crate) struct Acceptor<'s, 'a> {
    side: &'s Side<'a>,
    node: &'s Node<'a>,
    never: bool,
    exact: bool,
    facets: Facets<'a>,
    values: Option<ValueSet<'a>>,
}

impl<'s, 'a> Acceptor<'s, 'a> {
    /// An acceptor of `node` on `side`.
    pub fn new(side: &'s Side<'a>, node: &'s Node<'a>) -> Self {
        let facets = Facets::of(node);
        let values = facets
            .values
            .as_ref()
            .map(|v| ValueSet::new(v.items.iter().map(|(x, _)| *x)));
        Acceptor {
            side,
            node,
            never: node.never().is_some(),
            exact: facets_exact_for_scalars(node, side.format_assertion),
            facets,
            values,
        }
    }

    /// Whether the node accepts `value` (see [`accepts`]).
    pub fn accepts(&self, value: &Value) -> bool {
        if self.never {
            return false;
        }
        let scalar = !value.is_object() && !value.is_array();
        if scalar && self.exact {
            return facets_accept_in(&self.facets, self.values.as_ref(), value);
        }
        if let Some(answer) = self.side.node_validates(self.node, value) {
            return answer;
        }
        facets_accept_in(&self.facets, self.values.as_ref(), value)
    }
}

/// Whether [`facets_accept`] decides exactly for scalar instances under `node`: no applicator
/// that branches on the instance, no asserted `format`, every `pattern` compiles.
fn facets_exact_for_scalars(node: &Node<'_>, format_assertion: bool) -> bool {
    if node.has_any(&[
        "anyOf",
        "oneOf",
        "not",
        "if",
        "contentEncoding",
        "contentMediaType",
    ]) {
        return false;
    }
    if format_assertion && node.has_any(&["format"]) {
        return false;
    }
    node.all("pattern")
        .iter()
        .all(|(_, p)| p.as_str().is_some_and(|p| pattern_matches(p, "").is_some()))
}

/// Whether `value` meets the effective constraints `f` (those [`Facets`] models), with `f`'s
/// enumerated values as a set (built by the caller once).
fn facets_accept_in(f: &Facets<'_>, values: Option<&ValueSet<'_>>, value: &Value) -> bool {
    if f.declared_types & type_of(value) == 0 {
        return false;
    }
    if let Some(values) = values {
        if !values.contains(value) {
            return false;
        }
    }
    match value {
        Value::Number(n) => {
            if let Some(b) = &f.lower {
                match num_cmp(n, &b.value) {
                    std::cmp::Ordering::Less => return false,
                    std::cmp::Ordering::Equal if b.exclusive => return false,
                    _ => {}
                }
            }
            if let Some(b) = &f.upper {
                match num_cmp(n, &b.value) {
                    std::cmp::Ordering::Greater => return false,
                    std::cmp::Ordering::Equal if b.exclusive => return false,
                    _ => {}
                }
            }
            for (m, _) in &f.multiple_of {
                if let (Some(x), Some(d)) = (n.as_f64(), m.as_f64()) {
                    if d > 0.0 {
                        let q = x / d;
                        if (q - q.round()).abs() > 1e-9 {
                            return false;
                        }
                    }
                }
            }
        }
        Value::String(s) => {
            let len = s.chars().count() as u64;
            if f.min_length.as_ref().is_some_and(|c| len < c.value)
                || f.max_length.as_ref().is_some_and(|c| len > c.value)
            {
                return false;
            }
            if f.patterns
                .iter()
                .any(|(p, _)| pattern_matches(p, s) == Some(false))
            {
                return false;
            }
        }
        Value::Array(items) => {
            let len = items.len() as u64;
            if f.min_items.as_ref().is_some_and(|c| len < c.value)
                || f.max_items.as_ref().is_some_and(|c| len > c.value)
            {
                return false;
            }
        }
        Value::Object(map) => {
            let len = map.len() as u64;
            if f.min_properties.as_ref().is_some_and(|c| len < c.value)
                || f.max_properties.as_ref().is_some_and(|c| len > c.value)
            {
                return false;
            }
            if f.required.iter().any(|(n, _)| !map.contains_key(n)) {
                return false;
            }
        }
        _ => {}
    }
    true
}
