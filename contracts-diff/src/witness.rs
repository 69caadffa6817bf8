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

use std::collections::HashSet;
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
/// Routes longer than this are not embedded (no witness).
const MAX_ROUTE: usize = 256;

/// Deduplicate the findings and attach a witness to every MAJOR finding that has one.
pub(crate) fn finish(walker: &Walker<'_>, pending: Vec<Pending>) -> Vec<Finding> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for p in pending {
        let key = (
            p.finding.rule.clone(),
            p.finding.old.clone(),
            p.finding.new.clone(),
            p.finding.message.clone(),
        );
        if !seen.insert(key) {
            continue;
        }
        let mut finding = p.finding.clone();
        if finding.bump == Bump::Major {
            if let Some(w) = search(walker, &p) {
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

/// The document whose root the witness of `p` is an instance of.
fn witness_schema(w: &Walker<'_>, p: &Pending, which: WitnessSide) -> Option<String> {
    let (old, new) = p.route.as_ref()?.roots();
    let (pkg, loc) = match which {
        WitnessSide::Old => (w.old.pkg, old),
        WitnessSide::New => (w.new.pkg, new),
    };
    let doc = pkg.by_location(&loc)?;
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
            };
            if built.is_some() {
                break;
            }
        }
        value = built?;
    }
    Some(value)
}

/// Values worth trying at a position: type representatives and boundary values of both sides.
fn pool(acc: &Node<'_>, rej: &Node<'_>) -> Vec<Value> {
    let mut out = vec![
        json!(null),
        json!(false),
        json!(true),
        json!(0),
        json!(1),
        json!(-1),
        json!(0.5),
        json!(""),
        json!("a"),
        json!([]),
        json!({}),
        json!([null]),
        json!({"a": null}),
    ];
    for node in [acc, rej] {
        let f = Facets::of(node);
        for b in [&f.lower, &f.upper].into_iter().flatten() {
            if let Some(x) = b.value.as_f64() {
                for d in [-1.0, -0.5, 0.0, 0.5, 1.0] {
                    out.push(crate::util::number(x + d));
                }
            }
        }
        for c in [&f.min_length, &f.max_length].into_iter().flatten() {
            for n in [c.value.saturating_sub(1), c.value, c.value + 1] {
                if n <= 512 {
                    out.push(Value::String("a".repeat(n as usize)));
                }
            }
        }
        if let Some(values) = &f.values {
            out.extend(values.items.iter().map(|(v, _)| (*v).clone()));
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

fn search(w: &Walker<'_>, p: &Pending) -> Option<Witness> {
    let route = p.route.as_ref()?;
    if route.depth > MAX_ROUTE {
        return None;
    }
    let steps = route.steps();
    let (old_root, new_root) = route.roots();
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
            if s.validates(root, &v) == Some(true) {
                return Some(Witness {
                    instance: v,
                    valid_in: *which,
                });
            }
        }
        return None;
    }
    for which in sides(w.options.mode, p.finding.effect) {
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
        candidates.extend(own);
        candidates.extend(pool(acc_local, rej_local));
        let mut unique: Vec<Value> = Vec::new();
        for c in candidates {
            if !unique.iter().any(|u| json_eq(u, &c)) {
                unique.push(c);
            }
        }
        let mut embedded = 0;
        for v in unique {
            if local_accepts(acc, acc_local, &v) == Some(false)
                || local_accepts(rej, rej_local, &v) == Some(true)
            {
                continue;
            }
            embedded += 1;
            if embedded > MAX_EMBEDDED {
                break;
            }
            let Some(instance) = embed(&generator, &acc_pos, v) else {
                continue;
            };
            if acc.validates(acc_root, &instance) == Some(true)
                && rej.validates(rej_root, &instance) == Some(false)
            {
                return Some(Witness {
                    instance,
                    valid_in: which,
                });
            }
        }
    }
    None
}
