//! The package model: named schema documents plus a version.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

use crate::resolve::SharedRegistry;
use crate::{Draft, InvalidDocument, LoadError, LoadWarning, Location, RefResolver};

/// One schema document of a package.
#[derive(Debug, Clone)]
pub struct SchemaDocument {
    /// The schema's name: its path relative to the package root without extension,
    /// `/`-separated (e.g. `events/import.progress.v1`). For an OpenAPI source, the key under
    /// `components/schemas`.
    pub name: String,
    /// The file it was read from, relative to the package root (e.g.
    /// `events/import.progress.v1.json`).
    pub file: String,
    /// JSON Pointer of the schema's root inside `file`: `""` for a schema file,
    /// `/components/schemas/<name>` for an OpenAPI component.
    pub pointer: String,
    /// The absolute base URI the document is registered under: its root `$id` (or `id` in
    /// draft 4) when absolute, else `contracts:///<file>` (a synthetic URI scheme that never
    /// reaches the network).
    pub base_uri: String,
    /// The draft detected from `$schema`, or the default from [`crate::LoadOptions`].
    pub draft: Draft,
    /// The document's JSON (YAML files are converted on load), shared (not copied) with the
    /// package's `$ref` registry ([`Package::registry`]); `Arc::make_mut` gives a value of
    /// one's own to change.
    pub value: Arc<Value>,
    /// The file's original text, kept to map a JSON Pointer back to a line (GitHub
    /// annotations, diffs of subschemas). The components of one OpenAPI document share one
    /// file: its text is kept once, on the first component (in document order), and is empty
    /// on the others; [`Package::file_text`] finds it for any file.
    pub text: String,
    /// The file's integer literals that a 64-bit float does not hold exactly (magnitude 2^53
    /// or more, written with more digits than the float keeps): file JSON Pointer → the digits
    /// as written (`-`? digits). `value` holds the nearest float; comparisons of bounds and
    /// `enum`/`const` values use these digits (see [`Package::exact_integer`]). Kept beside
    /// `text` (empty on an OpenAPI document's later components); at most 100 per file; YAML
    /// integers beyond 128 bits are not kept.
    pub exact_integers: ExactIntegers,
}

/// Integer literals by file JSON Pointer: see [`SchemaDocument::exact_integers`].
pub type ExactIntegers = std::collections::BTreeMap<String, String>;

impl SchemaDocument {
    /// The location of this document's root.
    pub fn location(&self) -> Location {
        Location::new(self.file.clone(), self.pointer.clone())
    }

    /// The value at `pointer` (relative to the document root), if any.
    pub fn at(&self, pointer: &str) -> Option<&Value> {
        self.value.pointer(pointer)
    }

    /// The root `$id` (or draft-4 `id`) if the document declares one.
    pub fn id(&self) -> Option<&str> {
        self.value
            .get(self.draft.id_keyword())
            .and_then(Value::as_str)
    }
}

/// A loaded contracts package: schema documents by name plus the package version.
///
/// Built by [`Package::load`](crate::Package::load) from a [`crate::Source`]; every document has
/// been parsed, checked against its metaschema, and every `$ref` in it resolves.
#[derive(Debug, Clone)]
pub struct Package {
    /// How the source was given (a path, `git:REV:PATH`, a `.tgz` path), for messages.
    pub label: String,
    /// The package name from `package.json` (`name`) or `contracts.toml` (`name`), if any.
    pub name: Option<String>,
    /// The package version: from `package.json` (`version`), else `contracts.toml`
    /// (`version`), else [`crate::LoadOptions::version`]. `None` when nothing declares one.
    pub version: Option<semver::Version>,
    /// The documents, by [`SchemaDocument::name`], in name order.
    pub documents: BTreeMap<String, SchemaDocument>,
    /// Documents from outside the package that its `$ref`s resolve against but that are never
    /// diffed: the standard metaschemas (draft 4 to 2020-12 with their vocabularies, the
    /// OpenAPI 3.1 dialect; shipped, never downloaded) when a `$ref` names one, and the
    /// documents of [`crate::LoadOptions::ref_dirs`] / [`crate::LoadOptions::ref_map`]. Keyed
    /// by [`SchemaDocument::file`], which for them is the URI or path they were read from.
    pub external: BTreeMap<String, SchemaDocument>,
    /// What the load accepted but noticed (uncompilable patterns, inferred drafts, draft-03
    /// translations), in file order.
    pub warnings: Vec<LoadWarning>,
    /// The documents that did not load, when [`crate::LoadOptions::keep_going`] let the load go
    /// on without them (always empty otherwise: the load fails instead).
    pub invalid: Vec<InvalidDocument>,
    /// The `$ref` registry of [`Package::documents`] and [`Package::external`], built by the
    /// load's `$ref` check and reused by [`Package::resolver`] and [`Package::validators`]
    /// (and so by the diff and `validate`) while the documents are the ones it was built for.
    /// `SharedRegistry::default()` for a package assembled by hand: the first resolver builds
    /// it.
    pub registry: SharedRegistry,
}

impl Package {
    /// The document named `name`.
    pub fn get(&self, name: &str) -> Option<&SchemaDocument> {
        self.documents.get(name)
    }

    /// The document whose root `$id` or registration URI equals `uri` (a trailing `#` and an
    /// empty fragment are ignored).
    pub fn by_uri(&self, uri: &str) -> Option<&SchemaDocument> {
        let uri = uri.trim_end_matches('#');
        self.documents
            .values()
            .find(|d| d.base_uri == uri || d.id().map(|i| i.trim_end_matches('#')) == Some(uri))
    }

    /// The document holding `location`: read from `location.file`, with the longest root
    /// [`SchemaDocument::pointer`] that is a prefix of `location.pointer` (whole reference
    /// tokens only). Documents of [`Package::external`] are found too.
    pub fn by_location(&self, location: &Location) -> Option<&SchemaDocument> {
        self.documents
            .values()
            .chain(self.external.values())
            .filter(|d| {
                d.file == location.file
                    && location.pointer.starts_with(&d.pointer)
                    && (location.pointer.len() == d.pointer.len()
                        || location.pointer[d.pointer.len()..].starts_with('/'))
            })
            .max_by_key(|d| d.pointer.len())
    }

    /// The value at `location`, if the package has it.
    pub fn value_at(&self, location: &Location) -> Option<&Value> {
        let doc = self.by_location(location)?;
        doc.value.pointer(&location.pointer[doc.pointer.len()..])
    }

    /// The original text of `file` (relative to the package root), whichever of its
    /// documents keeps it (see [`SchemaDocument::text`]).
    pub fn file_text(&self, file: &str) -> Option<&str> {
        self.documents
            .values()
            .filter(|d| d.file == file)
            .map(|d| d.text.as_str())
            .find(|t| !t.is_empty())
    }

    /// The exact integer literals of `file` (see [`SchemaDocument::exact_integers`]); `None`
    /// when the file has none.
    pub fn exact_integers(&self, file: &str) -> Option<&ExactIntegers> {
        self.documents
            .values()
            .filter(|d| d.file == file)
            .map(|d| &d.exact_integers)
            .find(|m| !m.is_empty())
    }

    /// The digits as written of the integer at `pointer` in `file`, when a 64-bit float does
    /// not hold it exactly (`18446744073709551617`); `None` for any other value.
    pub fn exact_integer(&self, file: &str, pointer: &str) -> Option<&str> {
        self.exact_integers(file)?.get(pointer).map(String::as_str)
    }

    /// Every `$ref` of the package, in document (name) order then document order: the
    /// location of the subschema holding it (file + JSON Pointer) and the reference as
    /// written. Only schema positions are searched (JSON Schema Core 2020-12 §10: applicators,
    /// `$defs`/`definitions`), never `enum`, `const`, `default`, `examples` or unknown keywords.
    pub fn refs(&self) -> Vec<(Location, &str)> {
        self.documents
            .values()
            .flat_map(|doc| {
                crate::load::refs_of(doc)
                    .into_iter()
                    .map(move |(pointer, reference)| {
                        (Location::new(doc.file.clone(), pointer), reference)
                    })
            })
            .collect()
    }

    /// The package version, required: for commands that cannot work without one (publishing,
    /// the semver gate).
    ///
    /// # Errors
    /// [`LoadError::Manifest`] naming the package when no manifest declared a version and
    /// none was given in [`crate::LoadOptions::version`].
    pub fn require_version(&self) -> Result<&semver::Version, LoadError> {
        self.version.as_ref().ok_or_else(|| LoadError::Manifest {
            path: self.label.clone().into(),
            message: "the package has no version: declare `version` in package.json or \
                      contracts.toml, or pass one"
                .into(),
        })
    }

    /// A resolver for `$ref`s across this package's documents, on the package's registry
    /// ([`Package::registry`]: the one the load built, unless the documents changed since).
    ///
    /// # Errors
    /// [`LoadError::Conflict`] when two documents register the same URI.
    pub fn resolver(&self) -> Result<RefResolver<'_>, LoadError> {
        RefResolver::new(self)
    }
}
