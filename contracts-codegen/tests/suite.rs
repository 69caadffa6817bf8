//! Round trip on the JSON-Schema-Test-Suite (draft 2020-12, vendored in the workspace's
//! `tests/suite/`): `tests/suite/generated.rs` (kept fresh by `suite_render.rs`) holds the
//! generated types of every suite schema that generates; it is compiled here, and every valid
//! instance is deserialized into the generated root type and serialized back. The outcome of
//! every case is recorded in `tests/suite/results.txt` and compared with this run
//! (`CONTRACTS_BLESS=1` rewrites it), so any change in what generates or round-trips fails.
//!
//! A round trip may differ from its input only by the documented normalisations (see
//! [`normalised_eq`]: an optional field given as `null`, `[]` or `{}` comes back absent; a
//! field with a `default` comes back filled in). Every schema with an instance that does not
//! round-trip is listed with its cause in `tests/suite/misses.txt` (a two-way list: a miss
//! not listed fails, and so does a listed schema that now round-trips), and no schema
//! generated without warnings ("exact") may change an instance: that is silent data loss.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// A round trip through one generated type.
pub type RoundTrip = fn(&Value) -> Result<Value, String>;

/// One suite schema, as `suite_generated.rs` lists it.
pub struct Case {
    /// Suite file name.
    pub file: &'static str,
    /// Index of the schema in the file.
    pub index: usize,
    /// Warnings (ignored keywords, subschemas mapped to `serde_json::Value`).
    pub warnings: usize,
    /// Whether the root itself fell back to `serde_json::Value`.
    pub root_fallback: bool,
    /// Round trip through the generated root type, or `None` when generation failed.
    pub round_trip: Option<RoundTrip>,
    /// Why generation failed.
    pub error: Option<&'static str>,
}

/// Deserialize into `T` and serialize back.
pub fn rt<T: serde::de::DeserializeOwned + serde::Serialize>(v: &Value) -> Result<Value, String> {
    let t: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&t).map_err(|e| e.to_string())
}

#[allow(
    dead_code,
    unused_imports,
    non_camel_case_types,
    clippy::all,
    missing_docs
)]
mod generated {
    use super::{rt, Case};
    include!("suite/generated.rs");
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/suite/JSON-Schema-Test-Suite/draft2020-12")
}

fn suite_files() -> Vec<(String, Vec<Value>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(suite_dir())
        .expect("the vendored suite is in tests/suite/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let cases: Vec<Value> =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), cases)
        })
        .collect()
}

fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// `back` (a round trip of `input`) equals `input` up to the documented normalisations: an
/// object member of `input` that is `null`, `[]` or `{}` may be absent from `back` (an
/// optional field serialized as absent), and a member of `back` may be absent from `input` (a
/// field's `default` filled in).
fn normalised_eq(input: &Value, back: &Value) -> bool {
    match (input, back) {
        (Value::Object(x), Value::Object(y)) => x.iter().all(|(k, v)| match y.get(k) {
            Some(w) => normalised_eq(v, w),
            None => {
                v.is_null()
                    || v.as_array().is_some_and(Vec::is_empty)
                    || v.as_object().is_some_and(serde_json::Map::is_empty)
            }
        }),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| normalised_eq(a, b))
        }
        _ => json_eq(input, back),
    }
}

/// `tests/suite/misses.txt`: `file#index: cause` per schema with a miss.
fn listed_misses(path: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(path)
        .expect("tests/suite/misses.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (key, cause) = l.split_once(": ").expect("`file#index: cause`");
            (key.to_string(), cause.to_string())
        })
        .collect()
}

fn check_or_bless(path: &Path, actual: &str) -> Option<String> {
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    if std::env::var("CONTRACTS_BLESS").as_deref() == Ok("1") {
        std::fs::write(path, actual).unwrap();
        return None;
    }
    Some(
        similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .header(&path.display().to_string(), "fresh run")
            .to_string(),
    )
}

#[test]
fn suite_generates_and_round_trips() {
    let tests_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    // Round trips through the compiled types (from the committed snapshot).
    let compiled: BTreeMap<(String, usize), &Case> = generated::CASES
        .iter()
        .map(|c| ((c.file.to_string(), c.index), c))
        .collect();
    let mut results = String::new();
    let mut listed = listed_misses(&tests_dir.join("suite/misses.txt"));
    let (mut unlisted, mut silent_loss) = (Vec::new(), Vec::new());
    let (mut schemas, mut generated_count, mut exact) = (0, 0, 0);
    let (mut instances, mut ok, mut exact_instances, mut exact_ok) = (0, 0, 0, 0);
    for (file, cases) in suite_files() {
        for (index, case) in cases.iter().enumerate() {
            schemas += 1;
            let entry = compiled.get(&(file.clone(), index));
            let gen = match entry {
                None => "missing from tests/suite/generated.rs".to_string(),
                Some(Case { error: Some(e), .. }) => format!("not generated: {e}"),
                Some(c) if c.warnings == 0 => "generated exact".to_string(),
                Some(c) if c.root_fallback => {
                    format!("generated as serde_json::Value ({} warnings)", c.warnings)
                }
                Some(c) => format!("generated with {} warnings", c.warnings),
            };
            let mut line = format!("{file}#{index}: {gen}");
            if let Some(rt) = entry.and_then(|c| c.round_trip) {
                generated_count += 1;
                let is_exact = entry.is_some_and(|c| c.warnings == 0);
                exact += usize::from(is_exact);
                let mut failed = Vec::new();
                let mut normalised = Vec::new();
                let mut valid = 0;
                for (t, test) in case["tests"].as_array().unwrap().iter().enumerate() {
                    if test["valid"] != Value::Bool(true) {
                        continue;
                    }
                    valid += 1;
                    instances += 1;
                    exact_instances += usize::from(is_exact);
                    match rt(&test["data"]) {
                        Ok(back) if json_eq(&back, &test["data"]) => {
                            ok += 1;
                            exact_ok += usize::from(is_exact);
                        }
                        Ok(back) if normalised_eq(&test["data"], &back) => {
                            ok += 1;
                            exact_ok += usize::from(is_exact);
                            normalised.push(t.to_string());
                        }
                        Ok(_) => {
                            failed.push(format!("{t} changed"));
                            if is_exact {
                                silent_loss.push(format!("{file}#{index} test {t}"));
                            }
                        }
                        Err(_) => failed.push(format!("{t} rejected")),
                    }
                }
                if failed.is_empty() {
                    line.push_str(&format!("; {valid}/{valid} valid instances round-trip"));
                } else {
                    line.push_str(&format!(
                        "; {}/{valid} valid instances round-trip (tests {})",
                        valid - failed.len(),
                        failed.join(", ")
                    ));
                    let key = format!("{file}#{index}");
                    match listed.remove(&key) {
                        Some(cause) => line.push_str(&format!(": {cause}")),
                        None => unlisted.push(key),
                    }
                }
                if !normalised.is_empty() {
                    line.push_str(&format!(" (normalised: tests {})", normalised.join(", ")));
                }
            }
            results.push_str(&line);
            results.push('\n');
        }
    }
    let summary = format!(
        "schemas: {schemas}, generated: {generated_count} ({exact} exact, {} with warnings), not generated: {}\n\
         valid instances of generated schemas: {instances}, round-trip: {ok}; of exact schemas: {exact_instances}, round-trip: {exact_ok}\n",
        generated_count - exact,
        schemas - generated_count
    );
    println!("{summary}");
    let report = format!("{summary}\n{results}");
    let stale_results = check_or_bless(&tests_dir.join("suite/results.txt"), &report);
    if let Some(diff) = stale_results {
        panic!("tests/suite/results.txt is stale (CONTRACTS_BLESS=1 to update):\n{diff}");
    }
    assert!(
        silent_loss.is_empty(),
        "schemas generated without a warning change valid instances (silent data loss): {silent_loss:?}"
    );
    assert!(
        unlisted.is_empty(),
        "round-trip misses without a cause in tests/suite/misses.txt: {unlisted:?}"
    );
    assert!(
        listed.is_empty(),
        "tests/suite/misses.txt lists schemas that now round-trip (remove them): {:?}",
        listed.keys().collect::<Vec<_>>()
    );
    assert!(generated_count * 2 > schemas, "most suite schemas generate");
}
