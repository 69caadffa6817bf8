//! Rule `conditional-added`: An `if`/`then`/`else` was added. See [`RULE`].

rule! {
    id: "conditional-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "An `if`/`then`/`else` was added.",
    message: "conditional on {condition} added",
    detects: "A conditional (Core 2020-12 §10.2.2.1-3; draft 7+) on the new side with no counterpart (conditionals are paired per schema object, by the text of `if`, then by order; a `then`/`else` only counts beside its `if`). Adding a conditional only adds constraints.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\"}",
        new: "{\"type\": \"object\", \"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}}",
        old_pointer: "",
        new_pointer: "/if",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}}",
        new: "{\"type\": \"object\", \"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}, \"description\": \"x\"}",
    },
}
