//! Rule `max-properties-added`: `maxProperties` was added. See [`RULE`].

rule! {
    id: "max-properties-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`maxProperties` was added.",
    message: "`maxProperties: {value}` added",
    detects: "`maxProperties` (Validation 2020-12 §6.5.1): the effective bound is the smallest `maxProperties` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit objects, so a `maxProperties` beside `\"type\": \"integer\"` means nothing. This rule: no bound before, one now. Confluent Schema Registry: `MAX_PROPERTIES_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the objects whose number of properties is above the new bound.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\"}",
        new: "{\"type\": \"object\", \"maxProperties\": 5}",
        old_pointer: "",
        new_pointer: "/maxProperties",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\"}",
        new: "{\"type\": \"integer\", \"maxProperties\": 5}",
    },
}
