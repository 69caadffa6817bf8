//! Rule `max-items-tightened`: `maxItems` was lowered. See [`RULE`].

rule! {
    id: "max-items-tightened",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`maxItems` was lowered.",
    message: "`maxItems` changed from {old} to {new}",
    detects: "`maxItems` (Validation 2020-12 §6.4.1): the effective bound is the smallest `maxItems` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit arrays, so a `maxItems` beside `\"type\": \"integer\"` means nothing. This rule: the new maximum number of items is smaller. Confluent Schema Registry: `MAX_ITEMS_DECREASED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the arrays of the old maximum number of items.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"maxItems\": 10}",
        new: "{\"type\": \"array\", \"maxItems\": 5}",
        old_pointer: "/maxItems",
        new_pointer: "/maxItems",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"maxItems\": 5}",
        new: "{\"type\": \"array\", \"allOf\": [{\"maxItems\": 5}]}",
    },
}
