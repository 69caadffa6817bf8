//! Rule `definition-removed`: A `$defs`/`definitions` entry of the old version of a document is gone. See [`RULE`].

rule! {
    id: "definition-removed",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Fixed(crate::Bump::Major),
    kind: Removal,
    summary: "A `$defs`/`definitions` entry of the old version of a document is gone.",
    message: "definition `{name}` was removed from `{schema}`",
    detects: "A name under a document's top-level `$defs` or `definitions` that the new version of the document lacks (e.g. a Kubernetes API definition removed from `_definitions.json`).",
    why: "Definitions are the package's reusable API: schemas elsewhere `$ref` them by pointer, and such a reference stops resolving. MAJOR in every mode.",
    example: {
        policy: Lenient,
        old: "{\"$defs\": {\"a\": {\"type\": \"string\"}, \"b\": {\"type\": \"integer\"}}}",
        new: "{\"$defs\": {\"a\": {\"type\": \"string\"}}}",
        old_pointer: "/$defs/b",
        new_pointer: "null",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"$defs\": {\"a\": {\"type\": \"string\"}}}",
        new: "{\"$defs\": {\"a\": {\"type\": \"string\", \"maxLength\": 3}}}",
    },
}
