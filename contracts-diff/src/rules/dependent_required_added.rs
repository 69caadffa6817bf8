//! Rule `dependent-required-added`: A property now requires another when present. See [`RULE`].

rule! {
    id: "dependent-required-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "A property now requires another when present.",
    message: "`{dependency}` is now required whenever `{property}` is present",
    detects: "`dependentRequired` (Validation 2020-12 §6.5.4; 2019-09+) and the array form of draft 4-7 `dependencies`, as (property, required name) pairs. A pair whose name the other side requires anyway changes nothing. Confluent Schema Registry: `DEPENDENCY_ARRAY_*`.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness has the property without the dependency.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\"}",
        new: "{\"type\": \"object\", \"dependentRequired\": {\"a\": [\"b\"]}}",
        old_pointer: "",
        new_pointer: "/dependentRequired/a/0",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"required\": [\"b\"]}",
        new: "{\"type\": \"object\", \"required\": [\"b\"], \"dependentRequired\": {\"a\": [\"b\"]}}",
    },
}
