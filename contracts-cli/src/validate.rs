//! `contracts validate PACKAGE SCHEMA PAYLOAD...` and `contracts validate PACKAGE --examples`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use contracts_core::validate::{ValidationIssue, ValidatorOptions};
use contracts_core::{Location, Package};
use owo_colors::OwoColorize;
use serde::Serialize;
use serde_json::Value;

use crate::args::{load_package, SOURCES_HELP};
use crate::error::{CliError, CmdResult, EXIT_FAILED, EXIT_OK};

/// Arguments of `contracts validate`.
#[derive(Debug, Clone, Args)]
#[command(after_help = SOURCES_HELP)]
#[command(long_about = "\
Validate payloads against a named schema of a package, or the package's own examples.

Each PAYLOAD is a file (or `-` for stdin) holding one JSON value, or JSON Lines (one value per
line). Every error is printed with its instance path (where in the payload) and its schema path
(the failing keyword, through $refs). With --examples, every `examples` and `default` value in
every schema is validated against the subschema that holds it.

With --format json, stdout is one JSON document: `valid` (bool), `checked` (how many values)
and `results`, one per value, each with `valid` and its `errors` (`instance_path`,
`schema_path` relative to the validated schema, `schema_location` as FILE#POINTER, `message`).

Exit codes: 0 all valid, 1 something is invalid, 2 bad input (unknown schema, unreadable or
malformed payload, invalid package).")]
pub struct ValidateArgs {
    /// The package (folder, file, .tgz or git:REV:PATH).
    #[arg(value_name = "PACKAGE")]
    pub package: String,

    /// The schema's name in the package (e.g. events/import.progress.v2).
    #[arg(value_name = "SCHEMA", required_unless_present = "examples")]
    pub schema: Option<String>,

    /// Payload files; `-` reads stdin.
    #[arg(value_name = "PAYLOAD", required_unless_present = "examples")]
    pub payloads: Vec<String>,

    /// Validate every `examples`/`default` value inside the package's schemas instead.
    #[arg(long, conflicts_with_all = ["schema", "payloads"])]
    pub examples: bool,

    /// Treat `format` as an assertion (default: an annotation, as 2020-12 says).
    #[arg(long)]
    pub format_assertion: bool,

    /// Output format: `text` for people, `json` for machines.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
}

/// The output formats of `contracts validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// One line per value, errors indented below it, and a summary.
    Text,
    /// One JSON document: `valid`, `checked` and a result per value with its errors.
    Json,
}

/// One validated value in the JSON output.
#[derive(Debug, Serialize)]
struct ValueResult {
    /// The payload (`FILE`, `FILE:LINE` for JSON Lines, `<stdin>`), or, for `--examples`,
    /// the value's location as `FILE#POINTER`.
    value: String,
    valid: bool,
    errors: Vec<IssueOut>,
}

/// One validation error in the JSON output.
#[derive(Debug, Serialize)]
struct IssueOut {
    instance_path: String,
    schema_path: String,
    /// `FILE#POINTER` of the failing keyword in the package.
    schema_location: String,
    message: String,
}

impl IssueOut {
    fn new(issue: ValidationIssue, schema: &Location) -> Self {
        IssueOut {
            schema_location: format!(
                "{}#{}",
                schema.file,
                pointer_join(&schema.pointer, &issue.schema_path)
            ),
            instance_path: issue.instance_path,
            schema_path: issue.schema_path,
            message: issue.message,
        }
    }
}

/// The JSON output of `contracts validate`.
#[derive(Debug, Serialize)]
struct JsonOutput {
    valid: bool,
    checked: usize,
    results: Vec<ValueResult>,
}

fn write_json(results: Vec<ValueResult>) -> Result<bool, CliError> {
    let valid = results.iter().all(|r| r.valid);
    let output = JsonOutput {
        valid,
        checked: results.len(),
        results,
    };
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &output).map_err(std::io::Error::from)?;
    writeln!(out)?;
    out.flush()?;
    Ok(valid)
}

fn exit(valid: bool) -> CmdResult {
    Ok(ExitCode::from(if valid { EXIT_OK } else { EXIT_FAILED }))
}

/// Run the validation.
pub fn run(args: &ValidateArgs) -> CmdResult {
    let mut package = load_package(&args.package, None)?;
    // A pattern no engine compiles loads with a warning; validate everything else and say
    // what was not checked, rather than refuse the schema.
    if let Some((checked, warnings)) = package.without_uncompilable_patterns() {
        let mut err = anstream::stderr().lock();
        for warning in warnings {
            writeln!(
                err,
                "{} {warning} (in {})",
                "warning:".yellow().bold(),
                args.package
            )?;
        }
        package = checked;
    }
    let options = ValidatorOptions {
        format_assertion: args.format_assertion,
    };
    if args.examples {
        return examples(&package, options, args.format);
    }
    let name = args.schema.as_deref().unwrap_or_default();
    let doc = package
        .get(name)
        .or_else(|| {
            package
                .documents
                .values()
                .find(|d| d.file == name || d.id() == Some(name))
        })
        .ok_or_else(|| {
            CliError::Input(format!(
                "{}: no schema named `{name}` (schemas: {})",
                package.label,
                package
                    .documents
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    let validator = package.validator(&doc.location(), options)?;
    // Read and parse every payload first: bad input exits 2 before anything is judged.
    let mut instances = Vec::new();
    for payload in &args.payloads {
        let text = read_payload(payload)?;
        instances.extend(parse_payload(payload, &text)?);
    }
    let schema = doc.location();
    let results: Vec<ValueResult> = instances
        .iter()
        .map(|(label, value)| {
            let errors: Vec<IssueOut> = validator
                .issues(value)
                .into_iter()
                .map(|i| IssueOut::new(i, &schema))
                .collect();
            ValueResult {
                value: label.clone(),
                valid: errors.is_empty(),
                errors,
            }
        })
        .collect();
    if args.format == ValidateFormat::Json {
        return exit(write_json(results)?);
    }
    let mut out = anstream::stdout().lock();
    let mut invalid = 0;
    for r in &results {
        if r.valid {
            writeln!(out, "{} {}", "valid".green(), r.value)?;
            continue;
        }
        invalid += 1;
        writeln!(
            out,
            "{} {} ({} errors)",
            "INVALID".red().bold(),
            r.value,
            r.errors.len()
        )?;
        write_issues(&mut out, &r.errors)?;
    }
    writeln!(
        out,
        "{} of {} payloads valid against {}",
        results.len() - invalid,
        results.len(),
        doc.name
    )?;
    out.flush()?;
    exit(invalid == 0)
}

/// The errors of one value, indented, as the text output shows them.
fn write_issues(out: &mut impl Write, issues: &[IssueOut]) -> std::io::Result<()> {
    for issue in issues {
        let at = if issue.instance_path.is_empty() {
            "/"
        } else {
            &issue.instance_path
        };
        writeln!(out, "  at {at}: {}", issue.message)?;
        writeln!(out, "    schema: {}", issue.schema_location)?;
    }
    Ok(())
}

fn pointer_join(root: &str, rest: &str) -> String {
    format!("{root}{rest}")
}

fn read_payload(payload: &str) -> Result<String, CliError> {
    if payload == "-" {
        let limit = crate::args::InputFlags::get().max_input_size;
        let bytes = contracts_core::input::read_limited(
            std::io::stdin().lock(),
            limit,
            std::path::Path::new("<stdin>"),
        )
        .map_err(|e| CliError::Input(format!("cannot read {e}")))?;
        return String::from_utf8(bytes)
            .map_err(|e| CliError::Input(format!("<stdin>: not UTF-8: {e}")));
    }
    crate::args::read_input(std::path::Path::new(payload))
}

/// One JSON value, else JSON Lines (one value per non-empty line), labelled for the output.
fn parse_payload(payload: &str, text: &str) -> Result<Vec<(String, Value)>, CliError> {
    let label = if payload == "-" { "<stdin>" } else { payload };
    match serde_json::from_str::<Value>(text) {
        Ok(value) => Ok(vec![(label.to_string(), value)]),
        Err(whole) => {
            let lines: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .collect();
            if lines.len() < 2 {
                return Err(CliError::Input(format!(
                    "{label}:{}:{}: not JSON: {whole}",
                    whole.line(),
                    whole.column()
                )));
            }
            lines
                .into_iter()
                .enumerate()
                .map(|(n, (i, line))| {
                    serde_json::from_str(line)
                        .map(|v| (format!("{label}:{}", i + 1), v))
                        .map_err(|e| {
                            // The first line is no JSON value of its own: the text is not JSON
                            // Lines at all (pretty-printed JSON), so the whole document's error
                            // and position are the ones that help.
                            if n == 0 {
                                CliError::Input(format!(
                                    "{label}:{}:{}: not JSON: {whole}",
                                    whole.line(),
                                    whole.column()
                                ))
                            } else {
                                CliError::Input(format!(
                                    "{label}:{}:{}: not JSON (nor JSON Lines): {e}",
                                    i + 1,
                                    e.column()
                                ))
                            }
                        })
                })
                .collect()
        }
    }
}

/// Keywords whose value is a subschema.
const SCHEMA_KEYWORDS: &[&str] = &[
    "additionalItems",
    "additionalProperties",
    "contains",
    "contentSchema",
    "else",
    "if",
    "items",
    "not",
    "propertyNames",
    "then",
    "unevaluatedItems",
    "unevaluatedProperties",
];
/// Keywords whose value is an array of subschemas.
const SCHEMA_ARRAYS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems", "items"];
/// Keywords whose value is an object of subschemas.
const SCHEMA_MAPS: &[&str] = &[
    "$defs",
    "definitions",
    "dependentSchemas",
    "patternProperties",
    "properties",
    "dependencies",
];

/// Every subschema of `value` (at JSON Pointer `at`) that is an object, with its pointer.
fn subschemas<'a>(value: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    let Some(object) = value.as_object() else {
        return;
    };
    out.push((at.clone(), value));
    for (key, child) in object {
        let here = format!("{at}/{}", contracts_core::pointer::escape(key));
        if SCHEMA_KEYWORDS.contains(&key.as_str()) && child.is_object() {
            subschemas(child, here.clone(), out);
        }
        if SCHEMA_ARRAYS.contains(&key.as_str()) {
            if let Some(items) = child.as_array() {
                for (i, item) in items.iter().enumerate() {
                    subschemas(item, format!("{here}/{i}"), out);
                }
            }
        }
        if SCHEMA_MAPS.contains(&key.as_str()) {
            if let Some(map) = child.as_object() {
                for (name, item) in map {
                    subschemas(
                        item,
                        format!("{here}/{}", contracts_core::pointer::escape(name)),
                        out,
                    );
                }
            }
        }
    }
}

fn examples(package: &Package, options: ValidatorOptions, format: ValidateFormat) -> CmdResult {
    // One registry for the package; each subschema's validator compiled once.
    let validators = package.validators(options)?;
    let mut results = Vec::new();
    for doc in package.documents.values() {
        let mut found = Vec::new();
        subschemas(&doc.value, String::new(), &mut found);
        for (pointer, schema) in found {
            let mut values: Vec<(String, &Value)> = Vec::new();
            if let Some(list) = schema.get("examples").and_then(Value::as_array) {
                for (i, v) in list.iter().enumerate() {
                    values.push((format!("{pointer}/examples/{i}"), v));
                }
            }
            if let Some(v) = schema.get("default") {
                values.push((format!("{pointer}/default"), v));
            }
            if values.is_empty() {
                continue;
            }
            let location = Location::new(doc.file.clone(), format!("{}{pointer}", doc.pointer));
            let validator = validators.get(&location)?;
            for (at, value) in values {
                let errors: Vec<IssueOut> = validator
                    .issues(value)
                    .into_iter()
                    .map(|i| IssueOut::new(i, &location))
                    .collect();
                results.push(ValueResult {
                    value: format!("{}#{}{at}", doc.file, doc.pointer),
                    valid: errors.is_empty(),
                    errors,
                });
            }
        }
    }
    if format == ValidateFormat::Json {
        return exit(write_json(results)?);
    }
    let mut out = anstream::stdout().lock();
    let mut invalid = 0;
    for r in results.iter().filter(|r| !r.valid) {
        invalid += 1;
        writeln!(out, "{} {}", "INVALID".red().bold(), r.value)?;
        write_issues(&mut out, &r.errors)?;
    }
    writeln!(
        out,
        "{} of {} examples and defaults valid in {} schemas",
        results.len() - invalid,
        results.len(),
        package.documents.len()
    )?;
    out.flush()?;
    exit(invalid == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        match parse_payload("p.json", text) {
            Err(CliError::Input(message)) => message,
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    /// Issue 13 item 13: pretty-printed JSON with a trailing comma is reported where the JSON
    /// error is, not at `1:1` of a JSON Lines reading.
    #[test]
    fn pretty_json_errors_keep_their_position() {
        let message = error("{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3,\n}\n");
        assert!(message.starts_with("p.json:5:1: not JSON: "), "{message}");
        // Real JSON Lines with a bad third line still name that line.
        let message = error("{\"a\": 1}\n{\"a\": 2}\n{\"a\": }\n");
        assert!(message.starts_with("p.json:3:"), "{message}");
        assert!(message.contains("nor JSON Lines"), "{message}");
    }
}
