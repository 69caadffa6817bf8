//! Rule `comment-changed`: `$comment` was added, removed or changed. See [`RULE`].

rule! {
    id: "comment-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`$comment` was added, removed or changed.",
    message: "`$comment` {change}",
    detects: "A change of the `$comment` annotation (Core 2020-12 §8.3 (draft 7+)) anywhere in the subschema or what it includes through `$ref`/`allOf`, compared part by part with JSON equality.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"$comment\": \"a\"}",
        new: "{\"type\": \"string\", \"$comment\": \"b\"}",
        old_pointer: "/$comment",
        new_pointer: "/$comment",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"$comment\": \"a\"}",
        new: "{\"type\": \"string\", \"$comment\": \"a\", \"title\": \"x\"}",
    },
}
