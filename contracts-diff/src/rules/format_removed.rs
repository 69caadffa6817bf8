//! Rule `format-removed`: An asserted `format` was removed. See [`RULE`].

rule! {
    id: "format-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "An asserted `format` was removed.",
    message: "asserted `format` changed from {old} to {new}",
    detects: "`format` (Validation 2020-12 §7). By default an annotation (2020-12 §7.2.1; the `jsonschema` validator does not assert it); with `--format-assertion` the known formats (`date-time`, `email`, `uri`, `uuid`, ...) assert, and formats the validator does not know stay annotations. This rule: with `--format-assertion`, a known format removed.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        format_assertion: true,
        old: "{\"type\": \"string\", \"format\": \"email\"}",
        new: "{\"type\": \"string\"}",
        old_pointer: "/format",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"format\": \"email\"}",
        new: "{\"type\": \"string\"}",
    },
}
