//! Rule `max-properties-removed`: `maxProperties` was removed. See [`RULE`].

rule! {
    id: "max-properties-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`maxProperties` was removed.",
    message: "`maxProperties: {value}` removed",
    detects: "`maxProperties` (Validation 2020-12 §6.5.1): the effective bound is the smallest `maxProperties` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit objects, so a `maxProperties` beside `\"type\": \"integer\"` means nothing. This rule: a bound before, none now. Confluent Schema Registry: `MAX_PROPERTIES_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"maxProperties\": 5}",
        new: "{\"type\": \"object\"}",
        old_pointer: "/maxProperties",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"allOf\": [{\"maxProperties\": 5}]}",
        new: "{\"type\": \"object\", \"maxProperties\": 5}",
    },
}
