//! Rule `min-contains-tightened`: `minContains` was raised. See [`RULE`].

rule! {
    id: "min-contains-tightened",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`minContains` was raised.",
    message: "`minContains` changed from {old} to {new}",
    detects: "`minContains`/`maxContains` (Validation 2020-12 §6.4.4-5; 2019-09+), compared when both sides have `contains` (`minContains` is 1 when absent).",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"minContains\": 2}",
        old_pointer: "",
        new_pointer: "/minContains",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"minContains\": 1}",
    },
}
