//! Rule `false-schema-added`: A subschema that accepted values now accepts none. See [`RULE`].

rule! {
    id: "false-schema-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "A subschema that accepted values now accepts none.",
    message: "this subschema now accepts no value at all (`false`)",
    detects: "A subschema became `false` (Core 2020-12 §4.3.2), e.g. a property's schema replaced by `false` to forbid it.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": false}}",
        old_pointer: "/properties/a",
        new_pointer: "/properties/a",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": false}}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": false}, \"title\": \"x\"}",
    },
}
