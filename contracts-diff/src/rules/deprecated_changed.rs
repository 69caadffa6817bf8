//! Rule `deprecated-changed`: `deprecated` was added, removed or changed. See [`RULE`].

rule! {
    id: "deprecated-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Deprecation,
    summary: "`deprecated` was added, removed or changed.",
    message: "`deprecated` {change}",
    detects: "A change of the `deprecated` annotation (Validation 2020-12 §9.3 (2019-09+)) anywhere in the subschema or what it includes through `$ref`/`allOf`, compared part by part with JSON equality.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode. Marking a field deprecated announces a later removal, which will be the breaking change.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"deprecated\": false}",
        new: "{\"type\": \"string\", \"deprecated\": true}",
        old_pointer: "/deprecated",
        new_pointer: "/deprecated",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"deprecated\": false}",
        new: "{\"type\": \"string\", \"deprecated\": false, \"title\": \"x\"}",
    },
}
