//! Rule `minimum-tightened`: The lower bound was raised. See [`RULE`].

rule! {
    id: "minimum-tightened",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The lower bound was raised.",
    message: "lower bound changed from {old} to {new}",
    detects: "The effective lower numeric bound: the largest of `minimum` and `exclusiveMinimum` over the subschema and everything it includes through `$ref`/`allOf`, in both spellings (draft 4: boolean `exclusiveMinimum` beside `minimum`, Validation draft-04 §5.1.3; draft 6+: numeric `exclusiveMinimum`, Validation 2020-12 §6.2.4-5). Over integers only, bounds are compared as the integers they admit (`minimum: 1.5` is `minimum: 2`). Compared only when both sides admit numbers. This rule: the new lower bound is higher, or equal and now exclusive. Confluent Schema Registry: `MINIMUM_INCREASED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a number between the two bounds.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"minimum\": 0}",
        new: "{\"type\": \"number\", \"minimum\": 1}",
        old_pointer: "/minimum",
        new_pointer: "/minimum",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"minimum\": 1}",
        new: "{\"type\": \"integer\", \"exclusiveMinimum\": 0}",
    },
}
