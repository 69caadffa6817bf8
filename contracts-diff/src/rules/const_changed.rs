//! Rule `const-changed`: `const` names another value. See [`RULE`].

rule! {
    id: "const-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`const` names another value.",
    message: "const changed from {old} to {new}",
    detects: "Both sides have a single `const` value and they differ (JSON equality: `1` and `1.0` are equal).",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"const\": \"a\"}",
        new: "{\"const\": \"b\"}",
        old_pointer: "/const",
        new_pointer: "/const",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"const\": 1}",
        new: "{\"const\": 1.0}",
    },
}
