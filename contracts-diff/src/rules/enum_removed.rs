//! Rule `enum-removed`: `enum` was removed: values beyond the listed ones are now valid. See [`RULE`].

rule! {
    id: "enum-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`enum` was removed: values beyond the listed ones are now valid.",
    message: "`enum` was removed: values other than the listed ones are now accepted",
    detects: "A subschema lost its `enum` (Validation 2020-12 §6.1.2); listed values the new side rejects are reported separately as `enum-value-removed`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"enum\": [\"a\", \"b\"]}",
        new: "{\"type\": \"string\"}",
        old_pointer: "/enum",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"enum\": [true, false]}",
        new: "{\"type\": \"boolean\"}",
    },
}
