//! Rule `min-length-tightened`: `minLength` was raised. See [`RULE`].

rule! {
    id: "min-length-tightened",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`minLength` was raised.",
    message: "`minLength` changed from {old} to {new}",
    detects: "`minLength` (Validation 2020-12 §6.3.2): the effective bound is the largest `minLength` over the subschema and everything it includes through `$ref`/`allOf`; `minLength: 0` is no bound. Compared only when both sides admit strings, so a `minLength` beside `\"type\": \"integer\"` means nothing. This rule: the new minimum length (in code points) is larger. Confluent Schema Registry: `MIN_LENGTH_INCREASED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is one of the strings of the old minimum length (in code points).",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"minLength\": 1}",
        new: "{\"type\": \"string\", \"minLength\": 2}",
        old_pointer: "/minLength",
        new_pointer: "/minLength",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"minLength\": 2}",
        new: "{\"type\": \"string\", \"allOf\": [{\"minLength\": 2}]}",
    },
}
