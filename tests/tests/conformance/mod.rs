//! What the conformance tests (`conformance_apicurio`, `conformance_jsoncompat`, `test_suite`)
//! share: in-memory packages, running the engine safely, verdicts, validating instances,
//! checking witnesses, candidate instances, and the expected-differences list
//! (`tests/conformance/expected-differences.toml`).
//!
//! Every verdict is checked against set semantics (old and new as the sets of JSON values
//! they accept): an instance valid under old and invalid under new refutes backward
//! compatibility, one valid under new and invalid under old refutes forward compatibility.
//! A disagreement (with a peer, or with such an instance) is an [`Observation`]; each must be
//! listed in the expected-differences file, and each listed entry must still be observed.
//! `CONTRACTS_BLESS=1` rewrites the current suite's entries (keeping the kind, witness and
//! reason of entries that still hold); the test then checks what was written.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use contracts_core::validate::{PackageValidator, ValidatorOptions};
use contracts_core::{Draft, LoadError, LoadOptions, Package};
use contracts_diff::{Bump, DiffOptions, Mode, Policy, Report, WitnessSide};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Whether this run rewrites the committed lists: `CONTRACTS_BLESS=1`, that value only
/// (`CONTRACTS_BLESS=0` or an empty value judges them). Every writer re-judges what it wrote.
pub fn blessing() -> bool {
    std::env::var("CONTRACTS_BLESS").as_deref() == Ok("1")
}

/// The name of the one document of a conformance package.
pub const DOC: &str = "schema";

/// How long one diff may run before it counts as a hang.
const DIFF_TIMEOUT: Duration = Duration::from_secs(30);

/// `tests/conformance/<relative>` from the workspace root (the peer suites, committed with their
/// licences and a `SOURCE` file each).
///
/// # Panics
/// When the folder is missing: the conformance tests must fail, never pass, without it.
pub fn conformance_path(relative: &str) -> PathBuf {
    let dir = contracts_tests::root_path("tests/conformance");
    assert!(
        dir.is_dir(),
        "the peer conformance suites are missing: expected them in {} (committed in the \
         repository); the conformance tests cannot run without them",
        dir.display()
    );
    let path = dir.join(relative);
    assert!(
        path.exists(),
        "{} is missing from the peer conformance suites",
        path.display()
    );
    path
}

/// Read a JSON file.
///
/// # Panics
/// When it cannot be read or parsed.
pub fn read_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// A package holding `value` as its one document [`DOC`], `default_draft` when it has no
/// `$schema`.
pub fn package(label: &str, value: &Value, default_draft: Draft) -> Result<Package, LoadError> {
    let options = LoadOptions {
        default_draft,
        ..LoadOptions::default()
    };
    Package::from_documents(
        label,
        None,
        vec![(DOC.to_string(), value.clone())],
        &options,
    )
}

/// A compiled validator for each document of a package, by name: the engine's own
/// (`jsonschema`, through contracts-core) and an independent second implementation (`boon`),
/// so that no witness is judged only by the validator that chose it.
pub struct Validators {
    primary: BTreeMap<String, PackageValidator>,
    /// `None` where boon cannot compile the document (it then judges nothing).
    independent: BTreeMap<String, Option<(boon::Schemas, boon::SchemaIndex)>>,
}

/// Formats boon asserts by default in drafts 4 to 7; the engine reads `format` as an annotation
/// (unless asked), so the independent validator must too.
const BOON_FORMATS: &[&str] = &[
    "hostname",
    "idn-hostname",
    "email",
    "idn-email",
    "date",
    "time",
    "date-time",
    "duration",
    "period",
    "json-pointer",
    "relative-json-pointer",
    "uuid",
    "uri",
    "iri",
    "uri-reference",
    "iri-reference",
    "uri-template",
    "ipv4",
    "ipv6",
];

fn boon_draft(draft: Draft) -> boon::Draft {
    match draft {
        Draft::Draft4 => boon::Draft::V4,
        Draft::Draft6 => boon::Draft::V6,
        Draft::Draft7 => boon::Draft::V7,
        Draft::Draft201909 => boon::Draft::V2019_09,
        _ => boon::Draft::V2020_12,
    }
}

/// A boon compiler that reads `draft` (for documents without `$schema`) as the engine's
/// validator does: `format` an annotation, content asserted in draft 7.
pub fn boon_compiler(draft: Draft) -> boon::Compiler {
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon_draft(draft));
    // Draft 7 lets a validator assert contentEncoding/contentMediaType, and the engine's
    // validator (jsonschema) does there: the second validator must read the draft the same way.
    if draft == Draft::Draft7 {
        compiler.enable_content_assertions();
    }
    for format in BOON_FORMATS {
        compiler.register_format(boon::Format {
            name: format,
            func: |_| Ok(()),
        });
    }
    compiler
}

/// Compile every document of `package` with boon: all documents registered first (cross-file
/// `$ref`s), then the one named `name`.
fn boon_compile(package: &Package, name: &str) -> Option<(boon::Schemas, boon::SchemaIndex)> {
    let doc = package.documents.get(name)?;
    let mut compiler = boon_compiler(doc.draft);
    let url = |d: &contracts_core::SchemaDocument| {
        if d.base_uri.contains(':') {
            d.base_uri.clone()
        } else {
            format!("urn:contracts:{}", d.name)
        }
    };
    for d in package.documents.values() {
        compiler
            .add_resource(&url(d), Value::clone(&d.value))
            .ok()?;
    }
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(&url(doc), &mut schemas).ok()?;
    Some((schemas, index))
}

impl Validators {
    /// Validators for every document of `package`.
    pub fn new(package: &Package) -> Result<Validators, LoadError> {
        let mut primary = BTreeMap::new();
        let mut independent = BTreeMap::new();
        for (name, doc) in &package.documents {
            let v = package.validator(&doc.location(), ValidatorOptions::default())?;
            primary.insert(name.clone(), v);
            independent.insert(name.clone(), boon_compile(package, name));
        }
        Ok(Validators {
            primary,
            independent,
        })
    }

    /// Whether the document `name` accepts `instance` (the engine's validator); `None` when
    /// there is no such document.
    pub fn accepts(&self, name: &str, instance: &Value) -> Option<bool> {
        self.primary.get(name).map(|v| v.is_valid(instance))
    }

    /// Whether the document `name` accepts `instance` by the independent validator (boon);
    /// `None` when there is no such document or boon could not compile it.
    ///
    /// A schema that recurses into itself without consuming the instance (`"A": {"allOf":
    /// [{"$ref": "#/$defs/A"}, ...]}`) has no defined meaning; boon reports the loop, and that
    /// is no verdict either (`None`), where the engine's validator cuts the recursion.
    pub fn accepts_independently(&self, name: &str, instance: &Value) -> Option<bool> {
        fn loops(e: &boon::ValidationError<'_, '_>) -> bool {
            matches!(e.kind, boon::ErrorKind::RefCycle { .. }) || e.causes.iter().any(loops)
        }
        let (schemas, index) = self.independent.get(name)?.as_ref()?;
        match schemas.validate(instance, *index) {
            Ok(()) => Some(true),
            Err(e) if loops(&e) => None,
            Err(_) => Some(false),
        }
    }
}

/// A compatibility direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dir {
    /// Every value old accepts, new accepts.
    Backward,
    /// Every value new accepts, old accepts.
    Forward,
}

impl Dir {
    /// The diff mode that checks this direction.
    pub fn mode(self) -> Mode {
        match self {
            Dir::Backward => Mode::Backward,
            Dir::Forward => Mode::Forward,
        }
    }

    /// Whether an instance accepted (`old`, `new`) refutes compatibility in this direction.
    pub fn refuted_by(self, old: bool, new: bool) -> bool {
        match self {
            Dir::Backward => old && !new,
            Dir::Forward => new && !old,
        }
    }

    /// "backward" / "forward".
    pub fn name(self) -> &'static str {
        match self {
            Dir::Backward => "backward",
            Dir::Forward => "forward",
        }
    }
}

/// Old and new packages of one case, with their validators.
pub struct Pair {
    /// The old package.
    pub old: Arc<Package>,
    /// The new package.
    pub new: Arc<Package>,
    /// Validators of the old package's documents.
    pub old_v: Arc<Validators>,
    /// Validators of the new package's documents.
    pub new_v: Arc<Validators>,
}

impl Pair {
    /// Build the pair (validators included).
    pub fn new(old: Package, new: Package) -> Result<Pair, LoadError> {
        Ok(Pair {
            old_v: Arc::new(Validators::new(&old)?),
            new_v: Arc::new(Validators::new(&new)?),
            old: Arc::new(old),
            new: Arc::new(new),
        })
    }

    /// A pair of already built packages and validators.
    pub fn from_parts(
        (old, old_v): (&Arc<Package>, &Arc<Validators>),
        (new, new_v): (&Arc<Package>, &Arc<Validators>),
    ) -> Pair {
        Pair {
            old: Arc::clone(old),
            new: Arc::clone(new),
            old_v: Arc::clone(old_v),
            new_v: Arc::clone(new_v),
        }
    }

    /// (old accepts, new accepts) for the document [`DOC`].
    pub fn accepts(&self, instance: &Value) -> (bool, bool) {
        (
            self.old_v.accepts(DOC, instance).unwrap_or(false),
            self.new_v.accepts(DOC, instance).unwrap_or(false),
        )
    }

    /// (old accepts, new accepts) for the document [`DOC`], asserting `format`.
    pub fn accepts_asserting_formats(&self, instance: &Value) -> (bool, bool) {
        let accepts = |p: &Package| {
            p.get(DOC).is_some_and(|d| {
                p.validator(
                    &d.location(),
                    ValidatorOptions {
                        format_assertion: true,
                    },
                )
                .is_ok_and(|v| v.is_valid(instance))
            })
        };
        (accepts(&self.old), accepts(&self.new))
    }

    /// The first of `candidates` that refutes compatibility in `dir`.
    pub fn refuter<'v>(&self, dir: Dir, candidates: &'v [Value]) -> Option<&'v Value> {
        candidates.iter().find(|c| {
            let (o, n) = self.accepts(c);
            dir.refuted_by(o, n)
        })
    }
}

/// Run the engine on `old` → `new` under `mode` and the strict policy, in a thread of its own
/// (64 MiB of stack), turning a panic or a run of more than 30 s into an error.
pub fn run_diff(old: &Arc<Package>, new: &Arc<Package>, mode: Mode) -> Result<Report, String> {
    run_diff_with(old, new, mode, false)
}

/// [`run_diff`] with `format_assertion` set as given.
pub fn run_diff_with(
    old: &Arc<Package>,
    new: &Arc<Package>,
    mode: Mode,
    format_assertion: bool,
) -> Result<Report, String> {
    let (old, new) = (Arc::clone(old), Arc::clone(new));
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("diff".into())
        .stack_size(64 << 20)
        .spawn(move || {
            let options = DiffOptions {
                mode,
                policy: Policy::Strict,
                format_assertion,
            };
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                contracts_diff::diff(&old, &new, &options)
            }));
            let _ = tx.send(match result {
                Ok(Ok(report)) => Ok(report),
                Ok(Err(e)) => Err(format!("error: {e}")),
                Err(panic) => Err(format!(
                    "panic: {}",
                    panic
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| panic.downcast_ref::<&str>().copied())
                        .unwrap_or("(no message)")
                )),
            });
        })
        .expect("a diff thread starts");
    rx.recv_timeout(DIFF_TIMEOUT)
        .unwrap_or_else(|_| Err(format!("hang: no result after {DIFF_TIMEOUT:?}")))
}

/// Whether a report (or the failure of the run) allows calling the direction compatible: no
/// MAJOR finding. A failed run is not a verdict of compatibility.
pub fn compatible(report: &Result<Report, String>) -> bool {
    matches!(report, Ok(r) if r.required_bump < Bump::Major)
}

/// A short text of a report for messages: `compatible` / `MAJOR: rule@pointer, ...`.
pub fn summary(report: &Result<Report, String>) -> String {
    match report {
        Err(e) => e.clone(),
        Ok(r) if r.required_bump < Bump::Major => format!("no MAJOR ({})", r.required_bump),
        Ok(r) => {
            let majors: Vec<String> = r
                .findings
                .iter()
                .filter(|f| f.bump == Bump::Major)
                .map(|f| {
                    let at = f.old.as_ref().or(f.new.as_ref()).map_or("", |l| &l.pointer);
                    let w = if f.witness.is_some() { "+w" } else { "" };
                    format!("{}@{}{}", f.rule, if at.is_empty() { "#" } else { at }, w)
                })
                .collect();
            format!("MAJOR: {}", majors.join(", "))
        }
    }
}

/// JSON text of a value, compact.
pub fn text(value: &Value) -> String {
    serde_json::to_string(value).expect("a JSON value serializes")
}

// ---------------------------------------------------------------------------------------------
// Witness soundness

/// Witness statistics of one suite.
#[derive(Debug, Default, Clone)]
pub struct WitnessStats {
    /// MAJOR findings seen.
    pub major: usize,
    /// MAJOR findings carrying a witness that validated as it claims.
    pub major_proved: usize,
    /// Findings (any bump) carrying a witness.
    pub with_witness: usize,
    /// Of those, the witnesses that validated as they claim.
    pub sound: usize,
    /// Witnesses the independent validator (boon) also judged.
    pub independently_checked: usize,
    /// The witnesses it did not judge (it could not compile the side the witness claims, or
    /// that side's `$ref`s loop), as `case: rule`, for [`independent_coverage`].
    pub unjudged: BTreeSet<String>,
}

impl WitnessStats {
    /// `a/b (p%)`.
    pub fn rate(&self) -> String {
        let pct = if self.major == 0 {
            100.0
        } else {
            100.0 * self.major_proved as f64 / self.major as f64
        };
        format!("{}/{} ({pct:.1}%)", self.major_proved, self.major)
    }

    /// `sound/with_witness (N judged by both validators)`.
    pub fn soundness(&self) -> String {
        format!(
            "{}/{} ({} judged by both validators)",
            self.sound, self.with_witness, self.independently_checked
        )
    }
}

/// Check every witness of `report` against the pair's whole schemas; count into `stats`; push
/// an observation for each witness that does not validate as it claims. Returns the instances
/// of the sound witnesses, with the direction each refutes.
pub fn check_witnesses(
    suite: &str,
    case: &str,
    pair: &Arc<Pair>,
    report: &Result<Report, String>,
    stats: &mut WitnessStats,
    out: &mut Vec<Observation>,
) -> Vec<(Dir, Value)> {
    let Ok(report) = report else {
        return Vec::new();
    };
    let mut proved = Vec::new();
    for f in &report.findings {
        let major = f.bump == Bump::Major;
        stats.major += usize::from(major);
        let Some(w) = &f.witness else {
            continue;
        };
        stats.with_witness += 1;
        let holds = |old: Option<bool>, new: Option<bool>| match w.valid_in {
            WitnessSide::Old => old == Some(true) && new != Some(true),
            WitnessSide::New => new == Some(true) && old != Some(true),
        };
        let old = pair.old_v.accepts(&f.schema, &w.instance);
        let new = pair.new_v.accepts(&f.schema, &w.instance);
        // The independent validator judges too, wherever it compiled the side it must accept
        // the witness on (a side it could not compile, or a removed schema, judges nothing).
        let ind_old = pair.old_v.accepts_independently(&f.schema, &w.instance);
        let ind_new = pair.new_v.accepts_independently(&f.schema, &w.instance);
        let judged_independently = match w.valid_in {
            WitnessSide::Old => ind_old.is_some(),
            WitnessSide::New => ind_new.is_some(),
        };
        stats.independently_checked += usize::from(judged_independently);
        if !judged_independently {
            stats.unjudged.insert(format!("{case}: {}", f.rule));
        }
        let sound = holds(old, new) && (!judged_independently || holds(ind_old, ind_new));
        if sound {
            stats.sound += 1;
            stats.major_proved += usize::from(major);
            proved.push((
                match w.valid_in {
                    WitnessSide::Old => Dir::Backward,
                    WitnessSide::New => Dir::Forward,
                },
                w.instance.clone(),
            ));
        } else {
            let at = |l: &Option<contracts_core::Location>| {
                l.as_ref()
                    .map_or("-".to_string(), |l| format!("#{}", l.pointer))
            };
            let example = BadWitness {
                case: format!(
                    "{case} ({:?}, at {}|{})",
                    report.mode,
                    at(&f.old),
                    at(&f.new)
                ),
                pair: Arc::clone(pair),
                schema: f.schema.clone(),
                instance: w.instance.clone(),
                valid_in: w.valid_in,
                old,
                new,
            };
            let group = format!("witnesses of {}", f.rule);
            match out.iter_mut().find(|o| o.case == group) {
                Some(Observation {
                    subject: Subject::BadWitnesses(examples),
                    ..
                }) => examples.push(example),
                _ => out.push(Observation {
                    suite: suite.into(),
                    case: group,
                    ours: "a witness that does not validate as it claims".into(),
                    theirs: "the validator on the whole schemas".into(),
                    suggestion: Suggestion {
                        kind: Kind::KnownGap,
                        witness: Some(w.instance.clone()),
                        reason: format!(
                            "the engine's witness does not validate as it claims; e.g. {}: {} \
                             valid_in={:?}, but old accepts it: {old:?}, new: {new:?}",
                            example.case,
                            text(&w.instance),
                            w.valid_in
                        ),
                    },
                    subject: Subject::BadWitnesses(vec![example]),
                }),
            }
        }
    }
    proved
}

// ---------------------------------------------------------------------------------------------
// Observations and the expected-differences list

/// Who is wrong in a listed difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The peer's verdict contradicts set semantics; the witness shows it.
    PeerWrong,
    /// Our engine is wrong; the reason names what is missing.
    KnownGap,
    /// The peer asserts `format` (draft 4/7 allow it): with `format_assertion: true` our
    /// verdict equals theirs (the test re-runs the diff to check).
    FormatAssertion,
}

/// One entry of the expected-differences file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `apicurio`, `jsoncompat` or `test-suite`.
    pub suite: String,
    /// The case id within the suite.
    pub case: String,
    /// Who is wrong.
    pub kind: Kind,
    /// Our verdict.
    pub ours: String,
    /// Theirs (the peer's, or what an instance shows).
    pub theirs: String,
    /// The JSON instance (as JSON text) that settles it, when one can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub witness: Option<String>,
    /// For `format-assertion` entries: our verdict when the diff asserts `format` (checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours_with_format_assertion: Option<String>,
    /// Why; for a known gap, what the engine is missing.
    pub reason: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ExpectedFile {
    #[serde(default)]
    difference: Vec<Entry>,
}

/// What an observed disagreement is about, so a listed entry's witness can be checked.
pub enum Subject {
    /// Verdicts differ (or an instance refutes ours) in one direction.
    Direction {
        /// The pair.
        pair: Arc<Pair>,
        /// The disputed direction.
        dir: Dir,
        /// Whether our verdict calls it compatible.
        ours_compatible: bool,
        /// Whether the peer calls it compatible (`false` when an instance is "theirs").
        theirs_compatible: bool,
        /// Whether the engine has a sound witness refuting this direction.
        engine_proved: bool,
        /// Whether some candidate instance refutes this direction.
        refuted: bool,
        /// Our verdict (as in `ours`) when the diff runs with `format_assertion: true`.
        ours_with_format: String,
    },
    /// A peer labelled an example wrongly (`old_only`, `new_only` or `both`).
    ExampleLabel {
        /// The pair.
        pair: Arc<Pair>,
        /// The label the peer gave.
        claimed: String,
    },
    /// Witnesses of one rule that do not validate as they claim (every case of the suite).
    BadWitnesses(Vec<BadWitness>),
    /// Anything else the engine got wrong: a failed run, findings on `diff(s, s)`.
    Engine,
}

/// A witness that does not validate as it claims.
pub struct BadWitness {
    /// The case, mode and finding locations.
    pub case: String,
    /// The pair.
    pub pair: Arc<Pair>,
    /// The document the finding is in.
    pub schema: String,
    /// The witness.
    pub instance: Value,
    /// The side it claims accepts it.
    pub valid_in: WitnessSide,
    /// Whether the old document accepts it (`None`: no such document).
    pub old: Option<bool>,
    /// Whether the new document accepts it.
    pub new: Option<bool>,
}

/// What bless writes for a new observation.
pub struct Suggestion {
    /// Suggested kind.
    pub kind: Kind,
    /// Suggested witness.
    pub witness: Option<Value>,
    /// Suggested reason.
    pub reason: String,
}

/// One observed disagreement.
pub struct Observation {
    /// The suite.
    pub suite: String,
    /// The case id.
    pub case: String,
    /// Our verdict.
    pub ours: String,
    /// Theirs.
    pub theirs: String,
    /// What it is about.
    pub subject: Subject,
    /// What bless writes when nothing is listed.
    pub suggestion: Suggestion,
}

/// The label of an instance by which sides accept it.
pub fn label(old: bool, new: bool) -> &'static str {
    match (old, new) {
        (true, true) => "both",
        (true, false) => "old_only",
        (false, true) => "new_only",
        (false, false) => "neither",
    }
}

impl Observation {
    /// A disagreement about `dir` between our verdict and theirs (or an instance), with the
    /// best refuting instance known (`refuter`), and the suggested entry.
    #[allow(clippy::too_many_arguments)]
    pub fn direction(
        suite: &str,
        case: String,
        ours: String,
        theirs: String,
        pair: &Arc<Pair>,
        dir: Dir,
        ours_compatible: bool,
        theirs_compatible: bool,
        engine_proved: bool,
        refuter: Option<Value>,
        ours_with_format: String,
        detail: &str,
    ) -> Observation {
        let suggestion = match (&refuter, ours_compatible) {
            (Some(w), true) => Suggestion {
                kind: Kind::KnownGap,
                witness: Some(w.clone()),
                reason: format!(
                    "engine: {} compatible, but the witness is {}; {detail}",
                    dir.name(),
                    if dir == Dir::Backward {
                        "valid in old and invalid in new"
                    } else {
                        "valid in new and invalid in old"
                    }
                ),
            },
            (Some(w), false) => Suggestion {
                kind: Kind::PeerWrong,
                witness: Some(w.clone()),
                reason: format!(
                    "the peer calls it {} compatible, but the witness is {}",
                    dir.name(),
                    if dir == Dir::Backward {
                        "valid in old and invalid in new"
                    } else {
                        "valid in new and invalid in old"
                    }
                ),
            },
            (None, false) => Suggestion {
                kind: Kind::KnownGap,
                witness: None,
                reason: format!(
                    "engine: MAJOR under {} without a witness, and none was found: the change \
                     is presumably compatible; {detail}",
                    dir.name()
                ),
            },
            (None, true) => Suggestion {
                kind: Kind::KnownGap,
                witness: None,
                reason: format!(
                    "UNSETTLED: the peer says not {} compatible and no witness was found; \
                     {detail}",
                    dir.name()
                ),
            },
        };
        Observation {
            suite: suite.into(),
            case,
            ours,
            theirs,
            subject: Subject::Direction {
                pair: Arc::clone(pair),
                dir,
                ours_compatible,
                theirs_compatible,
                engine_proved,
                refuted: refuter.is_some(),
                ours_with_format,
            },
            suggestion,
        }
    }

    /// Check a listed entry against this observation: kind, witness and reason must hold.
    pub fn judge(&self, entry: &Entry) -> Result<(), String> {
        if entry.reason.trim().is_empty() || entry.reason.starts_with("UNSETTLED") {
            return Err("the reason is empty or UNSETTLED: settle it with a witness".into());
        }
        let witness = match &entry.witness {
            None => None,
            Some(t) => Some(
                serde_json::from_str::<Value>(t)
                    .map_err(|e| format!("the witness {t:?} is not JSON: {e}"))?,
            ),
        };
        match &self.subject {
            Subject::Direction {
                pair,
                dir,
                ours_compatible,
                theirs_compatible,
                engine_proved,
                refuted,
                ours_with_format,
            } => match witness {
                _ if entry.kind == Kind::FormatAssertion => {
                    if entry.ours_with_format_assertion.as_ref() != Some(ours_with_format) {
                        return Err(format!(
                            "with format_assertion our verdict is {ours_with_format:?}; the \
                             entry says {:?}",
                            entry.ours_with_format_assertion
                        ));
                    }
                    let w = witness.ok_or("a format-assertion entry needs a witness")?;
                    let (o, n) = pair.accepts(&w);
                    let (fo, fn_) = pair.accepts_asserting_formats(&w);
                    if *theirs_compatible || dir.refuted_by(o, n) || !dir.refuted_by(fo, fn_) {
                        return Err(format!(
                            "the witness {} must refute {} compatibility only when `format` \
                             is asserted (old/new accept it: {o}/{n}; asserting formats: \
                             {fo}/{fn_}), and the peer must call it incompatible",
                            text(&w),
                            dir.name()
                        ));
                    }
                    Ok(())
                }
                Some(w) => {
                    let (o, n) = pair.accepts(&w);
                    if !dir.refuted_by(o, n) {
                        return Err(format!(
                            "the witness {} does not refute {} compatibility (valid in old: \
                             {o}, in new: {n})",
                            text(&w),
                            dir.name()
                        ));
                    }
                    let wrong = if *theirs_compatible && !ours_compatible {
                        Kind::PeerWrong
                    } else if *ours_compatible {
                        Kind::KnownGap
                    } else {
                        return Err("both sides call it incompatible: nothing to settle".into());
                    };
                    if entry.kind != wrong {
                        return Err(format!(
                            "the witness {} refutes {} compatibility, which {} claims: the \
                             kind must be {wrong:?}",
                            text(&w),
                            dir.name(),
                            if wrong == Kind::PeerWrong {
                                "the peer"
                            } else {
                                "our engine"
                            }
                        ));
                    }
                    Ok(())
                }
                None if *ours_compatible => {
                    // The peer (or nobody) calls it incompatible and no instance is given: it
                    // can only be the peer that is wrong, and no candidate may refute us.
                    if entry.kind != Kind::PeerWrong {
                        return Err(format!(
                            "our engine calls it {} compatible; a known-gap entry needs a \
                             witness refuting that",
                            dir.name()
                        ));
                    }
                    if *refuted {
                        return Err(format!(
                            "a candidate instance refutes {} compatibility: the peer is right",
                            dir.name()
                        ));
                    }
                    Ok(())
                }
                None => {
                    if entry.kind != Kind::KnownGap {
                        return Err("peer-wrong needs a witness refuting the peer's verdict".into());
                    }
                    if *engine_proved || *refuted {
                        return Err(format!(
                            "an instance refutes {} compatibility: our verdict is right, the \
                             entry must be peer-wrong with that witness",
                            dir.name()
                        ));
                    }
                    let _ = theirs_compatible;
                    Ok(())
                }
            },
            Subject::ExampleLabel { pair, claimed } => {
                let w = witness.ok_or("a mislabelled example needs the example as witness")?;
                let (o, n) = pair.accepts(&w);
                let actual = label(o, n);
                if actual == claimed || actual != entry.ours {
                    return Err(format!(
                        "the witness {} is {actual} by the validator (peer label {claimed}, \
                         entry says {})",
                        text(&w),
                        entry.ours
                    ));
                }
                if entry.kind != Kind::PeerWrong {
                    return Err("a mislabelled example is peer-wrong".into());
                }
                Ok(())
            }
            Subject::BadWitnesses(examples) => {
                if entry.kind != Kind::KnownGap {
                    return Err("an unsound witness is a known-gap".into());
                }
                let w = witness.ok_or("list one of the unsound witnesses as the witness")?;
                let Some(e) = examples.iter().find(|e| e.instance == w) else {
                    return Err(format!(
                        "{} is none of the {} unsound witnesses; e.g. {} in {}",
                        text(&w),
                        examples.len(),
                        text(&examples[0].instance),
                        examples[0].case
                    ));
                };
                let old = e.pair.old_v.accepts(&e.schema, &e.instance);
                let new = e.pair.new_v.accepts(&e.schema, &e.instance);
                let sound = match e.valid_in {
                    WitnessSide::Old => old == Some(true) && new != Some(true),
                    WitnessSide::New => new == Some(true) && old != Some(true),
                };
                if sound {
                    return Err(format!("{} validates as it claims", text(&w)));
                }
                Ok(())
            }
            Subject::Engine => {
                if entry.kind != Kind::KnownGap {
                    return Err("an engine failure is a known-gap".into());
                }
                Ok(())
            }
        }
    }
}

/// The expected-differences file.
pub fn expected_path() -> PathBuf {
    contracts_tests::root_path("tests/conformance/expected-differences.toml")
}

fn read_expected() -> Vec<Entry> {
    let path = expected_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let file: ExpectedFile = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not a valid list: {e}", path.display()));
    file.difference
}

const HEADER: &str = "\
# Where `contracts-diff` (strict policy) and a peer conformance suite, or the JSON-Schema-Test-Suite's
# own instances, disagree. Checked by tests/tests/{conformance_apicurio,conformance_jsoncompat,test_suite}.rs:
# every disagreement must be listed here and every entry must still be a disagreement.
#
# kind = \"peer-wrong\": the peer's verdict contradicts set semantics; `witness` (JSON text) is an
#   instance the test validates: valid in the side the peer says is covered, invalid in the other.
#   Where the peer wrongly calls a change incompatible no instance can show it: such entries
#   have no witness, the reason gives the argument, and the test checks that no candidate
#   instance (literals and boundary values of both schemas, the peer's examples) refutes us.
# kind = \"known-gap\": our engine is wrong; `reason` names what it is missing. With a `witness`,
#   the instance refutes our \"compatible\" verdict; without one, the engine reports a MAJOR that
#   it cannot prove (no witness, none found) where the change is compatible.
# kind = \"format-assertion\": the peer asserts `format` (drafts 4 and 7 allow it): the witness
#   refutes the peer's \"incompatible\" direction only when `format` is asserted (the test validates
#   it both ways); `ours_with_format_assertion` is our verdict with format_assertion = true (the
#   test re-runs the diff), which should then equal theirs.
# Ids: apicurio `id` (with ` #n` for repeated ids); jsoncompat `<case> (deserializer|serializer)`
# or `<case> (<label>[i])` for an example; test-suite `<draft>/<file> #<old> -> #<new>`.
# Regenerate with CONTRACTS_BLESS=1 (kinds, witnesses and reasons of entries that still hold
# are kept).
";

/// Compare the observations of `suite` with the listed entries. Returns the problems, one
/// precise line (or block) each.
///
/// With `CONTRACTS_BLESS=1` (that value only) the suite's entries are first rewritten from the
/// observations, then judged like any other list: an entry that bless wrote but whose witness or
/// reason does not hold is still a problem.
pub fn reconcile(suite: &str, observations: &[Observation]) -> Vec<String> {
    if blessing() {
        bless(suite, observations);
    }
    let all = read_expected();
    let listed: Vec<Entry> = all.into_iter().filter(|e| e.suite == suite).collect();
    let mut problems = Vec::new();
    let mut by_case: BTreeMap<&str, &Entry> = BTreeMap::new();
    for e in &listed {
        if by_case.insert(e.case.as_str(), e).is_some() {
            problems.push(format!("[{suite}] {}: listed twice", e.case));
        }
    }
    judge(suite, observations, &listed, &by_case, problems)
}

/// Rewrite `suite`'s entries of the expected-differences list from `observations`, keeping the
/// kind, witness and reason of a listed entry that still holds.
fn bless(suite: &str, observations: &[Observation]) {
    let (listed, others): (Vec<Entry>, Vec<Entry>) =
        read_expected().into_iter().partition(|e| e.suite == suite);
    let by_case: BTreeMap<&str, &Entry> = listed.iter().map(|e| (e.case.as_str(), e)).collect();
    {
        let mut entries = others;
        for o in observations {
            let kept = by_case
                .get(o.case.as_str())
                .filter(|e| e.ours == o.ours && e.theirs == o.theirs && o.judge(e).is_ok());
            entries.push(match kept {
                Some(e) => (*e).clone(),
                None => Entry {
                    suite: suite.into(),
                    case: o.case.clone(),
                    kind: o.suggestion.kind,
                    ours: o.ours.clone(),
                    theirs: o.theirs.clone(),
                    witness: o.suggestion.witness.as_ref().map(text),
                    ours_with_format_assertion: None,
                    reason: o.suggestion.reason.clone(),
                },
            });
        }
        entries.sort_by(|a, b| (&a.suite, &a.case).cmp(&(&b.suite, &b.case)));
        let body = toml::to_string_pretty(&ExpectedFile {
            difference: entries,
        })
        .expect("entries serialize");
        let path = expected_path();
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, format!("{HEADER}\n{body}")).expect("write the list");
        eprintln!(
            "[{suite}] blessed {} entries into {}",
            observations.len(),
            path.display()
        );
    }
}

/// Each observation must be listed with the same verdicts and an entry that holds; each listed
/// entry must still be observed.
fn judge(
    suite: &str,
    observations: &[Observation],
    listed: &[Entry],
    by_case: &BTreeMap<&str, &Entry>,
    mut problems: Vec<String>,
) -> Vec<String> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for o in observations {
        seen.insert(o.case.as_str());
        let head = format!(
            "[{suite}] {}: ours = {:?}, theirs = {:?}",
            o.case, o.ours, o.theirs
        );
        match by_case.get(o.case.as_str()) {
            None => {
                let mut msg = format!("{head}: NOT LISTED");
                if let Some(w) = &o.suggestion.witness {
                    let _ = write!(msg, "; witness {}", text(w));
                }
                let _ = write!(msg, " ({})", o.suggestion.reason);
                problems.push(msg);
            }
            Some(e) if e.ours != o.ours || e.theirs != o.theirs => problems.push(format!(
                "{head}: listed as ours = {:?}, theirs = {:?}",
                e.ours, e.theirs
            )),
            Some(e) => {
                if let Err(why) = o.judge(e) {
                    problems.push(format!("{head}: listed entry does not hold: {why}"));
                }
            }
        }
    }
    for e in listed {
        if !seen.contains(e.case.as_str()) {
            problems.push(format!(
                "[{suite}] {}: listed (ours = {:?}, theirs = {:?}) but no longer a \
                 disagreement: remove it",
                e.case, e.ours, e.theirs
            ));
        }
    }
    problems
}

/// Fail with every problem, or print the summary.
pub fn finish(suite: &str, summary: &str, problems: &[String]) {
    eprintln!("[{suite}] {summary}");
    assert!(
        problems.is_empty(),
        "[{suite}] {} problem(s) ({summary}):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Candidate instances

/// Most candidates one schema contributes.
const MAX_CANDIDATES: usize = 4_000;

/// Candidate instances for refuting a verdict on `old` → `new`: literals of both schemas
/// (`enum`, `const`, `default`, `examples`), boundary values of their keywords, objects and
/// arrays built from their subschemas (local `$ref`s followed), and plain values of every type.
pub fn candidates(old: &Value, new: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for root in [old, new] {
        let generator = Gen { root };
        for v in generator.gen(root, 0) {
            if out.len() >= 2 * MAX_CANDIDATES {
                break;
            }
            if seen.insert(text(&v)) {
                out.push(v);
            }
        }
    }
    out
}

struct Gen<'a> {
    root: &'a Value,
}

fn plain() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(-1),
        json!(2),
        json!(1.5),
        json!(-0.5),
        json!(1_000_000_000_000_i64),
        json!(""),
        json!("a"),
        json!("abc"),
        json!("2020-01-01T00:00:00Z"),
        json!([]),
        json!([1]),
        json!(["a"]),
        json!({}),
        json!({"a": 1}),
    ]
}

impl<'a> Gen<'a> {
    fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut s = schema;
        for _ in 0..8 {
            match s.get("$ref").and_then(Value::as_str) {
                Some(r) if r.starts_with('#') => {
                    let ptr = r.trim_start_matches('#');
                    match self.root.pointer(ptr) {
                        Some(t) if ptr.is_empty() || ptr.starts_with('/') => s = t,
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        s
    }

    /// A value the schema likely accepts.
    fn typical(&self, schema: &'a Value, depth: usize) -> Value {
        let s = self.resolve(schema);
        if let Some(c) = s.get("const") {
            return c.clone();
        }
        if let Some(e) = s
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
        {
            return e.clone();
        }
        if let Some(d) = s.get("default") {
            return d.clone();
        }
        let ty = match s.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(a)) => a.first().and_then(Value::as_str).unwrap_or("string"),
            _ if s.get("properties").is_some() || s.get("required").is_some() => "object",
            _ if s.get("items").is_some() || s.get("prefixItems").is_some() => "array",
            _ => {
                for key in ["allOf", "anyOf", "oneOf"] {
                    if let Some(first) =
                        s.get(key).and_then(Value::as_array).and_then(|a| a.first())
                    {
                        if depth < 6 {
                            return self.typical(first, depth + 1);
                        }
                    }
                }
                "string"
            }
        };
        let num = |key: &str| s.get(key).and_then(Value::as_f64);
        match ty {
            "null" => Value::Null,
            "boolean" => json!(true),
            "integer" | "number" => {
                let lo = num("minimum")
                    .or(num("exclusiveMinimum").map(|x| x + 1.0))
                    .unwrap_or(0.0);
                let m = num("multipleOf").unwrap_or(1.0);
                let v = (lo / m).ceil() * m;
                number(v)
            }
            "array" => {
                let n = s
                    .get("minItems")
                    .and_then(Value::as_u64)
                    .unwrap_or(0)
                    .min(4);
                let item = s.get("items").filter(|i| i.is_object());
                let prefix = s.get("prefixItems").and_then(Value::as_array);
                let mut out = Vec::new();
                if depth < 6 {
                    if let Some(p) = prefix {
                        out.extend(p.iter().map(|x| self.typical(x, depth + 1)));
                    }
                    while (out.len() as u64) < n {
                        out.push(item.map_or(json!(1), |i| self.typical(i, depth + 1)));
                    }
                }
                Value::Array(out)
            }
            "object" => {
                let mut obj = serde_json::Map::new();
                if depth < 6 {
                    if let Some(props) = s.get("properties").and_then(Value::as_object) {
                        for (k, v) in props {
                            obj.insert(k.clone(), self.typical(v, depth + 1));
                        }
                    }
                }
                Value::Object(obj)
            }
            _ => {
                let n = s
                    .get("minLength")
                    .and_then(Value::as_u64)
                    .unwrap_or(1)
                    .min(64);
                Value::String("a".repeat(n as usize))
            }
        }
    }

    /// Candidates for one subschema.
    fn gen(&self, schema: &'a Value, depth: usize) -> Vec<Value> {
        let s = self.resolve(schema);
        let mut out: Vec<Value> = Vec::new();
        let Some(obj) = s.as_object() else {
            if depth == 0 {
                out.extend(plain());
            }
            return out;
        };
        for key in ["const", "default"] {
            if let Some(v) = obj.get(key) {
                out.push(v.clone());
            }
        }
        for key in ["enum", "examples"] {
            if let Some(a) = obj.get(key).and_then(Value::as_array) {
                out.extend(a.iter().cloned());
            }
        }
        out.push(self.typical(s, depth));
        if depth == 0 {
            out.extend(plain());
        }
        // Numeric boundaries.
        for key in [
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ] {
            if let Some(x) = obj.get(key).and_then(Value::as_f64) {
                for v in [
                    x,
                    x - 1.0,
                    x + 1.0,
                    x - 0.5,
                    x + 0.5,
                    2.0 * x,
                    x / 2.0,
                    3.0 * x,
                ] {
                    out.push(number(v));
                }
            }
        }
        // String lengths.
        for key in ["minLength", "maxLength"] {
            if let Some(n) = obj.get(key).and_then(Value::as_u64) {
                for m in [n.saturating_sub(1), n, n + 1] {
                    out.push(Value::String("a".repeat(m.min(256) as usize)));
                }
            }
        }
        if depth >= 4 {
            return out;
        }
        // Combinators and conditionals: their branches' candidates.
        for key in ["allOf", "anyOf", "oneOf"] {
            if let Some(a) = obj.get(key).and_then(Value::as_array) {
                for b in a {
                    out.extend(self.gen(b, depth + 1));
                }
            }
        }
        for key in ["not", "if", "then", "else"] {
            if let Some(b) = obj.get(key) {
                out.extend(self.gen(b, depth + 1));
            }
        }
        for key in ["$defs", "definitions"] {
            if depth == 0 {
                if let Some(defs) = obj.get(key).and_then(Value::as_object) {
                    for d in defs.values() {
                        out.extend(self.gen(d, depth + 1));
                    }
                }
            }
        }
        // Objects: the typical object with each property varied, dropped, and extra names.
        let base = match self.typical(s, depth) {
            Value::Object(m) => m,
            _ => serde_json::Map::new(),
        };
        let mut names: Vec<String> = Vec::new();
        if let Some(props) = obj.get("properties").and_then(Value::as_object) {
            names.extend(props.keys().cloned());
            for (k, sub) in props {
                let mut without = base.clone();
                without.remove(k);
                out.push(Value::Object(without));
                for v in self.gen(sub, depth + 1).into_iter().chain(plain()) {
                    let mut m = base.clone();
                    m.insert(k.clone(), v);
                    out.push(Value::Object(m));
                }
            }
        }
        for key in ["required", "dependentRequired", "dependencies"] {
            match obj.get(key) {
                Some(Value::Array(a)) => {
                    names.extend(a.iter().filter_map(Value::as_str).map(String::from))
                }
                Some(Value::Object(m)) => {
                    for (k, v) in m {
                        names.push(k.clone());
                        if let Some(a) = v.as_array() {
                            names.extend(a.iter().filter_map(Value::as_str).map(String::from));
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(pp) = obj.get("patternProperties").and_then(Value::as_object) {
            for (pattern, sub) in pp {
                let name: String = pattern
                    .trim_start_matches('^')
                    .trim_end_matches('$')
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                let name = if name.is_empty() {
                    "x".to_string()
                } else {
                    name
                };
                for v in self.gen(sub, depth + 1).into_iter().chain(plain()).take(24) {
                    let mut m = base.clone();
                    m.insert(name.clone(), v);
                    out.push(Value::Object(m));
                }
            }
        }
        if let Some(extra) = obj.get("additionalProperties").filter(|a| a.is_object()) {
            for v in self
                .gen(extra, depth + 1)
                .into_iter()
                .chain(plain())
                .take(24)
            {
                let mut m = base.clone();
                m.insert("extra".into(), v);
                out.push(Value::Object(m));
            }
        }
        names.sort();
        names.dedup();
        for n in &names {
            let mut m = base.clone();
            m.entry(n.clone()).or_insert(json!(1));
            out.push(Value::Object(m.clone()));
            let mut just = serde_json::Map::new();
            just.insert(n.clone(), json!(1));
            out.push(Value::Object(just));
        }
        if !base.is_empty() || !names.is_empty() {
            let mut m = base.clone();
            m.insert("zzz_extra".into(), json!(1));
            out.push(Value::Object(m));
            out.push(Value::Object(base.clone()));
            let mut all = base.clone();
            for n in &names {
                all.entry(n.clone()).or_insert(json!(1));
            }
            out.push(Value::Object(all));
        }
        // Arrays.
        let typical_items: Vec<Value> = match self.typical(s, depth) {
            Value::Array(a) => a,
            _ => Vec::new(),
        };
        let mut item_schemas: Vec<&Value> = Vec::new();
        for key in ["items", "additionalItems", "contains", "unevaluatedItems"] {
            match obj.get(key) {
                Some(i @ Value::Object(_)) | Some(i @ Value::Bool(_)) => item_schemas.push(i),
                Some(Value::Array(a)) => item_schemas.extend(a.iter()),
                _ => {}
            }
        }
        if let Some(a) = obj.get("prefixItems").and_then(Value::as_array) {
            item_schemas.extend(a.iter());
        }
        for is in item_schemas {
            for v in self.gen(is, depth + 1).into_iter().chain(plain()).take(32) {
                out.push(json!([v.clone()]));
                out.push(json!([v.clone(), v.clone()]));
                let mut a = typical_items.clone();
                a.push(v);
                out.push(Value::Array(a));
            }
        }
        if obj.contains_key("minItems")
            || obj.contains_key("maxItems")
            || obj.contains_key("uniqueItems")
        {
            for n in 0..5 {
                out.push(Value::Array(vec![json!(1); n]));
            }
            out.push(json!([1, 2]));
        }
        out.truncate(MAX_CANDIDATES);
        out
    }
}

/// A JSON number: an integer when `v` is whole.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

/// A committed TOML file of the tests, or the empty value when it does not exist yet.
///
/// # Panics
/// When it exists but does not parse.
fn read_toml_or_default<T: Default + serde::de::DeserializeOwned>(path: &std::path::Path) -> T {
    std::fs::read_to_string(path)
        .ok()
        .map(|t| {
            toml::from_str(&t).unwrap_or_else(|e| panic!("{} is not valid: {e}", path.display()))
        })
        .unwrap_or_default()
}

/// Every witness is judged by the independent validator too, except those `expected` lists
/// (`case: rule`, with the reason boon cannot judge them), and each listed one must still be
/// unjudged (a two-way ratchet): a boon compile failure must not quietly leave a witness to the
/// validator that chose it. Returns the problems.
pub fn independent_coverage(
    suite: &str,
    stats: &WitnessStats,
    expected: &[(&str, &str)],
) -> Vec<String> {
    let mut problems = Vec::new();
    for u in &stats.unjudged {
        if !expected.iter().any(|(e, _)| e == u) {
            problems.push(format!(
                "[{suite}] witness of {u}: the independent validator (boon) did not judge it \
                 (it cannot compile that side, or its $refs loop); list it with the reason"
            ));
        }
    }
    for (e, _) in expected {
        if !stats.unjudged.contains(*e) {
            problems.push(format!(
                "[{suite}] witness of {e} is listed as not judged by the independent validator, \
                 but it now is (or is gone): remove it"
            ));
        }
    }
    problems
}

/// `tests/conformance/witness-floor.toml`: per suite, the witness rate (MAJOR findings with a
/// checked witness over MAJOR findings) committed as a floor.
pub fn witness_floor_path() -> PathBuf {
    contracts_tests::root_path("tests/conformance/witness-floor.toml")
}

/// One suite's committed witness rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floor {
    /// MAJOR findings with a sound witness.
    pub proved: usize,
    /// MAJOR findings.
    pub major: usize,
}

/// The witness rate of `stats` may not fall below the figure committed for `suite`; a suite with
/// no figure is a problem. `CONTRACTS_BLESS=1` commits the current figure first (then judges
/// it, which holds). Returns the problems.
pub fn witness_floor(suite: &str, stats: &WitnessStats) -> Vec<String> {
    let path = witness_floor_path();
    let read = || -> BTreeMap<String, Floor> { read_toml_or_default(&path) };
    let now = Floor {
        proved: stats.major_proved,
        major: stats.major,
    };
    if blessing() {
        let mut all = read();
        all.insert(suite.to_string(), now);
        let body = toml::to_string_pretty(&all).expect("floors serialize");
        std::fs::write(
            &path,
            format!(
                "# The witness rate each conformance suite may not fall below: MAJOR findings with\n\
                 # a witness that validates as it claims (`proved`) over MAJOR findings (`major`).\n\
                 # Checked by the conformance tests; CONTRACTS_BLESS=1 records the current figures.\n\n\
                 {body}"
            ),
        )
        .expect("write the witness floor");
    }
    let Some(floor) = read().get(suite).copied() else {
        return vec![format!(
            "[{suite}] no witness rate is committed in {} (CONTRACTS_BLESS=1 records it)",
            path.display()
        )];
    };
    // proved/major >= floor.proved/floor.major, without rounding.
    let (p, m) = (now.proved as u128, now.major.max(1) as u128);
    let (fp, fm) = (floor.proved as u128, floor.major.max(1) as u128);
    if p * fm < fp * m {
        return vec![format!(
            "[{suite}] witness rate {}/{} fell below the committed {}/{} ({})",
            now.proved,
            now.major,
            floor.proved,
            floor.major,
            path.display()
        )];
    }
    Vec::new()
}

/// `tests/conformance/unconfirmed-major.toml`: the MAJOR verdicts of a suite that neither an
/// instance nor a witness confirms, each pair with the MAJOR findings that stand without a
/// witness, and per rule the reason such a finding can.
pub fn unconfirmed_path() -> PathBuf {
    contracts_tests::root_path("tests/conformance/unconfirmed-major.toml")
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnconfirmedFile {
    /// Rule id → why its MAJOR findings may stand without a witness.
    #[serde(default)]
    reasons: BTreeMap<String, String>,
    /// The pairs, by case id.
    #[serde(default)]
    pair: Vec<UnconfirmedPair>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnconfirmedPair {
    case: String,
    /// `rule@pointer` of each MAJOR finding without a witness, sorted.
    findings: Vec<String>,
}

/// The MAJOR findings of `report` that carry no witness, as sorted `rule@pointer` strings.
pub fn unproved_majors(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.bump == Bump::Major && f.witness.is_none())
        .map(|f| {
            let at = f.old.as_ref().or(f.new.as_ref()).map_or("", |l| &l.pointer);
            format!("{}@{at}", f.rule)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The two-way ratchet on MAJOR verdicts: every pair in `unconfirmed` (case → its
/// [`unproved_majors`]) must be listed with the same findings, every listed pair must still be
/// unconfirmed, and every rule named must have a reason. With `CONTRACTS_BLESS=1` the list is
/// rewritten first (reasons kept; a new rule gets an `UNSETTLED` reason, which fails until a
/// person writes one). Returns the problems.
pub fn reconcile_unconfirmed(
    suite: &str,
    unconfirmed: &BTreeMap<String, Vec<String>>,
) -> Vec<String> {
    let path = unconfirmed_path();
    let read = || -> UnconfirmedFile { read_toml_or_default(&path) };
    let rule_of = |f: &str| f.split('@').next().unwrap_or("").to_string();
    if blessing() {
        let old = read();
        let mut reasons = BTreeMap::new();
        for findings in unconfirmed.values() {
            for f in findings {
                let rule = rule_of(f);
                let reason = old.reasons.get(&rule).cloned().unwrap_or_else(|| {
                    "UNSETTLED: say why this rule's MAJOR findings can lack a witness".into()
                });
                reasons.insert(rule, reason);
            }
        }
        let file = UnconfirmedFile {
            reasons,
            pair: unconfirmed
                .iter()
                .map(|(case, findings)| UnconfirmedPair {
                    case: case.clone(),
                    findings: findings.clone(),
                })
                .collect(),
        };
        let body = toml::to_string_pretty(&file).expect("the list serializes");
        std::fs::write(
            &path,
            format!(
                "# MAJOR verdicts of the {suite} suite that neither an instance of the suite nor a\n\
                 # witness confirms: each pair with its MAJOR findings that carry no witness, and per\n\
                 # rule why such a finding may stand without one. Checked both ways by\n\
                 # tests/tests/test_suite.rs: an unlisted unconfirmed pair fails, and so does a listed\n\
                 # one that is now confirmed (remove it). CONTRACTS_BLESS=1 rewrites the pairs.\n\n\
                 {body}"
            ),
        )
        .expect("write the unconfirmed list");
    }
    let file = read();
    let mut problems = Vec::new();
    let listed: BTreeMap<&str, &Vec<String>> = file
        .pair
        .iter()
        .map(|p| (p.case.as_str(), &p.findings))
        .collect();
    for (case, findings) in unconfirmed {
        match listed.get(case.as_str()) {
            None => problems.push(format!(
                "[{suite}] {case}: MAJOR, confirmed by no instance and no witness, NOT LISTED in \
                 {}; findings without a witness: {findings:?}",
                path.display()
            )),
            Some(l) if *l != findings => problems.push(format!(
                "[{suite}] {case}: listed with {l:?}, now {findings:?}"
            )),
            Some(_) => {}
        }
        for f in findings {
            let rule = rule_of(f);
            match file.reasons.get(&rule) {
                Some(r) if !r.trim().is_empty() && !r.starts_with("UNSETTLED") => {}
                _ => problems.push(format!(
                    "[{suite}] {case}: rule {rule} has no reason in {}",
                    path.display()
                )),
            }
        }
    }
    for p in &file.pair {
        if !unconfirmed.contains_key(&p.case) {
            problems.push(format!(
                "[{suite}] {}: listed as unconfirmed MAJOR but no longer is (confirmed, or no \
                 longer MAJOR): remove it",
                p.case
            ));
        }
    }
    problems.sort();
    problems.dedup();
    problems
}
