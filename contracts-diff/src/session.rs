//! One comparison session: two loaded packages and their configuration in, one [`Outcome`] out.
//!
//! Every front end (each `contracts` subcommand, a CI bot, an editor) runs the same pipeline
//! through [`Comparison::run`]:
//!
//! 1. the mode and policy of every schema are resolved **before** the walk ([`SchemaModes`]):
//!    the flags' `mode`/`policy` (when given), else `contracts.toml`'s defaults, else
//!    `full`/`lenient`; then each schema's first matching `[[schemas]]` override (its `mode`,
//!    else its `role`'s mode; its `policy`);
//! 2. the diff walks each schema under its own options ([`crate::diff_with`]): strict-only rules
//!    fire where that schema's policy is `strict`, each finding's bump is its rule's under that
//!    schema's mode and policy, and witnesses are searched for exactly the findings that are
//!    MAJOR there;
//! 3. `contracts.toml`'s deprecation rules, severities and `[[allow]]` entries are applied
//!    ([`Config::apply`]);
//! 4. with both versions known, the release gate judges the bump ([`crate::gate::judge`]).
//!
//! The [`Outcome`] serializes as the JSON report of `diff` and `check` (`docs/report.schema.json`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{AllowedFinding, Config, Context, Date};
use crate::gate::Verdict;
use crate::report::{Bump, Mode, Policy, Report};
use crate::{DiffError, DiffOptions, Package};

/// The mode and policy of every schema of a comparison, resolved before the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaModes {
    /// The options of a schema no override names.
    default: (Mode, Policy),
    /// Schemas whose options differ from the default, by document name.
    by_name: BTreeMap<String, (Mode, Policy)>,
}

impl SchemaModes {
    /// Every schema under `mode` and `policy`.
    pub fn uniform(mode: Mode, policy: Policy) -> SchemaModes {
        SchemaModes {
            default: (mode, policy),
            by_name: BTreeMap::new(),
        }
    }

    /// The options of every document of `old` and `new` under `config`'s `[[schemas]]`
    /// overrides (first matching glob wins, see [`Config::options_for`]), the others `mode` and
    /// `policy`.
    pub fn resolve(
        config: Option<&Config>,
        mode: Mode,
        policy: Policy,
        old: &Package,
        new: &Package,
    ) -> SchemaModes {
        let mut modes = SchemaModes::uniform(mode, policy);
        let Some(config) = config.filter(|c| !c.schemas.is_empty()) else {
            return modes;
        };
        let names = old.documents.keys().chain(new.documents.keys());
        for name in names {
            let own = config.options_for(name, mode, policy);
            if own != modes.default {
                modes.by_name.insert(name.clone(), own);
            }
        }
        modes
    }

    /// The mode and policy of schema `name`.
    pub fn get(&self, name: &str) -> (Mode, Policy) {
        self.by_name.get(name).copied().unwrap_or(self.default)
    }
}

/// A comparison of two loaded packages under a configuration: set the fields, then
/// [`Comparison::run`].
#[derive(Debug, Clone)]
pub struct Comparison<'a> {
    /// The baseline.
    pub old: &'a Package,
    /// The proposed package.
    pub new: &'a Package,
    /// `contracts.toml` (or `--config`), if any.
    pub config: Option<&'a Config>,
    /// The mode given on the command line: wins over the configuration's default (not over a
    /// schema's own override).
    pub mode: Option<Mode>,
    /// The policy given on the command line, likewise.
    pub policy: Option<Policy>,
    /// Treat `format` as an assertion.
    pub format_assertion: bool,
    /// The baseline's and the proposed release's versions: when given, the outcome carries the
    /// release gate's verdict, and `[[allow]] until` versions are read against the second.
    pub versions: Option<(semver::Version, semver::Version)>,
    /// Today, for `[[allow]] until` dates.
    pub today: Date,
}

impl<'a> Comparison<'a> {
    /// A comparison of `old` with `new` without configuration, flags or versions, dated today.
    pub fn new(old: &'a Package, new: &'a Package) -> Comparison<'a> {
        Comparison {
            old,
            new,
            config: None,
            mode: None,
            policy: None,
            format_assertion: false,
            versions: None,
            today: Date::today(),
        }
    }

    /// The default mode and policy: the flags', else the configuration's, else full/lenient.
    pub fn defaults(&self) -> (Mode, Policy) {
        (
            self.mode
                .or(self.config.and_then(|c| c.mode))
                .unwrap_or_default(),
            self.policy
                .or(self.config.and_then(|c| c.policy))
                .unwrap_or_default(),
        )
    }

    /// Run the whole pipeline (see the module docs).
    ///
    /// # Errors
    /// [`DiffError`] when a `$ref` met during the walk cannot be resolved.
    pub fn run(&self) -> Result<Outcome, DiffError> {
        let (mode, policy) = self.defaults();
        let options = DiffOptions {
            mode,
            policy,
            format_assertion: self.format_assertion,
        };
        let schemas = SchemaModes::resolve(self.config, mode, policy, self.old, self.new);
        let report = crate::diff_with(self.old, self.new, &options, &schemas)?;
        let new_version = self
            .versions
            .as_ref()
            .map(|(_, new)| new)
            .or(self.new.version.as_ref());
        let context = Context {
            old: Some(self.old),
            new: Some(self.new),
            new_version,
            today: self.today,
        };
        let default = Config::default();
        let applied = self.config.unwrap_or(&default).apply(report, &context);
        let verdict = self
            .versions
            .as_ref()
            .map(|(old, new)| crate::gate::judge(applied.report.required_bump, old, new));
        Ok(Outcome {
            report: applied.report,
            verdict,
            allowed: applied.allowed,
            warnings: applied.warnings,
            versions: self.versions.clone(),
        })
    }
}

/// What a [`Comparison`] found: the counted findings, the accepted ones, the configuration's
/// warnings and, with versions, the verdict. Serialized, it is the JSON report of `diff` and
/// `check` (`allowed` and `warnings` left out when empty, `verdict` when there is none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The counted findings (allowed and `off` ones removed) and the bump they require.
    #[serde(flatten)]
    pub report: Report,
    /// The release gate's verdict, when both versions were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// The findings `[[allow]]` entries accepted (not counted).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<AllowedFinding>,
    /// `[[allow]]` entries that matched nothing or expired.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The baseline's and the proposed release's versions, when given (in JSON: the verdict's).
    #[serde(skip)]
    pub versions: Option<(semver::Version, semver::Version)>,
}

impl Outcome {
    /// The bump the counted findings require.
    pub fn required_bump(&self) -> Bump {
        self.report.required_bump
    }

    /// How many counted findings require each bump: `(major, minor, patch)`.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.report.counts()
    }

    /// Whether the release passes: the verdict's, `true` without versions.
    pub fn passed(&self) -> bool {
        self.verdict.as_ref().is_none_or(|v| v.passed)
    }
}
