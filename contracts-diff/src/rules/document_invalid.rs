//! Rule `document-invalid`: A schema document that loaded in the old package does not load in
//! the new one. See [`RULE`].

rule! {
    id: "document-invalid",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Fixed(crate::Bump::Major),
    summary: "A schema document that loaded in the old package does not load in the new one.",
    message: "schema `{schema}` ({file}) does not load in the new package: {error}",
    detects: "With `--keep-going` (or `on_invalid = \"skip\"` in contracts.toml) a document that does not load (malformed, not a valid schema of its draft, a `$ref` that does not resolve or leads into a document that did not load, an `$id` another document claims) is left out of the diff and reported by this rule, with the load error as its message. A document broken on both sides is not reported (it is listed on stderr); one broken only in the old package is diffed as nothing against the new one and not reported either.",
    why: "Consumers of the new package cannot validate with a schema that does not load, and the change cannot be classified: MAJOR in every mode. The finding names the old document's root and the new file; it has no witness.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": 5}",
        old_pointer: "",
        new_pointer: "",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": 5}",
        new: "{\"type\": 6}",
    },
}
