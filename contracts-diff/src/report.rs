//! Findings and the report: the data every output format renders.
//!
//! The JSON form (`serde`) keeps these names stable: `required_bump`, `findings[].rule`,
//! `.bump`, `.message`, `.old`/`.new` (`{"file", "pointer"}` or `null`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use contracts_core::Location;

/// A semver bump: what a change requires, or what a version change declares. Ordered
/// `None < Patch < Minor < Major`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// No change at all.
    #[default]
    None,
    /// Annotations only (`title`, `description`, `examples`, `default`, `deprecated`, ...).
    Patch,
    /// A compatible addition.
    Minor,
    /// A breaking change.
    Major,
}

impl std::fmt::Display for Bump {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// Which compatibility must hold between consecutive versions (Confluent Schema Registry's
/// compatibility types, non-transitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Readers on the new schema accept data written under the old one: narrowing is MAJOR.
    Backward,
    /// Readers on the old schema accept data written under the new one: widening is MAJOR.
    Forward,
    /// Both: any change of the accepted set is MAJOR.
    #[default]
    Full,
}

/// How property additions and removals on objects are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// Exact set semantics, as Confluent Schema Registry's STRICT policy: a property added to an
    /// open content model narrows what was accepted for that name.
    Strict,
    /// Readers tolerate unknown properties: adding an optional property is MINOR, removing an
    /// optional property is MINOR, whatever the content model says.
    #[default]
    Lenient,
}

/// How a change moved the set of JSON values a schema accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// Only annotations changed; the accepted set is the same.
    Annotation,
    /// The new schema accepts a superset (some old-invalid values are now valid).
    Widened,
    /// The new schema accepts a subset (some old-valid values are now invalid).
    Narrowed,
    /// Neither contains the other.
    Changed,
}

impl Effect {
    /// The bump this effect requires under `mode` (before any policy adjustment):
    /// annotation → PATCH; under `backward`, narrowing → MAJOR and widening → MINOR; under
    /// `forward` the reverse; under `full` any change of the accepted set → MAJOR.
    pub fn bump(self, mode: Mode) -> Bump {
        match (self, mode) {
            (Effect::Annotation, _) => Bump::Patch,
            (Effect::Changed, _) => Bump::Major,
            (Effect::Narrowed, Mode::Backward | Mode::Full) => Bump::Major,
            (Effect::Widened, Mode::Forward | Mode::Full) => Bump::Major,
            (Effect::Narrowed, Mode::Forward) | (Effect::Widened, Mode::Backward) => Bump::Minor,
        }
    }
}

/// Which side accepts a witness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WitnessSide {
    /// Valid under the old schema, invalid under the new one.
    Old,
    /// Valid under the new schema, invalid under the old one.
    New,
}

/// A concrete JSON value that one side's whole schema accepts and the other rejects, checked
/// with the `jsonschema` validator.
///
/// The instance is one of a whole document (not of the finding's subschema): `old_root` and
/// `new_root` name the document roots it was validated against, which differ from the
/// finding's locations when the change was reached through a `$ref` into another file (an
/// envelope's payload, say). To reproduce the check, validate `instance` against both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Witness {
    /// The instance, for the whole (document-root) schema.
    pub instance: Value,
    /// The side that accepts it.
    pub valid_in: WitnessSide,
    /// The old document root the instance was validated against (`null` when the old package
    /// has no such schema, e.g. for a schema that was added).
    #[serde(default)]
    pub old_root: Option<Location>,
    /// The new document root the instance was validated against (`null` when the new package
    /// has no such schema, e.g. for a schema that was removed).
    #[serde(default)]
    pub new_root: Option<Location>,
}

/// How sure a finding's verdict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A witness was checked against both schemas, or an equivalence was proved.
    Proved,
    /// Derived from the keywords alone; no witness was found or checked.
    Heuristic,
}

/// One detected change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// The rule id that fired, kebab-case (e.g. `property-removed`).
    pub rule: String,
    /// The bump this finding requires under the report's mode and policy.
    pub bump: Bump,
    /// How the change moved the accepted set.
    pub effect: Effect,
    /// One sentence for humans.
    pub message: String,
    /// The schema (package document name) the finding is in.
    pub schema: String,
    /// Location in the old package, or `null` when the thing is new.
    pub old: Option<Location>,
    /// Location in the new package, or `null` when the thing was removed.
    pub new: Option<Location>,
    /// A payload proving a breaking change, when one was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub witness: Option<Witness>,
    /// Whether the verdict is proved.
    pub confidence: Confidence,
}

/// The result of [`crate::diff`]: findings plus the bump they require together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// The largest bump over the findings; `none` when there are none.
    pub required_bump: Bump,
    /// The direction that was checked.
    pub mode: Mode,
    /// The property policy that was applied.
    pub policy: Policy,
    /// Findings, ordered by schema name, then old/new pointer, then rule.
    pub findings: Vec<Finding>,
}

impl Report {
    /// A report over `findings`, sorted, with `required_bump` computed as their maximum.
    pub fn new(mode: Mode, policy: Policy, mut findings: Vec<Finding>) -> Report {
        findings.sort_by(|a, b| {
            (&a.schema, &a.old, &a.new, &a.rule).cmp(&(&b.schema, &b.old, &b.new, &b.rule))
        });
        let required_bump = findings.iter().map(|f| f.bump).max().unwrap_or(Bump::None);
        Report {
            required_bump,
            mode,
            policy,
            findings,
        }
    }

    /// How many findings require each bump: `(major, minor, patch)`.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |b| self.findings.iter().filter(|f| f.bump == b).count();
        (n(Bump::Major), n(Bump::Minor), n(Bump::Patch))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effect_bumps_follow_mode() {
        assert_eq!(Effect::Narrowed.bump(Mode::Backward), Bump::Major);
        assert_eq!(Effect::Widened.bump(Mode::Backward), Bump::Minor);
        assert_eq!(Effect::Narrowed.bump(Mode::Forward), Bump::Minor);
        assert_eq!(Effect::Widened.bump(Mode::Forward), Bump::Major);
        assert_eq!(Effect::Widened.bump(Mode::Full), Bump::Major);
        assert_eq!(Effect::Annotation.bump(Mode::Full), Bump::Patch);
    }
}
