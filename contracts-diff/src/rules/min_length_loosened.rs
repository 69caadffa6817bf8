//! Rule `min-length-loosened`: `minLength` was lowered. See [`RULE`].

rule! {
    id: "min-length-loosened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`minLength` was lowered.",
    message: "`minLength` changed from {old} to {new}",
    detects: "`minLength` (Validation 2020-12 §6.3.2): the effective bound is the largest `minLength` over the subschema and everything it includes through `$ref`/`allOf`; `minLength: 0` is no bound. Compared only when both sides admit strings, so a `minLength` beside `\"type\": \"integer\"` means nothing. This rule: the new minimum length (in code points) is smaller. Confluent Schema Registry: `MIN_LENGTH_DECREASED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"minLength\": 2}",
        new: "{\"type\": \"string\", \"minLength\": 1}",
        old_pointer: "/minLength",
        new_pointer: "/minLength",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"minLength\": 2}",
        new: "{\"type\": \"string\", \"minLength\": 2.0}",
    },
}
