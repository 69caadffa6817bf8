//! Rule `keyword-changed`: A keyword the engine compares conservatively changed. See [`RULE`].

rule! {
    id: "keyword-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "A keyword the engine compares conservatively changed.",
    detects: "A change inside a keyword whose effect on the accepted set is not monotone or not modelled precisely: the condition of `if` (Core 2020-12 §10.2.2.1), and anything nested deeper than the walk compares in detail. The two subschemas are walked on their own (following `$ref`s) and any change of their accepted sets is reported here, with the first inner finding in the message.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode. Reporting such a change as MAJOR keeps the verdict sound: no change of the accepted set is ever reported as compatible for want of a rule.",
    example: {
        policy: Lenient,
        old: "{\"if\": {\"type\": \"string\"}, \"then\": {\"minLength\": 1}}",
        new: "{\"if\": {\"type\": \"integer\"}, \"then\": {\"minLength\": 1}}",
        old_pointer: "/if",
        new_pointer: "/if",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"if\": {\"type\": \"string\"}, \"then\": {\"minLength\": 1}}",
        new: "{\"if\": {\"type\": \"string\"}, \"then\": {\"minLength\": 2}}",
    },
}
