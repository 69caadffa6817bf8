//! Rule `multiple-of-changed`: `multipleOf` changed to a divisor neither dividing nor divided by the old one. See [`RULE`].

rule! {
    id: "multiple-of-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`multipleOf` changed to a divisor neither dividing nor divided by the old one.",
    message: "`multipleOf` changed from [{old}] to [{new}]",
    detects: "`multipleOf` (Validation 2020-12 §6.2.1) by divisibility: the values are the multiples of every divisor, so a new divisor that is a multiple of the old one narrows, a divisor of the old one widens, anything else changes both ways. Over integers, a divisor of 1 (`1`, `0.5`) constrains nothing. Confluent Schema Registry: `MULTIPLE_OF_*`. This rule: e.g. 2 became 3.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"integer\", \"multipleOf\": 2}",
        new: "{\"type\": \"integer\", \"multipleOf\": 3}",
        old_pointer: "/multipleOf",
        new_pointer: "/multipleOf",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"multipleOf\": 0.5}",
        new: "{\"allOf\": [{\"multipleOf\": 0.5}]}",
    },
}
