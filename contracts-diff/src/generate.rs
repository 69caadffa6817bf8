//! Generating instances: small values that a [`Node`] is likely to accept.
//!
//! The generator reads a node's effective constraints ([`Facets`]), its `properties`,
//! `required`, items, `anyOf`/`oneOf`/`if` branches (tried in turn) and a few simple negative
//! constraints (`not` with `type`, `required`, `pattern`, `const`, `enum`), and builds the
//! smallest value per admissible type: the lowest number in range, a string of the minimum
//! length matching every `pattern` (generated from the pattern's syntax tree) and no
//! anti-pattern, an array of the minimum length, an object with the required properties. It is
//! a heuristic: every value it produces for a witness is checked with the validator before use.
//! Depth and work are bounded, so recursive schemas terminate.

use std::cell::Cell;

use contracts_core::LoadError;
use serde_json::{Map, Number, Value};

use crate::facets::Facets;
use crate::model::{Node, Side};
use crate::util::{
    json_eq, pattern_matches, type_bits, T_ARRAY, T_BOOL, T_FRACTION, T_INTEGER, T_NULL, T_OBJECT,
    T_STRING,
};

/// How deep generated values nest.
const MAX_DEPTH: usize = 10;

/// Required properties filled in per object (GitHub's `repository` requires 90; the work
/// budget bounds the total).
const MAX_REQUIRED: usize = 1024;

/// A generator over one side, with a work budget.
pub(crate) struct Generator<'s, 'a> {
    side: &'s Side<'a>,
    budget: Cell<usize>,
}

/// Negative constraints read from `not` subschemas.
#[derive(Default)]
struct Negative {
    types: u8,
    required: Vec<String>,
    patterns: Vec<String>,
    values: Vec<Value>,
}

fn negatives(node: &Node<'_>) -> Negative {
    let mut neg = Negative::default();
    for (_, not) in node.all("not") {
        let Some(map) = not.as_object() else {
            continue;
        };
        if let Some(bits) = map.get("type").and_then(type_bits) {
            neg.types |= bits;
        }
        if let Some(Value::Array(names)) = map.get("required") {
            if names.len() == 1 {
                if let Some(n) = names[0].as_str() {
                    neg.required.push(n.to_string());
                }
            }
        }
        if let Some(Value::String(p)) = map.get("pattern") {
            neg.patterns.push(p.clone());
        }
        if let Some(c) = map.get("const") {
            neg.values.push(c.clone());
        }
        if let Some(Value::Array(vals)) = map.get("enum") {
            neg.values.extend(vals.iter().cloned());
        }
    }
    neg
}

/// Whether `node` has keywords of the given type family.
fn mentions(node: &Node<'_>, family: u8) -> bool {
    let kws: &[&str] = match family {
        T_OBJECT => &[
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "minProperties",
            "maxProperties",
            "propertyNames",
            "dependentRequired",
            "dependentSchemas",
            "unevaluatedProperties",
        ],
        T_ARRAY => &[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "contains",
            "uniqueItems",
            "additionalItems",
            "unevaluatedItems",
        ],
        T_STRING => &[
            "pattern",
            "minLength",
            "maxLength",
            "format",
            "contentEncoding",
        ],
        _ => &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    };
    node.has_any(kws)
}

impl<'s, 'a> Generator<'s, 'a> {
    /// A generator over `side` that builds at most `budget` values.
    pub fn new(side: &'s Side<'a>, budget: usize) -> Self {
        Generator {
            side,
            budget: Cell::new(budget),
        }
    }

    fn spend(&self) -> bool {
        let left = self.budget.get();
        if left == 0 {
            return false;
        }
        self.budget.set(left - 1);
        true
    }

    /// The node of property `name` under `node` (`None` when a reference fails).
    pub fn child_prop<'n>(&self, node: &Node<'n>, name: &str) -> Option<Node<'n>>
    where
        'a: 'n,
    {
        self.side.child_prop(node, name).ok()
    }

    /// `node` plus the subschemas `extra` (JSON, read as 2020-12).
    pub fn with_extra<'n>(&self, node: &Node<'n>, extra: &'n Value) -> Result<Node<'n>, LoadError>
    where
        'a: 'n,
    {
        self.side.extend(
            node,
            vec![(
                contracts_core::Location::new("", "/witness"),
                extra,
                contracts_core::Draft::Draft202012,
            )],
        )
    }

    /// Variants of `node` that pick one branch of its first `anyOf`/`oneOf`, and `if`+`then` /
    /// `else`; `node` itself first.
    pub fn variants<'n>(&self, node: &Node<'n>) -> Vec<Node<'n>>
    where
        'a: 'n,
    {
        let mut out = vec![node.clone()];
        for kw in ["oneOf", "anyOf"] {
            if let Some((p, Value::Array(branches))) = node.first(kw) {
                for (i, b) in branches.iter().enumerate().take(6) {
                    let loc = p.at(kw).join(&i.to_string());
                    if let Ok(n) = self.side.extend(node, vec![(loc, b, p.draft)]) {
                        out.push(n);
                    }
                }
                break;
            }
        }
        if let Some((p, cond)) = node.first("if") {
            let mut work = vec![(p.at("if"), cond, p.draft)];
            if let Some(then) = p.get("then") {
                work.push((p.at("then"), then, p.draft));
            }
            if let Ok(n) = self.side.extend(node, work) {
                out.push(n);
            }
            if let Some(els) = p.get("else") {
                if let Ok(n) = self.side.extend(node, vec![(p.at("else"), els, p.draft)]) {
                    out.push(n);
                }
            }
        }
        out
    }

    /// Candidate values for `node`, most likely valid first (one per admissible type, from its
    /// variants), at most `limit`.
    pub fn candidates<'n>(&self, node: &Node<'n>, limit: usize) -> Vec<Value>
    where
        'a: 'n,
    {
        let variants = self.variants(node);
        // With branches, try each branch first (a couple of values each), the bare node last.
        let per = if variants.len() > 1 { 2 } else { limit };
        let mut out: Vec<Value> = Vec::new();
        for variant in variants.iter().skip(1).chain(variants.first()) {
            for v in self.values(variant, 0, per) {
                if !out.iter().any(|w| json_eq(w, &v)) {
                    out.push(v);
                }
            }
            if out.len() >= limit {
                break;
            }
        }
        out.truncate(limit.max(1));
        out
    }

    /// The first candidate for `node`.
    pub fn one<'n>(&self, node: &Node<'n>, depth: usize) -> Option<Value>
    where
        'a: 'n,
    {
        if depth > MAX_DEPTH {
            return None;
        }
        if node.has_any(&["anyOf", "oneOf", "if"]) {
            // Prefer a branch: the base alone rarely satisfies a union.
            let variants = self.variants(node);
            for v in variants.iter().skip(1).chain(variants.first()) {
                if let Some(x) = self.values(v, depth, 1).into_iter().next() {
                    return Some(x);
                }
            }
            return None;
        }
        self.values(node, depth, 1).into_iter().next()
    }

    fn values<'n>(&self, node: &Node<'n>, depth: usize, limit: usize) -> Vec<Value>
    where
        'a: 'n,
    {
        if depth > MAX_DEPTH || node.never().is_some() || !self.spend() {
            return Vec::new();
        }
        let f = Facets::of(node);
        let neg = negatives(node);
        if let Some(values) = &f.values {
            return values
                .items
                .iter()
                .map(|(v, _)| (*v).clone())
                .filter(|v| !neg.values.iter().any(|n| json_eq(n, v)))
                .take(limit.max(1))
                .collect();
        }
        let types = f.types & !neg.types;
        let mut order: Vec<u8> = Vec::new();
        for family in [T_OBJECT, T_ARRAY, T_STRING] {
            if mentions(node, family) {
                order.push(family);
            }
        }
        if mentions(node, T_INTEGER) {
            order.extend([T_INTEGER, T_FRACTION]);
        }
        order.extend([
            T_NULL, T_BOOL, T_INTEGER, T_STRING, T_FRACTION, T_OBJECT, T_ARRAY,
        ]);
        let mut out = Vec::new();
        let mut tried = 0u8;
        for t in order {
            if types & t == 0 || tried & t != 0 {
                continue;
            }
            tried |= t;
            let v = match t {
                T_NULL => Some(Value::Null),
                T_BOOL => Some(Value::Bool(false)),
                T_INTEGER => self.integer(&f),
                T_FRACTION => self.fraction(&f),
                T_STRING => self.string(&f, &neg),
                T_ARRAY => self.array(node, &f, depth, None),
                T_OBJECT => self.object(node, &f, &neg, depth, None),
                _ => None,
            };
            if let Some(v) = v {
                if !neg.values.iter().any(|n| json_eq(n, &v)) {
                    out.push(v);
                }
            }
            if out.len() >= limit {
                break;
            }
        }
        out
    }

    fn integer(&self, f: &Facets<'_>) -> Option<Value> {
        let lo = f.lower.as_ref().map(|b| b.to_integer(true).value);
        let hi = f.upper.as_ref().map(|b| b.to_integer(false).value);
        let lo = lo.and_then(|n| n.as_f64());
        let hi = hi.and_then(|n| n.as_f64());
        let step = f
            .multiple_of
            .iter()
            .filter_map(|(m, _)| m.as_f64())
            .find(|m| *m > 0.0 && m.fract() == 0.0)
            .unwrap_or(1.0);
        let start = match (lo, hi) {
            (Some(l), _) => l,
            (None, Some(h)) if h < 0.0 => h,
            _ => 0.0,
        };
        let mut v = (start / step).ceil() * step;
        if let (None, Some(h)) = (lo, hi) {
            if v > h {
                v = (h / step).floor() * step;
            }
        }
        if hi.is_some_and(|h| v > h) || lo.is_some_and(|l| v < l) || v.abs() > 9.0e15 {
            return None;
        }
        Some(Value::from(v as i64))
    }

    fn fraction(&self, f: &Facets<'_>) -> Option<Value> {
        let lo = f.lower.as_ref().and_then(|b| b.value.as_f64());
        let hi = f.upper.as_ref().and_then(|b| b.value.as_f64());
        let v = match (lo, hi) {
            (Some(l), Some(h)) => {
                let mid = (l + h) / 2.0;
                if mid.fract() == 0.0 {
                    l + (h - l) / 4.0
                } else {
                    mid
                }
            }
            (Some(l), None) => l.floor() + 0.5,
            (None, Some(h)) => h.ceil() - 0.5,
            (None, None) => 0.5,
        };
        if v.fract() == 0.0 {
            return None;
        }
        Number::from_f64(v).map(Value::Number)
    }

    fn string(&self, f: &Facets<'_>, neg: &Negative) -> Option<Value> {
        let min = f.min_length.as_ref().map_or(0, |c| c.value) as usize;
        let max = f
            .max_length
            .as_ref()
            .map_or(usize::MAX, |c| c.value as usize);
        if min > 256 || min > max {
            return None;
        }
        let fits = |s: &str| {
            let n = s.chars().count();
            n >= min
                && n <= max
                && f.patterns
                    .iter()
                    .all(|(p, _)| pattern_matches(p, s) != Some(false))
                && neg
                    .patterns
                    .iter()
                    .all(|p| pattern_matches(p, s) != Some(true))
        };
        let mut candidates: Vec<String> = Vec::new();
        if let Some((fmt, _)) = f.formats.first() {
            candidates.extend(format_samples(fmt));
        }
        for (p, _) in &f.patterns {
            for target in [min, min.max(1), min + 1, min + 4] {
                if let Some(s) = string_for_pattern(p, target) {
                    candidates.push(s);
                }
            }
        }
        candidates.push("a".repeat(min));
        for c in [
            "a", "0", "A", "z", "-", " ", "!", "_", "aa", "a0", "0a", "ab1", "é",
        ] {
            let mut s = c.to_string();
            while s.chars().count() < min {
                s.push_str(c);
            }
            candidates.push(s);
        }
        candidates.into_iter().find(|s| fits(s)).map(Value::String)
    }

    /// An array for `node`; with `fixed = (i, v)`, item `i` is `v` and items before it are
    /// generated.
    pub fn array_with<'n>(
        &self,
        node: &Node<'n>,
        depth: usize,
        fixed: Option<(usize, Value)>,
    ) -> Option<Value>
    where
        'a: 'n,
    {
        let f = Facets::of(node);
        self.array(node, &f, depth, fixed)
    }

    /// [`Generator::array_with`] with the node's facets already computed.
    pub fn array<'n>(
        &self,
        node: &Node<'n>,
        f: &Facets<'_>,
        depth: usize,
        fixed: Option<(usize, Value)>,
    ) -> Option<Value>
    where
        'a: 'n,
    {
        let min = f.min_items.as_ref().map_or(0, |c| c.value) as usize;
        let max = f
            .max_items
            .as_ref()
            .map_or(usize::MAX, |c| c.value as usize);
        let has_contains = node.has_any(&["contains"]);
        let mut len = min.max(usize::from(has_contains));
        if let Some((i, _)) = &fixed {
            len = len.max(i + 1);
        }
        if len > max || len > 64 {
            return None;
        }
        let mut items: Vec<Value> = Vec::with_capacity(len);
        for i in 0..len {
            if let Some((j, v)) = &fixed {
                if *j == i {
                    items.push(v.clone());
                    continue;
                }
            }
            let mut child = self.side.child_index(node, i).ok()?;
            if i == 0 && has_contains && fixed.is_none() {
                if let Ok(c) = self.side.child_keyword(node, "contains") {
                    child.parts.extend(c.parts);
                }
            }
            let mut v = self.one(&child, depth + 1)?;
            if f.unique_items.is_some() && items.iter().any(|w| json_eq(w, &v)) {
                let alternatives = self.values(&child, depth + 1, 6);
                v = alternatives
                    .into_iter()
                    .find(|a| !items.iter().any(|w| json_eq(w, a)))
                    .unwrap_or_else(|| Value::from(i as u64));
            }
            items.push(v);
        }
        Some(Value::Array(items))
    }

    /// An object for `node`; with `fixed = (name, v)`, property `name` is `v`.
    pub fn object_with<'n>(
        &self,
        node: &Node<'n>,
        depth: usize,
        fixed: Option<(String, Value)>,
    ) -> Option<Value>
    where
        'a: 'n,
    {
        let f = Facets::of(node);
        let neg = negatives(node);
        self.object(node, &f, &neg, depth, fixed)
    }

    fn object<'n>(
        &self,
        node: &Node<'n>,
        f: &Facets<'_>,
        neg: &Negative,
        depth: usize,
        fixed: Option<(String, Value)>,
    ) -> Option<Value>
    where
        'a: 'n,
    {
        let mut map = Map::new();
        if let Some((name, v)) = &fixed {
            map.insert(name.clone(), v.clone());
        }
        let mut wanted: Vec<String> = f.required.iter().map(|(n, _)| n.clone()).collect();
        let mut i = 0;
        while i < wanted.len() && i < MAX_REQUIRED {
            let name = wanted[i].clone();
            i += 1;
            if map.contains_key(&name) {
                continue;
            }
            if neg.required.contains(&name) {
                return None;
            }
            let child = self.side.child_prop(node, &name).ok()?;
            let v = self.one(&child, depth + 1)?;
            map.insert(name.clone(), v);
            // dependentRequired / array-form dependencies of a present property.
            for kw in ["dependentRequired", "dependencies"] {
                for (_, deps) in node.all(kw) {
                    if let Some(Value::Array(names)) = deps.get(&name) {
                        for n in names.iter().filter_map(Value::as_str) {
                            if !wanted.iter().any(|w| w == n) {
                                wanted.push(n.to_string());
                            }
                        }
                    }
                }
            }
        }
        let min = f.min_properties.as_ref().map_or(0, |c| c.value) as usize;
        if map.len() < min {
            let mut names = node.property_names();
            for k in 0..min {
                names.push(format!("p{k}"));
            }
            for name in names {
                if map.len() >= min {
                    break;
                }
                if map.contains_key(&name) || neg.required.contains(&name) {
                    continue;
                }
                let child = self.side.child_prop(node, &name).ok()?;
                if child.never().is_some() {
                    continue;
                }
                if let Some(v) = self.one(&child, depth + 1) {
                    map.insert(name, v);
                }
            }
        }
        if f.max_properties
            .as_ref()
            .is_some_and(|c| (map.len() as u64) > c.value)
        {
            return None;
        }
        Some(Value::Object(map))
    }
}

/// Sample strings of a `format` (Validation 2020-12 §7.3).
fn format_samples(format: &str) -> Vec<String> {
    let s: &[&str] = match format {
        "date-time" => &["2024-01-01T00:00:00Z"],
        "date" => &["2024-01-01"],
        "time" => &["00:00:00Z"],
        "duration" => &["P1D"],
        "email" | "idn-email" => &["a@example.com"],
        "hostname" | "idn-hostname" => &["example.com"],
        "ipv4" => &["192.0.2.1"],
        "ipv6" => &["2001:db8::1"],
        "uri" | "iri" => &["https://example.com/a"],
        "uri-reference" | "iri-reference" => &["/a"],
        "uri-template" => &["https://example.com/{a}"],
        "uuid" => &["5f0c2d8e-1b7a-4c39-8e64-3a9d2f71c0b4"],
        "json-pointer" => &["/a"],
        "relative-json-pointer" => &["0/a"],
        "regex" => &["^a$"],
        _ => &[],
    };
    s.iter().map(|x| x.to_string()).collect()
}

/// A string matching `pattern` (unanchored) of about `target` characters, generated from the
/// pattern's syntax tree; `None` when the pattern does not parse or nothing fits.
pub(crate) fn string_for_pattern(pattern: &str, target: usize) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let base = emit(&hir, 0)?;
    let mut out = base;
    // Stretch: repeat the pattern's own output until long enough (works for unanchored
    // patterns and for `^x+$`-like shapes through the repetition branch).
    if out.chars().count() < target {
        if let Some(longer) = emit(&hir, target) {
            out = longer;
        }
    }
    (pattern_matches(pattern, &out) == Some(true)).then_some(out)
}

/// The longest string [`emit`] builds (bytes): a match any longer is no use as a witness,
/// and nested repetitions (`((a{256}){256}){256}`) multiply, so the bound is on the product.
const MAX_EMITTED: usize = 1 << 12;

/// Emit a match of `hir`, at most [`MAX_EMITTED`] bytes long (`None` beyond); repetitions
/// without an upper bound produce `stretch` copies (at least their minimum).
fn emit(hir: &regex_syntax::hir::Hir, stretch: usize) -> Option<String> {
    use regex_syntax::hir::{Class, HirKind};
    Some(match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => String::new(),
        HirKind::Literal(lit) => String::from_utf8_lossy(&lit.0).into_owned(),
        HirKind::Class(Class::Unicode(c)) => {
            let ranges = c.ranges();
            let pick = ranges
                .iter()
                .flat_map(|r| {
                    ['a', 'A', '0', 'b', 'x', '_', '-']
                        .into_iter()
                        .filter(move |ch| *ch >= r.start() && *ch <= r.end())
                })
                .next()
                .or_else(|| ranges.first().map(|r| r.start()))?;
            pick.to_string()
        }
        HirKind::Class(Class::Bytes(c)) => {
            let r = c.ranges().first()?;
            let b = if r.start() <= b'a' && b'a' <= r.end() {
                b'a'
            } else {
                r.start()
            };
            if b.is_ascii() {
                (b as char).to_string()
            } else {
                return None;
            }
        }
        HirKind::Repetition(rep) => {
            let inner = emit(&rep.sub, stretch)?;
            let min = rep.min as usize;
            let count = match rep.max {
                Some(max) => min
                    .max(stretch.min(max as usize))
                    .min(max as usize)
                    .max(min),
                None => min.max(stretch.min(64)),
            };
            if count > 256 || inner.len().saturating_mul(count) > MAX_EMITTED {
                return None;
            }
            inner.repeat(count)
        }
        HirKind::Capture(cap) => emit(&cap.sub, stretch)?,
        HirKind::Concat(parts) => {
            let mut s = String::new();
            for p in parts {
                s.push_str(&emit(p, stretch)?);
                if s.len() > MAX_EMITTED {
                    return None;
                }
            }
            s
        }
        HirKind::Alternation(alts) => alts.iter().find_map(|a| emit(a, stretch))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_strings_match() {
        for p in [
            "^a",
            "^[A-Z]{3}-\\d+$",
            "^(foo|bar)$",
            "x+y?",
            "^imp_[A-Za-z0-9]{12}$",
        ] {
            let s = string_for_pattern(p, 0).expect("generates");
            assert_eq!(pattern_matches(p, &s), Some(true), "{p} -> {s}");
        }
        let long = string_for_pattern("^a+$", 5).expect("generates");
        assert!(long.len() >= 5, "{long}");
    }

    #[test]
    fn nested_repetitions_are_bounded_by_their_product() {
        // 256^5 bytes (1 TiB) if built: each repetition alone is within bounds (issue 13).
        let bomb = "^((((a{256}){256}){256}){256}){256}$";
        assert_eq!(string_for_pattern(bomb, 0), None);
        assert_eq!(string_for_pattern(bomb, 3), None);
        // A product within the bound is still generated.
        let s = string_for_pattern("^((a{16}){16})$", 0).expect("256 bytes");
        assert_eq!(s.len(), 256);
    }
}
