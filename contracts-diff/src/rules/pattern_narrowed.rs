//! Rule `pattern-narrowed`: `pattern` was replaced by one that provably matches fewer strings. See [`RULE`].

rule! {
    id: "pattern-narrowed",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`pattern` was replaced by one that provably matches fewer strings.",
    message: "pattern changed from {old} to {new}",
    detects: "One pattern replaced by another at the same place (Validation 2020-12 §6.3.3). Inclusion is decided over the two patterns' DFAs (the `regex` crate's reading of the patterns, every byte string explored): patterns with the same language are no change (`^(a)$` and `^a$`), a provable inclusion is a narrowing or a widening, anything else is `pattern-changed`. This rule: every string the new pattern matches, the old one matched.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a string only the old pattern matches.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"pattern\": \"^[a-z]+$\"}",
        new: "{\"type\": \"string\", \"pattern\": \"^[a-z]{2,5}$\"}",
        old_pointer: "/pattern",
        new_pointer: "/pattern",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"pattern\": \"^a$\"}",
        new: "{\"type\": \"string\", \"pattern\": \"^(a)$\"}",
    },
}
