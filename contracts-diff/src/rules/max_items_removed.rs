//! Rule `max-items-removed`: `maxItems` was removed. See [`RULE`].

rule! {
    id: "max-items-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`maxItems` was removed.",
    message: "`maxItems: {value}` removed",
    detects: "`maxItems` (Validation 2020-12 §6.4.1): the effective bound is the smallest `maxItems` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit arrays, so a `maxItems` beside `\"type\": \"integer\"` means nothing. This rule: a bound before, none now. Confluent Schema Registry: `MAX_ITEMS_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"maxItems\": 5}",
        new: "{\"type\": \"array\"}",
        old_pointer: "/maxItems",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"allOf\": [{\"maxItems\": 5}]}",
        new: "{\"type\": \"array\", \"maxItems\": 5}",
    },
}
