//! SARIF 2.1.0 for code scanning: one run whose tool driver lists the rule registry
//! (`contracts_diff::rules::rules()`), and one result per finding with its rule, level
//! (`error` for MAJOR, `warning` for MINOR, `note` otherwise), message and location (the
//! file as the source was given, and the line of the JSON Pointer when it can be found).

use std::io::{self, Write};

use contracts_diff::Bump;
use serde_json::{json, Value};

use super::Context;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(bump: Bump) -> &'static str {
    match bump {
        Bump::Major => "error",
        Bump::Minor => "warning",
        Bump::Patch | Bump::None => "note",
    }
}

/// The SARIF log as a JSON value.
pub fn log(ctx: &Context<'_>) -> Value {
    let registry = contracts_diff::rules::rules();
    let rules: Vec<Value> = registry
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "name": rule.id,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.summary },
                "help": { "text": rule.doc, "markdown": rule.doc },
                "properties": { "effect": format!("{:?}", rule.effect).to_lowercase() },
            })
        })
        .collect();
    let results: Vec<Value> = ctx
        .report
        .findings
        .iter()
        .map(|finding| {
            let mut result = json!({
                "ruleId": finding.rule,
                "level": level(finding.bump),
                "message": { "text": format!("{}: {}", finding.schema, finding.message) },
                "properties": {
                    "bump": finding.bump.to_string(),
                    "schema": finding.schema,
                },
            });
            if let Some(index) = registry.iter().position(|r| r.id == finding.rule) {
                result["ruleIndex"] = json!(index);
            }
            if let Some((uri, line)) = ctx.file_and_line(finding) {
                let mut physical = json!({ "artifactLocation": { "uri": uri } });
                if let Some(line) = line {
                    physical["region"] = json!({ "startLine": line });
                }
                let pointer = ctx.anchor(finding).map(|(_, l)| l.pointer.clone());
                result["locations"] = json!([{
                    "physicalLocation": physical,
                    "logicalLocations": [{ "fullyQualifiedName": pointer.unwrap_or_default() }],
                }]);
            }
            if let Some(witness) = &finding.witness {
                result["properties"]["witness"] = witness.instance.clone();
            }
            result
        })
        .collect();
    let mut run = json!({
        "tool": { "driver": {
            "name": "contracts",
            "informationUri": "https://example.invalid/contracts",
            "rules": rules,
        } },
        "results": results,
    });
    if let Some(v) = ctx.verdict {
        run["properties"] = json!({ "verdict": v });
    }
    json!({ "$schema": SCHEMA, "version": "2.1.0", "runs": [run] })
}

/// Write the SARIF log as pretty JSON.
pub fn write(out: &mut dyn Write, ctx: &Context<'_>) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(ctx)).map_err(io::Error::from)?;
    writeln!(out)
}
