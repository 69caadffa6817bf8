//! Rule `format-changed`: `format` changed while formats are annotations. See [`RULE`].

rule! {
    id: "format-changed",
    effect: Annotation,
    bump: crate::rules::BumpPolicy::Effect,
    summary: "`format` changed while formats are annotations.",
    message: "`format` changed from {old} to {new} (an annotation: not asserted)",
    detects: "`format` (Validation 2020-12 §7). By default an annotation (2020-12 §7.2.1; the `jsonschema` validator does not assert it); with `--format-assertion` the known formats (`date-time`, `email`, `uri`, `uuid`, ...) assert, and formats the validator does not know stay annotations. This rule: any change without `--format-assertion`.",
    why: "Annotations do not take part in validation, so the set of accepted values is unchanged: PATCH in every mode.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"format\": \"email\"}",
        new: "{\"type\": \"string\", \"format\": \"uri\"}",
        old_pointer: "/format",
        new_pointer: "/format",
        bumps: [Patch, Patch, Patch],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"format\": \"email\"}",
        new: "{\"type\": \"string\", \"format\": \"email\", \"title\": \"x\"}",
    },
}
