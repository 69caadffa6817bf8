//! Package manifests (`package.json`, `contracts.toml`): format-preserving version writes.
//!
//! [`replace_json_version`] and [`replace_toml_version`] replace the declared version and keep
//! every other byte of the file as it was: line endings (LF or CRLF), a leading UTF-8 byte order
//! mark, indentation, comments (TOML) and key order.
//!
//! Which `version` is written is the one loading reads (see [`crate::source`]): for
//! `package.json`, the top-level `version` a JSON parser keeps, which with duplicate keys is the
//! **last** one (`serde_json`, and npm's `JSON.parse`, are last-wins); earlier duplicates are
//! left untouched.

use std::path::{Path, PathBuf};

use crate::LoadError;

/// The UTF-8 byte order mark, accepted (and kept) at the start of a manifest.
const BOM: char = '\u{feff}';

/// Replace the string value of the top-level `"version"` member of the JSON object `text`,
/// keeping every other byte (a leading BOM, line endings and whitespace included).
///
/// With duplicate top-level `version` keys, the last one is replaced: the one a JSON parser
/// (and so loading) reads.
///
/// # Errors
/// A message (without the file name, which the caller adds) when `text` is not valid JSON, is
/// not an object, or has no top-level `version` whose value is a string.
pub fn replace_json_version(text: &str, version: &str) -> Result<String, String> {
    let body = text.strip_prefix(BOM).unwrap_or(text);
    let offset = text.len() - body.len();
    let value: serde_json::Value =
        serde_json::from_str(body).map_err(|e| format!("not valid JSON: {e}"))?;
    if !value.get("version").is_some_and(|v| v.is_string()) {
        return Err("no top-level string `version` to replace".into());
    }
    // `body` is valid JSON (checked above), so the scan below can trust its structure.
    let (start, end) = last_version_value(body.as_bytes())
        .map_err(|m| format!("cannot locate `version`: {m}"))?
        .ok_or("no top-level `version` found")?;
    if body.as_bytes()[start] != b'"' {
        return Err("`version` is not a string".into());
    }
    let quoted = serde_json::to_string(version).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}{quoted}{}",
        &text[..offset + start],
        &text[offset + end..]
    ))
}

/// The byte span of the value of the last top-level member whose (decoded) key is `version`.
fn last_version_value(bytes: &[u8]) -> Result<Option<(usize, usize)>, &'static str> {
    let mut i = skip_ws(bytes, 0);
    if bytes.get(i) != Some(&b'{') {
        return Err("not an object");
    }
    i = skip_ws(bytes, i + 1);
    let mut found = None;
    if bytes.get(i) == Some(&b'}') {
        return Ok(None);
    }
    loop {
        if bytes.get(i) != Some(&b'"') {
            return Err("expected a key");
        }
        let key_end = string_end(bytes, i);
        let key: String = std::str::from_utf8(&bytes[i..key_end])
            .ok()
            .and_then(|k| serde_json::from_str(k).ok())
            .ok_or("malformed key")?;
        i = skip_ws(bytes, key_end);
        if bytes.get(i) != Some(&b':') {
            return Err("expected `:`");
        }
        let start = skip_ws(bytes, i + 1);
        let end = value_end(bytes, start);
        if key == "version" {
            found = Some((start, end));
        }
        i = skip_ws(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = skip_ws(bytes, i + 1),
            Some(b'}') => return Ok(found),
            _ => return Err("expected `,` or `}`"),
        }
    }
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes
        .get(i)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        i += 1;
    }
    i
}

/// The index just past the JSON value starting at `start`.
fn value_end(bytes: &[u8], start: usize) -> usize {
    match bytes.get(start) {
        Some(b'"') => string_end(bytes, start),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut i = start;
            while i < bytes.len() {
                match bytes[i] {
                    b'"' => {
                        i = string_end(bytes, i);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            bytes.len()
        }
        _ => {
            // A number, `true`, `false` or `null`.
            let mut i = start;
            while i < bytes.len()
                && !matches!(bytes[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                i += 1;
            }
            i
        }
    }
}

/// The index just past the JSON string starting at `start` (a `"`).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Replace `version` (top level, else under `[package]`) in the TOML document `text`, keeping
/// every other byte (the value's own decoration, comments, a leading BOM and CRLF line endings
/// included).
///
/// # Errors
/// A message (without the file name) when `text` is not valid TOML or has no string `version`
/// at the top level or under `[package]`.
pub fn replace_toml_version(text: &str, version: &str) -> Result<String, String> {
    let body = text.strip_prefix(BOM).unwrap_or(text);
    let offset = text.len() - body.len();
    // Parsed without re-serialising: the value's span in `body` is replaced and nothing else
    // (toml_edit's own output would turn CRLF into LF).
    let doc = toml_edit::ImDocument::parse(body).map_err(|e| format!("not valid TOML: {e}"))?;
    let item = if doc.get("version").is_some() {
        doc.get("version")
    } else {
        doc.get("package").and_then(|p| p.get("version"))
    }
    .ok_or("no `version` (top level or under [package]) to replace")?;
    let span = item
        .as_value()
        .filter(|v| v.is_str())
        .ok_or("`version` is not a string")?
        .span()
        .ok_or("cannot locate `version` in the document")?;
    // A JSON string literal is a valid TOML basic string.
    let quoted = serde_json::to_string(version).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}{quoted}{}",
        &text[..offset + span.start],
        &text[offset + span.end..]
    ))
}

/// The manifest of the package folder `dir` that holds its version, and its text with the
/// version replaced by `version`: `package.json` when there is one (see
/// [`replace_json_version`]), else `contracts.toml` ([`replace_toml_version`]), as loading
/// reads them. The caller writes the text (atomically).
///
/// # Errors
/// [`LoadError::Manifest`] naming `dir` when it has neither file, or the file when it cannot be
/// read (regular files of at most `limit` bytes, UTF-8) or has no version to replace.
pub fn with_version(dir: &Path, version: &str, limit: u64) -> Result<(PathBuf, String), LoadError> {
    let json = dir.join("package.json");
    let toml = dir.join("contracts.toml");
    type Replace = fn(&str, &str) -> Result<String, String>;
    let (file, replace): (PathBuf, Replace) = if json.is_file() {
        (json, replace_json_version)
    } else if toml.is_file() {
        (toml, replace_toml_version)
    } else {
        return Err(LoadError::Manifest {
            path: dir.to_path_buf(),
            message: "no package.json or contracts.toml to write the version to".into(),
        });
    };
    let bad = |message: String| LoadError::Manifest {
        path: file.clone(),
        message,
    };
    let bytes = crate::input::read_regular_file(&file, limit).map_err(|e| match e {
        LoadError::Io { message, .. } => bad(format!("cannot read: {message}")),
        other => other,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| bad(format!("not UTF-8: {e}")))?;
    let replaced = replace(&text, version).map_err(bad)?;
    Ok((file, replaced))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_version_is_replaced_in_place() {
        let text = "{\n  \"name\": \"x\",\n  \"deps\": {\"version\": \"9\"},\n  \"version\":   \"1.2.3\" ,\n  \"z\": [1]\n}\n";
        let out = replace_json_version(text, "2.0.0").unwrap();
        assert_eq!(out, text.replace("\"1.2.3\"", "\"2.0.0\""));
        assert!(replace_json_version("{\"name\": 1}", "1.0.0").is_err());
        assert!(replace_json_version("{", "1.0.0").is_err());
        assert!(replace_json_version("[1]", "1.0.0").is_err());
    }

    #[test]
    fn json_crlf_is_kept() {
        let text = "{\r\n  \"name\": \"x\",\r\n  \"version\": \"1.2.3\"\r\n}\r\n";
        let out = replace_json_version(text, "1.3.0").unwrap();
        assert_eq!(out, text.replace("1.2.3", "1.3.0"));
    }

    #[test]
    fn json_duplicate_version_edits_the_last_and_keeps_name() {
        // The first `version` is not a string: a scanner stopping there would overwrite `name`.
        let text = "{\"version\": 1, \"name\": \"pkg\", \"version\": \"1.2.3\"}";
        let out = replace_json_version(text, "2.0.0").unwrap();
        assert_eq!(
            out,
            "{\"version\": 1, \"name\": \"pkg\", \"version\": \"2.0.0\"}"
        );
        let text = "{\"version\": \"0.1.0\", \"name\": \"pkg\", \"v\\u0065rsion\": \"1.2.3\"}";
        let out = replace_json_version(text, "2.0.0").unwrap();
        assert_eq!(out, text.replace("\"1.2.3\"", "\"2.0.0\""));
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed["version"], "2.0.0");
        assert_eq!(parsed["name"], "pkg");
    }

    #[test]
    fn json_bom_is_accepted_and_kept() {
        let text = "\u{feff}{\"name\": \"x\", \"version\": \"1.0.0\"}\n";
        let out = replace_json_version(text, "1.0.1").unwrap();
        assert_eq!(out, text.replace("1.0.0", "1.0.1"));
        assert!(out.starts_with('\u{feff}'));
    }

    #[test]
    fn toml_version_is_replaced_in_place() {
        let text =
            "# c\nname = \"x\"  # n\nversion = \"1.2.3\"   # the version\n\n[rules]\nexcept = []\n";
        let out = replace_toml_version(text, "1.3.0").unwrap();
        assert_eq!(out, text.replace("1.2.3", "1.3.0"));
        let text = "[package]\nname = \"x\"\nversion = '0.1.0'\n";
        let out = replace_toml_version(text, "0.2.0").unwrap();
        assert_eq!(out, "[package]\nname = \"x\"\nversion = \"0.2.0\"\n");
        assert!(replace_toml_version("name = 1\n", "1.0.0").is_err());
    }

    #[test]
    fn toml_crlf_and_bom_are_kept() {
        let text =
            "\u{feff}# c\r\nname = \"x\"\r\nversion = \"1.2.3\"\r\n\r\n[rules]\r\nexcept = []\r\n";
        let out = replace_toml_version(text, "1.3.0").unwrap();
        assert_eq!(out, text.replace("1.2.3", "1.3.0"));
        // Mixed line endings stay exactly as they were.
        let text = "[package]\r\nname = \"x\"\nversion = \"1.2.3\" # v\r\n";
        let out = replace_toml_version(text, "2.0.0").unwrap();
        assert_eq!(out, text.replace("1.2.3", "2.0.0"));
    }

    #[test]
    fn with_version_picks_the_manifest_loading_reads() {
        let dir = tempfile::tempdir().unwrap();
        let none = with_version(dir.path(), "2.0.0", 1 << 20).unwrap_err();
        assert!(
            none.to_string()
                .contains("no package.json or contracts.toml"),
            "{none}"
        );
        std::fs::write(
            dir.path().join("contracts.toml"),
            "# gate\r\nversion = \"1.0.0\" # kept\r\n",
        )
        .unwrap();
        let (file, text) = with_version(dir.path(), "2.0.0", 1 << 20).unwrap();
        assert_eq!(file, dir.path().join("contracts.toml"));
        assert_eq!(text, "# gate\r\nversion = \"2.0.0\" # kept\r\n");
        std::fs::write(
            dir.path().join("package.json"),
            "\u{feff}{\"name\": \"p\", \"version\": \"1.0.0\"}",
        )
        .unwrap();
        let (file, text) = with_version(dir.path(), "2.0.0", 1 << 20).unwrap();
        assert_eq!(file, dir.path().join("package.json"));
        assert_eq!(text, "\u{feff}{\"name\": \"p\", \"version\": \"2.0.0\"}");
        std::fs::write(dir.path().join("package.json"), "{\"name\": \"p\"}").unwrap();
        let err = with_version(dir.path(), "2.0.0", 1 << 20).unwrap_err();
        assert!(err
            .to_string()
            .starts_with(&format!("{}: ", dir.path().join("package.json").display())));
    }
}
