//! Rule `schema-added`: A schema document exists only in the new package. See [`RULE`].

rule! {
    id: "schema-added",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Fixed(crate::Bump::Minor),
    kind: Addition,
    summary: "A schema document exists only in the new package.",
    message: "schema `{schema}` ({file}) was added",
    detects: "A document of the new package with no counterpart in the old one, paired by name (its path without extension) and then by root `$id` (a renamed file with the same `$id` is the same schema).",
    why: "A new schema (a new event type, a new payload version beside the old one) is an addition: nothing that used the old package is affected. MINOR in every mode (the contracts semver rules; cargo-semver-checks treats new public items the same way). The finding has no old location.",
    example: {
        policy: Lenient,
        old: "",
        new: "{\"type\": \"string\"}",
        old_pointer: "null",
        new_pointer: "",
        bumps: [Minor, Minor, Minor],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"string\", \"maxLength\": 5}",
    },
}
