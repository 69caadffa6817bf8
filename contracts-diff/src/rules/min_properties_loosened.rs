//! Rule `min-properties-loosened`: `minProperties` was lowered. See [`RULE`].

rule! {
    id: "min-properties-loosened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`minProperties` was lowered.",
    message: "`minProperties` changed from {old} to {new}",
    detects: "`minProperties` (Validation 2020-12 §6.5.2): the effective bound is the largest `minProperties` over the subschema and everything it includes through `$ref`/`allOf`; `minProperties: 0` is no bound. Compared only when both sides admit objects, so a `minProperties` beside `\"type\": \"integer\"` means nothing. This rule: the new minimum number of properties is smaller. Confluent Schema Registry: `MIN_PROPERTIES_DECREASED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"minProperties\": 2}",
        new: "{\"type\": \"object\", \"minProperties\": 1}",
        old_pointer: "/minProperties",
        new_pointer: "/minProperties",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"minProperties\": 2}",
        new: "{\"type\": \"object\", \"minProperties\": 2.0}",
    },
}
