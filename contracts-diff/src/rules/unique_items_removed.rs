//! Rule `unique-items-removed`: `uniqueItems: true` was removed. See [`RULE`].

rule! {
    id: "unique-items-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`uniqueItems: true` was removed.",
    message: "`uniqueItems: true` removed: arrays with duplicates are accepted",
    detects: "`uniqueItems` is no longer true. Confluent Schema Registry: `UNIQUE_ITEMS_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"uniqueItems\": true}",
        new: "{\"type\": \"array\"}",
        old_pointer: "/uniqueItems",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"uniqueItems\": false}",
        new: "{\"type\": \"array\"}",
    },
}
