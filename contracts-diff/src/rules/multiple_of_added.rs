//! Rule `multiple-of-added`: `multipleOf` was added. See [`RULE`].

rule! {
    id: "multiple-of-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`multipleOf` was added.",
    message: "`multipleOf` changed from [{old}] to [{new}]",
    detects: "`multipleOf` (Validation 2020-12 §6.2.1) by divisibility: the values are the multiples of every divisor, so a new divisor that is a multiple of the old one narrows, a divisor of the old one widens, anything else changes both ways. Over integers, a divisor of 1 (`1`, `0.5`) constrains nothing. Confluent Schema Registry: `MULTIPLE_OF_*`. This rule: no divisor before.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\"}",
        new: "{\"type\": \"number\", \"multipleOf\": 2}",
        old_pointer: "",
        new_pointer: "/multipleOf",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"integer\"}",
        new: "{\"type\": \"integer\", \"multipleOf\": 1}",
    },
}
