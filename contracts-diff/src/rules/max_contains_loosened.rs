//! Rule `max-contains-loosened`: `maxContains` was raised. See [`RULE`].

rule! {
    id: "max-contains-loosened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`maxContains` was raised.",
    message: "`maxContains` changed from {old} to {new}",
    detects: "`minContains`/`maxContains` (Validation 2020-12 §6.4.4-5; 2019-09+), compared when both sides have `contains` (`minContains` is 1 when absent).",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"maxContains\": 2}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"maxContains\": 3}",
        old_pointer: "/maxContains",
        new_pointer: "/maxContains",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"maxContains\": 2}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"maxContains\": 2, \"title\": \"x\"}",
    },
}
