//! Rule `contains-changed`: The `contains` subschema changed under `maxContains`. See [`RULE`].

rule! {
    id: "contains-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "The `contains` subschema changed under `maxContains`.",
    message: "`contains` changed under `maxContains`: {changes}",
    detects: "With `maxContains` (Validation 2020-12 §6.4.4) on either side, a narrower `contains` counts fewer items, which can both reject (below `minContains`) and accept (within `maxContains`) arrays: any change of the `contains` pair is reported here. Without `maxContains`, `contains` is monotone and the pair is walked as a plain subschema.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}, \"maxContains\": 2}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\", \"minimum\": 0}, \"maxContains\": 2}",
        old_pointer: "/contains",
        new_pointer: "/contains",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\"}}",
        new: "{\"type\": \"array\", \"contains\": {\"type\": \"integer\", \"minimum\": 0}}",
    },
}
