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

    /// Whether every schema has the same options.
    pub fn is_uniform(&self) -> bool {
        self.by_name.is_empty()
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
        let (major, minor, patch) = applied.report.counts();
        let counts = Counts {
            major,
            minor,
            patch,
            allowed: applied.allowed.len(),
        };
        let versions = self.versions.as_ref();
        Ok(Outcome {
            old: PackageInfo::of(self.old, versions.map(|(old, _)| old)),
            new: PackageInfo::of(self.new, versions.map(|(_, new)| new)),
            counts,
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
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(
    title = "contracts report",
    description = "The JSON report of `contracts diff` and `contracts check` (`--format json`). \
                   `check` adds `verdict`; `$defs` also holds the documents of `check --history` \
                   (`HistoryReport`), `bump` (`BumpReport`) and `changelog` (`Changelog`)."
)]
pub struct Outcome {
    /// The baseline: its name and version.
    pub old: PackageInfo,
    /// The proposed package: its name and version.
    pub new: PackageInfo,
    /// How many counted findings require each bump, and how many `[[allow]]` accepted.
    pub counts: Counts,
    /// The counted findings (allowed and `off` ones removed) and the bump they require.
    #[serde(flatten)]
    pub report: Report,
    /// `check` only: the release gate's verdict (when both versions were given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// When `contracts.toml` accepted findings: each with `allowed: true`, the `[[allow]]`
    /// entry's `reason` and 1-based index `allow_entry`; not counted in `required_bump`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<AllowedFinding>,
    /// When not empty: `[[allow]]` entries that matched nothing or expired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The baseline's and the proposed release's versions, when given (in JSON: the verdict's).
    #[serde(skip)]
    pub versions: Option<(semver::Version, semver::Version)>,
}

/// A compared package as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PackageInfo {
    /// The name its manifest declares (`package.json` or `contracts.toml` `name`), else null.
    pub name: Option<String>,
    /// Its version: the one given on the command line (`--baseline-version`, `check`'s
    /// `--version`) when there is one, else its manifest's, else null.
    pub version: Option<String>,
}

impl PackageInfo {
    /// `package`'s name, and `version` when given, else the package's own.
    pub fn of(package: &Package, version: Option<&semver::Version>) -> PackageInfo {
        PackageInfo {
            name: package.name.clone(),
            version: version.or(package.version.as_ref()).map(|v| v.to_string()),
        }
    }
}

/// How many findings of an [`Outcome`] require each bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Counts {
    /// Counted findings that require a MAJOR bump.
    pub major: usize,
    /// Counted findings that require a MINOR bump.
    pub minor: usize,
    /// Counted findings that require a PATCH bump.
    pub patch: usize,
    /// Findings `[[allow]]` entries accepted (not counted in `required_bump`).
    pub allowed: usize,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::package;
    use crate::Finding;
    use serde_json::{json, Value};

    /// Two schemas, `a` and `b`, each `{"type": "integer", "maximum": 10}` → `20` (widening).
    fn widened() -> (Package, Package) {
        let doc = |max: u32| json!({"type": "integer", "maximum": max});
        (
            package(&[("a", doc(10)), ("b", doc(10))]),
            package(&[("a", doc(20)), ("b", doc(20))]),
        )
    }

    fn config(text: &str) -> Config {
        Config::parse(text, "contracts.toml").unwrap()
    }

    fn run(old: &Package, new: &Package, config: Option<&Config>, mode: Option<Mode>) -> Outcome {
        Comparison {
            config,
            mode,
            ..Comparison::new(old, new)
        }
        .run()
        .unwrap()
    }

    fn of<'o>(outcome: &'o Outcome, schema: &str) -> Vec<&'o Finding> {
        outcome
            .report
            .findings
            .iter()
            .filter(|f| f.schema == schema)
            .collect()
    }

    /// Issue 11: `mode = "backward"` with schema `a`'s role `event` (forward) gave MAJOR with no
    /// witness; the walk now runs `a` under forward, exactly as `--mode forward` does.
    #[test]
    fn role_derived_forward_mode_is_the_same_as_mode_forward() {
        let (old, new) = widened();
        let roles = config("mode = \"backward\"\n[[schemas]]\nglob = \"a\"\nrole = \"event\"\n");
        let by_role = run(&old, &new, Some(&roles), None);
        let by_flag = run(&old, &new, None, Some(Mode::Forward));
        let a = of(&by_role, "a");
        assert!(!a.is_empty());
        assert_eq!(a, of(&by_flag, "a"));
        assert!(
            a.iter()
                .any(|f| f.bump == Bump::Major && f.witness.is_some()),
            "{a:#?}"
        );
        // `b` keeps the default (backward): widening is MINOR there, with no witness.
        let b = of(&by_role, "b");
        assert!(
            b.iter()
                .all(|f| f.bump == Bump::Minor && f.witness.is_none()),
            "{b:#?}"
        );
        assert_eq!(by_role.report.mode, Mode::Backward);
    }

    /// Issue 11: `mode = "full"` with role `request` (backward) kept a proved witness on a
    /// MINOR finding; the walk now searches none for it.
    #[test]
    fn a_request_role_gives_a_minor_finding_without_witness() {
        let (old, new) = widened();
        let roles = config("mode = \"full\"\n[[schemas]]\nglob = \"a\"\nrole = \"request\"\n");
        let outcome = run(&old, &new, Some(&roles), None);
        let a = of(&outcome, "a");
        assert!(!a.is_empty());
        assert!(
            a.iter()
                .all(|f| f.bump == Bump::Minor && f.witness.is_none()),
            "{a:#?}"
        );
        let b = of(&outcome, "b");
        assert!(
            b.iter()
                .any(|f| f.bump == Bump::Major && f.witness.is_some()),
            "{b:#?}"
        );
    }

    /// A strict-only rule fires for a schema whose override sets `policy = "strict"`, while
    /// the default policy is lenient (it fired only under a strict default before).
    #[test]
    fn a_strict_only_rule_fires_for_a_schema_whose_override_is_strict() {
        let doc = |extra: bool| {
            let mut props = json!({"a": {"type": "string"}});
            if extra {
                props["b"] = json!({"type": "integer"});
            }
            json!({"type": "object", "properties": props})
        };
        let old = package(&[("strict", doc(false)), ("loose", doc(false))]);
        let new = package(&[("strict", doc(true)), ("loose", doc(true))]);
        let overrides =
            config("[[schemas]]\nglob = \"strict\"\nrole = \"request\"\npolicy = \"strict\"\n");
        let outcome = run(&old, &new, Some(&overrides), None);
        let rule = crate::rules::property_added_open_model::RULE.id;
        let fired = |schema: &str| of(&outcome, schema).iter().any(|f| f.rule == rule);
        assert!(fired("strict"), "{:#?}", outcome.report.findings);
        assert!(!fired("loose"), "{:#?}", outcome.report.findings);
        // The same as a strict policy for everything, for that schema.
        let strict = Comparison {
            mode: Some(Mode::Backward),
            policy: Some(Policy::Strict),
            ..Comparison::new(&old, &new)
        }
        .run()
        .unwrap();
        assert_eq!(of(&outcome, "strict"), of(&strict, "strict"));
    }

    /// No finding below MAJOR carries a witness, whatever the modes, policies and roles (a
    /// property over varied pairs, each under every default and every role of the schema).
    #[test]
    fn no_finding_below_major_has_a_witness() {
        let pairs: Vec<(Value, Value)> = vec![
            (json!({"maximum": 10}), json!({"maximum": 20})),
            (json!({"enum": ["a", "b"]}), json!({"enum": ["a"]})),
            (
                json!({"type": "string"}),
                json!({"type": ["string", "integer"]}),
            ),
            (
                json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}),
                json!({"type": "object", "properties": {"a": {"type": "string"}, "b": {}}}),
            ),
            (
                json!({"type": "array", "items": {"minimum": 0}, "maxItems": 3}),
                json!({"type": "array", "items": {"minimum": 1}, "maxItems": 5}),
            ),
            (
                json!({"anyOf": [{"type": "string"}, {"type": "null"}]}),
                json!({"anyOf": [{"type": "string"}]}),
            ),
        ];
        let mut majors_with_witness = 0;
        for (o, n) in &pairs {
            let old = package(&[("s", o.clone())]);
            let new = package(&[("s", n.clone())]);
            for mode in ["backward", "forward", "full"] {
                for role in ["", "role = \"event\"\n", "role = \"request\"\n"] {
                    for policy in ["strict", "lenient"] {
                        let text = format!(
                            "mode = \"{mode}\"\npolicy = \"{policy}\"\n[[schemas]]\nglob = \"s\"\n{role}"
                        );
                        let c = config(&text);
                        let outcome = run(&old, &new, Some(&c), None);
                        for f in &outcome.report.findings {
                            assert!(
                                f.bump == Bump::Major || f.witness.is_none(),
                                "{o} -> {n} under {text}: {f:#?}"
                            );
                            majors_with_witness += usize::from(f.witness.is_some());
                        }
                    }
                }
            }
        }
        // The property is not vacuous: MAJOR findings do get witnesses.
        assert!(majors_with_witness > 0);
    }

    /// A severity that lowers a MAJOR finding drops its witness too.
    #[test]
    fn a_severity_below_major_drops_the_witness() {
        let (old, new) = widened();
        let c = config("[rules.severity]\nmaximum-loosened = \"minor\"\n");
        let outcome = run(&old, &new, Some(&c), None);
        assert!(!outcome.report.findings.is_empty());
        assert!(outcome
            .report
            .findings
            .iter()
            .all(|f| f.bump < Bump::Major && f.witness.is_none()));
    }

    #[test]
    fn versions_give_a_verdict() {
        let (old, new) = widened();
        let outcome = Comparison {
            versions: Some((semver::Version::new(1, 0, 0), semver::Version::new(1, 1, 0))),
            ..Comparison::new(&old, &new)
        }
        .run()
        .unwrap();
        let verdict = outcome.verdict.as_ref().unwrap();
        assert_eq!(verdict.required, Bump::Major);
        assert!(!outcome.passed());
        assert_eq!(outcome.counts().0, outcome.report.findings.len());
        let json = serde_json::to_value(&outcome).unwrap();
        assert_eq!(json["verdict"]["passed"], false);
        assert!(json.get("allowed").is_none() && json.get("versions").is_none());
        assert!(run(&old, &new, None, None).verdict.is_none());
    }
}
