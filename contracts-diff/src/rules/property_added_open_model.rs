//! Rule `property-added-open-model`: Strict: a property was declared where the old content model accepted any value for it. See [`RULE`].

rule! {
    id: "property-added-open-model",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::StrictOnly,
    summary: "Strict: a property was declared where the old content model accepted any value for it.",
    message: "property `{name}` added (the old schema allowed any value for it)",
    detects: "Under `--policy strict`: a name in the new subschema's `properties` that the old subschema neither declared nor restricted (no `additionalProperties`, or `true`, and no matching `patternProperties`), with a new schema that constrains it. A property declared as `true`/`{}` constrains nothing and is not reported. Confluent Schema Registry: `PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL`.",
    why: "Strict set semantics: the old schema accepted an object with this property holding any value; the new one rejects the values the property's schema rejects, so the accepted set narrowed: MAJOR under `backward` and `full`, MINOR under `forward`. Under `--policy lenient` the addition is reported as `property-added` instead.",
    example: {
        policy: Strict,
        old: "{\"type\": \"object\"}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        old_pointer: "",
        new_pointer: "/properties/a",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Strict,
        old: "{\"type\": \"object\"}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": true}}",
    },
}
