//! Rule `schema-removed`: A schema document of the old package is gone. See [`RULE`].

rule! {
    id: "schema-removed",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Fixed(crate::Bump::Major),
    kind: Removal,
    summary: "A schema document of the old package is gone.",
    message: "schema `{schema}` ({file}) was removed",
    detects: "A document of the old package with no counterpart in the new one (by name, then by root `$id`).",
    why: "Producers and consumers that validate against the removed schema, or `$ref` it from their own schemas, break: MAJOR in every mode. The finding has no new location; its witness is a value the old schema accepts (the new package has no schema to accept it).",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "",
        old_pointer: "",
        new_pointer: "null",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"maxLength\": 5}",
        new: "{\"type\": \"string\"}",
    },
}
