//! Rule `max-contains-removed`: `maxContains` was removed. See [`RULE`].

rule! {
    id: "max-contains-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`maxContains` was removed.",
    message: "`maxContains: {value}` removed",
    detects: "`minContains`/`maxContains` (Validation 2020-12 §6.4.4-5; 2019-09+), compared when both sides have `contains` (`minContains` is 1 when absent).",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"maxContains\": 3}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}}",
        old_pointer: "/maxContains",
        new_pointer: "/contains",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"maxContains\": 3}",
        new: "{\"type\": \"array\"}",
    },
}
