//! Rule `min-items-removed`: `minItems` was removed. See [`RULE`].

rule! {
    id: "min-items-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`minItems` was removed.",
    message: "`minItems: {value}` removed",
    detects: "`minItems` (Validation 2020-12 §6.4.2): the effective bound is the largest `minItems` over the subschema and everything it includes through `$ref`/`allOf`; `minItems: 0` is no bound. Compared only when both sides admit arrays, so a `minItems` beside `\"type\": \"integer\"` means nothing. This rule: a bound before, none now. Confluent Schema Registry: `MIN_ITEMS_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"minItems\": 1}",
        new: "{\"type\": \"array\"}",
        old_pointer: "/minItems",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"minItems\": 0}",
        new: "{\"type\": \"array\"}",
    },
}
