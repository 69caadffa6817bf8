//! Rule `minimum-removed`: The lower bound (`minimum`/`exclusiveMinimum`) was removed. See [`RULE`].

rule! {
    id: "minimum-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "The lower bound (`minimum`/`exclusiveMinimum`) was removed.",
    message: "lower bound {bound} removed",
    detects: "The effective lower numeric bound: the largest of `minimum` and `exclusiveMinimum` over the subschema and everything it includes through `$ref`/`allOf`, in both spellings (draft 4: boolean `exclusiveMinimum` beside `minimum`, Validation draft-04 §5.1.3; draft 6+: numeric `exclusiveMinimum`, Validation 2020-12 §6.2.4-5). Over integers only, bounds are compared as the integers they admit (`minimum: 1.5` is `minimum: 2`). Compared only when both sides admit numbers. This rule: a bound before, none now. Confluent Schema Registry: `MINIMUM_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"minimum\": 0}",
        new: "{\"type\": \"number\"}",
        old_pointer: "/minimum",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"minimum\": 0}",
        new: "{\"type\": \"number\", \"allOf\": [{\"minimum\": 0}]}",
    },
}
