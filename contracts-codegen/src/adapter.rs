//! The adapter around typify: it runs behind `catch_unwind` with the panic hook silenced, and a
//! failure is narrowed down to one definition and then to one subschema (JSON Pointer), which is
//! reported, or under `lenient` replaced by `{}` (→ `serde_json::Value`).

use std::collections::{BTreeMap, BTreeSet};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::time::Duration;

use proc_macro2::TokenStream;
use serde_json::{Map, Value};

use crate::walk;

thread_local! {
    /// Whether a panic on this thread is expected (typify behind [`quietly`]) and not printed.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Install (once) a panic hook that is silent on threads running [`quietly`] and delegates to
/// the previous hook everywhere else. Installed once for the process, so that a conversion
/// thread abandoned over the work budget never holds a lock or a swapped hook.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Run `f`, turning a panic into `Err(message)` without printing anything.
pub(crate) fn quietly<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    install_quiet_hook();
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
                .unwrap_or_else(|| "typify panicked".to_string());
            Err(format!("typify panicked: {}", first_line(&message)))
        }
    }
}

/// How a failure over the work budget starts.
pub(crate) const OVER_BUDGET: &str = "over the work budget";

/// The work budget: how long one typify run may take. Each run goes on a thread of its own;
/// over the budget it is cancelled (see [`cancel`]), or, where that cannot be done, abandoned
/// (the thread runs on, detached, until it finishes or the process exits).
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    per_run: Option<Duration>,
    /// Bytes the process's resident memory may grow by during one run (with a time budget).
    memory: u64,
}

impl Budget {
    /// A budget of `per_run` for each typify run (`None`: unlimited), and of `memory` bytes of
    /// resident-memory growth while it runs.
    pub(crate) fn new(per_run: Option<Duration>, memory: u64) -> Budget {
        Budget { per_run, memory }
    }

    /// The failure message of a run over the budget.
    pub(crate) fn message(&self) -> String {
        match self.per_run {
            Some(t) => format!("{OVER_BUDGET} ({:.1} s per typify run)", t.as_secs_f64()),
            None => OVER_BUDGET.to_string(),
        }
    }
}

thread_local! {
    /// The cancellation flag of the typify run on this thread (set by [`attempt`] when the
    /// run is over the budget), read by [`Canceller`].
    static CANCEL: std::cell::RefCell<Option<Arc<AtomicBool>>> = const { std::cell::RefCell::new(None) };
}

/// How a cancelled run's panic message starts.
const CANCELLED: &str = "typify run cancelled over the work budget";

/// The `log` logger that cancels a typify run: typify 0.8 cannot be interrupted, but it logs
/// (`debug!`/`info!`) at every schema it converts and every pair it merges. While a run is
/// being cancelled the maximum log level is raised, so those calls reach this logger, which
/// panics on the cancelled thread (caught by [`quietly`] like any typify panic, which frees
/// the run's memory as it unwinds) and drops every other record.
struct Canceller;

impl log::Log for Canceller {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        cancelled_here()
    }

    fn log(&self, _: &log::Record<'_>) {
        if cancelled_here() {
            panic!("{CANCELLED}");
        }
    }

    fn flush(&self) {}
}

fn cancelled_here() -> bool {
    CANCEL.with(|c| {
        c.borrow()
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::Relaxed))
    })
}

/// Whether [`Canceller`] is the process's logger: installed on first use, unless the process
/// already has a logger of its own (then runs over the budget are abandoned, not cancelled).
fn canceller_installed() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| log::set_logger(&Canceller).is_ok())
}

/// Cancellations in progress: the maximum log level is raised while any is.
static CANCELLING: Mutex<usize> = Mutex::new(0);

/// How long a cancelled run may take to reach its next log call and unwind.
const CANCEL_GRACE: Duration = Duration::from_secs(10);

/// Cancel the run on the thread whose flag is `flag`, and wait (at most [`CANCEL_GRACE`]) for
/// its result on `receive`: `true` when it ended. Raising the log level costs the other typify
/// runs of the process their log arguments (typify formats schemas as JSON for them) for as
/// long as the cancellation lasts.
fn cancel(flag: &AtomicBool, receive: &std::sync::mpsc::Receiver<Result<String, String>>) -> bool {
    if !canceller_installed() {
        return false;
    }
    flag.store(true, Ordering::Relaxed);
    {
        let mut n = CANCELLING
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *n += 1;
        log::set_max_level(log::LevelFilter::Trace);
    }
    let ended = receive.recv_timeout(CANCEL_GRACE).is_ok();
    let mut n = CANCELLING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    *n -= 1;
    if *n == 0 {
        log::set_max_level(log::LevelFilter::Off);
    }
    ended
}

/// Stack of a conversion thread: typify recurses once per nesting level and merge step.
const STACK: usize = 256 * 1024 * 1024;

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    let mut end = line.len().min(200);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].to_string()
}

/// Settings for one typify run.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Derives beyond typify's own (`Debug`, `Clone`, `Serialize`, `Deserialize`).
    pub derives: Vec<String>,
    /// Definition name → the existing Rust type used in its place.
    pub replacements: Vec<(String, String)>,
}

impl Settings {
    fn typify(&self) -> typify::TypeSpaceSettings {
        let mut s = typify::TypeSpaceSettings::default();
        s.with_struct_builder(false);
        for d in &self.derives {
            s.with_derive(d.clone());
        }
        for (name, path) in &self.replacements {
            s.with_replacement(name, path, std::iter::empty());
        }
        s
    }
}

/// Run typify once over `definitions` (behind `catch_unwind`, on a thread of its own that is
/// abandoned when `budget` runs out), returning its tokens.
pub(crate) fn attempt(
    definitions: &BTreeMap<String, Value>,
    settings: &Settings,
    budget: &Budget,
) -> Result<TokenStream, String> {
    // A zero budget gives up at once (deterministically, without racing the thread).
    if budget.per_run == Some(Duration::ZERO) {
        return Err(budget.message());
    }
    let mut defs = schemars::Map::new();
    for (name, value) in definitions {
        let schema: schemars::schema::Schema = serde_json::from_value(value.clone())
            .map_err(|e| format!("{name}: not a schema typify can read: {e}"))?;
        defs.insert(name.clone(), schema);
    }
    let root = schemars::schema::RootSchema {
        meta_schema: None,
        schema: schemars::schema::SchemaObject::default(),
        definitions: defs,
    };
    // typify's settings hold tokens, which are not `Send`: they are made on the thread.
    let settings = settings.clone();
    let (send, receive) = std::sync::mpsc::channel();
    let flag = Arc::new(AtomicBool::new(false));
    let thread_flag = Arc::clone(&flag);
    let spawned = std::thread::Builder::new()
        .name("contracts-codegen-typify".into())
        .stack_size(STACK)
        .spawn(move || {
            CANCEL.with(|c| *c.borrow_mut() = Some(thread_flag));
            let result = quietly(move || {
                let mut space = typify::TypeSpace::new(&settings.typify());
                space
                    .add_root_schema(root)
                    .map_err(|e| first_line(&e.to_string()))?;
                let tokens = space.to_stream();
                let file = syn::parse2::<syn::File>(tokens.clone())
                    .map_err(|e| format!("typify produced tokens that do not parse: {e}"))?;
                duplicate_types(&file)?;
                // Tokens are not `Send`: they cross as text.
                Ok(tokens.to_string())
            });
            // The receiver is gone when the attempt was abandoned.
            let _ = send.send(result);
        })
        .map_err(|e| format!("cannot start a typify thread: {e}"))?;
    let received = match budget.per_run {
        Some(limit) => wait(&receive, limit, budget),
        None => receive
            .recv()
            .map_err(|_| "the typify thread ended without a result".to_string()),
    };
    match received {
        Ok(result) => {
            let _ = spawned.join();
            let text = result?;
            text.parse::<TokenStream>()
                .map_err(|e| format!("typify's tokens do not parse back: {e}"))
        }
        Err(over) => {
            // Cancelled (it unwinds at its next log call), else detached: it runs on until
            // it finishes or the process exits.
            if cancel(&flag, &receive) {
                let _ = spawned.join();
            }
            Err(over)
        }
    }
}

/// The process's resident set in bytes (`/proc/self/statm`, counted in 4 KiB pages: on a
/// system with larger pages this underestimates, so the limit is looser); `None` where that
/// is not known.
fn resident_bytes() -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
        Some(pages * 4096)
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// Wait for a run's result, at most `limit`, checking every 50 ms that the process's resident
/// memory has not grown by more than the budget's `memory` since the run began (Linux only).
fn wait(
    receive: &std::sync::mpsc::Receiver<Result<String, String>>,
    limit: Duration,
    budget: &Budget,
) -> Result<Result<String, String>, String> {
    let started = std::time::Instant::now();
    let baseline = resident_bytes();
    loop {
        let left = limit.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Err(budget.message());
        }
        match receive.recv_timeout(left.min(Duration::from_millis(50))) {
            Ok(result) => return Ok(result),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err("the typify thread ended without a result".to_string())
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if let (Some(before), Some(now)) = (baseline, resident_bytes()) {
                    if now.saturating_sub(before) > budget.memory {
                        return Err(format!(
                            "{OVER_BUDGET} (more than {} MiB of memory in one typify run)",
                            budget.memory >> 20
                        ));
                    }
                }
            }
        }
    }
}

/// How a failure from duplicate type names starts (the names follow, quoted and comma-separated).
pub(crate) const DUPLICATES: &str = "typify generated several types with one name: ";

/// typify can name an inner type like its parent (e.g. a nullable `enum` at a root): two
/// items with one name do not compile, so that is a failure too.
fn duplicate_types(file: &syn::File) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    let mut duplicates = Vec::new();
    for item in &file.items {
        let name = match item {
            syn::Item::Struct(s) => s.ident.to_string(),
            syn::Item::Enum(e) => e.ident.to_string(),
            syn::Item::Type(t) => t.ident.to_string(),
            syn::Item::Mod(m) => m.ident.to_string(),
            _ => continue,
        };
        if !seen.insert(name.clone()) {
            duplicates.push(format!("`{name}`"));
        }
    }
    if duplicates.is_empty() {
        Ok(())
    } else {
        Err(format!("{DUPLICATES}{}", duplicates.join(", ")))
    }
}

/// The `$ref` names (`#/definitions/<Name>`) used anywhere in `schema`.
fn refs(schema: &Value, out: &mut BTreeSet<String>) {
    match schema {
        Value::Object(o) => {
            if let Some(Value::String(r)) = o.get("$ref") {
                if let Some(name) = r.strip_prefix("#/definitions/") {
                    out.insert(name.to_string());
                }
            }
            for v in o.values() {
                refs(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// Try `name` alone: its own schema, and every definition it references stubbed as `{}`.
pub(crate) fn attempt_alone(
    name: &str,
    schema: &Value,
    settings: &Settings,
    budget: &Budget,
) -> Result<(), String> {
    let mut names = BTreeSet::new();
    refs(schema, &mut names);
    let mut defs: BTreeMap<String, Value> = names
        .into_iter()
        .map(|n| (n, Value::Object(Map::new())))
        .collect();
    defs.insert(name.to_string(), schema.clone());
    attempt(&defs, settings, budget).map(|_| ())
}

/// How a definition is tried in isolation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// Every definition it references stubbed as `{}`.
    Stubbed,
    /// With every definition it references (transitively), as they are: for failures that
    /// need two definitions together (typify merging an `allOf` member behind a `$ref`).
    Referenced,
}

/// `names` and every definition they reference, transitively.
pub(crate) fn closure(definitions: &BTreeMap<String, Value>, names: &[String]) -> BTreeSet<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<String> = names.to_vec();
    while let Some(n) = todo.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        if let Some(v) = definitions.get(&n) {
            let mut r = BTreeSet::new();
            refs(v, &mut r);
            todo.extend(r.into_iter().filter(|x| !seen.contains(x)));
        }
    }
    seen
}

/// How many definitions `name` brings with it (itself and everything it references).
pub(crate) fn closure_size(definitions: &BTreeMap<String, Value>, name: &str) -> usize {
    closure(definitions, &[name.to_string()]).len()
}

/// Try `name` with `schema` in `context` (see [`Context`]).
pub(crate) fn attempt_in(
    context: Context,
    name: &str,
    schema: &Value,
    definitions: &BTreeMap<String, Value>,
    settings: &Settings,
    budget: &Budget,
) -> Result<(), String> {
    match context {
        Context::Stubbed => attempt_alone(name, schema, settings, budget),
        Context::Referenced => {
            let mut with = definitions.clone();
            with.insert(name.to_string(), schema.clone());
            let mut defs: BTreeMap<String, Value> = closure(&with, &[name.to_string()])
                .into_iter()
                .map(|n| {
                    let v = with.get(&n).cloned().unwrap_or(Value::Object(Map::new()));
                    (n, v)
                })
                .collect();
            defs.insert(name.to_string(), schema.clone());
            attempt(&defs, settings, budget).map(|_| ())
        }
    }
}

/// The definitions of `names` that fail in `context` (see [`Context`]), found by halving.
pub(crate) fn failing(
    context: Context,
    definitions: &BTreeMap<String, Value>,
    names: &[String],
    settings: &Settings,
    budget: &Budget,
) -> Vec<(String, String)> {
    if names.is_empty() {
        return Vec::new();
    }
    if names.len() == 1 {
        let name = &names[0];
        return match attempt_in(
            context,
            name,
            &definitions[name],
            definitions,
            settings,
            budget,
        ) {
            Ok(()) => Vec::new(),
            Err(e) => vec![(name.clone(), e)],
        };
    }
    let mut group: BTreeMap<String, Value> = BTreeMap::new();
    match context {
        // A group is tried together with every definition it references stubbed.
        Context::Stubbed => {
            let mut referenced = BTreeSet::new();
            for n in names {
                refs(&definitions[n], &mut referenced);
            }
            for r in referenced {
                group.insert(r, Value::Object(Map::new()));
            }
        }
        Context::Referenced => {
            for n in closure(definitions, names) {
                let v = definitions
                    .get(&n)
                    .cloned()
                    .unwrap_or(Value::Object(Map::new()));
                group.insert(n, v);
            }
        }
    }
    for n in names {
        group.insert(n.clone(), definitions[n].clone());
    }
    if attempt(&group, settings, budget).is_ok() {
        return Vec::new();
    }
    let (left, right) = names.split_at(names.len() / 2);
    let mut out = failing(context, definitions, left, settings, budget);
    out.extend(failing(context, definitions, right, settings, budget));
    out
}

/// A stand-in for an unsupported subschema: `{}` keeping its description.
pub(crate) fn fallback(original: &Value) -> Value {
    let mut m = Map::new();
    if let Some(d) = original.get("description") {
        m.insert("description".into(), d.clone());
    }
    Value::Object(m)
}

/// Narrow the failure of definition `name` down to the deepest subschema whose replacement by
/// `{}` makes it convert. Returns the JSON Pointer (relative to the definition), `""` for the
/// whole definition.
pub(crate) fn locate(
    context: Context,
    name: &str,
    schema: &Value,
    definitions: &BTreeMap<String, Value>,
    settings: &Settings,
    budget: &Budget,
) -> String {
    let mut node = String::new();
    'descend: loop {
        let Some(current) = schema.pointer(&node) else {
            return node;
        };
        for (tokens, child) in walk::children(current) {
            let mut child_pointer = node.clone();
            for t in &tokens {
                child_pointer = contracts_core::pointer::join(&child_pointer, t);
            }
            let mut trial = schema.clone();
            if let Some(slot) = trial.pointer_mut(&child_pointer) {
                *slot = fallback(child);
            }
            if attempt_in(context, name, &trial, definitions, settings, budget).is_ok() {
                node = child_pointer;
                continue 'descend;
            }
        }
        return node;
    }
}
