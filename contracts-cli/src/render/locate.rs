//! Map a JSON Pointer back to a line of a file's original text, for annotations (`github`,
//! `sarif`) that point at a line.
//!
//! JSON text is followed by core's scanner ([`contracts_core::literal::json_span`]: it steps
//! over values without building them, never recurses, and gives `None` for malformed text).
//! YAML text (the source files may be YAML) is searched for the keys line by line, each one
//! indented deeper than the last.

use contracts_core::pointer;

/// The 1-based line of `pointer` in `text`: the line of the member's key for an object member,
/// of the element for an array element, 1 for the root. `None` when it cannot be found.
pub fn line_of(text: &str, pointer: &str) -> Option<usize> {
    let tokens = pointer::tokens(pointer);
    let start = skip_ws(text.as_bytes(), 0);
    if tokens.is_empty() {
        return Some(line_at(text, start.min(text.len())));
    }
    match text.as_bytes().get(start) {
        Some(b'{') | Some(b'[') => json_line(text, pointer),
        _ => yaml_line(text, &tokens),
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The line of the place `pointer` names in JSON text.
fn json_line(text: &str, pointer: &str) -> Option<usize> {
    let span = contracts_core::literal::json_span(text, pointer)?;
    Some(line_at(text, span.anchor))
}

/// Follow `tokens` through YAML text by keys, each deeper than the last; array indices are
/// skipped (the line of the enclosing key stands for them).
fn yaml_line(text: &str, tokens: &[String]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0usize;
    let mut indent: Option<usize> = None;
    let mut found = None;
    for token in tokens {
        if token.parse::<usize>().is_ok() {
            continue;
        }
        let (n, depth) = lines.iter().enumerate().skip(from).find_map(|(n, line)| {
            let trimmed = line.trim_start_matches([' ', '-']);
            let depth = line.len() - trimmed.len();
            if indent.is_some_and(|d| depth <= d) {
                return None;
            }
            let key = trimmed
                .strip_prefix(token.as_str())
                .or_else(|| {
                    trimmed
                        .strip_prefix('"')
                        .and_then(|t| t.strip_prefix(token.as_str()))
                        .and_then(|t| t.strip_prefix('"'))
                })
                .or_else(|| {
                    trimmed
                        .strip_prefix('\'')
                        .and_then(|t| t.strip_prefix(token.as_str()))
                        .and_then(|t| t.strip_prefix('\''))
                })?;
            key.trim_start().starts_with(':').then_some((n, depth))
        })?;
        found = Some(n + 1);
        from = n + 1;
        indent = Some(depth);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "type": "object",
  "properties": {
    "a/b": { "type": "string", "note": "} ] { [ \" tricky" },
    "status": {
      "enum": [
        "running",
        {"x": [1, 2]},
        "paused"
      ]
    }
  }
}"#;

    #[test]
    fn finds_keys_and_elements() {
        assert_eq!(line_of(DOC, ""), Some(1));
        assert_eq!(line_of(DOC, "/type"), Some(2));
        assert_eq!(line_of(DOC, "/properties"), Some(3));
        assert_eq!(line_of(DOC, "/properties/a~1b"), Some(4));
        assert_eq!(line_of(DOC, "/properties/a~1b/note"), Some(4));
        assert_eq!(line_of(DOC, "/properties/status"), Some(5));
        assert_eq!(line_of(DOC, "/properties/status/enum"), Some(6));
        assert_eq!(line_of(DOC, "/properties/status/enum/0"), Some(7));
        assert_eq!(line_of(DOC, "/properties/status/enum/2"), Some(9));
        assert_eq!(line_of(DOC, "/properties/status/enum/1/x/1"), Some(8));
    }

    #[test]
    fn missing_or_malformed_gives_none() {
        assert_eq!(line_of(DOC, "/properties/nope"), None);
        assert_eq!(line_of(DOC, "/properties/status/enum/3"), None);
        assert_eq!(line_of(DOC, "/properties/status/enum/x"), None);
        assert_eq!(line_of(DOC, "/type/deeper"), None);
        assert_eq!(line_of("{\"a\": [1, 2", "/a/5"), None);
        assert_eq!(line_of("{\"a\" 1}", "/a"), None);
        assert_eq!(line_of("{\"a\": \"unterminated", "/b"), None);
        assert_eq!(line_of("", "/a"), None);
        assert_eq!(line_of("{", "/a"), None);
    }

    #[test]
    fn escaped_keys_compare_unescaped() {
        let text = "{\n  \"\\u0061\": 1,\n  \"b\\\"c\": 2\n}";
        assert_eq!(line_of(text, "/a"), Some(2));
        assert_eq!(line_of(text, "/b\"c"), Some(3));
    }

    #[test]
    fn deep_documents_do_not_overflow() {
        let depth = 50_000;
        let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(line_of(&text, "/0/0/0"), Some(1));
        assert_eq!(line_of(&text, "/1"), None);
    }

    #[test]
    fn yaml_keys_by_indentation() {
        let text = "type: object\nproperties:\n  name:\n    type: string\n  status:\n    enum:\n      - a\n      - b\n";
        assert_eq!(line_of(text, "/properties/status"), Some(5));
        assert_eq!(line_of(text, "/properties/status/enum"), Some(6));
        assert_eq!(line_of(text, "/properties/name/type"), Some(4));
        assert_eq!(line_of(text, "/properties/missing"), None);
    }
}
