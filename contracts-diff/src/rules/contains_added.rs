//! Rule `contains-added`: `contains` was added: arrays need a matching item. See [`RULE`].

rule! {
    id: "contains-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "`contains` was added: arrays need a matching item.",
    message: "`contains` added: arrays without a matching item are rejected",
    detects: "`contains` (Core 2020-12 §10.3.1.3; draft 6+) on the new side only. With `minContains: 0` it accepts every array and is not reported.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is an array with no matching item.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\"}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}}",
        old_pointer: "",
        new_pointer: "/contains",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\"}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"minContains\": 0}",
    },
}
