//! Map a JSON Pointer back to a line of a file's original text, for annotations (`github`,
//! `sarif`) that point at a line.
//!
//! JSON text is walked with a tiny scanner that follows the pointer one reference token at a
//! time: in an object it steps over members (skipping their values without building them)
//! until the key matches, in an array it skips to the n-th element. It never recurses, so deep
//! documents cannot overflow the stack, and malformed text gives `None`, never a panic. YAML
//! text (the source files may be YAML) is searched for the keys line by line, each one
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
        Some(b'{') | Some(b'[') => json_line(text, &tokens),
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

/// The end (one past the closing quote) of the string starting at `i` (a `"`).
fn skip_string(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// The end of the value starting at `i`.
fn skip_value(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' => skip_string(bytes, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < bytes.len() {
                match bytes[j] {
                    b'"' => {
                        j = skip_string(bytes, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < bytes.len()
                && !matches!(bytes[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// Follow `tokens` through JSON text; the line of the last one.
fn json_line(text: &str, tokens: &[String]) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, 0);
    let mut line_pos = i;
    for token in tokens {
        match bytes.get(i)? {
            b'{' => {
                i = skip_ws(bytes, i + 1);
                loop {
                    if bytes.get(i)? != &b'"' {
                        return None;
                    }
                    let key_end = skip_string(bytes, i)?;
                    let key: String = serde_json::from_str(text.get(i..key_end)?).ok()?;
                    let key_pos = i;
                    i = skip_ws(bytes, key_end);
                    if bytes.get(i)? != &b':' {
                        return None;
                    }
                    i = skip_ws(bytes, i + 1);
                    if &key == token {
                        line_pos = key_pos;
                        break;
                    }
                    i = skip_ws(bytes, skip_value(bytes, i)?);
                    match bytes.get(i)? {
                        b',' => i = skip_ws(bytes, i + 1),
                        _ => return None,
                    }
                }
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                i = skip_ws(bytes, i + 1);
                for _ in 0..index {
                    i = skip_ws(bytes, skip_value(bytes, i)?);
                    match bytes.get(i)? {
                        b',' => i = skip_ws(bytes, i + 1),
                        _ => return None,
                    }
                }
                if matches!(bytes.get(i)?, b']') {
                    return None;
                }
                line_pos = i;
            }
            _ => return None,
        }
    }
    Some(line_at(text, line_pos))
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
