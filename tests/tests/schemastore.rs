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

#[test]
fn every_published_pair_loads_or_names_the_outside_reference() {
    let root = schemastore();
    let catalogue = root.join("catalogue/new");
    let with_catalogue = LoadOptions {
        ref_dirs: vec![catalogue],
        ..LoadOptions::default()
    };
    let mut pairs: Vec<PathBuf> = std::fs::read_dir(root.join("pairs"))
        .expect("pairs")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    pairs.sort();
    assert!(pairs.len() > 700, "{} pairs", pairs.len());
    let (mut loaded, mut outside, mut failures) = (0, 0, Vec::new());
    for pair in &pairs {
        for side in ["old", "new"] {
            let dir = pair.join(side);
            match load(&dir, &LoadOptions::default()) {
                Ok(_) => loaded += 1,
                Err(e) if only_outside_refs(&e) => {
                    outside += 1;
                    // With the catalogue as a reference folder, the siblings resolve.
                    if let Err(e) = load(&dir, &with_catalogue) {
                        if !only_outside_refs(&e) {
                            failures.push(format!("{} (--ref-dir): {e}", dir.display()));
                        }
                    }
                }
                Err(e) => failures.push(format!("{}: {e}", dir.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} packages do not load ({loaded} load, {outside} need outside documents):\n{}",
        failures.len(),
        pairs.len() * 2,
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
