//! Rule `unevaluated-changed`: A subschema whose `unevaluated*` depends on branches changed. See [`RULE`].

rule! {
    id: "unevaluated-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "A subschema whose `unevaluated*` depends on branches changed.",
    message: "a subschema whose `{keyword}` depends on branches changed: {changes}",
    detects: "`unevaluatedProperties`/`unevaluatedItems` (Core 2020-12 §11) see what adjacent applicators evaluated. The walk models them exactly through `$ref`/`allOf` (whose keywords join the node); when an `anyOf`/`oneOf`/`if`/`dependentSchemas` (or `contains`, for items) can also evaluate properties or items, the node is walked by the approximate model and any change of its accepted set is reported here, with the first inner finding in the message.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"anyOf\": [{\"properties\": {\"a\": {\"type\": \"string\"}}}], \"unevaluatedProperties\": false}",
        new: "{\"type\": \"object\", \"anyOf\": [{\"properties\": {\"a\": {\"type\": \"string\", \"maxLength\": 3}}}], \"unevaluatedProperties\": false}",
        old_pointer: "/unevaluatedProperties",
        new_pointer: "/unevaluatedProperties",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}, \"unevaluatedProperties\": false}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"maxLength\": 3}}, \"unevaluatedProperties\": false}",
    },
}
