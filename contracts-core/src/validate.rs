//! Validating instances (payloads, examples, witnesses) against a package's schemas with the
//! `jsonschema` crate, with every `$ref` of the package available.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use referencing::Registry;
use serde::Serialize;
use serde_json::Value;

use crate::{LoadError, Location, Package};

/// One validation error: where in the instance, where in the schema, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationIssue {
    /// JSON Pointer into the instance (e.g. `/payload/percent`).
    pub instance_path: String,
    /// JSON Pointer of the failing keyword, relative to the validated schema's root: its
    /// evaluation path (JSON Schema Core 2020-12 §12.4.2), which goes through `$ref`s, e.g.
    /// `/properties/total/$ref/properties/currency/$ref/pattern`.
    pub schema_path: String,
    /// The failing keyword's absolute keyword location (JSON Schema Core 2020-12 §12.4.2): the
    /// URI of the resource that holds it with the keyword's JSON Pointer in that resource as
    /// fragment, not through `$ref`s; `None` when the validator gives none.
    /// [`crate::RefResolver::keyword_location`] maps it to a file and pointer of the package.
    pub absolute_keyword_location: Option<String>,
    /// The validator's message.
    pub message: String,
}

/// A compiled validator for one subschema of a package (usually a document root).
///
/// It owns everything it needs: it stays usable after the [`Package`] it was built from is
/// dropped.
pub struct PackageValidator {
    inner: jsonschema::Validator,
}

impl std::fmt::Debug for PackageValidator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PackageValidator").finish_non_exhaustive()
    }
}

/// The validator compiles `{"$ref": "<target>"}` and reports evaluation paths (JSON Schema
/// Core 2020-12 §12.4.2: through `$ref`s, from the validated schema's root); the wrapper's own
/// leading `/$ref` is removed.
fn relative_schema_path(path: &str) -> String {
    match path.strip_prefix("/$ref") {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest.to_string(),
        _ => path.to_string(),
    }
}

impl PackageValidator {
    /// Whether `instance` is valid.
    pub fn is_valid(&self, instance: &Value) -> bool {
        self.inner.is_valid(instance)
    }

    /// Every validation error of `instance`; empty when valid.
    pub fn issues(&self, instance: &Value) -> Vec<ValidationIssue> {
        self.inner
            .iter_errors(instance)
            .map(|e| ValidationIssue {
                instance_path: e.instance_path().to_string(),
                schema_path: relative_schema_path(e.evaluation_path().as_str()),
                absolute_keyword_location: e.absolute_keyword_location().map(|u| u.to_string()),
                message: crate::input::cap_message(&e.to_string(), e.instance()),
            })
            .collect()
    }
}

/// Options for [`Package::validator`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidatorOptions {
    /// Treat `format` as an assertion (default: annotation only, as 2020-12 specifies).
    pub format_assertion: bool,
}

/// The URI the validator's wrapper schema is compiled under; never a package URI.
const WRAPPER_URI: &str = "contracts:///.contracts/validator.json";

/// Validators for any number of subschemas of one package, sharing one `referencing` registry
/// of the package's documents (registered as [`crate::resolve`] describes; the package's own
/// [`crate::resolve::SharedRegistry`], built by the load, unless that registry met references
/// out of the package), each compiled once and cached by location.
///
/// Built by [`Package::validators`]; the witness search of `contracts-diff` asks it for many
/// validators per package. The validators it hands out own what they need.
pub struct ValidatorSet<'p> {
    package: &'p Package,
    options: ValidatorOptions,
    registry: SetRegistry,
    cache: Mutex<HashMap<Location, Result<Arc<PackageValidator>, LoadError>>>,
}

/// The registry a [`ValidatorSet`] compiles against.
enum SetRegistry {
    /// The package's own, built by the load.
    Shared(Arc<crate::resolve::Registered>),
    /// One without the placeholders of references out of the package.
    Own(Box<Registry<'static>>),
}

impl SetRegistry {
    fn get(&self) -> &Registry<'static> {
        match self {
            SetRegistry::Shared(shared) => &shared.registry,
            SetRegistry::Own(own) => own,
        }
    }
}

impl std::fmt::Debug for ValidatorSet<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidatorSet")
            .field("package", &self.package.label)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<'p> ValidatorSet<'p> {
    /// The validator of the subschema at `location`, compiled on first use and cached.
    ///
    /// # Errors
    /// As [`Package::validator`]; a failure is cached too.
    pub fn get(&self, location: &Location) -> Result<Arc<PackageValidator>, LoadError> {
        if let Some(hit) = self.lock().get(location) {
            return hit.clone();
        }
        let built = self.compile(location).map(Arc::new);
        self.lock().insert(location.clone(), built.clone());
        built
    }

    /// Whether the subschema at `location` accepts `instance`; `None` when no validator can be
    /// built there.
    pub fn is_valid(&self, location: &Location, instance: &Value) -> Option<bool> {
        self.get(location).ok().map(|v| v.is_valid(instance))
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<Location, Result<Arc<PackageValidator>, LoadError>>>
    {
        // A panic while the lock was held leaves a map that is still consistent.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Compile the validator at `location` (uncached).
    fn compile(&self, location: &Location) -> Result<PackageValidator, LoadError> {
        let unresolvable = |reference: String, message: String| LoadError::UnresolvableRef {
            file: location.file.clone(),
            pointer: location.pointer.clone(),
            reference,
            message,
        };
        let package = self.package;
        let doc = package
            .by_location(location)
            .filter(|d| package.value_at(location).is_some() && !d.file.is_empty())
            .ok_or_else(|| {
                unresolvable(
                    String::new(),
                    format!("no subschema of the package at {location}"),
                )
            })?;
        let target = if doc.pointer.is_empty() {
            format!(
                "{}#{}",
                doc.base_uri,
                crate::resolve::pointer_fragment(&location.pointer)
            )
        } else {
            format!(
                "{}#{}",
                crate::resolve::file_uri(&doc.file),
                crate::resolve::pointer_fragment(&location.pointer)
            )
        };
        let wrapper = serde_json::json!({ "$ref": target });
        let draft = crate::walk::draft_at(
            package.value_at(location).unwrap_or(&Value::Bool(true)),
            doc.draft,
        );
        let inner = jsonschema::options()
            .with_draft(draft.to_referencing())
            .with_registry(self.registry.get())
            .with_retriever(crate::resolve::NoNetwork)
            .with_base_uri(WRAPPER_URI)
            .should_validate_formats(self.options.format_assertion)
            .build(&wrapper)
            .map_err(|e| {
                let message = crate::input::cap_message(&e.to_string(), e.instance());
                match e.kind() {
                    jsonschema::error::ValidationErrorKind::Referencing(_) => {
                        unresolvable(target.clone(), message)
                    }
                    // The error's own place in the subschema (`/pattern` for a regex
                    // that does not compile), not the subschema's root.
                    _ => LoadError::InvalidSchema {
                        file: location.file.clone(),
                        pointer: format!("{}{}", location.pointer, e.instance_path().as_str()),
                        draft,
                        message,
                    },
                }
            })?;
        Ok(PackageValidator { inner })
    }
}

impl Package {
    /// This package as validation reads it: every `pattern` (and `patternProperties` key) that
    /// the validation engine cannot compile left out, with a warning naming file and pointer of
    /// each; `None` when every pattern compiles.
    ///
    /// Loading accepts such a pattern with a warning (`diff` compares it as text), while a
    /// validator with it cannot be built at all; validating the payload against everything
    /// else, and saying what was not checked, keeps `validate` consistent with loading.
    pub fn without_uncompilable_patterns(&self) -> Option<(Package, Vec<crate::LoadWarning>)> {
        crate::load::without_uncompilable_patterns(self)
    }

    /// A validator for the subschema at `location` (normally a document root), with every
    /// document of the package registered so cross-file `$ref`s resolve.
    ///
    /// The subschema is compiled by `jsonschema` under the draft of its document, as the
    /// target of a `$ref` to its absolute URI (the document's registration URI plus the JSON
    /// Pointer as fragment, RFC 6901 §6), so its base URI, anchors and local references are
    /// those of its place in the package. [`ValidationIssue::schema_path`] is relative to the
    /// subschema. Nothing is downloaded: a reference out of the package fails the build.
    /// OpenAPI 3.0 components are validated as draft 4 (`nullable` is not interpreted).
    /// For many validators of one package, [`Package::validators`] builds the registry once.
    ///
    /// # Errors
    /// [`LoadError::UnresolvableRef`] / [`LoadError::InvalidSchema`] naming `location` when the
    /// validator cannot be built.
    pub fn validator(
        &self,
        location: &Location,
        options: ValidatorOptions,
    ) -> Result<PackageValidator, LoadError> {
        self.validators(options)?.compile(location)
    }

    /// A [`ValidatorSet`] over this package: the registry of its documents is built once, and
    /// each validator is compiled on first use (as [`Package::validator`] compiles it).
    ///
    /// # Errors
    /// [`LoadError::Conflict`] when two documents claim one URI, [`LoadError::UnresolvableRef`]
    /// when an `$id` or `$ref` is not a URI reference (both already refused at load time).
    pub fn validators(&self, options: ValidatorOptions) -> Result<ValidatorSet<'_>, LoadError> {
        let shared = self.registry.get(self)?;
        // The shared registry stands in for the URIs out of the package it was asked for with
        // placeholders (`true`); a validator must not accept them, so such a package (only
        // ever one a load refused, or a package assembled by hand) gets a registry of its own.
        let registry = if shared.outside.is_empty() {
            SetRegistry::Shared(shared)
        } else {
            let registrations = crate::resolve::registrations(self)?;
            SetRegistry::Own(Box::new(crate::resolve::build_registry(
                self,
                registrations,
                crate::resolve::NoNetwork,
            )?))
        };
        Ok(ValidatorSet {
            package: self,
            options,
            registry,
            cache: Mutex::new(HashMap::new()),
        })
    }
}
