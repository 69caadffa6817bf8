//! Rule `conditional-removed`: An `if`/`then`/`else` was removed. See [`RULE`].

rule! {
    id: "conditional-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "An `if`/`then`/`else` was removed.",
    message: "conditional on {condition} removed",
    detects: "A conditional on the old side with no counterpart on the new one.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}}",
        new: "{\"type\": \"object\"}",
        old_pointer: "/if",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}}",
        new: "{\"type\": \"object\", \"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}, \"title\": \"x\"}",
    },
}
