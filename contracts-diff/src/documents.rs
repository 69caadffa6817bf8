//! The JSON documents of the commands other than `diff` and `check` (those print a
//! [`crate::Outcome`]): `check --history` ([`HistoryReport`]), `bump` ([`BumpReport`]),
//! `changelog` ([`Changelog`]) and `rules` ([`RuleCatalogue`], [`RuleEntry`]), built here from [`crate::Outcome`]s so that every front end
//! gives the same answer, and described in `docs/report.schema.json`'s `$defs`
//! ([`crate::report_schema`]).

use schemars::JsonSchema;
use serde::Serialize;

use crate::gate::Verdict;
use crate::report::{Bump, Effect, Finding};
use crate::rules::ChangeKind;
use crate::session::Outcome;
use crate::{Location, Package};

/// `check --history --format json`: every consecutive pair of published versions.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct HistoryReport {
    /// Whether every pair passed.
    pub passed: bool,
    /// The pairs, oldest first.
    pub pairs: Vec<HistoryPair>,
}

/// One pair of `check --history`: its sources, verdict, counts and findings.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct HistoryPair {
    /// The older version's source, as found in the history folder.
    pub old: String,
    /// The newer version's source.
    pub new: String,
    /// The release gate's verdict on the pair.
    #[serde(flatten)]
    pub verdict: Verdict,
    /// How many counted findings require `[major, minor, patch]`.
    pub counts: [usize; 3],
    /// How many findings `contracts.toml` allowed.
    pub allowed: usize,
    /// The counted findings of the pair (`contracts.toml` applied).
    pub findings: Vec<Finding>,
}

/// `rules --format json`: the rule catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RuleCatalogue {
    /// Every rule, in id order.
    pub rules: Vec<RuleEntry>,
}

impl RuleCatalogue {
    /// The catalogue of [`crate::rules::rules`], without the rules' documentation.
    pub fn new() -> RuleCatalogue {
        RuleCatalogue {
            rules: crate::rules::rules()
                .iter()
                .map(|r| RuleEntry::new(r, false))
                .collect(),
        }
    }
}

impl Default for RuleCatalogue {
    fn default() -> Self {
        RuleCatalogue::new()
    }
}

/// One rule of `rules --format json` (`rules RULE --format json` prints one, with `doc`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RuleEntry {
    /// The kebab-case id (`enum-value-removed`).
    pub id: String,
    /// How the change moves the set of accepted values.
    pub effect: Effect,
    /// How the effect becomes a bump: `effect` (by mode), `fixed` (the same in every mode and
    /// policy), `lenient` (a fixed bump under lenient, by mode under strict), `strict-only`
    /// (reported under strict only).
    pub bump_policy: String,
    /// The bump a finding of the rule requires, per policy and mode.
    pub bump: RuleBumps,
    /// One line.
    pub summary: String,
    /// The rule's documentation (Markdown), when one rule is asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// A rule's bumps under each policy: `null` where the rule never fires.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RuleBumps {
    /// Under `policy = "lenient"`.
    pub lenient: Option<ModeBumps>,
    /// Under `policy = "strict"`.
    pub strict: Option<ModeBumps>,
}

/// A bump per mode.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ModeBumps {
    /// Under `mode = "backward"`.
    pub backward: Bump,
    /// Under `mode = "forward"`.
    pub forward: Bump,
    /// Under `mode = "full"`.
    pub full: Bump,
}

impl RuleEntry {
    /// `rule` as the catalogue shows it, with its documentation when `doc`.
    pub fn new(rule: &crate::rules::Rule, doc: bool) -> RuleEntry {
        use crate::rules::BumpPolicy;
        use crate::{Mode, Policy};
        let per_mode = |policy| {
            (rule.bump_policy != BumpPolicy::StrictOnly || policy == Policy::Strict).then(|| {
                ModeBumps {
                    backward: rule.bump(Mode::Backward, policy),
                    forward: rule.bump(Mode::Forward, policy),
                    full: rule.bump(Mode::Full, policy),
                }
            })
        };
        RuleEntry {
            id: rule.id.to_string(),
            effect: rule.effect,
            bump_policy: match rule.bump_policy {
                BumpPolicy::Effect => "effect",
                BumpPolicy::Fixed(_) => "fixed",
                BumpPolicy::Lenient(_) => "lenient",
                BumpPolicy::StrictOnly => "strict-only",
            }
            .to_string(),
            bump: RuleBumps {
                lenient: per_mode(Policy::Lenient),
                strict: per_mode(Policy::Strict),
            },
            summary: rule.summary.to_string(),
            doc: doc.then(|| rule.doc.to_string()),
        }
    }
}

/// `bump --format json`: the next version the changes require.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct BumpReport {
    /// The baseline's version.
    pub current: String,
    /// The bump the changes require.
    pub required_bump: Bump,
    /// The smallest version that passes ([`crate::gate::next_version`]).
    pub next: String,
    /// The manifest `--write` changed, else `null`.
    pub written: Option<String>,
}

/// `changelog --format json`: release notes grouped in sections.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Changelog {
    /// `NAME NEW (since OLD)`, as far as names and versions are known.
    pub title: String,
    /// The package's name (the new one's, else the old one's).
    pub name: Option<String>,
    /// The baseline's version.
    pub old_version: Option<String>,
    /// The new release's version.
    pub new_version: Option<String>,
    /// The bump the counted findings require.
    pub required_bump: Bump,
    /// The smallest next version, when the baseline's version is known.
    pub next_version: Option<String>,
    /// The entries, by section.
    pub sections: ChangelogSections,
}

/// The sections of a [`Changelog`], in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct ChangelogSections {
    /// MAJOR findings.
    pub breaking: Vec<ChangelogEntry>,
    /// Additions and widenings.
    pub added: Vec<ChangelogEntry>,
    /// Other changes of the accepted values.
    pub changed: Vec<ChangelogEntry>,
    /// `deprecated` set or changed.
    pub deprecated: Vec<ChangelogEntry>,
    /// Annotation-only changes.
    pub docs: Vec<ChangelogEntry>,
}

/// One changelog line.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ChangelogEntry {
    /// The schema the change is in.
    pub schema: String,
    /// The rule that fired.
    pub rule: String,
    /// The bump it requires.
    pub bump: Bump,
    /// The finding's message.
    pub message: String,
    /// Where it is (the new side's location, else the old one's).
    pub location: Option<Location>,
    /// The `[[allow]]` reason, when `contracts.toml` accepted the finding.
    pub accepted: Option<String>,
}

/// The section titles, in order (Markdown headings).
pub const SECTION_TITLES: [&str; 5] = ["Breaking", "Added", "Changed", "Deprecated", "Docs"];

impl ChangelogSections {
    /// The sections with their titles, in order.
    pub fn titled(&self) -> [(&'static str, &[ChangelogEntry]); 5] {
        [
            (SECTION_TITLES[0], &self.breaking),
            (SECTION_TITLES[1], &self.added),
            (SECTION_TITLES[2], &self.changed),
            (SECTION_TITLES[3], &self.deprecated),
            (SECTION_TITLES[4], &self.docs),
        ]
    }

    /// Whether no section has an entry.
    pub fn is_empty(&self) -> bool {
        self.titled().iter().all(|(_, list)| list.is_empty())
    }

    fn push(&mut self, f: &Finding, accepted: Option<&str>) {
        // The rule's own metadata: what kind of change it reports.
        let kind = crate::rules::by_id(&f.rule).map(|r| r.kind);
        let list = if kind == Some(ChangeKind::Deprecation) {
            &mut self.deprecated
        } else if f.bump == Bump::Major {
            &mut self.breaking
        } else if f.effect == Effect::Annotation {
            &mut self.docs
        } else if f.effect == Effect::Widened || kind == Some(ChangeKind::Addition) {
            &mut self.added
        } else {
            &mut self.changed
        };
        list.push(ChangelogEntry {
            schema: f.schema.clone(),
            rule: f.rule.clone(),
            bump: f.bump,
            message: f.message.clone(),
            location: f.new.clone().or_else(|| f.old.clone()),
            accepted: accepted.map(str::to_string),
        });
    }
}

impl Changelog {
    /// The changelog of `outcome`, the comparison of `old` with `new`: counted findings, then
    /// the allowed ones with their reason.
    pub fn new(outcome: &Outcome, old: &Package, new: &Package) -> Changelog {
        let mut sections = ChangelogSections::default();
        for f in &outcome.report.findings {
            sections.push(f, None);
        }
        for a in &outcome.allowed {
            sections.push(&a.finding, Some(&a.reason));
        }
        let name = new.name.as_deref().or(old.name.as_deref());
        let label = name.unwrap_or("Changes");
        let title = match (&old.version, &new.version) {
            (Some(o), Some(n)) => format!("{label} {n} (since {o})"),
            (None, Some(n)) => format!("{label} {n}"),
            _ => label.to_string(),
        };
        let required_bump = outcome.report.required_bump;
        Changelog {
            title,
            name: name.map(str::to_string),
            old_version: old.version.as_ref().map(ToString::to_string),
            new_version: new.version.as_ref().map(ToString::to_string),
            required_bump,
            next_version: old
                .version
                .as_ref()
                .map(|o| crate::gate::next_version(o, required_bump).to_string()),
            sections,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Confidence;
    use crate::rules::{self, ChangeKind};

    fn finding(rule: &str, bump: Bump, effect: Effect) -> Finding {
        Finding {
            rule: rule.into(),
            bump,
            effect,
            message: "m".into(),
            schema: "s".into(),
            old: None,
            new: None,
            witness: None,
            confidence: Confidence::Heuristic,
        }
    }

    fn section_of(f: &Finding) -> &'static str {
        let mut sections = ChangelogSections::default();
        sections.push(f, None);
        sections
            .titled()
            .iter()
            .find(|(_, list)| !list.is_empty())
            .map_or("", |(title, _)| *title)
    }

    #[test]
    fn sections_follow_the_rules_kind_not_their_ids() {
        // A non-breaking narrowing that the rule calls an addition is Added; one it calls a
        // modification is Changed, whatever its id looks like.
        for rule in rules::rules() {
            let f = finding(rule.id, Bump::Minor, Effect::Narrowed);
            let expected = match rule.kind {
                ChangeKind::Deprecation => "Deprecated",
                ChangeKind::Addition => "Added",
                ChangeKind::Removal | ChangeKind::Modification => "Changed",
            };
            assert_eq!(section_of(&f), expected, "{}", rule.id);
        }
        // An id outside the catalogue is not read for a suffix.
        let f = finding("x-vendor-added", Bump::Minor, Effect::Narrowed);
        assert_eq!(section_of(&f), "Changed");
        // Breaking and annotation findings go by bump and effect.
        let f = finding("maximum-added", Bump::Major, Effect::Narrowed);
        assert_eq!(section_of(&f), "Breaking");
        let f = finding("description-changed", Bump::Patch, Effect::Annotation);
        assert_eq!(section_of(&f), "Docs");
    }

    #[test]
    fn every_rule_that_adds_or_removes_says_so() {
        for rule in rules::rules() {
            if rule.id.ends_with("-added") {
                assert_eq!(rule.kind, ChangeKind::Addition, "{}", rule.id);
            } else if rule.id.ends_with("-removed") {
                assert_eq!(rule.kind, ChangeKind::Removal, "{}", rule.id);
            }
        }
    }
}
