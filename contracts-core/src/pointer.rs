//! JSON Pointers (RFC 6901) and locations of subschemas in a package.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a subschema lives: the file it was read from (relative to the package root, with its
/// extension, `/`-separated) and a JSON Pointer (RFC 6901) into that file; `""` is the root.
///
/// For an OpenAPI source the file is the OpenAPI document and the pointer starts with
/// `/components/schemas/<name>`.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub struct Location {
    /// Path of the file relative to the package root, e.g. `events/import.progress.v1.json`.
    pub file: String,
    /// JSON Pointer into the file, e.g. `/properties/payload`; `""` for the document root.
    pub pointer: String,
}

impl Location {
    /// A location at `pointer` in `file`.
    pub fn new(file: impl Into<String>, pointer: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            pointer: pointer.into(),
        }
    }

    /// This location with one more reference token appended (escaped per RFC 6901 §3).
    pub fn join(&self, token: &str) -> Location {
        Location {
            file: self.file.clone(),
            pointer: join(&self.pointer, token),
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}

/// Escape one reference token: `~` → `~0`, `/` → `~1` (RFC 6901 §3).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Undo [`escape`]: `~1` → `/`, `~0` → `~` (RFC 6901 §4).
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// `pointer` with `token` appended as one escaped reference token.
pub fn join(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    out.push_str(&escape(token));
    out
}

/// The unescaped reference tokens of `pointer`; `""` has none. A pointer that does not start
/// with `/` is read as if it did.
pub fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .strip_prefix('/')
        .unwrap_or(pointer)
        .split('/')
        .map(unescape)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_round_trips() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
        assert_eq!(join("/properties", "x/y"), "/properties/x~1y");
        assert_eq!(tokens("/properties/x~1y"), vec!["properties", "x/y"]);
        assert!(tokens("").is_empty());
    }
}
