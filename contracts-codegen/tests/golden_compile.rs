//! Compiles every golden snapshot (`tests/golden/*.rs`, and the split output) and exercises a
//! few of the generated types.
#![allow(missing_docs, dead_code, unused_imports, clippy::all)]

mod cross_file_refs {
    include!("golden/cross_file_refs.rs");
}
mod doc_line_ends {
    include!("golden/doc_line_ends.rs");
}
mod draft07_definitions {
    include!("golden/draft07_definitions.rs");
}
mod events_dual_emit {
    include!("golden/events_dual_emit.rs");
}
mod events_through_refs {
    include!("golden/events_through_refs.rs");
}
mod merged_objects {
    include!("golden/merged_objects.rs");
}
mod lenient_fallbacks {
    include!("golden/lenient_fallbacks.rs");
}
mod name_collisions {
    include!("golden/name_collisions.rs");
}
mod reserved_names {
    include!("golden/reserved_names.rs");
}
mod typify_panic_isolated {
    include!("golden/typify_panic_isolated.rs");
}
mod recursive_tree {
    include!("golden/recursive_tree.rs");
}
mod union_map_keys {
    include!("golden/union_map_keys.rs");
}
mod untitled_root {
    include!("golden/untitled_root.rs");
}
#[rustfmt::skip]
#[path = "golden/split_cross_file/mod.rs"]
mod split_cross_file;

mod common;

use serde_json::{json, Value};

/// Merged objects (issue 15): a property that no `allOf` member names either round-trips
/// through the generated type, or generation warns at each open member that unknown
/// properties are dropped. Fails when neither (silent loss).
#[test]
fn merged_objects_keep_unknown_properties_or_warn() {
    let instance = json!({"a": "x", "b": 1, "c": true});
    let back = serde_json::from_value::<merged_objects::Merged>(instance.clone())
        .map_err(|e| e.to_string())
        .and_then(|m| serde_json::to_value(m).map_err(|e| e.to_string()));
    if back.as_ref() == Ok(&instance) {
        return;
    }
    let (package, _) = common::golden_package("merged_objects");
    let g = contracts_codegen::Builder::new()
        .package(package)
        .generate()
        .unwrap();
    // The type compiled above is the one generated now (else the round trip is stale).
    assert!(
        include_str!("golden/merged_objects.rs").starts_with(&g.code),
        "tests/golden/merged_objects.rs is stale (CONTRACTS_BLESS=1 cargo test --test golden)"
    );
    for pointer in ["/allOf/0", "/allOf/1"] {
        assert!(
            g.warnings
                .iter()
                .any(|w| w.pointer == pointer && w.message.contains("unknown properties")),
            "{instance} comes back as {back:?} and no warning at {pointer} says unknown \
             properties are dropped: {:?}",
            g.warnings
        );
    }
}

#[test]
fn events_route_on_type_and_version() {
    use events_dual_emit::Event;
    let v1 = json!({"type": "order.placed", "version": 1, "payload": {"order_id": "o1"}});
    let v2 = json!({"type": "order.placed", "version": 2, "payload": {"order_id": "o1", "channel": "web"}});
    let e1: Event = serde_json::from_value(v1.clone()).unwrap();
    let e2: Event = serde_json::from_value(v2.clone()).unwrap();
    assert!(matches!(e1, Event::OrderPlacedV1(_)));
    assert!(matches!(e2, Event::OrderPlacedV2(_)));
    assert_eq!(e2.event_version(), "2");
    assert_eq!(serde_json::to_value(&e1).unwrap(), v1);
    assert_eq!(serde_json::to_value(&e2).unwrap(), v2);
    // v2 requires `channel`: a v2 envelope without it is rejected, not read as v1.
    let bad = json!({"type": "order.placed", "version": 2, "payload": {"order_id": "o1"}});
    assert!(serde_json::from_value::<Event>(bad).is_err());
    assert!(
        serde_json::from_value::<Event>(json!({"type": "order.placed", "version": 3})).is_err()
    );
}

#[test]
fn events_found_through_all_of_and_refs_route_too() {
    // v1 fixes its type in an `allOf` member and its version behind a `$ref`; v2 extends the
    // base envelope with a sibling `$ref`, a one-value `enum` and a `const` inside `allOf`.
    use events_through_refs::Event;
    let v1 = json!({"type": "user.created", "version": 1, "payload": {"user_id": "u1"}});
    let v2 = json!({"type": "user.created", "version": 2, "payload": {"user_id": "u1", "email": "a@b.c"}});
    let e1: Event = serde_json::from_value(v1.clone()).unwrap();
    let e2: Event = serde_json::from_value(v2.clone()).unwrap();
    assert!(matches!(e1, Event::UserCreatedV1(_)));
    assert!(matches!(e2, Event::UserCreatedV2(_)));
    assert_eq!((e1.event_type(), e1.event_version()), ("user.created", "1"));
    assert_eq!(serde_json::to_value(&e2).unwrap(), v2);
    let bad = json!({"type": "user.created", "version": 2, "payload": {"user_id": "u1"}});
    assert!(serde_json::from_value::<Event>(bad).is_err());
}

#[test]
fn cross_file_types_read_and_enforce() {
    let order = json!({
        "id": "7b0e3c1a-6a52-4c4e-9f0e-2d1c8b9a7f10",
        "total": {"amount": 1250, "currency": "EUR"},
        "lines": [{"sku": "ABC-1", "price": {"amount": 1250, "currency": "EUR"}}]
    });
    let typed: cross_file_refs::Order = serde_json::from_value(order.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), order);
    let split: split_cross_file::Order = serde_json::from_value(order.clone()).unwrap();
    assert_eq!(serde_json::to_value(&split).unwrap(), order);
    // The pattern and the enum are enforced.
    let mut bad = order.clone();
    bad["lines"][0]["sku"] = json!("nope");
    assert!(serde_json::from_value::<cross_file_refs::Order>(bad).is_err());
    let mut bad = order;
    bad["total"]["currency"] = json!("GBP");
    assert!(serde_json::from_value::<cross_file_refs::Order>(bad).is_err());
}

#[test]
fn colliding_names_compile_and_keep_json_names() {
    let v = json!({"x-y": "a", "x_y": true, "XY": 3});
    let typed: name_collisions::CUserProfile = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), v);
}

#[test]
fn recursive_types_round_trip() {
    let v = json!({"value": "root", "children": [{"value": "leaf"}], "parent": {"value": "up"}});
    let typed: recursive_tree::Tree = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), v);
}

#[test]
fn lenient_fallbacks_accept_anything_there() {
    let v = json!({"kind": "box", "size": 3, "mixed": 1, "not_string": 4});
    let typed: lenient_fallbacks::Shape = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), v);
}

/// A typify panic that needs two definitions together (an `allOf` member behind a `$ref` with
/// `patternProperties`) costs only the definition it happens in: every other type is typed.
#[test]
fn a_typify_panic_costs_only_its_type() {
    use typify_panic_isolated::*;
    let config = json!({"name": "n", "step": {"run": "make"}, "job": {"image": "i", "script": "s", "x-a": "b"}});
    let typed: Config = serde_json::from_value(config.clone()).unwrap();
    assert_eq!(typed.step.as_ref().unwrap().run, "make");
    assert_eq!(typed.name.as_deref(), Some("n"));
    // `Job` keeps its own member; the `allOf` member typify panicked on became `{}` (warned).
    assert_eq!(typed.job.as_ref().unwrap().script.as_deref(), Some("s"));
    assert!(
        serde_json::from_value::<Step>(json!({})).is_err(),
        "Step is typed"
    );
}

/// Types named like what generated code calls (`Default`, `Option`, `Result`, `Box`, `Vec`,
/// `String`, `Value`) compile (this module would not otherwise) and read their defaults.
#[test]
fn reserved_names_compile_and_fill_defaults() {
    use reserved_names::*;
    let d: DefaultType = serde_json::from_value(json!({})).unwrap();
    assert_eq!(d.count, 3);
    assert_eq!(d.name, "x");
    let back = serde_json::to_value(&d).unwrap();
    assert_eq!(back["rules"], json!(["main"]));
    let _: OptionType = serde_json::from_value(json!({"box": {"inner": "i"}})).unwrap();
    let _: ResultType = serde_json::from_value(json!("ok")).unwrap();
    let _: ValueType = serde_json::from_value(json!({"vec": ["a"], "string": "s"})).unwrap();
    // A union-typed field under a struct-valued `default` (`"cfg": {..., "default": {}}`): the
    // default is what serde makes of `{}`, each field's own default included.
    let h: Holder = serde_json::from_value(json!({})).unwrap();
    assert_eq!(
        h.cfg,
        serde_json::from_value::<DefaultType>(json!({})).unwrap()
    );
    assert_eq!(h.cfg.count, 3);
    assert_eq!(
        h.cfg.rules,
        ListOfRuleConditions::Array(vec!["main".into()])
    );
    assert_eq!(h.rules, ListOfRuleConditions::String("main".into()));
}
