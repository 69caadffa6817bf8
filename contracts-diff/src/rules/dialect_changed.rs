//! Rule `dialect-changed`: `$schema` names another draft. See [`RULE`].

rule! {
    id: "dialect-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`$schema` names another draft.",
    message: "`$schema` {change}",
    detects: "The `$schema` keyword (Core 2020-12 §8.1.1) changed. Every keyword is read under the draft of its own document, so a change of meaning that a draft switch causes (e.g. draft 4's boolean `exclusiveMaximum`, `$ref` siblings ignored before 2019-09) is reported by the keyword rules; this finding only records the switch.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\"}",
        new: "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"string\"}",
        old_pointer: "/$schema",
        new_pointer: "/$schema",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\"}",
        new: "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"string\", \"title\": \"x\"}",
    },
}
