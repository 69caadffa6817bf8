//! SARIF 2.1.0 for code scanning: one run whose tool driver (with its `version` and
//! `semanticVersion`) lists the rules the results reference (from
//! `contracts_diff::rules::rules()`, in registry order), and one result per finding with its rule, level
//! (`error` for a finding above the allowed bump, the declared one for `check`, MINOR for
//! `diff`; else `warning` for MAJOR and MINOR, `note` otherwise: see
//! [`Context::severity`]), message and location: the file's URI relative to the repository
//! root (`--sarif-root DIR`, else the git toplevel of the current directory, else the current
//! directory; a `file://` URI for a file outside it; the file inside the package for an npm
//! tarball) and the line of the JSON Pointer when it can be found.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

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

/// The tool driver's `rules`: those of the registry whose id is in `ids`, in registry order.
fn rules(ids: &std::collections::BTreeSet<&str>) -> Vec<Value> {
    contracts_diff::rules::rules()
        .iter()
        .filter(|rule| ids.contains(rule.id))
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

static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Make `dir` the folder SARIF URIs are relative to (`--sarif-root`; once, before rendering).
pub fn set_root(dir: &Path) {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| absolute(dir));
    let _ = ROOT.set(dir);
}

/// The folder SARIF URIs are relative to: `--sarif-root`, else the toplevel of the git
/// repository holding the current directory, else the current directory.
fn root() -> &'static Path {
    ROOT.get_or_init(|| {
        let toplevel = std::process::Command::new("git")
            .args(["rev-parse", "--show-toplevel"])
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|out| out.status.success())
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .map(|text| PathBuf::from(text.trim_end_matches(['\n', '\r'])))
            .filter(|dir| !dir.as_os_str().is_empty());
        let dir = toplevel.unwrap_or_else(|| absolute(Path::new(".")));
        std::fs::canonicalize(&dir).unwrap_or(dir)
    })
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Percent-encode what a URI path cannot hold as it is (RFC 3986: everything but unreserved
/// characters, sub-delimiters, `/`, `:` and `@`).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let c = byte as char;
        if c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The artifact URI of `file` (relative to the root of the package whose source was written
/// `label`), relative to `root`: `git:REV:PATH` → `PATH/file` (a path in the repository); an
/// npm tarball → `file`; a folder or file → its path relative to `root` when inside it, else
/// a `file://` URI.
pub fn artifact_uri(label: &str, file: &str, root: &Path) -> String {
    if label.starts_with("git:") || label.ends_with(".tgz") || label.ends_with(".tar.gz") {
        return encode_path(&super::repo_path(label, file));
    }
    let source = Path::new(label);
    let path = if source.is_file() {
        source.to_path_buf()
    } else {
        source.join(file)
    };
    let path = std::fs::canonicalize(&path).unwrap_or_else(|_| absolute(&path));
    match path.strip_prefix(root) {
        Ok(relative) => {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            encode_path(&parts.join("/"))
        }
        Err(_) => {
            let text = path.to_string_lossy().replace('\\', "/");
            let text = if text.starts_with('/') {
                text
            } else {
                format!("/{text}")
            };
            format!("file://{}", encode_path(&text))
        }
    }
}

/// One result per finding of `ctx.report`, with its rule, level, message, location and
/// witness ([`run`] adds each rule's index in the driver's list).
pub fn results(ctx: &Context<'_>) -> Vec<Value> {
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
            if let (Some((package, location)), Some((_, line))) =
                (ctx.anchor(finding), ctx.file_and_line(finding))
            {
                let uri = artifact_uri(&package.label, &location.file, root());
                let mut physical = json!({ "artifactLocation": { "uri": uri } });
                if let Some(line) = line {
                    physical["region"] = json!({ "startLine": line });
                }
                result["locations"] = json!([{
                    "physicalLocation": physical,
                    "logicalLocations": [{ "fullyQualifiedName": location.pointer }],
                }]);
            }
            if let Some(witness) = &finding.witness {
                result["properties"]["witness"] = witness.instance.clone();
            }
            result
        })
        .collect()
}

/// One run of the `contracts` tool (its driver listing the rules `results` reference, each
/// result's `ruleIndex` pointing into that list) with `results` and, when given, the run's
/// `properties`.
pub fn run(mut results: Vec<Value>, properties: Option<Value>) -> Value {
    let ids: std::collections::BTreeSet<String> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str().map(String::from))
        .collect();
    let rules = rules(&ids.iter().map(String::as_str).collect());
    for result in &mut results {
        let index = rules.iter().position(|r| r["id"] == result["ruleId"]);
        if let Some(index) = index {
            result["ruleIndex"] = json!(index);
        }
    }
    let mut run = json!({
        "tool": { "driver": {
            "name": "contracts",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://example.invalid/contracts",
            "rules": rules,
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
