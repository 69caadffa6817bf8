//! Rule `union-became-exclusive`: `anyOf` became `oneOf` over the same, overlapping branches. See [`RULE`].

rule! {
    id: "union-became-exclusive",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`anyOf` became `oneOf` over the same, overlapping branches.",
    message: "`anyOf` became `oneOf` over the same branches: values matching several branches are no longer accepted",
    detects: "The same branches (equal text, no references) moved from `anyOf` to `oneOf` (Core 2020-12 §10.2.1.2-3) and they are not provably disjoint, so some values match several branches. Over provably disjoint branches the two keywords are equal and nothing is reported.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a value matching two branches.",
    example: {
        policy: Lenient,
        old: "{\"anyOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]}",
        new: "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]}",
        old_pointer: "/anyOf",
        new_pointer: "/oneOf",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}",
        new: "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}",
    },
}
