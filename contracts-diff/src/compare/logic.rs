//! The in-place applicators other than the unions (`compare/unions.rs`): `not` (Core 2020-12
//! §10.2.1.4) and `if`/`then`/`else` (§10.2.2).
//!
//! `then` and `else` are monotone (a narrower subschema narrows the whole) and walked as plain
//! pairs, so the inner rules report with their own effect. `not` flips the effect: its pair is
//! walked on its own and the outcome reported as one `not-*` finding. A changed `if` is
//! reported as Changed.

use contracts_core::LoadError;

use crate::compare::{node_of, split, subs, summary, Sub};
use crate::model::Node;
use crate::rules::{self, Rule};
use crate::util::{json_eq, short};
use crate::walk::{Hint, Task, Walker};
use crate::Effect;

/// `not`: each side's `not` subschemas (one per part), paired by text then by order. The inner
/// pair is walked on its own: inner narrowing widens the whole, inner widening narrows it.
pub(crate) fn compare_not<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
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
            &[("schema", &short(x.1))],
            Hint::None,
            t,
        );
    }
    for y in n {
        w.emit(
            &rules::not_added::RULE,
            Some(t.old.loc()),
            Some(y.0.clone()),
            &[("schema", &short(y.1))],
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
        let rule: &'static Rule = if narrowed {
            &rules::not_excludes_less::RULE
        } else if widened {
            &rules::not_excludes_more::RULE
        } else {
            &rules::not_changed::RULE
        };
        w.emit(
            rule,
            Some(x.0.clone()),
            Some(y.0.clone()),
            &[("changes", &summary(&found))],
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
pub(crate) fn compare_conditionals<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
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
            &[("condition", &short(c.cond.1))],
            Hint::None,
            t,
        );
    }
    for c in n {
        w.emit(
            &rules::conditional_added::RULE,
            Some(t.old.loc()),
            Some(c.cond.0.clone()),
            &[("condition", &short(c.cond.1))],
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
                &[("changes", &summary(&found))],
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
