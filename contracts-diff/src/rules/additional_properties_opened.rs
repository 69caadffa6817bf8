//! Rule `additional-properties-opened`: Undeclared properties are now allowed. See [`RULE`].

rule! {
    id: "additional-properties-opened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "Undeclared properties are now allowed.",
    message: "properties not declared are now allowed",
    detects: "The content model for undeclared names went from closed (`additionalProperties: false`) to open (absent, `true`, or a schema) (Core 2020-12 §10.3.2.3). Confluent Schema Registry: `ADDITIONAL_PROPERTIES_ADDED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`. The witness is an object with an undeclared property.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}, \"additionalProperties\": false}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        old_pointer: "/additionalProperties",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\"}",
        new: "{\"type\": \"object\", \"additionalProperties\": true}",
    },
}
