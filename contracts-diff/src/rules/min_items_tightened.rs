//! Rule `min-items-tightened`: `minItems` was raised. See [`RULE`].

rule! {
    id: "min-items-tightened",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`minItems` was raised.",
    message: "`minItems` changed from {old} to {new}",
    detects: "`minItems` (Validation 2020-12 §6.4.2): the effective bound is the largest `minItems` over the subschema and everything it includes through `$ref`/`allOf`; `minItems: 0` is no bound. Compared only when both sides admit arrays, so a `minItems` beside `\"type\": \"integer\"` means nothing. This rule: the new minimum number of items is larger. Confluent Schema Registry: `MIN_ITEMS_INCREASED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the arrays of the old minimum number of items.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"minItems\": 1}",
        new: "{\"type\": \"array\", \"minItems\": 2}",
        old_pointer: "/minItems",
        new_pointer: "/minItems",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"minItems\": 2}",
        new: "{\"type\": \"array\", \"allOf\": [{\"minItems\": 2}]}",
    },
}
