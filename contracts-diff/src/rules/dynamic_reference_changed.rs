//! Rule `dynamic-reference-changed`: A document that uses `$dynamicRef`/`$recursiveRef` changed. See [`RULE`].

rule! {
    id: "dynamic-reference-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "A document that uses `$dynamicRef`/`$recursiveRef` changed.",
    message: "`{schema}` uses `$dynamicRef`/`$recursiveRef`, which the walk reads statically, and it changed",
    detects: "The walk reads `$dynamicRef` (Core 2020-12 §8.2.3.2) and `$recursiveRef` (2019-09) statically, as a `$ref` to their initial target; the target the dynamic scope selects (a `$dynamicAnchor` in an outer resource) can differ. So any change to a document that uses them is also reported here, besides what the walk finds.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode. The static reading may miss a change of the dynamic target; reporting the document as changed keeps the verdict sound.",
    example: {
        policy: Lenient,
        old: "{\"$id\": \"https://example.com/tree\", \"$dynamicAnchor\": \"node\", \"type\": \"object\", \"properties\": {\"children\": {\"type\": \"array\", \"items\": {\"$dynamicRef\": \"#node\"}}}}",
        new: "{\"$id\": \"https://example.com/tree\", \"$dynamicAnchor\": \"node\", \"type\": \"object\", \"properties\": {\"children\": {\"type\": \"array\", \"items\": {\"$dynamicRef\": \"#node\"}}}, \"maxProperties\": 3}",
        old_pointer: "",
        new_pointer: "",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}, \"maxProperties\": 3}",
    },
}
