//! Rule `min-items-added`: `minItems` was added. See [`RULE`].

rule! {
    id: "min-items-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`minItems` was added.",
    message: "`minItems: {value}` added",
    detects: "`minItems` (Validation 2020-12 §6.4.2): the effective bound is the largest `minItems` over the subschema and everything it includes through `$ref`/`allOf`; `minItems: 0` is no bound. Compared only when both sides admit arrays, so a `minItems` beside `\"type\": \"integer\"` means nothing. This rule: no bound before, one now. Confluent Schema Registry: `MIN_ITEMS_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the arrays whose number of items is below the new bound.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\"}",
        new: "{\"type\": \"array\", \"minItems\": 1}",
        old_pointer: "",
        new_pointer: "/minItems",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\"}",
        new: "{\"type\": \"integer\", \"minItems\": 1}",
    },
}
