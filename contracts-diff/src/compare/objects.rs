//! Object keywords: `properties`, `required`, `additionalProperties`, `patternProperties`,
//! `minProperties`/`maxProperties` (Validation 2020-12 §6.5, Core 2020-12 §10.3.2),
//! `propertyNames` (Core §10.3.2.4), `dependentRequired` (Validation §6.5.4),
//! `dependentSchemas` (Core §10.2.2.4) and draft 4-7 `dependencies`. `propertyNames`,
//! `dependentSchemas` entries and `patternProperties` values are monotone: walked as plain pairs.
//!
//! A property present on one side only is judged against what the other side's content model
//! allows for that name ([`Side::child_prop`]): nothing (closed: `additionalProperties: false`
//! and no matching `patternProperties`), anything (open), or a schema (an
//! `additionalProperties`/`patternProperties` schema, compared with the property's schema by
//! the same walk). Under [`Policy::Lenient`] properties are API surface instead: a new property
//! is an addition (`property-added`, MINOR) and a dropped one a removal (`property-removed`,
//! MAJOR), whatever the content model says.

use std::collections::HashSet;

use contracts_core::{LoadError, Location};
use serde_json::{json, Value};

use crate::compare::bounds::{compare_count, BoundRules};
use crate::compare::{node_of, Sub};
use crate::facets::{Count, Facets};
use crate::generate::string_for_pattern;
use crate::model::Node;
use crate::rules::{self, Arg};
use crate::util::{pattern_matches, short};
use crate::walk::{Hint, Task, Token, Walker};
use crate::{Policy, WitnessSide};

/// What a content model allows for one property name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Model {
    /// Nothing (`false`).
    Closed,
    /// Anything.
    Open,
    /// Values of a schema.
    Schema,
}

fn model(node: &Node<'_>) -> Model {
    if node.never().is_some() {
        Model::Closed
    } else if node.is_trivially_true() {
        Model::Open
    } else {
        Model::Schema
    }
}

/// Compare the object keywords of `t`.
pub(crate) fn compare<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    fo: &Facets<'a>,
    fnw: &Facets<'a>,
) -> Result<(), LoadError> {
    // `minProperties` no larger than the number of required names adds nothing.
    let min_eff = |f: &Facets<'a>| {
        f.min_properties
            .clone()
            .filter(|c| c.value > f.required.len() as u64)
    };
    // A closed content model holds at most its declared properties: a `maxProperties` above
    // that adds nothing (and the capacity bounds the side without one, against a side with one).
    // Only a `maxProperties` on either side reads it: counting resolves every property.
    let (co, cn) = if fo.max_properties.is_some() || fnw.max_properties.is_some() {
        (capacity(w, &t.old, true)?, capacity(w, &t.new, false)?)
    } else {
        (None, None)
    };
    let clamp = |m: &Option<Count>, cap: Option<u64>, other: &Option<Count>, node: &Node<'a>| match (
        m, cap,
    ) {
        (Some(m), Some(c)) if m.value > c => Some(Count {
            value: c,
            loc: m.loc.clone(),
        }),
        (Some(m), _) => Some(m.clone()),
        (None, Some(c)) if other.is_some() => Some(Count {
            value: c,
            loc: node.loc(),
        }),
        (None, _) => None,
    };
    let (omax, nmax) = (
        clamp(&fo.max_properties, co, &fnw.max_properties, &t.old),
        clamp(&fnw.max_properties, cn, &fo.max_properties, &t.new),
    );
    compare_count(
        w,
        t,
        &min_eff(fo),
        &min_eff(fnw),
        true,
        "object",
        ("minProperties", "maxProperties"),
        &BoundRules {
            added: &rules::min_properties_added::RULE,
            removed: &rules::min_properties_removed::RULE,
            tightened: &rules::min_properties_tightened::RULE,
            loosened: &rules::min_properties_loosened::RULE,
        },
    );
    compare_count(
        w,
        t,
        &omax,
        &nmax,
        false,
        "object",
        ("minProperties", "maxProperties"),
        &BoundRules {
            added: &rules::max_properties_added::RULE,
            removed: &rules::max_properties_removed::RULE,
            tightened: &rules::max_properties_tightened::RULE,
            loosened: &rules::max_properties_loosened::RULE,
        },
    );
    compare_required(w, t, fo, fnw);
    compare_properties(w, t)?;
    compare_additional(w, t)?;
    Ok(())
}

/// How many properties an object can have under `node` when its content model is closed (no
/// undeclared name allowed, no `patternProperties`): its declared properties that are not
/// `false`; `None` when open.
fn capacity<'a>(w: &Walker<'a>, node: &Node<'a>, old: bool) -> Result<Option<u64>, LoadError> {
    if node.has_any(&["patternProperties"]) {
        return Ok(None);
    }
    let side = if old { &w.old } else { &w.new };
    let names = node.property_names();
    let probe = fresh_name(node, node);
    if side.child_prop(node, &probe)?.never().is_none() {
        return Ok(None);
    }
    let mut n = 0u64;
    for name in &names {
        if side.child_prop(node, name)?.never().is_none() {
            n += 1;
        }
    }
    Ok(Some(n))
}

fn compare_required<'a>(w: &mut Walker<'a>, t: &Task<'a>, fo: &Facets<'a>, fnw: &Facets<'a>) {
    // Looked up, not scanned: a `required` of many names is compared in linear time.
    let old_names: HashSet<&str> = fo.required.iter().map(|(n, _)| n.as_str()).collect();
    let new_names: HashSet<&str> = fnw.required.iter().map(|(n, _)| n.as_str()).collect();
    for (name, loc) in &fnw.required {
        if old_names.contains(name.as_str()) {
            continue;
        }
        w.emit(
            &rules::required_added::RULE,
            Some(t.old.loc_of("required")),
            Some(loc.clone()),
            &[("name", name)],
            Hint::Extra(vec![(
                WitnessSide::Old,
                json!({"type": "object", "not": {"required": [name]}}),
            )]),
            t,
        );
    }
    for (name, loc) in &fo.required {
        if new_names.contains(name.as_str()) {
            continue;
        }
        w.emit(
            &rules::required_removed::RULE,
            Some(loc.clone()),
            Some(t.new.loc_of("required")),
            &[("name", name)],
            Hint::Extra(vec![(
                WitnessSide::New,
                json!({"type": "object", "not": {"required": [name]}}),
            )]),
            t,
        );
    }
}

fn compare_properties<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    let old_names = t.old.property_names();
    let new_names = t.new.property_names();
    // Sets for lookups, so that many properties cost linear time.
    let old_set: HashSet<&str> = old_names.iter().map(String::as_str).collect();
    let new_set: HashSet<&str> = new_names.iter().map(String::as_str).collect();
    let mut names: Vec<&str> = old_names.iter().map(String::as_str).collect();
    names.extend(
        new_names
            .iter()
            .map(String::as_str)
            .filter(|n| !old_set.contains(n)),
    );
    let strict = w.options_at(t).1 == Policy::Strict;
    for name in names {
        let co = w.old.child_prop(&t.old, name)?;
        let cn = w.new.child_prop(&t.new, name)?;
        let (in_old, in_new) = (old_set.contains(name), new_set.contains(name));
        let token = Token::Prop(name.to_string());
        if in_old && in_new {
            w.push(co, cn, t, Some(token));
            continue;
        }
        if in_new {
            let old_model = model(&co);
            if cn.never().is_some() && (!strict || old_model == Model::Closed) {
                // Declaring a property `false` adds nothing.
                if old_model != Model::Closed {
                    w.push(co, cn, t, Some(token));
                }
                continue;
            }
            let rule = match (strict, old_model) {
                (false, _) | (true, Model::Closed) => &rules::property_added::RULE,
                (true, Model::Open) => {
                    if cn.is_trivially_true() {
                        continue;
                    }
                    &rules::property_added_open_model::RULE
                }
                (true, Model::Schema) => {
                    w.push(co, cn, t, Some(token));
                    continue;
                }
            };
            let old_model = match old_model {
                Model::Closed => "did not allow it",
                Model::Open => "allowed any value for it",
                Model::Schema => "constrained it by `additionalProperties`/`patternProperties`",
            };
            let args: [Arg<'_>; 2] = [("name", &name), ("old_model", &old_model)];
            let (ol, nl) = (co.loc(), cn.loc());
            let route = w.child_route(t, token, &co, &cn);
            w.emit_at(rule, Some(ol), Some(nl), &args, Hint::None, Some(route));
        } else {
            let new_model = model(&cn);
            if co.never().is_some() {
                if new_model != Model::Closed {
                    w.push(co, cn, t, Some(token));
                }
                continue;
            }
            let rule = match (strict, new_model) {
                (false, _) | (true, Model::Closed) => &rules::property_removed::RULE,
                (true, Model::Open) => {
                    if co.is_trivially_true() {
                        continue;
                    }
                    &rules::property_removed_open_model::RULE
                }
                (true, Model::Schema) => {
                    w.push(co, cn, t, Some(token));
                    continue;
                }
            };
            let new_model = match new_model {
                Model::Closed => "rejects it",
                Model::Open => "accepts any value for it",
                Model::Schema => "constrains it by `additionalProperties`/`patternProperties`",
            };
            let args: [Arg<'_>; 2] = [("name", &name), ("new_model", &new_model)];
            let (ol, nl) = (co.loc(), cn.loc());
            let route = w.child_route(t, token, &co, &cn);
            w.emit_at(rule, Some(ol), Some(nl), &args, Hint::None, Some(route));
        }
    }
    Ok(())
}

/// A property name no part of either node declares or matches by a pattern: the position
/// `additionalProperties` governs.
pub(crate) fn fresh_name(old: &Node<'_>, new: &Node<'_>) -> String {
    let declared: Vec<String> = old
        .property_names()
        .into_iter()
        .chain(new.property_names())
        .collect();
    let patterns: Vec<String> = old
        .all("patternProperties")
        .into_iter()
        .chain(new.all("patternProperties"))
        .filter_map(|(_, v)| v.as_object())
        .flat_map(|m| m.keys().cloned())
        .collect();
    for candidate in [
        "additionalProperty",
        "x",
        "_",
        "other",
        "0",
        "additional property",
        "~",
    ] {
        if declared.iter().any(|d| d == candidate) {
            continue;
        }
        if patterns
            .iter()
            .any(|p| pattern_matches(p, candidate) != Some(false))
        {
            continue;
        }
        return candidate.to_string();
    }
    for i in 0..64 {
        let candidate = format!("additionalProperty{i}");
        if !declared.contains(&candidate)
            && !patterns
                .iter()
                .any(|p| pattern_matches(p, &candidate) != Some(false))
        {
            return candidate;
        }
    }
    "additionalProperty".to_string()
}

fn compare_additional<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    let name = fresh_name(&t.old, &t.new);
    let co = w.old.child_prop(&t.old, &name)?;
    let cn = w.new.child_prop(&t.new, &name)?;
    let (mo, mn) = (model(&co), model(&cn));
    let token = Token::Prop(name.clone());
    match (mo, mn) {
        (Model::Open | Model::Schema, Model::Closed) => {
            let (ol, nl) = (co.loc(), cn.loc());
            let route = w.child_route(t, token, &co, &cn);
            w.emit_at(
                &rules::additional_properties_closed::RULE,
                Some(ol),
                Some(nl),
                &[],
                Hint::None,
                Some(route),
            );
        }
        (Model::Closed, Model::Open | Model::Schema) => {
            let (ol, nl) = (co.loc(), cn.loc());
            let route = w.child_route(t, token, &co, &cn);
            w.emit_at(
                &rules::additional_properties_opened::RULE,
                Some(ol),
                Some(nl),
                &[],
                Hint::None,
                Some(route),
            );
        }
        (Model::Closed, Model::Closed) | (Model::Open, Model::Open) => {}
        _ => w.push(co, cn, t, Some(token)),
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

pub(crate) fn compare_dependent_required<'a>(w: &mut Walker<'a>, t: &Task<'a>) {
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
            &[("dependency", dep), ("property", name)],
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
            &[("dependency", dep), ("property", name)],
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

pub(crate) fn compare_dependent_schemas<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
) -> Result<(), LoadError> {
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
                    &[("property", name)],
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
            &[("property", name)],
            Hint::None,
            t,
        );
    }
    Ok(())
}

/// `propertyNames`: walked as a plain pair (a narrower name schema rejects more objects); the
/// instance at that position is a property name.
pub(crate) fn compare_property_names<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
) -> Result<(), LoadError> {
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
        &[
            (
                "what",
                &format_args!(
                    "`patternProperties` pattern {} {what}",
                    short(&Value::String(pat.to_string()))
                ),
            ),
            (
                "reason",
                &format_args!("{why}, so which names it governs cannot be compared"),
            ),
        ],
        Hint::None,
        t,
    );
    Ok(())
}

/// `patternProperties`: for each pattern on either side, a sample name matching it (and no
/// declared property): the two sides' schemas for that name are walked as a pair.
pub(crate) fn compare_pattern_properties<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
) -> Result<(), LoadError> {
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

#[cfg(test)]
mod tests {
    use crate::testkit::diff_values;
    use crate::{DiffOptions, Mode, Policy};
    use serde_json::json;

    fn rules(old: serde_json::Value, new: serde_json::Value) -> Vec<String> {
        let options = DiffOptions {
            mode: Mode::Full,
            policy: Policy::Strict,
            format_assertion: false,
        };
        diff_values(&old, &new, options)
            .findings
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn max_properties_beyond_a_closed_model_is_no_change() {
        let base = json!({"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false});
        let mut old = base.clone();
        old["maxProperties"] = json!(1);
        let mut new = base.clone();
        new["maxProperties"] = json!(5);
        assert_eq!(rules(old.clone(), new), Vec::<String>::new());
        assert_eq!(rules(old, base), Vec::<String>::new());
        let open = json!({"type": "object", "maxProperties": 1});
        let wider = json!({"type": "object", "maxProperties": 5});
        assert_eq!(
            rules(open, wider),
            vec!["max-properties-loosened".to_string()]
        );
    }

    #[test]
    fn min_properties_implied_by_required_is_no_change() {
        let old = json!({"type": "object", "required": ["a", "b"]});
        let new = json!({"type": "object", "required": ["a", "b"], "minProperties": 2});
        assert_eq!(rules(old.clone(), new), Vec::<String>::new());
        let more = json!({"type": "object", "required": ["a", "b"], "minProperties": 3});
        assert_eq!(rules(old, more), vec!["min-properties-added".to_string()]);
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
