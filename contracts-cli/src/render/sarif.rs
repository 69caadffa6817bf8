//! SARIF 2.1.0 for code scanning: one run whose tool driver lists the rule registry
//! (`contracts_diff::rules::rules()`), and one result per finding with its rule, level
//! (`error` for a finding above the allowed bump, the declared one for `check`, MINOR for
//! `diff`; else `warning` for MAJOR and MINOR, `note` otherwise: see
//! [`Context::severity`]), message and location (the
//! file as the source was given, and the line of the JSON Pointer when it can be found).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Context, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The SARIF log as a JSON value.
pub fn log(ctx: &Context<'_>) -> Value {
    let properties = ctx.verdict.map(|v| json!({ "verdict": v }));
    wrap(vec![run(results(ctx), properties)])
}

/// The rule registry as the tool driver's `rules`.
fn rules() -> Vec<Value> {
    contracts_diff::rules::rules()
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
        .collect()
}

/// One result per finding of `ctx.report`, with its rule (and its index in the registry the
/// driver lists), level, message, location and witness.
pub fn results(ctx: &Context<'_>) -> Vec<Value> {
    let registry = contracts_diff::rules::rules();
    ctx.report
        .findings
        .iter()
        .map(|finding| {
            let mut result = json!({
                "ruleId": finding.rule,
                "level": level(ctx.severity(finding)),
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
        .collect()
}

/// One run of the `contracts` tool (its driver listing the rule registry) with `results` and,
/// when given, the run's `properties`.
pub fn run(results: Vec<Value>, properties: Option<Value>) -> Value {
    let mut run = json!({
        "tool": { "driver": {
            "name": "contracts",
            "informationUri": "https://example.invalid/contracts",
            "rules": rules(),
        } },
        "results": results,
    });
    if let Some(properties) = properties {
        run["properties"] = properties;
    }
    run
}

/// The SARIF 2.1.0 log holding `runs`.
pub fn wrap(runs: Vec<Value>) -> Value {
    json!({ "$schema": SCHEMA, "version": "2.1.0", "runs": runs })
}

/// Write a SARIF log (from [`log`] or [`wrap`]) as pretty JSON.
pub fn write_log(out: &mut dyn Write, log: &Value) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, log).map_err(io::Error::from)?;
    writeln!(out)
}

/// Write the SARIF log as pretty JSON.
pub fn write(out: &mut dyn Write, ctx: &Context<'_>) -> io::Result<()> {
    write_log(out, &log(ctx))
}
