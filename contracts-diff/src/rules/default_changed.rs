//! Rule `default-changed`: `default` was added, removed or changed. See [`RULE`].

rule! {
    id: "default-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`default` was added, removed or changed.",
    message: "`default` {change}",
    detects: "A change of the `default` annotation (Validation 2020-12 §9.2) anywhere in the subschema or what it includes through `$ref`/`allOf`, compared part by part with JSON equality.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode. (`default` is not applied by validators; a consumer that fills in defaults itself may still want to read the release notes.)",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"default\": \"a\"}",
        new: "{\"type\": \"string\", \"default\": \"b\"}",
        old_pointer: "/default",
        new_pointer: "/default",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"default\": \"a\"}",
        new: "{\"type\": \"string\", \"default\": \"a\", \"title\": \"x\"}",
    },
}
