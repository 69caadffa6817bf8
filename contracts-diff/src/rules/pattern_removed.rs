//! Rule `pattern-removed`: A `pattern` was removed. See [`RULE`].

rule! {
    id: "pattern-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "A `pattern` was removed.",
    detects: "A regular expression of the old subschema that no part of the new one has. Confluent Schema Registry: `PATTERN_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"pattern\": \"^a\"}",
        new: "{\"type\": \"string\"}",
        old_pointer: "/pattern",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"allOf\": [{\"pattern\": \"^a\"}]}",
        new: "{\"type\": \"string\", \"pattern\": \"^a\"}",
    },
}
