//! Rule `multiple-of-narrowed`: `multipleOf` became a multiple of the old divisor. See [`RULE`].

rule! {
    id: "multiple-of-narrowed",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`multipleOf` became a multiple of the old divisor.",
    message: "`multipleOf` changed from [{old}] to [{new}]",
    detects: "`multipleOf` (Validation 2020-12 §6.2.1) by divisibility: the values are the multiples of every divisor, so a new divisor that is a multiple of the old one narrows, a divisor of the old one widens, anything else changes both ways. Over integers, a divisor of 1 (`1`, `0.5`) constrains nothing. Confluent Schema Registry: `MULTIPLE_OF_*`. This rule: e.g. 2 became 4.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a multiple of the old divisor that is not one of the new.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"multipleOf\": 2}",
        new: "{\"type\": \"integer\", \"multipleOf\": 4}",
        old_pointer: "/multipleOf",
        new_pointer: "/multipleOf",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"multipleOf\": 2}",
        new: "{\"type\": \"integer\", \"multipleOf\": 2.0}",
    },
}
