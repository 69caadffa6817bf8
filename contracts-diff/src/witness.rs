//! Witnesses: a concrete instance that one side's whole schema accepts and the other rejects.

use std::collections::HashSet;

use crate::walk::{Pending, Walker};
use crate::Finding;

/// Deduplicate the findings and attach witnesses where one is found.
pub(crate) fn finish(_walker: &Walker<'_>, pending: Vec<Pending>) -> Vec<Finding> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for p in pending {
        let key = (
            p.finding.rule.clone(),
            p.finding.old.clone(),
            p.finding.new.clone(),
            p.finding.message.clone(),
        );
        if !seen.insert(key) {
            continue;
        }
        out.push(p.finding);
    }
    out
}
