//! `cargo xtask bench`: times whole commands of the release `contracts` binary.
//!
//! Speed and memory are measured here, never asserted in timed tests. Each workload of
//! [`WORKLOADS`] runs `--runs N` times; for each we report the min / median / max wall time and
//! the peak resident set size (the largest `ru_maxrss` over the runs), plus, for `diff`
//! workloads, the number of findings (all, MAJOR, MAJOR with a witness) parsed from the JSON
//! report.
//!
//! Measuring: every run goes through a fresh `xtask __bench-exec` process, which spawns the
//! command, times it from spawn to exit and reads `getrusage(RUSAGE_CHILDREN)` once it has been
//! waited for. That process has exactly one child, so `ru_maxrss` is that command's peak RSS and
//! nothing else's (not cargo's, not an earlier workload's). The wrapper's own start-up is outside
//! the timed span.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// One command to time. Arguments may contain `{corpora}` (the corpora folder) and `{out}` (a
/// scratch folder under the target directory); they run from the workspace root.
pub struct Workload {
    /// The name `--only` selects and the table shows.
    pub name: &'static str,
    /// The `contracts` arguments.
    pub args: &'static [&'static str],
    /// The exit code the command must end with; any other fails the bench.
    pub expected_exit: i32,
    /// Whether stdout is a JSON diff report whose findings are counted.
    pub counts_findings: bool,
    /// Whether it reads the downloaded corpora.
    pub needs_corpora: bool,
    /// Whether `args` are the files and folders of a parse floor (`xtask __parse-floor`: read
    /// every `.json` file and parse it with `serde_json`, nothing else) rather than a
    /// `contracts` command.
    pub parse_floor: bool,
    /// The parse-floor workload this one's CPU time is shown against (the same inputs read and
    /// parsed, nothing else), when it runs in the same bench.
    pub floor: Option<&'static str>,
}

/// A `contracts diff OLD NEW --format json` workload on two corpora paths, shown against the
/// parse floor `floor`.
macro_rules! diff_workload {
    ($name:literal, $old:literal, $new:literal, $floor:literal $(, $extra:literal)*) => {
        Workload {
            name: $name,
            args: &["diff", $old, $new, "--format", "json" $(, $extra)*],
            expected_exit: 0,
            counts_findings: true,
            needs_corpora: true,
            parse_floor: false,
            floor: Some($floor),
        }
    };
}

/// The parse floor of two corpora paths (see [`Workload::parse_floor`]).
macro_rules! floor_workload {
    ($name:literal, $old:literal, $new:literal) => {
        Workload {
            name: $name,
            args: &[$old, $new],
            expected_exit: 0,
            counts_findings: false,
            needs_corpora: true,
            parse_floor: true,
            floor: None,
        }
    };
}

/// Every workload, in the order they run.
pub const WORKLOADS: &[Workload] = &[
    // Loading and diffing a large package of many files: ~860 Kubernetes API schemas, with
    // cross-file `$ref`s resolved through one registry, paired by name and walked in step,
    // witnesses searched for every breaking change.
    Workload {
        name: "diff-kubernetes",
        args: &[
            "diff",
            "{corpora}/kubernetes/v1.36.0-local",
            "{corpora}/kubernetes/v1.37.0-local",
            "--format",
            "json",
        ],
        expected_exit: 0,
        counts_findings: true,
        needs_corpora: true,
        parse_floor: false,
        floor: Some("floor-kubernetes"),
    },
    // Diffing one large file: the 13 MB OpenAPI 3.0 description of api.github.com, whose
    // `components/schemas` are the package (parse cost, many local `$ref`s, big JSON output).
    Workload {
        name: "diff-github-openapi",
        args: &[
            "diff",
            "{corpora}/octokit-openapi-22.0.0/package/generated/api.github.com.json",
            "{corpora}/octokit-openapi-23.0.1/package/generated/api.github.com.json",
            "--format",
            "json",
        ],
        expected_exit: 0,
        counts_findings: true,
        needs_corpora: true,
        parse_floor: false,
        floor: Some("floor-github"),
    },
    // The release gate on the bundled example: start-up, two small packages, diff, verdict.
    // It fails the gate (exit 1) by design: the proposed release needs 3.0.0.
    Workload {
        name: "check-example",
        args: &["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"],
        expected_exit: 1,
        counts_findings: false,
        needs_corpora: false,
        parse_floor: false,
        floor: None,
    },
    // Code generation for a large package: bundling ~860 Kubernetes schemas into one root and
    // running typify over it, then formatting and writing the Rust file.
    Workload {
        name: "codegen-kubernetes",
        args: &[
            "codegen",
            "{corpora}/kubernetes/v1.37.0-local",
            "-o",
            "{out}/codegen-kubernetes.rs",
        ],
        expected_exit: 0,
        counts_findings: false,
        needs_corpora: true,
        parse_floor: false,
        floor: None,
    },
    // Loading a package of 100,000 small files (one ~200-byte schema each, 20 MB in all;
    // generated under the target directory by [`many_files`] the first time): reading,
    // parsing, the metaschema checks and the `$ref` registry, nothing to diff. Issue 13's goal:
    // under 2 s, peak memory within 8x the input bytes.
    Workload {
        name: "load-100000-files",
        args: &["validate", "{out}/many-100000", "--examples"],
        expected_exit: 0,
        counts_findings: false,
        needs_corpora: false,
        parse_floor: false,
        floor: None,
    },
    // The same package diffed against itself: two loads and a walk that finds every pair
    // identical.
    Workload {
        name: "self-diff-100000-files",
        args: &[
            "diff",
            "{out}/many-100000",
            "{out}/many-100000",
            "--format",
            "json",
        ],
        expected_exit: 0,
        counts_findings: true,
        needs_corpora: false,
        parse_floor: false,
        floor: None,
    },
    // Instance validation: every `examples` and `default` value of the example package checked
    // against the subschema holding it (validator construction and caching).
    Workload {
        name: "validate-examples",
        args: &["validate", "schemas/v2.0.0", "--examples"],
        expected_exit: 0,
        counts_findings: false,
        needs_corpora: false,
        parse_floor: false,
        floor: None,
    },
];

/// The workloads of issue 9: parse floors, self-diffs, the SchemaStore catalogue and the
/// slowest SchemaStore pairs; they run after [`WORKLOADS`] (and are listed with them).
pub const COST_WORKLOADS: &[Workload] = &[
    // Parse floors: reading every `.json` file of both sides and parsing it with `serde_json`,
    // nothing else. The diffs below are shown as a multiple of their floor's CPU time.
    floor_workload!(
        "floor-kubernetes",
        "{corpora}/kubernetes/v1.36.0-local",
        "{corpora}/kubernetes/v1.37.0-local"
    ),
    floor_workload!(
        "floor-kubernetes-self",
        "{corpora}/kubernetes/v1.37.0-local",
        "{corpora}/kubernetes/v1.37.0-local"
    ),
    floor_workload!(
        "floor-github",
        "{corpora}/octokit-openapi-22.0.0/package/generated/api.github.com.json",
        "{corpora}/octokit-openapi-23.0.1/package/generated/api.github.com.json"
    ),
    floor_workload!(
        "floor-github-self",
        "{corpora}/octokit-openapi-23.0.1/package/generated/api.github.com.json",
        "{corpora}/octokit-openapi-23.0.1/package/generated/api.github.com.json"
    ),
    floor_workload!(
        "floor-catalogue",
        "{corpora}/schemastore/catalogue/old",
        "{corpora}/schemastore/catalogue/new"
    ),
    floor_workload!(
        "floor-catalogue-self",
        "{corpora}/schemastore/catalogue/old",
        "{corpora}/schemastore/catalogue/old"
    ),
    // A self-diff: identical content must cost little more than reading it (goal: 1.5x).
    diff_workload!(
        "self-diff-kubernetes",
        "{corpora}/kubernetes/v1.37.0-local",
        "{corpora}/kubernetes/v1.37.0-local",
        "floor-kubernetes-self"
    ),
    diff_workload!(
        "self-diff-github",
        "{corpora}/octokit-openapi-23.0.1/package/generated/api.github.com.json",
        "{corpora}/octokit-openapi-23.0.1/package/generated/api.github.com.json",
        "floor-github-self"
    ),
    // The SchemaStore catalogue (~350 documents of every shape), old -> new and against itself;
    // documents whose `$ref`s leave the catalogue are left out (`--keep-going`).
    diff_workload!(
        "diff-catalogue",
        "{corpora}/schemastore/catalogue/old",
        "{corpora}/schemastore/catalogue/new",
        "floor-catalogue",
        "--keep-going"
    ),
    diff_workload!(
        "self-diff-catalogue",
        "{corpora}/schemastore/catalogue/old",
        "{corpora}/schemastore/catalogue/old",
        "floor-catalogue-self",
        "--keep-going"
    ),
    // The slowest pairs of `schemastore/pairs` (docs/benchmarks.md): recursive unions,
    // deep `if`/`oneOf` chains, the work budget.
    diff_workload!(
        "pair-utcm-monitor-0",
        "{corpora}/schemastore/pairs/utcm-monitor__0/old",
        "{corpora}/schemastore/pairs/utcm-monitor__0/new",
        "floor-pair-utcm-monitor-0"
    ),
    floor_workload!(
        "floor-pair-utcm-monitor-0",
        "{corpora}/schemastore/pairs/utcm-monitor__0/old",
        "{corpora}/schemastore/pairs/utcm-monitor__0/new"
    ),
    diff_workload!(
        "pair-partial-poe-0",
        "{corpora}/schemastore/pairs/partial-poe__0/old",
        "{corpora}/schemastore/pairs/partial-poe__0/new",
        "floor-pair-partial-poe-0"
    ),
    floor_workload!(
        "floor-pair-partial-poe-0",
        "{corpora}/schemastore/pairs/partial-poe__0/old",
        "{corpora}/schemastore/pairs/partial-poe__0/new"
    ),
    diff_workload!(
        "pair-partial-poe-1",
        "{corpora}/schemastore/pairs/partial-poe__1/old",
        "{corpora}/schemastore/pairs/partial-poe__1/new",
        "floor-pair-partial-poe-1"
    ),
    floor_workload!(
        "floor-pair-partial-poe-1",
        "{corpora}/schemastore/pairs/partial-poe__1/old",
        "{corpora}/schemastore/pairs/partial-poe__1/new"
    ),
    diff_workload!(
        "pair-workflows-2",
        "{corpora}/schemastore/pairs/workflows__2/old",
        "{corpora}/schemastore/pairs/workflows__2/new",
        "floor-pair-workflows-2"
    ),
    floor_workload!(
        "floor-pair-workflows-2",
        "{corpora}/schemastore/pairs/workflows__2/old",
        "{corpora}/schemastore/pairs/workflows__2/new"
    ),
    diff_workload!(
        "pair-popxf-1.0-0",
        "{corpora}/schemastore/pairs/popxf-1.0__0/old",
        "{corpora}/schemastore/pairs/popxf-1.0__0/new",
        "floor-pair-popxf-1.0-0"
    ),
    floor_workload!(
        "floor-pair-popxf-1.0-0",
        "{corpora}/schemastore/pairs/popxf-1.0__0/old",
        "{corpora}/schemastore/pairs/popxf-1.0__0/new"
    ),
    diff_workload!(
        "pair-okh-0",
        "{corpora}/schemastore/pairs/okh__0/old",
        "{corpora}/schemastore/pairs/okh__0/new",
        "floor-pair-okh-0"
    ),
    floor_workload!(
        "floor-pair-okh-0",
        "{corpora}/schemastore/pairs/okh__0/old",
        "{corpora}/schemastore/pairs/okh__0/new"
    ),
];

/// Every workload: [`WORKLOADS`], then [`COST_WORKLOADS`].
pub fn all_workloads() -> impl Iterator<Item = &'static Workload> {
    WORKLOADS.iter().chain(COST_WORKLOADS)
}

/// `xtask __parse-floor PATH...`: read every `.json` file under each path (a file or a folder,
/// walked in name order, dot-folders and `node_modules` left out, as a package load does) and
/// parse it with `serde_json`, nothing else; prints the number of files and bytes. The floor a
/// `contracts` command on the same paths cannot go below.
pub fn parse_floor(paths: &[String]) -> ExitCode {
    let (mut files, mut bytes) = (0usize, 0usize);
    for path in paths {
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                e.depth() == 0 || !(name.starts_with('.') || name == "node_modules")
            });
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    eprintln!("error: {path}: {e}");
                    return ExitCode::from(2);
                }
            };
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            if !entry.file_type().is_file() || !name.ends_with(".json") || name == "package.json" {
                continue;
            }
            let text = match std::fs::read(entry.path()) {
                Ok(text) => text,
                Err(e) => {
                    eprintln!("error: {}: {e}", entry.path().display());
                    return ExitCode::from(2);
                }
            };
            // A file that is not JSON is read all the same: the floor is the reading.
            let parsed: Result<serde_json::Value, _> = serde_json::from_slice(&text);
            std::hint::black_box(&parsed);
            files += 1;
            bytes += text.len();
        }
    }
    println!("{files} files, {bytes} bytes parsed");
    ExitCode::SUCCESS
}

/// Min, median and max of a set of samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

/// Summarizes samples (in any unit); the median of an even count is the mean of the two middle
/// values. `None` when there are no samples.
pub fn summarize(samples: &[f64]) -> Option<Summary> {
    if samples.is_empty() {
        return None;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    };
    Some(Summary {
        min: sorted[0],
        median,
        max: sorted[n - 1],
    })
}

/// Finding counts of a JSON diff report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Findings {
    pub total: usize,
    pub major: usize,
    pub major_with_witness: usize,
}

/// Counts the findings of a `--format json` report; `None` when it is not one.
pub fn count_findings(report: &serde_json::Value) -> Option<Findings> {
    let findings = report.get("findings")?.as_array()?;
    let major: Vec<_> = findings
        .iter()
        .filter(|f| f.get("bump").and_then(|b| b.as_str()) == Some("major"))
        .collect();
    let with_witness = major
        .iter()
        .filter(|f| f.get("witness").is_some_and(|w| !w.is_null()))
        .count();
    Some(Findings {
        total: findings.len(),
        major: major.len(),
        major_with_witness: with_witness,
    })
}

/// One line of the results table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub workload: String,
    pub runs: usize,
    /// Wall time in seconds.
    pub wall: Summary,
    /// CPU time (user + system, all threads) in seconds.
    pub cpu: Summary,
    /// Median CPU time as a multiple of the median CPU time of its parse floor
    /// ([`Workload::floor`]), when that ran too.
    pub floor_ratio: Option<f64>,
    /// Largest peak resident set size over the runs, in bytes.
    pub peak_rss_bytes: u64,
    pub findings: Option<Findings>,
    pub exit_code: i32,
}

impl Row {
    fn notes(&self) -> String {
        let mut notes = format!("exit {}", self.exit_code);
        if let Some(f) = self.findings {
            notes = format!(
                "{} findings, {} MAJOR, {} MAJOR with witness; {notes}",
                f.total, f.major, f.major_with_witness
            );
        }
        notes
    }
}

/// Seconds with a precision that suits the magnitude.
fn seconds(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{s:.2} s")
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// The Markdown table printed on stdout.
pub fn render_table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| workload | runs | min | median | max | CPU (median) | x floor | peak RSS (MiB) | notes |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    for r in rows {
        let ratio = r
            .floor_ratio
            .map_or_else(|| "".to_string(), |x| format!("{x:.1}x"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.workload,
            r.runs,
            seconds(r.wall.min),
            seconds(r.wall.median),
            seconds(r.wall.max),
            seconds(r.cpu.median),
            ratio,
            mib(r.peak_rss_bytes),
            r.notes()
        );
    }
    out
}

/// The numbers as JSON (`--json FILE`): seconds and bytes, unrounded.
pub fn render_json(rows: &[Row]) -> serde_json::Value {
    let rows: Vec<_> = rows
        .iter()
        .map(|r| {
            let mut v = serde_json::json!({
                "workload": r.workload,
                "runs": r.runs,
                "wall_seconds": { "min": r.wall.min, "median": r.wall.median, "max": r.wall.max },
                "cpu_seconds": { "min": r.cpu.min, "median": r.cpu.median, "max": r.cpu.max },
                "floor_ratio": r.floor_ratio,
                "peak_rss_bytes": r.peak_rss_bytes,
                "exit_code": r.exit_code,
            });
            if let Some(f) = r.findings {
                v["findings"] = serde_json::json!({
                    "total": f.total,
                    "major": f.major,
                    "major_with_witness": f.major_with_witness,
                });
            }
            v
        })
        .collect();
    serde_json::json!({ "workloads": rows })
}

/// Options of `cargo xtask bench`.
#[derive(Debug, PartialEq)]
pub struct Options {
    pub runs: usize,
    pub only: Option<String>,
    pub json: Option<PathBuf>,
}

pub fn parse_options(args: &[&str]) -> Result<Options, String> {
    let mut opts = Options {
        runs: 5,
        only: None,
        json: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .copied()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match *arg {
            "--runs" => {
                let v = value()?;
                opts.runs = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--runs: `{v}` is not a positive integer"))?;
            }
            "--only" => opts.only = Some(value()?.to_string()),
            "--json" => opts.json = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown bench option `{other}`")),
        }
    }
    Ok(opts)
}

/// The target directory cargo builds into: `CARGO_TARGET_DIR` when set, else
/// `<workspace>/target`.
pub(crate) fn target_dir(workspace: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                std::env::current_dir()
                    .map(|cwd| cwd.join(&dir))
                    .unwrap_or(dir)
            }
        }
        _ => workspace.join("target"),
    }
}

fn expand(arg: &str, corpora: &Path, out: &Path) -> OsString {
    arg.replace("{corpora}", &corpora.to_string_lossy())
        .replace("{out}", &out.to_string_lossy())
        .into()
}

/// One measured run.
struct Run {
    exit_code: i32,
    wall: Duration,
    max_rss_kib: u64,
    cpu: Duration,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

/// Runs `program args` through `xtask __bench-exec` and reads back its measurement.
fn measure(program: &Path, args: &[OsString], cwd: &Path, scratch: &Path) -> Result<Run, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the xtask binary: {e}"))?;
    let record = scratch.join("measurement.txt");
    let _ = std::fs::remove_file(&record);
    let output = Command::new(exe)
        .arg("__bench-exec")
        .arg(&record)
        .arg(program)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run the measuring process: {e}"))?;
    let text = std::fs::read_to_string(&record).map_err(|e| {
        format!(
            "the measuring process left no record ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let fields: Vec<i64> = text
        .split_whitespace()
        .map(|f| f.parse().map_err(|_| format!("bad measurement `{text}`")))
        .collect::<Result<_, _>>()?;
    let [exit_code, nanos, max_rss_kib, cpu_micros] = fields[..] else {
        return Err(format!("bad measurement `{text}`"));
    };
    Ok(Run {
        exit_code: exit_code as i32,
        wall: Duration::from_nanos(nanos as u64),
        max_rss_kib: max_rss_kib.max(0) as u64,
        cpu: Duration::from_micros(cpu_micros.max(0) as u64),
        stdout: output.stdout,
        stderr: output.stderr,
    })
}

/// `xtask __bench-exec RECORD PROGRAM ARGS...`: runs the program with this process's standard
/// streams, then writes `<exit code> <wall nanoseconds> <max RSS KiB> <CPU microseconds, user +
/// system>` to RECORD (exit code -1 when killed by a signal).
pub fn exec(args: &[String]) -> ExitCode {
    let [record, program, rest @ ..] = args else {
        eprintln!("usage: xtask __bench-exec RECORD PROGRAM [ARGS...]");
        return ExitCode::from(2);
    };
    let start = Instant::now();
    let status = match Command::new(program).args(rest).status() {
        Ok(status) => status,
        Err(e) => {
            eprintln!("error: cannot run {program}: {e}");
            return ExitCode::from(2);
        }
    };
    let wall = start.elapsed();
    // ru_maxrss of RUSAGE_CHILDREN is the largest waited-for child's; this process had one.
    // Linux reports it in KiB.
    let (max_rss, cpu) =
        match nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN) {
            Ok(usage) => {
                use nix::sys::time::TimeValLike as _;
                let micros = |t: nix::sys::time::TimeVal| t.num_microseconds();
                (
                    usage.max_rss(),
                    micros(usage.user_time()) + micros(usage.system_time()),
                )
            }
            Err(e) => {
                eprintln!("error: getrusage: {e}");
                return ExitCode::from(2);
            }
        };
    let line = format!(
        "{} {} {} {}\n",
        status.code().unwrap_or(-1),
        wall.as_nanos(),
        max_rss,
        cpu
    );
    match std::fs::write(record, line) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write {record}: {e}");
            ExitCode::from(2)
        }
    }
}

fn build_cli(workspace: &Path) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("building: cargo build --release -p contracts-cli");
    let status = Command::new(cargo)
        .args(["build", "--release", "-p", "contracts-cli"])
        .current_dir(workspace)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo build --release -p contracts-cli failed ({status})"
        ))
    }
}

fn bench_workload(
    w: &Workload,
    runs: usize,
    binary: &Path,
    workspace: &Path,
    corpora: &Path,
    scratch: &Path,
) -> Result<Row, String> {
    let mut args: Vec<OsString> = w.args.iter().map(|a| expand(a, corpora, scratch)).collect();
    let xtask;
    let binary = if w.parse_floor {
        xtask = std::env::current_exe().map_err(|e| format!("cannot find xtask: {e}"))?;
        args.insert(0, "__parse-floor".into());
        xtask.as_path()
    } else {
        binary
    };
    let mut walls = Vec::with_capacity(runs);
    let mut cpus = Vec::with_capacity(runs);
    let mut peak_kib = 0;
    let mut last_stdout = Vec::new();
    for i in 1..=runs {
        let run = measure(binary, &args, workspace, scratch)?;
        if run.exit_code != w.expected_exit {
            return Err(format!(
                "{}: run {i} exited with {} (expected {}); stderr:\n{}",
                w.name,
                run.exit_code,
                w.expected_exit,
                String::from_utf8_lossy(&run.stderr)
            ));
        }
        eprintln!(
            "  {} run {i}/{runs}: {:.3} s, CPU {:.3} s, {} MiB",
            w.name,
            run.wall.as_secs_f64(),
            run.cpu.as_secs_f64(),
            run.max_rss_kib / 1024
        );
        walls.push(run.wall.as_secs_f64());
        cpus.push(run.cpu.as_secs_f64());
        peak_kib = peak_kib.max(run.max_rss_kib);
        last_stdout = run.stdout;
    }
    let findings = if w.counts_findings {
        let report: serde_json::Value = serde_json::from_slice(&last_stdout)
            .map_err(|e| format!("{}: stdout is not a JSON report: {e}", w.name))?;
        Some(
            count_findings(&report)
                .ok_or_else(|| format!("{}: the JSON report has no `findings` array", w.name))?,
        )
    } else {
        None
    };
    Ok(Row {
        workload: w.name.to_string(),
        runs,
        wall: summarize(&walls).ok_or("no runs")?,
        cpu: summarize(&cpus).ok_or("no runs")?,
        floor_ratio: None,
        peak_rss_bytes: peak_kib * 1024,
        findings,
        exit_code: w.expected_exit,
    })
}

/// Each row's median CPU time over its parse floor's, for the rows whose floor ran too.
fn set_floor_ratios(rows: &mut [Row], workloads: &[&Workload]) {
    let cpu: std::collections::HashMap<String, f64> = rows
        .iter()
        .map(|r| (r.workload.clone(), r.cpu.median))
        .collect();
    for (row, w) in rows.iter_mut().zip(workloads) {
        row.floor_ratio = w
            .floor
            .and_then(|f| cpu.get(f))
            .filter(|&&floor| floor > 0.0)
            .map(|floor| row.cpu.median / floor);
    }
}

/// Writes the package of the `load-100000-files` workloads into `dir` unless it is there
/// already (its `package.json` and `count` schema files): `s000000.json` ... each a draft
/// 2020-12 object schema with a `$id` (`urn:many:s000000`), a title and two properties (a
/// third in every third file), 195 to 227 bytes, and a
/// `package.json` naming `@scope/many` 1.0.0. The content depends on nothing but `count`.
///
/// # Errors
/// A message naming the file that could not be written.
pub fn many_files(dir: &Path, count: usize) -> Result<(), String> {
    let manifest = dir.join("package.json");
    let last = dir.join(format!("s{:06}.json", count.saturating_sub(1)));
    let existing = std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0);
    if manifest.is_file() && last.is_file() && existing == count + 1 {
        return Ok(());
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let write = |path: &Path, text: &str| {
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    for i in 0..count {
        let extra = if i % 3 == 0 {
            r#","tag":{"type":"string"}"#
        } else {
            ""
        };
        let text = format!(
            "{{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\
             \"$id\":\"urn:many:s{i:06}\",\"title\":\"S{i}\",\"type\":\"object\",\
             \"properties\":{{\"id\":{{\"type\":\"integer\"}},\
             \"name\":{{\"type\":\"string\"}}{extra}}},\"required\":[\"id\"]}}\n"
        );
        write(&dir.join(format!("s{i:06}.json")), &text)?;
    }
    write(
        &manifest,
        "{\"name\": \"@scope/many\", \"version\": \"1.0.0\"}\n",
    )
}

/// `cargo xtask bench [--runs N] [--only NAME[,NAME...]] [--json FILE]`.
pub fn bench(args: &[&str], workspace: &Path) -> ExitCode {
    let opts = match parse_options(args) {
        Ok(opts) => opts,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let selected: Vec<&Workload> = all_workloads()
        .filter(|w| {
            opts.only
                .as_deref()
                .is_none_or(|only| only.split(',').any(|o| o == w.name))
        })
        .collect();
    if selected.is_empty() {
        let names: Vec<_> = all_workloads().map(|w| w.name).collect();
        eprintln!(
            "error: no workload named `{}`; workloads: {}",
            opts.only.unwrap_or_default(),
            names.join(", ")
        );
        return ExitCode::from(2);
    }
    let corpora = crate::corpora::default_dir(workspace);
    if selected.iter().any(|w| w.needs_corpora) && !corpora.join("kubernetes").is_dir() {
        eprintln!(
            "error: the corpora are missing from {}; download them with `cargo xtask corpora` \
             (from the workspace root), or set CONTRACTS_CORPORA to where they are",
            corpora.display()
        );
        return ExitCode::FAILURE;
    }
    if let Err(e) = build_cli(workspace) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let target = target_dir(workspace);
    let binary = target
        .join("release")
        .join(format!("contracts{}", std::env::consts::EXE_SUFFIX));
    let scratch = target.join("bench");
    if let Err(e) = std::fs::create_dir_all(&scratch) {
        eprintln!("error: cannot create {}: {e}", scratch.display());
        return ExitCode::FAILURE;
    }
    if selected
        .iter()
        .any(|w| w.args.iter().any(|a| a.contains("{out}/many-100000")))
    {
        if let Err(e) = many_files(&scratch.join("many-100000"), 100_000) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    let mut rows = Vec::new();
    for &w in &selected {
        eprintln!("{}: {} runs", w.name, opts.runs);
        match bench_workload(w, opts.runs, &binary, workspace, &corpora, &scratch) {
            Ok(row) => rows.push(row),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    set_floor_ratios(&mut rows, &selected);
    print!("{}", render_table(&rows));
    if let Some(path) = opts.json {
        let text = serde_json::to_string_pretty(&render_json(&rows)).unwrap_or_default() + "\n";
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        eprintln!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_files_writes_a_package_of_small_schemas() {
        let dir = tempfile::tempdir().expect("tempdir");
        let package = dir.path().join("many");
        many_files(&package, 3).expect("written");
        let mut names: Vec<String> = std::fs::read_dir(&package)
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "package.json",
                "s000000.json",
                "s000001.json",
                "s000002.json"
            ]
        );
        for name in &names[1..] {
            let text = std::fs::read_to_string(package.join(name)).expect("file");
            let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let stem = name.trim_end_matches(".json");
            assert_eq!(value["$id"], serde_json::json!(format!("urn:many:{stem}")));
            assert!(
                (190..230).contains(&text.len()),
                "{name}: {} bytes",
                text.len()
            );
        }
        // A second call keeps what is there.
        let before = std::fs::metadata(package.join("s000001.json")).expect("file");
        many_files(&package, 3).expect("kept");
        let after = std::fs::metadata(package.join("s000001.json")).expect("file");
        assert_eq!(before.modified().ok(), after.modified().ok());
    }

    #[test]
    fn summary_of_odd_and_even_counts() {
        assert_eq!(summarize(&[]), None);
        assert_eq!(
            summarize(&[3.0, 1.0, 2.0]),
            Some(Summary {
                min: 1.0,
                median: 2.0,
                max: 3.0
            })
        );
        assert_eq!(
            summarize(&[4.0, 1.0, 3.0, 2.0]),
            Some(Summary {
                min: 1.0,
                median: 2.5,
                max: 4.0
            })
        );
        assert_eq!(
            summarize(&[7.0]),
            Some(Summary {
                min: 7.0,
                median: 7.0,
                max: 7.0
            })
        );
    }

    #[test]
    fn markdown_table() {
        let rows = [
            Row {
                workload: "diff-kubernetes".into(),
                runs: 3,
                wall: Summary {
                    min: 1.234,
                    median: 1.5,
                    max: 2.0,
                },
                cpu: Summary {
                    min: 2.0,
                    median: 2.25,
                    max: 3.0,
                },
                floor_ratio: Some(56.25),
                peak_rss_bytes: 300 * 1024 * 1024 + 512 * 1024,
                findings: Some(Findings {
                    total: 120,
                    major: 10,
                    major_with_witness: 7,
                }),
                exit_code: 0,
            },
            Row {
                workload: "check-example".into(),
                runs: 3,
                wall: Summary {
                    min: 0.0124,
                    median: 0.0131,
                    max: 0.02,
                },
                cpu: Summary {
                    min: 0.01,
                    median: 0.011,
                    max: 0.02,
                },
                floor_ratio: None,
                peak_rss_bytes: 8 * 1024 * 1024,
                findings: None,
                exit_code: 1,
            },
        ];
        assert_eq!(
            render_table(&rows),
            "| workload | runs | min | median | max | CPU (median) | x floor | peak RSS (MiB) | notes |\n\
             | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n\
             | diff-kubernetes | 3 | 1.23 s | 1.50 s | 2.00 s | 2.25 s | 56.2x | 300.5 | 120 findings, 10 MAJOR, 7 MAJOR with witness; exit 0 |\n\
             | check-example | 3 | 12 ms | 13 ms | 20 ms | 11 ms |  | 8.0 | exit 1 |\n"
        );
        let json = render_json(&rows);
        assert_eq!(json["workloads"][0]["floor_ratio"], 56.25);
        assert_eq!(json["workloads"][0]["cpu_seconds"]["median"], 2.25);
        assert_eq!(json["workloads"][0]["findings"]["major_with_witness"], 7);
        assert_eq!(json["workloads"][1]["wall_seconds"]["median"], 0.0131);
        assert!(json["workloads"][1].get("findings").is_none());
    }

    #[test]
    fn findings_are_counted() {
        let report = serde_json::json!({
            "findings": [
                { "bump": "major", "witness": { "instance": 1, "valid_in": "old" } },
                { "bump": "major" },
                { "bump": "major", "witness": null },
                { "bump": "minor", "witness": { "instance": 1, "valid_in": "new" } },
            ]
        });
        assert_eq!(
            count_findings(&report),
            Some(Findings {
                total: 4,
                major: 3,
                major_with_witness: 1
            })
        );
        assert_eq!(count_findings(&serde_json::json!({})), None);
    }

    #[test]
    fn options() {
        assert_eq!(
            parse_options(&[]),
            Ok(Options {
                runs: 5,
                only: None,
                json: None
            })
        );
        assert_eq!(
            parse_options(&["--runs", "3", "--only", "check-example", "--json", "b.json"]),
            Ok(Options {
                runs: 3,
                only: Some("check-example".into()),
                json: Some("b.json".into())
            })
        );
        assert!(parse_options(&["--runs", "0"]).is_err());
        assert!(parse_options(&["--runs"]).is_err());
        assert!(parse_options(&["--fast"]).is_err());
    }

    #[test]
    fn workload_names_are_unique() {
        let mut names: Vec<_> = all_workloads().map(|w| w.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all_workloads().count());
    }

    #[test]
    fn every_floor_is_a_parse_floor_workload() {
        for w in all_workloads() {
            if let Some(floor) = w.floor {
                let found = all_workloads().find(|f| f.name == floor);
                assert!(
                    found.is_some_and(|f| f.parse_floor),
                    "{}: floor {floor} is no parse-floor workload",
                    w.name
                );
            }
        }
        assert!(WORKLOADS.iter().all(|w| !w.parse_floor));
    }

    #[test]
    fn ratios_are_to_the_floor_that_ran() {
        let row = |name: &str, cpu: f64| Row {
            workload: name.into(),
            runs: 1,
            wall: Summary {
                min: cpu,
                median: cpu,
                max: cpu,
            },
            cpu: Summary {
                min: cpu,
                median: cpu,
                max: cpu,
            },
            floor_ratio: None,
            peak_rss_bytes: 0,
            findings: None,
            exit_code: 0,
        };
        let find = |name: &str| all_workloads().find(|w| w.name == name).unwrap();
        let workloads = [
            find("diff-catalogue"),
            find("floor-catalogue"),
            find("diff-kubernetes"),
        ];
        let mut rows = [
            row("diff-catalogue", 3.0),
            row("floor-catalogue", 0.5),
            row("diff-kubernetes", 2.0),
        ];
        set_floor_ratios(&mut rows, &workloads);
        assert_eq!(rows[0].floor_ratio, Some(6.0));
        assert_eq!(rows[1].floor_ratio, None);
        // Its floor did not run.
        assert_eq!(rows[2].floor_ratio, None);
    }

    #[test]
    fn the_parse_floor_reads_json_files_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.json"), r#"{"type":"object"}"#).unwrap();
        std::fs::write(dir.path().join("b.yaml"), "type: object").unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/c.json"), "{}").unwrap();
        let path = dir.path().to_string_lossy().into_owned();
        assert_eq!(parse_floor(&[path.clone(), path]), ExitCode::SUCCESS);
        let missing = dir.path().join("missing").to_string_lossy().into_owned();
        assert_eq!(parse_floor(&[missing]), ExitCode::from(2));
    }
}
