//! Rule `dependent-required-removed`: A property no longer requires another when present. See [`RULE`].

rule! {
    id: "dependent-required-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "A property no longer requires another when present.",
    message: "`{dependency}` is no longer required when `{property}` is present",
    detects: "`dependentRequired` (Validation 2020-12 §6.5.4; 2019-09+) and the array form of draft 4-7 `dependencies`, as (property, required name) pairs. A pair whose name the other side requires anyway changes nothing. Confluent Schema Registry: `DEPENDENCY_ARRAY_*`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"dependentRequired\": {\"a\": [\"b\"]}}",
        new: "{\"type\": \"object\"}",
        old_pointer: "/dependentRequired/a/0",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"required\": [\"b\"], \"dependentRequired\": {\"a\": [\"b\"]}}",
        new: "{\"type\": \"object\", \"required\": [\"b\"]}",
    },
}
