//! Errors from loading a package, resolving `$ref`s and validating.

use std::path::PathBuf;

/// Why a package could not be loaded or a reference could not be resolved.
///
/// Every variant names the file (relative to the package root, or the path the user gave) and,
/// where one applies, the JSON Pointer (RFC 6901) of the offending value. The CLI maps every
/// variant to exit code 2.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LoadError {
    /// The source could not be read (missing path, unreadable file, bad archive).
    #[error("{path}: {message}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// What went wrong, from the operating system or the archive reader.
        message: String,
    },
    /// A file is not well-formed JSON or YAML.
    #[error("{file}:{line}:{column}: malformed {format}: {message}")]
    Parse {
        /// File relative to the package root.
        file: String,
        /// `JSON` or `YAML`.
        format: &'static str,
        /// 1-based line of the error, 0 when unknown.
        line: usize,
        /// 1-based column of the error, 0 when unknown.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// A document does not validate against its draft's metaschema.
    #[error("{file}#{pointer}: not a valid {draft} schema: {message}")]
    InvalidSchema {
        /// File relative to the package root.
        file: String,
        /// JSON Pointer of the invalid subschema.
        pointer: String,
        /// The draft whose metaschema was used.
        draft: crate::Draft,
        /// The metaschema validator's message.
        message: String,
    },
    /// `$schema` names a draft this tool does not know.
    #[error("{file}#/$schema: unknown draft {uri:?} (supported: draft-04, draft-06, draft-07, 2019-09, 2020-12)")]
    UnknownDraft {
        /// File relative to the package root.
        file: String,
        /// The `$schema` value.
        uri: String,
    },
    /// A `$ref` could not be resolved inside the package.
    /// The reference and message are quoted as short excerpts ([`crate::input::excerpt`]): a
    /// megabyte `$ref` is not echoed in full.
    #[error(
        "{file}#{pointer}: cannot resolve $ref \"{}\": {}",
        crate::input::excerpt(reference, crate::input::EXCERPT_CHARS),
        crate::input::excerpt(message, 8 * crate::input::EXCERPT_CHARS)
    )]
    UnresolvableRef {
        /// File holding the `$ref`.
        file: String,
        /// JSON Pointer of the subschema holding the `$ref`.
        pointer: String,
        /// The reference as written.
        reference: String,
        /// Why it failed (unknown document, missing pointer target, unknown anchor, network).
        message: String,
    },
    /// A chain of bare `$ref`s that leads back to itself without any other keyword.
    #[error("{file}#{pointer}: $ref cycle: {}", chain.join(" -> "))]
    RefCycle {
        /// File where the cycle was entered.
        file: String,
        /// JSON Pointer where the cycle was entered.
        pointer: String,
        /// The locations of the cycle, in order, as `file#pointer`.
        chain: Vec<String>,
    },
    /// Two documents of one package claim the same name or the same `$id`.
    #[error("{file}: {message}")]
    Conflict {
        /// File relative to the package root.
        file: String,
        /// What collides with what.
        message: String,
    },
    /// The package has no usable version: a manifest declares none or an invalid semantic
    /// version and none was given ([`crate::LoadOptions::version`]), or a command needs one
    /// and the package has none ([`crate::Package::require_version`]).
    #[error("{path}: {message}")]
    Manifest {
        /// The manifest (or package root) in question.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The source string could not be understood (e.g. `git:` without a revision).
    #[error("{source_text}: {message}")]
    BadSource {
        /// The source as the user wrote it.
        source_text: String,
        /// What is wrong with it.
        message: String,
    },
    /// Several documents of one package failed to load: every error of the package, as a
    /// compiler lists them, each naming its file and pointer (one per line).
    #[error("{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Many {
        /// The errors, in file order; never fewer than two.
        errors: Vec<LoadError>,
    },
}

impl LoadError {
    /// The file (relative to the package root) this error is about, when it names one.
    pub fn file(&self) -> Option<&str> {
        match self {
            LoadError::Parse { file, .. }
            | LoadError::InvalidSchema { file, .. }
            | LoadError::UnknownDraft { file, .. }
            | LoadError::UnresolvableRef { file, .. }
            | LoadError::RefCycle { file, .. }
            | LoadError::Conflict { file, .. } => Some(file),
            _ => None,
        }
    }

    /// The errors this one stands for: the list of [`LoadError::Many`], else itself.
    pub fn flatten(&self) -> Vec<&LoadError> {
        match self {
            LoadError::Many { errors } => errors.iter().flat_map(LoadError::flatten).collect(),
            other => vec![other],
        }
    }

    /// `errors` as one error: `None` when empty, the error itself when alone, else
    /// [`LoadError::Many`].
    pub fn from_list(mut errors: Vec<LoadError>) -> Option<LoadError> {
        match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(LoadError::Many { errors }),
        }
    }
}

/// Something a load accepted but the user should know: a pattern the regular-expression engine
/// cannot compile, a draft that was inferred rather than declared, a draft-03 document read as
/// draft 4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    /// File relative to the package root.
    pub file: String,
    /// JSON Pointer of the value concerned (`""` for the document root).
    pub pointer: String,
    /// What was noticed and what the loader did about it.
    pub message: String,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}: {}", self.file, self.pointer, self.message)
    }
}

/// A document of the package that did not load (kept out of [`crate::Package::documents`]
/// when [`crate::LoadOptions::keep_going`] is set).
#[derive(Debug, Clone)]
pub struct InvalidDocument {
    /// The schema name the document would have had.
    pub name: String,
    /// Its file, relative to the package root.
    pub file: String,
    /// Why it did not load (one error per problem found).
    pub errors: Vec<LoadError>,
}

impl InvalidDocument {
    /// The errors as one message, one per line.
    pub fn message(&self) -> String {
        self.errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }
}
