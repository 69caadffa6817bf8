//! Witnesses: a concrete instance that one side's whole schema accepts and the other rejects.
//!
//! For every MAJOR finding the search works at the finding's instance position first: it builds
//! local candidates (from the rule's hint, e.g. "a number above the new maximum", then from the
//! accepting side's subschema, then a pool of boundary and type-representative values), keeps
//! those the accepting side's local subschema accepts and the other side's rejects (package
//! validator), embeds each at the tracked instance path inside a minimal valid instance of the
//! accepting side's root (required properties generated, `$ref`s followed, the container's
//! `anyOf`/`oneOf` branch that declares the property chosen), and validates the whole instance
//! against both roots with the `jsonschema` validator. The first instance the accepting root
//! accepts and the other rejects is the witness, and the finding's confidence becomes
//! `proved`; when none is found it stays `heuristic`. The side a witness may come from follows
//! the mode: `backward` needs one valid in the old schema, `forward` one valid in the new,
//! `full` either.

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use contracts_core::Location;
use serde_json::{json, Value};

use crate::facets::Facets;
use crate::generate::Generator;
use crate::model::{Node, Side};
use crate::report::{Bump, Confidence, Effect, Mode, Witness, WitnessSide};
use crate::util::json_eq;
use crate::walk::{Hint, Pending, Route, Token, Walker};
use crate::Finding;

/// Local candidates checked per side.
const MAX_EMBEDDED: usize = 8;

/// Branches of a union looked at for [`foreign_property_mutations`].
const MAX_FOREIGN_BRANCHES: usize = 64;

/// Property names [`foreign_property_mutations`] sets at once.
const MAX_FOREIGN_NAMES: usize = 64;
/// Routes longer than this are not embedded (no witness).
const MAX_ROUTE: usize = 256;

/// Deduplicate the findings and attach a witness to every MAJOR finding that has one.
pub(crate) fn finish(walker: &Walker<'_>, pending: Vec<Pending>) -> Vec<Finding> {
    // One finding per (rule, locations, message); among duplicates, prefer the one whose walk
    // started at the root of the document that holds the finding (its witness is then an
    // instance of that document).
    type Key = (String, Option<Location>, Option<Location>, String);
    let mut best: Vec<Pending> = Vec::new();
    let mut index: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    // 2: the walk started at the root of the document holding the finding; 1: at some
    // document's root; 0: at a definition.
    let preference = |p: &Pending| -> u8 {
        let Some(route) = &p.route else {
            return 0;
        };
        let (old_root, new_root) = route.roots();
        let doc_root = |side: &crate::model::Side<'_>, l: &Location| {
            l.file.is_empty() || side.doc_at(l).is_some_and(|d| d.pointer == l.pointer)
        };
        if !doc_root(&walker.old, &old_root) || !doc_root(&walker.new, &new_root) {
            return 0;
        }
        let file = p
            .finding
            .new
            .as_ref()
            .or(p.finding.old.as_ref())
            .map(|l| l.file.clone());
        if Some(&route.owner.1) == file.as_ref() || Some(&route.owner.0) == file.as_ref() {
            2
        } else {
            1
        }
    };
    for p in pending {
        // A `$ref` site and the definition it names are one place: the same change reached
        // from a document that references the definition and from the definition's own walk
        // is one finding (the route kept is the preferred one, whose witness is an instance
        // of a document).
        let key = (
            p.finding.rule.clone(),
            p.finding.old.as_ref().map(|l| walker.old.through_refs(l)),
            p.finding.new.as_ref().map(|l| walker.new.through_refs(l)),
            p.finding.message.clone(),
        );
        match index.get(&key) {
            Some(&i) => {
                if preference(&p) > preference(&best[i]) {
                    best[i] = p;
                }
            }
            None => {
                index.insert(key, best.len());
                best.push(p);
            }
        }
    }
    let proofs = crate::proof::Proofs::default();
    let mut out = Vec::new();
    for p in best {
        if value_refuted(walker, &p) {
            continue;
        }
        let mut finding = p.finding.clone();
        let witness = if finding.bump == Bump::Major {
            search(walker, &p).or_else(|| p.inner.iter().find_map(|q| search(walker, q)))
        } else {
            None
        };
        if witness.is_none()
            && finding.effect != Effect::Annotation
            && !by_digits(&p)
            && disproved(walker, &proofs, &p)
        {
            continue;
        }
        if finding.bump == Bump::Major {
            if let Some(w) = witness {
                if let Some(root) = witness_schema(walker, &p, w.valid_in) {
                    if root != finding.schema {
                        finding
                            .message
                            .push_str(&format!(" (witness: an instance of `{root}`)"));
                    }
                }
                finding.witness = Some(w);
                finding.confidence = Confidence::Proved;
            }
        }
        out.push(finding);
    }
    out
}

/// Whether a finding is about one listed integer that a 64-bit float does not hold exactly
/// (`enum: [18446744073709551617]`): it was decided by the digits as written, which the
/// validator and the canonical forms, reading floats, cannot see; they neither refute nor
/// confirm it.
fn by_digits(p: &Pending) -> bool {
    matches!(&p.hint, Hint::Value(_, Value::Number(n)) if crate::util::maybe_inexact(n))
}

/// Whether a finding about one value (an enum value removed or added: [`Hint::Value`]) is
/// refuted at its instance position: the whole subschema there on each side, the one the first
/// route step into that position reached (before union branches were paired), accepts the
/// value. An `enum` replaced by a `oneOf` of one-value `enum`s pairs the old schema with one
/// branch, which lacks the other values; the union as a whole still has them. Only one-way
/// findings (narrowed with an old-side value, widened with a new-side one) outside a negated or
/// conditional sub-walk are refuted.
fn value_refuted(w: &Walker<'_>, p: &Pending) -> bool {
    let Hint::Value(which, value) = &p.hint else {
        return false;
    };
    if by_digits(p) {
        return false;
    }
    let one_way = matches!(
        (p.finding.effect, which),
        (Effect::Narrowed, WitnessSide::Old) | (Effect::Widened, WitnessSide::New)
    );
    let Some(route) = p.route.as_ref().filter(|_| one_way) else {
        return false;
    };
    let steps = route.steps();
    if steps.is_empty() || steps.iter().any(|s| s.detached) {
        return false;
    }
    // The last step that entered an instance position (a property, an item...); the steps after
    // it stay at that position (union branches, `allOf` members).
    let k = steps.iter().rposition(|s| s.token.is_some()).unwrap_or(0);
    let accepts = |which: WitnessSide| {
        let s = side(w, which);
        let head = s.node_at(locs(&steps[k], which), Location::new("", ""));
        !head.parts.is_empty() && local_accepts(s, &head, value) == Some(true)
    };
    accepts(*which) && accepts(other(*which))
}

/// Whether the canonical forms of the finding's two whole documents prove that no value moved
/// in the finding's direction (see [`crate::proof`]).
fn disproved(w: &Walker<'_>, proofs: &crate::proof::Proofs, p: &Pending) -> bool {
    let Some(route) = &p.route else {
        return false;
    };
    // Rules that judge API surface rather than sets (lenient properties, added or removed
    // schemas) are not about the accepted set: a set proof says nothing about them.
    let set_rule = crate::rules::by_id(&p.finding.rule).is_some_and(|r| {
        matches!(
            r.bump_policy,
            crate::rules::BumpPolicy::Effect | crate::rules::BumpPolicy::StrictOnly
        ) || (w.options_of(&p.finding.schema).1 == crate::Policy::Strict
            && matches!(r.bump_policy, crate::rules::BumpPolicy::Lenient(_)))
    });
    if !set_rule {
        return false;
    }
    let (old_root, new_root) = route.roots();
    let (Some(od), Some(nd)) = (w.old.doc_at(&old_root), w.new.doc_at(&new_root)) else {
        return false;
    };
    if od.pointer != old_root.pointer || nd.pointer != new_root.pointer {
        return false;
    }
    let Some((new_covers_old, old_covers_new)) = proofs.covers(od, nd, w.options.format_assertion)
    else {
        return false;
    };
    match p.finding.effect {
        Effect::Narrowed => new_covers_old,
        Effect::Widened => old_covers_new,
        Effect::Changed => new_covers_old && old_covers_new,
        Effect::Annotation => false,
    }
}

/// The document whose root the witness of `p` is an instance of.
fn witness_schema(w: &Walker<'_>, p: &Pending, which: WitnessSide) -> Option<String> {
    let (old, new) = p.route.as_ref()?.roots();
    let (side, loc) = match which {
        WitnessSide::Old => (&w.old, old),
        WitnessSide::New => (&w.new, new),
    };
    let doc = side.doc_at(&loc)?;
    Some(if loc.pointer == doc.pointer {
        doc.name.clone()
    } else {
        format!("{}#{}", doc.name, loc.pointer)
    })
}

fn side<'w, 'a>(w: &'w Walker<'a>, which: WitnessSide) -> &'w Side<'a> {
    match which {
        WitnessSide::Old => &w.old,
        WitnessSide::New => &w.new,
    }
}

fn other(which: WitnessSide) -> WitnessSide {
    match which {
        WitnessSide::Old => WitnessSide::New,
        WitnessSide::New => WitnessSide::Old,
    }
}

fn locs(step: &Route, which: WitnessSide) -> &[Location] {
    match which {
        WitnessSide::Old => &step.old,
        WitnessSide::New => &step.new,
    }
}

/// The sides a witness may come from, preferred first.
fn sides(mode: Mode, effect: Effect) -> Vec<WitnessSide> {
    let mut out = match mode {
        Mode::Backward => vec![WitnessSide::Old],
        Mode::Forward => vec![WitnessSide::New],
        Mode::Full => vec![WitnessSide::Old, WitnessSide::New],
    };
    if effect == Effect::Widened {
        out.reverse();
    }
    out
}

/// The node at each instance position of the route (a step without a token joins the previous
/// position), with the token that leads to it.
fn positions<'a>(
    s: &Side<'a>,
    steps: &[Rc<Route>],
    which: WitnessSide,
) -> Vec<(Option<Token>, Node<'a>)> {
    let mut out: Vec<(Option<Token>, Node<'a>)> = Vec::new();
    for step in steps {
        let node = s.node_at(locs(step, which), Location::new("", ""));
        match (&step.token, out.last_mut()) {
            (None, Some(last)) => {
                for p in node.parts {
                    if !last.1.parts.iter().any(|q| q.loc == p.loc) {
                        last.1.parts.push(p);
                    }
                }
            }
            (token, _) => out.push((token.clone(), node)),
        }
    }
    out
}

/// Whether every part of `node` accepts `v` (`None`: no validator).
fn local_accepts(s: &Side<'_>, node: &Node<'_>, v: &Value) -> Option<bool> {
    s.node_validates(node, v)
}

/// Put `local` at the route's instance position inside a generated instance of the root.
fn embed<'a>(
    generator: &Generator<'_, 'a>,
    positions: &[(Option<Token>, Node<'a>)],
    local: Value,
) -> Option<Value> {
    let mut value = local;
    for i in (1..positions.len()).rev() {
        let container = &positions[i - 1].1;
        let token = positions[i].0.as_ref()?;
        let mut built = None;
        let variants = generator.variants(container);
        // Prefer the variant (union branch) that declares the property.
        let mut ordered: Vec<&Node<'a>> = Vec::new();
        if let Token::Prop(name) = token {
            ordered.extend(
                variants
                    .iter()
                    .filter(|v| v.property_names().iter().any(|n| n == name)),
            );
        }
        ordered.extend(variants.iter());
        for variant in ordered {
            built = match token {
                Token::Prop(name) => {
                    generator.object_with(variant, 0, Some((name.clone(), value.clone())))
                }
                Token::Index(k) => generator.array_with(variant, 0, Some((*k, value.clone()))),
                Token::Name => {
                    // The local value is a property name: give it a value the object admits.
                    let name = value.as_str()?.to_string();
                    let child = generator.child_prop(variant, &name)?;
                    let v = generator.one(&child, 1).unwrap_or(Value::Null);
                    generator.object_with(variant, 0, Some((name, v)))
                }
            };
            if built.is_some() {
                break;
            }
        }
        value = built?;
    }
    Some(value)
}

/// What a raw scan of the subschemas at a position mentions: numbers near bounds and
/// divisors, strings of the bounding lengths, listed values, property names, counts.
#[derive(Default)]
struct Scan {
    scalars: Vec<Value>,
    names: Vec<String>,
    counts: Vec<usize>,
}

fn scan(node: &Node<'_>, into: &mut Scan) {
    let mut stack: Vec<(&Value, usize)> = node.parts.iter().map(|p| (p.value, 0)).collect();
    let mut seen = 0;
    while let Some((v, depth)) = stack.pop() {
        seen += 1;
        if seen > 2_000 || depth > 6 {
            continue;
        }
        let Some(map) = v.as_object() else {
            if let Value::Array(items) = v {
                stack.extend(items.iter().map(|i| (i, depth + 1)));
            }
            continue;
        };
        for (k, x) in map {
            match (k.as_str(), x) {
                (
                    "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum",
                    Value::Number(n),
                ) => {
                    if let Some(f) = n.as_f64() {
                        for d in [-1.0, -0.5, 0.0, 0.5, 1.0] {
                            into.scalars.push(crate::util::number(f + d));
                        }
                    }
                }
                ("multipleOf", Value::Number(n)) => {
                    if let Some(f) = n.as_f64() {
                        for m in [1.0, 2.0, 3.0, 0.5] {
                            into.scalars.push(crate::util::number(f * m));
                        }
                    }
                }
                ("minLength" | "maxLength", Value::Number(n)) => {
                    if let Some(c) = n.as_u64().filter(|c| *c <= 256) {
                        for len in [c.saturating_sub(1), c, c + 1] {
                            into.scalars.push(Value::String("a".repeat(len as usize)));
                        }
                    }
                }
                (
                    "minProperties" | "maxProperties" | "minItems" | "maxItems" | "minContains"
                    | "maxContains",
                    Value::Number(n),
                ) => {
                    if let Some(c) = n.as_u64().filter(|c| *c <= 16) {
                        into.counts.extend([
                            c.saturating_sub(1) as usize,
                            c as usize,
                            c as usize + 1,
                        ]);
                    }
                }
                ("const", x) => into.scalars.push(x.clone()),
                ("enum", Value::Array(items)) => {
                    into.scalars.extend(items.iter().take(16).cloned())
                }
                ("properties", Value::Object(props)) => {
                    for name in props.keys().take(16) {
                        if !into.names.contains(name) {
                            into.names.push(name.clone());
                        }
                    }
                    stack.extend(props.values().map(|i| (i, depth + 1)));
                }
                (
                    "dependentSchemas" | "dependentRequired" | "dependencies",
                    Value::Object(deps),
                ) => {
                    for name in deps.keys().take(16) {
                        if !into.names.contains(name) {
                            into.names.push(name.clone());
                        }
                    }
                    stack.extend(deps.values().map(|i| (i, depth + 1)));
                }
                ("required", Value::Array(names)) => {
                    for n in names.iter().filter_map(Value::as_str).take(16) {
                        if !into.names.iter().any(|m| m == n) {
                            into.names.push(n.to_string());
                        }
                    }
                }
                (_, Value::Object(_) | Value::Array(_)) => stack.push((x, depth + 1)),
                _ => {}
            }
        }
    }
}

/// Values worth trying at a position: type representatives, what the subschemas of both sides
/// mention (see [`Scan`]), arrays repeating a value (duplicates, counts for `contains`) and
/// objects setting mentioned properties, plus mutations of `generated` values.
fn pool(acc: &Node<'_>, rej: &Node<'_>, context: &[&Node<'_>], generated: &[Value]) -> Vec<Value> {
    let mut sc = Scan::default();
    scan(acc, &mut sc);
    scan(rej, &mut sc);
    // The enclosing positions constrain the value too (a `contains` beside `items`, ...).
    for node in context {
        scan(node, &mut sc);
    }
    let base = [
        json!(null),
        json!(false),
        json!(true),
        json!(0),
        json!(1),
        json!(-1),
        json!(0.5),
        json!(""),
        json!("a"),
        json!("!"),
        json!("{}"),
        json!("{"),
        json!("YQ=="),
    ];
    // Mentioned values first: they are the likely witnesses.
    let mut scalars = sc.scalars.clone();
    scalars.extend(base);
    let mut out = scalars.clone();
    out.extend([json!([]), json!({}), json!([null]), json!({"a": null})]);
    let firsts: Vec<Value> = generated
        .iter()
        .chain(scalars.iter())
        .filter(|v| !v.is_array() && !v.is_object())
        .take(24)
        .cloned()
        .collect();
    // Arrays repeating an item (duplicates; as many matches as a count asks).
    let mut counts = sc.counts.clone();
    counts.extend([1, 2, 3]);
    counts.sort_unstable();
    counts.dedup();
    for item in firsts.iter().take(6) {
        for &n in &counts {
            if n > 0 {
                out.push(Value::Array(vec![item.clone(); n]));
            }
        }
    }
    for g in generated.iter().filter_map(Value::as_array) {
        if let Some(first) = g.first() {
            let mut dup = g.clone();
            dup.push(first.clone());
            out.push(Value::Array(dup));
        }
    }
    // Objects: a mentioned property set to a mentioned value; so many properties.
    let bases: Vec<serde_json::Map<String, Value>> = generated
        .iter()
        .filter_map(|g| g.as_object().cloned())
        .chain(std::iter::once(serde_json::Map::new()))
        .take(3)
        .collect();
    for base in &bases {
        for name in sc.names.iter().take(8) {
            for v in firsts.iter().take(16) {
                let mut m = base.clone();
                m.insert(name.clone(), v.clone());
                out.push(Value::Object(m));
            }
            let mut m = base.clone();
            m.remove(name);
            out.push(Value::Object(m));
        }
        for &n in &sc.counts {
            let mut m = base.clone();
            let mut k = 0;
            while m.len() < n && k < 32 {
                m.entry(format!("p{k}")).or_insert(Value::Null);
                k += 1;
            }
            out.push(Value::Object(m));
        }
    }
    out
}

/// Objects from `base` with `rej`'s required properties dropped or `rej`'s forbidden
/// properties added (for object-level findings).
fn object_mutations(base: &[Value], acc: &Node<'_>, rej: &Node<'_>) -> Vec<Value> {
    let mut out = Vec::new();
    let fr = Facets::of(rej);
    let fa = Facets::of(acc);
    for b in base {
        let Some(map) = b.as_object() else {
            continue;
        };
        for (name, _) in &fr.required {
            if map.contains_key(name) && !fa.required.iter().any(|(n, _)| n == name) {
                let mut m = map.clone();
                m.remove(name);
                out.push(Value::Object(m));
            }
        }
    }
    out
}

/// Values of a union branch that only one side has, given the properties that branches of the
/// other side (`rej`, a union) declare and the branch does not (all at once, then one at a
/// time), with a value of a JSON type the declaration may forbid (`0`, `""`, `null`). An open branch accepts them; the other
/// side's branches that declare the property reject them, so where every branch that would
/// otherwise match declares it, the union rejects the value.
fn foreign_property_mutations(
    rej_side: &Side<'_>,
    base: &[Value],
    branch: &Node<'_>,
    rej: &Node<'_>,
) -> Vec<Value> {
    let own: HashSet<String> = branch.property_names().into_iter().collect();
    let mut names: BTreeSet<String> = BTreeSet::new();
    for kw in ["oneOf", "anyOf"] {
        if let Some((p, Value::Array(branches))) = rej.first(kw) {
            for (i, b) in branches.iter().enumerate().take(MAX_FOREIGN_BRANCHES) {
                let loc = p.at(kw).join(&i.to_string());
                if let Ok(n) = rej_side.extend(rej, vec![(loc, b, p.draft)]) {
                    names.extend(n.property_names().into_iter().filter(|n| !own.contains(n)));
                }
            }
        }
    }
    let mut out = Vec::new();
    for map in base.iter().filter_map(Value::as_object) {
        let foreign: Vec<&String> = names
            .iter()
            .filter(|n| !map.contains_key(*n))
            .take(MAX_FOREIGN_NAMES)
            .collect();
        // All of them at once first: the other side's branches that would accept the value
        // may each declare a different one of them.
        for junk in [json!(0), json!(""), Value::Null] {
            let mut m = map.clone();
            for name in &foreign {
                m.insert((*name).clone(), junk.clone());
            }
            out.push(Value::Object(m));
        }
        for name in foreign.iter().take(16) {
            for junk in [json!(0), json!(""), Value::Null] {
                let mut m = map.clone();
                m.insert((*name).clone(), junk);
                out.push(Value::Object(m));
            }
        }
    }
    out
}

fn search(w: &Walker<'_>, p: &Pending) -> Option<Witness> {
    let route = p.route.as_ref()?;
    if route.depth > MAX_ROUTE {
        return None;
    }
    let mut steps = route.steps();
    // A finding raised inside a sub-walk (`not`, a condition, ...): the sub-walk's positions are
    // not conjuncts of the instance; search at the position that started it.
    if let Some(k) = steps.iter().position(|s| s.detached) {
        steps.truncate(k);
    }
    if steps.is_empty() {
        return None;
    }
    let (old_root, new_root) = route.roots();
    // Witnesses are instances of a whole document: a walk rooted at a definition (one no
    // document root reaches) has none.
    let is_doc_root = |side: &crate::model::Side<'_>, loc: &Location| {
        loc.file.is_empty() || side.doc_at(loc).is_some_and(|d| d.pointer == loc.pointer)
    };
    if !is_doc_root(&w.old, &old_root) || !is_doc_root(&w.new, &new_root) {
        return None;
    }
    // A side without the schema (an added or removed one) has an empty root location.
    let known = |loc: &Location| (!loc.file.is_empty()).then(|| loc.clone());
    let root_of = |which: WitnessSide| match which {
        WitnessSide::Old => &old_root,
        WitnessSide::New => &new_root,
    };
    if let Hint::Whole(which) = &p.hint {
        let s = side(w, *which);
        let root = root_of(*which);
        let node = s.node_at(locs(steps.first()?, *which), root.clone());
        let generator = Generator::new(s, 2_000);
        for v in generator.candidates(&node, 6) {
            if !w.charge_witness(1) {
                return None;
            }
            if s.validates(root, &v) == Some(true) {
                return Some(Witness {
                    instance: v,
                    valid_in: *which,
                    old_root: known(&old_root),
                    new_root: known(&new_root),
                });
            }
        }
        return None;
    }
    for which in sides(w.options_of(&p.finding.schema).0, p.finding.effect) {
        let (acc, rej) = (side(w, which), side(w, other(which)));
        let (acc_root, rej_root) = (root_of(which), root_of(other(which)));
        if acc_root.file.is_empty() || rej_root.file.is_empty() {
            continue;
        }
        let acc_pos = positions(acc, &steps, which);
        let rej_pos = positions(rej, &steps, other(which));
        let (Some((_, acc_local)), Some((_, rej_local))) = (acc_pos.last(), rej_pos.last()) else {
            continue;
        };
        let generator = Generator::new(acc, 4_000);
        let mut candidates: Vec<Value> = Vec::new();
        match &p.hint {
            Hint::Value(s, v) if *s == which => candidates.push(v.clone()),
            Hint::Branch(s, loc) if *s == which => {
                // The branch with its `$ref`s and `allOf`s expanded.
                let branch = acc
                    .doc_at(loc)
                    .zip(acc.value_at(loc))
                    .and_then(|(doc, value)| acc.node(loc.clone(), value, doc.draft).ok());
                if let Some(branch) = branch {
                    let own = generator.candidates(&branch, 6);
                    candidates.extend(foreign_property_mutations(rej, &own, &branch, rej_local));
                    candidates.extend(own);
                }
            }
            Hint::Extra(list) => {
                for (s, extra) in list {
                    if *s != which {
                        continue;
                    }
                    if let Ok(node) = generator.with_extra(acc_local, extra) {
                        candidates.extend(generator.candidates(&node, 4));
                    }
                }
            }
            _ => {}
        }
        let own = generator.candidates(acc_local, 6);
        candidates.extend(object_mutations(&own, acc_local, rej_local));
        candidates.extend(own.iter().cloned());
        let context: Vec<&Node<'_>> = acc_pos
            .iter()
            .chain(rej_pos.iter())
            .rev()
            .skip(1)
            .map(|(_, n)| n)
            .take(4)
            .collect();
        candidates.extend(pool(acc_local, rej_local, &context, &own));
        let mut unique: Vec<Value> = Vec::new();
        for c in candidates {
            if !unique.iter().any(|u| json_eq(u, &c)) {
                unique.push(c);
            }
        }
        // At a property the schema does not declare (`additionalProperties`), other names
        // serve as well; at a property name (`propertyNames`), the declared names are
        // candidates.
        let mut layouts = vec![acc_pos.clone()];
        if acc_pos.len() >= 2 {
            let last = acc_pos.len() - 1;
            let declared = acc_pos[last - 1].1.property_names();
            match &acc_pos[last].0 {
                Some(Token::Prop(name)) if !declared.contains(name) => {
                    for alt in ["a", "x", "b", "0", "_"] {
                        if !declared.iter().any(|d| d == alt) && alt != name {
                            let mut l = acc_pos.clone();
                            l[last].0 = Some(Token::Prop(alt.to_string()));
                            layouts.push(l);
                        }
                    }
                }
                Some(Token::Name) => {
                    for d in declared {
                        if !unique.iter().any(|u| u.as_str() == Some(d.as_str())) {
                            unique.insert(0, Value::String(d));
                        }
                    }
                }
                _ => {}
            }
        }
        let mut embedded = 0;
        for v in unique {
            if !w.charge_witness(2) {
                return None;
            }
            if local_accepts(acc, acc_local, &v) == Some(false)
                || local_accepts(rej, rej_local, &v) == Some(true)
            {
                continue;
            }
            embedded += 1;
            if embedded > MAX_EMBEDDED {
                break;
            }
            for layout in &layouts {
                let Some(instance) = embed(&generator, layout, v.clone()) else {
                    continue;
                };
                if !w.charge_witness(2) {
                    return None;
                }
                if acc.validates(acc_root, &instance) == Some(true)
                    && rej.validates(rej_root, &instance) == Some(false)
                {
                    return Some(Witness {
                        instance,
                        valid_in: which,
                        old_root: known(&old_root),
                        new_root: known(&new_root),
                    });
                }
            }
        }
    }
    None
}
