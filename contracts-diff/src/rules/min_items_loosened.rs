//! Rule `min-items-loosened`: `minItems` was lowered. See [`RULE`].

rule! {
    id: "min-items-loosened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`minItems` was lowered.",
    message: "`minItems` changed from {old} to {new}",
    detects: "`minItems` (Validation 2020-12 §6.4.2): the effective bound is the largest `minItems` over the subschema and everything it includes through `$ref`/`allOf`; `minItems: 0` is no bound. Compared only when both sides admit arrays, so a `minItems` beside `\"type\": \"integer\"` means nothing. This rule: the new minimum number of items is smaller. Confluent Schema Registry: `MIN_ITEMS_DECREASED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"minItems\": 2}",
        new: "{\"type\": \"array\", \"minItems\": 1}",
        old_pointer: "/minItems",
        new_pointer: "/minItems",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"minItems\": 2}",
        new: "{\"type\": \"array\", \"minItems\": 2.0}",
    },
}
