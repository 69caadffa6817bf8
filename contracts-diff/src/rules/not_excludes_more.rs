//! Rule `not-excludes-more`: The subschema of a `not` accepts more, so the schema accepts less. See [`RULE`].

rule! {
    id: "not-excludes-more",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The subschema of a `not` accepts more, so the schema accepts less.",
    message: "`not`: the excluded set grew: {changes}",
    detects: "The pair of `not` subschemas, walked on its own, only widened (Core 2020-12 §10.2.1.4: `not` inverts, so a wider excluded set is a narrower schema). Confluent Schema Registry: `NOT_TYPE_EXTENDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a value newly excluded.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"not\": {\"minimum\": 10}}",
        new: "{\"type\": \"integer\", \"not\": {\"minimum\": 5}}",
        old_pointer: "/not",
        new_pointer: "/not",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"not\": {\"minimum\": 10}}",
        new: "{\"type\": \"integer\", \"not\": {\"minimum\": 10.0}}",
    },
}
