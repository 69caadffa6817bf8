//! Small helpers shared by the walk, the rules and the witness search: JSON equality as JSON
//! Schema defines it, number comparison, the type lattice, and a cache of compiled patterns.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;

use serde_json::{Number, Value};

/// `null`.
pub(crate) const T_NULL: u8 = 1;
/// `boolean`.
pub(crate) const T_BOOL: u8 = 2;
/// `object`.
pub(crate) const T_OBJECT: u8 = 4;
/// `array`.
pub(crate) const T_ARRAY: u8 = 8;
/// `string`.
pub(crate) const T_STRING: u8 = 16;
/// Integers (numbers with a zero fractional part, JSON Schema Validation 2020-12 §6.1.1).
pub(crate) const T_INTEGER: u8 = 32;
/// Numbers with a non-zero fractional part.
pub(crate) const T_FRACTION: u8 = 64;
/// `number` = integers and fractions.
pub(crate) const T_NUMBER: u8 = T_INTEGER | T_FRACTION;
/// Every JSON value.
pub(crate) const T_ALL: u8 = 127;

/// The type bits a `type` keyword's value names; `None` for a malformed value.
pub(crate) fn type_bits(value: &Value) -> Option<u8> {
    fn one(name: &str) -> Option<u8> {
        Some(match name {
            "null" => T_NULL,
            "boolean" => T_BOOL,
            "object" => T_OBJECT,
            "array" => T_ARRAY,
            "string" => T_STRING,
            "integer" => T_INTEGER,
            "number" => T_NUMBER,
            // Draft 3's "any"; harmless to accept.
            "any" => T_ALL,
            _ => return None,
        })
    }
    match value {
        Value::String(s) => one(s),
        Value::Array(items) => {
            let mut bits = 0;
            for item in items {
                bits |= one(item.as_str()?)?;
            }
            Some(bits)
        }
        _ => None,
    }
}

/// The type bit of one instance.
pub(crate) fn type_of(value: &Value) -> u8 {
    match value {
        Value::Null => T_NULL,
        Value::Bool(_) => T_BOOL,
        Value::Object(_) => T_OBJECT,
        Value::Array(_) => T_ARRAY,
        Value::String(_) => T_STRING,
        Value::Number(n) => {
            if is_integer(n) {
                T_INTEGER
            } else {
                T_FRACTION
            }
        }
    }
}

/// Whether `n` has no fractional part (`1.0` is an integer, as in JSON Schema 2020-12 §6.1.1).
pub(crate) fn is_integer(n: &Number) -> bool {
    n.is_i64()
        || n.is_u64()
        || n.as_f64()
            .is_some_and(|f| f.fract() == 0.0 && f.is_finite())
}

/// Human names of the types in `bits`, `number` for both number bits.
/// The JSON Schema type names of the non-numeric type bits set in `bits`, in a fixed order
/// (`null`, `boolean`, `object`, `array`, `string`); the numeric bits are the caller's.
pub(crate) fn non_numeric_type_names(bits: u8) -> Vec<&'static str> {
    [
        (T_NULL, "null"),
        (T_BOOL, "boolean"),
        (T_OBJECT, "object"),
        (T_ARRAY, "array"),
        (T_STRING, "string"),
    ]
    .into_iter()
    .filter(|(bit, _)| bits & bit != 0)
    .map(|(_, name)| name)
    .collect()
}

pub(crate) fn type_names(bits: u8) -> String {
    let mut names = non_numeric_type_names(bits);
    if bits & T_NUMBER == T_NUMBER {
        names.push("number");
    } else if bits & T_INTEGER != 0 {
        names.push("integer");
    } else if bits & T_FRACTION != 0 {
        names.push("non-integer number");
    }
    if names.is_empty() {
        "nothing".to_string()
    } else {
        names.join(", ")
    }
}

/// Compare two JSON numbers exactly when both are integers, else as `f64`.
/// Whether `n` is a float of magnitude 2^53 or more: it may stand for an integer literal with
/// more digits than a 64-bit float holds (`18446744073709551617`), which only the file's text
/// tells apart ([`contracts_core::literal`]).
pub(crate) fn maybe_inexact(n: &Number) -> bool {
    n.as_u64().is_none()
        && n.as_i64().is_none()
        && n.as_f64()
            .is_some_and(|f| f.abs() >= 9_007_199_254_740_992.0)
}

pub(crate) fn num_cmp(a: &Number, b: &Number) -> Ordering {
    fn as_i128(n: &Number) -> Option<i128> {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
    }
    if let (Some(x), Some(y)) = (as_i128(a), as_i128(b)) {
        return x.cmp(&y);
    }
    let (x, y) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
    x.partial_cmp(&y).unwrap_or(Ordering::Equal)
}

/// Equality of two instances as JSON Schema defines it (Validation 2020-12 §4.2.2): numbers
/// are equal by mathematical value (`1 == 1.0`), objects regardless of key order.
pub(crate) fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => num_cmp(x, y) == Ordering::Equal,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// A hashable key equal for values that [`json_eq`] calls equal, for scalars whose equality is
/// exact on the key (null, booleans, strings, integers, and floats with an integral value
/// within ±9e15); `None` for the others (arrays, objects, other floats).
fn scalar_key(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("n".into()),
        Value::Bool(b) => Some(if *b { "t" } else { "f" }.into()),
        Value::String(s) => Some(format!("s{s}")),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(format!("i{i}"))
            } else if let Some(u) = n.as_u64() {
                Some(format!("i{u}"))
            } else {
                let f = n.as_f64()?;
                (f.fract() == 0.0 && f.abs() < 9.0e15).then(|| format!("i{}", f as i64))
            }
        }
        _ => None,
    }
}

/// A set of JSON values with membership by [`json_eq`] in about constant time for scalars
/// (a long `enum` is looked up, not scanned, so comparing two of them is linear).
pub(crate) struct ValueSet<'v> {
    keys: std::collections::HashSet<String>,
    /// Values without a key (compared one by one).
    others: Vec<&'v Value>,
    all: Vec<&'v Value>,
}

impl<'v> ValueSet<'v> {
    /// The set of `values`.
    pub fn new(values: impl IntoIterator<Item = &'v Value>) -> Self {
        let mut set = ValueSet {
            keys: std::collections::HashSet::new(),
            others: Vec::new(),
            all: Vec::new(),
        };
        for v in values {
            match scalar_key(v) {
                Some(k) => {
                    set.keys.insert(k);
                }
                None => set.others.push(v),
            }
            set.all.push(v);
        }
        set
    }

    /// Whether some member is [`json_eq`] to `value`.
    pub fn contains(&self, value: &Value) -> bool {
        match scalar_key(value) {
            // A keyed value equals a keyed member only by key, or a member without a key
            // (a large float) by value.
            Some(k) => self.keys.contains(&k) || self.others.iter().any(|w| json_eq(value, w)),
            None => self.all.iter().any(|w| json_eq(value, w)),
        }
    }
}

/// A JSON number from an `f64`, as an integer when it is one.
pub(crate) fn number(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        Value::from(f as i64)
    } else {
        Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

/// Short JSON text of a value for messages (cut after 60 characters).
pub(crate) fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

thread_local! {
    static PATTERNS: RefCell<HashMap<String, Compiled>> = RefCell::new(HashMap::new());
}

/// Whether `value` (a subschema) holds a reference anywhere (`$ref`, `$dynamicRef`,
/// `$recursiveRef`): without one, its meaning is its text and it can be copied into another
/// schema (a witness hint) unchanged.
pub(crate) fn has_ref(value: &Value) -> bool {
    match value {
        Value::Object(m) => m
            .iter()
            .any(|(k, v)| k == "$ref" || k == "$dynamicRef" || k == "$recursiveRef" || has_ref(v)),
        Value::Array(items) => items.iter().any(has_ref),
        _ => false,
    }
}

/// A pattern compiled by the engine that could: the `regex` crate (fast, linear time), else
/// `regress` (ECMA-262 itself: lookaround, backreferences, as validation accepts them).
#[derive(Clone)]
enum Compiled {
    Rust(regex::Regex),
    Ecma(std::rc::Rc<regress::Regex>),
    Neither,
}

/// Whether `pattern` (an ECMA-262 regular expression, unanchored as JSON Schema Validation
/// 2020-12 §6.3.3 says) matches `text`: read with the `regex` crate's syntax where it
/// compiles, else with `regress` (ECMA-262 with the `u` flag, as validators read it:
/// lookahead `^(?!internal_)`, backreferences); `None` when neither engine compiles it.
pub(crate) fn pattern_matches(pattern: &str, text: &str) -> Option<bool> {
    PATTERNS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 4096 {
            cache.clear();
        }
        let compiled = cache
            .entry(pattern.to_string())
            .or_insert_with(|| {
                if let Ok(re) = regex::RegexBuilder::new(pattern)
                    .size_limit(1 << 20)
                    .build()
                {
                    Compiled::Rust(re)
                } else if let Ok(re) = regress::Regex::with_flags(pattern, "u") {
                    Compiled::Ecma(std::rc::Rc::new(re))
                } else {
                    Compiled::Neither
                }
            })
            .clone();
        match compiled {
            Compiled::Rust(re) => Some(re.is_match(text)),
            Compiled::Ecma(re) => Some(re.find(text).is_some()),
            Compiled::Neither => None,
        }
    })
}

/// `pattern` with ECMA-262 syntax the `regex` crate lacks rewritten into what it reads, for
/// generating candidate matches only (every candidate is then checked against the original
/// with [`pattern_matches`]): lookaround groups dropped, `\cX` control escapes spelled as
/// `\xNN`, backreferences dropped.
pub(crate) fn ecma_to_regex_syntax(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            let n = chars[i + 1];
            if n == 'c' && i + 2 < chars.len() && chars[i + 2].is_ascii_alphabetic() {
                out.push_str(&format!("\\x{:02x}", (chars[i + 2] as u32) % 32));
                i += 3;
                continue;
            }
            if n.is_ascii_digit() && n != '0' {
                i += 2;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                continue;
            }
            out.push(c);
            out.push(n);
            i += 2;
            continue;
        }
        let lookaround = ["(?=", "(?!", "(?<=", "(?<!"]
            .iter()
            .find(|p| chars[i..].iter().take(p.len()).copied().eq(p.chars()));
        if let Some(prefix) = lookaround {
            // Skip to the matching parenthesis.
            let mut depth = 0usize;
            let mut j = i;
            while j < chars.len() {
                match chars[j] {
                    '\\' => j += 1,
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            let _ = prefix;
            i = j + 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Names tried when no match of a pattern can be generated from its syntax (a pattern only
/// `regress` reads): the first few it matches serve as sample names.
pub(crate) const SAMPLE_NAMES: &[&str] = &[
    "a", "abc", "x", "name", "value", "aa", "a1", "a_b", "a-b", "a.b", "A", "Abc", "ABC", "0", "1",
    "123", "_", "-", "$", "@", "ab", "z", "internal", "x-a", "",
];

/// Whether every string `a` matches is matched by `b` (both unanchored ECMA-262 patterns, read
/// with the `regex` crate's syntax): `Some(true)` proved (no byte string reaches a state where
/// `a` accepts and `b` rejects, over the product of the two DFAs), `Some(false)` when such a
/// string exists (over bytes, so it may not be UTF-8: read it as "not proved"), `None` when a
/// pattern does not compile or the product is too large.
pub(crate) fn pattern_subset(a: &str, b: &str) -> Option<bool> {
    // Answers are memoized per thread: union pairing asks the same question of the same two
    // patterns once per branch pair, and each answer builds two DFAs (most of a catalogue
    // diff's time before the memo).
    const MEMO_ENTRIES: usize = 4096;
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<(String, String), Option<bool>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    let key = (a.to_string(), b.to_string());
    if let Some(answer) = MEMO.with(|m| m.borrow().get(&key).copied()) {
        return answer;
    }
    let answer = pattern_subset_uncached(a, b);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MEMO_ENTRIES {
            m.clear();
        }
        m.insert(key, answer);
    });
    answer
}

fn pattern_subset_uncached(a: &str, b: &str) -> Option<bool> {
    use regex_automata::dfa::{dense, Automaton};
    use regex_automata::{Anchored, Input};
    let build = |p: &str| {
        // The NFA is bounded too: nested counted repetitions (`((a{256}){256}){256}`)
        // multiply, and the DFA limits only apply once it is built (issue 13).
        dense::Builder::new()
            .thompson(regex_automata::nfa::thompson::Config::new().nfa_size_limit(Some(1 << 22)))
            .configure(
                dense::Config::new()
                    .start_kind(regex_automata::dfa::StartKind::Anchored)
                    .dfa_size_limit(Some(1 << 22))
                    .determinize_size_limit(Some(1 << 22)),
            )
            .build(&format!("^(?s:.*)(?:{p})(?s:.*)$"))
            .ok()
    };
    let (da, db) = (build(a)?, build(b)?);
    let input = Input::new("").anchored(Anchored::Yes);
    let (sa, sb) = (
        da.start_state_forward(&input).ok()?,
        db.start_state_forward(&input).ok()?,
    );
    let accepts = |d: &dense::DFA<Vec<u32>>, s| d.is_match_state(d.next_eoi_state(s));
    let mut seen = std::collections::HashSet::new();
    let mut queue = std::collections::VecDeque::new();
    seen.insert((sa, sb));
    queue.push_back((sa, sb));
    while let Some((x, y)) = queue.pop_front() {
        if accepts(&da, x) && !accepts(&db, y) {
            return Some(false);
        }
        if da.is_dead_state(x) {
            continue;
        }
        for byte in 0..=255u8 {
            let next = (da.next_state(x, byte), db.next_state(y, byte));
            if seen.insert(next) {
                if seen.len() > 200_000 {
                    return None;
                }
                queue.push_back(next);
            }
        }
    }
    Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_equality_is_numeric() {
        assert!(json_eq(&json!(1), &json!(1.0)));
        assert!(json_eq(&json!({"a": [1, 2]}), &json!({"a": [1.0, 2]})));
        assert!(!json_eq(&json!([1, 2]), &json!([2, 1])));
        assert!(!json_eq(&json!("1"), &json!(1)));
    }

    #[test]
    fn types_read_integer_within_number() {
        assert_eq!(type_bits(&json!("number")), Some(T_NUMBER));
        assert_eq!(
            type_bits(&json!(["string", "integer"])),
            Some(T_STRING | T_INTEGER)
        );
        assert_eq!(type_bits(&json!("strin")), None);
        assert_eq!(type_of(&json!(2.0)), T_INTEGER);
        assert_eq!(type_of(&json!(2.5)), T_FRACTION);
        assert_eq!(type_names(T_NUMBER | T_STRING), "string, number");
    }

    #[test]
    fn pattern_inclusion_is_proved_or_refuted() {
        assert_eq!(pattern_subset("^ab", "^a"), Some(true));
        assert_eq!(pattern_subset("^a", "^ab"), Some(false));
        assert_eq!(pattern_subset("^(a)$", "^a$"), Some(true));
        assert_eq!(pattern_subset("^a$", "^(a)$"), Some(true));
        assert_eq!(pattern_subset("^[0-9]{3}$", "^[0-9]+$"), Some(true));
        assert_eq!(pattern_subset("x", "y"), Some(false));
        assert_eq!(pattern_subset("(", "a"), None);
        // 256^5 states if built: undecided, not an exhausted memory.
        let bomb = "^((((a{256}){256}){256}){256}){256}$";
        assert_eq!(pattern_subset("", bomb), None);
        assert_eq!(pattern_subset(bomb, "^a"), None);
    }

    #[test]
    fn patterns_are_unanchored_and_bad_ones_are_unknown() {
        assert_eq!(pattern_matches("b", "abc"), Some(true));
        assert_eq!(pattern_matches("^b", "abc"), Some(false));
        assert_eq!(pattern_matches("(", "abc"), None);
        assert_eq!(ecma_to_regex_syntax("^(?!internal_)[a-z]+$"), "^[a-z]+$");
        assert_eq!(ecma_to_regex_syntax("^\\cC(a)\\1$"), "^\\x03(a)$");
        assert_eq!(ecma_to_regex_syntax("^(?<=(a))b\\(c$"), "^b\\(c$");
        // ECMA-262 beyond the `regex` crate: lookahead and backreferences, through `regress`.
        assert_eq!(pattern_matches("^(?!internal_)[a-z]+$", "abc"), Some(true));
        assert_eq!(
            pattern_matches("^(?!internal_)[a-z_]+$", "internal_x"),
            Some(false)
        );
        assert_eq!(pattern_matches("^(a)\\1$", "aa"), Some(true));
        assert_eq!(pattern_matches("^(a)\\1$", "ab"), Some(false));
    }
}
