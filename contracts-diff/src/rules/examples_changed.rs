//! Rule `examples-changed`: `examples` was added, removed or changed. See [`RULE`].

rule! {
    id: "examples-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`examples` was added, removed or changed.",
    message: "`examples` {change}",
    detects: "A change of the `examples` annotation (Validation 2020-12 §9.5 (draft 6+)) anywhere in the subschema or what it includes through `$ref`/`allOf`, compared part by part with JSON equality.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"examples\": [\"a\"]}",
        new: "{\"type\": \"string\", \"examples\": [\"b\"]}",
        old_pointer: "/examples",
        new_pointer: "/examples",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"examples\": [\"a\"]}",
        new: "{\"type\": \"string\", \"examples\": [\"a\"], \"title\": \"x\"}",
    },
}
