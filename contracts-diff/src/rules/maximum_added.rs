//! Rule `maximum-added`: A upper bound (`maximum`/`exclusiveMaximum`) was added. See [`RULE`].

rule! {
    id: "maximum-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "A upper bound (`maximum`/`exclusiveMaximum`) was added.",
    message: "upper bound {bound} added",
    detects: "The effective upper numeric bound: the smallest of `maximum` and `exclusiveMaximum` over the subschema and everything it includes through `$ref`/`allOf`, in both spellings (draft 4: boolean `exclusiveMaximum` beside `maximum`, Validation draft-04 §5.1.2; draft 6+: numeric `exclusiveMaximum`, Validation 2020-12 §6.2.2-3). Over integers only, bounds are compared as the integers they admit (`maximum: 2.5` is `maximum: 2`). Compared only when both sides admit numbers. This rule: no bound before, one now. Confluent Schema Registry: `MAXIMUM_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a number above the new bound.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\"}",
        new: "{\"type\": \"number\", \"maximum\": 0}",
        old_pointer: "",
        new_pointer: "/maximum",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"allOf\": [{\"maximum\": 0}]}",
        new: "{\"type\": \"number\", \"maximum\": 0}",
    },
}
