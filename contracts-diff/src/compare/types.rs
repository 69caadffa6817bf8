//! `type` (Validation 2020-12 §6.1.1) and `enum`/`const` (§6.1.2-3): which types and which
//! enumerated values each side admits.

use std::cmp::Ordering;

use contracts_core::Location;
use serde_json::{json, Value};

use crate::compare::{accepts, Acceptor};
use crate::facets::Facets;
use crate::rules::{self, Rule};
use crate::util::{short, type_names, T_ALL, T_BOOL, T_FRACTION, T_INTEGER, T_NULL, T_NUMBER};
use crate::walk::{Hint, Task, Walker};
use crate::WitnessSide;

/// A schema admitting exactly the types in `bits` (for witness hints).
pub(crate) fn type_extra(bits: u8) -> Value {
    let mut names = crate::util::non_numeric_type_names(bits);
    if bits & T_NUMBER == T_NUMBER {
        names.push("number");
    } else if bits & T_INTEGER != 0 {
        names.push("integer");
    } else if bits & T_FRACTION != 0 {
        names.push("number");
        return json!({"type": names, "not": {"type": "integer"}});
    }
    json!({ "type": names })
}

/// `type` (Validation 2020-12 §6.1.1): compare the sets of admitted types, `integer` within
/// `number`, no `type` = every type, narrowed to the types of enumerated values.
pub(crate) fn compare_types<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    fo: &Facets<'a>,
    fnw: &Facets<'a>,
) {
    let (o, n) = (fo.types, fnw.types);
    if o == n {
        return;
    }
    // With enumerated values on both sides the value comparison says everything.
    if fo.values.is_some() && fnw.values.is_some() {
        return;
    }
    let old_loc = fo.type_loc.clone().unwrap_or_else(|| t.old.loc());
    let new_loc = fnw.type_loc.clone().unwrap_or_else(|| t.new.loc());
    let lost = o & !n;
    let gained = n & !o;
    let (rule, hint): (&'static Rule, Hint) = if gained == 0 {
        (
            &rules::type_narrowed::RULE,
            Hint::Extra(vec![(WitnessSide::Old, type_extra(lost))]),
        )
    } else if lost == 0 {
        (
            &rules::type_widened::RULE,
            Hint::Extra(vec![(WitnessSide::New, type_extra(gained))]),
        )
    } else {
        (
            &rules::type_changed::RULE,
            Hint::Extra(vec![
                (WitnessSide::Old, type_extra(lost)),
                (WitnessSide::New, type_extra(gained)),
            ]),
        )
    };
    // Enumerated values on one side: report the type change only where `type` itself moved.
    if (fo.values.is_some() || fnw.values.is_some()) && fo.declared_types == fnw.declared_types {
        return;
    }
    let shown = |bits: u8| {
        if bits == T_ALL {
            "any".to_string()
        } else {
            type_names(bits)
        }
    };
    let (old_types, new_types) = (shown(o), shown(n));
    // `type-narrowed`/`type-widened` name the types lost or gained; `type-changed` both sides.
    let reason = format!("type changed from {old_types} to {new_types}");
    let moved = type_names(if gained == 0 { lost } else { gained });
    w.emit(
        rule,
        Some(old_loc),
        Some(new_loc),
        &[
            ("old", &old_types),
            ("new", &new_types),
            ("types", &moved),
            ("reason", &reason),
        ],
        hint,
        t,
    );
}

/// `enum`/`const` (Validation 2020-12 §6.1.2-3): when either side enumerates its values, the
/// accepted sets are compared exactly over the listed values, each checked against the whole
/// node of the other side.
pub(crate) fn compare_values<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    fo: &Facets<'a>,
    fnw: &Facets<'a>,
) {
    // Each listed value checked against both nodes, with the acceptors built once (a long
    // `enum` is then compared in linear time): the old values the new node rejects, the new
    // values the old node rejected.
    let (gone, fresh): (Vec<bool>, Vec<bool>) = {
        let (old_acc, new_acc) = (Acceptor::new(&w.old, &t.old), Acceptor::new(&w.new, &t.new));
        let moved =
            |items: &[(&Value, Location)], from: &Acceptor<'_, '_>, to: &Acceptor<'_, '_>| {
                items
                    .iter()
                    .map(|(v, _)| from.accepts(v) && !to.accepts(v))
                    .collect::<Vec<bool>>()
            };
        (
            fo.values
                .as_ref()
                .map_or_else(Vec::new, |ov| moved(&ov.items, &old_acc, &new_acc)),
            fnw.values
                .as_ref()
                .map_or_else(Vec::new, |nv| moved(&nv.items, &new_acc, &old_acc)),
        )
    };
    let (gone, fresh) = match (&fo.values, &fnw.values) {
        (Some(ov), Some(nv)) => exact_moves(w, ov, nv, gone, fresh),
        _ => (gone, fresh),
    };
    // A listed value as the message shows it: an integer a float does not hold by its digits.
    let shown = |side: &crate::model::Side<'_>, v: &Value, loc: &Location| {
        side.pkg
            .exact_integer(&loc.file, &loc.pointer)
            .map(str::to_string)
            .or_else(|| {
                let n = v.as_number().filter(|n| crate::util::maybe_inexact(n))?;
                Some(format!("{:.0}", n.as_f64()?))
            })
            .unwrap_or_else(|| short(v))
    };
    // A finite domain on the side without values: null and booleans.
    let finite = |bits: u8| bits & !(T_NULL | T_BOOL) == 0;
    let domain = [Value::Null, Value::Bool(false), Value::Bool(true)];
    match (&fo.values, &fnw.values) {
        (Some(ov), Some(nv)) => {
            let mut removed = Vec::new();
            for ((v, loc), _) in ov.items.iter().zip(&gone).filter(|(_, g)| **g) {
                removed.push(((*v).clone(), loc.clone(), shown(&w.old, v, loc)));
            }
            let mut added = Vec::new();
            for ((v, loc), _) in nv.items.iter().zip(&fresh).filter(|(_, f)| **f) {
                added.push(((*v).clone(), loc.clone(), shown(&w.new, v, loc)));
            }
            if ov.all_const
                && nv.all_const
                && removed.len() == 1
                && added.len() == 1
                && ov.items.len() == 1
                && nv.items.len() == 1
            {
                let (ro, ol, rs) = &removed[0];
                let (an, nl, ans) = &added[0];
                w.emit(
                    &rules::const_changed::RULE,
                    Some(ol.clone()),
                    Some(nl.clone()),
                    &[("old", rs), ("new", ans)],
                    Hint::Extra(vec![
                        (WitnessSide::Old, json!({ "const": ro })),
                        (WitnessSide::New, json!({ "const": an })),
                    ]),
                    t,
                );
                return;
            }
            for (v, loc, shown) in removed {
                w.emit(
                    &rules::enum_value_removed::RULE,
                    Some(loc),
                    Some(nv.loc.clone()),
                    &[("value", &shown)],
                    Hint::Value(WitnessSide::Old, v),
                    t,
                );
            }
            for (v, loc, shown) in added {
                w.emit(
                    &rules::enum_value_added::RULE,
                    Some(ov.loc.clone()),
                    Some(loc),
                    &[("value", &shown)],
                    Hint::Value(WitnessSide::New, v),
                    t,
                );
            }
        }
        (Some(ov), None) => {
            if finite(fnw.types) {
                exact_over(w, t, &domain, Some(ov.loc.clone()), None);
                return;
            }
            let rule = if ov.all_const {
                &rules::const_removed::RULE
            } else {
                &rules::enum_removed::RULE
            };
            w.emit(
                rule,
                Some(ov.loc.clone()),
                Some(t.new.loc()),
                &[],
                Hint::None,
                t,
            );
            for ((v, loc), g) in ov.items.iter().zip(&gone) {
                if *g {
                    w.emit(
                        &rules::enum_value_removed::RULE,
                        Some(loc.clone()),
                        Some(t.new.loc()),
                        &[("value", &short(v))],
                        Hint::Value(WitnessSide::Old, (*v).clone()),
                        t,
                    );
                }
            }
        }
        (None, Some(nv)) => {
            if finite(fo.types) {
                exact_over(w, t, &domain, None, Some(nv.loc.clone()));
                return;
            }
            let rule = if nv.all_const {
                &rules::const_added::RULE
            } else {
                &rules::enum_added::RULE
            };
            w.emit(
                rule,
                Some(t.old.loc()),
                Some(nv.loc.clone()),
                &[(
                    "values",
                    &nv.items
                        .iter()
                        .map(|(v, _)| short(v))
                        .collect::<Vec<_>>()
                        .join(", "),
                )],
                Hint::None,
                t,
            );
            for ((v, loc), f) in nv.items.iter().zip(&fresh) {
                if *f {
                    w.emit(
                        &rules::enum_value_added::RULE,
                        Some(t.old.loc()),
                        Some(loc.clone()),
                        &[("value", &short(v))],
                        Hint::Value(WitnessSide::New, (*v).clone()),
                        t,
                    );
                }
            }
        }
        (None, None) => {}
    }
}

/// Compare exactly over a finite domain of candidate values.
fn exact_over<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    domain: &[Value],
    old_values: Option<Location>,
    new_values: Option<Location>,
) {
    for v in domain {
        let (o, n) = (accepts(&w.old, &t.old, v), accepts(&w.new, &t.new, v));
        if o && !n {
            w.emit(
                &rules::enum_value_removed::RULE,
                Some(old_values.clone().unwrap_or_else(|| t.old.loc())),
                Some(new_values.clone().unwrap_or_else(|| t.new.loc())),
                &[("value", &short(v))],
                Hint::Value(WitnessSide::Old, v.clone()),
                t,
            );
        } else if n && !o {
            w.emit(
                &rules::enum_value_added::RULE,
                Some(old_values.clone().unwrap_or_else(|| t.old.loc())),
                Some(new_values.clone().unwrap_or_else(|| t.new.loc())),
                &[("value", &short(v))],
                Hint::Value(WitnessSide::New, v.clone()),
                t,
            );
        }
    }
}

/// `gone`/`fresh` of two value lists corrected for integers a 64-bit float does not hold
/// exactly: `18446744073709551617` and `18446744073709551616` read as the same float, so the
/// validator sees no change; by the digits as written (kept by core, see
/// `SchemaDocument::exact_integers`) one is removed and the other added. JSON Schema compares
/// numbers by mathematical value (Validation 2020-12 §4.2.2, `enum` §6.1.2, `const` §6.1.3).
fn exact_moves(
    w: &Walker<'_>,
    ov: &crate::facets::Values<'_>,
    nv: &crate::facets::Values<'_>,
    mut gone: Vec<bool>,
    mut fresh: Vec<bool>,
) -> (Vec<bool>, Vec<bool>) {
    let (old_exact, new_exact) = (
        w.old.pkg.exact_integers(&ov.loc.file),
        w.new.pkg.exact_integers(&nv.loc.file),
    );
    if old_exact.is_none() && new_exact.is_none() {
        return (gone, fresh);
    }
    // The digits of an integer-valued number: as written when core kept them, else its value's.
    let digits = |exact: Option<&contracts_core::ExactIntegers>, v: &Value, loc: &Location| {
        if let Some(d) = exact.and_then(|m| m.get(&loc.pointer)) {
            return Some(d.clone());
        }
        let n = v.as_number()?;
        if let Some(i) = n.as_i64() {
            return Some(i.to_string());
        }
        if let Some(u) = n.as_u64() {
            return Some(u.to_string());
        }
        let f = n.as_f64()?;
        (f.fract() == 0.0).then(|| format!("{f:.0}"))
    };
    // Items of `from` that may stand for integers beyond a float's exact range, that no item of
    // `to` equals digit for digit.
    let unmatched = |from: &crate::facets::Values<'_>,
                     from_exact: Option<&contracts_core::ExactIntegers>,
                     to: &crate::facets::Values<'_>,
                     to_exact: Option<&contracts_core::ExactIntegers>,
                     moved: &mut [bool]| {
        let to_digits: Vec<String> = to
            .items
            .iter()
            .filter_map(|(v, loc)| digits(to_exact, v, loc))
            .collect();
        for ((v, loc), m) in from.items.iter().zip(moved.iter_mut()) {
            if *m || !v.as_number().is_some_and(crate::util::maybe_inexact) {
                continue;
            }
            let Some(d) = digits(from_exact, v, loc) else {
                continue;
            };
            let same = |t: &String| {
                contracts_core::literal::cmp_integer_literals(&d, t) == Some(Ordering::Equal)
            };
            if !to_digits.iter().any(same) {
                *m = true;
            }
        }
    };
    unmatched(ov, old_exact, nv, new_exact, &mut gone);
    unmatched(nv, new_exact, ov, old_exact, &mut fresh);
    (gone, fresh)
}
