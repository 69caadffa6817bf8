//! Rule `keyword-changed`: A change the walk could not compare in detail. See [`RULE`].

rule! {
    id: "keyword-changed",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "A change the walk could not compare in detail.",
    message: "{what}: {reason}; reported as a change of the accepted values",
    detects: "The conservative fallback: subschemas nested inside more `not`/`oneOf`/`if` sub-walks than the walk follows (12), compared as JSON, a walk that stopped at its budget of subschema pairs, or a `patternProperties` pattern added or removed for which no property name can be found (one no regular-expression engine compiles: neither the `regex` crate nor ECMA-262's `regress`), compared by its text. Reported at the top level whatever the enclosing keywords make of it.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode. Reporting such a change as MAJOR keeps the verdict sound: no change of the accepted set is ever reported as compatible for want of a rule.",
    example: {
        policy: Lenient,
        old: "{\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"type\": \"string\"}}}}}}}}}}}}}}}",
        new: "{\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {\"type\": \"integer\"}}}}}}}}}}}}}}}",
        old_pointer: "/not/not/not/not/not/not/not/not/not/not/not/not/not",
        new_pointer: "/not/not/not/not/not/not/not/not/not/not/not/not/not",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"not\": {\"not\": {\"not\": {\"type\": \"string\"}}}}",
        new: "{\"not\": {\"not\": {\"not\": {\"type\": \"integer\"}}}}",
    },
}
