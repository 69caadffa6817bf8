//! The remaining applicators and assertions: `not`, `if`/`then`/`else` (Core 2020-12
//! §10.2.1.4, §10.2.2), `contains`/`minContains`/`maxContains` (Core §10.3.1.3, Validation
//! §6.4.4-5), `uniqueItems` (Validation §6.4.3), `propertyNames` (Core §10.3.2.4),
//! `patternProperties` (Core §10.3.2.2), `dependentRequired` (Validation §6.5.4),
//! `dependentSchemas` (Core §10.2.2.4) and draft 4-7 `dependencies`, `multipleOf` (Validation
//! §6.2.1), `format` (Validation §7), `contentEncoding`/`contentMediaType` (Validation §8).
//!
//! Monotone applicators (a narrower subschema narrows the whole: `then`, `else`, `contains`
//! without `maxContains`, `propertyNames`, `dependentSchemas` entries, `patternProperties`
//! values) are walked as plain pairs, so the inner rules report with their own effect. `not`
//! flips the effect: its pair is walked on its own and the outcome reported as one `not-*`
//! finding. Where an effect cannot be decided (a changed `if`, `contains` under `maxContains`),
//! any change is reported as Changed.

use contracts_core::{Draft, LoadError, Location};
use serde_json::{json, Value};

use crate::facets::Facets;
use crate::generate::string_for_pattern;
use crate::model::{keyword_active, Node};
use crate::rules::{self, Rule};
use crate::util::{
    json_eq, pattern_matches, short, T_ARRAY, T_INTEGER, T_NUMBER, T_OBJECT, T_STRING,
};
use crate::walk::{Hint, Pending, Task, Token, Walker};
use crate::{Effect, WitnessSide};

/// A subschema of one part under an applicator keyword: location, value, draft.
type Sub<'a> = (Location, &'a Value, Draft);

/// Formats the `jsonschema` validator asserts when asked to (Validation 2020-12 §7.3); others
/// are annotations whatever the option.
const KNOWN_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

fn node_of<'a>(w: &Walker<'a>, old_side: bool, sub: &Sub<'a>) -> Result<Node<'a>, LoadError> {
    let side = if old_side { &w.old } else { &w.new };
    side.node(sub.0.clone(), sub.1, sub.2)
}

/// The subschemas of keyword `kw` over the parts of `node`.
fn subs<'a>(node: &Node<'a>, kw: &str) -> Vec<Sub<'a>> {
    node.all(kw)
        .into_iter()
        .map(|(p, v)| (p.at(kw), v, p.draft))
        .collect()
}

/// Split sub-walk findings into annotation findings (kept as they are) and the rest.
fn split(w: &mut Walker<'_>, sub: Vec<Pending>) -> Vec<Pending> {
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

fn summary(found: &[Pending]) -> String {
    let first = found
        .first()
        .map_or(String::new(), |p| p.finding.message.clone());
    if found.len() > 1 {
        format!("{first} (and {} more)", found.len() - 1)
    } else {
        first
    }
}

/// Compare the applicators of `t`; `common` = the types both sides admit.
pub(crate) fn compare<'a>(w: &mut Walker<'a>, t: &Task<'a>, common: u8) -> Result<(), LoadError> {
    compare_not(w, t)?;
    compare_conditionals(w, t)?;
    if common & T_ARRAY != 0 {
        compare_unique_items(w, t);
        compare_contains(w, t)?;
    }
    if common & T_OBJECT != 0 {
        compare_dependent_required(w, t);
        compare_dependent_schemas(w, t)?;
        compare_property_names(w, t)?;
        compare_pattern_properties(w, t)?;
    }
    if common & T_STRING != 0 {
        compare_content(w, t);
    }
    Ok(())
}

/// `not`: each side's `not` subschemas (one per part), paired by text then by order. The inner
/// pair is walked on its own: inner narrowing widens the whole, inner widening narrows it.
fn compare_not<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    let (mut o, mut n) = (subs(&t.old, "not"), subs(&t.new, "not"));
    if o.is_empty() && n.is_empty() {
        return Ok(());
    }
    // Equal text pairs first.
    let mut pairs: Vec<(Sub<'a>, Sub<'a>)> = Vec::new();
    let mut i = 0;
    while i < o.len() {
        match n.iter().position(|y| json_eq(o[i].1, y.1)) {
            Some(j) => pairs.push((o.remove(i), n.remove(j))),
            None => i += 1,
        }
    }
    while !o.is_empty() && !n.is_empty() {
        pairs.push((o.remove(0), n.remove(0)));
    }
    for x in o {
        w.emit(
            &rules::not_removed::RULE,
            Some(x.0.clone()),
            Some(t.new.loc()),
            format!(
                "`not` removed: values matching {} are accepted again",
                short(x.1)
            ),
            Hint::None,
            t,
        );
    }
    for y in n {
        w.emit(
            &rules::not_added::RULE,
            Some(t.old.loc()),
            Some(y.0.clone()),
            format!("`not` added: values matching {} are rejected", short(y.1)),
            Hint::None,
            t,
        );
    }
    for (x, y) in pairs {
        let on = node_of(w, true, &x)?;
        let nn = node_of(w, false, &y)?;
        let found = w.subwalk(on, nn, t, None)?;
        let found = split(w, found);
        if found.is_empty() {
            continue;
        }
        let narrowed = found.iter().all(|p| p.finding.effect == Effect::Narrowed);
        let widened = found.iter().all(|p| p.finding.effect == Effect::Widened);
        let (rule, what): (&'static Rule, &str) = if narrowed {
            (&rules::not_excludes_less::RULE, "the excluded set shrank")
        } else if widened {
            (&rules::not_excludes_more::RULE, "the excluded set grew")
        } else {
            (&rules::not_changed::RULE, "the excluded set changed")
        };
        w.emit(
            rule,
            Some(x.0.clone()),
            Some(y.0.clone()),
            format!("`not`: {what}: {}", summary(&found)),
            Hint::None,
            t,
        );
    }
    Ok(())
}

/// One `if` with its `then`/`else`, from one part.
struct Conditional<'a> {
    cond: Sub<'a>,
    then: Option<Sub<'a>>,
    els: Option<Sub<'a>>,
}

fn conditionals<'a>(node: &Node<'a>) -> Vec<Conditional<'a>> {
    node.parts
        .iter()
        .filter_map(|p| {
            let cond = p.get("if")?;
            if node.is_consumed(&p.at("if")) {
                return None;
            }
            Some(Conditional {
                cond: (p.at("if"), cond, p.draft),
                then: p.get("then").map(|v| (p.at("then"), v, p.draft)),
                els: p.get("else").map(|v| (p.at("else"), v, p.draft)),
            })
        })
        .collect()
}

/// `if`/`then`/`else`, per schema object (a `then` only pairs with the `if` beside it). Equal
/// conditions: `then` and `else` are walked as conditional conjuncts beside the rest of the
/// node (so the node's other keywords frame them). A changed condition is `if-changed`; a
/// conditional with no counterpart is `conditional-added`/`conditional-removed`.
fn compare_conditionals<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    let (mut o, mut n) = (conditionals(&t.old), conditionals(&t.new));
    if o.is_empty() && n.is_empty() {
        return Ok(());
    }
    let mut pairs = Vec::new();
    let mut i = 0;
    while i < o.len() {
        match n.iter().position(|y| json_eq(o[i].cond.1, y.cond.1)) {
            Some(j) => pairs.push((o.remove(i), n.remove(j))),
            None => i += 1,
        }
    }
    while !o.is_empty() && !n.is_empty() {
        pairs.push((o.remove(0), n.remove(0)));
    }
    for c in o {
        w.emit(
            &rules::conditional_removed::RULE,
            Some(c.cond.0.clone()),
            Some(t.new.loc()),
            format!("conditional on {} removed", short(c.cond.1)),
            Hint::None,
            t,
        );
    }
    for c in n {
        w.emit(
            &rules::conditional_added::RULE,
            Some(t.old.loc()),
            Some(c.cond.0.clone()),
            format!("conditional on {} added", short(c.cond.1)),
            Hint::None,
            t,
        );
    }
    for (x, y) in pairs {
        let on = node_of(w, true, &x.cond)?;
        let nn = node_of(w, false, &y.cond)?;
        let found = w.subwalk(on, nn, t, None)?;
        let found = split(w, found);
        if !found.is_empty() {
            w.emit(
                &rules::if_changed::RULE,
                Some(x.cond.0.clone()),
                Some(y.cond.0.clone()),
                format!("the condition of `if` changed: {}", summary(&found)),
                Hint::None,
                t,
            );
            continue;
        }
        for (a, b) in [(&x.then, &y.then), (&x.els, &y.els)] {
            if a.is_none() && b.is_none() {
                continue;
            }
            let mut on = t.old.clone();
            let mut nn = t.new.clone();
            // With `then`, the `if` holds too (and what it evaluates counts for
            // `unevaluated*`); `else` cannot say that `if` fails.
            let is_then = std::ptr::eq(a, &x.then);
            if let Some(a) = a {
                let mut items = vec![a.clone()];
                if is_then {
                    items.insert(0, x.cond.clone());
                }
                on = w.old.extend(&on, items)?;
            }
            if let Some(b) = b {
                let mut items = vec![b.clone()];
                if is_then {
                    items.insert(0, y.cond.clone());
                }
                nn = w.new.extend(&nn, items)?;
            }
            on.consumed.push(x.cond.0.clone());
            nn.consumed.push(y.cond.0.clone());
            w.push_with(on, nn, t, None, t.mask, 0);
        }
    }
    Ok(())
}

fn compare_unique_items<'a>(w: &mut Walker<'a>, t: &Task<'a>) {
    let (fo, fnw) = (Facets::of(&t.old), Facets::of(&t.new));
    // Arrays of at most one item are unique anyway.
    let at_most_one = |f: &Facets<'_>| f.max_items.as_ref().is_some_and(|c| c.value <= 1);
    if at_most_one(&fo) && at_most_one(&fnw) {
        return;
    }
    match (&fo.unique_items, &fnw.unique_items) {
        (None, Some(l)) => w.emit(
            &rules::unique_items_added::RULE,
            Some(t.old.loc()),
            Some(l.clone()),
            "`uniqueItems: true` added: arrays with duplicates are rejected".into(),
            Hint::None,
            t,
        ),
        (Some(l), None) => w.emit(
            &rules::unique_items_removed::RULE,
            Some(l.clone()),
            Some(t.new.loc()),
            "`uniqueItems: true` removed: arrays with duplicates are accepted".into(),
            Hint::None,
            t,
        ),
        _ => {}
    }
}

/// The `minContains`/`maxContains` beside the first `contains` of a node (2019-09+; they only
/// modify the `contains` of their own schema object; 1 and none when absent).
fn contains_bounds(node: &Node<'_>) -> (u64, Option<(u64, Location)>, Location) {
    let Some(p) = node.parts.iter().find(|p| p.get("contains").is_some()) else {
        return (1, None, node.loc());
    };
    let min = p
        .get("minContains")
        .and_then(Value::as_f64)
        .filter(|v| *v >= 0.0)
        .map(|v| (v.ceil() as u64, p.at("minContains")));
    let max = p
        .get("maxContains")
        .and_then(Value::as_f64)
        .filter(|v| *v >= 0.0)
        .map(|v| (v.floor() as u64, p.at("maxContains")));
    let (min, min_loc) = min.unwrap_or_else(|| (1, p.loc.clone()));
    (min, max, min_loc)
}

/// `contains` with `minContains`/`maxContains`.
fn compare_contains<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    let (oc, nc) = (t.old.has_any(&["contains"]), t.new.has_any(&["contains"]));
    if !oc && !nc {
        return Ok(());
    }
    let co = w.old.child_keyword(&t.old, "contains")?;
    let cn = w.new.child_keyword(&t.new, "contains")?;
    let (omin, omax, omin_loc) = contains_bounds(&t.old);
    let (nmin, nmax, nmin_loc) = contains_bounds(&t.new);
    if oc != nc {
        let (rule, ol, nl, msg) = if nc {
            (
                &rules::contains_added::RULE,
                t.old.loc(),
                t.new.loc_of("contains"),
                "`contains` added: arrays without a matching item are rejected",
            )
        } else {
            (
                &rules::contains_removed::RULE,
                t.old.loc_of("contains"),
                t.new.loc(),
                "`contains` removed: arrays without a matching item are accepted",
            )
        };
        // minContains: 0 makes `contains` accept every array.
        let trivial = if nc {
            nmin == 0 && nmax.is_none()
        } else {
            omin == 0 && omax.is_none()
        };
        if !trivial {
            w.emit(rule, Some(ol), Some(nl), msg.into(), Hint::None, t);
        }
        return Ok(());
    }
    let several = |n: &Node<'a>| n.all("contains").len() > 1;
    if omax.is_some() || nmax.is_some() || several(&t.old) || several(&t.new) {
        // Under maxContains a narrower `contains` counts fewer items: either direction.
        let found = w.subwalk(co.clone(), cn.clone(), t, Some(Token::Index(0)))?;
        let found = split(w, found);
        if !found.is_empty() {
            w.emit(
                &rules::contains_changed::RULE,
                Some(t.old.loc_of("contains")),
                Some(t.new.loc_of("contains")),
                format!(
                    "`contains` changed under `maxContains`: {}",
                    summary(&found)
                ),
                Hint::None,
                t,
            );
        }
    } else {
        w.push(co, cn, t, Some(Token::Index(0)));
    }
    if omin != nmin {
        let rule = if nmin > omin {
            &rules::min_contains_tightened::RULE
        } else {
            &rules::min_contains_loosened::RULE
        };
        w.emit(
            rule,
            Some(omin_loc),
            Some(nmin_loc),
            format!("`minContains` changed from {omin} to {nmin}"),
            Hint::None,
            t,
        );
    }
    match (omax, nmax) {
        (None, Some((n, l))) => w.emit(
            &rules::max_contains_added::RULE,
            Some(t.old.loc_of("contains")),
            Some(l),
            format!("`maxContains: {n}` added"),
            Hint::None,
            t,
        ),
        (Some((o, l)), None) => w.emit(
            &rules::max_contains_removed::RULE,
            Some(l),
            Some(t.new.loc_of("contains")),
            format!("`maxContains: {o}` removed"),
            Hint::None,
            t,
        ),
        (Some((o, ol)), Some((n, nl))) if o != n => w.emit(
            if n < o {
                &rules::max_contains_tightened::RULE
            } else {
                &rules::max_contains_loosened::RULE
            },
            Some(ol),
            Some(nl),
            format!("`maxContains` changed from {o} to {n}"),
            Hint::None,
            t,
        ),
        _ => {}
    }
    Ok(())
}

/// `dependentRequired` and the array form of `dependencies`: (property, required name) pairs.
fn dependent_required<'a>(node: &Node<'a>) -> Vec<(String, String, Location)> {
    let mut out = Vec::new();
    for kw in ["dependentRequired", "dependencies"] {
        for (p, v) in node.all(kw) {
            let Some(map) = v.as_object() else {
                continue;
            };
            for (name, deps) in map {
                let Some(list) = deps.as_array() else {
                    continue;
                };
                for (i, d) in list.iter().enumerate() {
                    if let Some(d) = d.as_str() {
                        let loc = p.at(kw).join(name).join(&i.to_string());
                        if !out
                            .iter()
                            .any(|(a, b, _): &(String, String, Location)| a == name && b == d)
                        {
                            out.push((name.clone(), d.to_string(), loc));
                        }
                    }
                }
            }
        }
    }
    out
}

fn compare_dependent_required<'a>(w: &mut Walker<'a>, t: &Task<'a>) {
    let (o, n) = (dependent_required(&t.old), dependent_required(&t.new));
    let fo = Facets::of(&t.old);
    let fnw = Facets::of(&t.new);
    for (name, dep, loc) in &n {
        if o.iter().any(|(a, b, _)| a == name && b == dep) {
            continue;
        }
        // Already implied when the old schema requires `dep` anyway.
        if fo.required.iter().any(|(r, _)| r == dep) {
            continue;
        }
        w.emit(
            &rules::dependent_required_added::RULE,
            Some(t.old.loc()),
            Some(loc.clone()),
            format!("`{dep}` is now required whenever `{name}` is present"),
            Hint::Extra(vec![(
                WitnessSide::Old,
                json!({"type": "object", "required": [name], "not": {"required": [dep]}}),
            )]),
            t,
        );
    }
    for (name, dep, loc) in &o {
        if n.iter().any(|(a, b, _)| a == name && b == dep) {
            continue;
        }
        if fnw.required.iter().any(|(r, _)| r == dep) {
            continue;
        }
        w.emit(
            &rules::dependent_required_removed::RULE,
            Some(loc.clone()),
            Some(t.new.loc()),
            format!("`{dep}` is no longer required when `{name}` is present"),
            Hint::Extra(vec![(
                WitnessSide::New,
                json!({"type": "object", "required": [name], "not": {"required": [dep]}}),
            )]),
            t,
        );
    }
}

/// `dependentSchemas` and the schema form of `dependencies`, by property name.
fn dependent_schemas<'a>(node: &Node<'a>) -> Vec<(String, Sub<'a>)> {
    let mut out = Vec::new();
    for kw in ["dependentSchemas", "dependencies"] {
        for (p, v) in node.all(kw) {
            if let Some(map) = v.as_object() {
                for (name, s) in map {
                    if !s.is_array() {
                        out.push((name.clone(), (p.at(kw).join(name), s, p.draft)));
                    }
                }
            }
        }
    }
    out
}

fn compare_dependent_schemas<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    let (o, n) = (dependent_schemas(&t.old), dependent_schemas(&t.new));
    // Entries of one name are paired in order (one per schema object that has them).
    let mut used = vec![false; n.len()];
    for (name, x) in &o {
        let on = node_of(w, true, x)?;
        let partner = (0..n.len()).find(|&j| !used[j] && n[j].0 == *name);
        match partner {
            Some(j) => {
                used[j] = true;
                let nn = node_of(w, false, &n[j].1)?;
                w.push(on, nn, t, None);
            }
            None => {
                if on.is_trivially_true() {
                    continue;
                }
                w.emit(
                    &rules::dependent_schema_removed::RULE,
                    Some(x.0.clone()),
                    Some(t.new.loc()),
                    format!("the schema applied when `{name}` is present was removed"),
                    Hint::None,
                    t,
                );
            }
        }
    }
    for (j, (name, y)) in n.iter().enumerate() {
        if used[j] {
            continue;
        }
        let nn = node_of(w, false, y)?;
        if nn.is_trivially_true() {
            continue;
        }
        w.emit(
            &rules::dependent_schema_added::RULE,
            Some(t.old.loc()),
            Some(y.0.clone()),
            format!("a schema now applies when `{name}` is present"),
            Hint::None,
            t,
        );
    }
    Ok(())
}

/// `propertyNames`: walked as a plain pair (a narrower name schema rejects more objects); the
/// instance at that position is a property name.
fn compare_property_names<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    if !t.old.has_any(&["propertyNames"]) && !t.new.has_any(&["propertyNames"]) {
        return Ok(());
    }
    let co = w.old.child_keyword(&t.old, "propertyNames")?;
    let cn = w.new.child_keyword(&t.new, "propertyNames")?;
    w.push(co, cn, t, Some(Token::Name));
    Ok(())
}

/// A `patternProperties` pattern for which no sample name was found: compared by its text.
fn undecided_pattern<'a>(w: &mut Walker<'a>, t: &Task<'a>, pat: &str) -> Result<(), LoadError> {
    let has = |node: &Node<'a>| {
        node.all("patternProperties")
            .into_iter()
            .any(|(_, v)| v.get(pat).is_some())
    };
    let (in_old, in_new) = (has(&t.old), has(&t.new));
    if in_old && in_new {
        let co = w.old.child_pattern(&t.old, pat)?;
        let cn = w.new.child_pattern(&t.new, pat)?;
        w.push(co, cn, t, Some(Token::Prop(pat.to_string())));
        return Ok(());
    }
    let why = if pattern_matches(pat, "").is_none() {
        "no regular-expression engine here compiles it"
    } else {
        "no property name matching it was found"
    };
    let (old, new, what) = if in_new {
        (
            t.old.loc(),
            w.new.child_pattern(&t.new, pat)?.loc(),
            "added",
        )
    } else {
        (
            w.old.child_pattern(&t.old, pat)?.loc(),
            t.new.loc(),
            "removed",
        )
    };
    w.emit(
        &rules::keyword_changed::RULE,
        Some(old),
        Some(new),
        format!(
            "`patternProperties` pattern {} {what}: {why}, so which names it governs cannot \
             be compared; reported as a change of the accepted values",
            short(&Value::String(pat.to_string()))
        ),
        Hint::None,
        t,
    );
    Ok(())
}

/// `patternProperties`: for each pattern on either side, a sample name matching it (and no
/// declared property): the two sides' schemas for that name are walked as a pair.
fn compare_pattern_properties<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    let mut patterns: Vec<String> = Vec::new();
    for node in [&t.old, &t.new] {
        for (_, v) in node.all("patternProperties") {
            if let Some(map) = v.as_object() {
                for k in map.keys() {
                    if !patterns.contains(k) {
                        patterns.push(k.clone());
                    }
                }
            }
        }
    }
    let declared: Vec<String> = t
        .old
        .property_names()
        .into_iter()
        .chain(t.new.property_names())
        .collect();
    for pat in &patterns {
        // Samples: one the pattern matches alone if there is one (the other patterns do not
        // apply to it), and the plain one.
        let mut samples: Vec<String> = Vec::new();
        for n in [0usize, 1, 3] {
            let Some(base) = string_for_pattern(pat, n) else {
                continue;
            };
            for cand in [
                base.clone(),
                format!("a{base}"),
                format!("{base}a"),
                format!("_{base}_"),
            ] {
                if pattern_matches(pat, &cand) == Some(true) && !declared.contains(&cand) {
                    samples.push(cand);
                }
            }
        }
        if samples.is_empty() {
            // A pattern only `regress` reads (lookahead, backreferences, `\cX`): generate
            // from its rewriting into `regex` syntax, then try plain names; each candidate is
            // checked against the pattern itself.
            let rewritten = crate::util::ecma_to_regex_syntax(pat);
            samples = [0usize, 1, 3]
                .into_iter()
                .filter_map(|n| string_for_pattern(&rewritten, n))
                .chain(crate::util::SAMPLE_NAMES.iter().map(|n| n.to_string()))
                .filter(|c| pattern_matches(pat, c) == Some(true) && !declared.contains(c))
                .take(2)
                .collect();
        }
        if samples.is_empty() {
            // No name can be found for it (no engine compiles it, or it matches none we
            // try): never drop it. Unchanged, its two schemas are compared as usual; added or
            // removed, the change cannot be judged and is MAJOR.
            undecided_pattern(w, t, pat)?;
            continue;
        }
        let alone = samples.iter().find(|c| {
            patterns
                .iter()
                .filter(|q| *q != pat)
                .all(|q| pattern_matches(q, c) == Some(false))
        });
        let mut chosen: Vec<String> = alone.into_iter().cloned().collect();
        if let Some(first) = samples.first() {
            if !chosen.contains(first) {
                chosen.push(first.clone());
            }
        }
        for name in chosen {
            let co = w.old.child_prop(&t.old, &name)?;
            let cn = w.new.child_prop(&t.new, &name)?;
            w.push(co, cn, t, Some(Token::Prop(name)));
        }
    }
    Ok(())
}

/// `multipleOf`: the values a set of divisors admits are the multiples of all of them; compare
/// by divisibility (a new divisor that is a multiple of the old one narrows).
pub(crate) fn compare_multiple_of<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    fo: &Facets<'a>,
    fnw: &Facets<'a>,
) {
    let integers_only = (fo.types | fnw.types) & T_NUMBER == T_INTEGER;
    let effective = |f: &Facets<'a>| -> Vec<(f64, Location)> {
        f.multiple_of
            .iter()
            .filter_map(|(m, l)| m.as_f64().filter(|x| *x > 0.0).map(|x| (x, l.clone())))
            // Over integers, a divisor of 1 constrains nothing.
            .filter(|(x, _)| !(integers_only && is_multiple(1.0, *x)))
            .collect()
    };
    let (o, n) = (effective(fo), effective(fnw));
    // Every old divisor divides some new one: the new multiples are old multiples.
    let covers = |a: &[(f64, Location)], b: &[(f64, Location)]| {
        a.iter()
            .all(|(x, _)| b.iter().any(|(y, _)| is_multiple(*y, *x)))
    };
    let narrower = covers(&o, &n);
    let wider = covers(&n, &o);
    let ol = o.first().map_or_else(|| t.old.loc(), |(_, l)| l.clone());
    let nl = n.first().map_or_else(|| t.new.loc(), |(_, l)| l.clone());
    let show = |l: &[(f64, Location)]| {
        l.iter()
            .map(|(x, _)| crate::util::number(*x).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let msg = format!("`multipleOf` changed from [{}] to [{}]", show(&o), show(&n));
    let (rule, hint): (&'static Rule, Hint) = match (o.is_empty(), n.is_empty(), narrower, wider) {
        (true, true, _, _) | (_, _, true, true) => return,
        (true, false, _, _) => (&rules::multiple_of_added::RULE, Hint::None),
        (false, true, _, _) => (&rules::multiple_of_removed::RULE, Hint::None),
        (false, false, true, false) => (&rules::multiple_of_narrowed::RULE, Hint::None),
        (false, false, false, true) => (&rules::multiple_of_widened::RULE, Hint::None),
        (false, false, false, false) => (&rules::multiple_of_changed::RULE, Hint::None),
    };
    w.emit(rule, Some(ol), Some(nl), msg, hint, t);
}

/// Whether `a` is an integer multiple of `b` (`b > 0`), up to rounding of decimal fractions.
fn is_multiple(a: f64, b: f64) -> bool {
    let q = a / b;
    (q - q.round()).abs() < 1e-9 * q.abs().max(1.0)
}

/// `format`: an annotation unless `format_assertion` (and the format is one the validator
/// knows).
pub(crate) fn compare_format<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    fo: &Facets<'a>,
    fnw: &Facets<'a>,
) {
    let asserting = |f: &(String, Location)| {
        w.options.format_assertion && KNOWN_FORMATS.contains(&f.0.as_str())
    };
    let oa: Vec<&(String, Location)> = fo.formats.iter().filter(|f| asserting(f)).collect();
    let na: Vec<&(String, Location)> = fnw.formats.iter().filter(|f| asserting(f)).collect();
    let names = |l: &[&(String, Location)]| l.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>();
    let (on, nn) = (names(&oa), names(&na));
    if on != nn {
        let ol = oa.first().map_or_else(|| t.old.loc(), |(_, l)| l.clone());
        let nl = na.first().map_or_else(|| t.new.loc(), |(_, l)| l.clone());
        let rule = match (on.is_empty(), nn.is_empty()) {
            (true, false) => &rules::format_added::RULE,
            (false, true) => &rules::format_removed::RULE,
            _ => &rules::format_replaced::RULE,
        };
        w.emit(
            rule,
            Some(ol),
            Some(nl),
            format!("asserted `format` changed from {on:?} to {nn:?}"),
            Hint::None,
            t,
        );
        return;
    }
    let all = |f: &Facets<'a>| f.formats.iter().map(|(x, _)| x.clone()).collect::<Vec<_>>();
    if all(fo) != all(fnw) {
        let ol = fo
            .formats
            .first()
            .map_or_else(|| t.old.loc(), |(_, l)| l.clone());
        let nl = fnw
            .formats
            .first()
            .map_or_else(|| t.new.loc(), |(_, l)| l.clone());
        w.emit(
            &rules::format_changed::RULE,
            Some(ol),
            Some(nl),
            format!(
                "`format` changed from {:?} to {:?} (an annotation: not asserted)",
                all(fo),
                all(fnw)
            ),
            Hint::None,
            t,
        );
    }
}

/// `contentEncoding`/`contentMediaType`: asserted by the validator in drafts 6 and 7, annotations
/// from 2019-09 on.
fn compare_content<'a>(w: &mut Walker<'a>, t: &Task<'a>) {
    for kw in ["contentEncoding", "contentMediaType"] {
        let pick = |node: &Node<'a>, asserting: bool| -> Vec<(Location, &'a Value)> {
            node.parts
                .iter()
                .filter(|p| (p.draft <= Draft::Draft7) == asserting && p.draft >= Draft::Draft6)
                .filter_map(|p| p.value.get(kw).map(|v| (p.at(kw), v)))
                .collect()
        };
        let same = |a: &[(Location, &Value)], b: &[(Location, &Value)]| {
            a.len() == b.len() && a.iter().zip(b).all(|((_, x), (_, y))| json_eq(x, y))
        };
        let (oa, na) = (pick(&t.old, true), pick(&t.new, true));
        if !same(&oa, &na) {
            let ol = oa.first().map_or_else(|| t.old.loc(), |(l, _)| l.clone());
            let nl = na.first().map_or_else(|| t.new.loc(), |(l, _)| l.clone());
            let rule = match (oa.is_empty(), na.is_empty()) {
                (true, false) => &rules::content_added::RULE,
                (false, true) => &rules::content_removed::RULE,
                _ => &rules::content_changed::RULE,
            };
            w.emit(
                rule,
                Some(ol),
                Some(nl),
                format!("asserted `{kw}` changed"),
                Hint::None,
                t,
            );
        }
        let (oa, na) = (pick(&t.old, false), pick(&t.new, false));
        if !same(&oa, &na) && keyword_active(Draft::Draft202012, kw) {
            let ol = oa.first().map_or_else(|| t.old.loc(), |(l, _)| l.clone());
            let nl = na.first().map_or_else(|| t.new.loc(), |(l, _)| l.clone());
            w.emit(
                &rules::content_annotation_changed::RULE,
                Some(ol),
                Some(nl),
                format!("`{kw}` changed (an annotation from 2019-09 on)"),
                Hint::None,
                t,
            );
        }
    }
}

#[cfg(test)]
mod pattern_tests {
    use crate::testkit::diff_values;
    use crate::{Bump, DiffOptions, Mode, Policy};
    use serde_json::{json, Value};

    fn object(pattern: &str, schema: Value) -> Value {
        json!({"type": "object", "patternProperties": {pattern: schema}})
    }

    fn options() -> DiffOptions {
        DiffOptions {
            mode: Mode::Full,
            policy: Policy::Lenient,
            format_assertion: false,
        }
    }

    #[test]
    fn a_type_change_under_an_ecma_only_pattern_is_found() {
        // Lookahead and a backreference: the `regex` crate compiles neither.
        for pattern in ["^(?!internal_)[a-z]+$", "^(a)\\1$"] {
            let old = object(pattern, json!({"type": "string"}));
            let new = object(pattern, json!({"type": "integer"}));
            let report = diff_values(&old, &new, options());
            assert_eq!(report.required_bump, Bump::Major, "{pattern}: {report:?}");
            assert!(
                report.findings.iter().any(|f| f.rule == "type-changed"),
                "{pattern}: {:?}",
                report.findings
            );
        }
    }

    #[test]
    fn an_uncompilable_pattern_is_compared_by_text_never_dropped() {
        let bad = "^(?<x[a-z]+$";
        // Unchanged: its schemas are compared as usual.
        let old = object(bad, json!({"type": "string"}));
        let new = object(bad, json!({"type": "integer"}));
        let report = diff_values(&old, &new, options());
        assert_eq!(report.required_bump, Bump::Major, "{report:?}");
        assert!(report.findings.iter().any(|f| f.rule == "type-changed"));
        // Changed: MAJOR, with a message naming the pattern.
        let renamed = object("^(?<y[a-z]+$", json!({"type": "string"}));
        let report = diff_values(&old, &renamed, options());
        assert_eq!(report.required_bump, Bump::Major, "{report:?}");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.rule == "keyword-changed" && f.message.contains("^(?<x[a-z]+$")),
            "{:?}",
            report.findings
        );
        // Unchanged and identical: nothing.
        assert!(diff_values(&old, &old, options()).findings.is_empty());
    }
}
