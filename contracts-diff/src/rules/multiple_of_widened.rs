//! Rule `multiple-of-widened`: `multipleOf` became a divisor of the old divisor. See [`RULE`].

rule! {
    id: "multiple-of-widened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`multipleOf` became a divisor of the old divisor.",
    message: "`multipleOf` changed from [{old}] to [{new}]",
    detects: "`multipleOf` (Validation 2020-12 §6.2.1) by divisibility: the values are the multiples of every divisor, so a new divisor that is a multiple of the old one narrows, a divisor of the old one widens, anything else changes both ways. Over integers, a divisor of 1 (`1`, `0.5`) constrains nothing. Confluent Schema Registry: `MULTIPLE_OF_*`. This rule: e.g. 4 became 2.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"multipleOf\": 4}",
        new: "{\"type\": \"integer\", \"multipleOf\": 2}",
        old_pointer: "/multipleOf",
        new_pointer: "/multipleOf",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"multipleOf\": 4}",
        new: "{\"type\": \"integer\", \"allOf\": [{\"multipleOf\": 4}]}",
    },
}
