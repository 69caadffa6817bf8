//! Proofs of containment between whole documents, by the `jsonschema` crate's experimental
//! `canonical` module (`canonicalize`, `covers`).
//!
//! The walk's findings are derived keyword by keyword and can over-report: a local narrowing
//! that the rest of the schema compensates, or two spellings of one set the rules do not know
//! to be equal. When a finding has no witness and the canonical forms of the two whole
//! documents prove that no value moved in the finding's direction (`covers` answers `Yes`, the
//! only answer that proves anything), the finding is dropped. Only documents whose `$ref`s are
//! all local (`#...`) are canonicalized; anything else, a `Raw` form, an error or `Unknown`
//! proves nothing.

use std::cell::RefCell;
use std::collections::HashMap;

use jsonschema::canonical::{CanonicalSchema, Containment};
use serde_json::Value;

use contracts_core::SchemaDocument;

/// Nesting beyond which a document is not canonicalized (the canonicalizer recurses).
const MAX_DEPTH: usize = 64;

/// JSON values beyond which a document is not canonicalized: the canonicalizer's work is not
/// bounded by its input size (a 124 KB schema of `uv` ran for minutes), and the diff's work
/// must be.
const MAX_VALUES: usize = 2_000;

/// Keywords that the canonicalizer turns into disjunctions (`if`/`then`/`else`, `oneOf` with
/// its pairwise exclusions, `not`) beyond which a document is not canonicalized: their forms
/// multiply (the 925-value `popxf-1.0` schema, 13 `if`s, 13 `oneOf`s and 7 `not`s, ran 16 s).
/// Skipping a proof only keeps a finding, never drops one.
const MAX_DISJUNCTIONS: usize = 16;

/// Whether every `$ref`/`$dynamicRef`/`$recursiveRef` in `value` is local, no nested `$id`
/// moves the base URI, the document nests at most [`MAX_DEPTH`] levels, holds at most
/// [`MAX_VALUES`] JSON values, at most [`MAX_DISJUNCTIONS`] disjunctive keywords and no float
/// beyond the integers a float holds exactly.
fn only_local_refs(value: &Value) -> bool {
    let mut stack = vec![(value, 0usize)];
    let mut seen = 0usize;
    let mut disjunctions = 0usize;
    while let Some((v, depth)) = stack.pop() {
        seen += 1;
        if depth > MAX_DEPTH || seen > MAX_VALUES {
            return false;
        }
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    if matches!(k.as_str(), "$ref" | "$dynamicRef" | "$recursiveRef")
                        && !x.as_str().is_some_and(|r| r.starts_with('#'))
                    {
                        return false;
                    }
                    if matches!(k.as_str(), "if" | "oneOf" | "not") {
                        disjunctions += 1;
                        if disjunctions > MAX_DISJUNCTIONS {
                            return false;
                        }
                    }
                    if matches!(k.as_str(), "$id" | "id") && x.is_string() && depth > 0 {
                        // A nested base-URI change: references would resolve elsewhere.
                        return false;
                    }
                    stack.push((x, depth + 1));
                }
            }
            Value::Array(items) => stack.extend(items.iter().map(|i| (i, depth + 1))),
            // A number of 2^53 or more may stand for a literal with more digits than the float
            // holds: bounds the walk told apart by their digits would prove equal here.
            Value::Number(n)
                if n.as_f64()
                    .is_some_and(|f| f.abs() >= 9_007_199_254_740_992.0)
                    && n.as_u64().is_none()
                    && n.as_i64().is_none() =>
            {
                return false;
            }
            _ => {}
        }
    }
    true
}

/// `(new covers old, old covers new)` when something could be said.
type Answer = Option<(bool, bool)>;

/// Containment answers for pairs of documents, cached.
#[derive(Default)]
pub(crate) struct Proofs {
    cache: RefCell<HashMap<(usize, usize), Answer>>,
}

impl Proofs {
    /// `(new covers old, old covers new)`, each `true` only when proved, for the two documents'
    /// roots; `None` when nothing can be said.
    pub fn covers(
        &self,
        old: &SchemaDocument,
        new: &SchemaDocument,
        format_assertion: bool,
    ) -> Option<(bool, bool)> {
        // The documents outlive the cache (one diff): their addresses identify them.
        let key = (old as *const _ as usize, new as *const _ as usize);
        if let Some(hit) = self.cache.borrow().get(&key) {
            return *hit;
        }
        let answer = compute(old, new, format_assertion);
        self.cache.borrow_mut().insert(key, answer);
        answer
    }
}

fn canonical(doc: &SchemaDocument, format_assertion: bool) -> Option<CanonicalSchema> {
    if !doc.pointer.is_empty() || !only_local_refs(&doc.value) {
        return None;
    }
    let schema = jsonschema::canonical::options()
        .with_draft(doc.draft.to_referencing())
        .should_validate_formats(format_assertion)
        .canonicalize(&doc.value)
        .ok()?;
    (schema.kind() != jsonschema::canonical::CanonicalKind::Raw).then_some(schema)
}

fn compute(
    old: &SchemaDocument,
    new: &SchemaDocument,
    format_assertion: bool,
) -> Option<(bool, bool)> {
    if old.draft != new.draft {
        return None;
    }
    let (o, n) = (
        canonical(old, format_assertion)?,
        canonical(new, format_assertion)?,
    );
    let new_covers_old = n.covers(&o).ok() == Some(Containment::Yes);
    let old_covers_new = o.covers(&n).ok() == Some(Containment::Yes);
    Some((new_covers_old, old_covers_new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::package;
    use serde_json::json;

    #[test]
    fn equal_sets_in_other_spellings_are_proved() {
        let o = package(&[("s", json!({"type": "integer", "minimum": 1, "maximum": 1}))]);
        let n = package(&[("s", json!({"const": 1}))]);
        let proofs = Proofs::default();
        let (a, b) = (o.get("s").expect("doc"), n.get("s").expect("doc"));
        assert_eq!(proofs.covers(a, b, false), Some((true, true)));
        let wider = package(&[("s", json!({"type": "integer"}))]);
        let w = wider.get("s").expect("doc");
        assert_eq!(proofs.covers(a, w, false), Some((true, false)));
    }

    #[test]
    fn a_finding_disproved_by_the_canonical_forms_is_dropped() {
        let old = json!({"type": "integer", "minimum": 1, "maximum": 1});
        let new = json!({"const": 1});
        for mode in [crate::Mode::Backward, crate::Mode::Full] {
            let options = crate::DiffOptions {
                mode,
                policy: crate::Policy::Strict,
                format_assertion: false,
            };
            let report = crate::testkit::diff_values(&old, &new, options);
            assert!(report.findings.is_empty(), "{:#?}", report.findings);
        }
        // A real narrowing stays, with its witness.
        let narrower = json!({"const": 1, "description": "x"});
        let wide = json!({"type": "integer"});
        let report = crate::testkit::diff_values(&wide, &narrower, crate::DiffOptions::default());
        assert!(report
            .findings
            .iter()
            .any(|f| f.rule == "const-added" && f.witness.is_some()));
    }

    #[test]
    fn many_disjunctions_prove_nothing_and_keep_the_finding() {
        // The same equal-set pair as above, with 17 `if`s beside it (the shape that makes the
        // canonicalizer explode): no proof is attempted, so the walk's finding stays.
        let ifs: Vec<_> = (0..17)
            .map(|i| json!({"if": {"const": i}, "then": {"const": i}}))
            .collect();
        let old = json!({"type": "integer", "minimum": 1, "maximum": 1, "allOf": ifs});
        let new = json!({"const": 1, "allOf": ifs});
        assert!(!only_local_refs(&old));
        let report = crate::testkit::diff_values(&old, &new, crate::DiffOptions::default());
        assert!(!report.findings.is_empty());
        let few = json!({"type": "integer", "minimum": 1, "maximum": 1, "allOf": ifs[..3]});
        assert!(only_local_refs(&few));
    }

    #[test]
    fn external_references_prove_nothing() {
        assert!(!only_local_refs(&json!({"$ref": "other.json"})));
        assert!(only_local_refs(
            &json!({"$defs": {"a": {}}, "$ref": "#/$defs/a"})
        ));
    }
}
