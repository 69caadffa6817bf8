//! `type`, `enum`/`const`, numeric bounds, string lengths and `pattern`.

use std::cmp::Ordering;

use contracts_core::Location;
use serde_json::{json, Value};

use crate::compare::{accepts, Acceptor};
use crate::facets::{Bound, Count, Facets};
use crate::rules::{self, Rule};
use crate::util::{short, type_names, T_ALL, T_BOOL, T_FRACTION, T_INTEGER, T_NULL, T_NUMBER};
use crate::walk::{Hint, Task, Walker};
use crate::WitnessSide;

/// A schema admitting exactly the types in `bits` (for witness hints).
pub(crate) fn type_extra(bits: u8) -> Value {
    let mut names = Vec::new();
    for (bit, name) in [
        (crate::util::T_NULL, "null"),
        (crate::util::T_BOOL, "boolean"),
        (crate::util::T_OBJECT, "object"),
        (crate::util::T_ARRAY, "array"),
        (crate::util::T_STRING, "string"),
    ] {
        if bits & bit != 0 {
            names.push(name);
        }
    }
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
    let msg = format!(
        "type changed from {} to {}",
        if o == T_ALL {
            "any".to_string()
        } else {
            type_names(o)
        },
        if n == T_ALL {
            "any".to_string()
        } else {
            type_names(n)
        }
    );
    w.emit(rule, Some(old_loc), Some(new_loc), msg, hint, t);
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
    // A finite domain on the side without values: null and booleans.
    let finite = |bits: u8| bits & !(T_NULL | T_BOOL) == 0;
    let domain = [Value::Null, Value::Bool(false), Value::Bool(true)];
    match (&fo.values, &fnw.values) {
        (Some(ov), Some(nv)) => {
            let mut removed = Vec::new();
            for ((v, loc), _) in ov.items.iter().zip(&gone).filter(|(_, g)| **g) {
                removed.push(((*v).clone(), loc.clone()));
            }
            let mut added = Vec::new();
            for ((v, loc), _) in nv.items.iter().zip(&fresh).filter(|(_, f)| **f) {
                added.push(((*v).clone(), loc.clone()));
            }
            if ov.all_const
                && nv.all_const
                && removed.len() == 1
                && added.len() == 1
                && ov.items.len() == 1
                && nv.items.len() == 1
            {
                let (ro, ol) = &removed[0];
                let (an, nl) = &added[0];
                w.emit(
                    &rules::const_changed::RULE,
                    Some(ol.clone()),
                    Some(nl.clone()),
                    format!("const changed from {} to {}", short(ro), short(an)),
                    Hint::Extra(vec![
                        (WitnessSide::Old, json!({ "const": ro })),
                        (WitnessSide::New, json!({ "const": an })),
                    ]),
                    t,
                );
                return;
            }
            for (v, loc) in removed {
                w.emit(
                    &rules::enum_value_removed::RULE,
                    Some(loc),
                    Some(nv.loc.clone()),
                    format!("value {} is no longer accepted", short(&v)),
                    Hint::Value(WitnessSide::Old, v),
                    t,
                );
            }
            for (v, loc) in added {
                w.emit(
                    &rules::enum_value_added::RULE,
                    Some(ov.loc.clone()),
                    Some(loc),
                    format!("value {} is now accepted", short(&v)),
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
            let kw = if ov.all_const { "const" } else { "enum" };
            w.emit(
                rule,
                Some(ov.loc.clone()),
                Some(t.new.loc()),
                format!("`{kw}` was removed: values other than the listed ones are now accepted"),
                Hint::None,
                t,
            );
            for ((v, loc), g) in ov.items.iter().zip(&gone) {
                if *g {
                    w.emit(
                        &rules::enum_value_removed::RULE,
                        Some(loc.clone()),
                        Some(t.new.loc()),
                        format!("value {} is no longer accepted", short(v)),
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
            let kw = if nv.all_const { "const" } else { "enum" };
            w.emit(
                rule,
                Some(t.old.loc()),
                Some(nv.loc.clone()),
                format!(
                    "`{kw}` was added: only {} now accepted",
                    nv.items
                        .iter()
                        .map(|(v, _)| short(v))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Hint::None,
                t,
            );
            for ((v, loc), f) in nv.items.iter().zip(&fresh) {
                if *f {
                    w.emit(
                        &rules::enum_value_added::RULE,
                        Some(t.old.loc()),
                        Some(loc.clone()),
                        format!("value {} is now accepted", short(v)),
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
                format!("value {} is no longer accepted", short(v)),
                Hint::Value(WitnessSide::Old, v.clone()),
                t,
            );
        } else if n && !o {
            w.emit(
                &rules::enum_value_added::RULE,
                Some(old_values.clone().unwrap_or_else(|| t.old.loc())),
                Some(new_values.clone().unwrap_or_else(|| t.new.loc())),
                format!("value {} is now accepted", short(v)),
                Hint::Value(WitnessSide::New, v.clone()),
                t,
            );
        }
    }
}

/// The four rules of one bound: added, removed, tightened, loosened.
pub(crate) struct BoundRules {
    pub added: &'static Rule,
    pub removed: &'static Rule,
    pub tightened: &'static Rule,
    pub loosened: &'static Rule,
}

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
    super::applicators::compare_multiple_of(w, t, fo, fnw);
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
    let word = if lower { "lower bound" } else { "upper bound" };
    match (old, new) {
        (None, None) => {}
        (None, Some(n)) => w.emit(
            r.added,
            Some(t.old.loc()),
            Some(n.loc.clone()),
            format!("{word} {} added", n.describe(lower)),
            Hint::Extra(vec![(WitnessSide::Old, outside(&n, lower))]),
            t,
        ),
        (Some(o), None) => w.emit(
            r.removed,
            Some(o.loc.clone()),
            Some(t.new.loc()),
            format!("{word} {} removed", o.describe(lower)),
            Hint::Extra(vec![(WitnessSide::New, outside(&o, lower))]),
            t,
        ),
        (Some(o), Some(n)) => {
            let ord = if lower {
                n.cmp_lower(&o)
            } else {
                n.cmp_upper(&o)
            };
            let mut msg = format!(
                "{word} changed from {} to {}",
                o.describe(lower),
                n.describe(lower)
            );
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
                        msg = format!("{word} changed from {} {lo} to {} {ln}", op(&o), op(&n));
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
                    msg,
                    Hint::Extra(vec![(WitnessSide::Old, outside(&n, lower))]),
                    t,
                ),
                Ordering::Less => w.emit(
                    r.loosened,
                    Some(o.loc.clone()),
                    Some(n.loc.clone()),
                    msg,
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
        pkg.file_text(&b.loc.file)
            .and_then(|text| contracts_core::literal::number_literal(text, &b.loc.pointer))
            .map(str::to_string)
    };
    let (lo, ln) = (literal(w.old.pkg, o)?, literal(w.new.pkg, n)?);
    let ord = contracts_core::literal::cmp_integer_literals(&ln, &lo)?;
    let ord = if lower { ord } else { ord.reverse() };
    (ord != Ordering::Equal).then_some((ord, lo, ln))
}

/// A schema for values of `type_name` whose `kw` count is past `c` (`minLength` bound `c`
/// violated from below when `lower`, else from above).
fn past_count(type_name: &str, min_kw: &str, max_kw: &str, c: &Count, lower: bool) -> Value {
    if lower {
        json!({ "type": type_name, max_kw: c.value.saturating_sub(1) })
    } else {
        json!({ "type": type_name, min_kw: c.value.saturating_add(1) })
    }
}

/// Compare one count bound (`minLength`, `maxItems`, ...).
#[allow(clippy::too_many_arguments)]
pub(crate) fn compare_count<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    old: &Option<Count>,
    new: &Option<Count>,
    lower: bool,
    kw: &str,
    type_name: &str,
    kws: (&str, &str),
    r: &BoundRules,
) {
    let (min_kw, max_kw) = kws;
    match (old, new) {
        (None, None) => {}
        (None, Some(n)) => w.emit(
            r.added,
            Some(t.old.loc()),
            Some(n.loc.clone()),
            format!("`{kw}: {}` added", n.value),
            Hint::Extra(vec![(
                WitnessSide::Old,
                past_count(type_name, min_kw, max_kw, n, lower),
            )]),
            t,
        ),
        (Some(o), None) => w.emit(
            r.removed,
            Some(o.loc.clone()),
            Some(t.new.loc()),
            format!("`{kw}: {}` removed", o.value),
            Hint::Extra(vec![(
                WitnessSide::New,
                past_count(type_name, min_kw, max_kw, o, lower),
            )]),
            t,
        ),
        (Some(o), Some(n)) => {
            if o.value == n.value {
                return;
            }
            let tighter = if lower {
                n.value > o.value
            } else {
                n.value < o.value
            };
            let msg = format!("`{kw}` changed from {} to {}", o.value, n.value);
            if tighter {
                w.emit(
                    r.tightened,
                    Some(o.loc.clone()),
                    Some(n.loc.clone()),
                    msg,
                    Hint::Extra(vec![(
                        WitnessSide::Old,
                        past_count(type_name, min_kw, max_kw, n, lower),
                    )]),
                    t,
                );
            } else {
                w.emit(
                    r.loosened,
                    Some(o.loc.clone()),
                    Some(n.loc.clone()),
                    msg,
                    Hint::Extra(vec![(
                        WitnessSide::New,
                        past_count(type_name, min_kw, max_kw, o, lower),
                    )]),
                    t,
                );
            }
        }
    }
}

/// String keywords: `minLength`/`maxLength` (Validation 2020-12 §6.3.1-2), `pattern` (§6.3.3),
/// `format` (§7).
pub(crate) fn compare_strings<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    fo: &Facets<'a>,
    fnw: &Facets<'a>,
) {
    compare_count(
        w,
        t,
        &fo.min_length,
        &fnw.min_length,
        true,
        "minLength",
        "string",
        ("minLength", "maxLength"),
        &BoundRules {
            added: &rules::min_length_added::RULE,
            removed: &rules::min_length_removed::RULE,
            tightened: &rules::min_length_tightened::RULE,
            loosened: &rules::min_length_loosened::RULE,
        },
    );
    compare_count(
        w,
        t,
        &fo.max_length,
        &fnw.max_length,
        false,
        "maxLength",
        "string",
        ("minLength", "maxLength"),
        &BoundRules {
            added: &rules::max_length_added::RULE,
            removed: &rules::max_length_removed::RULE,
            tightened: &rules::max_length_tightened::RULE,
            loosened: &rules::max_length_loosened::RULE,
        },
    );
    compare_patterns(w, t, fo, fnw);
    super::applicators::compare_format(w, t, fo, fnw);
}

fn compare_patterns<'a>(w: &mut Walker<'a>, t: &Task<'a>, fo: &Facets<'a>, fnw: &Facets<'a>) {
    // A pattern that every string matches (unanchored `[a-z]*` matches the empty prefix of any
    // string) asserts nothing: adding or removing it is no change.
    let vacuous = |p: &str| crate::util::pattern_subset("", p) == Some(true);
    let added: Vec<&(String, Location)> = fnw
        .patterns
        .iter()
        .filter(|(p, _)| !fo.patterns.iter().any(|(q, _)| q == p) && !vacuous(p))
        .collect();
    let removed: Vec<&(String, Location)> = fo
        .patterns
        .iter()
        .filter(|(p, _)| !fnw.patterns.iter().any(|(q, _)| q == p) && !vacuous(p))
        .collect();
    if added.len() == 1 && removed.len() == 1 {
        let ((np, nl), (op, ol)) = (added[0], removed[0]);
        let (new_in_old, old_in_new) = (
            crate::util::pattern_subset(np, op) == Some(true),
            crate::util::pattern_subset(op, np) == Some(true),
        );
        let not_new = json!({"type": "string", "not": {"pattern": np}});
        let not_old = json!({"type": "string", "not": {"pattern": op}});
        let (rule, hint): (&'static Rule, Hint) = match (new_in_old, old_in_new) {
            // The same language spelled differently.
            (true, true) => return,
            (true, false) => (
                &rules::pattern_narrowed::RULE,
                Hint::Extra(vec![(WitnessSide::Old, not_new)]),
            ),
            (false, true) => (
                &rules::pattern_widened::RULE,
                Hint::Extra(vec![(WitnessSide::New, not_old)]),
            ),
            (false, false) => (
                &rules::pattern_changed::RULE,
                Hint::Extra(vec![
                    (WitnessSide::Old, not_new),
                    (WitnessSide::New, not_old),
                ]),
            ),
        };
        w.emit(
            rule,
            Some(ol.clone()),
            Some(nl.clone()),
            format!("pattern changed from {op:?} to {np:?}"),
            hint,
            t,
        );
        return;
    }
    for (p, loc) in added {
        w.emit(
            &rules::pattern_added::RULE,
            Some(t.old.loc()),
            Some(loc.clone()),
            format!("pattern {p:?} added"),
            Hint::Extra(vec![(
                WitnessSide::Old,
                json!({"type": "string", "not": {"pattern": p}}),
            )]),
            t,
        );
    }
    for (p, loc) in removed {
        w.emit(
            &rules::pattern_removed::RULE,
            Some(loc.clone()),
            Some(t.new.loc()),
            format!("pattern {p:?} removed"),
            Hint::Extra(vec![(
                WitnessSide::New,
                json!({"type": "string", "not": {"pattern": p}}),
            )]),
            t,
        );
    }
}
