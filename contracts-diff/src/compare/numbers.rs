//! Number keywords: the bounds `minimum`/`maximum`/`exclusiveMinimum`/`exclusiveMaximum`
//! (Validation 2020-12 §6.2.2-5, draft 4 §5.1.2-3) and `multipleOf` (§6.2.1).

use std::cmp::Ordering;

use contracts_core::Location;
use serde_json::{json, Value};

use crate::compare::bounds::BoundRules;
use crate::facets::{Bound, Facets};
use crate::rules::{self, Rule};
use crate::util::{T_INTEGER, T_NUMBER};
use crate::walk::{Hint, Task, Walker};
use crate::WitnessSide;

/// Numeric bounds (Validation 2020-12 §6.2.2-5, draft 4 §5.1.2-3): compare the effective lower
/// and upper bounds; over integers only, compare the integer bounds they imply.
pub(crate) fn compare_numbers<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    fo: &Facets<'a>,
    fnw: &Facets<'a>,
) {
    let integers_only = (fo.types | fnw.types) & T_NUMBER == T_INTEGER;
    let norm = |b: &Option<Bound>, lower: bool| {
        b.as_ref().map(|b| {
            if integers_only {
                b.to_integer(lower)
            } else {
                b.clone()
            }
        })
    };
    let lower_rules = BoundRules {
        added: &rules::minimum_added::RULE,
        removed: &rules::minimum_removed::RULE,
        tightened: &rules::minimum_tightened::RULE,
        loosened: &rules::minimum_loosened::RULE,
    };
    let upper_rules = BoundRules {
        added: &rules::maximum_added::RULE,
        removed: &rules::maximum_removed::RULE,
        tightened: &rules::maximum_tightened::RULE,
        loosened: &rules::maximum_loosened::RULE,
    };
    compare_bound(
        w,
        t,
        norm(&fo.lower, true),
        norm(&fnw.lower, true),
        true,
        &lower_rules,
    );
    compare_bound(
        w,
        t,
        norm(&fo.upper, false),
        norm(&fnw.upper, false),
        false,
        &upper_rules,
    );
    compare_multiple_of(w, t, fo, fnw);
}

/// A schema admitting the numbers beyond `b` (below a lower bound, above an upper one).
fn outside(b: &Bound, lower: bool) -> Value {
    match (lower, b.exclusive) {
        (true, false) => json!({ "type": "number", "exclusiveMaximum": b.value }),
        (true, true) => json!({ "type": "number", "maximum": b.value }),
        (false, false) => json!({ "type": "number", "exclusiveMinimum": b.value }),
        (false, true) => json!({ "type": "number", "minimum": b.value }),
    }
}

fn compare_bound<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    old: Option<Bound>,
    new: Option<Bound>,
    lower: bool,
    r: &BoundRules,
) {
    match (old, new) {
        (None, None) => {}
        (None, Some(n)) => w.emit(
            r.added,
            Some(t.old.loc()),
            Some(n.loc.clone()),
            &[("bound", &n.describe(lower))],
            Hint::Extra(vec![(WitnessSide::Old, outside(&n, lower))]),
            t,
        ),
        (Some(o), None) => w.emit(
            r.removed,
            Some(o.loc.clone()),
            Some(t.new.loc()),
            &[("bound", &o.describe(lower))],
            Hint::Extra(vec![(WitnessSide::New, outside(&o, lower))]),
            t,
        ),
        (Some(o), Some(n)) => {
            let ord = if lower {
                n.cmp_lower(&o)
            } else {
                n.cmp_upper(&o)
            };
            let (mut old_text, mut new_text) = (o.describe(lower), n.describe(lower));
            let ord = match ord {
                Ordering::Equal => match digits_cmp(w, &o, &n, lower) {
                    Some((ord, lo, ln)) => {
                        let op = |b: &Bound| {
                            b.describe(lower)
                                .split(' ')
                                .next()
                                .unwrap_or("")
                                .to_string()
                        };
                        old_text = format!("{} {lo}", op(&o));
                        new_text = format!("{} {ln}", op(&n));
                        ord
                    }
                    None => Ordering::Equal,
                },
                other => other,
            };
            match ord {
                Ordering::Equal => {}
                Ordering::Greater => w.emit(
                    r.tightened,
                    Some(o.loc.clone()),
                    Some(n.loc.clone()),
                    &[("old", &old_text), ("new", &new_text)],
                    Hint::Extra(vec![(WitnessSide::Old, outside(&n, lower))]),
                    t,
                ),
                Ordering::Less => w.emit(
                    r.loosened,
                    Some(o.loc.clone()),
                    Some(n.loc.clone()),
                    &[("old", &old_text), ("new", &new_text)],
                    Hint::Extra(vec![(WitnessSide::New, outside(&o, lower))]),
                    t,
                ),
            }
        }
    }
}

/// Two bounds that are equal as 64-bit floats but whose integer literals differ beyond a float's
/// exact range (`18446744073709551616` and `18446744073709551617`): ordered by their digits as
/// written, `Greater` when `n` is the stricter bound, with the two literals. `None` when either
/// is not such a literal (a YAML file, a float literal) or their exclusivity differs.
fn digits_cmp(
    w: &Walker<'_>,
    o: &Bound,
    n: &Bound,
    lower: bool,
) -> Option<(Ordering, String, String)> {
    let big = |b: &Bound| {
        b.value
            .as_f64()
            .is_some_and(|f| f.abs() >= 9_007_199_254_740_992.0)
    };
    if o.exclusive != n.exclusive || !big(o) || !big(n) {
        return None;
    }
    let literal = |pkg: &'_ contracts_core::Package, b: &Bound| {
        pkg.exact_integer(&b.loc.file, &b.loc.pointer)
            .map(str::to_string)
            .or_else(|| b.value.as_f64().map(|f| format!("{f:.0}")))
    };
    let (lo, ln) = (literal(w.old.pkg, o)?, literal(w.new.pkg, n)?);
    let ord = contracts_core::literal::cmp_integer_literals(&ln, &lo)?;
    let ord = if lower { ord } else { ord.reverse() };
    (ord != Ordering::Equal).then_some((ord, lo, ln))
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
    let (rule, hint): (&'static Rule, Hint) = match (o.is_empty(), n.is_empty(), narrower, wider) {
        (true, true, _, _) | (_, _, true, true) => return,
        (true, false, _, _) => (&rules::multiple_of_added::RULE, Hint::None),
        (false, true, _, _) => (&rules::multiple_of_removed::RULE, Hint::None),
        (false, false, true, false) => (&rules::multiple_of_narrowed::RULE, Hint::None),
        (false, false, false, true) => (&rules::multiple_of_widened::RULE, Hint::None),
        (false, false, false, false) => (&rules::multiple_of_changed::RULE, Hint::None),
    };
    let (old_list, new_list) = (show(&o), show(&n));
    w.emit(
        rule,
        Some(ol),
        Some(nl),
        &[("old", &old_list), ("new", &new_list)],
        hint,
        t,
    );
}

/// Whether `a` is an integer multiple of `b` (`b > 0`), up to rounding of decimal fractions.
fn is_multiple(a: f64, b: f64) -> bool {
    let q = a / b;
    (q - q.round()).abs() < 1e-9 * q.abs().max(1.0)
}
