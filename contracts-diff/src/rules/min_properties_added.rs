//! Rule `min-properties-added`: `minProperties` was added. See [`RULE`].

rule! {
    id: "min-properties-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`minProperties` was added.",
    message: "`minProperties: {value}` added",
    detects: "`minProperties` (Validation 2020-12 §6.5.2): the effective bound is the largest `minProperties` over the subschema and everything it includes through `$ref`/`allOf`; `minProperties: 0` is no bound. Compared only when both sides admit objects, so a `minProperties` beside `\"type\": \"integer\"` means nothing. This rule: no bound before, one now. Confluent Schema Registry: `MIN_PROPERTIES_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the objects whose number of properties is below the new bound.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\"}",
        new: "{\"type\": \"object\", \"minProperties\": 1}",
        old_pointer: "",
        new_pointer: "/minProperties",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\"}",
        new: "{\"type\": \"integer\", \"minProperties\": 1}",
    },
}
