//! Rule `enum-value-removed`: A value that was accepted is not any more. See [`RULE`].

rule! {
    id: "enum-value-removed",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "A value that was accepted is not any more.",
    message: "value {value} is no longer accepted",
    detects: "A value listed by the old `enum`/`const` that the new subschema rejects, checked against the whole new subschema: dropped from the list, or excluded by another keyword. Confluent Schema Registry: `ENUM_ARRAY_NARROWED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is the removed value.",
    example: {
        policy: Lenient,
        old: "{\"enum\": [\"a\", \"b\", \"c\"]}",
        new: "{\"enum\": [\"a\", \"b\"]}",
        old_pointer: "/enum/2",
        new_pointer: "/enum",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"enum\": [\"a\", \"b\"]}",
        new: "{\"enum\": [\"a\", \"b\"], \"description\": \"x\"}",
    },
}
