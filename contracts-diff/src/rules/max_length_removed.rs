//! Rule `max-length-removed`: `maxLength` was removed. See [`RULE`].

rule! {
    id: "max-length-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`maxLength` was removed.",
    message: "`maxLength: {value}` removed",
    detects: "`maxLength` (Validation 2020-12 §6.3.1): the effective bound is the smallest `maxLength` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit strings, so a `maxLength` beside `\"type\": \"integer\"` means nothing. This rule: a bound before, none now. Confluent Schema Registry: `MAX_LENGTH_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"maxLength\": 5}",
        new: "{\"type\": \"string\"}",
        old_pointer: "/maxLength",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"allOf\": [{\"maxLength\": 5}]}",
        new: "{\"type\": \"string\", \"maxLength\": 5}",
    },
}
