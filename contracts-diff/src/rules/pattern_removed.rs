//! Rule `pattern-removed`: A `pattern` was removed. See [`RULE`].

rule! {
    id: "pattern-removed",
    effect: Widened,
    bump: crate::rules::BumpPolicy::Effect,
    kind: Removal,
    summary: "A `pattern` was removed.",
    message: "pattern {pattern} removed",
    detects: "A regular expression of the old subschema that no part of the new one has. A pattern every string matches (unanchored, and matching the empty string, e.g. `[a-z]*`) asserts nothing and is not reported. Confluent Schema Registry: `PATTERN_REMOVED`.",
    why: "Widened: the new schema accepts more values, so readers on the old schema can meet data they reject: MAJOR under `forward` and `full`, MINOR under `backward`.",
    example: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"pattern\": \"^a\"}",
        new: "{\"type\": \"string\"}",
        old_pointer: "/pattern",
        new_pointer: "",
        bumps: [Minor, Major, Major],
    },
    lookalike: {
        policy: Lenient,
        old: "{\"type\": \"string\", \"allOf\": [{\"pattern\": \"^a\"}]}",
        new: "{\"type\": \"string\", \"pattern\": \"^a\"}",
    },
}

#[cfg(test)]
mod vacuous_tests {
    use crate::testkit::diff_values;
    use crate::DiffOptions;
    use serde_json::json;

    #[test]
    fn a_pattern_every_string_matches_asserts_nothing() {
        // Unanchored `[a-z]*` matches the empty prefix of any string (Validation 2020-12
        // §6.3.3); anchored at both ends it does not.
        let old = json!({"type": "string", "pattern": "[a-z]*"});
        let new = json!({"type": "string"});
        let report = diff_values(&old, &new, DiffOptions::default());
        assert!(report.findings.is_empty(), "{:#?}", report.findings);
        let report = diff_values(&new, &old, DiffOptions::default());
        assert!(report.findings.is_empty(), "{:#?}", report.findings);
        let anchored = json!({"type": "string", "pattern": "^[a-z]*$"});
        let report = diff_values(&anchored, &new, DiffOptions::default());
        assert!(report.findings.iter().any(|f| f.rule == "pattern-removed"));
    }
}
