//! Rule `type-widened`: `type` admits more types. See [`RULE`].

rule! {
    id: "type-widened",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`type` admits more types.",
    message: "values of type {types} are now accepted ({reason})",
    detects: "The set of admitted types grew: `integer` became `number`, a type joined a `type` array, or `type` was removed. Confluent Schema Registry: `TYPE_EXTENDED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"integer\"}",
        new: "{\"type\": \"number\"}",
        old_pointer: "/type",
        new_pointer: "/type",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"enum\": [\"a\"]}",
        new: "{\"enum\": [\"a\"]}",
    },
}
