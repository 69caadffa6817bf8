//! One harness per input surface a pull request controls (issue 13): each takes arbitrary bytes
//! and runs what `contracts` runs on them. A harness never panics on any input; a panic, an
//! abort or a run that does not end is a finding.
//!
//! Shared by `cargo xtask fuzz` (stable, a mutating runner: `fuzz.rs`) and the cargo-fuzz
//! targets in `fuzz/fuzz_targets/` (nightly, libFuzzer), which include this file by path.

use std::path::Path;

use contracts_core::{LoadOptions, Package, Source};
use contracts_diff::DiffOptions;

/// A harness: runs what `contracts` runs on one input.
pub type Harness = fn(&[u8]);

/// The input surfaces, by target name.
pub const TARGETS: &[(&str, Harness)] = &[
    ("schema_document", schema_document),
    ("package_folder", package_folder),
    ("package_tarball", package_tarball),
    ("contracts_toml", contracts_toml),
    ("payload", payload),
];

/// The largest file a harness lets loading read (a fuzzer's input is small; the limit keeps a
/// decompressed tarball small too).
const MAX_INPUT: u64 = 1 << 20;

fn options() -> LoadOptions {
    LoadOptions {
        max_input_size: MAX_INPUT,
        ..LoadOptions::default()
    }
}

fn tempdir() -> Option<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix("contracts-fuzz-")
        .tempdir()
        .ok()
}

/// Load `source`; when it loads, diff it with itself and with a small fixed package.
fn load_and_diff(source: &Source, dir: &Path) {
    let Ok(package) = Package::load(source, &options()) else {
        return;
    };
    let _ = contracts_diff::diff(&package, &package, &DiffOptions::default());
    let base = dir.join("base");
    if std::fs::create_dir_all(&base).is_ok()
        && std::fs::write(
            base.join("s.json"),
            r#"{"type": "object", "properties": {"n": {"type": "integer", "maximum": 9}}}"#,
        )
        .is_ok()
    {
        if let Ok(base) = Package::load(&Source::Dir(base), &options()) {
            let _ = contracts_diff::diff(&base, &package, &DiffOptions::default());
        }
    }
}

/// A schema document's text: the first byte picks JSON (even) or YAML (odd), the rest is the
/// file `s.json`/`s.yaml` of a one-file package, loaded and diffed.
pub fn schema_document(data: &[u8]) {
    let Some((&kind, text)) = data.split_first() else {
        return;
    };
    let Some(dir) = tempdir() else { return };
    let pkg = dir.path().join("pkg");
    let name = if kind % 2 == 0 { "s.json" } else { "s.yaml" };
    if std::fs::create_dir_all(&pkg).is_err() || std::fs::write(pkg.join(name), text).is_err() {
        return;
    }
    load_and_diff(&Source::Dir(pkg), dir.path());
}

/// A package folder, given as an uncompressed tar of its files (only plain relative paths are
/// written), loaded and diffed.
pub fn package_folder(data: &[u8]) {
    let Some(dir) = tempdir() else { return };
    let pkg = dir.path().join("pkg");
    if std::fs::create_dir_all(&pkg).is_err() {
        return;
    }
    let mut archive = tar::Archive::new(data);
    let Ok(entries) = archive.entries() else {
        return;
    };
    for (n, entry) in entries.enumerate() {
        let Ok(mut entry) = entry else { break };
        if n >= 64 || !entry.header().entry_type().is_file() || entry.size() > MAX_INPUT {
            break;
        }
        let Ok(path) = entry.path().map(|p| p.into_owned()) else {
            continue;
        };
        let plain = path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !plain {
            continue;
        }
        let target = pkg.join(&path);
        if let Some(parent) = target.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let mut bytes = Vec::new();
        if std::io::Read::read_to_end(&mut entry, &mut bytes).is_err() {
            break;
        }
        let _ = std::fs::write(target, bytes);
    }
    load_and_diff(&Source::Dir(pkg), dir.path());
}

/// An npm tarball's bytes (`.tgz`), loaded and diffed.
pub fn package_tarball(data: &[u8]) {
    let Some(dir) = tempdir() else { return };
    let path = dir.path().join("p-1.0.0.tgz");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    load_and_diff(&Source::Tarball(path), dir.path());
}

/// A `contracts.toml`: parsed as the gate configuration, its per-schema options looked up, and
/// as the manifest of a one-schema package.
pub fn contracts_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = contracts_diff::config::Config::parse(text, "contracts.toml") {
        for name in ["events/a", "s", ""] {
            let _ = config.options_for(name, Default::default(), Default::default());
        }
        let mut options = options();
        config.load.apply(&mut options);
    }
    let Some(dir) = tempdir() else { return };
    let pkg = dir.path().join("pkg");
    if std::fs::create_dir_all(&pkg).is_ok()
        && std::fs::write(pkg.join("contracts.toml"), data).is_ok()
        && std::fs::write(pkg.join("s.json"), r#"{"type": "string"}"#).is_ok()
    {
        let _ = Package::load(&Source::Dir(pkg), &options());
    }
}

/// A payload's text: each JSON value of it (the whole text, else each line) validated
/// against a small package that uses `$ref`, `pattern`, bounds and `format`.
pub fn payload(data: &[u8]) {
    let Some(dir) = tempdir() else { return };
    let pkg = dir.path().join("pkg");
    let schema = r##"{
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {
            "n": {"type": "integer", "maximum": 18446744073709551617, "multipleOf": 3},
            "s": {"type": "string", "pattern": "^(a+)+b$", "format": "date-time"},
            "l": {"type": "array", "items": {"$ref": "#"}, "uniqueItems": true},
            "e": {"enum": [1, "x", null, {"k": [true]}]}
        },
        "patternProperties": {"^x-": {"$ref": "#/$defs/any"}},
        "additionalProperties": {"$ref": "#"},
        "$defs": {"any": {"anyOf": [{"type": "number"}, {"$ref": "#"}]}}
    }"##;
    if std::fs::create_dir_all(&pkg).is_err() || std::fs::write(pkg.join("s.json"), schema).is_err()
    {
        return;
    }
    let Ok(package) = Package::load(&Source::Dir(pkg), &options()) else {
        return;
    };
    let Some(doc) = package.get("s") else { return };
    for format_assertion in [false, true] {
        let options = contracts_core::validate::ValidatorOptions { format_assertion };
        let Ok(validator) = package.validator(&doc.location(), options) else {
            return;
        };
        let values: Vec<serde_json::Value> = match serde_json::from_slice(data) {
            Ok(value) => vec![value],
            Err(_) => data
                .split(|b| *b == b'\n')
                .filter_map(|line| serde_json::from_slice(line).ok())
                .collect(),
        };
        for value in &values {
            let _ = validator.issues(value);
        }
    }
}
