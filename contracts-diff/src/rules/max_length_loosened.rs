//! Rule `max-length-loosened`: `maxLength` was raised. See [`RULE`].

rule! {
    id: "max-length-loosened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`maxLength` was raised.",
    message: "`maxLength` changed from {old} to {new}",
    detects: "`maxLength` (Validation 2020-12 §6.3.1): the effective bound is the smallest `maxLength` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit strings, so a `maxLength` beside `\"type\": \"integer\"` means nothing. This rule: the new maximum length (in code points) is larger. Confluent Schema Registry: `MAX_LENGTH_INCREASED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"maxLength\": 5}",
        new: "{\"type\": \"string\", \"maxLength\": 10}",
        old_pointer: "/maxLength",
        new_pointer: "/maxLength",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"maxLength\": 5}",
        new: "{\"type\": \"string\", \"maxLength\": 5.0}",
    },
}
