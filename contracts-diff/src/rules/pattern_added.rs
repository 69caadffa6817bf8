//! Rule `pattern-added`: A `pattern` was added. See [`RULE`].

rule! {
    id: "pattern-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "A `pattern` was added.",
    message: "pattern {pattern} added",
    detects: "A regular expression (Validation 2020-12 §6.3.3: ECMA-262, unanchored) that no part of the old subschema had. Compared only when both sides admit strings; a pattern moved into an `allOf` member or a referenced schema is not new, and a pattern every string matches (e.g. unanchored `[a-z]*`) asserts nothing. Confluent Schema Registry: `PATTERN_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a string the pattern rejects.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"string\", \"pattern\": \"^a\"}",
        old_pointer: "",
        new_pointer: "/pattern",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"pattern\": \"^a\"}",
        new: "{\"type\": \"string\", \"allOf\": [{\"pattern\": \"^a\"}]}",
    },
}
