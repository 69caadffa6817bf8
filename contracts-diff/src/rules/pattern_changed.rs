//! Rule `pattern-changed`: `pattern` was replaced by another one. See [`RULE`].

rule! {
    id: "pattern-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`pattern` was replaced by another one.",
    message: "pattern changed from {old} to {new}",
    detects: "One pattern removed and one added at the same place (Validation 2020-12 §6.3.3), and neither provably includes the other (see `pattern-narrowed`/`pattern-widened`; patterns with the same language are no change). Confluent Schema Registry: `PATTERN_CHANGED`.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode. The witness is a string one pattern accepts and the other rejects.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"pattern\": \"^a\"}",
        new: "{\"type\": \"string\", \"pattern\": \"^b\"}",
        old_pointer: "/pattern",
        new_pointer: "/pattern",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"pattern\": \"^a\"}",
        new: "{\"type\": \"integer\", \"pattern\": \"^b\"}",
    },
}
