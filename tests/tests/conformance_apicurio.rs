//! Conformance with the Apicurio Registry's JSON Schema compatibility suite
//! (`tests/conformance/apicurio/compatibility-test-data.json`, Apache-2.0).
//!
//! Each enabled case is diffed `original` → `updated` under `Mode::Backward` and
//! `Mode::Forward` with the strict policy. Our verdict: `none` when the backward diff has a
//! MAJOR finding, else `both` when the forward diff has none, else `backward`. It must equal
//! Apicurio's `compatibility`, or the case must be listed in
//! `tests/conformance/expected-differences.toml` with the witness that settles it. Independently
//! of Apicurio, every "compatible" verdict of ours is tried against candidate instances (the
//! engine's witnesses, literals and boundary values of both schemas), and every witness the
//! engine emits must validate as it claims.

mod conformance;

use std::collections::BTreeMap;
use std::sync::Arc;

use conformance::{
    candidates, check_witnesses, compatible, finish, package, reconcile, run_diff, run_diff_with,
    summary, text, Dir, Observation, Pair, Subject, Suggestion, WitnessStats,
};
use contracts_core::Draft;
use contracts_diff::Mode;
use serde_json::Value;

const SUITE: &str = "apicurio";

/// Witnesses the independent validator (boon) cannot judge, as `case: rule`, with the reason
/// (checked both ways by `conformance::independent_coverage`).
const UNJUDGED_WITNESSES: &[(&str, &str)] = &[];

/// Apicurio's verdict as (backward compatible, forward compatible when it says).
fn theirs(verdict: &str) -> (bool, Option<bool>) {
    match verdict {
        "both" => (true, Some(true)),
        "backward" => (true, Some(false)),
        "none" => (false, None),
        other => panic!("unknown Apicurio compatibility {other:?}"),
    }
}

/// Our verdict in Apicurio's terms.
fn ours_verdict(backward: bool, forward: bool) -> &'static str {
    match (backward, forward) {
        (false, _) => "none",
        (true, true) => "both",
        (true, false) => "backward",
    }
}

#[test]
fn apicurio_verdicts_agree_or_are_listed() {
    let path = conformance::conformance_path("apicurio/compatibility-test-data.json");
    let data = conformance::read_json(&path);
    let tests = data["tests"]
        .as_array()
        .unwrap_or_else(|| panic!("{}: no \"tests\" array", path.display()));
    assert!(!tests.is_empty(), "{}: no cases", path.display());

    // Ids repeat in the suite: the n-th case (n > 1) of an id is `<id> #n`.
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for t in tests {
        *count.entry(t["id"].as_str().expect("an id")).or_default() += 1;
    }
    let mut nth: BTreeMap<&str, usize> = BTreeMap::new();

    let mut observations: Vec<Observation> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let mut stats = WitnessStats::default();
    let (mut cases, mut agree) = (0, 0);
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    for t in tests {
        let id = t["id"].as_str().expect("an id");
        let n = nth.entry(id).or_default();
        *n += 1;
        let case = if count[id] > 1 && *n > 1 {
            format!("{id} #{n}")
        } else {
            id.to_string()
        };
        if t["enabled"] != Value::Bool(true) {
            continue;
        }
        cases += 1;
        let verdict = t["compatibility"].as_str().expect("a compatibility");
        let (original, updated) = (&t["original"], &t["updated"]);
        let pair = match package("old", original, Draft::Draft7)
            .and_then(|o| Ok((o, package("new", updated, Draft::Draft7)?)))
            .and_then(|(o, n)| Pair::new(o, n))
        {
            Ok(p) => Arc::new(p),
            Err(e) => {
                problems.push(format!(
                    "[{SUITE}] {case}: does not load: {e}\n  original: {}\n  updated: {}",
                    text(original),
                    text(updated)
                ));
                continue;
            }
        };
        let back = run_diff(&pair.old, &pair.new, Mode::Backward);
        let fwd = run_diff(&pair.old, &pair.new, Mode::Forward);
        let mut proved = check_witnesses(SUITE, &case, &pair, &back, &mut stats, &mut observations);
        proved.extend(check_witnesses(
            SUITE,
            &case,
            &pair,
            &fwd,
            &mut stats,
            &mut observations,
        ));
        if let Some(Err(e)) = [&back, &fwd].into_iter().find(|r| r.is_err()) {
            observations.push(Observation {
                suite: SUITE.into(),
                case: case.clone(),
                ours: e.clone(),
                theirs: verdict.into(),
                subject: Subject::Engine,
                suggestion: Suggestion {
                    kind: conformance::Kind::KnownGap,
                    witness: None,
                    reason: format!("the engine fails: {e}"),
                },
            });
            continue;
        }
        let (ours_b, ours_f) = (compatible(&back), compatible(&fwd));
        let ours = ours_verdict(ours_b, ours_f);
        *confusion
            .entry((ours.to_string(), verdict.to_string()))
            .or_default() += 1;
        let (theirs_b, theirs_f) = theirs(verdict);
        let pool = candidates(original, updated);
        let refuter = |dir: Dir| -> Option<Value> {
            proved
                .iter()
                .find(|(d, _)| *d == dir)
                .map(|(_, w)| w.clone())
                .or_else(|| pair.refuter(dir, &pool).cloned())
        };
        let engine_proved = |dir: Dir| proved.iter().any(|(d, _)| *d == dir);
        let detail = |dir: Dir| {
            format!(
                "engine {}: {}; original {}; updated {}",
                dir.name(),
                summary(if dir == Dir::Backward { &back } else { &fwd }),
                text(original),
                text(updated)
            )
        };
        let disputed = if ours == verdict {
            agree += 1;
            None
        } else if ours_b != theirs_b {
            Some((Dir::Backward, ours_b, theirs_b))
        } else {
            Some((
                Dir::Forward,
                ours_f,
                theirs_f.expect("both sides call it backward compatible"),
            ))
        };
        if let Some((dir, o, th)) = disputed {
            let with_format = ours_verdict(
                compatible(&run_diff_with(&pair.old, &pair.new, Mode::Backward, true)),
                compatible(&run_diff_with(&pair.old, &pair.new, Mode::Forward, true)),
            );
            observations.push(Observation::direction(
                SUITE,
                case.clone(),
                ours.into(),
                verdict.into(),
                &pair,
                dir,
                o,
                th,
                engine_proved(dir),
                refuter(dir),
                with_format.into(),
                &detail(dir),
            ));
        }
        // Our "compatible" verdicts against instances, whatever Apicurio says.
        for (dir, ours_compatible) in [(Dir::Backward, ours_b), (Dir::Forward, ours_f)] {
            if !ours_compatible || disputed.is_some_and(|(d, ..)| d == dir) {
                continue;
            }
            if let Some(w) = refuter(dir) {
                observations.push(Observation::direction(
                    SUITE,
                    format!("{case} [{} refuted]", dir.name()),
                    format!("{} compatible", dir.name()),
                    "refuted by an instance".into(),
                    &pair,
                    dir,
                    true,
                    false,
                    false,
                    Some(w),
                    String::new(),
                    &detail(dir),
                ));
            }
        }
    }
    problems.extend(reconcile(SUITE, &observations));
    problems.extend(conformance::witness_floor(SUITE, &stats));
    problems.extend(conformance::independent_coverage(
        SUITE,
        &stats,
        UNJUDGED_WITNESSES,
    ));
    let matrix: Vec<String> = confusion
        .iter()
        .map(|((o, t), n)| format!("ours {o} / theirs {t}: {n}"))
        .collect();
    finish(
        SUITE,
        &format!(
            "verdicts agree on {agree}/{cases} cases; witness rate (MAJOR findings with a checked \
             witness) {}; witnesses sound {}; {}",
            stats.rate(),
            stats.soundness(),
            matrix.join("; ")
        ),
        &problems,
    );
}
