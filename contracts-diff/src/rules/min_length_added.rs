//! Rule `min-length-added`: `minLength` was added. See [`RULE`].

rule! {
    id: "min-length-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`minLength` was added.",
    message: "`minLength: {value}` added",
    detects: "`minLength` (Validation 2020-12 §6.3.2): the effective bound is the largest `minLength` over the subschema and everything it includes through `$ref`/`allOf`; `minLength: 0` is no bound. Compared only when both sides admit strings, so a `minLength` beside `\"type\": \"integer\"` means nothing. This rule: no bound before, one now. Confluent Schema Registry: `MIN_LENGTH_ADDED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the strings whose length (in code points) is below the new bound.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"string\", \"minLength\": 1}",
        old_pointer: "",
        new_pointer: "/minLength",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\"}",
        new: "{\"type\": \"integer\", \"minLength\": 1}",
    },
}
