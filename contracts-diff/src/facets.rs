//! Effective constraints of a [`Node`]: what the conjunction of its parts says per keyword.
//!
//! The walk compares these rather than raw keywords, so that spellings with the same meaning
//! compare equal: `exclusiveMinimum: true` beside `minimum` (draft 4) and a numeric
//! `exclusiveMinimum` (draft 6+) give the same bound; a bound in an `allOf` member or a
//! referenced schema counts; `minLength: 0` is no bound; on integers `minimum: 1.5` is
//! `minimum: 2`.

use std::cmp::Ordering;
use std::collections::HashSet;

use contracts_core::{Draft, Location};
use serde_json::{Number, Value};

use crate::model::{Node, Part};
use crate::util::{num_cmp, type_bits, type_of, ValueSet, T_ALL, T_FRACTION, T_INTEGER, T_NUMBER};

/// A numeric bound: value, whether it excludes the value itself, and where it is.
#[derive(Debug, Clone)]
pub(crate) struct Bound {
    /// The bound.
    pub value: Number,
    /// `exclusiveMinimum`/`exclusiveMaximum` (either form).
    pub exclusive: bool,
    /// The keyword that sets it.
    pub loc: Location,
}

impl Bound {
    /// As a lower bound, is `self` stricter than `other`? (`Greater` = stricter.)
    pub fn cmp_lower(&self, other: &Bound) -> Ordering {
        num_cmp(&self.value, &other.value).then(self.exclusive.cmp(&other.exclusive))
    }

    /// As an upper bound, is `self` stricter than `other`? (`Greater` = stricter.)
    pub fn cmp_upper(&self, other: &Bound) -> Ordering {
        num_cmp(&other.value, &self.value).then(self.exclusive.cmp(&other.exclusive))
    }

    /// The bound as text: `>= 5`, `> 5`, `<= 5`, `< 5`.
    pub fn describe(&self, lower: bool) -> String {
        let op = match (lower, self.exclusive) {
            (true, false) => ">=",
            (true, true) => ">",
            (false, false) => "<=",
            (false, true) => "<",
        };
        format!("{op} {}", self.value)
    }

    /// The same bound over integers only: the smallest (largest) integer it admits, inclusive.
    pub fn to_integer(&self, lower: bool) -> Bound {
        let f = self.value.as_f64().unwrap_or(0.0);
        let v = if lower {
            if self.exclusive {
                f.floor() + 1.0
            } else {
                f.ceil()
            }
        } else if self.exclusive {
            f.ceil() - 1.0
        } else {
            f.floor()
        };
        let value = if v.abs() < 9.0e15 {
            Number::from(v as i64)
        } else {
            Number::from_f64(v).unwrap_or_else(|| self.value.clone())
        };
        Bound {
            value,
            exclusive: false,
            loc: self.loc.clone(),
        }
    }
}

/// A count bound (`minLength`, `maxItems`, ...): value and location.
#[derive(Debug, Clone)]
pub(crate) struct Count {
    /// The bound.
    pub value: u64,
    /// The keyword that sets it.
    pub loc: Location,
}

/// The enumerated values a node admits (`enum`, `const`, intersected over parts).
#[derive(Debug, Clone)]
pub(crate) struct Values<'a> {
    /// The values with the location of each (`/enum/i` or `/const`).
    pub items: Vec<(&'a Value, Location)>,
    /// Whether every source was `const` (else at least one was `enum`).
    pub all_const: bool,
    /// The keyword location of the first source.
    pub loc: Location,
}

/// One `enum`/`const` of a part: its values, whether it is `const`, its location.
type ValueSource<'a> = (Vec<(&'a Value, Location)>, bool, Location);

/// The effective constraints of one node.
#[derive(Debug, Clone)]
pub(crate) struct Facets<'a> {
    /// Types admitted by `type` (intersection), [`T_ALL`] when no part has `type`.
    pub declared_types: u8,
    /// `declared_types` narrowed to the types of the enumerated values, if any.
    pub types: u8,
    /// Location of the first `type`.
    pub type_loc: Option<Location>,
    /// Enumerated values, if any part has `enum`/`const`.
    pub values: Option<Values<'a>>,
    /// Lower numeric bound.
    pub lower: Option<Bound>,
    /// Upper numeric bound.
    pub upper: Option<Bound>,
    /// `minLength` (0 is none).
    pub min_length: Option<Count>,
    /// `maxLength`.
    pub max_length: Option<Count>,
    /// `minItems` (0 is none).
    pub min_items: Option<Count>,
    /// `maxItems`.
    pub max_items: Option<Count>,
    /// `minProperties` (0 is none).
    pub min_properties: Option<Count>,
    /// `maxProperties`.
    pub max_properties: Option<Count>,
    /// Every `pattern`.
    pub patterns: Vec<(String, Location)>,
    /// Every `required` name (union), with `/required/i`.
    pub required: Vec<(String, Location)>,
    /// Every `multipleOf`.
    pub multiple_of: Vec<(Number, Location)>,
    /// `uniqueItems: true`, where.
    pub unique_items: Option<Location>,
    /// Every `format`.
    pub formats: Vec<(String, Location)>,
}

fn count(part: &Part<'_>, kw: &str, lower: bool) -> Option<Count> {
    let v = part.get(kw)?.as_f64()?;
    if v.is_nan() || v < 0.0 {
        return None;
    }
    let v = if lower { v.ceil() } else { v.floor() };
    Some(Count {
        value: if v > u64::MAX as f64 {
            u64::MAX
        } else {
            v as u64
        },
        loc: part.at(kw),
    })
}

fn tighter_count(a: Option<Count>, b: Option<Count>, lower: bool) -> Option<Count> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(x), Some(y)) => {
            let keep_x = if lower {
                x.value >= y.value
            } else {
                x.value <= y.value
            };
            Some(if keep_x { x } else { y })
        }
    }
}

fn tighter_bound(a: Option<Bound>, b: Option<Bound>, lower: bool) -> Option<Bound> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(x), Some(y)) => {
            let ord = if lower {
                x.cmp_lower(&y)
            } else {
                x.cmp_upper(&y)
            };
            Some(if ord == Ordering::Less { y } else { x })
        }
    }
}

/// The numeric bounds one part sets: `minimum` (draft 4: exclusive when
/// `exclusiveMinimum: true`), numeric `exclusiveMinimum` (draft 6+), and the same for maxima.
fn part_bounds(p: &Part<'_>, lower: bool) -> Option<Bound> {
    let (plain, excl) = if lower {
        ("minimum", "exclusiveMinimum")
    } else {
        ("maximum", "exclusiveMaximum")
    };
    let mut best = None;
    if let Some(Value::Number(n)) = p.get(plain) {
        let exclusive = p.draft == Draft::Draft4 && p.get(excl) == Some(&Value::Bool(true));
        let loc = if exclusive { p.at(excl) } else { p.at(plain) };
        best = Some(Bound {
            value: n.clone(),
            exclusive,
            loc,
        });
    }
    if p.draft >= Draft::Draft6 {
        if let Some(Value::Number(n)) = p.get(excl) {
            let b = Bound {
                value: n.clone(),
                exclusive: true,
                loc: p.at(excl),
            };
            best = tighter_bound(best, Some(b), lower);
        }
    }
    best
}

impl<'a> Facets<'a> {
    /// Keep only the types in `mask` (an alternative compared for some types only).
    pub fn restrict(&mut self, mask: u8) {
        self.declared_types &= mask;
        self.types &= mask;
        if let Some(values) = &mut self.values {
            values.items.retain(|(v, _)| type_of(v) & mask != 0);
        }
    }

    /// The effective constraints of `node`.
    pub fn of(node: &Node<'a>) -> Facets<'a> {
        let mut f = Facets {
            declared_types: T_ALL,
            types: T_ALL,
            type_loc: None,
            values: None,
            lower: None,
            upper: None,
            min_length: None,
            max_length: None,
            min_items: None,
            max_items: None,
            min_properties: None,
            max_properties: None,
            patterns: Vec::new(),
            required: Vec::new(),
            multiple_of: Vec::new(),
            unique_items: None,
            formats: Vec::new(),
        };
        // The names in `required` so far (a long list is deduplicated in linear time).
        let mut required_seen: HashSet<&str> = HashSet::new();
        for p in &node.parts {
            if p.value.as_object().is_none() {
                continue;
            }
            if let Some(t) = p.get("type") {
                if let Some(bits) = type_bits(t) {
                    f.declared_types &= bits;
                }
                if f.type_loc.is_none() {
                    f.type_loc = Some(p.at("type"));
                }
            }
            let mut sources: Vec<ValueSource<'a>> = Vec::new();
            if let Some(Value::Array(vals)) = p.get("enum") {
                let base = p.at("enum");
                let items = vals
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (v, base.join(&i.to_string())))
                    .collect();
                sources.push((items, false, base));
            }
            if let Some(c) = p.get("const") {
                sources.push((vec![(c, p.at("const"))], true, p.at("const")));
            }
            for (items, is_const, loc) in sources {
                f.values = Some(match f.values.take() {
                    None => Values {
                        items,
                        all_const: is_const,
                        loc,
                    },
                    Some(prev) => {
                        let these = ValueSet::new(items.iter().map(|(w, _)| *w));
                        Values {
                            items: prev
                                .items
                                .into_iter()
                                .filter(|(v, _)| these.contains(v))
                                .collect(),
                            all_const: prev.all_const && is_const,
                            loc: prev.loc,
                        }
                    }
                });
            }
            f.lower = tighter_bound(f.lower.take(), part_bounds(p, true), true);
            f.upper = tighter_bound(f.upper.take(), part_bounds(p, false), false);
            f.min_length = tighter_count(f.min_length.take(), count(p, "minLength", true), true);
            f.max_length = tighter_count(f.max_length.take(), count(p, "maxLength", false), false);
            f.min_items = tighter_count(f.min_items.take(), count(p, "minItems", true), true);
            f.max_items = tighter_count(f.max_items.take(), count(p, "maxItems", false), false);
            f.min_properties = tighter_count(
                f.min_properties.take(),
                count(p, "minProperties", true),
                true,
            );
            f.max_properties = tighter_count(
                f.max_properties.take(),
                count(p, "maxProperties", false),
                false,
            );
            if let Some(Value::String(pat)) = p.get("pattern") {
                if !f.patterns.iter().any(|(q, _)| q == pat) {
                    f.patterns.push((pat.clone(), p.at("pattern")));
                }
            }
            if let Some(Value::Array(names)) = p.get("required") {
                let base = p.at("required");
                for (i, n) in names.iter().enumerate() {
                    if let Some(n) = n.as_str() {
                        if required_seen.insert(n) {
                            f.required.push((n.to_string(), base.join(&i.to_string())));
                        }
                    }
                }
            }
            if let Some(Value::Number(m)) = p.get("multipleOf") {
                if !f
                    .multiple_of
                    .iter()
                    .any(|(q, _)| num_cmp(q, m) == Ordering::Equal)
                {
                    f.multiple_of.push((m.clone(), p.at("multipleOf")));
                }
            }
            if p.get("uniqueItems") == Some(&Value::Bool(true)) && f.unique_items.is_none() {
                f.unique_items = Some(p.at("uniqueItems"));
            }
            if let Some(Value::String(fmt)) = p.get("format") {
                if !f.formats.iter().any(|(q, _)| q == fmt) {
                    f.formats.push((fmt.clone(), p.at("format")));
                }
            }
        }
        for bound in [&mut f.min_length, &mut f.min_items, &mut f.min_properties] {
            if bound.as_ref().is_some_and(|c| c.value == 0) {
                *bound = None;
            }
        }
        f.types = f.declared_types;
        // Numeric bounds that admit no integer, or no fraction, or nothing at all.
        if let (Some(lo), Some(hi)) = (&f.lower, &f.upper) {
            let (l, h) = (
                lo.value.as_f64().unwrap_or(f64::MIN),
                hi.value.as_f64().unwrap_or(f64::MAX),
            );
            if l > h || (l == h && (lo.exclusive || hi.exclusive)) {
                f.types &= !T_NUMBER;
            } else if l == h {
                f.types &= if l.fract() == 0.0 {
                    !T_FRACTION
                } else {
                    !T_INTEGER
                };
            } else {
                let (li, hi_) = (lo.to_integer(true), hi.to_integer(false));
                if num_cmp(&li.value, &hi_.value) == Ordering::Greater {
                    f.types &= !T_INTEGER;
                }
            }
        }
        if let Some(values) = &mut f.values {
            let declared = f.declared_types;
            values.items.retain(|(v, _)| type_of(v) & declared != 0);
            f.types = values.items.iter().fold(0, |acc, (v, _)| acc | type_of(v));
        }
        f
    }
}
