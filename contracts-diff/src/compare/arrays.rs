//! Array keywords: `minItems`/`maxItems` (Validation 2020-12 §6.4.1-2) and the item schemas
//! (`items`, `prefixItems`, `additionalItems`, Core 2020-12 §10.3.1, draft-07 Validation §6.4.1-2),
//! compared position by position: every tuple position either side declares, then the
//! position after the longest tuple (the "rest" schema); `uniqueItems` (Validation §6.4.3) and
//! `contains`/`minContains`/`maxContains` (Core §10.3.1.3, Validation §6.4.4-5): `contains`
//! without `maxContains` is walked as a plain pair; under `maxContains` a narrower `contains`
//! counts fewer items, so any change is reported as Changed.

use contracts_core::{LoadError, Location};
use serde_json::Value;

use crate::compare::bounds::{compare_count, BoundRules};
use crate::compare::{split, summary};
use crate::facets::Facets;
use crate::model::{Node, Side};
use crate::rules::{self};
use crate::walk::{Hint, Task, Token, Walker};

/// Compare the array keywords of `t`.
pub(crate) fn compare<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    fo: &Facets<'a>,
    fnw: &Facets<'a>,
) -> Result<(), LoadError> {
    compare_count(
        w,
        t,
        &fo.min_items,
        &fnw.min_items,
        true,
        "array",
        ("minItems", "maxItems"),
        &BoundRules {
            added: &rules::min_items_added::RULE,
            removed: &rules::min_items_removed::RULE,
            tightened: &rules::min_items_tightened::RULE,
            loosened: &rules::min_items_loosened::RULE,
        },
    );
    compare_count(
        w,
        t,
        &fo.max_items,
        &fnw.max_items,
        false,
        "array",
        ("minItems", "maxItems"),
        &BoundRules {
            added: &rules::max_items_added::RULE,
            removed: &rules::max_items_removed::RULE,
            tightened: &rules::max_items_tightened::RULE,
            loosened: &rules::max_items_loosened::RULE,
        },
    );
    let positions = Side::prefix_len(&t.old).max(Side::prefix_len(&t.new));
    // Positions past the smaller maxItems cannot hold an item on either side.
    let cap = match (&fo.max_items, &fnw.max_items) {
        (Some(a), Some(b)) => a.value.max(b.value),
        _ => u64::MAX,
    };
    for i in 0..=positions {
        if i as u64 >= cap {
            break;
        }
        let co = w.old.child_index(&t.old, i)?;
        let cn = w.new.child_index(&t.new, i)?;
        if co.parts.is_empty() && cn.parts.is_empty() {
            continue;
        }
        w.push(co, cn, t, Some(Token::Index(i)));
    }
    Ok(())
}

pub(crate) fn compare_unique_items<'a>(w: &mut Walker<'a>, t: &Task<'a>) {
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
            &[],
            Hint::None,
            t,
        ),
        (Some(l), None) => w.emit(
            &rules::unique_items_removed::RULE,
            Some(l.clone()),
            Some(t.new.loc()),
            &[],
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
pub(crate) fn compare_contains<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<(), LoadError> {
    let (oc, nc) = (t.old.has_any(&["contains"]), t.new.has_any(&["contains"]));
    if !oc && !nc {
        return Ok(());
    }
    let co = w.old.child_keyword(&t.old, "contains")?;
    let cn = w.new.child_keyword(&t.new, "contains")?;
    let (omin, omax, omin_loc) = contains_bounds(&t.old);
    let (nmin, nmax, nmin_loc) = contains_bounds(&t.new);
    if oc != nc {
        let (rule, ol, nl) = if nc {
            (
                &rules::contains_added::RULE,
                t.old.loc(),
                t.new.loc_of("contains"),
            )
        } else {
            (
                &rules::contains_removed::RULE,
                t.old.loc_of("contains"),
                t.new.loc(),
            )
        };
        // minContains: 0 makes `contains` accept every array.
        let trivial = if nc {
            nmin == 0 && nmax.is_none()
        } else {
            omin == 0 && omax.is_none()
        };
        if !trivial {
            w.emit(rule, Some(ol), Some(nl), &[], Hint::None, t);
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
                &[("changes", &summary(&found))],
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
            &[("old", &omin), ("new", &nmin)],
            Hint::None,
            t,
        );
    }
    match (omax, nmax) {
        (None, Some((n, l))) => w.emit(
            &rules::max_contains_added::RULE,
            Some(t.old.loc_of("contains")),
            Some(l),
            &[("value", &n)],
            Hint::None,
            t,
        ),
        (Some((o, l)), None) => w.emit(
            &rules::max_contains_removed::RULE,
            Some(l),
            Some(t.new.loc_of("contains")),
            &[("value", &o)],
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
            &[("old", &o), ("new", &n)],
            Hint::None,
            t,
        ),
        _ => {}
    }
    Ok(())
}
