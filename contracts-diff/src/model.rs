//! The schema model the walk compares: a subschema as a conjunction of parts.
//!
//! A [`Node`] is what one instance position must satisfy on one side: a list of [`Part`]s, each a
//! subschema at a package [`Location`], all of which apply (a conjunction). Building a node
//! follows `$ref` (draft 4-7: the reference replaces its siblings, Core draft-07 §8.3; 2019-09 and
//! later: it applies beside them, Core 2020-12 §8.2.3.1, i.e. an implicit `allOf`),
//! `$recursiveRef`/`$dynamicRef` (read statically) and `allOf` (Core 2020-12 §10.2.1.1), so a
//! keyword moved into an `allOf` member or a referenced schema is still found. A node with no
//! parts accepts every value (`true`); a node with a `false` part accepts none.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use contracts_core::{Draft, LoadError, Location, Package, RefResolver, SchemaDocument};
use serde_json::Value;

use crate::util::pattern_matches;

/// The file name of the memo-key entries that record consumed applicators (never a real file).
const CONSUMED: &str = "\u{0}consumed";

/// Most parts one node collects (a guard against pathological `allOf` fan-out).
const MAX_PARTS: usize = 128;

/// One subschema of a conjunction.
#[derive(Debug, Clone)]
pub(crate) struct Part<'a> {
    /// Where it is in the package (a synthetic location for witness constraints).
    pub loc: Location,
    /// The subschema: an object or a boolean.
    pub value: &'a Value,
    /// The draft of the document that holds it.
    pub draft: Draft,
    /// The index (in the node's parts) of the part that brought this one in through `allOf`,
    /// `$ref` or a distributed `anyOf`/`oneOf`/`if`; `None` for a part the node starts from.
    /// `unevaluated*` of a part sees what the part and its descendants evaluate (Core 2020-12
    /// §11), not what its siblings do.
    pub origin: Option<usize>,
}

impl<'a> Part<'a> {
    /// The value of keyword `kw` if this part is an object that has it and `kw` means something
    /// in the part's draft.
    pub fn get(&self, kw: &str) -> Option<&'a Value> {
        if !keyword_active(self.draft, kw) {
            return None;
        }
        self.value.as_object()?.get(kw)
    }

    /// The location of keyword `kw` in this part.
    pub fn at(&self, kw: &str) -> Location {
        self.loc.join(kw)
    }

    /// Whether this part is the `false` schema.
    pub fn is_false(&self) -> bool {
        self.value == &Value::Bool(false)
    }
}

/// What one instance position must satisfy on one side: every part applies.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    /// The conjuncts; empty means "accepts everything".
    pub parts: Vec<Part<'a>>,
    /// Where to point when the node has no part holding the keyword in question: the subschema
    /// the walk reached, or the subschema that would hold the missing keyword.
    pub anchor: Location,
    /// `anyOf`/`oneOf`/`if` keyword locations already distributed into this node (the node is
    /// one alternative of them), so they are not distributed again.
    pub consumed: Vec<Location>,
}

impl<'a> Node<'a> {
    /// The first `false` part, if any: the node accepts nothing.
    pub fn never(&self) -> Option<&Part<'a>> {
        self.parts.iter().find(|p| {
            p.is_false()
                || p.get("not").is_some_and(|n| match n {
                    Value::Bool(b) => *b,
                    Value::Object(m) => m.keys().all(|k| is_annotation_keyword(k)),
                    _ => false,
                })
        })
    }

    /// Whether no part constrains anything (every part is `true` or `{}` modulo annotations).
    pub fn is_trivially_true(&self) -> bool {
        self.parts.iter().all(|p| match p.value {
            Value::Bool(b) => *b,
            Value::Object(map) => map.keys().all(|k| is_annotation_keyword(k)),
            _ => true,
        })
    }

    /// The sorted locations of the parts: the memo key of this node.
    pub fn key(&self) -> Vec<Location> {
        let mut key: Vec<Location> = self.parts.iter().map(|p| p.loc.clone()).collect();
        key.sort();
        key.dedup();
        let mut consumed: Vec<Location> = self
            .consumed
            .iter()
            .map(|l| Location::new(CONSUMED, l.to_string()))
            .collect();
        consumed.sort();
        consumed.dedup();
        key.extend(consumed);
        key
    }

    /// Whether the applicator at `loc` was distributed into this node already.
    pub fn is_consumed(&self, loc: &Location) -> bool {
        self.consumed.contains(loc)
    }

    /// The values of keyword `kw` over the parts, with the part that holds each.
    pub fn all(&self, kw: &str) -> Vec<(&Part<'a>, &'a Value)> {
        self.parts
            .iter()
            .filter_map(|p| p.get(kw).map(|v| (p, v)))
            .collect()
    }

    /// The first part holding keyword `kw`, with its value.
    pub fn first(&self, kw: &str) -> Option<(&Part<'a>, &'a Value)> {
        self.parts.iter().find_map(|p| p.get(kw).map(|v| (p, v)))
    }

    /// Where keyword `kw` is (first part holding it), else the node's anchor.
    pub fn loc_of(&self, kw: &str) -> Location {
        self.first(kw)
            .map_or_else(|| self.anchor.clone(), |(p, _)| p.at(kw))
    }

    /// The location of the node itself: its first part, else the anchor.
    pub fn loc(&self) -> Location {
        self.parts
            .first()
            .map_or_else(|| self.anchor.clone(), |p| p.loc.clone())
    }

    /// The property names declared in `properties` by any part.
    pub fn property_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for (_, props) in self.all("properties") {
            if let Some(map) = props.as_object() {
                for name in map.keys() {
                    if seen.insert(name.as_str()) {
                        names.push(name.clone());
                    }
                }
            }
        }
        names
    }

    /// Whether any part has one of `keywords`.
    pub fn has_any(&self, keywords: &[&str]) -> bool {
        keywords.iter().any(|k| self.first(k).is_some())
    }
}

/// Whether `kw` is an annotation only (no effect on validation in any draft).
pub(crate) fn is_annotation_keyword(kw: &str) -> bool {
    matches!(
        kw,
        "title"
            | "description"
            | "examples"
            | "default"
            | "deprecated"
            | "$comment"
            | "readOnly"
            | "writeOnly"
            | "$schema"
            | "$id"
            | "id"
            | "$anchor"
            | "$dynamicAnchor"
            | "$recursiveAnchor"
            | "$defs"
            | "definitions"
            | "$vocabulary"
    )
}

/// Whether keyword `kw` is defined by `draft`'s vocabularies (Validation/Core of each draft).
/// Keywords a draft does not define are ignored by validators of that draft, so the walk reads
/// them as annotations.
pub(crate) fn keyword_active(draft: Draft, kw: &str) -> bool {
    use Draft::*;
    // Keywords that hold subschemas: core's per-draft table (`$defs`/`definitions` are places,
    // not applicators, and are read below).
    if !matches!(kw, "$defs" | "definitions") && contracts_core::keywords::in_any_draft(kw) {
        return contracts_core::keywords::shape(draft, kw).is_some();
    }
    match kw {
        "const" | "examples" => draft >= Draft6,
        "$comment" | "readOnly" | "writeOnly" => draft >= Draft7,
        // Not in draft 6's text, but the `jsonschema` validator asserts them from draft 6 on.
        "contentEncoding" | "contentMediaType" => draft >= Draft6,
        "dependentRequired" | "minContains" | "maxContains" | "deprecated" | "$anchor"
        | "$defs" => draft >= Draft201909,
        "$recursiveRef" | "$recursiveAnchor" => draft == Draft201909,
        "$dynamicRef" | "$dynamicAnchor" => draft >= Draft202012,
        _ => true,
    }
}

/// Whether part `j` was brought in (transitively) by part `i`.
fn descends_from(parts: &[Part<'_>], j: usize, i: usize) -> bool {
    let mut cur = parts.get(j).and_then(|p| p.origin);
    let mut steps = 0;
    while let Some(k) = cur {
        if k == i {
            return true;
        }
        steps += 1;
        if steps > parts.len() {
            return false;
        }
        cur = parts.get(k).and_then(|p| p.origin);
    }
    false
}

/// One package's side of the walk: the package, its resolver and caches.
pub(crate) struct Side<'a> {
    /// The package.
    pub pkg: &'a Package,
    resolver: RefResolver<'a>,
    cache: RefCell<HashMap<(Location, String), Item<'a>>>,
    /// The documents of each file, innermost (longest pointer) first.
    docs_by_file: HashMap<&'a str, Vec<&'a SchemaDocument>>,
    validators: crate::validate::Validators<'a>,
    /// Whether `format` asserts.
    pub format_assertion: bool,
}

/// A subschema to expand: location, value, draft.
type Item<'a> = (Location, &'a Value, Draft);

impl<'a> Side<'a> {
    /// A side over `pkg`.
    ///
    /// # Errors
    /// [`LoadError::Conflict`] when the package's resolver cannot be built.
    pub fn new(pkg: &'a Package, format_assertion: bool) -> Result<Self, LoadError> {
        let mut docs_by_file: HashMap<&'a str, Vec<&'a SchemaDocument>> = HashMap::new();
        for doc in pkg.documents.values().chain(pkg.external.values()) {
            docs_by_file.entry(doc.file.as_str()).or_default().push(doc);
        }
        for docs in docs_by_file.values_mut() {
            docs.sort_by_key(|d| std::cmp::Reverse(d.pointer.len()));
        }
        Ok(Side {
            pkg,
            resolver: pkg.resolver()?,
            cache: RefCell::new(HashMap::new()),
            docs_by_file,
            validators: crate::validate::Validators::new(pkg, format_assertion),
            format_assertion,
        })
    }

    /// Whether the subschema at `loc` accepts `instance`, by the package validator (`jsonschema`
    /// with every document registered); `None` when no validator can be built there.
    pub fn validates(&self, loc: &Location, instance: &Value) -> Option<bool> {
        self.validators.validates(loc, instance)
    }

    /// Whether every part of `node` accepts `instance` (`None` when some part has no
    /// validator; synthetic parts are skipped).
    pub fn node_validates(&self, node: &Node<'_>, instance: &Value) -> Option<bool> {
        for p in &node.parts {
            if p.loc.file.is_empty() {
                continue;
            }
            if p.is_false() {
                return Some(false);
            }
            if !self.validates(&p.loc, instance)? {
                return Some(false);
            }
        }
        Some(true)
    }

    /// The node made of exactly the subschemas at `locs` (no further expansion: a route step's
    /// recorded parts).
    pub fn node_at(&self, locs: &[Location], anchor: Location) -> Node<'a> {
        let mut parts: Vec<Part<'a>> = locs
            .iter()
            .filter_map(|l| {
                let doc = self.doc_at(l)?;
                let value = self.value_at(l)?;
                Some(Part {
                    loc: l.clone(),
                    value,
                    draft: doc.draft,
                    origin: None,
                })
            })
            .collect();
        // Rebuild the origins (for `unevaluated*`): a part under another one's location (an
        // `allOf` member, a branch) descends from the closest such part; a reference target
        // descends from the part whose `$ref` resolves to it.
        let n = parts.len();
        for j in 0..n {
            let loc = parts[j].loc.clone();
            let mut origin = (0..n)
                .filter(|&i| {
                    let p = &parts[i].loc;
                    i != j
                        && p.file == loc.file
                        && loc.pointer.len() > p.pointer.len()
                        && loc.pointer.starts_with(&p.pointer)
                        && loc.pointer.as_bytes().get(p.pointer.len()) == Some(&b'/')
                })
                .max_by_key(|&i| parts[i].loc.pointer.len());
            if origin.is_none() {
                origin = (0..n).find(|&i| {
                    i != j
                        && ["$ref", "$dynamicRef", "$recursiveRef"].iter().any(|kw| {
                            parts[i]
                                .value
                                .get(*kw)
                                .and_then(Value::as_str)
                                .and_then(|r| self.resolve(&parts[i].loc, r).ok())
                                .is_some_and(|(t, _, _)| t == loc)
                        })
                });
            }
            parts[j].origin = origin;
        }
        Node {
            parts,
            anchor,
            consumed: Vec::new(),
        }
    }

    /// The location a chain of bare `$ref`s starting at `loc` ends at: while the subschema
    /// there is an object whose only keyword besides annotations is `$ref`, its target (so a
    /// `$ref` site and the definition it names are one place). `loc` itself when it is not a
    /// bare `$ref`, or when a reference does not resolve.
    pub fn through_refs(&self, loc: &Location) -> Location {
        let mut at = loc.clone();
        for _ in 0..16 {
            let Some(Value::Object(map)) = self.value_at(&at) else {
                break;
            };
            let Some(reference) = map.get("$ref").and_then(Value::as_str) else {
                break;
            };
            if !map
                .keys()
                .all(|k| k == "$ref" || crate::same::ANNOTATIONS.contains(&k.as_str()))
            {
                break;
            }
            match self.resolve(&at, reference) {
                Ok((target, _, _)) if target != at => at = target,
                _ => break,
            }
        }
        at
    }

    /// The document holding `loc` (the innermost one), like [`Package::by_location`] but
    /// through an index by file (documents of the package and its external ones).
    pub fn doc_at(&self, loc: &Location) -> Option<&'a SchemaDocument> {
        self.docs_by_file
            .get(loc.file.as_str())?
            .iter()
            .copied()
            .find(|d| {
                loc.pointer.starts_with(&d.pointer)
                    && (loc.pointer.len() == d.pointer.len()
                        || loc.pointer[d.pointer.len()..].starts_with('/'))
            })
    }

    /// The value at `loc`, like [`Package::value_at`] but through [`Side::doc_at`].
    pub fn value_at(&self, loc: &Location) -> Option<&'a Value> {
        let doc = self.doc_at(loc)?;
        doc.value.pointer(&loc.pointer[doc.pointer.len()..])
    }

    /// The location `reference` written at `from` resolves to, if it resolves.
    pub fn resolve_location(&self, from: &Location, reference: &str) -> Option<Location> {
        self.resolve(from, reference).ok().map(|(loc, _, _)| loc)
    }

    /// Resolve `reference` written at `from`.
    fn resolve(&self, from: &Location, reference: &str) -> Result<Item<'a>, LoadError> {
        let key = (from.clone(), reference.to_string());
        if let Some(hit) = self.cache.borrow().get(&key) {
            return Ok(hit.clone());
        }
        let resolved = self.resolver.resolve(from, reference)?;
        let item = (resolved.location(), resolved.value, resolved.document.draft);
        self.cache.borrow_mut().insert(key, item.clone());
        Ok(item)
    }

    /// The node of the subschema at `loc`: the subschema plus everything it pulls in through
    /// `$ref`/`$recursiveRef`/`$dynamicRef` and `allOf`, iteratively (no recursion, so deep or
    /// cyclic input cannot overflow the stack; a location already collected is skipped, so
    /// reference cycles terminate).
    ///
    /// # Errors
    /// [`LoadError::UnresolvableRef`] for a reference the package cannot resolve.
    pub fn node(
        &self,
        loc: Location,
        value: &'a Value,
        draft: Draft,
    ) -> Result<Node<'a>, LoadError> {
        let anchor = loc.clone();
        let mut parts = Vec::new();
        self.expand_into(&mut parts, vec![(loc, value, draft)])?;
        Ok(Node {
            parts,
            anchor,
            consumed: Vec::new(),
        })
    }

    /// The node of a document's root.
    pub fn root(&self, doc: &'a contracts_core::SchemaDocument) -> Result<Node<'a>, LoadError> {
        self.node(doc.location(), &doc.value, doc.draft)
    }

    fn expand_into<'n>(
        &self,
        parts: &mut Vec<Part<'n>>,
        work: Vec<Item<'n>>,
    ) -> Result<(), LoadError>
    where
        'a: 'n,
    {
        // The origin of an item given from outside: the part whose location contains it (an
        // `anyOf` branch or a `then` under the part that holds the keyword), if any.
        let mut work: Vec<(Location, &'n Value, Draft, Option<usize>)> = work
            .into_iter()
            .map(|(loc, value, draft)| {
                let origin = parts
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        p.loc.file == loc.file
                            && loc.pointer.len() > p.loc.pointer.len()
                            && loc.pointer.starts_with(&p.loc.pointer)
                            && loc.pointer.as_bytes().get(p.loc.pointer.len()) == Some(&b'/')
                    })
                    .max_by_key(|(_, p)| p.loc.pointer.len())
                    .map(|(i, _)| i);
                (loc, value, draft, origin)
            })
            .collect();
        work.reverse();
        let mut seen: HashSet<Location> = parts.iter().map(|p| p.loc.clone()).collect();
        while let Some((loc, value, draft, origin)) = work.pop() {
            if parts.len() >= MAX_PARTS {
                break;
            }
            if !seen.insert(loc.clone()) {
                continue;
            }
            match value {
                Value::Bool(true) => {}
                Value::Bool(false) => parts.push(Part {
                    loc,
                    value,
                    draft,
                    origin,
                }),
                Value::Object(map) => {
                    let mut refs = Vec::new();
                    if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                        refs.push(r);
                    }
                    for kw in ["$recursiveRef", "$dynamicRef"] {
                        if keyword_active(draft, kw) {
                            if let Some(r) = map.get(kw).and_then(Value::as_str) {
                                refs.push(r);
                            }
                        }
                    }
                    let mut targets = Vec::new();
                    for r in &refs {
                        targets.push(self.resolve(&loc, r)?);
                    }
                    let siblings_apply = refs.is_empty() || draft >= Draft::Draft201909;
                    // This part's index when it is kept; its includes descend from it.
                    let (me, child_origin) = if siblings_apply {
                        (Some(parts.len()), Some(parts.len()))
                    } else {
                        (None, origin)
                    };
                    // Pushed in reverse so that the walk order is: this part, allOf members,
                    // then reference targets.
                    for (tl, tv, td) in targets.into_iter().rev() {
                        work.push((tl, tv, td, child_origin));
                    }
                    if me.is_some() {
                        if let Some(Value::Array(members)) = map.get("allOf") {
                            let base = loc.join("allOf");
                            for (i, m) in members.iter().enumerate().rev() {
                                work.push((base.join(&i.to_string()), m, draft, child_origin));
                            }
                        }
                        parts.push(Part {
                            loc,
                            value,
                            draft,
                            origin,
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `node` plus the subschema at `loc` (e.g. an `anyOf` branch or a witness constraint).
    pub fn extend<'n>(&self, node: &Node<'n>, extra: Vec<Item<'n>>) -> Result<Node<'n>, LoadError>
    where
        'a: 'n,
    {
        let mut parts = node.parts.clone();
        self.expand_into(&mut parts, extra)?;
        Ok(Node {
            parts,
            anchor: node.anchor.clone(),
            consumed: node.consumed.clone(),
        })
    }

    /// What the instance's property `name` must satisfy under `node`: for each part, its
    /// `properties[name]`, else the `patternProperties` whose pattern matches `name`, else its
    /// `additionalProperties` (Validation/Core 2020-12 §10.3.2.1-3; each part judges the name
    /// against its own declarations).
    pub fn child_prop<'n>(&self, node: &Node<'n>, name: &str) -> Result<Node<'n>, LoadError>
    where
        'a: 'n,
    {
        // Which parts evaluate the name themselves (Core 2020-12 §10.3.2.1-3, §11.3).
        let own: Vec<bool> = node
            .parts
            .iter()
            .map(|p| {
                p.value.is_object()
                    && (p.get("properties").and_then(|m| m.get(name)).is_some()
                        || p.get("additionalProperties").is_some()
                        || p.get("unevaluatedProperties").is_some()
                        || matches!(p.get("patternProperties"), Some(Value::Object(pp))
                            if pp.keys().any(|pat| pattern_matches(pat, name) == Some(true))))
            })
            .collect();
        let mut work = Vec::new();
        for (i, p) in node.parts.iter().enumerate() {
            if p.value.as_object().is_none() {
                continue;
            }
            let mut matched = false;
            if let Some(s) = p.get("properties").and_then(|m| m.get(name)) {
                work.push((p.at("properties").join(name), s, p.draft));
                matched = true;
            }
            if let Some(Value::Object(pp)) = p.get("patternProperties") {
                for (pat, s) in pp {
                    if pattern_matches(pat, name) == Some(true) {
                        work.push((p.at("patternProperties").join(pat), s, p.draft));
                        matched = true;
                    }
                }
            }
            if !matched {
                if let Some(s) = p.get("additionalProperties") {
                    work.push((p.at("additionalProperties"), s, p.draft));
                    matched = true;
                }
            }
            if !matched {
                // `unevaluatedProperties` sees what this part and the parts it brought in
                // evaluate, not its siblings.
                if let Some(s) = p.get("unevaluatedProperties") {
                    let evaluated_below = (0..node.parts.len())
                        .any(|j| j != i && own[j] && descends_from(&node.parts, j, i));
                    if !evaluated_below {
                        work.push((p.at("unevaluatedProperties"), s, p.draft));
                    }
                }
            }
        }
        self.child(node, work)
    }

    /// What the instance's item `index` must satisfy under `node`: `prefixItems[index]` else
    /// `items` (2020-12 §10.3.1.1-2); `items[index]` (array form) else `additionalItems`, or
    /// `items` as a single schema (draft 4 to 2019-09).
    pub fn child_index<'n>(&self, node: &Node<'n>, index: usize) -> Result<Node<'n>, LoadError>
    where
        'a: 'n,
    {
        let mut work = Vec::new();
        for p in &node.parts {
            if p.value.as_object().is_none() {
                continue;
            }
            if p.draft >= Draft::Draft202012 {
                let prefix = p.get("prefixItems").and_then(Value::as_array);
                match prefix.and_then(|a| a.get(index)) {
                    Some(s) => {
                        work.push((p.at("prefixItems").join(&index.to_string()), s, p.draft))
                    }
                    None => {
                        if let Some(s) = p.get("items") {
                            work.push((p.at("items"), s, p.draft));
                        }
                    }
                }
            } else {
                match p.get("items") {
                    Some(Value::Array(tuple)) => match tuple.get(index) {
                        Some(s) => work.push((p.at("items").join(&index.to_string()), s, p.draft)),
                        None => {
                            if let Some(s) = p.get("additionalItems") {
                                work.push((p.at("additionalItems"), s, p.draft));
                            }
                        }
                    },
                    Some(s) => work.push((p.at("items"), s, p.draft)),
                    None => {}
                }
            }
        }
        // `unevaluatedItems` of a part: for an index neither it nor a part it brought in
        // evaluates (Core 2020-12 §11.2).
        let evaluates = |p: &Part<'n>| -> bool {
            if !p.value.is_object() {
                return false;
            }
            let prefix = if p.draft >= Draft::Draft202012 {
                p.get("prefixItems")
            } else {
                match p.get("items") {
                    Some(Value::Array(_)) => p.get("items"),
                    _ => None,
                }
            };
            let in_prefix = prefix
                .and_then(Value::as_array)
                .is_some_and(|a| index < a.len());
            let rest = if p.draft >= Draft::Draft202012 {
                p.get("items").is_some()
            } else {
                matches!(p.get("items"), Some(v) if !v.is_array())
                    || (p.get("additionalItems").is_some()
                        && matches!(p.get("items"), Some(Value::Array(_))))
            };
            in_prefix || rest || p.get("unevaluatedItems").is_some()
        };
        for (i, p) in node.parts.iter().enumerate() {
            if let Some(s) = p.get("unevaluatedItems") {
                // Whether the part itself evaluates `index` by items/prefixItems.
                let own_items = if p.draft >= Draft::Draft202012 {
                    p.get("prefixItems")
                        .and_then(Value::as_array)
                        .is_some_and(|a| index < a.len())
                        || p.get("items").is_some()
                } else {
                    p.get("items").is_some_and(|v| {
                        !v.is_array() || v.as_array().is_some_and(|a| index < a.len())
                    }) || (p.get("additionalItems").is_some()
                        && matches!(p.get("items"), Some(Value::Array(_))))
                };
                let below = (0..node.parts.len()).any(|j| {
                    j != i && evaluates(&node.parts[j]) && descends_from(&node.parts, j, i)
                });
                if !own_items && !below {
                    work.push((p.at("unevaluatedItems"), s, p.draft));
                }
            }
        }
        self.child(node, work)
    }

    /// The conjunction of every part's subschema under keyword `kw` (e.g. `contains`,
    /// `propertyNames`, `additionalProperties`, `not`).
    pub fn child_keyword<'n>(&self, node: &Node<'n>, kw: &str) -> Result<Node<'n>, LoadError>
    where
        'a: 'n,
    {
        let work = node
            .parts
            .iter()
            .filter_map(|p| p.get(kw).map(|s| (p.at(kw), s, p.draft)))
            .collect();
        self.child(node, work)
    }

    /// The conjunction of every part's `patternProperties[pattern]` subschema (the pattern
    /// matched by its text, for a pattern no engine can match names against).
    pub fn child_pattern<'n>(&self, node: &Node<'n>, pattern: &str) -> Result<Node<'n>, LoadError>
    where
        'a: 'n,
    {
        let work = node
            .parts
            .iter()
            .filter_map(|p| {
                p.get("patternProperties")
                    .and_then(|m| m.get(pattern))
                    .map(|s| (p.at("patternProperties").join(pattern), s, p.draft))
            })
            .collect();
        self.child(node, work)
    }

    fn child<'n>(&self, parent: &Node<'n>, work: Vec<Item<'n>>) -> Result<Node<'n>, LoadError>
    where
        'a: 'n,
    {
        let anchor = work
            .last()
            .map_or_else(|| parent.loc(), |(loc, _, _)| loc.clone());
        let mut parts = Vec::new();
        self.expand_into(&mut parts, work)?;
        Ok(Node {
            parts,
            anchor,
            consumed: Vec::new(),
        })
    }

    /// The number of prefix (tuple) item schemas any part of `node` declares.
    pub fn prefix_len(node: &Node<'_>) -> usize {
        node.parts
            .iter()
            .map(|p| {
                let arr = if p.draft >= Draft::Draft202012 {
                    p.get("prefixItems")
                } else {
                    p.get("items")
                };
                arr.and_then(Value::as_array).map_or(0, Vec::len)
            })
            .max()
            .unwrap_or(0)
    }
}
