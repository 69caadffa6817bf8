//! Rule `max-items-added`: `maxItems` was added. See [`RULE`].

rule! {
    id: "max-items-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`maxItems` was added.",
    message: "`maxItems: {value}` added",
    detects: "`maxItems` (Validation 2020-12 §6.4.1): the effective bound is the smallest `maxItems` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit arrays, so a `maxItems` beside `\"type\": \"integer\"` means nothing. This rule: no bound before, one now. Confluent Schema Registry: `MAX_ITEMS_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the arrays whose number of items is above the new bound.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\"}",
        new: "{\"type\": \"array\", \"maxItems\": 5}",
        old_pointer: "",
        new_pointer: "/maxItems",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\"}",
        new: "{\"type\": \"integer\", \"maxItems\": 5}",
    },
}
