//! The paired walk: both versions of a schema, in step, from the roots.
//!
//! Documents are paired by name, then by root `$id` (a renamed file); the roots of each pair,
//! and each `$defs`/`definitions` entry present on both sides, become tasks. A task is a pair of
//! [`Node`]s (old, new) at one instance position; comparing it emits findings and pushes the
//! pairs of children (`properties`, items, `additionalProperties`, branches, ...). Tasks live on
//! an explicit stack, so depth costs heap, not call stack; a global memo of visited
//! (old locations, new locations) pairs makes recursive schemas terminate and compares a
//! definition shared by several roots once, on the first route that reaches it.
//!
//! Each task carries its [`Route`]: the instance path from the walk's root (JSON Pointer
//! tokens) and, per step, the exact subschemas on each side, which the witness search uses to
//! build an instance of the whole root schema around a local counterexample.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use contracts_core::{LoadError, Location, SchemaDocument};
use serde_json::Value;

use crate::model::{Node, Side};
use crate::report::{Confidence, Finding, WitnessSide};
use crate::rules::{self, Arg, Rule};
use crate::DiffOptions;

/// The work budget of a diff: subschema pairs compared, counted over the main walk, its
/// sub-walks and containment probes alike, is at most this base plus [`BUDGET_PER_VALUE`] per
/// JSON value of the two packages (so large packages get a proportional budget). No real
/// package pair comes near it; past it the walk stops and reports the rest as one `undecided`
/// finding (a guard against combinatorial input, e.g. unions of unions nested 30 deep).
const BUDGET_BASE: usize = 50_000;

/// The part of the work budget each JSON value of the two packages adds.
const BUDGET_PER_VALUE: usize = 2;

/// The witness search's share of the work: instance validations over all findings, at most this
/// base plus one per [`WITNESS_VALUES_PER_CHECK`] JSON values of the two packages. Past it the
/// remaining MAJOR findings are reported without a witness (heuristic confidence).
const WITNESS_BASE: usize = 50_000;

/// JSON values of the two packages per extra witness validation.
const WITNESS_VALUES_PER_CHECK: usize = 20;

/// Most sub-walks nested in one another (`not` inside `oneOf` inside ...).
const MAX_NESTING: usize = 12;

/// Subschema pairs one containment probe ([`Walker::contained`]) may compare (out of the shared
/// budget).
const PROBE_TASKS: usize = 20_000;

/// The number of JSON values in `value` (objects, arrays and scalars).
fn value_count(value: &Value) -> usize {
    let mut n = 0;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        n += 1;
        match v {
            Value::Object(map) => stack.extend(map.values()),
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    n
}

/// Whether `value` contains a `$dynamicRef` or `$recursiveRef` anywhere.
fn has_dynamic_ref(value: &Value) -> bool {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if map.contains_key("$dynamicRef") || map.contains_key("$recursiveRef") {
                    return true;
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

/// One step of the instance path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// Object member `name`.
    Prop(String),
    /// Array item `index`.
    Index(usize),
    /// The name of some property of the object (the position `propertyNames` constrains); the
    /// instance path stays at the object.
    Name,
}

impl Token {
    /// The JSON Pointer token.
    #[cfg(test)]
    pub fn pointer(&self) -> String {
        match self {
            Token::Prop(name) => contracts_core::pointer::escape(name),
            Token::Index(i) => i.to_string(),
            Token::Name => String::new(),
        }
    }
}

/// A step of a task's route: the instance token (none for a step that stays on the same value,
/// e.g. into an `anyOf` branch) and the part locations of the node on each side after it.
#[derive(Debug)]
pub(crate) struct Route {
    /// The previous step; `None` at the walk's root.
    pub parent: Option<Rc<Route>>,
    /// The instance token of this step.
    pub token: Option<Token>,
    /// Part locations of the old node after this step.
    pub old: Vec<Location>,
    /// Part locations of the new node after this step.
    pub new: Vec<Location>,
    /// At the root: the subschema each side's witness is validated against.
    pub roots: Option<(Location, Location)>,
    /// Steps from the root.
    pub depth: usize,
    /// A step into a sub-walk (its subschemas do not all apply to the instance).
    pub detached: bool,
    /// The files of the walk's root documents (old, new).
    pub owner: Rc<(String, String)>,
}

impl Drop for Route {
    /// Unlink the parent chain iteratively: a route can be thousands of steps deep, and the
    /// default recursive drop would overflow the stack.
    fn drop(&mut self) {
        let mut next = self.parent.take();
        while let Some(rc) = next {
            match Rc::try_unwrap(rc) {
                Ok(mut route) => next = route.parent.take(),
                Err(_) => break,
            }
        }
    }
}

impl Route {
    /// The steps from the root to here, root first.
    pub fn steps(self: &Rc<Self>) -> Vec<Rc<Route>> {
        let mut out = Vec::new();
        let mut cur = Some(self.clone());
        while let Some(r) = cur {
            cur = r.parent.clone();
            out.push(r);
        }
        out.reverse();
        out
    }

    /// The walk roots (old, new).
    pub fn roots(self: &Rc<Self>) -> (Location, Location) {
        let mut cur = self.clone();
        loop {
            if let Some(roots) = &cur.roots {
                return roots.clone();
            }
            match cur.parent.clone() {
                Some(p) => cur = p,
                None => {
                    return (Location::new("", ""), Location::new("", ""));
                }
            }
        }
    }

    /// The instance path (JSON Pointer) of this position.
    #[cfg(test)]
    pub fn instance_path(self: &Rc<Self>) -> String {
        self.steps()
            .iter()
            .filter_map(|s| s.token.as_ref())
            .filter(|t| **t != Token::Name)
            .map(|t| format!("/{}", t.pointer()))
            .collect()
    }
}

/// A pair of nodes to compare.
pub(crate) struct Task<'a> {
    /// The old side.
    pub old: Node<'a>,
    /// The new side.
    pub new: Node<'a>,
    /// How the walk got here.
    pub route: Rc<Route>,
    /// How many sub-walks this task is nested in (see [`Walker::subwalk`]).
    pub nesting: usize,
    /// The types this comparison is restricted to (an alternative of a union compared for the
    /// types it shares with its partner); [`crate::util::T_ALL`] for a plain task.
    pub mask: u8,
    /// [`FLAG_ONE_OF_AS_ANY_OF`], ...
    pub flags: u8,
}

/// Compare the node's first `oneOf` as if it were an `anyOf` (inside the conservative
/// sub-walk of an overlapping `oneOf`).
pub(crate) const FLAG_ONE_OF_AS_ANY_OF: u8 = 1;
/// Compare `unevaluated*` and `$dynamicRef` by the approximate model (inside their
/// conservative sub-walk).
pub(crate) const FLAG_APPROXIMATE: u8 = 2;

/// What the witness search should try first for a finding.
#[derive(Debug, Clone)]
pub(crate) enum Hint {
    /// Nothing specific: search generically.
    None,
    /// Generate a value of the accepting side's node further constrained by the given schema
    /// (2020-12 JSON), for each listed side in turn.
    Extra(Vec<(WitnessSide, Value)>),
    /// Exactly this value at the finding's instance position, accepted by the given side.
    Value(WitnessSide, Value),
    /// The instance position's node accepts something on the given side, and the other side
    /// has no schema there at all (a removed or added document or definition).
    Whole(WitnessSide),
    /// A union branch of the given side (at the location) that no branch of the other side
    /// matches: generate values of that branch first (the union as a whole mostly generates
    /// values of its first branches, which the other side still has).
    Branch(WitnessSide, Location),
}

/// A finding plus what the witness search needs.
pub(crate) struct Pending {
    /// The finding (bump already set; witness and confidence filled in later).
    pub finding: Finding,
    /// The route of the task that emitted it.
    pub route: Option<Rc<Route>>,
    /// The witness hint.
    pub hint: Hint,
    /// Findings of an in-place sub-walk that this one sums up (`one-of-changed`: the changes
    /// inside an overlapping `oneOf`), each with a route into the union: when the finding's own
    /// search finds no witness, theirs are tried (a witness is checked against the whole roots,
    /// so any of them proves that the union changed).
    pub inner: Vec<Pending>,
}

/// A memo entry: both nodes' keys, the type mask, the flags, and `None` ("compared") or the
/// file of a document root that compared the pair in its own file. A pair is compared once,
/// except that a document's root also compares the pairs in its own file that another root
/// reached first: their findings then carry a route from that document's root, whose witnesses
/// are instances of the document that holds them.
type MemoKey = (Vec<Location>, Vec<Location>, u8, u8, Option<String>);

/// A containment probe's question: both nodes' keys, which side is inner, type mask, flags.
type ProbeKey = (Vec<Location>, Vec<Location>, bool, u8, u8);

/// The walk over two packages.
pub(crate) struct Walker<'a> {
    /// The old package.
    pub old: Side<'a>,
    /// The new package.
    pub new: Side<'a>,
    /// The options (the defaults; a schema's own mode and policy come from
    /// [`Walker::options_of`]).
    pub options: DiffOptions,
    /// Per-schema mode and policy, resolved before the walk (`None`: every schema uses
    /// `options`).
    schemas: Option<&'a crate::SchemaModes>,
    /// The policy a containment probe forces while it runs (set semantics: strict).
    forced_policy: Option<crate::Policy>,
    memo: HashSet<MemoKey>,
    stack: Vec<Task<'a>>,
    /// Findings so far.
    pub pending: Vec<Pending>,
    /// Findings that bypass the sub-walk that raised them (conservative fallbacks).
    pub escalated: Vec<Pending>,
    /// Work spent so far (subschema pairs compared, over every walk and probe).
    spent: usize,
    /// The work budget of the whole diff.
    limit: usize,
    /// A budget set by a test instead of the size-based one.
    fixed_limit: Option<usize>,
    /// The budget of the innermost running probe (a `spent` value), if any.
    probe_limit: Option<usize>,
    /// Whether the innermost running probe ran out of its budget.
    probe_out: bool,
    /// Whether the diff's budget ran out (the walk then stops).
    exhausted: bool,
    /// The `undecided` finding reported when the budget ran out.
    undecided: Option<Pending>,
    /// Which subschemas mean the same on both sides.
    same: crate::same::Same,
    /// Answers of containment probes already run.
    probes: HashMap<ProbeKey, bool>,
    /// Instance validations the witness search may still run.
    witness_left: std::cell::Cell<usize>,
}

impl<'a> Walker<'a> {
    /// A walker over `old` and `new`.
    pub fn new(old: Side<'a>, new: Side<'a>, options: DiffOptions) -> Self {
        Walker {
            old,
            new,
            options,
            schemas: None,
            forced_policy: None,
            memo: HashSet::new(),
            stack: Vec::new(),
            pending: Vec::new(),
            escalated: Vec::new(),
            spent: 0,
            limit: BUDGET_BASE,
            fixed_limit: None,
            probe_limit: None,
            probe_out: false,
            exhausted: false,
            undecided: None,
            same: crate::same::Same::default(),
            probes: HashMap::new(),
            witness_left: std::cell::Cell::new(WITNESS_BASE),
        }
    }

    /// Walk every schema with its own mode and policy from `schemas` (see
    /// [`crate::SchemaModes`]); without it each uses the walker's `options`.
    pub fn with_schemas(mut self, schemas: Option<&'a crate::SchemaModes>) -> Self {
        self.schemas = schemas;
        self
    }

    /// The mode and policy of schema `name` (the package document a finding is in): its entry in
    /// the per-schema table, else the walker's options; a running containment probe forces its
    /// policy over either.
    pub fn options_of(&self, name: &str) -> (crate::Mode, crate::Policy) {
        let (mode, policy) = self
            .schemas
            .map_or((self.options.mode, self.options.policy), |s| s.get(name));
        (mode, self.forced_policy.unwrap_or(policy))
    }

    /// The mode and policy that hold while comparing `task`'s pair: those of the schema its
    /// findings are attributed to (see [`Walker::options_of`]).
    pub fn options_at(&self, task: &Task<'a>) -> (crate::Mode, crate::Policy) {
        if self.schemas.is_none_or(crate::SchemaModes::is_uniform) {
            return self.options_of("");
        }
        let name = self.schema_name(Some(&task.old.loc()), Some(&task.new.loc()));
        self.options_of(&name)
    }

    /// Spend `n` of the witness search's validations; `false` when they are used up.
    pub fn charge_witness(&self, n: usize) -> bool {
        let left = self.witness_left.get();
        if left < n {
            self.witness_left.set(0);
            return false;
        }
        self.witness_left.set(left - n);
        true
    }

    /// Set the work budget from the size of the two packages (see [`BUDGET_BASE`]).
    fn size_budget(&mut self) {
        let values: usize = [self.old.pkg, self.new.pkg]
            .iter()
            .flat_map(|p| p.documents.values())
            .map(|d| value_count(&d.value))
            .sum();
        self.limit = self
            .fixed_limit
            .unwrap_or_else(|| BUDGET_BASE.saturating_add(values.saturating_mul(BUDGET_PER_VALUE)));
        self.witness_left
            .set(WITNESS_BASE.saturating_add(values / WITNESS_VALUES_PER_CHECK));
    }

    /// Override the work budget (tests of the exhausted budget).
    #[cfg(test)]
    pub fn set_budget(&mut self, limit: usize) {
        self.fixed_limit = Some(limit);
    }

    /// The `undecided` finding, if the budget ran out.
    pub fn take_undecided(&mut self) -> Option<Pending> {
        self.undecided.take()
    }

    /// Whether `old` (old side) and `new` (new side) are the same subschemas with the same
    /// meaning: comparing them finds nothing (see [`crate::same`]).
    pub fn identical(&self, old: &Node<'a>, new: &Node<'a>) -> bool {
        self.same.identical(&self.old, &self.new, old, new)
    }

    /// Whether `old` and `new` differ at most in the annotations at their top (see
    /// [`crate::same::Same::same_but_annotations`]): nothing under them needs a walk.
    pub fn same_but_annotations(&self, old: &Node<'a>, new: &Node<'a>) -> bool {
        self.same
            .same_but_annotations(&self.old, &self.new, old, new)
    }

    /// Start a walk at a pair of subschemas (a document root or a definition).
    pub fn push_root(&mut self, old: Node<'a>, new: Node<'a>) {
        // A document root owns the pairs in its own file (see [`MemoKey`]); a definition's walk
        // owns nothing, so a definition some root reached is not compared again.
        let at_doc_root =
            |side: &Side<'a>, l: &Location| side.doc_at(l).is_some_and(|d| d.pointer == l.pointer);
        let owner = if at_doc_root(&self.old, &old.anchor) && at_doc_root(&self.new, &new.anchor) {
            (old.anchor.file.clone(), new.anchor.file.clone())
        } else {
            (String::new(), String::new())
        };
        let route = Rc::new(Route {
            parent: None,
            token: None,
            old: old.key(),
            new: new.key(),
            roots: Some((old.anchor.clone(), new.anchor.clone())),
            depth: 0,
            detached: false,
            owner: Rc::new(owner),
        });
        self.push_task(old, new, route, 0, crate::util::T_ALL, 0);
    }

    /// Queue the comparison of `old` and `new`, one step (`token`) below `parent`.
    pub fn push(&mut self, old: Node<'a>, new: Node<'a>, parent: &Task<'a>, token: Option<Token>) {
        self.push_with(old, new, parent, token, crate::util::T_ALL, 0);
    }

    /// [`Walker::push`] restricted to the types `mask`, with `flags`.
    pub fn push_with(
        &mut self,
        old: Node<'a>,
        new: Node<'a>,
        parent: &Task<'a>,
        token: Option<Token>,
        mask: u8,
        flags: u8,
    ) {
        // Queueing a pair reads (and copies) every part of both nodes, even when the memo then
        // drops it: that work is charged too, and past the budget nothing more is queued (the
        // running task reports the stop, see [`Walker::run`]).
        self.spent += 1 + old.parts.len() + new.parts.len();
        if self.exhausted || self.spent > self.limit {
            return;
        }
        let route = Rc::new(Route {
            parent: Some(parent.route.clone()),
            token,
            old: old.key(),
            new: new.key(),
            roots: None,
            depth: parent.route.depth + 1,
            detached: false,
            owner: parent.route.owner.clone(),
        });
        self.push_task(old, new, route, parent.nesting, mask, flags);
    }

    /// A route one step (`token`) below `parent`'s, to the given nodes (for findings reported
    /// at a child position without queueing the child).
    pub fn child_route(
        &self,
        parent: &Task<'a>,
        token: Token,
        old: &Node<'a>,
        new: &Node<'a>,
    ) -> Rc<Route> {
        Rc::new(Route {
            parent: Some(parent.route.clone()),
            token: Some(token),
            old: old.key(),
            new: new.key(),
            roots: None,
            depth: parent.route.depth + 1,
            detached: false,
            owner: parent.route.owner.clone(),
        })
    }

    fn push_task(
        &mut self,
        old: Node<'a>,
        new: Node<'a>,
        route: Rc<Route>,
        nesting: usize,
        mask: u8,
        flags: u8,
    ) {
        if self.identical(&old, &new) {
            return;
        }
        let in_owner = (!route.owner.1.is_empty() && new.loc().file == route.owner.1)
            || (!route.owner.0.is_empty() && old.loc().file == route.owner.0);
        // A pair is compared once, except that a document root also compares the pairs in its
        // own file that another root reached first (see [`MemoKey`]).
        let key = (route.old.clone(), route.new.clone(), mask, flags, None);
        let fresh = self.memo.insert(key);
        let fresh = if in_owner {
            let owned = (
                route.old.clone(),
                route.new.clone(),
                mask,
                flags,
                Some(route.owner.1.clone()),
            );
            self.memo.insert(owned)
        } else {
            fresh
        };
        if !fresh {
            return;
        }
        self.stack.push(Task {
            old,
            new,
            route,
            nesting,
            mask,
            flags,
        });
    }

    /// Walk `old` against `new` on its own (fresh memo, own findings) one step (`token`) below
    /// `parent`, and return its findings instead of recording them: for keywords whose effect
    /// on the whole is not the effect inside (`not`, `oneOf`, `if`, ...). Nesting deeper than
    /// [`MAX_NESTING`] is not walked: the two subschemas are then compared as JSON and any
    /// difference comes back as one `keyword-changed` finding.
    ///
    /// # Errors
    /// A `$ref` that cannot be resolved.
    pub fn subwalk(
        &mut self,
        old: Node<'a>,
        new: Node<'a>,
        parent: &Task<'a>,
        token: Option<Token>,
    ) -> Result<Vec<Pending>, LoadError> {
        self.subwalk_with(old, new, parent, token, crate::util::T_ALL, 0)
    }

    /// [`Walker::subwalk`] with a type mask and flags for the first task.
    pub fn subwalk_with(
        &mut self,
        old: Node<'a>,
        new: Node<'a>,
        parent: &Task<'a>,
        token: Option<Token>,
        mask: u8,
        flags: u8,
    ) -> Result<Vec<Pending>, LoadError> {
        self.subwalk_route(old, new, parent, token, mask, flags, true)
    }

    /// [`Walker::subwalk_with`] for a sub-walk whose positions are the instance's own (a union
    /// compared as a set of alternatives in place): its findings' routes stay usable for
    /// witnesses, which are checked against the whole roots anyway.
    pub fn subwalk_in_place(
        &mut self,
        old: Node<'a>,
        new: Node<'a>,
        parent: &Task<'a>,
        mask: u8,
        flags: u8,
    ) -> Result<Vec<Pending>, LoadError> {
        self.subwalk_route(old, new, parent, None, mask, flags, false)
    }

    #[allow(clippy::too_many_arguments)]
    fn subwalk_route(
        &mut self,
        old: Node<'a>,
        new: Node<'a>,
        parent: &Task<'a>,
        token: Option<Token>,
        mask: u8,
        flags: u8,
        detached: bool,
    ) -> Result<Vec<Pending>, LoadError> {
        let route = Rc::new(Route {
            parent: Some(parent.route.clone()),
            token,
            old: old.key(),
            new: new.key(),
            roots: None,
            depth: parent.route.depth + 1,
            detached,
            owner: parent.route.owner.clone(),
        });
        if parent.nesting >= MAX_NESTING {
            let same = old.parts.len() == new.parts.len()
                && old
                    .parts
                    .iter()
                    .zip(&new.parts)
                    .all(|(a, b)| crate::util::json_eq(a.value, b.value));
            if same {
                return Ok(Vec::new());
            }
            // Reported at the top level, whatever the enclosing sub-walks make of their
            // findings: a Changed verdict is sound whatever the nesting meant.
            let saved = std::mem::take(&mut self.pending);
            self.emit_at(
                &rules::keyword_changed::RULE,
                Some(old.loc()),
                Some(new.loc()),
                &[
                    ("what", &"the subschemas differ"),
                    ("reason", &"they are nested too deeply to compare in detail"),
                ],
                Hint::None,
                Some(route),
            );
            let escalated = std::mem::replace(&mut self.pending, saved);
            self.escalated.extend(escalated);
            return Ok(Vec::new());
        }
        let saved_stack = std::mem::take(&mut self.stack);
        let saved_pending = std::mem::take(&mut self.pending);
        let saved_memo = std::mem::take(&mut self.memo);
        self.push_task(old, new, route, parent.nesting + 1, mask, flags);
        let result = self.run();
        let found = std::mem::replace(&mut self.pending, saved_pending);
        self.stack = saved_stack;
        self.memo = saved_memo;
        result?;
        Ok(found)
    }

    /// Whether every value `inner` accepts, `outer` accepts, as far as a walk of the two can
    /// tell (it is sound where the walk is: a change it does not report does not exist).
    /// `inner_is_new` says which side each node is on; the walk goes old → new either way,
    /// and containment holds when it finds no change in the wrong direction: nothing
    /// widened or changed when the new `inner` must fit in the old `outer`, nothing narrowed or
    /// changed when the old `inner` must fit in the new `outer`.
    ///
    /// A probe: it walks under the strict policy (set semantics), its findings are dropped, it
    /// has a work budget of its own ([`PROBE_TASKS`]), and running out of it, or nesting too
    /// deep to compare, answers `false`.
    pub fn contained(
        &mut self,
        inner: &Node<'a>,
        outer: &Node<'a>,
        inner_is_new: bool,
        parent: &Task<'a>,
        mask: u8,
    ) -> bool {
        let (old, new) = if inner_is_new {
            (outer.clone(), inner.clone())
        } else {
            (inner.clone(), outer.clone())
        };
        if self.identical(&old, &new) {
            return true;
        }
        if self.exhausted {
            return false;
        }
        let key = (old.key(), new.key(), inner_is_new, mask, parent.flags);
        if let Some(&answer) = self.probes.get(&key) {
            return answer;
        }
        let (probe_limit, probe_out, escalated) =
            (self.probe_limit, self.probe_out, self.escalated.len());
        // Set semantics: under the lenient policy, property rules judge API surface instead.
        let forced = self.forced_policy.replace(crate::Policy::Strict);
        let mine = self.spent.saturating_add(PROBE_TASKS);
        self.probe_limit = Some(probe_limit.map_or(mine, |outer| outer.min(mine)));
        self.probe_out = false;
        let found = self.subwalk_with(old, new, parent, None, mask, parent.flags);
        let ran_out = self.probe_out || self.exhausted || self.escalated.len() > escalated;
        // An inner probe that ran out answered "not contained", which is conservative for the
        // enclosing one; the enclosing probe's own limit is checked at its next task.
        self.probe_limit = probe_limit;
        self.probe_out = probe_out;
        self.escalated.truncate(escalated);
        self.forced_policy = forced;
        let answer = match found {
            Ok(found) => {
                !ran_out
                    && found.iter().all(|p| match p.finding.effect {
                        crate::Effect::Annotation => true,
                        crate::Effect::Narrowed => inner_is_new,
                        crate::Effect::Widened => !inner_is_new,
                        crate::Effect::Changed => false,
                    })
            }
            Err(_) => false,
        };
        // An answer cut short by a budget is not kept: the same question elsewhere, with more
        // budget left, may be answered.
        if !ran_out {
            self.probes.insert(key, answer);
        }
        answer
    }

    /// Run queued tasks until none are left.
    ///
    /// # Errors
    /// A `$ref` that cannot be resolved.
    pub fn run(&mut self) -> Result<(), LoadError> {
        while let Some(task) = self.stack.pop() {
            if self.exhausted || self.probe_out {
                continue;
            }
            if self.probe_limit.is_some_and(|l| self.spent >= l) {
                // The probe answers "not contained"; the walk goes on.
                self.probe_out = true;
                continue;
            }
            // A pair costs more the more parts its nodes have (each part is read per keyword
            // family, and each alternative of a union copies them).
            self.spent += 1 + task.old.parts.len() + task.new.parts.len();
            if self.spent > self.limit {
                self.exhaust(&task);
                continue;
            }
            crate::compare::pair(self, &task)?;
            if self.spent > self.limit && !self.exhausted {
                // The task's own queueing went past the budget: the walk stops here.
                self.exhaust(&task);
            }
        }
        Ok(())
    }

    /// Stop the walk at `task`: the budget ran out; record the `undecided` finding.
    fn exhaust(&mut self, task: &Task<'a>) {
        self.exhausted = true;
        let saved = std::mem::take(&mut self.pending);
        let limit = self.limit;
        self.emit(
            &rules::undecided::RULE,
            Some(task.old.loc()),
            Some(task.new.loc()),
            &[("limit", &limit)],
            Hint::None,
            task,
        );
        self.undecided = self.pending.pop();
        self.pending = saved;
    }

    /// Record a finding of `rule` for `task`, its message the rule's template filled from
    /// `args` ([`Rule::render`]).
    pub fn emit(
        &mut self,
        rule: &'static Rule,
        old: Option<Location>,
        new: Option<Location>,
        args: &[Arg<'_>],
        hint: Hint,
        task: &Task<'a>,
    ) {
        self.emit_at(rule, old, new, args, hint, Some(task.route.clone()));
    }

    /// Record a finding with an explicit route (`None` for package-level findings).
    pub fn emit_at(
        &mut self,
        rule: &'static Rule,
        old: Option<Location>,
        new: Option<Location>,
        args: &[Arg<'_>],
        hint: Hint,
        route: Option<Rc<Route>>,
    ) {
        let message = rule.render(args);
        // The one place a finding's bump is decided: its rule under its schema's own mode and
        // policy (nothing after the walk changes it but `contracts.toml` severities).
        let schema = self.schema_name(old.as_ref(), new.as_ref());
        let (mode, policy) = self.options_of(&schema);
        let bump = rule.bump(mode, policy);
        let confidence = if rule.effect == crate::Effect::Annotation {
            Confidence::Proved
        } else {
            Confidence::Heuristic
        };
        self.pending.push(Pending {
            finding: Finding {
                rule: rule.id.to_string(),
                bump,
                effect: rule.effect,
                message,
                schema,
                old,
                new,
                witness: None,
                confidence,
            },
            route,
            hint,
            inner: Vec::new(),
        });
    }

    fn schema_name(&self, old: Option<&Location>, new: Option<&Location>) -> String {
        if let Some(doc) = new.and_then(|l| self.new.doc_at(l)) {
            return doc.name.clone();
        }
        if let Some(doc) = old.and_then(|l| self.old.doc_at(l)) {
            return doc.name.clone();
        }
        new.or(old).map(|l| l.file.clone()).unwrap_or_default()
    }

    /// Walk the whole packages: pair documents, report unpaired ones, walk each pair's roots and
    /// definitions.
    ///
    /// # Errors
    /// A `$ref` that cannot be resolved.
    pub fn walk_packages(&mut self) -> Result<(), LoadError> {
        let old_pkg = self.old.pkg;
        let new_pkg = self.new.pkg;
        let mut pairs: Vec<(&'a SchemaDocument, &'a SchemaDocument)> = Vec::new();
        let mut new_used: HashSet<&str> = HashSet::new();
        let mut old_left: Vec<&'a SchemaDocument> = Vec::new();
        for (name, doc) in &old_pkg.documents {
            match new_pkg.documents.get(name) {
                Some(n) => {
                    pairs.push((doc, n));
                    new_used.insert(name.as_str());
                }
                None => old_left.push(doc),
            }
        }
        let mut removed = Vec::new();
        for doc in old_left {
            let by_id = doc.id().and_then(|id| {
                new_pkg.documents.values().find(|n| {
                    !new_used.contains(n.name.as_str())
                        && !old_pkg.documents.contains_key(&n.name)
                        && n.id() == Some(id)
                })
            });
            match by_id {
                Some(n) => {
                    new_used.insert(n.name.as_str());
                    pairs.push((doc, n));
                }
                None => removed.push(doc),
            }
        }
        for doc in removed {
            let node = self.old.root(doc)?;
            let route = Rc::new(Route {
                parent: None,
                token: None,
                old: node.key(),
                new: Vec::new(),
                roots: Some((doc.location(), Location::new("", ""))),
                depth: 0,
                detached: false,
                owner: Rc::new((doc.file.clone(), String::new())),
            });
            self.emit_at(
                &rules::schema_removed::RULE,
                Some(doc.location()),
                None,
                &[("schema", &doc.name), ("file", &doc.file)],
                Hint::Whole(WitnessSide::Old),
                Some(route),
            );
        }
        for doc in new_pkg.documents.values() {
            if new_used.contains(doc.name.as_str()) {
                continue;
            }
            let node = self.new.root(doc)?;
            let route = Rc::new(Route {
                parent: None,
                token: None,
                old: Vec::new(),
                new: node.key(),
                roots: Some((Location::new("", ""), doc.location())),
                depth: 0,
                detached: false,
                owner: Rc::new((String::new(), doc.file.clone())),
            });
            self.emit_at(
                &rules::schema_added::RULE,
                None,
                Some(doc.location()),
                &[("schema", &doc.name), ("file", &doc.file)],
                Hint::Whole(WitnessSide::New),
                Some(route),
            );
        }
        for (o, n) in &pairs {
            if (has_dynamic_ref(&o.value) || has_dynamic_ref(&n.value))
                && !crate::util::json_eq(&o.value, &n.value)
            {
                let on = self.old.root(o)?;
                let nn = self.new.root(n)?;
                let route = Rc::new(Route {
                    parent: None,
                    token: None,
                    old: on.key(),
                    new: nn.key(),
                    roots: Some((o.location(), n.location())),
                    depth: 0,
                    detached: false,
                    owner: Rc::new((o.file.clone(), n.file.clone())),
                });
                self.emit_at(
                    &rules::dynamic_reference_changed::RULE,
                    Some(o.location()),
                    Some(n.location()),
                    &[("schema", &n.name)],
                    Hint::None,
                    Some(route),
                );
            }
        }
        // Definitions first, so that the roots (pushed last, popped first) reach shared
        // definitions through real instance paths before the definitions' own tasks run.
        for (o, n) in &pairs {
            self.pair_definitions(o, n)?;
        }
        for (o, n) in pairs.iter().rev() {
            let on = self.old.root(o)?;
            let nn = self.new.root(n)?;
            self.push_root(on, nn);
        }
        self.size_budget();
        self.run()
    }

    fn pair_definitions(
        &mut self,
        o: &'a SchemaDocument,
        n: &'a SchemaDocument,
    ) -> Result<(), LoadError> {
        for container in ["$defs", "definitions"] {
            let od = o.value.get(container).and_then(Value::as_object);
            let nd = n.value.get(container).and_then(Value::as_object);
            if od.is_none() && nd.is_none() {
                continue;
            }
            let od: Vec<(&'a String, &'a Value)> = od.into_iter().flatten().collect();
            let nd: Vec<(&'a String, &'a Value)> = nd.into_iter().flatten().collect();
            let obase = o.location().join(container);
            let nbase = n.location().join(container);
            for &(name, ov) in &od {
                let oloc = obase.join(name);
                match nd.iter().find(|(m, _)| *m == name) {
                    Some(&(_, nv)) => {
                        let on = self.old.node(oloc, ov, o.draft)?;
                        let nn = self.new.node(nbase.join(name), nv, n.draft)?;
                        self.push_root(on, nn);
                    }
                    None => {
                        // No witness: a definition is not an instance position of the
                        // document root; its removal breaks referrers, not instances.
                        self.emit_at(
                            &rules::definition_removed::RULE,
                            Some(oloc),
                            None,
                            &[("name", &name), ("schema", &o.name)],
                            Hint::None,
                            None,
                        );
                    }
                }
            }
            for &(name, _) in &nd {
                if od.iter().any(|(m, _)| *m == name) {
                    continue;
                }
                let nloc = nbase.join(name);
                self.emit_at(
                    &rules::definition_added::RULE,
                    None,
                    Some(nloc),
                    &[("name", &name), ("schema", &n.name)],
                    Hint::None,
                    None,
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::package;
    use serde_json::json;

    fn walk(old: Value, new: Value) -> Vec<(String, String)> {
        let (o, n) = (package(&[("a", old)]), package(&[("a", new)]));
        let mut w = Walker::new(
            Side::new(&o, false).expect("resolver"),
            Side::new(&n, false).expect("resolver"),
            DiffOptions::default(),
        );
        w.walk_packages().expect("walks");
        w.pending
            .iter()
            .map(|p| {
                let path = p
                    .route
                    .as_ref()
                    .map(|r| r.instance_path())
                    .unwrap_or_default();
                (p.finding.rule.clone(), path)
            })
            .collect()
    }

    #[test]
    fn routes_track_the_instance_path_through_refs_items_and_escapes() {
        let old = json!({
            "$defs": {"item": {"type": "object", "properties": {"a/b": {"type": "integer", "maximum": 9}}}},
            "type": "object",
            "properties": {"list": {"type": "array", "items": {"$ref": "#/$defs/item"}}}
        });
        let mut new = old.clone();
        new["$defs"]["item"]["properties"]["a/b"]["maximum"] = json!(5);
        let found = walk(old, new);
        assert!(
            found.contains(&("maximum-tightened".to_string(), "/list/0/a~1b".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn an_exhausted_budget_stops_the_walk_with_one_undecided_finding() {
        let old = json!({"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}}});
        let new = json!({"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}, "c": {"type": "integer"}}});
        let (o, n) = (package(&[("a", old)]), package(&[("a", new)]));
        let mut w = Walker::new(
            Side::new(&o, false).expect("resolver"),
            Side::new(&n, false).expect("resolver"),
            DiffOptions::default(),
        );
        w.set_budget(3);
        w.walk_packages().expect("walks");
        let undecided = w.take_undecided().expect("the budget ran out");
        assert_eq!(undecided.finding.rule, "undecided");
        assert_eq!(undecided.finding.bump, crate::Bump::Major);
        assert!(w.pending.len() < 3, "the walk stopped early");
        // With the normal budget the same pair is decided.
        let mut w = Walker::new(
            Side::new(&o, false).expect("resolver"),
            Side::new(&n, false).expect("resolver"),
            DiffOptions::default(),
        );
        w.walk_packages().expect("walks");
        assert!(w.take_undecided().is_none());
        assert_eq!(w.pending.len(), 3);
    }

    #[test]
    fn queueing_is_charged_to_the_budget() {
        // Forty properties, all identical but one: the root queues forty pairs, of which only
        // one is ever compared. Queueing reads both nodes, so it is charged: a budget of 30 runs
        // out while the root queues, and the walk stops there with one `undecided` finding.
        let props = |last: &str| {
            let mut m = serde_json::Map::new();
            for i in 0..40 {
                m.insert(format!("p{i}"), json!({"type": "string"}));
            }
            m.insert("z".into(), json!({"type": last}));
            json!({"type": "object", "properties": m})
        };
        let (o, n) = (
            package(&[("a", props("string"))]),
            package(&[("a", props("integer"))]),
        );
        let mut w = Walker::new(
            Side::new(&o, false).expect("resolver"),
            Side::new(&n, false).expect("resolver"),
            DiffOptions::default(),
        );
        w.set_budget(30);
        w.walk_packages().expect("walks");
        let undecided = w.take_undecided().expect("queueing ran out of the budget");
        assert_eq!(undecided.finding.rule, "undecided");
        assert_eq!(
            undecided.finding.old.as_ref().map(|l| l.pointer.as_str()),
            Some("")
        );
    }

    #[test]
    fn recursive_schemas_terminate_and_report_once() {
        let old = json!({
            "$defs": {"node": {"type": "object", "properties": {"value": {"type": "integer"}, "next": {"$ref": "#/$defs/node"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
            "$ref": "#/$defs/node"
        });
        let mut new = old.clone();
        new["$defs"]["node"]["properties"]["value"]["minimum"] = json!(0);
        let found = walk(old, new);
        let hits: Vec<_> = found.iter().filter(|(r, _)| r == "minimum-added").collect();
        assert_eq!(hits.len(), 1, "{found:?}");
        assert_eq!(hits[0].1, "/value");
        assert_eq!(Token::Index(3).pointer(), "3");
    }
}

#[cfg(test)]
mod deep_tests {
    use super::*;
    use crate::testkit::package;
    use serde_json::{json, Map};

    fn chain(depth: usize, leaf: Value) -> Value {
        let mut value = leaf;
        for _ in 0..depth {
            let mut properties = Map::new();
            properties.insert("p".into(), value);
            let mut wrapper = Map::new();
            wrapper.insert("type".into(), json!("object"));
            wrapper.insert("properties".into(), Value::Object(properties));
            value = Value::Object(wrapper);
        }
        value
    }

    #[test]
    fn a_deep_chain_is_walked_on_a_small_stack() {
        // Building, printing and dropping the deep values recurses: do that on a big stack,
        // and the diff on a small one.
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(|| {
                let old = package(&[("chain", chain(3_000, json!({"type": "string"})))]);
                let new = package(&[("chain", chain(3_000, json!({"type": "integer"})))]);
                let report = std::thread::scope(|s| {
                    std::thread::Builder::new()
                        .stack_size(256 << 10)
                        .spawn_scoped(s, || {
                            crate::diff(&old, &new, &DiffOptions::default()).expect("diff runs")
                        })
                        .expect("a small thread starts")
                        .join()
                        .expect("the diff returns on a 256 KiB stack")
                });
                let f = report
                    .findings
                    .iter()
                    .find(|f| f.rule == "type-changed")
                    .expect("found");
                assert_eq!(
                    f.new.as_ref().map(|l| l.pointer.len()),
                    Some("/properties/p".len() * 3_000 + "/type".len())
                );
            })
            .expect("a big thread starts")
            .join()
            .expect("the test body");
    }
}
