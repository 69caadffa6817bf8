//! Rule `other-keyword-changed`: A keyword with no effect on validation changed. See [`RULE`].

rule! {
    id: "other-keyword-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "A keyword with no effect on validation changed.",
    message: "`{keyword}` {change}",
    detects: "A keyword the subschema's draft does not define (an extension such as `x-owner`, or a keyword of another draft, e.g. `const` in draft 4) changed; with `format` as an annotation (the default), `format` changes are reported here too (Validation 2020-12 §7.2.1). Validators ignore such keywords (Core 2020-12 §6.5).",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"x-owner\": \"a\"}",
        new: "{\"type\": \"string\", \"x-owner\": \"b\"}",
        old_pointer: "/x-owner",
        new_pointer: "/x-owner",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"x-owner\": \"a\"}",
        new: "{\"type\": \"string\", \"x-owner\": \"a\", \"description\": \"x\"}",
    },
}
