//! Rule `type-narrowed`: `type` admits fewer types. See [`RULE`].

rule! {
    id: "type-narrowed",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`type` admits fewer types.",
    message: "values of type {types} are no longer accepted ({reason})",
    detects: "The set of types a subschema admits shrank: `number` became `integer`, a type left a `type` array, or `type` was added where there was none (no `type` admits every type, and `properties` alone does not imply `object`). Types are read as a set with `integer` inside `number` (Validation 2020-12 §6.1.1) and narrowed by `enum`/`const` values, so `{\"enum\": [\"a\"]}` already admits only strings. Confluent Schema Registry: `TYPE_NARROWED`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a value of a dropped type.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"number\"}",
        new: "{\"type\": \"integer\"}",
        old_pointer: "/type",
        new_pointer: "/type",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"enum\": [\"a\"]}",
        new: "{\"type\": \"string\", \"enum\": [\"a\"]}",
    },
}
