//! Rule `minimum-added`: A lower bound (`minimum`/`exclusiveMinimum`) was added. See [`RULE`].

rule! {
    id: "minimum-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "A lower bound (`minimum`/`exclusiveMinimum`) was added.",
    message: "lower bound {bound} added",
    detects: "The effective lower numeric bound: the largest of `minimum` and `exclusiveMinimum` over the subschema and everything it includes through `$ref`/`allOf`, in both spellings (draft 4: boolean `exclusiveMinimum` beside `minimum`, Validation draft-04 §5.1.3; draft 6+: numeric `exclusiveMinimum`, Validation 2020-12 §6.2.4-5). Over integers only, bounds are compared as the integers they admit (`minimum: 1.5` is `minimum: 2`). Compared only when both sides admit numbers. This rule: no bound before, one now. Confluent Schema Registry: `MINIMUM_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a number below the new bound.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\"}",
        new: "{\"type\": \"number\", \"minimum\": 0}",
        old_pointer: "",
        new_pointer: "/minimum",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"allOf\": [{\"minimum\": 0}]}",
        new: "{\"type\": \"number\", \"minimum\": 0}",
    },
}
