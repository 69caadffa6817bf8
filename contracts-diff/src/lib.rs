//! `contracts-diff`: compare two versions of a contracts package.
//!
//! [`diff`] pairs the schemas of two [`Package`]s, walks each pair in step (following `$ref`s on
//! both sides) and emits [`Finding`]s: each names the rule that fired, where it is on each side
//! (file + JSON Pointer), how the change moved the set of accepted values ([`Effect`]), and the
//! version [`Bump`] that requires under the chosen [`Mode`] and [`Policy`]. The [`gate`] module
//! turns a [`Report`] and two versions into a release verdict.
#![deny(missing_docs)]

mod compare;
pub mod config;
pub mod documents;
mod facets;
pub mod gate;
mod generate;
mod model;
mod proof;
pub mod report;
pub mod report_schema;
pub mod rules;
mod same;
pub mod session;
pub mod testkit;
mod util;
mod validate;
mod walk;
mod witness;

pub use contracts_core::{Location, Package};
pub use report::{Bump, Confidence, Effect, Finding, Mode, Policy, Report, Witness, WitnessSide};
pub use session::{Comparison, Counts, Outcome, PackageInfo, SchemaModes};

/// Options for [`diff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DiffOptions {
    /// Which compatibility direction must hold (default [`Mode::Full`]).
    pub mode: Mode,
    /// How property additions and removals are judged (default [`Policy::Lenient`]).
    pub policy: Policy,
    /// Treat `format` as an assertion rather than an annotation.
    pub format_assertion: bool,
}

/// Why a diff could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// A `$ref` could not be followed, or a validator could not be built.
    #[error(transparent)]
    Load(#[from] contracts_core::LoadError),
}

/// Compare `old` with `new`.
///
/// Pairs the documents (by name, then by root `$id`), walks each pair in step from the roots
/// and from each `$defs`/`definitions` entry present on both sides (see [`rules`] for what is
/// reported), then looks for a witness of every MAJOR finding. Findings are deduplicated and
/// sorted; `required_bump` is their maximum.
///
/// # Errors
/// [`DiffError::Load`] when a `$ref` met during the walk cannot be resolved.
pub fn diff(old: &Package, new: &Package, options: &DiffOptions) -> Result<Report, DiffError> {
    // The walk keeps its own stack, but the witness and proof steps (canonical forms, the
    // validators) recurse along `$ref` chains: thousands of levels would overflow the 8 MiB
    // main stack (issue 13: 2,000 levels aborted the process). They run on a thread with a
    // large stack (address space, touched only as deep as the schemas go).
    on_large_stack(|| diff_here(old, new, options, None))
}

/// [`diff`] with each schema walked under its own mode and policy from `schemas` (resolved
/// before the walk from `contracts.toml` roles and globs, see [`SchemaModes`]): detection
/// (strict-only rules, containment), each finding's bump and its witness search all follow the
/// schema's own options. The report's `mode` and `policy` are `options`' (the defaults).
///
/// # Errors
/// As [`diff`].
pub fn diff_with(
    old: &Package,
    new: &Package,
    options: &DiffOptions,
    schemas: &SchemaModes,
) -> Result<Report, DiffError> {
    on_large_stack(|| diff_here(old, new, options, Some(schemas)))
}

/// The stack of the thread [`diff`] runs on: 1 GiB of address space.
const DIFF_STACK: usize = 1 << 30;

/// Run `f` on a thread with a [`DIFF_STACK`]-byte stack; on this thread when none can be
/// started (an address-space limit).
fn on_large_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let slot = std::sync::Mutex::new(Some(f));
    let started = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("contracts-diff".into())
            .stack_size(DIFF_STACK)
            .spawn_scoped(scope, || {
                let f = slot.lock().ok().and_then(|mut s| s.take());
                f.map(|f| f())
            });
        match spawned {
            Ok(handle) => match handle.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        }
    });
    match started {
        Some(result) => result,
        None => {
            let f = slot
                .into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("the closure runs once");
            f()
        }
    }
}

fn diff_here(
    old: &Package,
    new: &Package,
    options: &DiffOptions,
    schemas: Option<&SchemaModes>,
) -> Result<Report, DiffError> {
    let mut walker = walk::Walker::new(
        model::Side::new(old, options.format_assertion)?,
        model::Side::new(new, options.format_assertion)?,
        *options,
    )
    .with_schemas(schemas);
    walker.walk_packages()?;
    let mut pending = std::mem::take(&mut walker.pending);
    pending.append(&mut walker.escalated);
    pending.extend(walker.take_undecided());
    let mut findings = witness::finish(&walker, pending);
    invalid_documents(old, new, &mut findings);
    Ok(Report::new(options.mode, options.policy, findings))
}

/// Documents that did not load (`Package::invalid`, a load that kept going): one broken in the
/// new package that loaded in the old one is a `document-invalid` finding instead of
/// `schema-removed`; one broken in the old package is not `schema-added` in the new one; one
/// broken on both sides is not reported.
fn invalid_documents(old: &Package, new: &Package, findings: &mut Vec<Finding>) {
    let broken_old: std::collections::BTreeSet<&str> =
        old.invalid.iter().map(|d| d.name.as_str()).collect();
    let broken_new: std::collections::BTreeSet<&str> =
        new.invalid.iter().map(|d| d.name.as_str()).collect();
    findings.retain(|f| {
        !(f.rule == rules::schema_removed::RULE.id && broken_new.contains(f.schema.as_str())
            || f.rule == rules::schema_added::RULE.id && broken_old.contains(f.schema.as_str()))
    });
    let rule = &rules::document_invalid::RULE;
    for broken in &new.invalid {
        let Some(doc) = old.get(&broken.name) else {
            continue;
        };
        findings.push(Finding {
            rule: rule.id.to_string(),
            bump: Bump::Major,
            effect: rule.effect,
            message: rule.render(&[
                ("schema", &broken.name),
                ("file", &broken.file),
                ("error", &broken.message()),
            ]),
            schema: broken.name.clone(),
            old: Some(doc.location()),
            new: Some(Location::new(broken.file.clone(), String::new())),
            witness: None,
            confidence: Confidence::Heuristic,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{diff_values, package};
    use serde_json::json;

    /// `{"$ref": "#/$defs/d0"}` with `depth` levels of `properties/n` → the next `$def`,
    /// ending in `{"type": leaf}`.
    fn ref_chain(depth: usize, leaf: &str) -> serde_json::Value {
        let mut defs = serde_json::Map::new();
        for i in 0..depth {
            defs.insert(
                format!("d{i}"),
                json!({"properties": {"n": {"$ref": format!("#/$defs/d{}", i + 1)}}}),
            );
        }
        defs.insert(format!("d{depth}"), json!({"type": leaf}));
        json!({"$ref": "#/$defs/d0", "$defs": defs})
    }

    #[test]
    fn a_deep_ref_chain_does_not_overflow_the_stack() {
        // 2,000 levels aborted the process in the proof step (issue 13); the test thread's
        // stack (2 MiB) is smaller still.
        let report = diff_values(
            &ref_chain(2000, "string"),
            &ref_chain(2000, "integer"),
            DiffOptions::default(),
        );
        assert_eq!(report.required_bump, Bump::Major, "{report:?}");
        assert!(report.findings.iter().any(|f| f.rule == "type-changed"));
    }

    fn all_options() -> Vec<DiffOptions> {
        let mut out = Vec::new();
        for mode in [Mode::Backward, Mode::Forward, Mode::Full] {
            for policy in [Policy::Strict, Policy::Lenient] {
                out.push(DiffOptions {
                    mode,
                    policy,
                    format_assertion: false,
                });
            }
        }
        out
    }

    fn samples() -> Vec<serde_json::Value> {
        vec![
            json!(true),
            json!(false),
            json!({}),
            json!({"type": "object", "properties": {"a": {"type": "string", "maxLength": 3}}, "required": ["a"], "additionalProperties": false}),
            json!({"type": ["string", "null"], "enum": ["a", null], "description": "d"}),
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "number", "maximum": 3, "exclusiveMaximum": true}),
            json!({"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 1, "uniqueItems": true}),
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "not": {"const": 3}}),
            json!({"if": {"type": "string"}, "then": {"minLength": 1}, "else": {"type": "integer"}}),
            json!({"properties": {"next": {"properties": {"value": {"type": "integer"}}}}}),
        ]
    }

    #[test]
    fn a_schema_against_itself_has_no_findings() {
        for s in samples() {
            for options in all_options() {
                let report = diff_values(&s, &s, options);
                assert!(report.findings.is_empty(), "{s}: {:#?}", report.findings);
                assert_eq!(report.required_bump, Bump::None);
            }
        }
    }

    #[test]
    fn annotation_only_diff_is_patch() {
        let old = json!({"type": "string", "description": "old"});
        let new = json!({"type": "string", "description": "new", "title": "T"});
        let report = diff_values(&old, &new, DiffOptions::default());
        assert_eq!(report.required_bump, Bump::Patch);
        assert_eq!(report.findings.len(), 2);
        assert!(report
            .findings
            .iter()
            .all(|f| f.confidence == Confidence::Proved));
    }

    #[test]
    fn package_bump_is_the_maximum_of_the_findings() {
        let old = json!({"type": "object", "properties": {"a": {"type": "integer", "maximum": 10}}, "description": "x"});
        let new = json!({"type": "object", "properties": {"a": {"type": "integer", "maximum": 5}, "b": {"type": "string"}}, "description": "y"});
        let report = diff_values(&old, &new, DiffOptions::default());
        let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
        assert!(rules.contains(&"maximum-tightened"), "{rules:?}");
        assert!(rules.contains(&"property-added"), "{rules:?}");
        assert!(rules.contains(&"description-changed"), "{rules:?}");
        assert_eq!(report.required_bump, Bump::Major);
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "maximum-tightened")
            .expect("found");
        assert_eq!(
            f.old.as_ref().map(|l| l.pointer.as_str()),
            Some("/properties/a/maximum")
        );
        assert_eq!(
            f.new.as_ref().map(|l| l.to_string()).as_deref(),
            Some("fixture.json#/properties/a/maximum")
        );
        assert_eq!(f.schema, "fixture");
    }

    #[test]
    fn documents_pair_by_name_then_by_id() {
        let id = "https://example.com/a.json";
        let old = package(&[
            ("a", json!({"$id": id, "type": "string"})),
            ("gone", json!({"type": "integer"})),
        ]);
        let new = package(&[
            (
                "renamed/a",
                json!({"$id": id, "type": "string", "maxLength": 2}),
            ),
            ("fresh", json!({"type": "null"})),
        ]);
        let report = diff(&old, &new, &DiffOptions::default()).expect("diff runs");
        let rules: Vec<(&str, &str)> = report
            .findings
            .iter()
            .map(|f| (f.rule.as_str(), f.schema.as_str()))
            .collect();
        assert!(
            rules.contains(&("max-length-added", "renamed/a")),
            "{rules:?}"
        );
        assert!(rules.contains(&("schema-removed", "gone")), "{rules:?}");
        assert!(rules.contains(&("schema-added", "fresh")), "{rules:?}");
        assert!(
            !rules
                .iter()
                .any(|(r, s)| *r == "schema-removed" && *s == "a"),
            "{rules:?}"
        );
    }

    #[test]
    fn every_emitted_rule_is_registered() {
        for r in rules::rules() {
            for (old, new) in [
                (r.example.old, r.example.new),
                (r.lookalike.old, r.lookalike.new),
            ] {
                for options in all_options() {
                    let report = testkit::diff_texts(old, new, options);
                    for f in &report.findings {
                        assert!(
                            rules::by_id(&f.rule).is_some(),
                            "unregistered rule {}",
                            f.rule
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn strict_policy_never_reports_lenient_only_verdicts() {
        let old = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        let new = json!({"type": "object"});
        let lenient = diff_values(&old, &new, DiffOptions::default());
        assert_eq!(lenient.findings[0].rule, "property-removed");
        assert_eq!(lenient.required_bump, Bump::Major);
        let strict = diff_values(&old, &new, testkit::strict(Mode::Backward));
        assert_eq!(strict.findings[0].rule, "property-removed-open-model");
        assert_eq!(strict.required_bump, Bump::Minor);
    }
}

#[cfg(test)]
mod witness_tests {
    use super::*;
    use crate::testkit::{diff_values, package};
    use contracts_core::validate::ValidatorOptions;
    use serde_json::{json, Value};

    /// Check a report's witnesses with the core validator, independently of the search.
    fn check_witnesses(old: &Package, new: &Package, report: &Report) -> (usize, usize) {
        check_witnesses_with(old, new, report, false)
    }

    fn check_witnesses_with(
        old: &Package,
        new: &Package,
        report: &Report,
        format_assertion: bool,
    ) -> (usize, usize) {
        let (mut majors, mut proved) = (0, 0);
        for f in &report.findings {
            if f.bump != Bump::Major {
                continue;
            }
            majors += 1;
            let Some(w) = &f.witness else { continue };
            assert_eq!(f.confidence, Confidence::Proved);
            proved += 1;
            // The witness names the document roots it is an instance of; each is the root of
            // a document (not a subschema), on the side that has the schema.
            let validate = |pkg: &Package, root: &Option<Location>| -> Option<bool> {
                let root = root.as_ref()?;
                let doc = pkg
                    .by_location(root)
                    .expect("the witness root is in the package");
                assert_eq!(
                    doc.pointer, root.pointer,
                    "{}: root {root} is a document root",
                    f.rule
                );
                let v = pkg
                    .validator(root, ValidatorOptions { format_assertion })
                    .ok()?;
                Some(v.is_valid(&w.instance))
            };
            let valid_root = match w.valid_in {
                WitnessSide::Old => &w.old_root,
                WitnessSide::New => &w.new_root,
            };
            assert!(
                valid_root.is_some(),
                "{}: the accepting side names its root",
                f.rule
            );
            let (in_old, in_new) = (validate(old, &w.old_root), validate(new, &w.new_root));
            match w.valid_in {
                WitnessSide::Old => {
                    assert_eq!(
                        in_old,
                        Some(true),
                        "{}: witness {} not valid in old",
                        f.rule,
                        w.instance
                    );
                    assert_ne!(
                        in_new,
                        Some(true),
                        "{}: witness {} valid in new",
                        f.rule,
                        w.instance
                    );
                }
                WitnessSide::New => {
                    assert_eq!(
                        in_new,
                        Some(true),
                        "{}: witness {} not valid in new",
                        f.rule,
                        w.instance
                    );
                    assert_ne!(
                        in_old,
                        Some(true),
                        "{}: witness {} valid in old",
                        f.rule,
                        w.instance
                    );
                }
            }
        }
        (majors, proved)
    }

    #[test]
    fn every_rule_example_has_a_checked_witness_when_major() {
        let (mut majors, mut proved) = (0, 0);
        let mut missing = Vec::new();
        for r in rules::rules() {
            let ex = r.example;
            let old = testkit::fixture_package(ex.old);
            let new = testkit::fixture_package(ex.new);
            let options = DiffOptions {
                mode: Mode::Full,
                policy: ex.policy,
                format_assertion: ex.format_assertion,
            };
            let report = diff(&old, &new, &options).expect("diff runs");
            let (m, p) = check_witnesses_with(&old, &new, &report, ex.format_assertion);
            majors += m;
            proved += p;
            for f in &report.findings {
                // A removed definition breaks referrers, not instances, a document that does
                // not load accepts nothing to compare, and an undecided walk names no change:
                // no witness by design.
                let instance_level = !["definition-removed", "document-invalid", "undecided"]
                    .contains(&f.rule.as_str());
                if f.rule == r.id && f.bump == Bump::Major && f.witness.is_none() && instance_level
                {
                    missing.push(r.id);
                }
            }
        }
        eprintln!("rule examples: {proved}/{majors} MAJOR findings have a checked witness; missing: {missing:?}");
        assert!(majors > 0);
        assert!(
            missing.is_empty(),
            "rules whose example has no witness: {missing:?}"
        );
    }

    #[test]
    fn the_diff_reuses_the_registry_each_load_built() {
        let load = |maximum: u64| {
            Package::from_documents(
                "side",
                None,
                vec![
                    (
                        "a".into(),
                        json!({"type": "object",
                               "properties": {"n": {"$ref": "b.json#/$defs/n"}}}),
                    ),
                    (
                        "b".into(),
                        json!({"$defs": {"n": {"type": "integer", "maximum": maximum}}}),
                    ),
                ],
                &contracts_core::LoadOptions::default(),
            )
            .expect("loads")
        };
        let (old, new) = (load(5), load(3));
        assert_eq!((old.registry.built(), new.registry.built()), (1, 1));
        let report = diff(&old, &new, &DiffOptions::default()).expect("diff runs");
        // The walk resolved `$ref`s on both sides and the witness search validated on both.
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "maximum-tightened")
            .expect("maximum-tightened");
        assert!(f.witness.is_some(), "no witness: {f:?}");
        assert_eq!(
            (old.registry.built(), new.registry.built()),
            (1, 1),
            "the diff built a registry of its own"
        );
    }

    #[test]
    fn witness_is_embedded_at_the_instance_path() {
        let old = json!({
            "$defs": {"payload": {"type": "object", "required": ["percent"], "properties": {"percent": {"type": "integer", "maximum": 100}}}},
            "type": "object",
            "required": ["type", "payload"],
            "properties": {"type": {"const": "import.progress"}, "payload": {"$ref": "#/$defs/payload"}},
            "additionalProperties": false
        });
        let mut new = old.clone();
        new["$defs"]["payload"]["properties"]["percent"]["maximum"] = json!(50);
        let report = diff_values(&old, &new, DiffOptions::default());
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "maximum-tightened")
            .expect("found");
        assert_eq!(
            f.old.as_ref().map(|l| l.pointer.as_str()),
            Some("/$defs/payload/properties/percent/maximum")
        );
        let w = f.witness.as_ref().expect("witness");
        assert_eq!(w.valid_in, WitnessSide::Old);
        assert_eq!(w.instance["type"], json!("import.progress"));
        let percent = w.instance["payload"]["percent"].as_f64().expect("a number");
        assert!(percent > 50.0 && percent <= 100.0, "{}", w.instance);
        let o = package(&[("fixture", old)]);
        let n = package(&[("fixture", new)]);
        check_witnesses(&o, &n, &report);
    }

    #[test]
    fn witness_names_the_document_roots_it_is_an_instance_of() {
        // The change is in `payload.json`'s definition, which only the envelope reaches: the
        // finding is located there, but the witness is an envelope.
        let envelope = json!({
            "type": "object",
            "required": ["type", "payload"],
            "properties": {"type": {"const": "import.progress"}, "payload": {"$ref": "payload.json#/$defs/progress"}}
        });
        let payload = |maximum: u32| json!({"$defs": {"progress": {"type": "object", "properties": {"percent": {"type": "integer", "maximum": maximum}}}}});
        let old = testkit::package(&[("envelope", envelope.clone()), ("payload", payload(100))]);
        let new = testkit::package(&[("envelope", envelope), ("payload", payload(50))]);
        let report = diff(&old, &new, &DiffOptions::default()).expect("diff runs");
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "maximum-tightened" && f.witness.is_some())
            .expect("a maximum-tightened finding with a witness");
        assert_eq!(
            f.old.as_ref().map(|l| l.file.as_str()),
            Some("payload.json")
        );
        let w = f.witness.as_ref().expect("witness");
        let envelope_root = Some(Location::new("envelope.json", ""));
        assert_eq!((&w.old_root, &w.new_root), (&envelope_root, &envelope_root));
        assert_eq!(w.instance["type"], json!("import.progress"));
        check_witnesses(&old, &new, &report);
    }

    #[test]
    fn enum_split_into_a_one_of_of_single_values_removes_nothing() {
        // As @octokit/openapi 23 rewrote `budget_type`: the union of the branches is the old
        // enum, though each branch alone lacks a value. The cross-file `$ref` keeps the
        // canonical-form proof out of it (it takes local references only).
        let common = json!({"$defs": {"id": {"type": "string"}}});
        let doc = |kind: Value| json!({"type": "object", "properties": {"id": {"$ref": "common.json#/$defs/id"}, "kind": kind}});
        let run = |old: Value, new: Value| {
            let o = testkit::package(&[("common", common.clone()), ("budget", old)]);
            let n = testkit::package(&[("common", common.clone()), ("budget", new)]);
            diff(&o, &n, &DiffOptions::default()).expect("diff runs")
        };
        let old = doc(json!({"type": "string", "enum": ["a", "b"]}));
        let same = doc(json!({"oneOf": [
            {"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["b"]}
        ]}));
        let report = run(old.clone(), same);
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.rule != "enum-value-removed"),
            "{:#?}",
            report.findings
        );
        // A value that the union really lost is still found, with its witness.
        let lost = doc(json!({"oneOf": [
            {"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["c"]}
        ]}));
        let report = run(old, lost);
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "enum-value-removed" && f.message.contains("\"b\""))
            .expect("b is reported removed");
        assert_eq!(
            f.witness.as_ref().map(|w| &w.instance["kind"]),
            Some(&json!("b"))
        );
    }

    #[test]
    fn witnesses_fill_objects_with_many_required_properties() {
        // GitHub's `repository` requires 90 properties; a witness must give every one.
        let names: Vec<String> = (0..100).map(|i| format!("p{i:03}")).collect();
        let doc = |states: Value| {
            let mut properties = serde_json::Map::new();
            for n in &names {
                properties.insert(n.clone(), json!({"type": "string"}));
            }
            properties.insert("state".into(), json!({"enum": states}));
            json!({"type": "object", "required": names, "properties": properties})
        };
        let report = diff_values(
            &doc(json!(["open", "closed"])),
            &doc(json!(["open"])),
            DiffOptions::default(),
        );
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "enum-value-removed")
            .expect("found");
        let w = f
            .witness
            .as_ref()
            .expect("a witness with all 100 required properties");
        assert_eq!(w.instance["state"], json!("closed"));
        assert_eq!(w.instance.as_object().map(|o| o.len()), Some(101));
    }

    /// Diff two versions of `events.json` beside an unchanged `common.json` (whose cross-file
    /// `$ref` keeps the canonical-form proof out, so the walk alone decides).
    fn diff_beside_common(old: Value, new: Value) -> (Package, Package, Report) {
        let common = json!({"$defs": {"id": {"type": "integer"}}});
        let o = testkit::package(&[("common", common.clone()), ("events", old)]);
        let n = testkit::package(&[("common", common), ("events", new)]);
        let report = diff(&o, &n, &DiffOptions::default()).expect("diff runs");
        (o, n, report)
    }

    #[test]
    fn a_new_union_branch_gets_a_witness_through_a_property_only_old_branches_declare() {
        // GitHub's issue events: the old open branch without a distinguishing required
        // property declares `project_card`; a new branch that does not declare it accepts any
        // `project_card`, which no old branch does.
        let labeled = json!({"type": "object", "required": ["id", "label"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "label": {"type": "string"}}});
        let project = json!({"type": "object", "required": ["id"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "project_card": {"type": "object"}}});
        let sub_issue = json!({"type": "object", "required": ["id", "sub_issue"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "sub_issue": {"type": "string"}}});
        let (o, n, report) = diff_beside_common(
            json!({"anyOf": [labeled.clone(), project.clone()]}),
            json!({"anyOf": [labeled, project, sub_issue]}),
        );
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "union-branch-added")
            .expect("found");
        let w = f.witness.as_ref().expect("a witness");
        assert_eq!(w.valid_in, WitnessSide::New);
        assert!(
            w.instance
                .get("project_card")
                .is_some_and(|v| !v.is_object()),
            "{}",
            w.instance
        );
        check_witnesses(&o, &n, &report);
    }

    #[test]
    fn a_new_union_branch_witness_may_need_several_foreign_properties_at_once() {
        // Two old open branches accept the new branch's plain values; each declares a
        // different property, so only a value with both, each of a wrong type, escapes both.
        let project = json!({"type": "object", "required": ["id"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "project_card": {"type": "object"}}});
        let column = json!({"type": "object", "required": ["id"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "column": {"type": "string"}}});
        let blocked = json!({"type": "object", "required": ["id", "blocked_by"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "blocked_by": {"type": "string"}}});
        let (o, n, report) = diff_beside_common(
            json!({"anyOf": [project.clone(), column.clone()]}),
            json!({"anyOf": [project, column, blocked]}),
        );
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "union-branch-added")
            .expect("found");
        let w = f.witness.as_ref().expect("a witness");
        assert!(
            w.instance.get("project_card").is_some() && w.instance.get("column").is_some(),
            "{}",
            w.instance
        );
        check_witnesses(&o, &n, &report);
    }

    #[test]
    fn a_new_union_branch_inside_an_old_open_branch_adds_nothing() {
        // The new branch requires more of the same shape than an old, open branch that
        // declares nothing it does not: every value it accepts, the old union accepted.
        let open = json!({"type": "object", "required": ["id"], "properties": {"id": {"$ref": "common.json#/$defs/id"}}});
        let labeled = json!({"type": "object", "required": ["id", "label"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "label": {"type": "string"}}});
        let narrower = json!({"type": "object", "required": ["id", "sub_issue"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "sub_issue": {"type": "string"}}});
        let (_, _, report) = diff_beside_common(
            json!({"anyOf": [labeled.clone(), open.clone()]}),
            json!({"anyOf": [labeled, open, narrower]}),
        );
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.rule != "union-branch-added"),
            "{:#?}",
            report.findings
        );
        assert_eq!(report.required_bump, Bump::None, "{:#?}", report.findings);
    }

    #[test]
    fn a_plain_schema_inside_one_branch_of_an_overlapping_one_of_keeps_its_values() {
        // jsoncompat's oneof_string_partition_with_extra_union_type: the `oneOf` branches
        // overlap (non-empty strings match both, so the `oneOf` rejects them), but "" matches
        // only the first: every old value is still accepted; numbers are new.
        let old = json!({"type": "string", "maxLength": 0});
        let new = json!({"oneOf": [
            {"type": "string"},
            {"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}
        ]});
        let backward = diff_values(&old, &new, testkit::strict(Mode::Backward));
        assert!(
            backward.required_bump < Bump::Major,
            "{:#?}",
            backward.findings
        );
        let forward = diff_values(&old, &new, testkit::strict(Mode::Forward));
        let f = forward
            .findings
            .iter()
            .find(|f| f.rule == "union-branch-added" && f.bump == Bump::Major)
            .expect("the second branch adds numbers");
        let w = f.witness.as_ref().expect("a witness");
        assert!(w.instance.is_number(), "{}", w.instance);
        // The other way round, the branch is removed; the old `oneOf` had "" and numbers.
        let swapped = diff_values(&new, &old, testkit::strict(Mode::Backward));
        let f = swapped
            .findings
            .iter()
            .find(|f| f.rule == "union-branch-removed")
            .expect("the second branch is removed");
        assert_eq!(f.bump, Bump::Major);
        assert!(f.witness.as_ref().is_some_and(|w| w.instance.is_number()));
        // An object that forbids `p` is apart from a branch that requires it.
        let old = json!({"type": "object", "properties": {"p": false}});
        let new = json!({"oneOf": [
            {"type": "object"},
            {"anyOf": [{"type": "object", "required": ["p"]}, {"type": "string"}]}
        ]});
        let backward = diff_values(&old, &new, testkit::strict(Mode::Backward));
        assert!(
            backward.required_bump < Bump::Major,
            "{:#?}",
            backward.findings
        );
    }

    #[test]
    fn an_overlapping_one_of_covered_by_an_inclusive_union_loses_nothing() {
        // Apicurio's "Complex: oneOf to anyOf 3": each old branch is inside a new one.
        let old = json!({"type": "number", "oneOf": [{"maximum": 100}, {"multipleOf": 6}]});
        let new = json!({"type": "number", "anyOf": [{"maximum": 200}, {"multipleOf": 6}, {"minimum": 20}]});
        let backward = diff_values(&old, &new, testkit::strict(Mode::Backward));
        assert!(
            backward.required_bump < Bump::Major,
            "{:#?}",
            backward.findings
        );
        let forward = diff_values(&old, &new, testkit::strict(Mode::Forward));
        let f = forward
            .findings
            .iter()
            .find(|f| f.rule == "union-became-inclusive")
            .expect("values matching both old branches are now accepted");
        assert_eq!(f.bump, Bump::Major);
        // A value both old branches matched (a multiple of 6 up to 100) or one only the new
        // branches accept.
        let w = f.witness.as_ref().expect("a witness");
        assert_eq!(w.valid_in, WitnessSide::New);
        // Not covered: the old branch `multipleOf: 6` is in no new branch.
        let narrower = json!({"type": "number", "anyOf": [{"maximum": 200}, {"minimum": 20}]});
        let report = diff_values(&old, &narrower, testkit::strict(Mode::Backward));
        assert!(report
            .findings
            .iter()
            .all(|f| f.rule != "union-became-inclusive"));
    }

    #[test]
    fn a_changed_overlapping_one_of_gets_a_witness_from_the_change_inside_it() {
        // GitHub's `copilot-seat-details.assigning_team`: a `oneOf` of two open object
        // branches that overlap; a property deep inside one branch changed type.
        let doc = |status: Value| {
            json!({"type": "object", "required": ["team"], "properties": {"team": {"oneOf": [
                {"type": "object", "required": ["id", "slug"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "slug": {"type": "string"}, "settings": {"type": "object", "required": ["notifications"], "properties": {"notifications": status}}}},
                {"type": "object", "required": ["id", "enterprise"], "properties": {"id": {"$ref": "common.json#/$defs/id"}, "enterprise": {"type": "string"}}}
            ]}}})
        };
        let (o, n, report) = diff_beside_common(
            doc(json!({"type": "string", "enum": ["on", "off"]})),
            doc(json!({"type": "boolean"})),
        );
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "one-of-changed")
            .expect("found");
        let w = f
            .witness
            .as_ref()
            .expect("a witness from the change inside the oneOf");
        assert!(
            w.instance["team"]["settings"]["notifications"].is_string()
                || w.instance["team"]["settings"]["notifications"].is_boolean(),
            "{}",
            w.instance
        );
        check_witnesses(&o, &n, &report);
    }

    #[test]
    fn a_change_in_a_definition_is_one_finding_whichever_walk_reaches_it() {
        // Kubernetes' layout: `_definitions.json` holds the definitions, a list document
        // `$ref`s one of them. The change is found by the definition's own walk and through the
        // list's reference: one finding, with a witness that is an instance of the list.
        let defs = |required: Option<Value>| {
            let mut item = json!({"type": "object", "properties": {"a": {"type": "string"}}});
            if let Some(r) = required {
                item["required"] = r;
            }
            json!({"$defs": {"item": item}})
        };
        let list = json!({"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "defs.json#/$defs/item"}}}});
        let o = testkit::package(&[("defs", defs(None)), ("list", list.clone())]);
        let n = testkit::package(&[("defs", defs(Some(json!(["a"])))), ("list", list)]);
        let report = diff(&o, &n, &DiffOptions::default()).expect("diff runs");
        let found: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.rule == "required-added")
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        let w = found[0].witness.as_ref().expect("a witness");
        assert_eq!(w.old_root, Some(Location::new("list.json", "")));
        assert!(w.instance["items"].is_array(), "{}", w.instance);
        check_witnesses(&o, &n, &report);
    }

    #[test]
    fn witnesses_follow_the_mode() {
        let old = json!({"type": "integer"});
        let new = json!({"type": "number"});
        let forward = diff_values(
            &old,
            &new,
            DiffOptions {
                mode: Mode::Forward,
                ..DiffOptions::default()
            },
        );
        let f = &forward.findings[0];
        let w = f.witness.as_ref().expect("widening has a new-side witness");
        assert_eq!(w.valid_in, WitnessSide::New);
        assert!(!crate::util::is_integer(
            w.instance.as_number().expect("number")
        ));
        let backward = diff_values(
            &old,
            &new,
            DiffOptions {
                mode: Mode::Backward,
                ..DiffOptions::default()
            },
        );
        assert!(
            backward.findings[0].witness.is_none(),
            "MINOR findings carry no witness"
        );
        let _: &Value = &w.instance;
    }
}

#[cfg(test)]
mod combinator_tests {
    use super::*;
    use crate::testkit::diff_values;
    use serde_json::{json, Value};

    fn strict(mode: Mode) -> DiffOptions {
        DiffOptions {
            mode,
            policy: Policy::Strict,
            format_assertion: false,
        }
    }

    fn effects(old: &Value, new: &Value) -> Vec<(String, Effect)> {
        diff_values(old, new, strict(Mode::Full))
            .findings
            .iter()
            .filter(|f| f.effect != Effect::Annotation)
            .map(|f| (f.rule.clone(), f.effect))
            .collect()
    }

    #[test]
    fn any_of_of_types_equals_a_type_array() {
        let a = json!({"anyOf": [{"type": "string"}, {"type": "integer"}]});
        let b = json!({"type": ["string", "integer"]});
        assert_eq!(effects(&a, &b), vec![]);
        assert_eq!(effects(&b, &a), vec![]);
    }

    #[test]
    fn reordered_branches_are_no_change() {
        let a = json!({"oneOf": [{"type": "string", "maxLength": 3}, {"type": "object", "required": ["x"]}]});
        let b = json!({"oneOf": [{"type": "object", "required": ["x"]}, {"type": "string", "maxLength": 3}]});
        assert_eq!(effects(&a, &b), vec![]);
    }

    #[test]
    fn a_schema_replaced_by_a_one_of_containing_it_widens() {
        let old =
            json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]});
        let new = json!({"oneOf": [old.clone(), {"type": "null"}]});
        let found = effects(&old, &new);
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|(_, e)| *e == Effect::Widened),
            "{found:?}"
        );
        let back = diff_values(&old, &new, testkit::strict(Mode::Backward));
        assert_ne!(back.required_bump, Bump::Major);
        let fwd = diff_values(&old, &new, testkit::strict(Mode::Forward));
        let f = fwd
            .findings
            .iter()
            .find(|f| f.bump == Bump::Major)
            .expect("major forward");
        assert_eq!(f.witness.as_ref().map(|w| &w.instance), Some(&json!(null)));
    }

    #[test]
    fn all_of_to_any_of_only_widens() {
        let a =
            json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]});
        let b =
            json!({"type": "object", "properties": {"b": {"type": "integer"}}, "required": ["b"]});
        let old = json!({"allOf": [a.clone(), b.clone()]});
        let new = json!({"anyOf": [a, b]});
        let found = effects(&old, &new);
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|(_, e)| *e == Effect::Widened),
            "{found:?}"
        );
    }

    #[test]
    fn a_narrowed_branch_narrows_the_union() {
        let old = json!({"anyOf": [{"type": "string"}, {"type": "integer", "maximum": 10}]});
        let new = json!({"anyOf": [{"type": "integer", "maximum": 5}, {"type": "string"}]});
        let report = diff_values(&old, &new, testkit::strict(Mode::Backward));
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "maximum-tightened")
            .expect("found");
        assert_eq!(
            f.old.as_ref().map(|l| l.pointer.as_str()),
            Some("/anyOf/1/maximum")
        );
        assert_eq!(
            f.new.as_ref().map(|l| l.pointer.as_str()),
            Some("/anyOf/0/maximum")
        );
        let w = f.witness.as_ref().expect("witness");
        assert!(
            w.instance.as_f64().is_some_and(|x| x > 5.0 && x <= 10.0),
            "{}",
            w.instance
        );
    }
}
