//! Rule `max-items-loosened`: `maxItems` was raised. See [`RULE`].

rule! {
    id: "max-items-loosened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`maxItems` was raised.",
    message: "`maxItems` changed from {old} to {new}",
    detects: "`maxItems` (Validation 2020-12 §6.4.1): the effective bound is the smallest `maxItems` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit arrays, so a `maxItems` beside `\"type\": \"integer\"` means nothing. This rule: the new maximum number of items is larger. Confluent Schema Registry: `MAX_ITEMS_INCREASED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"maxItems\": 5}",
        new: "{\"type\": \"array\", \"maxItems\": 10}",
        old_pointer: "/maxItems",
        new_pointer: "/maxItems",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"maxItems\": 5}",
        new: "{\"type\": \"array\", \"maxItems\": 5.0}",
    },
}
