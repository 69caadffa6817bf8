//! Rule `not-added`: A `not` was added: values matching its subschema are rejected. See [`RULE`].

rule! {
    id: "not-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "A `not` was added: values matching its subschema are rejected.",
    message: "`not` added: values matching {schema} are rejected",
    detects: "A `not` (Core 2020-12 §10.2.1.4) on the new side with no counterpart on the old one (`not`s are paired by text, then by order).",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a value the `not` excludes.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"integer\"}",
        new: "{\"type\": \"integer\", \"not\": {\"const\": 3}}",
        old_pointer: "",
        new_pointer: "/not",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"not\": {\"const\": 3}}",
        new: "{\"type\": \"integer\", \"not\": {\"const\": 3}, \"description\": \"x\"}",
    },
}
