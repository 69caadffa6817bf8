//! The enum over a package's event types: one variant per event schema (a schema whose
//! envelope fixes the type and version fields with `const` or a one-value `enum`, on itself,
//! through `allOf` or behind a `$ref`), routed on both fields.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use contracts_core::{Location, Package, RefResolver};
use quote::{format_ident, quote};
use serde_json::Value;

use crate::naming;

/// One event schema of the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EventSchema {
    /// The package schema (document name).
    pub schema: String,
    /// The Rust type generated for it.
    pub type_name: String,
    /// The value of the type field (`import.progress`).
    pub event_type: String,
    /// The version field's value, as text (`2`, or `"2.0"` for a string version).
    pub version: String,
    /// The variant name (`ImportProgressV2`).
    pub variant: String,
}

/// The fixed value of property `field` of the schema at `loc` (`value`): the property's `const`
/// or one-value `enum`, found on the schema itself, in an `allOf` member or behind a `$ref`
/// (an envelope that extends a base envelope, say), and within the property's subschema
/// through the same keywords (`"type": {"$ref": "#/$defs/progress-type"}`). `None` when no
/// value is fixed or two places fix different values (no instance could match both).
fn fixed<'p>(
    resolver: Option<&RefResolver<'p>>,
    loc: &Location,
    value: &'p Value,
    field: &str,
) -> Option<Value> {
    let mut found: Option<Value> = None;
    let mut conflict = false;
    // Each location is visited once, so `$ref` cycles end and shared targets cost nothing.
    let mut seen: HashSet<Location> = HashSet::new();
    // Object schemas that apply to the instance.
    let mut objects = vec![(loc.clone(), value)];
    let mut props: Vec<(Location, &'p Value)> = Vec::new();
    while let Some((at, schema)) = objects.pop() {
        if !seen.insert(at.clone()) {
            continue;
        }
        if let Some(prop) = schema.get("properties").and_then(|p| p.get(field)) {
            let pointer = format!("{}/properties/{}", at.pointer, escape(field));
            props.push((Location::new(at.file.clone(), pointer), prop));
        }
        objects.extend(applied(resolver, &at, schema));
    }
    while let Some((at, prop)) = props.pop() {
        if !seen.insert(at.clone()) {
            continue;
        }
        let here = match (prop.get("const"), prop.get("enum")) {
            (Some(c), _) => Some(c.clone()),
            (None, Some(Value::Array(vs))) if vs.len() == 1 => Some(vs[0].clone()),
            _ => None,
        };
        if let Some(v) = here {
            match &found {
                Some(f) if *f != v => conflict = true,
                _ => found = Some(v),
            }
        }
        props.extend(applied(resolver, &at, prop));
    }
    if conflict {
        None
    } else {
        found
    }
}

/// The subschemas that apply to every instance of `schema` besides itself: its `$ref` target
/// and its `allOf` members.
fn applied<'p>(
    resolver: Option<&RefResolver<'p>>,
    at: &Location,
    schema: &'p Value,
) -> Vec<(Location, &'p Value)> {
    let mut out = Vec::new();
    if let (Some(resolver), Some(reference)) =
        (resolver, schema.get("$ref").and_then(Value::as_str))
    {
        if let Ok(target) = resolver.resolve(at, reference) {
            out.push((target.location(), target.value));
        }
    }
    if let Some(Value::Array(members)) = schema.get("allOf") {
        for (i, member) in members.iter().enumerate() {
            out.push((
                Location::new(at.file.clone(), format!("{}/allOf/{i}", at.pointer)),
                member,
            ));
        }
    }
    out
}

/// A JSON Pointer reference token (RFC 6901 §4).
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn version_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Find the event schemas among the package's document roots (`roots`: document name → type
/// name): those whose properties `type_field` and `version_field` are fixed (see [`fixed`]:
/// directly, through `allOf` or through `$ref`), the first to a string.
pub(crate) fn find<'p>(
    package: &'p Package,
    resolver: &RefResolver<'p>,
    roots: &BTreeMap<String, String>,
    type_field: &str,
    version_field: &str,
) -> Vec<EventSchema> {
    let mut found = Vec::new();
    for (doc_name, type_name) in roots {
        let Some(doc) = package.get(doc_name) else {
            continue;
        };
        let loc = doc.location();
        let Some(Value::String(event_type)) = fixed(Some(resolver), &loc, &doc.value, type_field)
        else {
            continue;
        };
        let Some(version) = fixed(Some(resolver), &loc, &doc.value, version_field) else {
            continue;
        };
        found.push((
            doc_name.clone(),
            type_name.clone(),
            event_type,
            version_text(&version),
        ));
    }
    // Variant names from type + version, made unique deterministically.
    let entries: BTreeMap<usize, Vec<String>> = found
        .iter()
        .enumerate()
        .map(|(i, (_, type_name, ty, v))| (i, vec![format!("{ty}-v{v}"), type_name.clone()]))
        .collect();
    let names = naming::assign_unique(&entries, &BTreeSet::new());
    let mut out: Vec<EventSchema> = found
        .into_iter()
        .enumerate()
        .map(
            |(i, (schema, type_name, event_type, version))| EventSchema {
                schema,
                type_name,
                event_type,
                version,
                variant: names[&i].clone(),
            },
        )
        .collect();
    // One variant per (type, version): a second schema with the same pair is left out.
    let mut seen = BTreeSet::new();
    out.retain(|e| seen.insert((e.event_type.clone(), e.version.clone())));
    out.sort_by(|a, b| {
        (a.event_type.as_str(), a.version.as_str())
            .cmp(&(b.event_type.as_str(), b.version.as_str()))
    });
    out
}

/// The enum `name` over `events`, with serde impls routing on `type_field` and `version_field`.
pub(crate) fn generate(
    name: &str,
    events: &[EventSchema],
    type_field: &str,
    version_field: &str,
) -> Vec<syn::Item> {
    let enum_ident = format_ident!("{}", name);
    let variants = events.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let t = format_ident!("{}", e.type_name);
        let doc = format!(
            " `{}` version {} (schema `{}`).",
            e.event_type, e.version, e.schema
        );
        quote! { #[doc = #doc] #v(#t) }
    });
    let ser_arms = events.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        quote! { Self::#v(event) => ::serde::Serialize::serialize(event, serializer) }
    });
    let de_arms = events.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let ty = &e.event_type;
        let ver = &e.version;
        quote! {
            (#ty, #ver) => ::serde_json::from_value(value)
                .map(Self::#v)
                .map_err(::serde::de::Error::custom)
        }
    });
    let type_arms = events.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let ty = &e.event_type;
        quote! { Self::#v(_) => #ty }
    });
    let version_arms = events.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let ver = &e.version;
        quote! { Self::#v(_) => #ver }
    });
    let doc = format!(
        " Every event of the package, tagged by the envelope's `{type_field}` and `{version_field}`."
    );
    let missing_type = format!("missing string field `{type_field}`");
    let file: syn::File = if events.is_empty() {
        syn::parse_quote! {}
    } else {
        syn::parse_quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq)]
            pub enum #enum_ident {
                #(#variants,)*
            }
            impl #enum_ident {
                /// The event's type (the envelope's type field).
                pub fn event_type(&self) -> &'static str {
                    match self { #(#type_arms,)* }
                }
                /// The event's version, as text.
                pub fn event_version(&self) -> &'static str {
                    match self { #(#version_arms,)* }
                }
            }
            impl ::serde::Serialize for #enum_ident {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    match self { #(#ser_arms,)* }
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #enum_ident {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let event_type = value
                        .get(#type_field)
                        .and_then(::serde_json::Value::as_str)
                        .ok_or_else(|| <D::Error as ::serde::de::Error>::custom(#missing_type))?
                        .to_string();
                    let version = match value.get(#version_field) {
                        Some(::serde_json::Value::String(s)) => s.clone(),
                        Some(other) => other.to_string(),
                        None => ::std::string::String::new(),
                    };
                    match (event_type.as_str(), version.as_str()) {
                        #(#de_arms,)*
                        (t, v) => Err(<D::Error as ::serde::de::Error>::custom(format!("unknown event {t:?} version {v:?}"))),
                    }
                }
            }
        }
    };
    file.items
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at() -> Location {
        Location::new("e.json", "")
    }

    #[test]
    fn fixed_values_are_found_through_all_of_and_nested_subschemas() {
        let direct = json!({"properties": {"type": {"const": "a"}}});
        assert_eq!(fixed(None, &at(), &direct, "type"), Some(json!("a")));
        let nested = json!({"allOf": [{"allOf": [{"properties": {"version": {"allOf": [{"enum": [2]}]}}}]}]});
        assert_eq!(fixed(None, &at(), &nested, "version"), Some(json!(2)));
        let open = json!({"properties": {"type": {"enum": ["a", "b"]}}});
        assert_eq!(fixed(None, &at(), &open, "type"), None);
        // Two places fixing different values: no instance has both, so it is not an event.
        let conflict = json!({"properties": {"type": {"const": "a"}}, "allOf": [{"properties": {"type": {"const": "b"}}}]});
        assert_eq!(fixed(None, &at(), &conflict, "type"), None);
        // The same value twice is fine.
        let agree = json!({"properties": {"type": {"const": "a"}}, "allOf": [{"properties": {"type": {"enum": ["a"]}}}]});
        assert_eq!(fixed(None, &at(), &agree, "type"), Some(json!("a")));
    }
}
