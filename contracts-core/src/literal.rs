//! Reading JSON and YAML text into a [`Value`] without losing what the value model cannot hold
//! silently: duplicate object keys, YAML's `.nan`/`.inf`, and integer literals beyond a 64-bit
//! float's exact range.
//!
//! `serde_json::Value` keeps the last of two equal keys, has no NaN or infinity (YAML's become
//! `null` through it), and stores an integer beyond `u64` as the nearest `f64`, so
//! `18446744073709551617` and `18446744073709551616` read alike. This module parses through a
//! [`DeserializeSeed`] that tracks the JSON Pointer of every value: a duplicate key becomes a
//! warning naming the object's pointer and the key (RFC 8259 §4 and YAML 1.2 §3.2.1.1 leave
//! duplicates undefined or forbid them), a non-finite float a parse error naming its pointer,
//! and an integer literal the float cannot hold exactly a warning. [`number_literal`] gives a
//! number's digits as written, so that `contracts-diff` compares such bounds exactly.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::pointer::escape;

/// What a tracked parse noticed besides the value.
#[derive(Debug, Default)]
pub(crate) struct Noticed {
    /// Duplicate keys: the pointer of the object and the key.
    pub duplicates: Vec<(String, String)>,
    /// Pointers of float values that are integers of magnitude 2^53 or more: a literal there
    /// may hold more digits than the float. With the exact digits when the parser handed them
    /// over (YAML integers within 128 bits); for JSON they are read from the text.
    pub big: Vec<(String, Option<String>)>,
}

#[derive(Default)]
struct Ctx {
    pointer: String,
    noticed: Noticed,
}

#[derive(Clone, Copy)]
struct Seed<'c> {
    ctx: &'c RefCell<Ctx>,
}

/// At most this many duplicate keys or big numbers are recorded per document (a hostile file
/// with a million duplicates gets a bounded list of warnings).
const MAX_NOTICED: usize = 100;

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Seed<'_> {
    fn child<T>(&self, token: &str, f: impl FnOnce() -> T) -> T {
        let len = {
            let mut ctx = self.ctx.borrow_mut();
            let len = ctx.pointer.len();
            ctx.pointer.push('/');
            ctx.pointer.push_str(&escape(token));
            len
        };
        let out = f();
        self.ctx.borrow_mut().pointer.truncate(len);
        out
    }

    fn float<E: serde::de::Error>(&self, v: f64) -> Result<Value, E> {
        self.float_of(v, None)
    }

    /// `v` read as a float; `exact` the integer's digits when the parser gave them.
    fn float_of<E: serde::de::Error>(&self, v: f64, exact: Option<String>) -> Result<Value, E> {
        let Some(n) = Number::from_f64(v) else {
            let pointer = self.ctx.borrow().pointer.clone();
            return Err(E::custom(format!(
                "{v} at #{pointer}: NaN and infinities are not JSON values (write a number or \
                 a string)"
            )));
        };
        if v.fract() == 0.0 && v.abs() >= 9_007_199_254_740_992.0 {
            let mut ctx = self.ctx.borrow_mut();
            if ctx.noticed.big.len() < MAX_NOTICED {
                let pointer = ctx.pointer.clone();
                ctx.noticed.big.push((pointer, exact));
            }
        }
        Ok(Value::Number(n))
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Value, E> {
        match i64::try_from(v) {
            Ok(i) => Ok(Value::Number(i.into())),
            Err(_) => self.float_of(v as f64, Some(v.to_string())),
        }
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Value, E> {
        match u64::try_from(v) {
            Ok(u) => Ok(Value::Number(u.into())),
            Err(_) => self.float_of(v as f64, Some(v.to_string())),
        }
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        self.float(v)
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    /// The array is kept at its exact length (no spare capacity): a package holds its
    /// documents for the whole run, and most arrays of a schema are short.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        loop {
            let index = out.len().to_string();
            match self.child(&index, || seq.next_element_seed(self))? {
                Some(v) => out.push(v),
                None => {
                    out.shrink_to_fit();
                    return Ok(Value::Array(out));
                }
            }
        }
    }

    /// The object is kept at its exact size: an `IndexMap` grown by insertion keeps room for
    /// four members or more (~112 bytes each), and a package holds its documents for the whole
    /// run, so the members are moved into a map of their own count once read. A repeated key
    /// keeps its first position and its last value, as `serde_json` reads it.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(Key)? {
            let value = self.child(&key, || map.next_value_seed(self))?;
            match out.entry(key) {
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                serde_json::map::Entry::Occupied(mut slot) => {
                    slot.insert(value);
                    let mut ctx = self.ctx.borrow_mut();
                    if ctx.noticed.duplicates.len() < MAX_NOTICED {
                        let pointer = ctx.pointer.clone();
                        ctx.noticed.duplicates.push((pointer, slot.key().clone()));
                    }
                }
            }
        }
        let out: Map<String, Value> = out.into_iter().collect();
        Ok(Value::Object(out))
    }
}

/// An object key: a string, as `serde_json::Value` reads one (its messages too).
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = String;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for Key {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
}

/// Parse JSON text into a value, tracking what [`Noticed`] records.
pub(crate) fn json(text: &str) -> Result<(Value, Noticed), serde_json::Error> {
    let ctx = RefCell::new(Ctx::default());
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed { ctx: &ctx }.deserialize(&mut de)?;
    de.end()?;
    Ok((value, ctx.into_inner().noticed))
}

/// Parse one YAML document into a value, tracking what [`Noticed`] records; `.nan` and `.inf`
/// are errors naming their pointer.
pub(crate) fn yaml(text: &str) -> Result<(Value, Noticed), serde_norway::Error> {
    let ctx = RefCell::new(Ctx::default());
    let de = serde_norway::Deserializer::from_str(text);
    let value = Seed { ctx: &ctx }.deserialize(de)?;
    Ok((value, ctx.into_inner().noticed))
}

/// Whether `literal` is an integer literal (`-`? digits) whose value a 64-bit float does not
/// hold exactly; the float it was read as is `read`.
pub(crate) fn is_inexact_integer(literal: &str, read: &Value) -> bool {
    let digits = literal.strip_prefix('-').unwrap_or(literal);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some(f) = read.as_f64() else {
        return false;
    };
    format!("{:.0}", f.abs()) != digits.trim_start_matches('0')
}

/// The number literal at `pointer` in the JSON `text`, as written (`18446744073709551617`,
/// `1.5e3`), or `None` when `text` is not valid JSON or no number is there.
///
/// `serde_json::Value` stores an integer beyond `u64` as the nearest 64-bit float; the digits
/// as written decide comparisons the float cannot (see [`cmp_integer_literals`]).
pub fn number_literal<'t>(text: &'t str, pointer: &str) -> Option<&'t str> {
    let literal = text.get(json_span(text, pointer)?.value)?;
    literal
        .starts_with(|c: char| c == '-' || c.is_ascii_digit())
        .then_some(literal)
}

/// Where the value at a JSON Pointer sits in JSON text, in byte offsets (see [`json_span`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonSpan {
    /// Where the place starts: the member's key (its opening quote) for an object member, the
    /// value for an array element or the root.
    pub anchor: usize,
    /// The value as written, from its first byte to one past its last.
    pub value: std::ops::Range<usize>,
}

/// Follow `pointer` (RFC 6901) through JSON `text` to the value it names, without building
/// values: in an object the scan steps over members until the key matches (keys compare after
/// unescaping), in an array it skips to the n-th element. It never recurses (deep documents
/// cannot overflow the stack); malformed text or a missing place gives `None`, never a panic.
/// Used to compare number literals as written ([`number_literal`]) and by front ends to map a
/// pointer to a line.
pub fn json_span(text: &str, pointer: &str) -> Option<JsonSpan> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, 0);
    let mut anchor = i;
    for token in crate::pointer::tokens(pointer) {
        match bytes.get(i)? {
            b'{' => {
                i = skip_ws(bytes, i + 1);
                loop {
                    if bytes.get(i)? != &b'"' {
                        return None;
                    }
                    let key_end = skip_string(bytes, i)?;
                    let key: String = serde_json::from_str(text.get(i..key_end)?).ok()?;
                    let key_pos = i;
                    i = skip_ws(bytes, key_end);
                    if bytes.get(i)? != &b':' {
                        return None;
                    }
                    i = skip_ws(bytes, i + 1);
                    if key == token {
                        anchor = key_pos;
                        break;
                    }
                    i = skip_ws(bytes, skip_value(bytes, i)?);
                    match bytes.get(i)? {
                        b',' => i = skip_ws(bytes, i + 1),
                        _ => return None,
                    }
                }
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                i = skip_ws(bytes, i + 1);
                for _ in 0..index {
                    i = skip_ws(bytes, skip_value(bytes, i)?);
                    match bytes.get(i)? {
                        b',' => i = skip_ws(bytes, i + 1),
                        _ => return None,
                    }
                }
                if matches!(bytes.get(i)?, b']') {
                    return None;
                }
                anchor = i;
            }
            _ => return None,
        }
    }
    let end = skip_value(bytes, i)?;
    Some(JsonSpan {
        anchor,
        value: i..end,
    })
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The end (one past the closing quote) of the string starting at `i` (a `"`).
fn skip_string(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// The end of the value starting at `i`.
fn skip_value(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i)? {
        b'"' => skip_string(bytes, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            while j < bytes.len() {
                match bytes[j] {
                    b'"' => {
                        j = skip_string(bytes, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            None
        }
        _ => {
            let mut j = i;
            while j < bytes.len()
                && !matches!(bytes[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

/// Compare two integer literals (`-`? digits) by their exact value; `None` when either is not
/// an integer literal.
pub fn cmp_integer_literals(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    fn parts(s: &str) -> Option<(bool, &str)> {
        let (neg, digits) = match s.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, s),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = digits.trim_start_matches('0');
        Some((neg && !digits.is_empty(), digits))
    }
    let ((na, da), (nb, db)) = (parts(a)?, parts(b)?);
    let magnitude = da.len().cmp(&db.len()).then_with(|| da.cmp(db));
    Some(match (na, nb) {
        (false, false) => magnitude,
        (true, true) => magnitude.reverse(),
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
    })
}

/// Visit every number literal of the JSON `text` with its pointer, while `f` returns `true`.
/// Malformed text ends the scan early; callers parse with serde first.
pub(crate) fn scan_numbers<'t>(text: &'t str, f: &mut dyn FnMut(&str, &'t str) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0usize;
    // The container stack: for an array the next index, for an object `None`.
    let mut stack: Vec<(usize, Option<usize>)> = Vec::new();
    let mut pointer = String::new();
    let mut pending_key: Option<String> = None;
    // Push the token of the value about to start (array index or pending key) onto `pointer`.
    let enter = |pointer: &mut String,
                 stack: &mut Vec<(usize, Option<usize>)>,
                 pending_key: &mut Option<String>| {
        let len = pointer.len();
        if let Some((_, Some(next))) = stack.last_mut() {
            pointer.push('/');
            pointer.push_str(&next.to_string());
            *next += 1;
        } else if let Some(key) = pending_key.take() {
            pointer.push('/');
            pointer.push_str(&escape(&key));
        }
        len
    };
    let mut value_len: Vec<usize> = Vec::new();
    loop {
        i = skip_ws(bytes, i);
        let Some(&b) = bytes.get(i) else { return };
        match b {
            b'{' | b'[' => {
                let len = enter(&mut pointer, &mut stack, &mut pending_key);
                value_len.push(len);
                stack.push((i, if b == b'[' { Some(0) } else { None }));
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                let Some(len) = value_len.pop() else { return };
                pointer.truncate(len);
                i += 1;
            }
            b',' => i += 1,
            b'"' => {
                let Some(end) = skip_string(bytes, i) else {
                    return;
                };
                let in_object = matches!(stack.last(), Some((_, None)));
                let j = skip_ws(bytes, end);
                if in_object && bytes.get(j) == Some(&b':') && pending_key.is_none() {
                    let key: String = serde_json::from_str(&text[i..end]).unwrap_or_default();
                    pending_key = Some(key);
                    i = j + 1;
                } else {
                    let len = enter(&mut pointer, &mut stack, &mut pending_key);
                    pointer.truncate(len);
                    i = end;
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let len = enter(&mut pointer, &mut stack, &mut pending_key);
                let go_on = f(&pointer, &text[start..i]);
                pointer.truncate(len);
                if !go_on {
                    return;
                }
            }
            _ => {
                // true, false, null
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let len = enter(&mut pointer, &mut stack, &mut pending_key);
                pointer.truncate(len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn parsed_arrays_keep_no_spare_capacity() {
        let (value, _) =
            json(r#"{"required": ["id"], "enum": [1, 2, 3, 4, 5], "e": []}"#).expect("valid JSON");
        for key in ["required", "enum", "e"] {
            let Some(Value::Array(items)) = value.get(key) else {
                panic!("{key} is not an array");
            };
            assert_eq!(items.capacity(), items.len(), "spare capacity at /{key}");
        }
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value() {
        let (value, noticed) = json(r#"{"a": 1, "b": {"x": 1, "x": 2}, "a": 3}"#).expect("JSON");
        assert_eq!(value.to_string(), r#"{"a":3,"b":{"x":2}}"#);
        let found: Vec<(&str, &str)> = noticed
            .duplicates
            .iter()
            .map(|(p, k)| (p.as_str(), k.as_str()))
            .collect();
        assert_eq!(found, [("/b", "x"), ("", "a")]);
    }

    #[test]
    fn literal_at_pointer() {
        let text =
            r#"{"a": [1, {"b~/c": 18446744073709551617}], "m": -2.5e3, "s": "1", "t": true}"#;
        assert_eq!(
            number_literal(text, "/a/1/b~0~1c"),
            Some("18446744073709551617")
        );
        assert_eq!(number_literal(text, "/a/0"), Some("1"));
        assert_eq!(number_literal(text, "/m"), Some("-2.5e3"));
        assert_eq!(number_literal(text, "/s"), None);
        assert_eq!(number_literal("7", ""), Some("7"));
    }

    #[test]
    fn spans_name_the_key_and_the_value() {
        let text = "{\"a\": [true, {\"k\\\"\": \"} ]\"}], \"b\": 2}";
        let at =
            |p: &str| json_span(text, p).map(|s| (&text[s.anchor..s.anchor + 3], &text[s.value]));
        assert_eq!(at("/a/1/k\""), Some(("\"k\\", "\"} ]\"")));
        assert_eq!(at("/b"), Some(("\"b\"", "2")));
        assert_eq!(at("/a/0"), Some(("tru", "true")));
        assert_eq!(at("/a/2"), None);
        assert_eq!(at("/c"), None);
        assert_eq!(json_span("[1, 2", "/5"), None);
    }

    #[test]
    fn integer_literals_compare_exactly() {
        let c = cmp_integer_literals;
        assert_eq!(
            c("18446744073709551617", "18446744073709551616"),
            Some(Ordering::Greater)
        );
        assert_eq!(c("-5", "3"), Some(Ordering::Less));
        assert_eq!(c("-50", "-6"), Some(Ordering::Less));
        assert_eq!(c("-0", "0"), Some(Ordering::Equal));
        assert_eq!(c("1.5", "1"), None);
    }

    #[test]
    fn duplicates_and_nan_are_noticed() {
        let (_, n) = json(r#"{"a": {"k": 1, "k": 2}}"#).unwrap();
        assert_eq!(n.duplicates, vec![("/a".to_string(), "k".to_string())]);
        let e = yaml("a:\n  - .nan\n").unwrap_err().to_string();
        assert!(e.contains("#/a/0"), "{e}");
        // Otherwise the same value (and messages) as `serde_json::Value` gives.
        for text in [
            "1: a\ntrue: b\n~: c\n",
            "a: &x [1, 2]\nb: *x\n",
            "? [1]\n: x\n",
            "a: 0x1F\n",
        ] {
            let plain = serde_norway::from_str::<Value>(text).map_err(|e| e.to_string());
            assert_eq!(
                yaml(text).map(|t| t.0).map_err(|e| e.to_string()),
                plain,
                "{text}"
            );
        }
        let (v, n) = yaml("a: 1\na: 2\n").unwrap();
        assert_eq!(v["a"], 2);
        assert_eq!(n.duplicates, vec![(String::new(), "a".to_string())]);
    }
}
