//! Rule `read-only-changed`: `readOnly` was added, removed or changed. See [`RULE`].

rule! {
    id: "read-only-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`readOnly` was added, removed or changed.",
    message: "`readOnly` {change}",
    detects: "A change of the `readOnly` annotation (Validation 2020-12 §9.4 (draft 7+)) anywhere in the subschema or what it includes through `$ref`/`allOf`, compared part by part with JSON equality.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"readOnly\": false}",
        new: "{\"type\": \"string\", \"readOnly\": true}",
        old_pointer: "/readOnly",
        new_pointer: "/readOnly",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"readOnly\": false}",
        new: "{\"type\": \"string\", \"readOnly\": false, \"title\": \"x\"}",
    },
}
