//! Rule `const-removed`: `const` was removed: any value of the other constraints is valid. See [`RULE`].

rule! {
    id: "const-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`const` was removed: any value of the other constraints is valid.",
    message: "`const` was removed: values other than the listed ones are now accepted",
    detects: "A subschema lost its `const` (Validation 2020-12 §6.1.3) and has no `enum` instead.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"const\": \"a\"}",
        new: "{\"type\": \"string\"}",
        old_pointer: "/const",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"const\": \"a\"}",
        new: "{\"enum\": [\"a\"]}",
    },
}
