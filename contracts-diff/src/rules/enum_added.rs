//! Rule `enum-added`: `enum` was added: only the listed values remain valid. See [`RULE`].

rule! {
    id: "enum-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`enum` was added: only the listed values remain valid.",
    message: "`enum` was added: only {values} now accepted",
    detects: "A subschema without `enum` gained one (Validation 2020-12 §6.1.2). Values the old side admitted but the new side does not list are lost. Over a finite domain (`null`, `boolean`) the comparison is exact instead: `{\"type\": \"boolean\"}` and `{\"enum\": [true, false]}` are equal.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"string\", \"enum\": [\"a\", \"b\"]}",
        old_pointer: "",
        new_pointer: "/enum",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"boolean\"}",
        new: "{\"enum\": [true, false]}",
    },
}
