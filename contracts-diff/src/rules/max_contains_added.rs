//! Rule `max-contains-added`: `maxContains` was added. See [`RULE`].

rule! {
    id: "max-contains-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`maxContains` was added.",
    message: "`maxContains: {value}` added",
    detects: "`minContains`/`maxContains` (Validation 2020-12 §6.4.4-5; 2019-09+), compared when both sides have `contains` (`minContains` is 1 when absent).",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"maxContains\": 3}",
        old_pointer: "/contains",
        new_pointer: "/maxContains",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\"}",
        new: "{\"type\": \"array\", \"maxContains\": 3}",
    },
}
