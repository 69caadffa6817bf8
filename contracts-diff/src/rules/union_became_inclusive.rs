//! Rule `union-became-inclusive`: `oneOf` became `anyOf` over the same, overlapping branches. See [`RULE`].

rule! {
    id: "union-became-inclusive",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`oneOf` became `anyOf` over the same, overlapping branches.",
    message: "`oneOf` became {union}: values matching several of the old branches are now accepted",
    detects: "The same branches moved from `oneOf` to `anyOf` and they are not provably disjoint, or an overlapping `oneOf` was replaced by an inclusive union each of whose branches contains an old one: values matching several branches, rejected by `oneOf`, are now accepted.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`. The witness is a value matching two branches.",
    example: {
        policy: Lenient,
        old: "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]}",
        new: "{\"anyOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]}",
        old_pointer: "/oneOf",
        new_pointer: "/anyOf",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}",
        new: "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}",
    },
}
