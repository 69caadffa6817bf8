//! `$ref` resolution across a package's documents, through the `referencing` crate.
//!
//! Every document is registered (borrowed, not copied) under its [`SchemaDocument::base_uri`]
//! and, when different, its root `$id`. A reference is resolved against the base URI in effect
//! at the subschema that holds it (nested `$id`s change it, JSON Schema Core 2020-12 §8.2.1),
//! which covers local pointers, `$defs`/`definitions`, `$anchor`, `$id` base-URI changes and
//! references across files. The target is mapped back to a [`Location`] (file + JSON Pointer).

use serde_json::Value;

use crate::{LoadError, Location, Package, SchemaDocument};

/// The target of a resolved `$ref`.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'p> {
    /// The subschema the reference points to.
    pub value: &'p Value,
    /// The document that holds it.
    pub document: &'p SchemaDocument,
    /// Its JSON Pointer inside `document.file` (so it includes `document.pointer`).
    pub pointer: &'p str,
}

impl Resolved<'_> {
    /// The target's location (file + JSON Pointer).
    pub fn location(&self) -> Location {
        Location::new(self.document.file.clone(), self.pointer.to_string())
    }
}

/// Resolves `$ref`s inside one [`Package`]. Built by [`Package::resolver`].
pub struct RefResolver<'p> {
    package: &'p Package,
}

impl<'p> RefResolver<'p> {
    /// Register every document of `package`.
    ///
    /// # Errors
    /// [`LoadError::Conflict`] when two documents claim the same URI.
    pub fn new(package: &'p Package) -> Result<Self, LoadError> {
        Ok(RefResolver { package })
    }

    /// The package this resolver reads.
    pub fn package(&self) -> &'p Package {
        self.package
    }

    /// Resolve `reference` (the value of a `$ref`, or of a `$dynamicRef`/`$recursiveRef` read
    /// statically) written in the subschema at `from`.
    ///
    /// # Errors
    /// [`LoadError::UnresolvableRef`] naming `from` when the target is outside the package, a
    /// pointer with no value, or an unknown anchor.
    pub fn resolve(&self, from: &Location, reference: &str) -> Result<Resolved<'p>, LoadError> {
        Err(LoadError::UnresolvableRef {
            file: from.file.clone(),
            pointer: from.pointer.clone(),
            reference: reference.to_string(),
            message: "resolution is not implemented yet".into(),
        })
    }
}
