//! Rule `maximum-tightened`: The upper bound was lowered. See [`RULE`].

rule! {
    id: "maximum-tightened",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The upper bound was lowered.",
    message: "upper bound changed from {old} to {new}",
    detects: "The effective upper numeric bound: the smallest of `maximum` and `exclusiveMaximum` over the subschema and everything it includes through `$ref`/`allOf`, in both spellings (draft 4: boolean `exclusiveMaximum` beside `maximum`, Validation draft-04 §5.1.2; draft 6+: numeric `exclusiveMaximum`, Validation 2020-12 §6.2.2-3). Over integers only, bounds are compared as the integers they admit (`maximum: 2.5` is `maximum: 2`). Compared only when both sides admit numbers. This rule: the new upper bound is lower, or equal and now exclusive (below: draft 4's `exclusiveMaximum: true`). Confluent Schema Registry: `MAXIMUM_DECREASED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a number between the two bounds.",
    example: {
        policy: Lenient,
        old: "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"number\", \"maximum\": 100}",
        new: "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"number\", \"maximum\": 100, \"exclusiveMaximum\": true}",
        old_pointer: "/maximum",
        new_pointer: "/exclusiveMaximum",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"number\", \"maximum\": 100, \"exclusiveMaximum\": true}",
        new: "{\"$schema\": \"http://json-schema.org/draft-06/schema#\", \"type\": \"number\", \"exclusiveMaximum\": 100}",
    },
}
