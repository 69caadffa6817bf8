//! Rule `not-removed`: A `not` was removed: values matching its subschema are accepted again. See [`RULE`].

rule! {
    id: "not-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "A `not` was removed: values matching its subschema are accepted again.",
    message: "`not` removed: values matching {schema} are accepted again",
    detects: "A `not` on the old side with no counterpart on the new one.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"not\": {\"const\": 3}}",
        new: "{\"type\": \"integer\"}",
        old_pointer: "/not",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"not\": {\"const\": 3}}",
        new: "{\"type\": \"integer\", \"not\": {\"const\": 3.0}}",
    },
}
