//! Array keywords: `minItems`/`maxItems` (Validation 2020-12 §6.4.1-2) and the item schemas
//! (`items`, `prefixItems`, `additionalItems`, Core 2020-12 §10.3.1, draft-07 Validation §6.4.1-2),
//! compared position by position: every tuple position either side declares, then the
//! position after the longest tuple (the "rest" schema).

use contracts_core::LoadError;

use crate::compare::scalars::{compare_count, BoundRules};
use crate::facets::Facets;
use crate::model::Side;
use crate::rules;
use crate::walk::{Task, Token, Walker};

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
        "minItems",
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
        "maxItems",
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
