//! Rule `format-replaced`: An asserted `format` was replaced by another. See [`RULE`].

rule! {
    id: "format-replaced",
    effect: Changed,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "An asserted `format` was replaced by another.",
    message: "asserted `format` changed from {old} to {new}",
    detects: "`format` (Validation 2020-12 §7). By default an annotation (2020-12 §7.2.1; the `jsonschema` validator does not assert it); with `--format-assertion` the known formats (`date-time`, `email`, `uri`, `uuid`, ...) assert, and formats the validator does not know stay annotations. This rule: with `--format-assertion`, one known format replaced by another.",
    why: "Changed: each side accepts values the other rejects, so both directions break: MAJOR in every mode.",
    example: {
        policy: Lenient,
        format_assertion: true,
        old: "{\"type\": \"string\", \"format\": \"email\"}",
        new: "{\"type\": \"string\", \"format\": \"uri\"}",
        old_pointer: "/format",
        new_pointer: "/format",
        bumps: [Major, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"format\": \"email\"}",
        new: "{\"type\": \"string\", \"format\": \"uri\"}",
    },
}
