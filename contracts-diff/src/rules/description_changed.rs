//! Rule `description-changed`: `description` was added, removed or changed. See [`RULE`].

rule! {
    id: "description-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`description` was added, removed or changed.",
    message: "`description` {change}",
    detects: "A change of the `description` annotation (Validation 2020-12 §9.1) anywhere in the subschema or what it includes through `$ref`/`allOf`, compared part by part with JSON equality.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"description\": \"a\"}",
        new: "{\"type\": \"string\", \"description\": \"b\"}",
        old_pointer: "/description",
        new_pointer: "/description",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"description\": \"a\"}",
        new: "{\"type\": \"string\", \"description\": \"a\", \"title\": \"x\"}",
    },
}
