//! Issue 10, class 1: codegen always finishes. Two ways typify never did: a union with sibling
//! keywords whose branch refers back to its own definition (endless recursion: a stack
//! overflow that aborted the process, SchemaStore's `resjson`), and merges whose work grows
//! with the product of union branches (`allOf` of unions: Vega ran for hours). The first is
//! found before typify runs; the second is stopped by the work budget ([`Builder::budget`]),
//! after which what is left falls back to `serde_json::Value` with a warning naming the
//! file and pointer (lenient) or is an error (strict).

use std::path::Path;
use std::time::Duration;

use contracts_codegen::{Builder, Error};
use serde_json::json;

fn package(dir: &Path, file: &str, schema: &serde_json::Value) {
    std::fs::write(
        dir.join(file),
        serde_json::to_string_pretty(schema).unwrap(),
    )
    .unwrap();
}

/// SchemaStore's `resjson.json` (2024): `resource` maps names to a string or a `resource`,
/// with `minProperties` beside the `anyOf`.
fn resjson() -> serde_json::Value {
    json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "additionalProperties": {
            "minProperties": 1,
            "anyOf": [{"type": "string"}, {"$ref": "#/definitions/resource"}]
        },
        "definitions": {
            "resource": {
                "type": "object",
                "additionalProperties": {
                    "minProperties": 1,
                    "anyOf": [{"type": "string"}, {"$ref": "#/definitions/resource"}]
                }
            }
        }
    })
}

#[test]
fn a_union_that_recurses_without_end_falls_back_instead_of_overflowing_the_stack() {
    let tmp = tempfile::tempdir().unwrap();
    package(tmp.path(), "resjson.json", &resjson());
    let g = Builder::new()
        .package(tmp.path())
        .lenient(true)
        .generate()
        .expect("lenient generation finishes");
    let endless: Vec<String> = g
        .warnings
        .iter()
        .filter(|w| w.message.contains("recurses without end"))
        .map(|w| format!("{}#{}", w.file, w.pointer))
        .collect();
    assert_eq!(
        endless,
        ["resjson.json#/definitions/resource/additionalProperties"],
        "{:#?}",
        g.warnings
    );
    // The rest is typed: the root is a map, `resource` a map of `serde_json::Value`.
    assert_eq!(g.stats.schemas_typed, 1, "{:?}", g.stats);
    assert!(g.code.contains("pub struct Resource("), "{}", g.code);

    let err = Builder::new().package(tmp.path()).generate().unwrap_err();
    match &err {
        Error::Unsupported(d) => {
            assert_eq!(d.len(), 1, "{err}");
            assert_eq!(d[0].pointer, "/definitions/resource/additionalProperties");
        }
        other => panic!("expected Unsupported, got {other}"),
    }
}

/// An `allOf` of eight unions of four objects: typify merges all 65,536 combinations (it ran
/// for minutes). Over the budget it falls back at the `allOf`; `name` stays typed.
fn explosive() -> serde_json::Value {
    let members: Vec<serde_json::Value> = (0..8)
        .map(|i| {
            let branches: Vec<serde_json::Value> = (0..4)
                .map(|j| {
                    let p = format!("p{i}_{j}");
                    json!({"type": "object", "properties": {p.clone(): {"type": "string"}}, "required": [p]})
                })
                .collect();
            json!({ "oneOf": branches })
        })
        .collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Explosive",
        "type": "object",
        "properties": {"name": {"type": "string"}, "combo": {"allOf": members}}
    })
}

#[test]
fn a_merge_over_the_work_budget_falls_back_and_the_rest_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    package(tmp.path(), "explosive.json", &explosive());
    let g = Builder::new()
        .package(tmp.path())
        .lenient(true)
        .budget(Some(Duration::from_secs(2)))
        .generate()
        .expect("lenient generation finishes");
    let over: Vec<String> = g
        .warnings
        .iter()
        .filter(|w| w.message.contains("over the work budget"))
        .map(|w| format!("{}#{}", w.file, w.pointer))
        .collect();
    assert_eq!(
        over,
        ["explosive.json#/properties/combo"],
        "{:#?}",
        g.warnings
    );
    assert!(
        g.code
            .contains("pub name: ::std::option::Option<::std::string::String>"),
        "{}",
        g.code
    );
    assert!(
        g.code
            .contains("pub combo: ::std::option::Option<::serde_json::Value>"),
        "{}",
        g.code
    );
    // The run over the budget was cancelled, not left running (it would for minutes, growing
    // to gigabytes): no typify thread is alive once the other tests' short runs have ended.
    #[cfg(target_os = "linux")]
    {
        let typify_threads = || {
            std::fs::read_dir("/proc/self/task")
                .unwrap()
                .filter(|t| {
                    std::fs::read_to_string(t.as_ref().unwrap().path().join("comm"))
                        .is_ok_and(|c| c.starts_with("contracts-codeg"))
                })
                .count()
        };
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while typify_threads() > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(
            typify_threads(),
            0,
            "a typify run over the budget still runs"
        );
    }
}

/// The fallback path itself, deterministically: with a budget of zero every attempt is over
/// it, so every merge and then every definition falls back (lenient), and strict mode names
/// each merge.
#[test]
fn a_zero_budget_falls_back_in_two_steps_and_strict_mode_names_each_merge() {
    let tmp = tempfile::tempdir().unwrap();
    package(
        tmp.path(),
        "small.json",
        &json!({
            "type": "object",
            "properties": {
                "a": {"allOf": [{"$ref": "#/definitions/b"}, {"required": ["x"]}]},
                "n": {"type": "integer"}
            },
            "definitions": {"b": {"type": "object", "properties": {"x": {"type": "string"}}}}
        }),
    );
    let g = Builder::new()
        .package(tmp.path())
        .lenient(true)
        .budget(Some(Duration::ZERO))
        .generate()
        .expect("lenient generation finishes");
    let mut over: Vec<String> = g
        .warnings
        .iter()
        .filter(|w| w.message.contains("over the work budget"))
        .map(|w| w.pointer.clone())
        .collect();
    over.sort();
    assert_eq!(
        over,
        ["", "/definitions/b", "/properties/a"],
        "{:#?}",
        g.warnings
    );
    assert_eq!(g.stats.fallback, g.stats.definitions, "{:?}", g.stats);

    let err = Builder::new()
        .package(tmp.path())
        .budget(Some(Duration::ZERO))
        .generate()
        .unwrap_err();
    match &err {
        Error::Unsupported(d) => {
            let pointers: Vec<&str> = d.iter().map(|d| d.pointer.as_str()).collect();
            assert_eq!(pointers, ["/properties/a"], "{err}");
            assert!(d[0].message.contains("over the work budget"), "{err}");
        }
        other => panic!("expected Unsupported, got {other}"),
    }
}

/// The memory side of the budget: with a long time budget but 1 MiB of memory, the explosive
/// merge (which allocates as it runs) is cancelled for its memory and falls back at the
/// `allOf`, as over the time budget.
#[cfg(target_os = "linux")]
#[test]
fn a_merge_over_the_memory_budget_falls_back() {
    let tmp = tempfile::tempdir().unwrap();
    package(tmp.path(), "explosive.json", &explosive());
    let g = Builder::new()
        .package(tmp.path())
        .lenient(true)
        .budget(Some(Duration::from_secs(600)))
        .memory_budget(1 << 20)
        .generate()
        .expect("lenient generation finishes");
    let over: Vec<&str> = g
        .warnings
        .iter()
        .filter(|w| w.message.contains("MiB of memory in one typify run"))
        .map(|w| w.pointer.as_str())
        .collect();
    // (Other tests of this binary allocate too, so a later, small run may also be counted
    // over 1 MiB: the merge must be among what fell back, not alone.)
    assert!(over.contains(&"/properties/combo"), "{:#?}", g.warnings);
}
