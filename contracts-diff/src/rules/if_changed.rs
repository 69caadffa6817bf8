//! Rule `if-changed`: The condition of an `if` changed. See [`RULE`].

rule! {
    id: "if-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The condition of an `if` changed.",
    message: "the condition of `if` changed: {changes}",
    detects: "The paired `if` subschemas differ (walked on their own, any change of their accepted sets). Which values get `then` and which get `else` moves, so the effect can go either way; with an equal `if`, `then` and `else` are compared as conditional conjuncts beside the rest of the schema and the inner rules report.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}}",
        new: "{\"type\": \"object\", \"if\": {\"required\": [\"c\"]}, \"then\": {\"required\": [\"b\"]}}",
        old_pointer: "/if",
        new_pointer: "/if",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}}",
        new: "{\"type\": \"object\", \"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\", \"c\"]}}",
    },
}
