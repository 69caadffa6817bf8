//! Rule `format-added`: An asserted `format` was added. See [`RULE`].

rule! {
    id: "format-added",
    effect: Narrowed,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Addition,
    summary: "An asserted `format` was added.",
    message: "asserted `format` changed from {old} to {new}",
    detects: "`format` (Validation 2020-12 §7). By default an annotation (2020-12 §7.2.1; the `jsonschema` validator does not assert it); with `--format-assertion` the known formats (`date-time`, `email`, `uri`, `uuid`, ...) assert, and formats the validator does not know stay annotations. This rule: with `--format-assertion`, a known format added.",
    why: "Narrowed: the new schema accepts fewer values, so data valid under the old schema can be rejected: MAJOR under `backward` and `full`, MINOR under `forward`. The witness is a string not in the format.",
    example: {
        policy: Lenient,
        format_assertion: true,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"string\", \"format\": \"email\"}",
        old_pointer: "",
        new_pointer: "/format",
        bumps: [Major, Minor, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\"}",
        new: "{\"type\": \"string\", \"format\": \"email\"}",
    },
}
