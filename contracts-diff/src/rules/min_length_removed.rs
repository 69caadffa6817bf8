//! Rule `min-length-removed`: `minLength` was removed. See [`RULE`].

rule! {
    id: "min-length-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`minLength` was removed.",
    message: "`minLength: {value}` removed",
    detects: "`minLength` (Validation 2020-12 §6.3.2): the effective bound is the largest `minLength` over the subschema and everything it includes through `$ref`/`allOf`; `minLength: 0` is no bound. Compared only when both sides admit strings, so a `minLength` beside `\"type\": \"integer\"` means nothing. This rule: a bound before, none now. Confluent Schema Registry: `MIN_LENGTH_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"minLength\": 1}",
        new: "{\"type\": \"string\"}",
        old_pointer: "/minLength",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"minLength\": 0}",
        new: "{\"type\": \"string\"}",
    },
}
