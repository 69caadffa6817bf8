//! Rule `contains-removed`: `contains` was removed. See [`RULE`].

rule! {
    id: "contains-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "`contains` was removed.",
    message: "`contains` removed: arrays without a matching item are accepted",
    detects: "`contains` on the old side only.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}}",
        new: "{\"type\": \"array\"}",
        old_pointer: "/contains",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"minContains\": 0}",
        new: "{\"type\": \"array\"}",
    },
}
