//! Rule `pattern-widened`: `pattern` was replaced by one that provably matches more strings. See [`RULE`].

rule! {
    id: "pattern-widened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`pattern` was replaced by one that provably matches more strings.",
    message: "pattern changed from {old} to {new}",
    detects: "One pattern replaced by another at the same place (Validation 2020-12 §6.3.3). Inclusion is decided over the two patterns' DFAs (the `regex` crate's reading of the patterns, every byte string explored): patterns with the same language are no change (`^(a)$` and `^a$`), a provable inclusion is a narrowing or a widening, anything else is `pattern-changed`. This rule: every string the old pattern matched, the new one matches.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"pattern\": \"^[a-z]{2,5}$\"}",
        new: "{\"type\": \"string\", \"pattern\": \"^[a-z]+$\"}",
        old_pointer: "/pattern",
        new_pointer: "/pattern",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"pattern\": \"^[0-9]+$\"}",
        new: "{\"type\": \"string\", \"pattern\": \"^[0-9][0-9]*$\"}",
    },
}
