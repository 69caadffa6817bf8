//! Rule `max-properties-loosened`: `maxProperties` was raised. See [`RULE`].

rule! {
    id: "max-properties-loosened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`maxProperties` was raised.",
    message: "`maxProperties` changed from {old} to {new}",
    detects: "`maxProperties` (Validation 2020-12 §6.5.1): the effective bound is the smallest `maxProperties` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit objects, so a `maxProperties` beside `\"type\": \"integer\"` means nothing. This rule: the new maximum number of properties is larger. Confluent Schema Registry: `MAX_PROPERTIES_INCREASED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"maxProperties\": 5}",
        new: "{\"type\": \"object\", \"maxProperties\": 10}",
        old_pointer: "/maxProperties",
        new_pointer: "/maxProperties",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"maxProperties\": 5}",
        new: "{\"type\": \"object\", \"maxProperties\": 5.0}",
    },
}
