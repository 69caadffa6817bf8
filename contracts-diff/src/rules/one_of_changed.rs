//! Rule `one-of-changed`: A change inside a `oneOf` whose branches may overlap. See [`RULE`].

rule! {
    id: "one-of-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "A change inside a `oneOf` whose branches may overlap.",
    message: "a `oneOf` whose branches may overlap changed: {changes}",
    detects: "A `oneOf` (Core 2020-12 §10.2.1.3) whose branches are not provably pairwise disjoint (disjoint types, or a property all of them require with disjoint `const`/`enum` values) changed. A value must match exactly one branch, so narrowing one branch can also let through values that used to match two: the inner changes (walked as for `anyOf`) are reported together here, the first in the message.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 0}]}",
        new: "{\"oneOf\": [{\"type\": \"integer\"}, {\"minimum\": 1}]}",
        old_pointer: "/oneOf",
        new_pointer: "/oneOf",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\", \"minimum\": 0}]}",
        new: "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\", \"minimum\": 1}]}",
    },
}
