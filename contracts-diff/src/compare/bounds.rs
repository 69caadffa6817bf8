//! What the bound keywords of every family share: a bound's four rules (added, removed,
//! tightened, loosened) and the comparison of one count bound (`minLength`, `maxItems`,
//! `minProperties`, ...).

use serde_json::{json, Value};

use crate::facets::Count;
use crate::rules::Rule;
use crate::walk::{Hint, Task, Walker};
use crate::WitnessSide;

/// The four rules of one bound: added, removed, tightened, loosened.
pub(crate) struct BoundRules {
    pub added: &'static Rule,
    pub removed: &'static Rule,
    pub tightened: &'static Rule,
    pub loosened: &'static Rule,
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
            &[("value", &n.value)],
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
            &[("value", &o.value)],
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
            if tighter {
                w.emit(
                    r.tightened,
                    Some(o.loc.clone()),
                    Some(n.loc.clone()),
                    &[("old", &o.value), ("new", &n.value)],
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
                    &[("old", &o.value), ("new", &n.value)],
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
