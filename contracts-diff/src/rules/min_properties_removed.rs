//! Rule `min-properties-removed`: `minProperties` was removed. See [`RULE`].

rule! {
    id: "min-properties-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`minProperties` was removed.",
    message: "`minProperties: {value}` removed",
    detects: "`minProperties` (Validation 2020-12 §6.5.2): the effective bound is the largest `minProperties` over the subschema and everything it includes through `$ref`/`allOf`; `minProperties: 0` is no bound. Compared only when both sides admit objects, so a `minProperties` beside `\"type\": \"integer\"` means nothing. This rule: a bound before, none now. Confluent Schema Registry: `MIN_PROPERTIES_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"minProperties\": 1}",
        new: "{\"type\": \"object\"}",
        old_pointer: "/minProperties",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"minProperties\": 0}",
        new: "{\"type\": \"object\"}",
    },
}
