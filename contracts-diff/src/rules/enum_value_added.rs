//! Rule `enum-value-added`: A value is accepted that was not before. See [`RULE`].

rule! {
    id: "enum-value-added",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "A value is accepted that was not before.",
    message: "value {value} is now accepted",
    detects: "A value listed by the new `enum`/`const` that the old subschema rejects, checked against the whole old subschema (Validation 2020-12 §6.1.2; JSON equality, so `1` and `1.0` are one value). Confluent Schema Registry: `ENUM_ARRAY_EXTENDED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`. The witness is the added value.",
    example: {
        policy: Lenient,
        old: "{\"enum\": [\"a\", \"b\"]}",
        new: "{\"enum\": [\"a\", \"b\", \"c\"]}",
        old_pointer: "/enum",
        new_pointer: "/enum/2",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"enum\": [\"a\", \"b\"]}",
        new: "{\"enum\": [\"b\", \"a\"]}",
    },
}
