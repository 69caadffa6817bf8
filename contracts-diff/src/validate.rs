//! Validating instances against subschemas of a package: the witness search and the value
//! comparisons ask for many validators per package, so each side keeps one
//! [`contracts_core::validate::ValidatorSet`] (one `referencing` registry of the package, each
//! validator compiled once), built on first use.

use std::cell::OnceCell;

use contracts_core::validate::{ValidatorOptions, ValidatorSet};
use contracts_core::{Location, Package};
use serde_json::Value;

/// Validators for the subschemas of one package.
pub(crate) struct Validators<'a> {
    pkg: &'a Package,
    options: ValidatorOptions,
    set: OnceCell<Option<ValidatorSet<'a>>>,
}

impl<'a> Validators<'a> {
    /// Validators over `pkg`; `format_assertion` makes `format` assert.
    pub fn new(pkg: &'a Package, format_assertion: bool) -> Self {
        Validators {
            pkg,
            options: ValidatorOptions { format_assertion },
            set: OnceCell::new(),
        }
    }

    /// Whether the subschema at `loc` accepts `instance`; `None` when no validator can be built
    /// there.
    pub fn validates(&self, loc: &Location, instance: &Value) -> Option<bool> {
        self.set
            .get_or_init(|| self.pkg.validators(self.options).ok())
            .as_ref()?
            .is_valid(loc, instance)
    }
}
