//! Rule `multiple-of-removed`: `multipleOf` was removed. See [`RULE`].

rule! {
    id: "multiple-of-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`multipleOf` was removed.",
    message: "`multipleOf` changed from [{old}] to [{new}]",
    detects: "`multipleOf` (Validation 2020-12 §6.2.1) by divisibility: the values are the multiples of every divisor, so a new divisor that is a multiple of the old one narrows, a divisor of the old one widens, anything else changes both ways. Over integers, a divisor of 1 (`1`, `0.5`) constrains nothing. Confluent Schema Registry: `MULTIPLE_OF_*`. This rule: no divisor now.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\", \"multipleOf\": 2}",
        new: "{\"type\": \"number\"}",
        old_pointer: "/multipleOf",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"multipleOf\": 0.5}",
        new: "{\"type\": \"integer\"}",
    },
}
