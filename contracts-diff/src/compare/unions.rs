//! `anyOf`/`oneOf` (Core 2020-12 §10.2.1.2-3): unions compared as sets of alternatives.
//!
//! A node `base ∧ anyOf[B1..Bn]` is the union of the alternatives `base ∧ Bi`; a node without a
//! union is one alternative. Alternatives are compared per JSON type: for each type, the old
//! alternatives admitting it are paired with the new ones admitting it (best match, not index:
//! same `$ref` target or same text first, then a score over discriminating `const`/`enum`
//! properties, property names and types), and each pair is walked restricted to the types it
//! was paired for. A type no new alternative admits is `type-narrowed`; a type only new ones
//! admit is `type-widened`; an alternative without a compatible partner is
//! `union-branch-removed`/`union-branch-added`. So `{"anyOf": [{"type": "string"}, {"type":
//! "integer"}]}` equals `{"type": ["string", "integer"]}`, reordering branches is no change, and
//! a schema replaced by a `oneOf` that contains it widens.
//!
//! `oneOf` is an `anyOf` when its alternatives are provably pairwise disjoint (disjoint types,
//! or a property both require with disjoint `const`/`enum` values). Otherwise a value can match
//! several branches, a change can move values in or out either way, and any change found is
//! reported once as `one-of-changed` (Changed); the same branches moving between `anyOf` and
//! `oneOf` is `union-became-exclusive` / `union-became-inclusive`.

use std::collections::{HashMap, HashSet};

use contracts_core::{Draft, LoadError, Location};
use serde_json::Value;

use crate::compare::types::type_extra;
use crate::facets::Facets;
use crate::model::{Node, Side};
use crate::rules::{self, Rule};
use crate::util::{
    json_eq, type_names, T_ARRAY, T_BOOL, T_FRACTION, T_INTEGER, T_NULL, T_OBJECT, T_STRING,
};
use crate::walk::{Hint, Task, Walker, FLAG_ONE_OF_AS_ANY_OF};
use crate::{Effect, WitnessSide};

/// Changes inside an overlapping `oneOf` whose routes a `one-of-changed` witness search tries.
const MAX_INNER_WITNESS_ROUTES: usize = 8;

/// Alternatives beyond this count are not checked for disjointness (assumed overlapping).
const MAX_DISJOINT_CHECK: usize = 24;

/// One union keyword of a node.
pub(crate) struct Group<'a> {
    /// `anyOf` or `oneOf`.
    kw: &'static str,
    /// Location of the keyword.
    loc: Location,
    /// The branches.
    branches: Vec<(Location, &'a Value, Draft)>,
}

/// One alternative: the node with one branch, and the branch alone.
struct Alt<'a> {
    node: Node<'a>,
    branch: Option<Node<'a>>,
    loc: Location,
}

/// The first union of `node` not yet distributed.
pub(crate) fn first_group<'a>(node: &Node<'a>) -> Option<Group<'a>> {
    for p in &node.parts {
        for kw in ["anyOf", "oneOf"] {
            let Some(Value::Array(items)) = p.get(kw) else {
                continue;
            };
            let loc = p.at(kw);
            if node.is_consumed(&loc) {
                continue;
            }
            let branches = items
                .iter()
                .enumerate()
                .map(|(i, b)| (loc.join(&i.to_string()), b, p.draft))
                .collect();
            return Some(Group { kw, loc, branches });
        }
    }
    None
}

fn alternatives<'a>(
    side: &Side<'a>,
    node: &Node<'a>,
    group: Option<&Group<'a>>,
) -> Result<Vec<Alt<'a>>, LoadError> {
    let Some(g) = group else {
        return Ok(vec![Alt {
            node: node.clone(),
            branch: None,
            loc: node.loc(),
        }]);
    };
    let mut out = Vec::new();
    for b in &g.branches {
        let mut alt = side.extend(node, vec![b.clone()])?;
        alt.consumed.push(g.loc.clone());
        let branch = side.node(b.0.clone(), b.1, b.2)?;
        out.push(Alt {
            node: alt,
            branch: Some(branch),
            loc: b.0.clone(),
        });
    }
    Ok(out)
}

/// What a branch looks like, for matching.
struct Sig<'a> {
    targets: HashSet<Location>,
    raw: Option<&'a Value>,
    props: Vec<String>,
    discriminators: Vec<(String, Vec<&'a Value>)>,
    types: u8,
}

fn sig<'a>(alt: &Alt<'a>) -> Sig<'a> {
    let node = alt.branch.as_ref().unwrap_or(&alt.node);
    let targets = node
        .parts
        .iter()
        .filter(|p| p.loc != alt.loc)
        .map(|p| p.loc.clone())
        .collect();
    let raw = alt
        .branch
        .as_ref()
        .and_then(|b| b.parts.first())
        .map(|p| p.value);
    let mut discriminators = Vec::new();
    for (_, props) in node.all("properties") {
        let Some(map) = props.as_object() else {
            continue;
        };
        for (name, s) in map {
            if let Some(c) = s.get("const") {
                discriminators.push((name.clone(), vec![c]));
            } else if let Some(Value::Array(vals)) = s.get("enum") {
                discriminators.push((name.clone(), vals.iter().collect()));
            }
        }
    }
    Sig {
        targets,
        raw,
        props: node.property_names(),
        discriminators,
        types: Facets::of(node).types,
    }
}

/// A score for pairing `a` with `b`; below [`CONFLICT`] they cannot be the same branch.
fn score(a: &Sig<'_>, b: &Sig<'_>) -> i64 {
    let mut s = 0i64;
    if let (Some(x), Some(y)) = (a.raw, b.raw) {
        if json_eq(x, y) {
            s += 100_000;
        }
    }
    if a.targets.iter().any(|l| b.targets.contains(l)) {
        s += 50_000;
    }
    for (name, vals) in &a.discriminators {
        if let Some((_, other)) = b.discriminators.iter().find(|(n, _)| n == name) {
            if vals.iter().any(|v| other.iter().any(|w| json_eq(v, w))) {
                s += 1_000;
            } else {
                return CONFLICT - 1;
            }
        }
    }
    let shared = a.props.iter().filter(|p| b.props.contains(p)).count() as i64;
    let differing = (a.props.len() + b.props.len()) as i64 - 2 * shared;
    s += 10 * shared - 3 * differing;
    if a.types == b.types {
        s += 50;
    } else if a.types & b.types != 0 {
        s += 10;
    } else {
        return CONFLICT - 1;
    }
    s
}

/// Scores below this mean "not the same branch".
const CONFLICT: i64 = -100_000;

/// Pair `olds` with `news` (indices into the alternatives): exact matches first, then the best
/// compatible score, both ways. Returns the pairs and the unpaired of each side.
fn pair_up(
    osig: &[Sig<'_>],
    nsig: &[Sig<'_>],
    olds: &[usize],
    news: &[usize],
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    if olds.len() == 1 && news.len() == 1 {
        return (vec![(olds[0], news[0])], Vec::new(), Vec::new());
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut o_done: HashSet<usize> = HashSet::new();
    let mut n_done: HashSet<usize> = HashSet::new();
    // Exact: a shared reference target, or equal text.
    let mut by_target: HashMap<&Location, usize> = HashMap::new();
    for &j in news {
        for l in &nsig[j].targets {
            by_target.entry(l).or_insert(j);
        }
    }
    for &i in olds {
        let hit = osig[i]
            .targets
            .iter()
            .find_map(|l| by_target.get(l).copied());
        let hit = hit.filter(|j| !n_done.contains(j)).or_else(|| {
            news.iter().copied().find(|j| {
                !n_done.contains(j)
                    && matches!((osig[i].raw, nsig[*j].raw), (Some(x), Some(y)) if json_eq(x, y))
            })
        });
        if let Some(j) = hit {
            pairs.push((i, j));
            o_done.insert(i);
            n_done.insert(j);
        }
    }
    // Greedy by score among the rest (bounded work: the rest is usually small).
    let rest_o: Vec<usize> = olds
        .iter()
        .copied()
        .filter(|i| !o_done.contains(i))
        .collect();
    let rest_n: Vec<usize> = news
        .iter()
        .copied()
        .filter(|j| !n_done.contains(j))
        .collect();
    let mut scored: Vec<(i64, usize, usize)> = Vec::new();
    if rest_o.len() * rest_n.len() <= 4096 {
        for &i in &rest_o {
            for &j in &rest_n {
                let s = score(&osig[i], &nsig[j]) - (i as i64 - j as i64).abs();
                if s > CONFLICT {
                    scored.push((s, i, j));
                }
            }
        }
    }
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    for &(_, i, j) in &scored {
        if !o_done.contains(&i) && !n_done.contains(&j) {
            pairs.push((i, j));
            o_done.insert(i);
            n_done.insert(j);
        }
    }
    // Leftovers with a compatible partner are compared with their best one (a split or a
    // merge of branches); the others have none.
    let mut lone_o = Vec::new();
    for &i in &rest_o {
        if o_done.contains(&i) {
            continue;
        }
        match scored.iter().find(|(_, a, _)| *a == i) {
            Some(&(_, _, j)) => pairs.push((i, j)),
            None => lone_o.push(i),
        }
    }
    let mut lone_n = Vec::new();
    for &j in &rest_n {
        if n_done.contains(&j) {
            continue;
        }
        match scored.iter().find(|(_, _, b)| *b == j) {
            Some(&(_, i, _)) => pairs.push((i, j)),
            None => lone_n.push(j),
        }
    }
    (pairs, lone_o, lone_n)
}

/// Whether the alternatives are provably pairwise disjoint.
fn disjoint<'a>(side: &Side<'a>, alts: &[Alt<'a>]) -> bool {
    if alts.len() <= 1 {
        return true;
    }
    if alts.len() > MAX_DISJOINT_CHECK {
        return false;
    }
    let facets: Vec<Facets<'a>> = alts.iter().map(|a| Facets::of(&a.node)).collect();
    for i in 0..alts.len() {
        for j in i + 1..alts.len() {
            let (a, b) = (&facets[i], &facets[j]);
            if a.types & b.types == 0
                || alts[i].node.never().is_some()
                || alts[j].node.never().is_some()
                || ranges_apart(a, b)
            {
                continue;
            }
            let mut separated = false;
            for (name, _) in &a.required {
                if !b.required.iter().any(|(n, _)| n == name) {
                    continue;
                }
                let (Ok(ca), Ok(cb)) = (
                    side.child_prop(&alts[i].node, name),
                    side.child_prop(&alts[j].node, name),
                ) else {
                    continue;
                };
                let (fa, fb) = (Facets::of(&ca), Facets::of(&cb));
                let apart = match (&fa.values, &fb.values) {
                    (Some(x), Some(y)) => !x
                        .items
                        .iter()
                        .any(|(v, _)| y.items.iter().any(|(w, _)| json_eq(v, w))),
                    _ => fa.types & fb.types == 0,
                };
                if apart {
                    separated = true;
                    break;
                }
            }
            if !separated {
                return false;
            }
        }
    }
    true
}

/// Whether two constraint sets cannot share a value for any type both admit: numbers in
/// disjoint ranges, strings of disjoint lengths, arrays of disjoint sizes, objects of disjoint
/// sizes, or disjoint enumerated values.
fn ranges_apart(a: &Facets<'_>, b: &Facets<'_>) -> bool {
    use crate::util::{T_ARRAY, T_NUMBER, T_OBJECT, T_STRING};
    if let (Some(x), Some(y)) = (&a.values, &b.values) {
        if !x
            .items
            .iter()
            .any(|(v, _)| y.items.iter().any(|(w, _)| json_eq(v, w)))
        {
            return true;
        }
    }
    let common = a.types & b.types;
    let counts_apart = |amin: &Option<crate::facets::Count>,
                        amax: &Option<crate::facets::Count>,
                        bmin: &Option<crate::facets::Count>,
                        bmax: &Option<crate::facets::Count>| {
        let (alo, ahi) = (
            amin.as_ref().map_or(0, |c| c.value),
            amax.as_ref().map_or(u64::MAX, |c| c.value),
        );
        let (blo, bhi) = (
            bmin.as_ref().map_or(0, |c| c.value),
            bmax.as_ref().map_or(u64::MAX, |c| c.value),
        );
        ahi < blo || bhi < alo
    };
    let numbers_apart = || {
        let below =
            |hi: &Option<crate::facets::Bound>, lo: &Option<crate::facets::Bound>| match (hi, lo) {
                (Some(h), Some(l)) => match crate::util::num_cmp(&h.value, &l.value) {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Equal => h.exclusive || l.exclusive,
                    std::cmp::Ordering::Greater => false,
                },
                _ => false,
            };
        below(&a.upper, &b.lower) || below(&b.upper, &a.lower)
    };
    let apart_on = |t: u8| match t {
        T_STRING => counts_apart(&a.min_length, &a.max_length, &b.min_length, &b.max_length),
        T_ARRAY => counts_apart(&a.min_items, &a.max_items, &b.min_items, &b.max_items),
        T_OBJECT => counts_apart(
            &a.min_properties,
            &a.max_properties,
            &b.min_properties,
            &b.max_properties,
        ),
        _ => false,
    };
    if common == 0 {
        return true;
    }
    let mut all = true;
    for t in [T_STRING, T_ARRAY, T_OBJECT] {
        if common & t != 0 && !apart_on(t) {
            all = false;
        }
    }
    if common & T_NUMBER != 0 && !numbers_apart() {
        all = false;
    }
    if common & (crate::util::T_NULL | crate::util::T_BOOL) != 0 {
        all = false;
    }
    all
}

/// Whether two groups hold the same branches, in any order, with no reference inside (so the
/// branches' meaning is their text).
fn same_branches(a: &Group<'_>, b: &Group<'_>) -> bool {
    use crate::util::has_ref;
    if a.branches.len() != b.branches.len()
        || a.branches
            .iter()
            .chain(&b.branches)
            .any(|(_, x, _)| has_ref(x))
    {
        return false;
    }
    // The same multiset of branches: match each old branch to a distinct new one.
    let mut unused: Vec<&Value> = b.branches.iter().map(|(_, y, _)| *y).collect();
    for (_, x, _) in &a.branches {
        match unused.iter().position(|y| json_eq(x, y)) {
            Some(i) => {
                unused.swap_remove(i);
            }
            None => return false,
        }
    }
    true
}

/// Distribute the first union of either node of `t` into alternatives and compare them.
/// Returns `false` when neither node has a union left (the caller compares the nodes as they
/// are).
///
/// # Errors
/// A `$ref` that cannot be resolved.
pub(crate) fn distribute<'a>(w: &mut Walker<'a>, t: &Task<'a>) -> Result<bool, LoadError> {
    let og = first_group(&t.old);
    let ng = first_group(&t.new);
    if og.is_none() && ng.is_none() {
        return Ok(false);
    }
    let oalts = alternatives(&w.old, &t.old, og.as_ref())?;
    let nalts = alternatives(&w.new, &t.new, ng.as_ref())?;
    let as_any = t.flags & FLAG_ONE_OF_AS_ANY_OF != 0;
    let exclusive = |g: &Option<Group<'a>>| g.as_ref().is_some_and(|g| g.kw == "oneOf");
    let o_overlap = !as_any && exclusive(&og) && !disjoint(&w.old, &oalts);
    let n_overlap = !as_any && exclusive(&ng) && !disjoint(&w.new, &nalts);
    if o_overlap || n_overlap {
        if let (Some(a), Some(b)) = (&og, &ng) {
            if a.kw != b.kw && same_branches(a, b) {
                let rule: &'static Rule = if b.kw == "oneOf" {
                    &rules::union_became_exclusive::RULE
                } else {
                    &rules::union_became_inclusive::RULE
                };
                w.emit(
                    rule,
                    Some(a.loc.clone()),
                    Some(b.loc.clone()),
                    &[("union", &"`anyOf` over the same branches")],
                    Hint::None,
                    t,
                );
                return Ok(true);
            }
        }
        // One side has no union and the other an overlapping `oneOf`: when the plain side's
        // values all fall in one branch and in no other, exclusivity never rejects them.
        if og.is_none() != ng.is_none() && exclusive_partition(w, t, &oalts, &nalts, og.is_none()) {
            return Ok(true);
        }
        // An overlapping `oneOf` replaced by an inclusive union whose branches contain the old
        // ones: every old value is still accepted.
        if o_overlap && !n_overlap && ng.is_some() && inclusive_cover(w, t, &oalts, &nalts) {
            return Ok(true);
        }
        // The same exclusive union on both sides (equal text, no references): exclusivity is
        // unchanged, and the rest of the node acts monotonically on it.
        let same_union = match (&og, &ng) {
            (Some(a), Some(b)) => a.kw == b.kw && same_branches(a, b),
            _ => false,
        };
        if same_union {
            compare_alternatives(w, t, &oalts, &nalts, og.as_ref(), ng.as_ref());
            return Ok(true);
        }
        // Otherwise compare as unions in a sub-walk; any change, or a union that differs in
        // text, is Changed: a value matching several branches is rejected, so even branches
        // that are each unchanged can move values in or out.
        let sub = w.subwalk_in_place(
            t.old.clone(),
            t.new.clone(),
            t,
            t.mask,
            t.flags | FLAG_ONE_OF_AS_ANY_OF,
        )?;
        let mut semantic = Vec::new();
        let mut inner = Vec::new();
        for p in sub {
            if p.finding.effect == Effect::Annotation {
                w.pending.push(p);
            } else {
                semantic.push(p.finding.message.clone());
                inner.push(p);
            }
        }
        let text_differs = match (&og, &ng) {
            (Some(a), Some(b)) => {
                a.kw != b.kw
                    || a.branches.len() != b.branches.len()
                    || a.branches
                        .iter()
                        .zip(&b.branches)
                        .any(|(x, y)| !json_eq(x.1, y.1))
            }
            _ => true,
        };
        if !semantic.is_empty() || text_differs {
            let ol = og.as_ref().map_or_else(|| t.old.loc(), |g| g.loc.clone());
            let nl = ng.as_ref().map_or_else(|| t.new.loc(), |g| g.loc.clone());
            let changes = match semantic.first() {
                Some(first) if semantic.len() > 1 => {
                    format!("{first} (and {} more)", semantic.len() - 1)
                }
                Some(first) => first.clone(),
                None => "the branches changed".to_string(),
            };
            w.emit(
                &rules::one_of_changed::RULE,
                Some(ol),
                Some(nl),
                &[("changes", &changes)],
                Hint::None,
                t,
            );
            if let Some(p) = w.pending.last_mut() {
                inner.truncate(MAX_INNER_WITNESS_ROUTES);
                p.inner = inner;
            }
        }
        return Ok(true);
    }
    compare_alternatives(w, t, &oalts, &nalts, og.as_ref(), ng.as_ref());
    Ok(true)
}

/// A plain schema against an overlapping `oneOf` on the other side (`plain_is_old`: which
/// side is plain). When one branch contains every value of the plain schema ([`Walker::contained`])
/// and every other branch is provably apart from it ([`apart`]), each plain value matches
/// exactly that branch, so the `oneOf` accepts all of them: the plain schema is walked against
/// that branch (what else the branch accepts is a widening or narrowing as usual), and every
/// other branch is a branch added (or removed) whose values the plain side never had.
/// jsoncompat's `oneof_*_partition_with_extra_union_type` cases. Returns whether it applied.
fn exclusive_partition<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    oalts: &[Alt<'a>],
    nalts: &[Alt<'a>],
    plain_is_old: bool,
) -> bool {
    let (plain, branches) = if plain_is_old {
        (oalts, nalts)
    } else {
        (nalts, oalts)
    };
    let [plain] = plain else {
        return false;
    };
    if branches.len() > MAX_DISJOINT_CHECK {
        return false;
    }
    let (plain_side, union_side) = if plain_is_old {
        (&w.old, &w.new)
    } else {
        (&w.new, &w.old)
    };
    let Some(k) = (0..branches.len()).find(|&k| {
        (0..branches.len()).all(|j| {
            j == k
                || apart(
                    plain_side,
                    &plain.node,
                    union_side,
                    &branches[j].node,
                    t.mask,
                    0,
                )
        })
    }) else {
        return false;
    };
    if !w.contained(&plain.node, &branches[k].node, !plain_is_old, t, t.mask) {
        return false;
    }
    let (old_node, new_node) = if plain_is_old {
        (plain.node.clone(), branches[k].node.clone())
    } else {
        (branches[k].node.clone(), plain.node.clone())
    };
    w.push_with(old_node, new_node, t, None, t.mask, 0);
    for (j, b) in branches.iter().enumerate() {
        if j == k {
            continue;
        }
        if plain_is_old {
            lone_branch(
                w,
                t,
                WitnessSide::New,
                b,
                &plain.loc,
                "accepts values the old schema did not",
            );
        } else {
            lone_branch(
                w,
                t,
                WitnessSide::Old,
                b,
                &plain.loc,
                "the new schema accepts none of its values",
            );
        }
    }
    true
}

/// An overlapping `oneOf` (old) against an inclusive union (new: `anyOf`, or a `oneOf` whose
/// branches are provably disjoint) where every old branch is contained in a new one
/// ([`Walker::contained`]): the old `oneOf` accepted a subset of its branches' union, which the
/// new union covers, so nothing is narrowed. What widened: values that matched several old
/// branches (`union-became-inclusive`), each old branch against the new branch that contains
/// it (walked), and new branches that contain no old one (`union-branch-added`). Apicurio's
/// "Complex: oneOf to anyOf" cases. Returns whether it applied.
fn inclusive_cover<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    oalts: &[Alt<'a>],
    nalts: &[Alt<'a>],
) -> bool {
    if oalts.len() > MAX_DISJOINT_CHECK || nalts.len() > MAX_DISJOINT_CHECK {
        return false;
    }
    let mut cover = Vec::with_capacity(oalts.len());
    for o in oalts {
        match (0..nalts.len()).find(|&k| w.contained(&o.node, &nalts[k].node, false, t, t.mask)) {
            Some(k) => cover.push(k),
            None => return false,
        }
    }
    let old_union = first_group(&t.old).map_or_else(|| t.old.loc(), |g| g.loc);
    let new_union = first_group(&t.new).map_or_else(|| t.new.loc(), |g| g.loc);
    w.emit(
        &rules::union_became_inclusive::RULE,
        Some(old_union.clone()),
        Some(new_union),
        &[(
            "union",
            &"an inclusive union whose branches contain the old ones",
        )],
        Hint::None,
        t,
    );
    for (o, &k) in oalts.iter().zip(&cover) {
        w.push_with(o.node.clone(), nalts[k].node.clone(), t, None, t.mask, 0);
    }
    for (k, n) in nalts.iter().enumerate() {
        if cover.contains(&k) {
            continue;
        }
        lone_branch(
            w,
            t,
            WitnessSide::New,
            n,
            &old_union,
            "contains no old branch",
        );
    }
    true
}

/// Report `branch`, a branch only `side` has, against `other` (the other side's union or
/// plain schema): `union-branch-added` for a new branch, `union-branch-removed` for an old one,
/// with the branch as the witness search's starting point. `reason` is the rule's `{reason}`:
/// why the branch is new (`union-branch-added`: "it ..."), or what its removal means.
fn lone_branch<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    side: WitnessSide,
    branch: &Alt<'a>,
    other: &Location,
    reason: &str,
) {
    let at = branch.loc.clone();
    let (rule, old, new) = match side {
        WitnessSide::New => (&rules::union_branch_added::RULE, other.clone(), at.clone()),
        WitnessSide::Old => (
            &rules::union_branch_removed::RULE,
            at.clone(),
            other.clone(),
        ),
    };
    let pointer = at.pointer.clone();
    w.emit(
        rule,
        Some(old),
        Some(new),
        &[("pointer", &pointer), ("reason", &reason)],
        Hint::Branch(side, at),
        t,
    );
}

/// Alternatives of a union looked at by [`apart`], and how deep unions inside unions are.
const MAX_APART_ALTERNATIVES: usize = 16;
const MAX_APART_DEPTH: usize = 3;

/// Whether no value (of the types in `mask`) is accepted by both `a` (on `sa`) and `b` (on
/// `sb`): disjoint types, ranges or enumerated values ([`ranges_apart`]), a property both
/// require with disjoint `const`/`enum` values or types, a property one requires and the other
/// forbids, or, for a node with a union, apart from each of its alternatives. `false` when it
/// cannot tell.
fn apart<'a>(
    sa: &Side<'a>,
    a: &Node<'a>,
    sb: &Side<'a>,
    b: &Node<'a>,
    mask: u8,
    depth: usize,
) -> bool {
    if a.never().is_some() || b.never().is_some() {
        return true;
    }
    if depth > MAX_APART_DEPTH {
        return false;
    }
    for (side, node, first) in [(sa, a, true), (sb, b, false)] {
        let Some(group) = first_group(node) else {
            continue;
        };
        if group.branches.len() > MAX_APART_ALTERNATIVES {
            return false;
        }
        let Ok(alts) = alternatives(side, node, Some(&group)) else {
            return false;
        };
        return alts.iter().all(|alt| {
            if first {
                apart(sa, &alt.node, sb, b, mask, depth + 1)
            } else {
                apart(sa, a, sb, &alt.node, mask, depth + 1)
            }
        });
    }
    let (fa, fb) = (Facets::of(a), Facets::of(b));
    if fa.types & fb.types & mask == 0 || ranges_apart(&fa, &fb) {
        return true;
    }
    for (name, _) in &fa.required {
        if !fb.required.iter().any(|(n, _)| n == name) {
            continue;
        }
        let (Ok(ca), Ok(cb)) = (sa.child_prop(a, name), sb.child_prop(b, name)) else {
            continue;
        };
        let (pa, pb) = (Facets::of(&ca), Facets::of(&cb));
        if pa.types & pb.types == 0 || ranges_apart(&pa, &pb) {
            return true;
        }
    }
    // A property one side requires and the other forbids (`"p": false`, or a closed model
    // without it).
    let forbids = |s: &Side<'a>, node: &Node<'a>, required: &[(String, Location)]| {
        required.iter().any(|(name, _)| {
            s.child_prop(node, name)
                .is_ok_and(|child| child.never().is_some())
        })
    };
    if forbids(sa, a, &fb.required) || forbids(sb, b, &fa.required) {
        return true;
    }
    false
}

fn compare_alternatives<'a>(
    w: &mut Walker<'a>,
    t: &Task<'a>,
    oalts: &[Alt<'a>],
    nalts: &[Alt<'a>],
    og: Option<&Group<'a>>,
    ng: Option<&Group<'a>>,
) {
    let otypes: Vec<u8> = oalts
        .iter()
        .map(|a| Facets::of(&a.node).types & t.mask)
        .collect();
    let ntypes: Vec<u8> = nalts
        .iter()
        .map(|a| Facets::of(&a.node).types & t.mask)
        .collect();
    // Group the type bits by which alternatives admit them.
    let mut groups: Vec<(Vec<usize>, Vec<usize>, u8)> = Vec::new();
    for bit in [
        T_NULL, T_BOOL, T_OBJECT, T_ARRAY, T_STRING, T_INTEGER, T_FRACTION,
    ] {
        if t.mask & bit == 0 {
            continue;
        }
        let os: Vec<usize> = (0..oalts.len()).filter(|&i| otypes[i] & bit != 0).collect();
        let ns: Vec<usize> = (0..nalts.len()).filter(|&j| ntypes[j] & bit != 0).collect();
        if os.is_empty() && ns.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(a, b, _)| *a == os && *b == ns) {
            Some(g) => g.2 |= bit,
            None => groups.push((os, ns, bit)),
        }
    }
    let osig: Vec<Sig<'a>> = oalts.iter().map(sig).collect();
    let nsig: Vec<Sig<'a>> = nalts.iter().map(sig).collect();
    let (mut lost, mut gained) = (0u8, 0u8);
    let mut pushed: Vec<(usize, usize, u8)> = Vec::new();
    let mut lone_old: Vec<(usize, u8)> = Vec::new();
    let mut lone_new: Vec<(usize, u8)> = Vec::new();
    for (os, ns, mask) in &groups {
        if ns.is_empty() {
            lost |= mask;
            continue;
        }
        if os.is_empty() {
            gained |= mask;
            continue;
        }
        let (pairs, lo, ln) = pair_up(&osig, &nsig, os, ns);
        for (i, j) in pairs {
            match pushed.iter_mut().find(|(a, b, _)| *a == i && *b == j) {
                Some(p) => p.2 |= mask,
                None => pushed.push((i, j, *mask)),
            }
        }
        lone_old.extend(lo.into_iter().map(|i| (i, *mask)));
        lone_new.extend(ln.into_iter().map(|j| (j, *mask)));
    }
    let old_union = og.map_or_else(|| t.old.loc(), |g| g.loc.clone());
    let new_union = ng.map_or_else(|| t.new.loc(), |g| g.loc.clone());
    if lost != 0 {
        let from = (0..oalts.len())
            .find(|&i| otypes[i] & lost != 0)
            .map_or_else(|| old_union.clone(), |i| oalts[i].loc.clone());
        w.emit(
            &rules::type_narrowed::RULE,
            Some(from),
            Some(new_union.clone()),
            &[
                ("types", &type_names(lost)),
                ("reason", &"no alternative admits them"),
            ],
            Hint::Extra(vec![(WitnessSide::Old, type_extra(lost))]),
            t,
        );
    }
    if gained != 0 {
        let to = (0..nalts.len())
            .find(|&j| ntypes[j] & gained != 0)
            .map_or_else(|| new_union.clone(), |j| nalts[j].loc.clone());
        w.emit(
            &rules::type_widened::RULE,
            Some(old_union.clone()),
            Some(to),
            &[
                ("types", &type_names(gained)),
                ("reason", &"a new alternative admits them"),
            ],
            Hint::Extra(vec![(WitnessSide::New, type_extra(gained))]),
            t,
        );
    }
    // A lone branch is no change when a branch of the other side contains it (GitHub's issue
    // events: every new event type requires the fields of an old, open branch that requires
    // nothing else, so it adds no value).
    let covered = |w: &mut Walker<'a>, inner: &Alt<'a>, outers: &[Alt<'a>], inner_is_new, mask| {
        outers
            .iter()
            .any(|outer| w.contained(&inner.node, &outer.node, inner_is_new, t, mask))
    };
    lone_old.retain(|&(i, mask)| !covered(w, &oalts[i], nalts, false, mask));
    lone_new.retain(|&(j, mask)| !covered(w, &nalts[j], oalts, true, mask));
    for (i, mask) in lone_old {
        let reason = format!(
            "it has no counterpart among the new alternatives ({})",
            type_names(mask)
        );
        lone_branch(w, t, WitnessSide::Old, &oalts[i], &new_union, &reason);
    }
    for (j, mask) in lone_new {
        let reason = format!(
            "accepts values no old alternative matched ({})",
            type_names(mask)
        );
        lone_branch(w, t, WitnessSide::New, &nalts[j], &old_union, &reason);
    }
    for (i, j, mask) in pushed {
        w.push_with(
            oalts[i].node.clone(),
            nalts[j].node.clone(),
            t,
            None,
            mask,
            0,
        );
    }
}
