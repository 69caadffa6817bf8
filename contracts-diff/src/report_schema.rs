//! The JSON Schema of the JSON reports (`contracts diff|check --format json` at the root,
//! `check --history`, `bump`, `changelog` and `rules` in `$defs`), generated from
//! the Rust types with `schemars`. Committed as `docs/report.schema.json`; `cargo xtask schema`
//! rewrites it and a test keeps it fresh.

use crate::documents::{BumpReport, Changelog, HistoryReport, RuleCatalogue, RuleEntry};
use crate::session::Outcome;

/// The report's JSON Schema (draft 2020-12), as a JSON value: the root describes `diff` and
/// `check` ([`crate::Outcome`]); `$defs` also holds the documents of the other commands,
/// [`HISTORY_DEF`] (`check --history`), [`BUMP_DEF`] (`bump`), [`CHANGELOG_DEF`]
/// (`changelog`), [`RULES_DEF`] and [`RULE_DEF`] (`rules`), each with `--format json`.
pub fn report_schema() -> serde_json::Value {
    let mut root = schemars::schema_for!(Outcome).to_value();
    let others = [
        (HISTORY_DEF, schemars::schema_for!(HistoryReport).to_value()),
        (BUMP_DEF, schemars::schema_for!(BumpReport).to_value()),
        (CHANGELOG_DEF, schemars::schema_for!(Changelog).to_value()),
        (RULES_DEF, schemars::schema_for!(RuleCatalogue).to_value()),
        (RULE_DEF, schemars::schema_for!(RuleEntry).to_value()),
    ];
    for (name, mut schema) in others {
        let Some(object) = schema.as_object_mut() else {
            continue;
        };
        object.remove("$schema");
        // Shared types (`Bump`, `Finding`, `Verdict`...) are the same definitions: one copy, at
        // the root, where the moved schema's `#/$defs/...` references now point.
        if let Some(serde_json::Value::Object(defs)) = object.remove("$defs") {
            for (def, value) in defs {
                root["$defs"][def] = value;
            }
        }
        root["$defs"][name] = schema;
    }
    root
}

/// The name in `$defs` of the `check --history --format json` document.
pub const HISTORY_DEF: &str = "HistoryReport";
/// The name in `$defs` of the `bump --format json` document.
pub const BUMP_DEF: &str = "BumpReport";
/// The name in `$defs` of the `changelog --format json` document.
pub const CHANGELOG_DEF: &str = "Changelog";
/// The name in `$defs` of the `rules --format json` document.
pub const RULES_DEF: &str = "RuleCatalogue";
/// The name in `$defs` of the `rules RULE --format json` document (one rule, with its doc).
pub const RULE_DEF: &str = "RuleEntry";

/// [`report_schema`] as the committed file's text: pretty JSON and a final newline.
pub fn report_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&report_schema()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_the_stable_fields() {
        let schema = report_schema();
        let props = &schema["properties"];
        for field in [
            "required_bump",
            "mode",
            "policy",
            "findings",
            "verdict",
            "allowed",
            "warnings",
        ] {
            assert!(props.get(field).is_some(), "{field} missing: {schema:#}");
        }
        let required = schema["required"].as_array().cloned().unwrap_or_default();
        assert!(required.contains(&"findings".into()));
        assert!(!required.contains(&"verdict".into()));
        assert!(!required.contains(&"allowed".into()));
    }
}
