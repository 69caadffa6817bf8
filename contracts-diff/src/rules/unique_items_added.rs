//! Rule `unique-items-added`: `uniqueItems: true` was added. See [`RULE`].

rule! {
    id: "unique-items-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`uniqueItems: true` was added.",
    message: "`uniqueItems: true` added: arrays with duplicates are rejected",
    detects: "`uniqueItems` (Validation 2020-12 §6.4.3) became true. Arrays of at most one item (`maxItems` ≤ 1 on both sides) are unique anyway. Confluent Schema Registry: `UNIQUE_ITEMS_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is an array with a duplicate.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\"}",
        new: "{\"type\": \"array\", \"uniqueItems\": true}",
        old_pointer: "",
        new_pointer: "/uniqueItems",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"maxItems\": 1}",
        new: "{\"type\": \"array\", \"maxItems\": 1, \"uniqueItems\": true}",
    },
}
