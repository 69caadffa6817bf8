//! Rule `property-added`: A property was added to `properties`. See [`RULE`].

rule! {
    id: "property-added",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Lenient(crate::Bump::Minor),
    kind: Addition,
    summary: "A property was added to `properties`.",
    message: "property `{name}` added (the old schema {old_model})",
    detects: "A name in the new subschema's `properties` (Core 2020-12 §10.3.2.1, any part: `$ref`/`allOf` included) that no part of the old one declares. Under `--policy lenient` this rule reports every added property; under `--policy strict` only those the old content model rejected (`additionalProperties: false` and no matching `patternProperties`): see `property-added-open-model` for the open case, and a property the old model constrained by an `additionalProperties`/`patternProperties` schema is compared with that schema. Confluent Schema Registry: `PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL`.",
    why: "Lenient (the default): fields are API surface and readers tolerate unknown properties, so a new optional property is an addition: MINOR in every mode (a new *required* property is also reported by `required-added`). Strict: the old schema rejected objects with this property and the new one accepts them, so the accepted set widened: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"integer\"}}}",
        old_pointer: "",
        new_pointer: "/properties/b",
        bumps: [Minor, Minor, Minor],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"type\": \"object\", \"allOf\": [{\"properties\": {\"a\": {\"type\": \"string\"}}}]}",
    },
}

#[cfg(test)]
mod strict_tests {
    use crate::testkit::diff_values;
    use crate::{Bump, DiffOptions, Mode, Policy};
    use serde_json::json;

    #[test]
    fn strict_closed_model_is_a_widening() {
        let old = json!({"type": "object", "additionalProperties": false});
        let new = json!({"type": "object", "properties": {"b": {"type": "integer"}}, "additionalProperties": false});
        for (mode, bump) in [(Mode::Backward, Bump::Minor), (Mode::Forward, Bump::Major)] {
            let options = DiffOptions {
                mode,
                policy: Policy::Strict,
                format_assertion: false,
            };
            let report = diff_values(&old, &new, options);
            let f = report
                .findings
                .iter()
                .find(|f| f.rule == "property-added")
                .expect("fires");
            assert_eq!(f.bump, bump);
            assert_eq!(
                f.old.as_ref().map(|l| l.pointer.as_str()),
                Some("/additionalProperties")
            );
            assert_eq!(
                f.new.as_ref().map(|l| l.pointer.as_str()),
                Some("/properties/b")
            );
        }
    }

    #[test]
    fn strict_schema_model_compares_schemas() {
        let old = json!({"type": "object", "additionalProperties": {"type": "string"}});
        let new = json!({"type": "object", "properties": {"b": {"type": "string", "maxLength": 3}}, "additionalProperties": {"type": "string"}});
        let options = DiffOptions {
            mode: Mode::Backward,
            policy: Policy::Strict,
            format_assertion: false,
        };
        let report = diff_values(&old, &new, options);
        assert!(report.findings.iter().all(|f| f.rule != "property-added"));
        let f = report
            .findings
            .iter()
            .find(|f| f.rule == "max-length-added")
            .expect("compared");
        assert_eq!(
            f.old.as_ref().map(|l| l.pointer.as_str()),
            Some("/additionalProperties")
        );
        assert_eq!(
            f.new.as_ref().map(|l| l.pointer.as_str()),
            Some("/properties/b/maxLength")
        );
    }
}
