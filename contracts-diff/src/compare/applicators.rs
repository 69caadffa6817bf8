//! Applicators and the remaining assertions: `anyOf`/`oneOf`/`not`/`if`-`then`-`else`
//! (Core 2020-12 §10.2), `contains`, `propertyNames`, `dependentSchemas`/`dependencies`,
//! `unevaluated*`, `multipleOf`, `uniqueItems`, `format`, `content*`, `dependentRequired`.
//!
//! What is not modelled precisely is compared conservatively: a sub-walk of the two subschemas
//! (which follows `$ref`s) or the keyword values, and any change of the accepted set there is
//! reported as `keyword-changed` (Changed: MAJOR in every mode).

use contracts_core::{LoadError, Location};
use serde_json::Value;

use crate::facets::Facets;
use crate::model::Node;
use crate::rules;
use crate::util::{json_eq, short, T_ARRAY, T_OBJECT};
use crate::walk::{Hint, Task, Token, Walker};
use crate::Effect;

/// A subschema of one part under an applicator keyword: location, value, draft.
type Sub<'a> = (Location, &'a Value, contracts_core::Draft);

/// Per part, the list of subschemas of array-valued applicator `kw` (`anyOf`, `oneOf`).
fn groups<'a>(node: &Node<'a>, kw: &str) -> Vec<(Location, Vec<Sub<'a>>)> {
    node.all(kw)
        .into_iter()
        .filter_map(|(p, v)| {
            let items = v.as_array()?;
            let base = p.at(kw);
            Some((
                base.clone(),
                items
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (base.join(&i.to_string()), s, p.draft))
                    .collect(),
            ))
        })
        .collect()
}

fn values<'a>(node: &Node<'a>, kw: &str) -> Vec<(Location, &'a Value)> {
    node.all(kw)
        .into_iter()
        .map(|(p, v)| (p.at(kw), v))
        .collect()
}

fn same_values(a: &[(Location, &Value)], b: &[(Location, &Value)]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|((_, x), (_, y))| json_eq(x, y))
}

/// Report `keyword-changed` for keyword `kw` of `t`.
fn changed<'a>(w: &mut Walker<'a>, t: &Task<'a>, kw: &str, detail: String) {
    let (ol, nl) = (t.old.loc_of(kw), t.new.loc_of(kw));
    w.emit(
        &rules::keyword_changed::RULE,
        Some(ol),
        Some(nl),
        format!("`{kw}` changed: {detail}"),
        Hint::None,
        t,
    );
}

/// Compare a keyword's values as JSON; a difference is `keyword-changed`.
fn compare_as_values<'a>(w: &mut Walker<'a>, t: &Task<'a>, kw: &str) {
    let (o, n) = (values(&t.old, kw), values(&t.new, kw));
    if !same_values(&o, &n) {
        let show = |l: &[(Location, &Value)]| {
            if l.is_empty() {
                "absent".to_string()
            } else {
                l.iter()
                    .map(|(_, v)| short(v))
                    .collect::<Vec<_>>()
                    .join(" and ")
            }
        };
        let detail = format!("{} -> {}", show(&o), show(&n));
        changed(w, t, kw, detail);
    }
}

/// Walk `old` against `new` on the side, and report `keyword-changed` at keyword `kw` when the
/// walk finds any change of the accepted set (annotation changes found there are kept as they
/// are).
fn compare_by_subwalk<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    kw: &str,
    old: Node<'a>,
    new: Node<'a>,
    token: Option<Token>,
) -> Result<(), LoadError> {
    let sub = w.subwalk(old, new, t, token)?;
    let mut semantic = Vec::new();
    for p in sub {
        if p.finding.effect == Effect::Annotation {
            w.pending.push(p);
        } else {
            semantic.push(p.finding.message);
        }
    }
    if let Some(first) = semantic.first() {
        let more = if semantic.len() > 1 {
            format!(" (and {} more)", semantic.len() - 1)
        } else {
            String::new()
        };
        changed(w, t, kw, format!("{first}{more}"));
    }
    Ok(())
}

fn node_of<'a>(w: &Walker<'a>, old_side: bool, sub: &Sub<'a>) -> Result<Node<'a>, LoadError> {
    let side = if old_side { &w.old } else { &w.new };
    side.node(sub.0.clone(), sub.1, sub.2)
}

/// Compare the applicators of `t`; `common` = the types both sides admit.
pub(crate) fn compare<'a>(w: &mut Walker<'a>, t: &Task<'a>, common: u8) -> Result<(), LoadError> {
    // anyOf: a narrowing (widening) branch narrows (widens) the union, so branch pairs are
    // walked as plain tasks when the branch lists line up.
    let (og, ng) = (groups(&t.old, "anyOf"), groups(&t.new, "anyOf"));
    if og.len() == ng.len() && og.iter().zip(&ng).all(|(a, b)| a.1.len() == b.1.len()) {
        for (a, b) in og.iter().zip(&ng) {
            for (x, y) in a.1.iter().zip(&b.1) {
                let on = node_of(w, true, x)?;
                let nn = node_of(w, false, y)?;
                w.push(on, nn, t, None);
            }
        }
    } else {
        changed(w, t, "anyOf", "branches were added or removed".into());
    }
    // oneOf: a change of one branch can move values in or out of the exclusive union either
    // way, so any change is Changed.
    let (og, ng) = (groups(&t.old, "oneOf"), groups(&t.new, "oneOf"));
    if og.len() == ng.len() && og.iter().zip(&ng).all(|(a, b)| a.1.len() == b.1.len()) {
        for (a, b) in og.iter().zip(&ng) {
            for (x, y) in a.1.iter().zip(&b.1) {
                let on = node_of(w, true, x)?;
                let nn = node_of(w, false, y)?;
                compare_by_subwalk(w, t, "oneOf", on, nn, None)?;
            }
        }
    } else {
        changed(w, t, "oneOf", "branches were added or removed".into());
    }
    // not: the effect flips; report any change as Changed.
    let (on, nn) = (t.old.has_any(&["not"]), t.new.has_any(&["not"]));
    if on || nn {
        let co = w.old.child_keyword(&t.old, "not")?;
        let cn = w.new.child_keyword(&t.new, "not")?;
        if on != nn {
            changed(w, t, "not", "added or removed".into());
        } else {
            compare_by_subwalk(w, t, "not", co, cn, None)?;
        }
    }
    // if/then/else.
    let (oi, ni) = (t.old.has_any(&["if"]), t.new.has_any(&["if"]));
    if oi || ni {
        if oi != ni {
            changed(w, t, "if", "added or removed".into());
        } else {
            let co = w.old.child_keyword(&t.old, "if")?;
            let cn = w.new.child_keyword(&t.new, "if")?;
            compare_by_subwalk(w, t, "if", co, cn, None)?;
            for kw in ["then", "else"] {
                let co = w.old.child_keyword(&t.old, kw)?;
                let cn = w.new.child_keyword(&t.new, kw)?;
                if co.parts.is_empty() && cn.parts.is_empty() {
                    continue;
                }
                // A conditional conjunct: narrowing it narrows the whole for the values the
                // condition selects.
                w.push(co, cn, t, None);
            }
        }
    }
    if common & T_ARRAY != 0 {
        for kw in ["uniqueItems", "minContains", "maxContains"] {
            compare_as_values(w, t, kw);
        }
        let (oc, nc) = (t.old.has_any(&["contains"]), t.new.has_any(&["contains"]));
        if oc != nc {
            changed(w, t, "contains", "added or removed".into());
        } else if oc {
            let co = w.old.child_keyword(&t.old, "contains")?;
            let cn = w.new.child_keyword(&t.new, "contains")?;
            w.push(co, cn, t, Some(Token::Index(0)));
        }
        let (ou, nu) = (
            t.old.has_any(&["unevaluatedItems"]),
            t.new.has_any(&["unevaluatedItems"]),
        );
        if ou || nu {
            let co = w.old.child_keyword(&t.old, "unevaluatedItems")?;
            let cn = w.new.child_keyword(&t.new, "unevaluatedItems")?;
            compare_by_subwalk(w, t, "unevaluatedItems", co, cn, None)?;
        }
    }
    if common & T_OBJECT != 0 {
        for kw in ["dependentRequired", "patternProperties"] {
            compare_as_values(w, t, kw);
        }
        compare_dependencies(w, t)?;
        for kw in ["propertyNames", "unevaluatedProperties"] {
            let (o, n) = (t.old.has_any(&[kw]), t.new.has_any(&[kw]));
            if o || n {
                let co = w.old.child_keyword(&t.old, kw)?;
                let cn = w.new.child_keyword(&t.new, kw)?;
                compare_by_subwalk(w, t, kw, co, cn, None)?;
            }
        }
    }
    for kw in ["contentEncoding", "contentMediaType", "contentSchema"] {
        compare_as_values(w, t, kw);
    }
    Ok(())
}

/// `dependentSchemas` and the schema form of `dependencies`: per property name, a conditional
/// conjunct (walked as a plain task); added, removed or array-form changes are compared as
/// values.
fn compare_dependencies<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    for kw in ["dependentSchemas", "dependencies"] {
        let collect = |node: &Node<'a>| -> Vec<(String, Sub<'a>)> {
            let mut out = Vec::new();
            for (p, v) in node.all(kw) {
                if let Some(map) = v.as_object() {
                    for (name, s) in map {
                        out.push((name.clone(), (p.at(kw).join(name), s, p.draft)));
                    }
                }
            }
            out
        };
        let (o, n) = (collect(&t.old), collect(&t.new));
        let mut structural_change = o.len() != n.len();
        for (name, x) in &o {
            match n.iter().find(|(m, _)| m == name) {
                Some((_, y)) if x.1.is_array() || y.1.is_array() => {
                    if !json_eq(x.1, y.1) {
                        structural_change = true;
                    }
                }
                Some((_, y)) => {
                    let on = node_of(w, true, x)?;
                    let nn = node_of(w, false, y)?;
                    w.push(on, nn, t, None);
                }
                None => structural_change = true,
            }
        }
        if structural_change {
            changed(w, t, kw, "entries were added, removed or changed".into());
        }
    }
    Ok(())
}

/// `multipleOf` (Validation 2020-12 §6.2.1), compared as values for now.
pub(crate) fn compare_multiple_of<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    _fo: &Facets<'a>,
    _fnw: &Facets<'a>,
) {
    compare_as_values(w, t, "multipleOf");
}

/// `format` (Validation 2020-12 §7): an annotation unless `format_assertion`.
pub(crate) fn compare_format<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    _fo: &Facets<'a>,
    _fnw: &Facets<'a>,
) {
    let (o, n) = (values(&t.old, "format"), values(&t.new, "format"));
    if same_values(&o, &n) {
        return;
    }
    if w.options.format_assertion {
        compare_as_values(w, t, "format");
    } else {
        let (ol, nl) = (t.old.loc_of("format"), t.new.loc_of("format"));
        w.emit(
            &rules::other_keyword_changed::RULE,
            Some(ol),
            Some(nl),
            "`format` changed (an annotation: formats are not asserted)".into(),
            Hint::None,
            t,
        );
    }
}
