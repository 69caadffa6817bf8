//! Rule `not-changed`: The subschema of a `not` changed both ways. See [`RULE`].

rule! {
    id: "not-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The subschema of a `not` changed both ways.",
    message: "`not`: the excluded set changed: {changes}",
    detects: "The pair of `not` subschemas, walked on its own, both narrowed and widened (or changed).",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"not\": {\"type\": \"string\"}}",
        new: "{\"not\": {\"type\": \"integer\"}}",
        old_pointer: "/not",
        new_pointer: "/not",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"not\": {\"type\": \"string\"}}",
        new: "{\"not\": {\"type\": \"string\"}, \"description\": \"x\"}",
    },
}
