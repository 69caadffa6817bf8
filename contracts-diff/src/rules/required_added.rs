//! Rule `required-added`: A property became required. See [`RULE`].

rule! {
    id: "required-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "A property became required.",
    message: "property `{name}` is now required",
    detects: "A name in the new subschema's `required` (Validation 2020-12 §6.5.3; union over `$ref`/`allOf` parts) that the old one did not require. Confluent Schema Registry: `REQUIRED_ATTRIBUTE_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is an object without the property.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}, \"required\": [\"a\"]}",
        old_pointer: "",
        new_pointer: "/required/0",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"required\": [\"a\", \"b\"]}",
        new: "{\"type\": \"object\", \"required\": [\"b\", \"a\"]}",
    },
}
