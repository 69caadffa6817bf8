//! Rule `type-changed`: `type` admits other types: some dropped, some added. See [`RULE`].

rule! {
    id: "type-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`type` admits other types: some dropped, some added.",
    message: "type changed from {old} to {new}",
    detects: "The old and new type sets are not contained in one another, e.g. `string` became `integer`. Confluent Schema Registry: `TYPE_CHANGED`.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"integer\"}",
        old_pointer: "/type",
        new_pointer: "/type",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": [\"string\", \"integer\"]}",
        new: "{\"type\": [\"integer\", \"string\"]}",
    },
}
