//! Rule `false-schema-removed`: A subschema that accepted nothing (`false`) now accepts values. See [`RULE`].

rule! {
    id: "false-schema-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "A subschema that accepted nothing (`false`) now accepts values.",
    message: "this subschema accepted no value (`false`) and now accepts some",
    detects: "A `false` subschema (Core 2020-12 §4.3.2) was replaced by one that accepts something.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": false}}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        old_pointer: "/properties/a",
        new_pointer: "/properties/a",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}, \"title\": \"x\"}",
    },
}
