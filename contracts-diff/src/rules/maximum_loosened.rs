//! Rule `maximum-loosened`: The upper bound was raised. See [`RULE`].

rule! {
    id: "maximum-loosened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The upper bound was raised.",
    message: "upper bound changed from {old} to {new}",
    detects: "The effective upper numeric bound: the smallest of `maximum` and `exclusiveMaximum` over the subschema and everything it includes through `$ref`/`allOf`, in both spellings (draft 4: boolean `exclusiveMaximum` beside `maximum`, Validation draft-04 §5.1.2; draft 6+: numeric `exclusiveMaximum`, Validation 2020-12 §6.2.2-3). Over integers only, bounds are compared as the integers they admit (`maximum: 2.5` is `maximum: 2`). Compared only when both sides admit numbers. This rule: the new upper bound is higher, or equal and no longer exclusive. Confluent Schema Registry: `MAXIMUM_INCREASED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"maximum\": 100}",
        new: "{\"type\": \"number\", \"maximum\": 1000}",
        old_pointer: "/maximum",
        new_pointer: "/maximum",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"maximum\": 100}",
        new: "{\"type\": \"number\", \"maximum\": 100.0}",
    },
}
