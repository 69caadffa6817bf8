//! Rule `const-added`: `const` was added: one value remains valid. See [`RULE`].

rule! {
    id: "const-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`const` was added: one value remains valid.",
    message: "`const` was added: only {values} now accepted",
    detects: "A subschema without `const` or `enum` gained `const` (Validation 2020-12 §6.1.3; draft 6+).",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"string\", \"const\": \"a\"}",
        old_pointer: "",
        new_pointer: "/const",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"const\": \"a\"}",
        new: "{\"const\": \"a\", \"description\": \"x\"}",
    },
}
