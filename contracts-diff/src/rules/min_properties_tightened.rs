//! Rule `min-properties-tightened`: `minProperties` was raised. See [`RULE`].

rule! {
    id: "min-properties-tightened",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`minProperties` was raised.",
    message: "`minProperties` changed from {old} to {new}",
    detects: "`minProperties` (Validation 2020-12 §6.5.2): the effective bound is the largest `minProperties` over the subschema and everything it includes through `$ref`/`allOf`; `minProperties: 0` is no bound. Compared only when both sides admit objects, so a `minProperties` beside `\"type\": \"integer\"` means nothing. This rule: the new minimum number of properties is larger. Confluent Schema Registry: `MIN_PROPERTIES_INCREASED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the objects of the old minimum number of properties.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"minProperties\": 1}",
        new: "{\"type\": \"object\", \"minProperties\": 2}",
        old_pointer: "/minProperties",
        new_pointer: "/minProperties",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"minProperties\": 2}",
        new: "{\"type\": \"object\", \"allOf\": [{\"minProperties\": 2}]}",
    },
}
