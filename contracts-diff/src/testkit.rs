//! Building packages by hand, for tests and fixtures: no files, no loader.
//!
//! [`package`] makes a [`Package`] from `(name, JSON)` pairs the way the loader would: file
//! `<name>.json`, root pointer `""`, base URI from an absolute root `$id` (`id` in draft 4) or
//! `contracts:///<file>`, draft from `$schema` (2020-12 when absent).

use std::collections::BTreeMap;

use contracts_core::{Draft, Package, SchemaDocument};
use serde_json::Value;

#[cfg(test)]
use crate::rules::Rule;
#[cfg(test)]
use crate::{diff, DiffOptions, Finding, Mode, Report};

/// A package of the given documents (see the module docs), version `1.0.0`.
pub fn package(documents: &[(&str, Value)]) -> Package {
    let mut map = BTreeMap::new();
    for (name, value) in documents {
        let draft = value
            .get("$schema")
            .and_then(Value::as_str)
            .and_then(Draft::from_uri)
            .unwrap_or(Draft::Draft202012);
        let file = format!("{name}.json");
        let id = value.get(draft.id_keyword()).and_then(Value::as_str);
        let base_uri = match id {
            Some(id) if id.contains("://") => id.trim_end_matches('#').to_string(),
            _ => format!("contracts:///{file}"),
        };
        let text = serde_json::to_string_pretty(value).unwrap_or_default();
        map.insert(
            name.to_string(),
            SchemaDocument {
                name: name.to_string(),
                file,
                pointer: String::new(),
                base_uri,
                draft,
                value: std::sync::Arc::new(value.clone()),
                text,
                exact_integers: Default::default(),
            },
        );
    }
    Package {
        label: "fixture".into(),
        name: None,
        version: Some(semver::Version::new(1, 0, 0)),
        documents: map,
        external: Default::default(),
        warnings: Vec::new(),
        invalid: Vec::new(),
        registry: Default::default(),
    }
}

#[cfg(test)]
/// A package holding one document named `fixture` parsed from `text`, or none for `""`.
///
/// # Panics
/// When `text` is not JSON (fixtures are literals in this crate).
pub fn fixture_package(text: &str) -> Package {
    if text.trim().is_empty() {
        return package(&[]);
    }
    let value: Value = serde_json::from_str(text).expect("fixture is JSON");
    // A fixture that does not load is an invalid document of its package, as a load that
    // keeps going makes it (the `document-invalid` fixtures).
    let options = contracts_core::LoadOptions {
        keep_going: true,
        ..contracts_core::LoadOptions::default()
    };
    if let Ok(loaded) = Package::from_documents(
        "fixture",
        Some(semver::Version::new(1, 0, 0)),
        vec![("fixture".into(), value.clone())],
        &options,
    ) {
        if !loaded.invalid.is_empty() {
            return Package {
                label: "fixture".into(),
                ..loaded
            };
        }
    }
    package(&[("fixture", value)])
}

#[cfg(test)]
/// Options for `mode` under the strict policy (set semantics), `format` an annotation.
pub fn strict(mode: crate::Mode) -> DiffOptions {
    DiffOptions {
        mode,
        policy: crate::Policy::Strict,
        format_assertion: false,
    }
}

#[cfg(test)]
/// Diff two single-document fixtures.
///
/// # Panics
/// When a fixture is not JSON or the diff fails.
pub fn diff_texts(old: &str, new: &str, options: DiffOptions) -> Report {
    diff(&fixture_package(old), &fixture_package(new), &options).expect("diff runs")
}

#[cfg(test)]
/// Diff two JSON values as single-document packages.
///
/// # Panics
/// When the diff fails.
pub fn diff_values(old: &Value, new: &Value, options: DiffOptions) -> Report {
    let o = package(&[("fixture", old.clone())]);
    let n = package(&[("fixture", new.clone())]);
    diff(&o, &n, &options).expect("diff runs")
}

#[cfg(test)]
fn with_rule<'r>(report: &'r Report, id: &str) -> Vec<&'r Finding> {
    report.findings.iter().filter(|f| f.rule == id).collect()
}

#[cfg(test)]
/// The rule's example fires it, with the example's locations and bumps under every mode.
///
/// # Panics
/// When it does not.
pub fn assert_fires(rule: &Rule) {
    let ex = rule.example;
    for (mode, expected) in [Mode::Backward, Mode::Forward, Mode::Full]
        .into_iter()
        .zip(ex.bumps)
    {
        let options = DiffOptions {
            mode,
            policy: ex.policy,
            format_assertion: ex.format_assertion,
        };
        let report = diff_texts(ex.old, ex.new, options);
        let hits = with_rule(&report, rule.id);
        assert!(
            !hits.is_empty(),
            "{}: example does not fire under {mode:?}; findings: {:#?}",
            rule.id,
            report.findings
        );
        let f = hits
            .iter()
            .find(|f| {
                f.old.as_ref().map(|l| l.pointer.as_str()) == ex.old_pointer
                    && f.new.as_ref().map(|l| l.pointer.as_str()) == ex.new_pointer
            })
            .unwrap_or_else(|| {
                panic!(
                    "{}: no finding at old {:?} / new {:?}; got {:#?}",
                    rule.id, ex.old_pointer, ex.new_pointer, hits
                )
            });
        assert_eq!(f.bump, expected, "{}: bump under {mode:?}", rule.id);
        // Its message is the rule's template with every placeholder filled.
        let names = crate::rules::placeholders(rule.message).expect("well-formed template");
        for name in &names {
            assert!(
                !f.message.contains(&format!("{{{name}}}")),
                "{}: `{{{name}}}` left unfilled in {:?}",
                rule.id,
                f.message
            );
        }
        if names.is_empty() {
            assert_eq!(
                f.message,
                rule.message.replace("{{", "{"),
                "{}: message",
                rule.id
            );
        }
        if let Some(old) = &f.old {
            assert_eq!(old.file, "fixture.json", "{}: old file", rule.id);
        }
        if let Some(new) = &f.new {
            assert_eq!(new.file, "fixture.json", "{}: new file", rule.id);
        }
    }
}

#[cfg(test)]
/// The rule's look-alike does not fire it (under every mode).
///
/// # Panics
/// When it does.
pub fn assert_lookalike(rule: &Rule) {
    let la = rule.lookalike;
    for mode in [Mode::Backward, Mode::Forward, Mode::Full] {
        let options = DiffOptions {
            mode,
            policy: la.policy,
            format_assertion: false,
        };
        let report = diff_texts(la.old, la.new, options);
        let hits = with_rule(&report, rule.id);
        assert!(
            hits.is_empty(),
            "{}: look-alike fires under {mode:?}: {hits:#?}",
            rule.id
        );
    }
}
