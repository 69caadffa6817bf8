//! The JSON-Schema-Test-Suite (vendored in `tests/suite/JSON-Schema-Test-Suite`, MIT) as a
//! conformance suite for the diff engine, drafts 4, 7 and 2020-12:
//!
//! - every schema loads as a package (those listed in [`EXCLUDED`] must fail to, each with its
//!   reason);
//! - `diff(s, s)` has no findings;
//! - for every ordered pair of schemas of one file, the strict Backward verdict agrees with the
//!   file's instances: when it has no MAJOR, no instance of the file is valid under the old
//!   schema and invalid under the new one;
//! - every instance's `valid` label agrees with the engine's validator and with an independent
//!   one (boon), which must judge it (exceptions in [`LABEL_EXCEPTIONS`], with reasons);
//! - every witness the engine emits validates as it claims, by both validators (a witness boon
//!   cannot judge must be in [`UNJUDGED_WITNESSES`]), and the share of MAJOR findings with one
//!   may not fall below the figure in `tests/conformance/witness-floor.toml`;
//! - every MAJOR verdict is confirmed (an instance of the file or a witness refutes backward
//!   compatibility) or listed, with its findings and a reason per rule, in
//!   `tests/conformance/unconfirmed-major.toml` (a two-way ratchet, like the list below).
//!
//! Pairs an instance refutes are listed (`known-gap`) in
//! `tests/conformance/expected-differences.toml`; an unlisted one, or a listed one that no longer
//! happens, fails the test.

mod conformance;

use std::collections::BTreeMap;
use std::sync::Arc;

use conformance::{
    check_witnesses, compatible, finish, package, reconcile, reconcile_unconfirmed, run_diff,
    summary, text, unproved_majors, witness_floor, Dir, Kind, Observation, Pair, Subject,
    Suggestion, Validators, WitnessStats,
};
use contracts_core::{Draft, Package};
use contracts_diff::Mode;
use serde_json::Value;

const SUITE: &str = "test-suite";

/// Witnesses the independent validator (boon) cannot judge, as `case: rule`, with the reason
/// (checked both ways by `conformance::independent_coverage`).
const UNJUDGED_WITNESSES: &[(&str, &str)] = &[];

/// Schemas that cannot be a package, by file and test-group description (`*`: every schema of
/// the file), with the reason. Each must fail to load (the test checks), so the list cannot go
/// stale.
const EXCLUDED: &[(&str, &str, &str)] = &[
    ("draft4/refRemote.json", "*", "remote $ref to http://localhost:1234/ (the suite's remotes server): nothing is downloaded"),
    ("draft7/refRemote.json", "*", "remote $ref to http://localhost:1234/ (the suite's remotes server): nothing is downloaded"),
    ("draft2020-12/refRemote.json", "*", "remote $ref to http://localhost:1234/ (the suite's remotes server): nothing is downloaded"),
    ("draft2020-12/dynamicRef.json", "strict-tree schema, guards against misspelled properties", "remote $ref \"tree.json\" against $id http://localhost:1234/draft2020-12/strict-tree.json: nothing is downloaded"),
    ("draft2020-12/dynamicRef.json", "tests for implementation dynamic anchor and reference link", "remote $ref \"extendible-dynamic-ref.json\" on http://localhost:1234/draft2020-12/: nothing is downloaded"),
    ("draft2020-12/dynamicRef.json", "$ref and $dynamicAnchor are independent of order - $defs first", "remote $ref \"extendible-dynamic-ref.json\" on http://localhost:1234/draft2020-12/: nothing is downloaded"),
    ("draft2020-12/dynamicRef.json", "$ref and $dynamicAnchor are independent of order - $ref first", "remote $ref \"extendible-dynamic-ref.json\" on http://localhost:1234/draft2020-12/: nothing is downloaded"),
    ("draft2020-12/dynamicRef.json", "$ref to $dynamicRef finds detached $dynamicAnchor", "remote $ref to http://localhost:1234/ (the suite's remotes server): nothing is downloaded"),
    ("draft2020-12/vocabulary.json", "schema that uses custom metaschema with with no validation vocabulary", "$schema is a custom metaschema at http://localhost:1234/: not one of the five drafts"),
    ("draft2020-12/vocabulary.json", "ignore unrecognized optional vocabulary", "$schema is a custom metaschema at http://localhost:1234/: not one of the five drafts"),
];

/// Schemas that load (the standard metaschemas they `$ref` are shipped and resolve offline) but
/// are kept out of the pair checks, by file and test-group description, with the reason. Each
/// must still load (the test checks), so the list cannot go stale.
const UNPAIRED: &[(&str, &str, &str)] = &[
    (
        "draft4/definitions.json",
        "validate definition against metaschema",
        EXTERNAL,
    ),
    (
        "draft4/ref.json",
        "remote ref, containing refs itself",
        EXTERNAL,
    ),
    (
        "draft7/definitions.json",
        "validate definition against metaschema",
        EXTERNAL,
    ),
    (
        "draft7/ref.json",
        "remote ref, containing refs itself",
        EXTERNAL,
    ),
    (
        "draft2020-12/defs.json",
        "validate definition against metaschema",
        EXTERNAL,
    ),
    (
        "draft2020-12/ref.json",
        "remote ref, containing refs itself",
        EXTERNAL,
    ),
];

const EXTERNAL: &str =
    "known gap: the schema is a $ref to the draft's metaschema, which now loads as an \
    external document (shipped, never downloaded); a pair with it walks into that document and \
    reports findings whose schema is the external document, which the pair's validators do not \
    hold, so their witnesses cannot be judged (and boon and jsonschema read the draft-04 \
    metaschema's `enum` differently). Findings inside external documents need their own handling";

/// Instances whose `valid` label a validator disagrees with or cannot judge (boon's `None`: it
/// does not compile the schema, or its `$ref`s loop), by file, group index and test index, with
/// the reason. Each must still disagree (the test checks), so the list cannot go stale.
const LABEL_EXCEPTIONS: &[(&str, usize, usize, &str)] = &[];

const DRAFTS: [(&str, Draft); 3] = [
    ("draft4", Draft::Draft4),
    ("draft7", Draft::Draft7),
    ("draft2020-12", Draft::Draft202012),
];

/// One loaded schema of a file.
struct Loaded {
    package: Arc<Package>,
    validators: Arc<Validators>,
}

#[test]
fn test_suite_schemas_load_self_diff_and_pair_verdicts_hold() {
    let root = contracts_tests::root_path("tests/suite/JSON-Schema-Test-Suite");
    assert!(
        root.is_dir(),
        "the vendored JSON-Schema-Test-Suite is missing from {}",
        root.display()
    );
    let mut observations: Vec<Observation> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let mut stats = WitnessStats::default();
    let mut excluded_used = vec![false; EXCLUDED.len()];
    let mut label_exceptions_used = vec![false; LABEL_EXCEPTIONS.len()];
    let mut unpaired_used = vec![false; UNPAIRED.len()];
    let (mut labels_checked, mut labels_independent) = (0, 0);
    let (mut schemas, mut loaded_count, mut pairs) = (0, 0, 0);
    let (mut compatible_pairs, mut major_pairs, mut major_confirmed) = (0, 0, 0);
    // MAJOR pairs that no instance and no witness confirm: case → findings without a witness.
    let mut unconfirmed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (draft_dir, draft) in DRAFTS {
        let dir = root.join(draft_dir);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{}: no test files", dir.display());
        for file in files {
            let file_name = file
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a UTF-8 file name");
            let rel = format!("{draft_dir}/{file_name}");
            let groups = conformance::read_json(&file);
            let groups = groups
                .as_array()
                .unwrap_or_else(|| panic!("{rel}: not an array of test groups"));

            // Load every schema.
            let mut loaded: Vec<Option<Loaded>> = Vec::new();
            for (i, g) in groups.iter().enumerate() {
                schemas += 1;
                let description = g["description"].as_str().unwrap_or("");
                let excluded = EXCLUDED
                    .iter()
                    .position(|(f, d, _)| *f == rel && (*d == description || *d == "*"));
                let result = package(&format!("{rel}#{i}"), &g["schema"], draft).and_then(|p| {
                    let v = Validators::new(&p)?;
                    Ok(Loaded {
                        package: Arc::new(p),
                        validators: Arc::new(v),
                    })
                });
                let unpaired = UNPAIRED
                    .iter()
                    .position(|(f, d, _)| *f == rel && *d == description);
                match (result, excluded) {
                    (Ok(_), None) if unpaired.is_some() => {
                        unpaired_used[unpaired.unwrap_or_default()] = true;
                        loaded_count += 1;
                        loaded.push(None);
                    }
                    (Ok(l), None) => {
                        loaded_count += 1;
                        loaded.push(Some(l));
                    }
                    (Ok(_), Some(x)) => {
                        excluded_used[x] = true;
                        problems.push(format!(
                            "[{SUITE}] {rel} #{i} ({description}) is excluded ({}) but loads: \
                             remove it from EXCLUDED",
                            EXCLUDED[x].2
                        ));
                        loaded.push(None);
                    }
                    (Err(_), Some(x)) => {
                        excluded_used[x] = true;
                        loaded.push(None);
                    }
                    (Err(e), None) => {
                        problems.push(format!(
                            "[{SUITE}] {rel} #{i} ({description}) does not load: {e}\n  schema: {}",
                            text(&g["schema"])
                        ));
                        loaded.push(None);
                    }
                }
            }

            // Every instance of the file, and which schemas accept it.
            let instances: Vec<&Value> = groups
                .iter()
                .flat_map(|g| g["tests"].as_array().into_iter().flatten())
                .map(|t| &t["data"])
                .collect();
            let valid: Vec<Vec<bool>> = loaded
                .iter()
                .map(|l| match l {
                    Some(l) => instances
                        .iter()
                        .map(|v| l.validators.accepts(conformance::DOC, v) == Some(true))
                        .collect(),
                    None => Vec::new(),
                })
                .collect();

            // The suite's own labels: each group's instances against its schema, by both
            // validators (an instance's label is what the pair verdicts above are judged by).
            for (i, l) in loaded.iter().enumerate() {
                let Some(l) = l else { continue };
                for (t, test) in groups[i]["tests"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let label = test["valid"].as_bool();
                    let data = &test["data"];
                    labels_checked += 1;
                    let ours = l.validators.accepts(conformance::DOC, data);
                    let theirs = l.validators.accepts_independently(conformance::DOC, data);
                    labels_independent += usize::from(theirs.is_some());
                    if ours != label || theirs != label {
                        let known = LABEL_EXCEPTIONS
                            .iter()
                            .position(|(f, g, n, _)| *f == rel && *g == i && *n == t);
                        match known {
                            Some(k) => label_exceptions_used[k] = true,
                            None => problems.push(format!(
                                "[{SUITE}] {rel} #{i} test {t} ({}): labelled valid = {label:?}, \
                                 jsonschema says {ours:?}, boon says {theirs:?}",
                                test["description"].as_str().unwrap_or("")
                            )),
                        }
                    }
                }
            }

            for (i, a) in loaded.iter().enumerate() {
                let Some(a) = a else { continue };
                // diff(s, s) is empty.
                let same = run_diff(&a.package, &a.package, Mode::Full);
                let findings = match &same {
                    Ok(r) => r.findings.len(),
                    Err(_) => 1,
                };
                if findings > 0 {
                    let ours = match &same {
                        Ok(r) => format!(
                            "{findings} finding(s): {}",
                            r.findings
                                .iter()
                                .map(|f| format!(
                                    "{}@{}",
                                    f.rule,
                                    f.old.as_ref().or(f.new.as_ref()).map_or("", |l| &l.pointer)
                                ))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        Err(e) => e.clone(),
                    };
                    observations.push(Observation {
                        suite: SUITE.into(),
                        case: format!("{rel} #{i} self"),
                        ours,
                        theirs: "no findings".into(),
                        subject: Subject::Engine,
                        suggestion: Suggestion {
                            kind: Kind::KnownGap,
                            witness: None,
                            reason: format!(
                                "diff(s, s) must be empty; schema {}",
                                text(&groups[i]["schema"])
                            ),
                        },
                    });
                }

                // Every ordered pair (a → b) against the file's instances.
                for (j, b) in loaded.iter().enumerate() {
                    let Some(b) = b else { continue };
                    if i == j {
                        continue;
                    }
                    pairs += 1;
                    let pair = Arc::new(Pair::from_parts(
                        (&a.package, &a.validators),
                        (&b.package, &b.validators),
                    ));
                    let report = run_diff(&pair.old, &pair.new, Mode::Backward);
                    let case = format!("{rel} #{i} -> #{j}");
                    let proved = check_witnesses(
                        SUITE,
                        &case,
                        &pair,
                        &report,
                        &mut stats,
                        &mut observations,
                    );
                    if let Err(e) = &report {
                        observations.push(Observation {
                            suite: SUITE.into(),
                            case: case.clone(),
                            ours: e.clone(),
                            theirs: "a verdict".into(),
                            subject: Subject::Engine,
                            suggestion: Suggestion {
                                kind: Kind::KnownGap,
                                witness: None,
                                reason: format!("the engine fails: {e}"),
                            },
                        });
                        continue;
                    }
                    let refuter = (0..instances.len())
                        .find(|&t| valid[i][t] && !valid[j][t])
                        .map(|t| instances[t].clone());
                    if !compatible(&report) {
                        major_pairs += 1;
                        if refuter.is_some() || proved.iter().any(|(d, _)| *d == Dir::Backward) {
                            major_confirmed += 1;
                        } else if let Ok(r) = &report {
                            unconfirmed.insert(case.clone(), unproved_majors(r));
                        }
                        continue;
                    }
                    compatible_pairs += 1;
                    if let Some(w) = refuter {
                        let describe = |k: usize| groups[k]["description"].as_str().unwrap_or("");
                        observations.push(Observation::direction(
                            SUITE,
                            case,
                            "backward compatible".into(),
                            "refuted by an instance".into(),
                            &pair,
                            Dir::Backward,
                            true,
                            false,
                            false,
                            Some(w),
                            String::new(),
                            &format!(
                                "engine backward: {}; old #{i} ({}) {}; new #{j} ({}) {}",
                                summary(&report),
                                describe(i),
                                text(&groups[i]["schema"]),
                                describe(j),
                                text(&groups[j]["schema"])
                            ),
                        ));
                    }
                }
            }
        }
    }
    for (k, used) in unpaired_used.iter().enumerate() {
        if !used {
            let (f, d, _) = UNPAIRED[k];
            problems.push(format!(
                "[{SUITE}] UNPAIRED names {f} ({d}), which does not load (or is not in the suite)"
            ));
        }
    }
    for (k, used) in label_exceptions_used.iter().enumerate() {
        if !used {
            let (f, g, t, _) = LABEL_EXCEPTIONS[k];
            problems.push(format!(
                "[{SUITE}] LABEL_EXCEPTIONS names {f} #{g} test {t}, where both validators now \
                 judge it and agree with the label: remove it"
            ));
        }
    }
    for (x, used) in excluded_used.iter().enumerate() {
        if !used {
            let (f, d, _) = EXCLUDED[x];
            problems.push(format!(
                "[{SUITE}] EXCLUDED names {f} ({d}), which is not in the suite"
            ));
        }
    }
    problems.extend(reconcile(SUITE, &observations));
    problems.extend(reconcile_unconfirmed(SUITE, &unconfirmed));
    problems.extend(witness_floor(SUITE, &stats));
    problems.extend(conformance::independent_coverage(
        SUITE,
        &stats,
        UNJUDGED_WITNESSES,
    ));
    let refuted = observations
        .iter()
        .filter(|o| matches!(o.subject, Subject::Direction { .. }))
        .count();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &observations {
        let k = match o.subject {
            Subject::Direction { .. } => "refuted pairs",
            Subject::BadWitnesses(_) => "rules with unsound witnesses",
            Subject::Engine => "engine failures or self-diff findings",
            Subject::ExampleLabel { .. } => "labels",
        };
        *by_kind.entry(k).or_default() += 1;
    }
    finish(
        SUITE,
        &format!(
            "schemas {schemas}, loaded {loaded_count}, excluded {}; pairs checked {pairs}: \
             {compatible_pairs} backward compatible by our verdict ({refuted} of them refuted by \
             an instance), {major_pairs} MAJOR ({major_confirmed} confirmed by an instance or a \
             witness); witness rate (MAJOR findings with a checked witness) {}; witnesses sound \
             {}; labels checked {labels_checked} by the engine's validator, {labels_independent} \
             by both; observations {by_kind:?}",
            schemas - loaded_count,
            stats.rate(),
            stats.soundness()
        ),
        &problems,
    );
}
