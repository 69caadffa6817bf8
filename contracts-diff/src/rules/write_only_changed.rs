//! Rule `write-only-changed`: `writeOnly` was added, removed or changed. See [`RULE`].

rule! {
    id: "write-only-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`writeOnly` was added, removed or changed.",
    message: "`writeOnly` {change}",
    detects: "A change of the `writeOnly` annotation (Validation 2020-12 §9.4 (draft 7+)) anywhere in the subschema or what it includes through `$ref`/`allOf`, compared part by part with JSON equality.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"writeOnly\": false}",
        new: "{\"type\": \"string\", \"writeOnly\": true}",
        old_pointer: "/writeOnly",
        new_pointer: "/writeOnly",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"writeOnly\": false}",
        new: "{\"type\": \"string\", \"writeOnly\": false, \"title\": \"x\"}",
    },
}
