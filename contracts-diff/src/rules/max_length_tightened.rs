//! Rule `max-length-tightened`: `maxLength` was lowered. See [`RULE`].

rule! {
    id: "max-length-tightened",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`maxLength` was lowered.",
    message: "`maxLength` changed from {old} to {new}",
    detects: "`maxLength` (Validation 2020-12 §6.3.1): the effective bound is the smallest `maxLength` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit strings, so a `maxLength` beside `\"type\": \"integer\"` means nothing. This rule: the new maximum length (in code points) is smaller. Confluent Schema Registry: `MAX_LENGTH_DECREASED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the strings of the old maximum length (in code points).",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"maxLength\": 10}",
        new: "{\"type\": \"string\", \"maxLength\": 5}",
        old_pointer: "/maxLength",
        new_pointer: "/maxLength",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"maxLength\": 5}",
        new: "{\"type\": \"string\", \"allOf\": [{\"maxLength\": 5}]}",
    },
}
