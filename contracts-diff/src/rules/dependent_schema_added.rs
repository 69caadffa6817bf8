//! Rule `dependent-schema-added`: A schema now applies when a property is present. See [`RULE`].

rule! {
    id: "dependent-schema-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "A schema now applies when a property is present.",
    message: "a schema now applies when `{property}` is present",
    detects: "`dependentSchemas` (Core 2020-12 §10.2.2.4; 2019-09+) and the schema form of draft 4-7 `dependencies`, by property name. Entries on both sides are walked as conditional conjuncts (a narrower entry narrows); an entry that is `true`/`{}` constrains nothing. Confluent Schema Registry: `DEPENDENCY_SCHEMA_*`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\"}",
        new: "{\"type\": \"object\", \"dependentSchemas\": {\"a\": {\"required\": [\"b\"]}}}",
        old_pointer: "",
        new_pointer: "/dependentSchemas/a",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\"}",
        new: "{\"type\": \"object\", \"dependentSchemas\": {\"a\": true}}",
    },
}
