//! Rule `definition-added`: A `$defs`/`definitions` entry exists only in the new version of a document. See [`RULE`].

rule! {
    id: "definition-added",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Fixed(crate::Bump::Minor),
    kind: Addition,
    summary: "A `$defs`/`definitions` entry exists only in the new version of a document.",
    message: "definition `{name}` was added to `{schema}`",
    detects: "A name under a document's top-level `$defs` (2019-09+, Core 2020-12 §8.2.4) or `definitions` (draft 4-7) that the old version of the document lacks.",
    why: "A new reusable definition is an addition other schemas may start to `$ref`: MINOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"$defs\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"$defs\": {\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"integer\"}}}",
        old_pointer: "null",
        new_pointer: "/$defs/b",
        bumps: [Minor, Minor, Minor],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"$defs\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"$defs\": {\"a\": {\"type\": \"string\", \"maxLength\": 3}}}",
    },
}
