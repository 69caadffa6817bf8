//! Rust type names for the bundled definitions: stable, unique, and unchanged by typify.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToPascalCase;

/// `input` as the PascalCase identifier typify would make of it (typify's `sanitize`): every
/// character that cannot continue an identifier becomes a word break, a leading digit gets an
/// `X` prefix and a keyword a trailing `_`.
pub(crate) fn pascal(input: &str) -> String {
    let cleaned: String = input
        .replace('\'', "")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let out = cleaned.to_pascal_case();
    let out = match out.chars().next() {
        None => "X".to_string(),
        Some(c) if c.is_alphabetic() || c == '_' => out,
        Some(_) => format!("X{out}"),
    };
    if out == "Self" {
        "Self_".to_string()
    } else {
        out
    }
}

/// Names generated code refers to unqualified (the prelude, what typify's impls call, and the
/// crates they name): a generated type of one of these names would shadow it in the module
/// (a type `Default` breaks every `Default::default()`), so such a type gets a `Type` suffix.
pub(crate) const RESERVED: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "Deserializer",
    "Display",
    "Drop",
    "Eq",
    "Err",
    "Error",
    "Fn",
    "From",
    "FromStr",
    "Hash",
    "Into",
    "Iterator",
    "Map",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Serialize",
    "Serializer",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Value",
    "Vec",
    "Self_",
    "Self",
    "Formatter",
    "HashMap",
    "BTreeMap",
    "Cow",
    "Ordering",
    "Regex",
    "Lazy",
];

/// `name` unless it is [`RESERVED`] (compared exactly: Rust names are case-sensitive), else
/// `name` with a `Type` suffix.
pub(crate) fn unreserved(name: String) -> String {
    if RESERVED.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    }
}

/// The comparison key under which two names collide in Rust after typify's recasing: case,
/// `-` and `_` are ignored.
pub(crate) fn collision_key(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Choose one unique name per entry.
///
/// Each entry (keyed by an id that fixes the order) offers name parts from the most specific to
/// the least specific (e.g. `["NodeAffinity", "V1", "Core", "Api", "K8s", "Io"]`). Every entry
/// starts with its most specific part; entries whose names collide (per [`collision_key`]) take
/// one more part, until no collision remains or no part is left; the rest are numbered `2`, `3`,
/// ... in id order. The result depends only on the input, never on hashing or timing.
pub(crate) fn assign_unique<K: Ord + Clone>(
    entries: &BTreeMap<K, Vec<String>>,
    reserved: &BTreeSet<String>,
) -> BTreeMap<K, String> {
    let mut depth: BTreeMap<K, usize> = entries.keys().map(|k| (k.clone(), 1)).collect();
    let name_of = |k: &K, depth: usize| -> String {
        let parts = &entries[k];
        let take = depth.min(parts.len()).max(1);
        let mut chosen: Vec<&str> = parts.iter().take(take).map(String::as_str).collect();
        chosen.reverse();
        pascal(&chosen.join("-"))
    };
    loop {
        let mut groups: BTreeMap<String, Vec<K>> = BTreeMap::new();
        for k in entries.keys() {
            groups
                .entry(collision_key(&name_of(k, depth[k])))
                .or_default()
                .push(k.clone());
        }
        let mut changed = false;
        for members in groups.values() {
            if members.len() < 2 {
                continue;
            }
            for k in members {
                if depth[k] < entries[k].len() {
                    *depth.get_mut(k).expect("key present") += 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut used: BTreeSet<String> = reserved.iter().map(|r| collision_key(r)).collect();
    let mut out = BTreeMap::new();
    for k in entries.keys() {
        let base = unreserved(name_of(k, depth[k]));
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(collision_key(&name)) {
            name = format!("{base}{n}");
            n += 1;
        }
        out.insert(k.clone(), name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_matches_typify_conventions() {
        assert_eq!(pascal("import.progress.v1"), "ImportProgressV1");
        assert_eq!(
            pascal("io.k8s.api.core.v1.NodeAffinity"),
            "IoK8sApiCoreV1NodeAffinity"
        );
        assert_eq!(pascal("1st"), "X1st");
        assert_eq!(pascal(""), "X");
    }

    #[test]
    fn collisions_take_more_parts_then_numbers() {
        let mut entries = BTreeMap::new();
        entries.insert(1, vec!["Condition".to_string(), "v1".into(), "meta".into()]);
        entries.insert(2, vec!["Condition".to_string(), "v1".into(), "core".into()]);
        entries.insert(3, vec!["Pod".to_string(), "v1".into(), "core".into()]);
        entries.insert(4, vec!["foo-bar".to_string()]);
        entries.insert(5, vec!["foo_bar".to_string()]);
        entries.insert(6, vec!["FooBar".to_string()]);
        let names = assign_unique(&entries, &BTreeSet::new());
        assert_eq!(names[&1], "MetaV1Condition");
        assert_eq!(names[&2], "CoreV1Condition");
        assert_eq!(names[&3], "Pod");
        assert_eq!(names[&4], "FooBar");
        assert_eq!(names[&5], "FooBar2");
        assert_eq!(names[&6], "FooBar3");
    }

    #[test]
    fn reserved_names_get_a_suffix() {
        let mut entries = BTreeMap::new();
        entries.insert(1, vec!["default".to_string()]);
        entries.insert(2, vec!["Option".to_string()]);
        entries.insert(3, vec!["value".to_string()]);
        entries.insert(4, vec!["DefaultType".to_string()]);
        entries.insert(5, vec!["Values".to_string()]);
        let names = assign_unique(&entries, &BTreeSet::new());
        assert_eq!(names[&1], "DefaultType");
        assert_eq!(names[&2], "OptionType");
        assert_eq!(names[&3], "ValueType");
        assert_eq!(names[&4], "DefaultType2");
        assert_eq!(names[&5], "Values");
    }
}
