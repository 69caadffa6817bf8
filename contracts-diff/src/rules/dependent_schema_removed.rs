//! Rule `dependent-schema-removed`: The schema applied when a property is present was removed. See [`RULE`].

rule! {
    id: "dependent-schema-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The schema applied when a property is present was removed.",
    detects: "`dependentSchemas` (Core 2020-12 §10.2.2.4; 2019-09+) and the schema form of draft 4-7 `dependencies`, by property name. Entries on both sides are walked as conditional conjuncts (a narrower entry narrows); an entry that is `true`/`{}` constrains nothing. Confluent Schema Registry: `DEPENDENCY_SCHEMA_*`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"dependentSchemas\": {\"a\": {\"required\": [\"b\"]}}}",
        new: "{\"type\": \"object\"}",
        old_pointer: "/dependentSchemas/a",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"dependentSchemas\": {\"a\": true}}",
        new: "{\"type\": \"object\"}",
    },
}
