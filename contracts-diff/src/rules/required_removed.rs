//! Rule `required-removed`: A property is no longer required. See [`RULE`].

rule! {
    id: "required-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "A property is no longer required.",
    message: "property `{name}` is no longer required",
    detects: "A name in the old subschema's `required` that the new one does not require. Confluent Schema Registry: `REQUIRED_ATTRIBUTE_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`. The witness is an object without the property.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}, \"required\": [\"a\"]}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        old_pointer: "/required/0",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"required\": [\"a\"]}",
        new: "{\"type\": \"object\", \"allOf\": [{\"required\": [\"a\"]}]}",
    },
}
