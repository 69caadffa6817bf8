//! Conformance with jsoncompat's backcompat cases (`tests/conformance/jsoncompat/backcompat/
//! <case>/`, MIT, draft 2020-12).
//!
//! Each case is diffed `old.json` → `new.json` under `Mode::Backward` and `Mode::Forward`
//! with the strict policy. `expect.json`'s `deserializer` (every value old accepts, new
//! accepts) must equal "no MAJOR under Backward", its `serializer` "no MAJOR under Forward",
//! or the difference is listed in `tests/conformance/expected-differences.toml` with the
//! witness that settles it. Every `examples.json` value is validated: its label (`old_only`,
//! `new_only`, `both`) must be what the validator says (else the peer mislabelled it), and it
//! must be consistent with our verdicts (an `old_only` value means Backward has a MAJOR, a
//! `new_only` value means Forward has one). Every witness the engine emits must validate as it
//! claims.

mod conformance;

use std::collections::BTreeSet;
use std::sync::Arc;

use conformance::{
    candidates, check_witnesses, compatible, finish, label, package, reconcile, run_diff,
    run_diff_with, summary, text, Dir, Kind, Observation, Pair, Subject, Suggestion, WitnessStats,
};
use contracts_core::Draft;
use contracts_diff::Mode;
use serde_json::Value;

const SUITE: &str = "jsoncompat";

/// Witnesses the independent validator (boon) cannot judge, as `case: rule`, with the reason
/// (checked both ways by `conformance::independent_coverage`).
const UNJUDGED_WITNESSES: &[(&str, &str)] = &[
    (
        "dependent_required_recursive_property_names: dependent-required-removed",
        REF_LOOP,
    ),
    ("recursive_allof_enum_not_empty: enum-value-added", REF_LOOP),
    (
        "same_value_recursive_applicator_narrowed: type-narrowed",
        REF_LOOP,
    ),
    (
        "dependent_required_unsupported_pattern_properties: dependent-required-removed",
        LOOKAROUND,
    ),
    (
        "dependent_required_unsupported_property_names: dependent-required-removed",
        LOOKAROUND,
    ),
];

/// Cases whose examples the independent validator (boon) cannot judge, with the reason (checked
/// both ways).
const UNJUDGED_EXAMPLES: &[(&str, &str)] = &[
    ("dependent_required_recursive_property_names", REF_LOOP),
    ("recursive_allof_enum_not_empty", REF_LOOP),
    ("same_value_recursive_applicator_narrowed", REF_LOOP),
];

/// Why boon judges no instance of a schema whose `$ref` loops without consuming the instance.
const REF_LOOP: &str = "`\"Name\": {\"allOf\": [{\"$ref\": \"#/$defs/Name\"}, ...]}` recurses \
    into itself at the same instance location; boon reports the loop (no verdict), where the \
    engine's validator cuts the recursion";

/// Why boon cannot compile a schema with a lookahead.
const LOOKAROUND: &str = "the pattern `^(?=x$)x$` uses a lookahead, which boon's regex engine \
    (the regex crate) does not compile; the engine's validator matches it as ECMA-262 does";

const LABELS: [&str; 3] = ["old_only", "new_only", "both"];

#[test]
fn jsoncompat_verdicts_and_examples_agree_or_are_listed() {
    let root = conformance::conformance_path("jsoncompat/backcompat");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", root.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "{}: no cases", root.display());

    let mut observations: Vec<Observation> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let mut stats = WitnessStats::default();
    let (mut cases, mut cases_agree, mut verdicts, mut verdicts_agree) = (0, 0, 0, 0);
    let (mut examples, mut labels_right, mut consistent) = (0, 0, 0);
    // Cases with an example the independent validator does not judge.
    let mut unjudged_examples: BTreeSet<String> = BTreeSet::new();
    for dir in &dirs {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 case name")
            .to_string();
        cases += 1;
        let old = conformance::read_json(&dir.join("old.json"));
        let new = conformance::read_json(&dir.join("new.json"));
        let expect = conformance::read_json(&dir.join("expect.json"));
        let example_file = dir.join("examples.json");
        let example_values = if example_file.is_file() {
            conformance::read_json(&example_file)
        } else {
            Value::Null
        };
        let pair = match package("old", &old, Draft::Draft202012)
            .and_then(|o| Ok((o, package("new", &new, Draft::Draft202012)?)))
            .and_then(|(o, n)| Pair::new(o, n))
        {
            Ok(p) => Arc::new(p),
            Err(e) => {
                problems.push(format!(
                    "[{SUITE}] {name}: does not load: {e}\n  old: {}\n  new: {}",
                    text(&old),
                    text(&new)
                ));
                continue;
            }
        };
        let back = run_diff(&pair.old, &pair.new, Mode::Backward);
        let fwd = run_diff(&pair.old, &pair.new, Mode::Forward);
        let mut proved = check_witnesses(SUITE, &name, &pair, &back, &mut stats, &mut observations);
        proved.extend(check_witnesses(
            SUITE,
            &name,
            &pair,
            &fwd,
            &mut stats,
            &mut observations,
        ));
        if let Some(Err(e)) = [&back, &fwd].into_iter().find(|r| r.is_err()) {
            observations.push(Observation {
                suite: SUITE.into(),
                case: name.clone(),
                ours: e.clone(),
                theirs: text(&expect),
                subject: Subject::Engine,
                suggestion: Suggestion {
                    kind: Kind::KnownGap,
                    witness: None,
                    reason: format!("the engine fails: {e}"),
                },
            });
            continue;
        }
        let (ours_b, ours_f) = (compatible(&back), compatible(&fwd));

        // The examples: labels checked by the validator, then against our verdicts.
        let mut pool: Vec<Value> = Vec::new();
        for claimed in LABELS {
            let Some(values) = example_values.get(claimed).and_then(Value::as_array) else {
                continue;
            };
            for (i, v) in values.iter().enumerate() {
                examples += 1;
                pool.push(v.clone());
                let (o, n) = pair.accepts(v);
                let actual = label(o, n);
                // The independent validator (boon) must read the example the same way.
                match (
                    pair.old_v.accepts_independently(conformance::DOC, v),
                    pair.new_v.accepts_independently(conformance::DOC, v),
                ) {
                    (Some(io), Some(inew)) if (io, inew) != (o, n) => problems.push(format!(
                        "{name} ({claimed}[{i}]) {}: jsonschema says old {o}, new {n}; boon \
                         says old {io}, new {inew}",
                        text(v)
                    )),
                    (Some(_), Some(_)) => {}
                    _ => {
                        unjudged_examples.insert(name.clone());
                    }
                }
                if actual == claimed {
                    labels_right += 1;
                } else {
                    observations.push(Observation {
                        suite: SUITE.into(),
                        case: format!("{name} ({claimed}[{i}])"),
                        ours: actual.into(),
                        theirs: claimed.into(),
                        subject: Subject::ExampleLabel {
                            pair: Arc::clone(&pair),
                            claimed: claimed.into(),
                        },
                        suggestion: Suggestion {
                            kind: Kind::PeerWrong,
                            witness: Some(v.clone()),
                            reason: format!(
                                "labelled {claimed}, but the validator says valid in old: {o}, \
                                 in new: {n}"
                            ),
                        },
                    });
                }
                let refutes_us = (Dir::Backward.refuted_by(o, n) && ours_b)
                    || (Dir::Forward.refuted_by(o, n) && ours_f);
                if !refutes_us {
                    consistent += 1;
                }
            }
        }
        pool.extend(candidates(&old, &new));

        for (dir, key, report, ours_c) in [
            (Dir::Backward, "deserializer", &back, ours_b),
            (Dir::Forward, "serializer", &fwd, ours_f),
        ] {
            let theirs_c = expect[key]
                .as_bool()
                .unwrap_or_else(|| panic!("{name}/expect.json: no boolean {key:?}"));
            verdicts += 1;
            let refuter = proved
                .iter()
                .find(|(d, _)| *d == dir)
                .map(|(_, w)| w.clone())
                .or_else(|| pair.refuter(dir, &pool).cloned());
            let engine_proved = proved.iter().any(|(d, _)| *d == dir);
            let detail = format!(
                "engine {}: {}; old {}; new {}",
                dir.name(),
                summary(report),
                text(&old),
                text(&new)
            );
            if ours_c == theirs_c {
                verdicts_agree += 1;
                if let Some(w) = refuter.filter(|_| ours_c) {
                    observations.push(Observation::direction(
                        SUITE,
                        format!("{name} ({key} refuted)"),
                        format!("{key}={ours_c}"),
                        "refuted by an instance".into(),
                        &pair,
                        dir,
                        true,
                        false,
                        false,
                        Some(w),
                        String::new(),
                        &detail,
                    ));
                }
                continue;
            }
            let with_format = compatible(&run_diff_with(&pair.old, &pair.new, dir.mode(), true));
            observations.push(Observation::direction(
                SUITE,
                format!("{name} ({key})"),
                format!("{key}={ours_c}"),
                format!("{key}={theirs_c}"),
                &pair,
                dir,
                ours_c,
                theirs_c,
                engine_proved,
                refuter,
                format!("{key}={with_format}"),
                &detail,
            ));
        }
        if ours_b == expect["deserializer"].as_bool().unwrap_or(!ours_b)
            && ours_f == expect["serializer"].as_bool().unwrap_or(!ours_f)
        {
            cases_agree += 1;
        }
    }
    // The suite as committed (tests/conformance/jsoncompat/SOURCE): 63 cases whose
    // examples.json files hold 116 values. A case or value that stops being read (a renamed
    // label, a skipped folder) changes these counts.
    if cases != 63 {
        problems.push(format!("read {cases} cases, the suite has 63"));
    }
    if examples != 116 {
        problems.push(format!("read {examples} example values, the suite has 116"));
    }
    for case in &unjudged_examples {
        if !UNJUDGED_EXAMPLES.iter().any(|(c, _)| c == case) {
            problems.push(format!(
                "{case}: the independent validator (boon) does not judge its examples (it cannot \
                 compile a side, or its $refs loop); list it in UNJUDGED_EXAMPLES with the reason"
            ));
        }
    }
    for (case, _) in UNJUDGED_EXAMPLES {
        if !unjudged_examples.contains(*case) {
            problems.push(format!(
                "{case} is listed in UNJUDGED_EXAMPLES, but boon now judges its examples: remove it"
            ));
        }
    }
    problems.extend(reconcile(SUITE, &observations));
    problems.extend(conformance::witness_floor(SUITE, &stats));
    problems.extend(conformance::independent_coverage(
        SUITE,
        &stats,
        UNJUDGED_WITNESSES,
    ));
    finish(
        SUITE,
        &format!(
            "cases agree {cases_agree}/{cases}, verdicts (deserializer + serializer) agree \
             {verdicts_agree}/{verdicts}; examples: {examples}, labels right {labels_right}, \
             consistent with our verdicts {consistent}; witness rate (MAJOR findings with a \
             checked witness) {}; witnesses sound {}",
            stats.rate(),
            stats.soundness()
        ),
        &problems,
    );
}
