//! Regression tests for failures of other JSON Schema diff tools (issue 3):
//!
//! - getsentry/json-schema-diff#40: stack overflow on a recursive schema (its reproducer, a
//!   self-recursive tree, a mutually recursive pair across two files, and a 5,000-deep chain
//!   of `properties` diffed on a 512 KiB stack);
//! - confluentinc/schema-registry#3779: stack overflow on a recursive reference (`$ref: "#"`
//!   from a `$defs` entry, its reproducer);
//! - Atlassian json-schema-diff: no `enum`, no `oneOf`, no cycles (an enum value removal and
//!   `oneOf` branch changes must be found; a change inside a cycle must be found).
//!
//! Every test runs its body in a child process (this test binary, re-run on that one test), so a
//! stack overflow, which aborts the process, fails the test with a message instead of killing
//! the whole run.

mod conformance;

use std::process::Command;
use std::time::{Duration, Instant};

use contracts_core::validate::ValidatorOptions;
use contracts_core::{Draft, LoadOptions, Package, SchemaDocument};
use contracts_diff::{diff, Bump, DiffOptions, Effect, Mode, Policy, Report, WitnessSide};
use serde_json::{json, Value};

use conformance::Validators;

const CHILD: &str = "CONTRACTS_PEER_REGRESSION_CHILD";

/// Run `body` in a child process running only the test `name`; fail with its exit status and
/// the end of its output when it fails (a stack overflow aborts the child) or takes more than
/// two minutes.
fn isolated(name: &str, body: fn()) {
    if std::env::var(CHILD).as_deref() == Ok(name) {
        body();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let mut child = Command::new(exe)
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, name)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the test binary runs");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait for the child").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("{name}: no result after 120 s (a hang or an exponential walk)");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("the child's output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let tail = |s: &str| {
        let lines: Vec<&str> = s.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    };
    assert!(
        output.status.success(),
        "{name}: the child process failed ({}){}\n--- stdout (end)\n{}\n--- stderr (end)\n{}",
        output.status,
        if stderr.contains("overflowed its stack") {
            ": STACK OVERFLOW"
        } else {
            ""
        },
        tail(&stdout),
        tail(&stderr)
    );
    // A name that matches no test runs nothing and succeeds: the body must have run, once.
    assert!(
        stdout.lines().any(|l| l.trim() == "running 1 test")
            && stdout
                .lines()
                .any(|l| l.starts_with("test result: ok. 1 passed;")),
        "{name}: the child did not run exactly one test named {name:?} (a typo in the name?)\n\
         --- stdout (end)\n{}",
        tail(&stdout)
    );
}

fn options(mode: Mode) -> DiffOptions {
    DiffOptions {
        mode,
        policy: Policy::Strict,
        format_assertion: false,
    }
}

fn load(docs: &[(&str, Value)]) -> Package {
    Package::from_documents(
        "regression",
        None,
        docs.iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect(),
        &LoadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("the fixture loads: {e}"))
}

fn run(old: &Package, new: &Package, mode: Mode) -> Report {
    diff(old, new, &options(mode)).unwrap_or_else(|e| panic!("diff under {mode:?} fails: {e}"))
}

/// Every witness of `report` validates as it claims against the whole documents, judged by the
/// engine's validator and by an independent one (boon), which must judge the side the witness
/// claims (these fixtures are small, well-formed schemas that boon compiles).
fn witnesses_hold(old: &Package, new: &Package, report: &Report) {
    let (old_v, new_v) = (
        Validators::new(old).expect("validators of the old fixture"),
        Validators::new(new).expect("validators of the new fixture"),
    );
    for f in &report.findings {
        let Some(w) = &f.witness else { continue };
        let accepts = |p: &Package| {
            p.get(&f.schema).is_some_and(|d| {
                p.validator(&d.location(), ValidatorOptions::default())
                    .expect("a validator")
                    .is_valid(&w.instance)
            })
        };
        let (o, n) = (accepts(old), accepts(new));
        let sound = match w.valid_in {
            WitnessSide::Old => o && !n,
            WitnessSide::New => n && !o,
        };
        assert!(
            sound,
            "{} at {:?}: witness {} claims valid in {:?}, but old accepts it: {o}, new: {n}",
            f.rule, f.old, w.instance, w.valid_in
        );
        let (io, inew) = (
            old_v.accepts_independently(&f.schema, &w.instance),
            new_v.accepts_independently(&f.schema, &w.instance),
        );
        let independently_sound = match w.valid_in {
            WitnessSide::Old => io == Some(true) && inew != Some(true),
            WitnessSide::New => inew == Some(true) && io != Some(true),
        };
        assert!(
            independently_sound,
            "{} at {:?}: witness {} claims valid in {:?}; the independent validator (boon) says \
             old {io:?}, new {inew:?}",
            f.rule, f.old, w.instance, w.valid_in
        );
    }
}

/// `diff(p, p)` is empty under every mode.
fn self_diff_is_empty(p: &Package) {
    for mode in [Mode::Backward, Mode::Forward, Mode::Full] {
        let r = run(p, p, mode);
        assert!(
            r.findings.is_empty(),
            "diff(s, s) under {mode:?} has findings: {:#?}",
            r.findings
        );
    }
}

/// The report has a MAJOR finding; the findings' witnesses hold.
fn breaking(old: &Package, new: &Package, mode: Mode) -> Report {
    let r = run(old, new, mode);
    assert_eq!(
        r.required_bump,
        Bump::Major,
        "expected MAJOR under {mode:?}; findings: {:#?}",
        r.findings
    );
    witnesses_hold(old, new, &r);
    r
}

// ---------------------------------------------------------------------------------------------
// getsentry/json-schema-diff#40

fn sentry_40_body() {
    // The reproducer: `cargo run -- schema.json schema.json` overflowed the stack.
    let schema = json!({
        "$ref": "#/definitions/recursive_array",
        "definitions": {
            "recursive_array": {
                "type": "array",
                "items": {"$ref": "#/definitions/recursive_array"}
            }
        }
    });
    let p = load(&[("schema", schema.clone())]);
    self_diff_is_empty(&p);
    // A change inside the recursion is found and terminates.
    let mut bounded = schema;
    bounded["definitions"]["recursive_array"]["maxItems"] = json!(2);
    let q = load(&[("schema", bounded)]);
    breaking(&p, &q, Mode::Backward);
}

#[test]
fn getsentry_40_recursive_array_reproducer() {
    isolated("getsentry_40_recursive_array_reproducer", sentry_40_body);
}

fn tree_body() {
    let tree = |value_type: &str| {
        json!({
            "type": "object",
            "properties": {
                "value": {"type": value_type},
                "children": {"type": "array", "items": {"$ref": "#"}}
            },
            "required": ["value"]
        })
    };
    let old = load(&[("tree", tree("integer"))]);
    self_diff_is_empty(&old);
    let new = load(&[("tree", tree("string"))]);
    let r = breaking(&old, &new, Mode::Backward);
    assert!(
        r.findings
            .iter()
            .any(|f| f.bump == Bump::Major && f.schema == "tree"),
        "no MAJOR finding in the tree: {:#?}",
        r.findings
    );
    breaking(&old, &new, Mode::Forward);
}

#[test]
fn getsentry_40_self_recursive_tree() {
    isolated("getsentry_40_self_recursive_tree", tree_body);
}

fn mutual_body() {
    // a.json → b.json → a.json, across two files.
    let a = json!({
        "type": "object",
        "properties": {"b": {"$ref": "b.json"}, "id": {"type": "string"}}
    });
    let b = |name: Value| {
        json!({
            "type": "object",
            "properties": {"a": {"$ref": "a.json"}, "name": name}
        })
    };
    let old = load(&[("a", a.clone()), ("b", b(json!({"type": "string"})))]);
    self_diff_is_empty(&old);
    let new = load(&[
        ("a", a),
        ("b", b(json!({"type": "string", "maxLength": 8}))),
    ]);
    let r = breaking(&old, &new, Mode::Backward);
    assert!(
        r.findings
            .iter()
            .any(|f| f.bump == Bump::Major && f.effect == Effect::Narrowed),
        "the narrowing inside the cycle is not reported as such: {:#?}",
        r.findings
    );
    let forward = run(&old, &new, Mode::Forward);
    assert!(
        forward.required_bump < Bump::Major,
        "a narrowing is not MAJOR under forward: {:#?}",
        forward.findings
    );
}

#[test]
fn getsentry_40_mutually_recursive_files() {
    isolated("getsentry_40_mutually_recursive_files", mutual_body);
}

/// Depth of the chain.
const DEPTH: usize = 5_000;

/// A package of one document `{"type":"object","properties":{"p": ...}}` nested [`DEPTH`]
/// times around `leaf`, built by hand: serde_json's parser stops at 128 levels and the
/// metaschema check recurses, so neither `Package::load` nor `Package::from_documents` can take
/// it. The fields are what a directory load of `chain.json` would give.
fn chain(leaf: Value) -> Package {
    // Wrapped by hand: `json!` would clone (serialize) the inner value at every level.
    let mut value = leaf;
    for _ in 0..DEPTH {
        let mut properties = serde_json::Map::new();
        properties.insert("p".into(), value);
        let mut wrapper = serde_json::Map::new();
        wrapper.insert("type".into(), json!("object"));
        wrapper.insert("properties".into(), Value::Object(properties));
        value = Value::Object(wrapper);
    }
    let doc = SchemaDocument {
        name: "chain".into(),
        file: "chain.json".into(),
        pointer: String::new(),
        base_uri: "contracts:///chain.json".into(),
        draft: Draft::Draft202012,
        value: std::sync::Arc::new(value),
        text: String::new(),
        exact_integers: Default::default(),
    };
    Package {
        label: "deep".into(),
        name: None,
        version: None,
        documents: [("chain".to_string(), doc)].into_iter().collect(),
        external: Default::default(),
        warnings: Vec::new(),
        invalid: Vec::new(),
        registry: Default::default(),
    }
}

fn deep_body() {
    // Build (and later drop) the deep values on a big stack; diff on a 512 KiB one.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let old = chain(json!({"type": "string"}));
            let new = chain(json!({"type": "integer"}));
            let (same, changed) = std::thread::scope(|s| {
                std::thread::Builder::new()
                    .stack_size(512 << 10)
                    .spawn_scoped(s, || {
                        (
                            run(&old, &old, Mode::Backward),
                            run(&old, &new, Mode::Backward),
                        )
                    })
                    .expect("a 512 KiB thread starts")
                    .join()
                    .expect("the diff on a 512 KiB stack returns")
            });
            assert!(
                same.findings.is_empty(),
                "diff(s, s) of the {DEPTH}-deep chain has findings: {:?}",
                same.findings.iter().map(|f| &f.rule).collect::<Vec<_>>()
            );
            assert_eq!(
                changed.required_bump,
                Bump::Major,
                "the leaf type change at depth {DEPTH} is not MAJOR: {:?}",
                changed.findings.iter().map(|f| &f.rule).collect::<Vec<_>>()
            );
            drop((same, changed, old, new));
        })
        .expect("a big thread starts")
        .join()
        .expect("the deep chain test body");
}

#[test]
fn getsentry_40_deep_properties_chain_small_stack() {
    isolated("getsentry_40_deep_properties_chain_small_stack", deep_body);
}

// ---------------------------------------------------------------------------------------------
// confluentinc/schema-registry#3779

fn confluent_body() {
    // The reproducer: checking the schema against itself overflowed the stack.
    let schema = |service: Value| {
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$defs": {
                "Permission": {
                    "type": "object",
                    "properties": {"service": service}
                }
            },
            "type": "object",
            "properties": {"permission": {"$ref": "#/$defs/Permission"}}
        })
    };
    let old = load(&[("service", schema(json!({"$ref": "#"})))]);
    self_diff_is_empty(&old);
    // Tightening the recursive reference (`service` must now also be non-empty) narrows.
    let new = load(&[(
        "service",
        schema(json!({"$ref": "#", "required": ["permission"]})),
    )]);
    breaking(&old, &new, Mode::Backward);
}

#[test]
fn confluent_3779_recursive_reference() {
    isolated("confluent_3779_recursive_reference", confluent_body);
}

// ---------------------------------------------------------------------------------------------
// Atlassian json-schema-diff: enum, oneOf, cycles

fn enum_body() {
    let old = load(&[(
        "status",
        json!({"type": "object", "properties": {"state": {"enum": ["open", "closed", "merged"]}}}),
    )]);
    let new = load(&[(
        "status",
        json!({"type": "object", "properties": {"state": {"enum": ["open", "closed"]}}}),
    )]);
    let r = breaking(&old, &new, Mode::Backward);
    let f = r
        .findings
        .iter()
        .find(|f| f.bump == Bump::Major)
        .expect("a MAJOR finding");
    assert_eq!(f.effect, Effect::Narrowed, "{f:#?}");
    assert!(
        f.old
            .as_ref()
            .is_some_and(|l| l.pointer.starts_with("/properties/state")),
        "the finding is not at the enum: {f:#?}"
    );
    let forward = run(&old, &new, Mode::Forward);
    assert!(
        forward.required_bump < Bump::Major && !forward.findings.is_empty(),
        "removing an enum value is a (non-breaking) change under forward: {:#?}",
        forward.findings
    );
}

#[test]
fn atlassian_enum_value_removal_is_found() {
    isolated("atlassian_enum_value_removal_is_found", enum_body);
}

fn one_of_body() {
    let old = load(&[(
        "v",
        json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}),
    )]);
    // A branch replaced: both directions break.
    let replaced = load(&[(
        "v",
        json!({"oneOf": [{"type": "string"}, {"type": "boolean"}]}),
    )]);
    for mode in [Mode::Backward, Mode::Forward] {
        let r = breaking(&old, &replaced, mode);
        assert!(
            r.findings.iter().any(|f| f.bump == Bump::Major
                && [&f.old, &f.new]
                    .into_iter()
                    .flatten()
                    .any(|l| l.pointer.starts_with("/oneOf"))),
            "no MAJOR finding at /oneOf under {mode:?}: {:#?}",
            r.findings
        );
    }
    // A branch narrowed: found, and breaking under backward.
    let narrowed = load(&[(
        "v",
        json!({"oneOf": [{"type": "string", "maxLength": 3}, {"type": "integer"}]}),
    )]);
    breaking(&old, &narrowed, Mode::Backward);
    let forward = run(&old, &narrowed, Mode::Forward);
    assert!(
        !forward.findings.is_empty(),
        "narrowing a oneOf branch is not reported under forward"
    );
}

#[test]
fn atlassian_one_of_branch_change_is_found() {
    isolated("atlassian_one_of_branch_change_is_found", one_of_body);
}

fn cycle_body() {
    // A linked list: the change is only reachable through the cycle.
    let list = |value: Value| {
        json!({
            "$defs": {
                "node": {
                    "type": "object",
                    "properties": {"value": value, "next": {"$ref": "#/$defs/node"}}
                }
            },
            "$ref": "#/$defs/node"
        })
    };
    let old = load(&[("list", list(json!({"enum": [1, 2, 3]})))]);
    self_diff_is_empty(&old);
    let new = load(&[("list", list(json!({"enum": [1, 2]})))]);
    breaking(&old, &new, Mode::Backward);
}

#[test]
fn atlassian_change_inside_a_cycle_is_found() {
    isolated("atlassian_change_inside_a_cycle_is_found", cycle_body);
}
