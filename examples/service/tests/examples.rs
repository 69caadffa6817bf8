//! Every example payload of the bundled package deserializes into its generated type and
//! serializes back to an equal JSON value; event envelopes also go through the event enum.

use example_service::{contracts, describe, json_eq, EXAMPLES, PACKAGE};

#[test]
fn every_example_round_trips() {
    assert!(!EXAMPLES.is_empty(), "the package has examples ({PACKAGE})");
    let mut failures = Vec::new();
    for (schema, json, round_trip) in EXAMPLES {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        match round_trip(&value) {
            Ok(back) if json_eq(&back, &value) => {}
            Ok(back) => failures.push(format!("{schema}: {value} came back as {back}")),
            Err(e) => failures.push(format!("{schema}: {value} does not deserialize: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n{}",
        failures.len(),
        EXAMPLES.len(),
        failures.join("\n")
    );
}

#[test]
fn envelopes_route_through_the_event_enum() {
    let mut routed = 0;
    for (schema, json, _) in EXAMPLES {
        if !schema.starts_with("envelopes/") || *schema == "envelopes/event" {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let event: contracts::PackageEvent =
            serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{schema}: {e}"));
        assert_eq!(event.event_type(), value["type"].as_str().unwrap());
        assert_eq!(event.event_version(), value["version"].to_string());
        assert!(json_eq(&serde_json::to_value(&event).unwrap(), &value));
        assert!(!describe(&event).is_empty());
        routed += 1;
    }
    assert!(
        routed >= 2,
        "v1 and v2 envelopes are examples ({routed} routed)"
    );
    let unknown = serde_json::json!({"type": "nope", "version": 1});
    assert!(serde_json::from_value::<contracts::PackageEvent>(unknown).is_err());
}

#[test]
fn json_equality_is_by_value() {
    use serde_json::json;
    assert!(json_eq(
        &json!({"a": 25, "b": [1.0]}),
        &json!({"b": [1], "a": 25.0})
    ));
    assert!(!json_eq(&json!({"a": 25}), &json!({"a": 25.5})));
    assert!(!json_eq(&json!([1, 2]), &json!([2, 1])));
}
