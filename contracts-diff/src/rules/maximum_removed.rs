//! Rule `maximum-removed`: The upper bound (`maximum`/`exclusiveMaximum`) was removed. See [`RULE`].

rule! {
    id: "maximum-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "The upper bound (`maximum`/`exclusiveMaximum`) was removed.",
    message: "upper bound {bound} removed",
    detects: "The effective upper numeric bound: the smallest of `maximum` and `exclusiveMaximum` over the subschema and everything it includes through `$ref`/`allOf`, in both spellings (draft 4: boolean `exclusiveMaximum` beside `maximum`, Validation draft-04 §5.1.2; draft 6+: numeric `exclusiveMaximum`, Validation 2020-12 §6.2.2-3). Over integers only, bounds are compared as the integers they admit (`maximum: 2.5` is `maximum: 2`). Compared only when both sides admit numbers. This rule: a bound before, none now. Confluent Schema Registry: `MAXIMUM_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"maximum\": 0}",
        new: "{\"type\": \"number\"}",
        old_pointer: "/maximum",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"maximum\": 0}",
        new: "{\"type\": \"number\", \"allOf\": [{\"maximum\": 0}]}",
    },
}
