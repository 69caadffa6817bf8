//! `contracts.toml`: the package's gate configuration, applied to a [`Report`] after [`crate::diff`].
//!
//! ```toml
//! mode = "full"                    # default mode (backward | forward | full)
//! policy = "lenient"               # default policy (strict | lenient)
//! allow_deprecated_removal = true  # removing a schema whose old root says `deprecated: true` is MINOR
//!
//! [[schemas]]                      # per-schema overrides, first matching glob wins
//! glob = "events/**"
//! role = "event"                   # event | response | request | both (or `mode = ...`)
//!
//! [[allow]]                        # accept a known finding
//! rule = "enum-value-removed"      # rule id (or glob)
//! schema = "events/import.progress.v2"
//! pointer = "/properties/status/**"
//! reason = "no producer ever sent `paused`"
//! until = "3.0.0"                  # or a date: "2026-12-31"
//!
//! [rules]
//! except = ["comment-changed"]     # these rules are off
//! [rules.severity]
//! description-changed = "off"      # major | minor | patch | off
//!
//! draft = "draft-07"               # the draft of documents without $schema (no inference)
//! on_invalid = "skip"              # documents that do not load become `document-invalid`
//! [resolve]                        # documents from outside the package, never downloaded
//! dirs = ["vendor/schemas"]        # registered under their $id
//! [resolve.map]
//! "https://example.org/schemas/" = "vendor/"  # URL prefix -> folder
//! ```
//!
//! Roles map to modes by who validates what:
//! - `event` and `response`: a producer emits the data and consumers read it. Consumers on the
//!   old schema must accept what the new one allows: **forward** (widening is MAJOR);
//! - `request`: consumers send the data to a provider. The provider on the new schema must accept
//!   what old clients send: **backward** (narrowing is MAJOR);
//! - `both`: **full**.
//!
//! A schema override's `mode`/`policy` are resolved before the walk
//! ([`crate::session::SchemaModes`]): the diff walks that schema under them, so its findings'
//! bumps, its strict-only rules and its witnesses follow them ([`crate::Comparison`]).
//!
//! Order of application after the walk ([`Config::apply`]): the deprecation rules, rule
//! severities (`off` drops the finding), then allow entries (a matching finding moves to
//! [`Applied::allowed`] with its reason and no longer counts towards the required bump).
//! Allow entries that match nothing, or whose `until` has passed, become
//! [`Applied::warnings`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use toml::Spanned;

use crate::report::{Bump, Finding, Mode, Policy, Report};
use crate::rules;
use crate::Package;

/// The configuration file's name, looked for in the package root.
pub const FILE_NAME: &str = "contracts.toml";

/// A role of a schema: who produces the data and who reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A producer emits it, consumers read it: forward.
    Event,
    /// A provider returns it, clients read it: forward.
    Response,
    /// Clients send it, a provider reads it: backward.
    Request,
    /// Both directions: full.
    Both,
}

impl Role {
    /// The mode this role requires (see the module docs).
    pub fn mode(self) -> Mode {
        match self {
            Role::Event | Role::Response => Mode::Forward,
            Role::Request => Mode::Backward,
            Role::Both => Mode::Full,
        }
    }
}

/// A severity a rule can be given: a bump, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Findings of the rule require MAJOR.
    Major,
    /// Findings of the rule require MINOR.
    Minor,
    /// Findings of the rule require PATCH.
    Patch,
    /// Findings of the rule are dropped.
    Off,
}

/// A per-schema override.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaOverride {
    /// Glob over schema names (`events/**`, `api/*.request`).
    pub glob: String,
    /// The role; gives the mode when `mode` is not set.
    #[serde(default)]
    pub role: Option<Role>,
    /// The mode (wins over `role`).
    #[serde(default)]
    pub mode: Option<Mode>,
    /// The policy.
    #[serde(default)]
    pub policy: Option<Policy>,
}

/// An `until` value: a version or a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Until {
    /// The entry applies to releases up to and including this version.
    Version(semver::Version),
    /// The entry applies up to and including this day (`YYYY-MM-DD`).
    Date(Date),
}

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i64,
    /// Month, 1-12.
    pub month: u32,
    /// Day, 1-31.
    pub day: u32,
}

impl Date {
    /// Parse `YYYY-MM-DD`: a real calendar day (`2099-02-31` and `2026-13-01` are not), read
    /// by `jiff`.
    pub fn parse(text: &str) -> Option<Date> {
        // Exactly the extended form: no `+002026-06-01`, no basic `20260601`.
        let shape = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape {
            return None;
        }
        text.parse::<jiff::civil::Date>().ok().map(Date::from_civil)
    }

    /// Why `text` is not a `YYYY-MM-DD` calendar day (`jiff`'s reason when it has the shape
    /// of one, e.g. "day 31 is out of range" for `2099-02-31`); `None` when it is one.
    pub fn reason_invalid(text: &str) -> Option<String> {
        if Date::parse(text).is_some() {
            return None;
        }
        Some(match text.parse::<jiff::civil::Date>() {
            Err(e) => e.to_string(),
            Ok(_) => "not in the form YYYY-MM-DD".to_string(),
        })
    }

    fn from_civil(date: jiff::civil::Date) -> Date {
        Date {
            year: i64::from(date.year()),
            month: date.month().unsigned_abs().into(),
            day: date.day().unsigned_abs().into(),
        }
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        Date::from_civil(
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date(),
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Until {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Until::Version(v) => write!(f, "{v}"),
            Until::Date(d) => write!(f, "{d}"),
        }
    }
}

/// An `[[allow]]` entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    rule: Spanned<String>,
    #[serde(default)]
    schema: Option<Spanned<String>>,
    #[serde(default)]
    pointer: Option<Spanned<String>>,
    reason: Spanned<String>,
    #[serde(default)]
    until: Option<Spanned<toml::Value>>,
}

/// An `[[allow]]` entry: accepts the findings it matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AllowEntry {
    /// 1-based index among the `[[allow]]` entries, for messages.
    pub index: usize,
    /// Rule id or glob over rule ids.
    pub rule: String,
    /// Glob over schema names (`None`: any).
    pub schema: Option<String>,
    /// Glob over the finding's old or new JSON Pointer (`None`: any).
    pub pointer: Option<String>,
    /// Why the finding is accepted (required).
    pub reason: String,
    /// When the entry stops applying.
    pub until: Option<Until>,
}

impl AllowEntry {
    fn matches(&self, f: &Finding) -> bool {
        glob_match(&self.rule, &f.rule)
            && self
                .schema
                .as_deref()
                .is_none_or(|g| glob_match(g, &f.schema))
            && self.pointer.as_deref().is_none_or(|g| {
                [&f.old, &f.new]
                    .into_iter()
                    .flatten()
                    .any(|l| glob_match(g, &l.pointer))
            })
    }

    fn expired(&self, context: &Context<'_>) -> bool {
        match &self.until {
            None => false,
            Some(Until::Version(v)) => context
                .new_version
                .is_some_and(|n| (n.major, n.minor, n.patch) > (v.major, v.minor, v.patch)),
            Some(Until::Date(d)) => context.today > *d,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default, rename = "use")]
    use_: Vec<Spanned<String>>,
    #[serde(default)]
    except: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    // Manifest keys `Package::load` reads from the same file.
    #[serde(default)]
    #[allow(dead_code)]
    name: Option<toml::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    version: Option<toml::Value>,
    #[serde(default)]
    #[allow(dead_code)]
    package: Option<toml::Value>,
    #[serde(default)]
    mode: Option<Mode>,
    #[serde(default)]
    policy: Option<Policy>,
    #[serde(default)]
    allow_deprecated_removal: bool,
    #[serde(default)]
    schemas: Vec<SchemaOverride>,
    #[serde(default)]
    allow: Vec<RawAllow>,
    #[serde(default)]
    rules: RawRules,
    #[serde(default)]
    draft: Option<contracts_core::Draft>,
    #[serde(default)]
    on_invalid: Option<OnInvalid>,
    #[serde(default)]
    resolve: RawResolve,
    #[serde(default)]
    tag_pattern: Option<Spanned<String>>,
}

/// `[resolve]`: documents from outside the package.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResolve {
    #[serde(default)]
    dirs: Vec<String>,
    #[serde(default)]
    map: BTreeMap<String, String>,
}

/// `on_invalid`: what a load does with a document that does not load.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnInvalid {
    /// The load fails, listing every error (the default).
    #[default]
    Fail,
    /// The documents that load are diffed; each that does not is a `document-invalid` finding.
    Skip,
}

/// How the package is loaded (`draft`, `on_invalid`, `[resolve]`). Folders are relative to
/// the configuration file's folder once [`Config::load`] has read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadConfig {
    /// `draft = "draft-07"`: the draft of documents without `$schema` (no inference).
    pub draft: Option<contracts_core::Draft>,
    /// `on_invalid = "skip"`: keep going past documents that do not load.
    pub on_invalid: OnInvalid,
    /// `[resolve] dirs = [...]`: folders of outside documents, registered under their `$id`.
    pub dirs: Vec<std::path::PathBuf>,
    /// `[resolve.map] "https://example.org/schemas/" = "vendor/"`: URL prefix → folder.
    pub map: Vec<(String, std::path::PathBuf)>,
}

impl LoadConfig {
    /// Apply these settings to `options` (flags given on the command line are applied after).
    pub fn apply(&self, options: &mut contracts_core::LoadOptions) {
        if let Some(draft) = self.draft {
            options.default_draft = draft;
            options.infer_draft = false;
        }
        if self.on_invalid == OnInvalid::Skip {
            options.keep_going = true;
        }
        options.ref_dirs.extend(self.dirs.iter().cloned());
        options.ref_map.extend(self.map.iter().cloned());
    }
}

/// A parsed `contracts.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Default mode (the CLI's `--mode` wins when given).
    pub mode: Option<Mode>,
    /// Default policy (the CLI's `--policy` wins when given).
    pub policy: Option<Policy>,
    /// Removing a schema whose old root has `deprecated: true` is MINOR, not MAJOR.
    pub allow_deprecated_removal: bool,
    /// Per-schema overrides, first match wins.
    pub schemas: Vec<SchemaOverride>,
    /// Allow entries.
    pub allow: Vec<AllowEntry>,
    /// `[rules] use`: when not empty, only these rules count (others are off).
    pub use_rules: Vec<String>,
    /// `[rules] except`: these rules are off.
    pub except_rules: Vec<String>,
    /// `[rules.severity]`.
    pub severity: BTreeMap<String, Severity>,
    /// `draft`, `on_invalid`, `[resolve]`: how packages are loaded.
    pub load: LoadConfig,
    /// `tag_pattern`: the git tags that are published versions (`check` without
    /// `--baseline`); [`TagPattern::DEFAULT`] when not set.
    pub tag_pattern: Option<TagPattern>,
}

/// A glob over git tag names (`v*`, `contracts-v*`) whose matches are published versions: the
/// version is the tag minus the glob's literal prefix (and a `v` before a digit), read as
/// semver (`contracts-v1.2.0` under `contracts-v*` is 1.2.0).
#[derive(Debug, Clone)]
pub struct TagPattern {
    glob: String,
    matcher: globset::GlobMatcher,
}

impl PartialEq for TagPattern {
    fn eq(&self, other: &Self) -> bool {
        self.glob == other.glob
    }
}

impl Eq for TagPattern {}

impl TagPattern {
    /// The pattern when `contracts.toml` sets none.
    pub const DEFAULT: &'static str = "v*";

    /// Parse a glob.
    ///
    /// # Errors
    /// A message naming the glob when it does not parse.
    pub fn new(glob: &str) -> Result<TagPattern, String> {
        let matcher = globset::Glob::new(glob)
            .map_err(|e| format!("tag_pattern: `{glob}` is not a valid glob: {}", e.kind()))?
            .compile_matcher();
        Ok(TagPattern {
            glob: glob.to_string(),
            matcher,
        })
    }

    /// The glob as written.
    pub fn as_str(&self) -> &str {
        &self.glob
    }

    /// The version `tag` names, when it matches the pattern and the rest is semver.
    pub fn version_of(&self, tag: &str) -> Option<semver::Version> {
        if !self.matcher.is_match(tag) {
            return None;
        }
        let literal = self
            .glob
            .find(['*', '?', '[', '{', '\\'])
            .map_or(self.glob.as_str(), |i| &self.glob[..i]);
        let rest = tag.strip_prefix(literal).unwrap_or(tag);
        let rest = match rest.strip_prefix(['v', 'V']) {
            Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => r,
            _ => rest,
        };
        semver::Version::parse(rest).ok()
    }

    /// The newest tag of `tags` by semver (a pre-release before its release), among those whose
    /// version is below `below` when given: `(tag, version)`.
    pub fn newest<'t>(
        &self,
        tags: impl IntoIterator<Item = &'t str>,
        below: Option<&semver::Version>,
    ) -> Option<(&'t str, semver::Version)> {
        tags.into_iter()
            .filter_map(|t| self.version_of(t).map(|v| (t, v)))
            .filter(|(_, v)| below.is_none_or(|b| v < b))
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)))
    }
}

/// A configuration that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ConfigError {
    /// The file, as given.
    pub file: String,
    /// 1-based line (1 when the error has no position).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// What [`Config::apply`] needs besides the report.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The baseline package (for `deprecated` roots and values).
    pub old: Option<&'a Package>,
    /// The proposed package (for `deprecated` values).
    pub new: Option<&'a Package>,
    /// The proposed version, for `until` versions.
    pub new_version: Option<&'a semver::Version>,
    /// Today, for `until` dates.
    pub today: Date,
}

/// A finding an allow entry accepted.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AllowedFinding {
    /// The finding, with the bump it would have required.
    #[serde(flatten)]
    pub finding: Finding,
    /// Always `true` (so the JSON says so).
    pub allowed: bool,
    /// The entry's reason.
    pub reason: String,
    /// The entry's 1-based index.
    pub allow_entry: usize,
}

/// The report after the configuration is applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    /// The counted findings (allowed and `off` ones removed), `required_bump` recomputed.
    #[serde(flatten)]
    pub report: Report,
    /// The findings allow entries accepted.
    pub allowed: Vec<AllowedFinding>,
    /// Allow entries that matched nothing or expired, and other remarks.
    pub warnings: Vec<String>,
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

/// Whether `id` names a rule (with `allow_glob`, a glob matching at least one); the message
/// when not.
fn check_rule_id(id: &str, what: &str, allow_glob: bool) -> Result<(), String> {
    let known = if allow_glob && id.contains(['*', '?']) {
        rules::rules().iter().any(|r| glob_match(id, r.id))
    } else {
        rules::by_id(id).is_some()
    };
    if known {
        return Ok(());
    }
    Err(format!(
        "{what}: unknown rule `{id}` (`contracts rules` lists them)"
    ))
}

/// A [`ConfigError`] at the start of `span` (a byte range of the text, as the `toml` crate
/// reports a value's place).
fn error_at_span(file: &str, text: &str, span: Range<usize>, message: String) -> ConfigError {
    let (line, column) = line_col(text, span.start);
    ConfigError {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

/// A [`ConfigError`] at the first occurrence of `value` in the text (as a quoted TOML string,
/// else bare), or at 1:1 when it does not occur: for the values the `toml` crate gives no span
/// of (`[[schemas]]` globs, `[rules.severity]` keys).
fn error_at(file: &str, text: &str, value: &str, message: String) -> ConfigError {
    let (line, column) = text
        .find(&format!("{value:?}"))
        .or_else(|| text.find(value))
        .map(|o| line_col(text, o))
        .unwrap_or((1, 1));
    ConfigError {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

/// A glob of the configuration that `globset` cannot parse (an unclosed `[` or `{`, say) is an
/// error, not a pattern that silently matches nothing; the message when so.
fn check_glob(glob: &str, what: &str) -> Result<(), String> {
    let Err(e) = globset::GlobBuilder::new(glob)
        .literal_separator(true)
        .build()
    else {
        return Ok(());
    };
    Err(format!(
        "{what}: `{glob}` is not a valid glob: {}",
        e.kind()
    ))
}

/// Read an `until` value: a version, or a date (a TOML date or a `"YYYY-MM-DD"` string) that
/// is a real calendar day; the message when it is neither.
fn parse_until(value: &toml::Value) -> Result<Until, String> {
    match value {
        toml::Value::Datetime(d) => {
            let s = d.to_string();
            match Date::reason_invalid(&s) {
                None => Date::parse(&s)
                    .map(Until::Date)
                    .ok_or_else(|| format!("`until` {s} is not a date (YYYY-MM-DD)")),
                Some(why) => Err(format!("`until` {s} is not a date (YYYY-MM-DD): {why}")),
            }
        }
        toml::Value::String(s) => {
            if let Some(d) = Date::parse(s) {
                return Ok(Until::Date(d));
            }
            // Shaped like a date but no calendar day (2099-02-31): say so, not "not a version".
            let date_like = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
            if date_like {
                let why = Date::reason_invalid(s).unwrap_or_default();
                return Err(format!("`until` {s:?} is not a calendar date: {why}"));
            }
            semver::Version::parse(s.trim_start_matches('v'))
                .map(Until::Version)
                .map_err(|_| format!("`until` {s:?} is neither a version nor a YYYY-MM-DD date"))
        }
        other => Err(format!("`until` must be a version or a date, not {other}")),
    }
}

impl Config {
    /// Parse the text of a `contracts.toml`; `file` names it in errors.
    ///
    /// # Errors
    /// [`ConfigError`] with the line and column of a TOML syntax error, an unknown key, a
    /// bad value, an unknown rule id, a glob that does not parse or a bad `until`.
    pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            ConfigError {
                file: file.to_string(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        let at = |span: Range<usize>| {
            move |message: String| error_at_span(file, text, span.clone(), message)
        };
        let mut allow = Vec::new();
        for (i, a) in raw.allow.into_iter().enumerate() {
            let index = i + 1;
            let what = format!("[[allow]] #{index}");
            let rule_at = at(a.rule.span());
            check_glob(a.rule.get_ref(), &what).map_err(&rule_at)?;
            check_rule_id(a.rule.get_ref(), &what, true).map_err(&rule_at)?;
            for glob in a.schema.iter().chain(&a.pointer) {
                check_glob(glob.get_ref(), &what).map_err(at(glob.span()))?;
            }
            if a.reason.get_ref().trim().is_empty() {
                return Err(at(a.reason.span())(format!(
                    "{what}: `reason` must say why the finding is accepted"
                )));
            }
            let until = match &a.until {
                None => None,
                Some(value) => Some(
                    parse_until(value.get_ref())
                        .map_err(|m| at(value.span())(format!("{what}: {m}")))?,
                ),
            };
            allow.push(AllowEntry {
                index,
                rule: a.rule.into_inner(),
                schema: a.schema.map(Spanned::into_inner),
                pointer: a.pointer.map(Spanned::into_inner),
                reason: a.reason.into_inner(),
                until,
            });
        }
        for (i, s) in raw.schemas.iter().enumerate() {
            check_glob(&s.glob, &format!("[[schemas]] #{}", i + 1))
                .map_err(|m| error_at(file, text, &s.glob, m))?;
        }
        for id in raw.rules.use_.iter().chain(&raw.rules.except) {
            check_rule_id(id.get_ref(), "[rules]", false).map_err(at(id.span()))?;
        }
        for id in raw.rules.severity.keys() {
            check_rule_id(id, "[rules.severity]", false)
                .map_err(|m| error_at(file, text, id, m))?;
        }
        let tag_pattern = match &raw.tag_pattern {
            None => None,
            Some(glob) => Some(TagPattern::new(glob.get_ref()).map_err(at(glob.span()))?),
        };
        Ok(Config {
            tag_pattern,
            mode: raw.mode,
            policy: raw.policy,
            allow_deprecated_removal: raw.allow_deprecated_removal,
            schemas: raw.schemas,
            allow,
            use_rules: raw
                .rules
                .use_
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            except_rules: raw
                .rules
                .except
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            severity: raw.rules.severity,
            load: LoadConfig {
                draft: raw.draft,
                on_invalid: raw.on_invalid.unwrap_or_default(),
                dirs: raw.resolve.dirs.iter().map(Into::into).collect(),
                map: raw
                    .resolve
                    .map
                    .into_iter()
                    .map(|(prefix, dir)| (prefix, dir.into()))
                    .collect(),
            },
        })
    }

    /// Read `file`.
    ///
    /// # Errors
    /// [`ConfigError`] when it cannot be read or parsed.
    pub fn load(file: &Path) -> Result<Config, ConfigError> {
        let name = file.display().to_string();
        // A regular file of sane size only: `--config /dev/zero` or a FIFO is an error.
        let cannot = |message: String| ConfigError {
            file: name.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read: {message}"),
        };
        let bytes = contracts_core::input::read_regular_file(
            file,
            contracts_core::input::DEFAULT_MAX_INPUT_SIZE,
        )
        .map_err(|e| match e {
            contracts_core::LoadError::Io { message, .. } => cannot(message),
            other => cannot(other.to_string()),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| cannot(format!("not UTF-8: {e}")))?;
        let mut config = Config::parse(&text, &name)?;
        // `[resolve]` folders are relative to the file's folder.
        if let Some(base) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            let load = &mut config.load;
            for dir in &mut load.dirs {
                *dir = base.join(&*dir);
            }
            for (_, dir) in &mut load.map {
                *dir = base.join(&*dir);
            }
        }
        Ok(config)
    }

    /// `dir/contracts.toml` when it exists.
    ///
    /// # Errors
    /// As [`Config::load`].
    pub fn find(dir: &Path) -> Result<Option<Config>, ConfigError> {
        let file = dir.join(FILE_NAME);
        if file.is_file() {
            Config::load(&file).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The mode and policy for schema `name`: the first matching override's, else the report's.
    pub fn options_for(&self, name: &str, mode: Mode, policy: Policy) -> (Mode, Policy) {
        match self.schemas.iter().find(|s| glob_match(&s.glob, name)) {
            Some(s) => (
                s.mode.or(s.role.map(Role::mode)).unwrap_or(mode),
                s.policy.unwrap_or(policy),
            ),
            None => (mode, policy),
        }
    }

    fn severity_of(&self, rule: &str) -> Option<Severity> {
        if let Some(s) = self.severity.get(rule) {
            return Some(*s);
        }
        let off = (!self.use_rules.is_empty() && !self.use_rules.iter().any(|r| r == rule))
            || self.except_rules.iter().any(|r| r == rule);
        off.then_some(Severity::Off)
    }

    /// Apply the configuration to `report` (see the module docs for the order). Pure: the
    /// packages, the new version and today's date come from `context`.
    pub fn apply(&self, report: Report, context: &Context<'_>) -> Applied {
        let Report {
            mode,
            policy,
            findings,
            ..
        } = report;
        let deprecated_roots: BTreeSet<&str> = context
            .old
            .map(|p| {
                p.documents
                    .values()
                    .filter(|d| d.value.get("deprecated") == Some(&Value::Bool(true)))
                    .map(|d| d.name.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let mut kept = Vec::new();
        for mut f in findings {
            if f.rule == "schema-removed"
                && self.allow_deprecated_removal
                && deprecated_roots.contains(f.schema.as_str())
                && f.bump == Bump::Major
            {
                f.bump = Bump::Minor;
                f.message
                    .push_str(" (deprecated in the baseline; allow_deprecated_removal = true)");
            }
            if f.rule == "deprecated-changed"
                && f.bump < Bump::Minor
                && marks_deprecated(&f, context)
            {
                f.bump = Bump::Minor;
            }
            match self.severity_of(&f.rule) {
                Some(Severity::Off) => continue,
                Some(Severity::Major) => f.bump = Bump::Major,
                Some(Severity::Minor) => f.bump = Bump::Minor,
                Some(Severity::Patch) => f.bump = Bump::Patch,
                None => {}
            }
            // A witness proves a breaking change: a finding the configuration made smaller
            // than MAJOR carries none (as the walk gives none to a MINOR finding).
            if f.bump < Bump::Major {
                f.witness = None;
            }
            kept.push(f);
        }
        let mut counted = Vec::new();
        let mut allowed = Vec::new();
        let mut used = vec![false; self.allow.len()];
        let live: Vec<bool> = self.allow.iter().map(|a| !a.expired(context)).collect();
        for f in kept {
            let entry = self
                .allow
                .iter()
                .enumerate()
                .find(|(i, a)| live[*i] && a.matches(&f));
            match entry {
                Some((i, a)) => {
                    used[i] = true;
                    allowed.push(AllowedFinding {
                        finding: f,
                        allowed: true,
                        reason: a.reason.clone(),
                        allow_entry: a.index,
                    });
                }
                None => counted.push(f),
            }
        }
        let mut warnings = Vec::new();
        for (i, a) in self.allow.iter().enumerate() {
            let what = describe_entry(a);
            if !live[i] {
                warnings.push(format!(
                    "[[allow]] #{} ({what}) expired (until {}): it no longer applies; remove it",
                    a.index,
                    a.until
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                ));
            } else if !used[i] {
                warnings.push(format!(
                    "[[allow]] #{} ({what}) matches no finding: remove it",
                    a.index
                ));
            }
        }
        Applied {
            report: Report::new(mode, policy, counted),
            allowed,
            warnings,
        }
    }
}

fn describe_entry(a: &AllowEntry) -> String {
    let mut s = format!("rule {}", a.rule);
    if let Some(g) = &a.schema {
        s.push_str(&format!(", schema {g}"));
    }
    if let Some(g) = &a.pointer {
        s.push_str(&format!(", pointer {g}"));
    }
    s
}

/// Whether a `deprecated-changed` finding sets `deprecated` to `true` where it was not.
fn marks_deprecated(f: &Finding, context: &Context<'_>) -> bool {
    let value = |p: Option<&Package>, l: &Option<crate::Location>| -> Option<Value> {
        let (p, l) = (p?, l.as_ref()?);
        let v = p.value_at(l)?;
        Some(if l.pointer.ends_with("/deprecated") {
            v.clone()
        } else {
            v.get("deprecated").cloned().unwrap_or(Value::Null)
        })
    };
    value(context.new, &f.new) == Some(Value::Bool(true))
        && value(context.old, &f.old) != Some(Value::Bool(true))
}

/// Glob matching over `/`-separated names, by the `globset` crate with `literal_separator`:
/// `*` matches within one segment, `**` any number of segments (also none), `?` one character
/// other than `/`, `[...]` a class, `{a,b}` alternatives. A glob that does not parse matches
/// nothing ([`Config::parse`] rejects such globs with their line and column).
pub fn glob_match(glob: &str, text: &str) -> bool {
    globset::GlobBuilder::new(glob)
        .literal_separator(true)
        .build()
        .is_ok_and(|g| g.compile_matcher().is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Confidence, Effect};
    use crate::Location;

    fn finding(rule: &str, schema: &str, pointer: &str, bump: Bump) -> Finding {
        Finding {
            rule: rule.into(),
            bump,
            effect: Effect::Narrowed,
            message: "m".into(),
            schema: schema.into(),
            old: Some(Location::new(format!("{schema}.json"), pointer)),
            new: Some(Location::new(format!("{schema}.json"), pointer)),
            witness: None,
            confidence: Confidence::Heuristic,
        }
    }

    fn context(version: Option<&semver::Version>) -> Context<'_> {
        Context {
            old: None,
            new: None,
            new_version: version,
            today: Date {
                year: 2026,
                month: 6,
                day: 1,
            },
        }
    }

    fn report() -> Report {
        Report::new(
            Mode::Full,
            Policy::Lenient,
            vec![
                finding(
                    "enum-value-removed",
                    "events/import.progress.v2",
                    "/properties/status/enum",
                    Bump::Major,
                ),
                finding(
                    "description-changed",
                    "api/response",
                    "/description",
                    Bump::Patch,
                ),
            ],
        )
    }

    const ALLOW: &str = r#"
[[allow]]
rule = "enum-value-removed"
schema = "events/*"
pointer = "/properties/status/**"
reason = "no producer ever sent paused"
"#;

    #[test]
    fn allow_entry_moves_the_finding_out_of_the_bump() {
        let config = Config::parse(ALLOW, "contracts.toml").unwrap();
        let applied = config.apply(report(), &context(None));
        assert_eq!(applied.report.required_bump, Bump::Patch);
        assert_eq!(applied.allowed.len(), 1);
        assert_eq!(applied.allowed[0].reason, "no producer ever sent paused");
        assert!(applied.allowed[0].allowed);
        assert_eq!(applied.allowed[0].finding.bump, Bump::Major);
        assert!(applied.warnings.is_empty(), "{:?}", applied.warnings);
        let json = serde_json::to_value(&applied).unwrap();
        assert_eq!(json["allowed"][0]["allowed"], true);
        assert_eq!(json["allowed"][0]["rule"], "enum-value-removed");
        assert_eq!(json["required_bump"], "patch");
    }

    #[test]
    fn expired_until_does_not_apply_and_warns() {
        for until in ["\"2.5.0\"", "\"2026-05-31\"", "2026-05-31"] {
            let text = format!("{ALLOW}until = {until}\n");
            let config = Config::parse(&text, "contracts.toml").unwrap();
            let v = semver::Version::new(3, 0, 0);
            let applied = config.apply(report(), &context(Some(&v)));
            assert_eq!(applied.report.required_bump, Bump::Major, "{until}");
            assert!(applied.allowed.is_empty());
            assert_eq!(applied.warnings.len(), 1);
            assert!(
                applied.warnings[0].contains("expired"),
                "{:?}",
                applied.warnings
            );
        }
        // Not yet expired: same version, a later day.
        for until in ["\"3.0.0\"", "\"2026-06-01\""] {
            let text = format!("{ALLOW}until = {until}\n");
            let config = Config::parse(&text, "contracts.toml").unwrap();
            let v = semver::Version::new(3, 0, 0);
            let applied = config.apply(report(), &context(Some(&v)));
            assert_eq!(applied.allowed.len(), 1, "{until}");
        }
    }

    #[test]
    fn unmatched_entry_warns() {
        let text = ALLOW.replace("events/*", "api/*");
        let config = Config::parse(&text, "c.toml").unwrap();
        let applied = config.apply(report(), &context(None));
        assert!(applied.allowed.is_empty());
        assert_eq!(applied.report.required_bump, Bump::Major);
        assert_eq!(applied.warnings.len(), 1);
        assert!(applied.warnings[0].contains("matches no finding"));
        let json = serde_json::to_value(&applied).unwrap();
        assert!(json["warnings"][0]
            .as_str()
            .unwrap()
            .contains("[[allow]] #1"));
    }

    #[test]
    fn a_glob_that_does_not_parse_is_an_error_at_its_place() {
        let text = "[[schemas]]\nglob = \"events/**\"\nrole = \"event\"\n[[schemas]]\nglob = \"api/{a,b\"\n";
        let err = Config::parse(text, "contracts.toml").unwrap_err();
        assert_eq!((err.line, err.column), (5, 8), "{err}");
        assert!(err.message.contains("[[schemas]] #2"), "{err}");
        assert!(err.message.contains("api/{a,b"), "{err}");

        let text = "[[allow]]\nrule = \"enum-value-removed\"\npointer = \"/properties/[a\"\nreason = \"known\"\n";
        let err = Config::parse(text, "contracts.toml").unwrap_err();
        assert_eq!((err.line, err.column), (3, 11), "{err}");
        assert!(err.message.contains("[[allow]] #1"), "{err}");

        let text = "[[allow]]\nrule = \"enum-value-removed\"\nschema = \"events/**\"\nreason = \"known\"\n";
        assert!(Config::parse(text, "contracts.toml").is_ok());
    }

    #[test]
    fn malformed_toml_has_line_and_column() {
        let err = Config::parse("mode = \"full\"\npolicy = = 3\n", "x/contracts.toml").unwrap_err();
        assert_eq!((err.line, err.column), (2, 10), "{err}");
        assert!(
            err.to_string().starts_with("x/contracts.toml:2:10: "),
            "{err}"
        );
        let err = Config::parse("mode = \"sideways\"\n", "c.toml").unwrap_err();
        assert_eq!(err.line, 1, "{err}");
        assert!(
            err.message.contains("sideways") || err.message.contains("variant"),
            "{err}"
        );
        let err = Config::parse("[[allow]]\nrule = \"x\"\n", "c.toml").unwrap_err();
        assert!(err.message.contains("reason"), "{err}");
        let err = Config::parse(
            "[[allow]]\nrule = \"no-such-rule\"\nreason = \"r\"\n",
            "c.toml",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (2, 8), "{err}");
        let err = Config::parse("colour = 1\n", "c.toml").unwrap_err();
        assert!(err.message.contains("colour"), "{err}");
    }

    #[test]
    fn severities_and_rule_selection() {
        let text = "[rules]\nexcept = [\"description-changed\"]\n[rules.severity]\nenum-value-removed = \"minor\"\n";
        let config = Config::parse(text, "c.toml").unwrap();
        let applied = config.apply(report(), &context(None));
        assert_eq!(applied.report.findings.len(), 1);
        assert_eq!(applied.report.required_bump, Bump::Minor);
        let config = Config::parse("[rules]\nuse = [\"description-changed\"]\n", "c.toml").unwrap();
        let applied = config.apply(report(), &context(None));
        assert_eq!(applied.report.required_bump, Bump::Patch);
    }

    #[test]
    fn roles_map_to_modes() {
        let text = "[[schemas]]\nglob = \"events/**\"\nrole = \"event\"\n[[schemas]]\nglob = \"api/**\"\nrole = \"request\"\n";
        let config = Config::parse(text, "c.toml").unwrap();
        assert_eq!(
            config.options_for("events/a.v1", Mode::Full, Policy::Lenient),
            (Mode::Forward, Policy::Lenient)
        );
        assert_eq!(
            config.options_for("api/x", Mode::Full, Policy::Lenient).0,
            Mode::Backward
        );
        // enum-value-removed narrows: MINOR for an event (forward), MAJOR for a request, decided
        // by the walk itself under each schema's own mode (the configuration changes no bump
        // after it).
        let doc = |e: serde_json::Value| serde_json::json!({"enum": e});
        let load = |e: serde_json::Value| {
            Package::from_documents(
                "p",
                None,
                vec![
                    ("events/a.v1".into(), doc(e.clone())),
                    ("api/x".into(), doc(e)),
                ],
                &contracts_core::LoadOptions::default(),
            )
            .unwrap()
        };
        let (old, new) = (
            load(serde_json::json!(["a", "b"])),
            load(serde_json::json!(["a"])),
        );
        let mut comparison = crate::Comparison::new(&old, &new);
        comparison.config = Some(&config);
        let outcome = comparison.run().unwrap();
        let bumps: Vec<(String, Bump)> = outcome
            .report
            .findings
            .iter()
            .filter(|f| f.rule == "enum-value-removed")
            .map(|f| (f.schema.clone(), f.bump))
            .collect();
        assert!(
            bumps.contains(&("events/a.v1".into(), Bump::Minor)),
            "{bumps:?}"
        );
        assert!(bumps.contains(&("api/x".into(), Bump::Major)), "{bumps:?}");
        // Applying the configuration after a walk changes no bump by role.
        let applied = config.apply(report(), &context(None));
        let removed = applied
            .report
            .findings
            .iter()
            .find(|f| f.rule == "enum-value-removed")
            .unwrap();
        assert_eq!(removed.bump, Bump::Major);
    }

    #[test]
    fn deprecated_schema_removal_is_minor_when_allowed() {
        let old = Package::from_documents(
            "old",
            None,
            vec![
                (
                    "events/a.v1".into(),
                    serde_json::json!({"type": "object", "deprecated": true}),
                ),
                ("events/b.v1".into(), serde_json::json!({"type": "object"})),
            ],
            &contracts_core::LoadOptions::default(),
        )
        .unwrap();
        let new = Package::from_documents(
            "new",
            None,
            vec![("events/c".into(), serde_json::json!({}))],
            &contracts_core::LoadOptions::default(),
        )
        .unwrap();
        let report = crate::diff(&old, &new, &crate::DiffOptions::default()).unwrap();
        let ctx = Context {
            old: Some(&old),
            new: Some(&new),
            ..context(None)
        };
        let bump_of = |applied: &Applied, schema: &str| {
            applied
                .report
                .findings
                .iter()
                .find(|f| f.rule == "schema-removed" && f.schema == schema)
                .map(|f| f.bump)
        };
        let on = Config::parse("allow_deprecated_removal = true\n", "c").unwrap();
        let applied = on.apply(report.clone(), &ctx);
        assert_eq!(bump_of(&applied, "events/a.v1"), Some(Bump::Minor));
        assert_eq!(bump_of(&applied, "events/b.v1"), Some(Bump::Major));
        let off = Config::default().apply(report, &ctx);
        assert_eq!(bump_of(&off, "events/a.v1"), Some(Bump::Major));
    }

    #[test]
    fn marking_deprecated_is_minor() {
        let load = |v: serde_json::Value| {
            Package::from_documents(
                "p",
                None,
                vec![("s".into(), v)],
                &contracts_core::LoadOptions::default(),
            )
            .unwrap()
        };
        let old =
            load(serde_json::json!({"type": "object", "properties": {"a": {"type": "string"}}}));
        let new = load(
            serde_json::json!({"type": "object", "properties": {"a": {"type": "string", "deprecated": true}}}),
        );
        let report = crate::diff(&old, &new, &crate::DiffOptions::default()).unwrap();
        assert!(report
            .findings
            .iter()
            .any(|f| f.rule == "deprecated-changed"));
        let ctx = Context {
            old: Some(&old),
            new: Some(&new),
            ..context(None)
        };
        let applied = Config::default().apply(report, &ctx);
        assert_eq!(
            applied.report.required_bump,
            Bump::Minor,
            "{:#?}",
            applied.report
        );
    }

    #[test]
    fn globs() {
        assert!(glob_match("events/**", "events/a/b"));
        assert!(glob_match("**/a", "a"));
        assert!(glob_match("events/*", "events/a.v1"));
        assert!(!glob_match("events/*", "events/a/b"));
        assert!(glob_match("/properties/*/enum", "/properties/status/enum"));
        assert!(glob_match("enum-*", "enum-value-removed"));
        assert!(!glob_match("a?c", "a/c"));
    }

    /// Issue 12 defect 6: an `until` error is reported at the `until` value (the span the
    /// `toml` crate gives), not at the first text that looks like it (here the reason, which
    /// quotes the same date); a date that is no calendar day is refused.
    #[test]
    fn until_errors_are_at_the_until_value_and_dates_are_real_days() {
        // (A bare TOML date that is no day is refused by the TOML parser itself, on its line.)
        for (until, column) in [
            ("\"2099-02-31\"", Some(9)),
            ("2099-02-31", None),
            ("\"2026-04-31\"", Some(9)),
        ] {
            let text = format!(
                "[[allow]]\nrule = \"enum-value-removed\"\nreason = \"until 2099-02-31 2026-04-31\"\n\
                 until = {until}\n"
            );
            let e = Config::parse(&text, "contracts.toml").unwrap_err();
            assert_eq!(e.line, 4, "{until}: {e}");
            if let Some(column) = column {
                assert_eq!(e.column, column, "{until}: {e}");
                assert!(e.message.contains("[[allow]] #1: `until`"), "{e}");
            }
        }
        // A bad rule id in the second entry is at that entry's rule, not the first's.
        let text = "[[allow]]\nrule = \"enum-*\"\nreason = \"a\"\n\n[[allow]]\nrule = \"enum-*x\"\nreason = \"b\"\n";
        let e = Config::parse(text, "contracts.toml").unwrap_err();
        assert_eq!((e.line, e.column), (6, 8), "{e}");
        // `[rules] use` ids: at the id in the list.
        let text = "[rules]\nuse = [\"enum-value-removed\", \"no-such\"]\n# no-such\n";
        let e = Config::parse(text, "contracts.toml").unwrap_err();
        assert_eq!((e.line, e.column), (2, 30), "{e}");
        // Good dates and versions still parse.
        for until in ["\"2099-02-28\"", "2028-02-29", "\"3.0.0\""] {
            let text = format!("{ALLOW}until = {until}\n");
            Config::parse(&text, "contracts.toml").unwrap_or_else(|e| panic!("{until}: {e}"));
        }
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2026-06-01").unwrap().to_string(), "2026-06-01");
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in [
            "2026-13-01",
            "2099-02-31",
            "2025-02-29",
            "2026-04-31",
            "20260601",
            "2026-6-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::today().year >= 2024);
    }

    #[test]
    fn tag_pattern_orders_tags_by_semver() {
        let v = |s: &str| semver::Version::parse(s).unwrap();
        let default = TagPattern::new(TagPattern::DEFAULT).unwrap();
        assert_eq!(default.version_of("v1.2.0"), Some(v("1.2.0")));
        assert_eq!(default.version_of("1.2.0"), None, "does not match v*");
        assert_eq!(default.version_of("vnext"), None, "not semver");
        let tags = [
            "v1.9.0",
            "v1.10.0",
            "v2.0.0-rc.1",
            "v2.0.0-beta.2",
            "junk",
            "v0.1.0",
        ];
        // 1.10 after 1.9 (not text order); a pre-release before its release, after 1.10.
        assert_eq!(
            default.newest(tags, None),
            Some(("v2.0.0-rc.1", v("2.0.0-rc.1")))
        );
        let with_release = ["v2.0.0-rc.1", "v2.0.0", "v1.10.0"];
        assert_eq!(
            default.newest(with_release, None),
            Some(("v2.0.0", v("2.0.0")))
        );
        // Below the proposed version: a release's own tag is not its baseline.
        assert_eq!(
            default.newest(with_release, Some(&v("2.0.0"))),
            Some(("v2.0.0-rc.1", v("2.0.0-rc.1")))
        );
        assert_eq!(default.newest(["v3.0.0"], Some(&v("3.0.0"))), None);
        // A prefix of its own: the version follows it.
        let prefixed = TagPattern::new("contracts-v*").unwrap();
        assert_eq!(prefixed.version_of("contracts-v1.2.3"), Some(v("1.2.3")));
        assert_eq!(prefixed.version_of("v1.2.3"), None);
        let config = Config::parse("tag_pattern = \"contracts-*\"\n", "contracts.toml").unwrap();
        let pattern = config.tag_pattern.unwrap();
        assert_eq!(pattern.version_of("contracts-1.0.0"), Some(v("1.0.0")));
        assert_eq!(pattern.version_of("contracts-v1.0.0"), Some(v("1.0.0")));
        let err = Config::parse("mode = \"full\"\ntag_pattern = \"v[\"\n", "c.toml").unwrap_err();
        assert_eq!((err.line, err.column), (2, 15), "{err}");
        assert!(err.message.contains("not a valid glob"), "{err}");
    }
}
