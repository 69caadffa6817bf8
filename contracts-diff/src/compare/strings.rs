//! String keywords: `minLength`/`maxLength` (Validation 2020-12 §6.3.1-2), `pattern` (§6.3.3),
//! `format` (§7) and `contentEncoding`/`contentMediaType` (§8).

use contracts_core::{Draft, Location};
use serde_json::{json, Value};

use crate::compare::bounds::{compare_count, BoundRules};
use crate::facets::Facets;
use crate::model::{keyword_active, Node};
use crate::rules::{self, Rule};
use crate::util::json_eq;
use crate::walk::{Hint, Task, Walker};
use crate::WitnessSide;

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
    compare_format(w, t, fo, fnw);
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
            &[("old", &format!("{op:?}")), ("new", &format!("{np:?}"))],
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
            &[("pattern", &format!("{p:?}"))],
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
            &[("pattern", &format!("{p:?}"))],
            Hint::Extra(vec![(
                WitnessSide::New,
                json!({"type": "string", "not": {"pattern": p}}),
            )]),
            t,
        );
    }
}

/// Formats the `jsonschema` validator asserts when asked to (Validation 2020-12 §7.3); others
/// are annotations whatever the option.
const KNOWN_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// `format`: an annotation unless `format_assertion` (and the format is one the validator
/// knows).
pub(crate) fn compare_format<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    fo: &Facets<'a>,
    fnw: &Facets<'a>,
) {
    let asserting = |f: &(String, Location)| {
        w.options.format_assertion && KNOWN_FORMATS.contains(&f.0.as_str())
    };
    let oa: Vec<&(String, Location)> = fo.formats.iter().filter(|f| asserting(f)).collect();
    let na: Vec<&(String, Location)> = fnw.formats.iter().filter(|f| asserting(f)).collect();
    let names = |l: &[&(String, Location)]| l.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>();
    let (on, nn) = (names(&oa), names(&na));
    if on != nn {
        let ol = oa.first().map_or_else(|| t.old.loc(), |(_, l)| l.clone());
        let nl = na.first().map_or_else(|| t.new.loc(), |(_, l)| l.clone());
        let rule = match (on.is_empty(), nn.is_empty()) {
            (true, false) => &rules::format_added::RULE,
            (false, true) => &rules::format_removed::RULE,
            _ => &rules::format_replaced::RULE,
        };
        w.emit(
            rule,
            Some(ol),
            Some(nl),
            &[("old", &format!("{on:?}")), ("new", &format!("{nn:?}"))],
            Hint::None,
            t,
        );
        return;
    }
    let all = |f: &Facets<'a>| f.formats.iter().map(|(x, _)| x.clone()).collect::<Vec<_>>();
    if all(fo) != all(fnw) {
        let ol = fo
            .formats
            .first()
            .map_or_else(|| t.old.loc(), |(_, l)| l.clone());
        let nl = fnw
            .formats
            .first()
            .map_or_else(|| t.new.loc(), |(_, l)| l.clone());
        w.emit(
            &rules::format_changed::RULE,
            Some(ol),
            Some(nl),
            &[
                ("old", &format!("{:?}", all(fo))),
                ("new", &format!("{:?}", all(fnw))),
            ],
            Hint::None,
            t,
        );
    }
}

/// `contentEncoding`/`contentMediaType`: asserted by the validator in drafts 6 and 7, annotations
/// from 2019-09 on.
pub(crate) fn compare_content<'a>(w: &mut Walker<'a>, t: &Task<'a>) {
    for kw in ["contentEncoding", "contentMediaType"] {
        let pick = |node: &Node<'a>, asserting: bool| -> Vec<(Location, &'a Value)> {
            node.parts
                .iter()
                .filter(|p| (p.draft <= Draft::Draft7) == asserting && p.draft >= Draft::Draft6)
                .filter_map(|p| p.value.get(kw).map(|v| (p.at(kw), v)))
                .collect()
        };
        let same = |a: &[(Location, &Value)], b: &[(Location, &Value)]| {
            a.len() == b.len() && a.iter().zip(b).all(|((_, x), (_, y))| json_eq(x, y))
        };
        let (oa, na) = (pick(&t.old, true), pick(&t.new, true));
        if !same(&oa, &na) {
            let ol = oa.first().map_or_else(|| t.old.loc(), |(l, _)| l.clone());
            let nl = na.first().map_or_else(|| t.new.loc(), |(l, _)| l.clone());
            let rule = match (oa.is_empty(), na.is_empty()) {
                (true, false) => &rules::content_added::RULE,
                (false, true) => &rules::content_removed::RULE,
                _ => &rules::content_changed::RULE,
            };
            w.emit(rule, Some(ol), Some(nl), &[("keyword", &kw)], Hint::None, t);
        }
        let (oa, na) = (pick(&t.old, false), pick(&t.new, false));
        if !same(&oa, &na) && keyword_active(Draft::Draft202012, kw) {
            let ol = oa.first().map_or_else(|| t.old.loc(), |(l, _)| l.clone());
            let nl = na.first().map_or_else(|| t.new.loc(), |(l, _)| l.clone());
            w.emit(
                &rules::content_annotation_changed::RULE,
                Some(ol),
                Some(nl),
                &[("keyword", &kw)],
                Hint::None,
                t,
            );
        }
    }
}
