//! Rule `title-changed`: `title` was added, removed or changed. See [`RULE`].

rule! {
    id: "title-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`title` was added, removed or changed.",
    message: "`title` {change}",
    detects: "A change of the `title` annotation (Validation 2020-12 §9.1) anywhere in the subschema or what it includes through `$ref`/`allOf`, compared part by part with JSON equality.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"title\": \"a\"}",
        new: "{\"type\": \"string\", \"title\": \"b\"}",
        old_pointer: "/title",
        new_pointer: "/title",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"title\": \"a\"}",
        new: "{\"type\": \"string\", \"title\": \"a\", \"description\": \"x\"}",
    },
}
