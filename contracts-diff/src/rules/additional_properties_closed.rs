//! Rule `additional-properties-closed`: Undeclared properties are no longer allowed. See [`RULE`].

rule! {
    id: "additional-properties-closed",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "Undeclared properties are no longer allowed.",
    message: "properties not declared are no longer allowed",
    detects: "The content model for names that neither `properties` nor `patternProperties` declare went from open (`additionalProperties` absent, `true`, or a schema) to closed (`false`) (Core 2020-12 §10.3.2.3; `unevaluatedProperties` stands in where no part evaluates the name). A change between two schemas is walked like any subschema. Confluent Schema Registry: `ADDITIONAL_PROPERTIES_REMOVED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is an object with an undeclared property.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}, \"additionalProperties\": false}",
        old_pointer: "",
        new_pointer: "/additionalProperties",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\"}}",
        new: "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\", \"maxLength\": 3}}",
    },
}
