//! Rule `minimum-loosened`: The lower bound was lowered. See [`RULE`].

rule! {
    id: "minimum-loosened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The lower bound was lowered.",
    message: "lower bound changed from {old} to {new}",
    detects: "The effective lower numeric bound: the largest of `minimum` and `exclusiveMinimum` over the subschema and everything it includes through `$ref`/`allOf`, in both spellings (draft 4: boolean `exclusiveMinimum` beside `minimum`, Validation draft-04 §5.1.3; draft 6+: numeric `exclusiveMinimum`, Validation 2020-12 §6.2.4-5). Over integers only, bounds are compared as the integers they admit (`minimum: 1.5` is `minimum: 2`). Compared only when both sides admit numbers. This rule: the new lower bound is lower, or equal and no longer exclusive. Confluent Schema Registry: `MINIMUM_DECREASED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"minimum\": 1}",
        new: "{\"type\": \"number\", \"minimum\": 0}",
        old_pointer: "/minimum",
        new_pointer: "/minimum",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"minimum\": 0}",
        new: "{\"type\": \"number\", \"minimum\": 0.0}",
    },
}
