//! Rule `not-excludes-less`: The subschema of a `not` accepts less, so the schema accepts more. See [`RULE`].

rule! {
    id: "not-excludes-less",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The subschema of a `not` accepts less, so the schema accepts more.",
    message: "`not`: the excluded set shrank: {changes}",
    detects: "The pair of `not` subschemas, walked on its own, only narrowed. Confluent Schema Registry: `NOT_TYPE_NARROWED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"not\": {\"minimum\": 5}}",
        new: "{\"type\": \"integer\", \"not\": {\"minimum\": 10}}",
        old_pointer: "/not",
        new_pointer: "/not",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"not\": {\"minimum\": 5}}",
        new: "{\"type\": \"integer\", \"not\": {\"minimum\": 5}, \"title\": \"x\"}",
    },
}
