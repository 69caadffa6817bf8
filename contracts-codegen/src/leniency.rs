//! The one place where the lenient-or-error decision is made. Every problem met on the way
//! (a `$ref` that does not resolve, a construct the lint knows typify cannot convert, a
//! typify failure or panic narrowed to a subschema, a conversion over the work budget) goes
//! through [`Leniency`]: under [`crate::Builder::lenient`] the subschema becomes `{}`
//! (→ `serde_json::Value`) and a warning naming the file and pointer; otherwise an error.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::adapter;
use crate::bundle::Origin;
use crate::{Diagnostic, Error};

/// Warnings, errors and replaced subschemas of one generation.
#[derive(Debug, Default)]
pub(crate) struct Leniency {
    lenient: bool,
    /// Keywords not enforced, subschemas replaced.
    pub warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
    /// Definition name → pointers (relative to it) replaced by `{}`; `""` is the whole.
    pub replaced: BTreeMap<String, BTreeSet<String>>,
}

impl Leniency {
    pub(crate) fn new(lenient: bool) -> Leniency {
        Leniency {
            lenient,
            ..Leniency::default()
        }
    }

    /// A note that is never an error (a keyword typify does not enforce).
    pub(crate) fn note(&mut self, diagnostic: Diagnostic) {
        self.warnings.push(diagnostic);
    }

    /// A problem whose subschema was already emitted as `{}` (a `$ref` that does not
    /// resolve): a warning when lenient, else an error.
    pub(crate) fn problem(&mut self, diagnostic: Diagnostic) {
        if self.lenient {
            self.warnings.push(diagnostic);
        } else {
            self.errors.push(diagnostic);
        }
    }

    /// Subschema `pointer` of definition `name` (whose schema is `value`) cannot be
    /// generated because of `message`. Lenient: it is replaced in `value` by `{}` (keeping its
    /// description), recorded, warned about, and `true` is returned. Otherwise an error is
    /// recorded and `false` returned.
    pub(crate) fn unsupported(
        &mut self,
        name: &str,
        origin: &Origin,
        value: &mut Value,
        pointer: &str,
        message: &str,
    ) -> bool {
        if !self.lenient {
            self.errors.push(origin.diagnostic(pointer, message));
            return false;
        }
        if let Some(slot) = value.pointer_mut(pointer) {
            *slot = adapter::fallback(slot);
        }
        self.warnings.push(origin.diagnostic(
            pointer,
            format!("{message}; generated as serde_json::Value"),
        ));
        self.replaced
            .entry(name.to_string())
            .or_default()
            .insert(pointer.to_string());
        true
    }

    /// Stop here when there are errors: [`Error::Unsupported`] with all of them, sorted.
    pub(crate) fn check(&mut self) -> Result<(), Error> {
        if self.errors.is_empty() {
            return Ok(());
        }
        let mut errors = std::mem::take(&mut self.errors);
        errors.sort();
        Err(Error::Unsupported(errors))
    }

    /// A definition was renamed: its record follows it.
    pub(crate) fn rename(&mut self, old: &str, new: &str) {
        if let Some(r) = self.replaced.remove(old) {
            self.replaced.insert(new.to_string(), r);
        }
    }
}
