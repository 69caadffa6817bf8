//! Real input on the breadth of published schemas: the SchemaStore corpus (issue 8), 744
//! consecutive published versions of 377 schemas (`schemastore/pairs/<name>__<i>/{old,new}`)
//! and the catalogue at two revisions as two packages (`schemastore/catalogue/{old,new}`).
//!
//! The corpora come from `cargo xtask corpora` (`.ci/run` runs it first) into
//! `$CONTRACTS_CORPORA` or `<workspace>/target/corpora`. When they are missing these tests
//! fail, saying so; they never pass without having run.

use std::path::{Path, PathBuf};

use contracts_core::{LoadError, LoadOptions, Package, Source};
use contracts_tests::corpora_dir;

fn schemastore() -> PathBuf {
    let dir = corpora_dir().join("schemastore");
    assert!(
        dir.join("pairs").is_dir() && dir.join("catalogue").is_dir(),
        "{} is missing: re-run `cargo xtask corpora`",
        dir.display()
    );
    dir
}

/// The folders of `schemastore/pairs`, in name order.
fn published_pairs(root: &Path) -> Vec<PathBuf> {
    let mut pairs: Vec<PathBuf> = std::fs::read_dir(root.join("pairs"))
        .expect("pairs")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    pairs.sort();
    pairs
}

fn load(dir: &Path, options: &LoadOptions) -> Result<Package, LoadError> {
    Package::load(&Source::Dir(dir.into()), options)
}

/// Whether every error is a `$ref` to a URI outside the package that the message names, with
/// the way to supply it.
fn only_outside_refs(error: &LoadError) -> bool {
    error.flatten().iter().all(|e| match e {
        LoadError::UnresolvableRef { message, .. } => message.contains("--ref-dir"),
        _ => false,
    })
}

/// Packages whose `$ref` into a sibling file still fails with the catalogue as `--ref-dir`,
/// with the reason; each must still fail that way (the test checks).
const VERSION_SKEW: &[(&str, &str)] = &[
    (
        "web-manifest-app-info__0/old",
        "refers to web-manifest.json#/definitions/localized_text_map, which the catalogue's newer web-manifest.json no longer has",
    ),
    (
        "web-manifest-app-info__1/new",
        "refers to web-manifest.json#/definitions/localized_text_map, which the catalogue's newer web-manifest.json no longer has",
    ),
];

/// How one side of a pair loaded.
enum Outcome {
    Loaded,
    /// Needs outside documents; with the catalogue as `--ref-dir`: `Ok`, or the error.
    Outside(Result<(), String>),
    Failed(String),
}

fn outcome(dir: &Path, with_catalogue: &LoadOptions) -> Outcome {
    match load(dir, &LoadOptions::default()) {
        Ok(_) => Outcome::Loaded,
        Err(e) if only_outside_refs(&e) => Outcome::Outside(match load(dir, with_catalogue) {
            Err(e) if !only_outside_refs(&e) => Err(e.to_string()),
            _ => Ok(()),
        }),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

#[test]
fn every_published_pair_loads_or_names_the_outside_reference() {
    let root = schemastore();
    let catalogue = root.join("catalogue/new");
    let with_catalogue = LoadOptions {
        ref_dirs: vec![catalogue],
        ..LoadOptions::default()
    };
    let mut sides: Vec<(String, PathBuf)> = Vec::new();
    let pairs = published_pairs(&root);
    assert!(pairs.len() > 700, "{} pairs", pairs.len());
    for pair in &pairs {
        let name = pair.file_name().and_then(|n| n.to_str()).expect("a name");
        for side in ["old", "new"] {
            sides.push((format!("{name}/{side}"), pair.join(side)));
        }
    }
    // Both cores: the sides are independent.
    let outcomes: Vec<(String, Outcome)> = std::thread::scope(|scope| {
        let half = sides.len() / 2;
        let (a, b) = sides.split_at(half);
        let run = |chunk: &[(String, PathBuf)]| {
            chunk
                .iter()
                .map(|(label, dir)| (label.clone(), outcome(dir, &with_catalogue)))
                .collect::<Vec<_>>()
        };
        let first = scope.spawn(move || run(a));
        let mut second = run(b);
        let mut all = first.join().expect("the loading thread");
        all.append(&mut second);
        all
    });
    let (mut loaded, mut outside, mut failures) = (0, 0, Vec::new());
    let mut skew_seen = vec![false; VERSION_SKEW.len()];
    for (label, o) in &outcomes {
        match o {
            Outcome::Loaded => loaded += 1,
            Outcome::Outside(with) => {
                outside += 1;
                if let Err(e) = with {
                    match VERSION_SKEW.iter().position(|(l, _)| l == label) {
                        Some(k) if e.contains("cannot resolve $ref") => skew_seen[k] = true,
                        _ => failures.push(format!("{label} (--ref-dir): {e}")),
                    }
                }
            }
            Outcome::Failed(e) => failures.push(format!("{label}: {e}")),
        }
    }
    for (k, seen) in skew_seen.iter().enumerate() {
        if !seen {
            failures.push(format!(
                "{}: listed in VERSION_SKEW but now loads with --ref-dir: remove it",
                VERSION_SKEW[k].0
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} packages do not load ({loaded} load, {outside} need outside documents):\n{}",
        failures.len(),
        sides.len(),
        failures.join("\n")
    );
}

#[test]
fn the_catalogue_lists_every_error_or_keeps_going() {
    let root = schemastore();
    for side in ["old", "new"] {
        let dir = root.join("catalogue").join(side);
        let keep_going = LoadOptions {
            keep_going: true,
            ..LoadOptions::default()
        };
        let package = load(&dir, &keep_going).unwrap_or_else(|e| panic!("{side} keeps going: {e}"));
        assert!(
            package.documents.len() > 300,
            "{side}: {}",
            package.documents.len()
        );
        // Each invalid document is listed once.
        let mut names: Vec<&str> = package.invalid.iter().map(|d| d.name.as_str()).collect();
        let listed = names.len();
        names.dedup();
        assert_eq!(names.len(), listed, "{side}: listed twice");
        // Without keep-going, the load fails with every one of them.
        match load(&dir, &LoadOptions::default()) {
            Ok(_) => assert!(package.invalid.is_empty(), "{side}"),
            Err(e) => {
                let files: std::collections::BTreeSet<&str> =
                    e.flatten().iter().filter_map(|e| e.file()).collect();
                for invalid in &package.invalid {
                    assert!(
                        files.contains(invalid.file.as_str())
                            || invalid.errors.iter().all(|e| matches!(
                                e,
                                LoadError::UnresolvableRef { message, .. }
                                    if message.contains("did not load")
                            )),
                        "{side}: {} is not in the error list",
                        invalid.file
                    );
                }
            }
        }
    }
}

/// The catalogue diffed as two packages by the binary, as a user runs it (issue 8): with
/// `--keep-going` it exits 0, lists each document that does not load once on stderr (one line
/// even when it is broken in both packages) and diffs the rest; a document that loaded in the
/// old package and not in the new one is a `document-invalid` finding. Without `--keep-going`
/// it exits 2 and names every broken document of both packages.
#[test]
fn the_catalogue_diffs_with_keep_going() {
    let root = schemastore();
    let (old, new) = (root.join("catalogue/old"), root.join("catalogue/new"));
    let keep_going = LoadOptions {
        keep_going: true,
        ..LoadOptions::default()
    };
    let old_package = load(&old, &keep_going).expect("old keeps going");
    let new_package = load(&new, &keep_going).expect("new keeps going");
    let broken: std::collections::BTreeSet<&str> = old_package
        .invalid
        .iter()
        .chain(&new_package.invalid)
        .map(|d| d.file.as_str())
        .collect();
    assert!(!broken.is_empty(), "the catalogue has broken documents");

    let output = contracts_tests::contracts()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .args(["--keep-going", "--format", "json"])
        .output()
        .expect("run contracts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "stderr:\n{stderr}");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("does not load, left out of the diff"))
        .collect();
    for file in &broken {
        let naming = lines
            .iter()
            .filter(|l| l.contains(&format!(" {file} does not load")))
            .count();
        assert_eq!(naming, 1, "{file} is listed {naming} times:\n{stderr}");
    }
    assert_eq!(lines.len(), broken.len(), "{stderr}");

    let report = contracts_tests::json(&output.stdout);
    let findings = report["findings"].as_array().expect("findings");
    assert!(findings.len() > 100, "{} findings", findings.len());
    // Every document that loaded in OLD and not in NEW is one document-invalid finding.
    let regressed: std::collections::BTreeSet<&str> = new_package
        .invalid
        .iter()
        .filter(|d| old_package.documents.contains_key(&d.name))
        .map(|d| d.name.as_str())
        .collect();
    let reported: std::collections::BTreeSet<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "document-invalid")
        .filter_map(|f| f["schema"].as_str())
        .collect();
    assert_eq!(reported, regressed);

    let output = contracts_tests::contracts()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .expect("run contracts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{stderr}");
    // Each root cause is named; a document broken only by a `$ref` into another broken one
    // follows from that one's error, as a compiler reports.
    for invalid in old_package.invalid.iter().chain(&new_package.invalid) {
        let consequential = invalid.errors.iter().all(|e| {
            matches!(e, LoadError::UnresolvableRef { message, .. } if message.contains("did not load"))
        });
        let file = &invalid.file;
        assert!(
            consequential
                || stderr.contains(&format!("error: {file}#"))
                || stderr.contains(&format!("error: {file}:")),
            "{file} is not named:\n{stderr}"
        );
    }
}

/// Every published pair whose two sides load (alone, or with the catalogue as `--ref-dir` when
/// they refer to sibling schemas) diffs (issue 8): the diff returns a report, never an error.
#[test]
fn every_published_pair_diffs() {
    let root = schemastore();
    let with_catalogue = LoadOptions {
        ref_dirs: vec![root.join("catalogue/new")],
        ..LoadOptions::default()
    };
    let pairs = published_pairs(&root);
    // A side that loads, alone or with the catalogue; else its error, which must be a `$ref`
    // outside both that names the URI.
    let side = |dir: &Path| -> Result<Package, LoadError> {
        load(dir, &LoadOptions::default()).or_else(|_| load(dir, &with_catalogue))
    };
    let run = |chunk: &[PathBuf]| -> (usize, usize, Vec<String>) {
        let (mut diffed, mut outside, mut failures) = (0, 0, Vec::new());
        for pair in chunk {
            let name = pair.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let (old, new) = match (side(&pair.join("old")), side(&pair.join("new"))) {
                (Ok(old), Ok(new)) => (old, new),
                (Err(e), _) | (_, Err(e)) => {
                    let skew = VERSION_SKEW
                        .iter()
                        .any(|(l, _)| l.starts_with(&format!("{name}/")));
                    if only_outside_refs(&e) || skew {
                        outside += 1;
                    } else {
                        failures.push(format!("{name}: {e}"));
                    }
                    continue;
                }
            };
            match contracts_diff::diff(&old, &new, &contracts_diff::DiffOptions::default()) {
                Ok(_) => diffed += 1,
                Err(e) => failures.push(format!("{name}: {e}")),
            }
        }
        (diffed, outside, failures)
    };
    let (diffed, outside, failures) = std::thread::scope(|scope| {
        let (a, b) = pairs.split_at(pairs.len() / 2);
        let first = scope.spawn(|| run(a));
        let (d2, o2, mut f2) = run(b);
        let (d1, o1, mut f1) = first.join().expect("the diffing thread");
        f1.append(&mut f2);
        (d1 + d2, o1 + o2, f1)
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(diffed + outside, pairs.len());
    // Measured when this was written: 663 pairs diff, 81 need a document outside the catalogue.
    assert!(diffed > 600, "{diffed} of {} pairs diffed", pairs.len());
}
