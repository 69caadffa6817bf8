//! Rule `property-removed-open-model`: Strict: a property was dropped and the new content model accepts any value for it. See [`RULE`].

rule! {
    id: "property-removed-open-model",
    effect: Widened,
    bump: crate::rules::BumpPolicy::StrictOnly,
    summary: "Strict: a property was dropped and the new content model accepts any value for it.",
    message: "property `{name}` removed (the new schema accepts any value for it)",
    detects: "Under `--policy strict`: a name in the old subschema's `properties` (with a schema that constrained it) that the new subschema neither declares nor restricts. Confluent Schema Registry: `PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL`.",
    why: "Strict set semantics: the new schema accepts any value under this name where the old one accepted only the property's schema, so the accepted set widened: MAJOR under `forward` and `full`, MINOR under `backward`. Under `--policy lenient` the removal is reported as `property-removed` (MAJOR).",
    example: {
        policy: Strict,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"type\": \"object\"}",
        old_pointer: "/properties/a",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Strict,
        old: "{\"type\": \"object\", \"properties\": {\"a\": true}}",
        new: "{\"type\": \"object\"}",
    },
}
