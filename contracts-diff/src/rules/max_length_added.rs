//! Rule `max-length-added`: `maxLength` was added. See [`RULE`].

rule! {
    id: "max-length-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`maxLength` was added.",
    message: "`maxLength: {value}` added",
    detects: "`maxLength` (Validation 2020-12 §6.3.1): the effective bound is the smallest `maxLength` over the subschema and everything it includes through `$ref`/`allOf`. Compared only when both sides admit strings, so a `maxLength` beside `\"type\": \"integer\"` means nothing. This rule: no bound before, one now. Confluent Schema Registry: `MAX_LENGTH_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the strings whose length (in code points) is above the new bound.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"string\", \"maxLength\": 5}",
        old_pointer: "",
        new_pointer: "/maxLength",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\"}",
        new: "{\"type\": \"integer\", \"maxLength\": 5}",
    },
}
