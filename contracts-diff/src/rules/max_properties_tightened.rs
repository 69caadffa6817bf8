//! Rule `max-properties-tightened`: `maxProperties` was lowered. See [`RULE`].

rule! {
    id: "max-properties-tightened",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`maxProperties` was lowered.",
    message: "`maxProperties` changed from {old} to {new}",
    detects: "`maxProperties` (Validation 2020-12 §6.5.1): the effective bound is the smallest `maxProperties` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit objects, so a `maxProperties` beside `\"type\": \"integer\"` means nothing. This rule: the new maximum number of properties is smaller. Confluent Schema Registry: `MAX_PROPERTIES_DECREASED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the objects of the old maximum number of properties.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"maxProperties\": 10}",
        new: "{\"type\": \"object\", \"maxProperties\": 5}",
        old_pointer: "/maxProperties",
        new_pointer: "/maxProperties",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"maxProperties\": 5}",
        new: "{\"type\": \"object\", \"allOf\": [{\"maxProperties\": 5}]}",
    },
}
