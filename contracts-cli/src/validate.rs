//! `contracts validate PACKAGE SCHEMA PAYLOAD...` and `contracts validate PACKAGE --examples`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use contracts_core::validate::{ValidationIssue, ValidatorOptions};
use contracts_core::{Location, Package, RefResolver};
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
line), read, judged and printed line by line (--max-input-size bounds a line, or a whole
document). A malformed value ends the run with exit 2 after the results before it. Every error
is printed with its instance path (where in the payload), the failing keyword's location
(FILE#POINTER of the keyword itself) and its evaluation path (through $refs). With --examples,
every `examples` and `default` value in every schema is validated against the subschema that
holds it.

With --format json, stdout is one JSON document: `valid` (bool), `checked` (how many values)
and `results`, one per value, each with `valid` and its `errors` (`instance_path`,
`schema_location`: the failing keyword itself as FILE#POINTER, in the file that holds it;
`evaluation_path`: the way to it from the validated schema through $refs, also under its
first name `schema_path`; `message`); when bad input ended the run, `error` says why.

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

    #[command(flatten)]
    pub output: crate::output::OutputFlag,
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
    /// The evaluation path, relative to the validated schema (kept under its first name).
    schema_path: String,
    /// The evaluation path (JSON Schema Core 2020-12 §12.4.2): the keywords followed from the
    /// validated schema, through `$ref`s, to the failing keyword.
    evaluation_path: String,
    /// `FILE#POINTER` of the failing keyword itself in the package: its absolute keyword
    /// location, in the file that holds it (across `$ref`s and files).
    schema_location: String,
    message: String,
}

impl IssueOut {
    fn new(issue: ValidationIssue, schema: &Location, resolver: Option<&RefResolver<'_>>) -> Self {
        let keyword = issue
            .absolute_keyword_location
            .as_deref()
            .zip(resolver)
            .and_then(|(uri, resolver)| resolver.keyword_location(uri));
        let schema_location = match keyword {
            Some(location) => format!("{}#{}", location.file, location.pointer),
            // No absolute location from the validator: the evaluation path from the schema.
            None => format!(
                "{}#{}",
                schema.file,
                pointer_join(&schema.pointer, &issue.schema_path)
            ),
        };
        IssueOut {
            schema_location,
            instance_path: issue.instance_path,
            evaluation_path: issue.schema_path.clone(),
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
    let mut out = crate::output::plain();
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
    let schema = doc.location();
    // Maps each error's absolute keyword location to its file and pointer.
    let resolver = package.resolver().ok();
    let check_value = |label: String, value: &Value| {
        let errors: Vec<IssueOut> = validator
            .issues(value)
            .into_iter()
            .map(|i| IssueOut::new(i, &schema, resolver.as_ref()))
            .collect();
        ValueResult {
            value: label,
            valid: errors.is_empty(),
            errors,
        }
    };
    // Payloads are read value by value (JSON Lines line by line) and each is judged and
    // written as it is read: memory stays bounded by the longest value, not the input. A
    // malformed value ends the run with exit 2 after the results before it.
    let limit = crate::args::InputFlags::get().max_input_size;
    let (mut checked, mut invalid) = (0usize, 0usize);
    if args.format == ValidateFormat::Json {
        let mut out = crate::output::plain();
        write!(out, "{{\n  \"results\": [")?;
        let mut failure = None;
        'payloads: for payload in &args.payloads {
            let mut values = match Payload::open(payload, limit) {
                Ok(values) => values,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            };
            loop {
                let (label, value) = match values.next_value() {
                    Ok(Some(item)) => item,
                    Ok(None) => break,
                    Err(e) => {
                        failure = Some(e);
                        break 'payloads;
                    }
                };
                let result = check_value(label, &value);
                invalid += usize::from(!result.valid);
                write!(out, "{}\n    ", if checked == 0 { "" } else { "," })?;
                checked += 1;
                let text = serde_json::to_string_pretty(&result).map_err(std::io::Error::from)?;
                write!(out, "{}", text.replace('\n', "\n    "))?;
            }
        }
        // The document stays well-formed JSON even when bad input ends the run: it then says
        // why, in `error`, and the exit code is 2.
        write!(
            out,
            "{}],\n  \"valid\": {},\n  \"checked\": {checked}",
            if checked == 0 { "" } else { "\n  " },
            invalid == 0 && failure.is_none()
        )?;
        if let Some(e) = &failure {
            write!(out, ",\n  \"error\": {}", Value::String(e.to_string()))?;
        }
        writeln!(out, "\n}}")?;
        out.flush()?;
        return match failure {
            Some(e) => Err(e),
            None => exit(invalid == 0),
        };
    }
    let mut out = crate::output::styled();
    for payload in &args.payloads {
        let mut values = Payload::open(payload, limit)?;
        while let Some((label, value)) = values.next_value()? {
            let r = check_value(label, &value);
            checked += 1;
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
    }
    writeln!(
        out,
        "{} of {} payloads valid against {}",
        checked - invalid,
        checked,
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
        // The way there, when it went through a reference (else it reads as the location).
        let through_ref = issue
            .evaluation_path
            .split('/')
            .any(|t| matches!(t, "$ref" | "$dynamicRef" | "$recursiveRef"));
        if through_ref {
            writeln!(out, "    via: {}", issue.evaluation_path)?;
        }
    }
    Ok(())
}

fn pointer_join(root: &str, rest: &str) -> String {
    format!("{root}{rest}")
}

/// One payload (a file, or `-` for stdin) read value by value: one JSON value, else JSON Lines
/// (one value per non-empty line).
///
/// The first non-empty line decides: when it is a JSON value of its own, the payload is JSON
/// Lines and is read line by line (each line at most `limit` bytes); otherwise it is one
/// (pretty-printed) JSON document, read whole (at most `limit` bytes) and parsed at once, so
/// its errors are reported at their real line and column.
struct Payload {
    label: String,
    reader: Box<dyn std::io::BufRead>,
    limit: u64,
    /// The 1-based number of the last line read.
    line: usize,
    /// A value read ahead (to tell one line from JSON Lines) and its line.
    ahead: Option<(usize, Value)>,
    done: bool,
}

impl Payload {
    fn open(payload: &str, limit: u64) -> Result<Payload, CliError> {
        let (label, reader): (String, Box<dyn std::io::BufRead>) = if payload == "-" {
            (
                "<stdin>".into(),
                Box::new(std::io::BufReader::new(std::io::stdin())),
            )
        } else {
            let file = contracts_core::input::open_regular_file(std::path::Path::new(payload))
                .map_err(read_error)?;
            (payload.into(), Box::new(std::io::BufReader::new(file)))
        };
        Ok(Payload {
            label,
            reader,
            limit,
            line: 0,
            ahead: None,
            done: false,
        })
    }

    /// The next non-blank line (without its end), with its number; `None` at the end. Blank
    /// lines read on the way are appended to `skipped` when given.
    fn next_line(
        &mut self,
        mut skipped: Option<&mut Vec<u8>>,
    ) -> Result<Option<(usize, Vec<u8>)>, CliError> {
        loop {
            let mut buf = Vec::new();
            let more = contracts_core::input::read_line_limited(
                &mut self.reader,
                &mut buf,
                self.limit,
                std::path::Path::new(&self.label),
            )
            .map_err(read_error)?;
            if !more {
                return Ok(None);
            }
            self.line += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                if let Some(s) = skipped.as_deref_mut() {
                    s.extend_from_slice(&buf);
                }
                continue;
            }
            return Ok(Some((self.line, buf)));
        }
    }

    /// The next value with its label, `None` at the end of the payload.
    fn next_value(&mut self) -> Result<Option<(String, Value)>, CliError> {
        if self.done {
            return Ok(None);
        }
        if self.line == 0 {
            // The first value decides between one JSON document and JSON Lines.
            let mut head = Vec::new();
            let Some((n, first)) = self.next_line(Some(&mut head))? else {
                self.done = true;
                return Err(self.whole_error(&head));
            };
            match serde_json::from_slice::<Value>(&first) {
                Ok(value) => match self.next_line(None)? {
                    None => {
                        self.done = true;
                        return Ok(Some((self.label.clone(), value)));
                    }
                    Some((m, second)) => {
                        let second = self.parse_line(m, &second)?;
                        self.ahead = Some((m, second));
                        return Ok(Some((format!("{}:{n}", self.label), value)));
                    }
                },
                Err(_) => {
                    // Not a value of its own: one (pretty-printed) document, read whole.
                    head.extend_from_slice(&first);
                    let left = self.limit.saturating_sub(head.len() as u64);
                    std::io::Read::read_to_end(
                        &mut std::io::Read::take(&mut self.reader, left.saturating_add(1)),
                        &mut head,
                    )
                    .map_err(|e| CliError::Input(format!("{}: cannot read: {e}", self.label)))?;
                    if head.len() as u64 > self.limit {
                        return Err(CliError::Input(format!(
                            "{}: cannot read: {}",
                            self.label,
                            contracts_core::input::too_large(self.limit)
                        )));
                    }
                    self.done = true;
                    return match serde_json::from_slice::<Value>(&head) {
                        Ok(value) => Ok(Some((self.label.clone(), value))),
                        Err(_) => Err(self.whole_error(&head)),
                    };
                }
            }
        }
        if let Some((n, value)) = self.ahead.take() {
            return Ok(Some((format!("{}:{n}", self.label), value)));
        }
        match self.next_line(None)? {
            None => {
                self.done = true;
                Ok(None)
            }
            Some((n, line)) => {
                let value = self.parse_line(n, &line)?;
                Ok(Some((format!("{}:{n}", self.label), value)))
            }
        }
    }

    fn parse_line(&mut self, n: usize, line: &[u8]) -> Result<Value, CliError> {
        serde_json::from_slice(line).map_err(|e| {
            self.done = true;
            CliError::Input(format!(
                "{}:{n}:{}: not JSON (nor JSON Lines): {e}",
                self.label,
                e.column()
            ))
        })
    }

    /// The error of `text` read as one JSON document, at its line and column.
    fn whole_error(&self, text: &[u8]) -> CliError {
        match serde_json::from_slice::<Value>(text) {
            Ok(_) => CliError::Input(format!("{}: not JSON", self.label)),
            Err(e) => CliError::Input(format!(
                "{}:{}:{}: not JSON: {e}",
                self.label,
                e.line(),
                e.column()
            )),
        }
    }
}

fn read_error(e: contracts_core::LoadError) -> CliError {
    match e {
        contracts_core::LoadError::Io { path, message } => {
            CliError::Input(format!("{}: cannot read: {message}", path.display()))
        }
        other => CliError::Input(other.to_string()),
    }
}

fn examples(package: &Package, options: ValidatorOptions, format: ValidateFormat) -> CmdResult {
    // One registry for the package, built when the first example is met (a package without
    // examples registers nothing more than loading did); each subschema's validator compiled
    // once.
    let mut registries = None;
    let mut results = Vec::new();
    for doc in package.documents.values() {
        // Every subschema object, at the schema positions of its draft (core's one walker).
        let mut found: Vec<(String, &Value)> = Vec::new();
        contracts_core::walk::for_each_subschema(
            &doc.value,
            "",
            doc.draft,
            &mut |schema, at, _| {
                if schema.is_object() {
                    found.push((at.to_string(), schema));
                }
            },
        );
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
            if registries.is_none() {
                registries = Some((package.validators(options)?, package.resolver().ok()));
            }
            let Some((validators, resolver)) = &registries else {
                continue;
            };
            let validator = validators.get(&location)?;
            for (at, value) in values {
                let errors: Vec<IssueOut> = validator
                    .issues(value)
                    .into_iter()
                    .map(|i| IssueOut::new(i, &location, resolver.as_ref()))
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
    let mut out = crate::output::styled();
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

    /// Every value of `text` read as the payload `p.json`, or the first error.
    fn values(text: &str) -> Result<Vec<(String, Value)>, String> {
        let mut payload = Payload {
            label: "p.json".into(),
            reader: Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
            limit: 1 << 20,
            line: 0,
            ahead: None,
            done: false,
        };
        let mut out = Vec::new();
        loop {
            match payload.next_value() {
                Ok(Some(v)) => out.push(v),
                Ok(None) => return Ok(out),
                Err(CliError::Input(message)) => return Err(message),
                Err(other) => panic!("expected an input error, got {other:?}"),
            }
        }
    }

    fn error(text: &str) -> String {
        values(text).unwrap_err()
    }

    #[test]
    fn json_lines_are_read_one_value_per_line() {
        // Many lines, every one judged on its own and labelled with its line.
        let mut text = String::from("\n");
        for i in 0..5_000 {
            text.push_str(&format!("{{\"n\": {i}}}\n"));
            if i % 1000 == 0 {
                text.push_str("   \n");
            }
        }
        let read = values(&text).unwrap();
        assert_eq!(read.len(), 5_000);
        assert_eq!(
            read[0],
            ("p.json:2".to_string(), serde_json::json!({"n": 0}))
        );
        assert_eq!(read[4_999].1, serde_json::json!({"n": 4_999}));
        assert_eq!(read[4_999].0, "p.json:5006");
        // One value on one line, or pretty-printed: one unlabelled value.
        assert_eq!(
            values("{\"a\": 1}\n\n").unwrap(),
            [("p.json".to_string(), serde_json::json!({"a": 1}))]
        );
        assert_eq!(
            values("{\n  \"a\": [1,\n 2]\n}\n").unwrap(),
            [("p.json".to_string(), serde_json::json!({"a": [1, 2]}))]
        );
        // A line longer than the limit is an error naming it, not an allocation.
        let mut payload = Payload {
            label: "p.json".into(),
            reader: Box::new(std::io::Cursor::new(b"1\n[1, 2, 3, 4, 5]\n".to_vec())),
            limit: 8,
            line: 0,
            ahead: None,
            done: false,
        };
        match payload.next_value() {
            Err(CliError::Input(m)) => assert!(m.contains("input size limit of 8 bytes"), "{m}"),
            other => panic!("{other:?}"),
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
