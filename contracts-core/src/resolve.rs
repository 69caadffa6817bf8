//! `$ref` resolution across a package's documents, through the `referencing` crate.
//!
//! Every document is registered (shared with the package through its `Arc`, not copied) under
//! its [`SchemaDocument::base_uri`]
//! and, when different, its root `$id`. A reference is resolved against the base URI in effect
//! at the subschema that holds it (nested `$id`s change it, JSON Schema Core 2020-12 §8.2.1),
//! which covers local pointers, `$defs`/`definitions`, `$anchor`, `$id` base-URI changes and
//! references across files. The target is mapped back to a [`Location`] (file + JSON Pointer).
//!
//! Registration rules (see [`RefResolver::new`]):
//! - a schema file is registered under its `base_uri` and under `contracts:///<file>`;
//! - the components of an OpenAPI document are registered together, as one resource holding
//!   `components/schemas` (an owned copy; resolved values are mapped back to the package's own
//!   values), under `contracts:///<file>`, so `#/components/schemas/X` resolves;
//! - a document whose absolute `$id` has the path `/p` is also registered under `contracts:///p`
//!   unless a file already has that URI: generated bundles (the Kubernetes JSON schemas) contain
//!   documents without `$id` that reference their siblings host-relatively
//!   (`/api/_definitions.json#/...`).
//!
//! Nothing is ever downloaded: a reference to a URI no document of the package has is
//! [`LoadError::UnresolvableRef`].

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use referencing::{Registry, Retrieve, Uri};
use serde_json::{Map, Value};

use crate::{pointer, walk, Draft, LoadError, Location, Package, SchemaDocument};

/// The target of a resolved `$ref`.
#[derive(Debug, Clone)]
pub struct Resolved<'p> {
    /// The subschema the reference points to.
    pub value: &'p Value,
    /// The document that holds it.
    pub document: &'p SchemaDocument,
    /// Its JSON Pointer inside `document.file` (so it includes `document.pointer`).
    pub pointer: String,
}

impl Resolved<'_> {
    /// The target's location (file + JSON Pointer).
    pub fn location(&self) -> Location {
        Location::new(self.document.file.clone(), self.pointer.clone())
    }
}

/// Resolves `$ref`s inside one [`Package`]. Built by [`Package::resolver`].
///
/// The registry of the documents behind it ([`SharedRegistry`]) is built once per package, by
/// the load's own `$ref` check, and handed on: every resolver and validator set of the package
/// shares it while the package still holds the documents it was built for. The map from a
/// resolved JSON value back to its location is built per document, the first time a
/// reference resolves into it (a package without `$ref`s never builds one).
pub struct RefResolver<'p> {
    package: &'p Package,
    registry: Arc<Registered>,
    /// The package's documents, in name order then the external ones; indices of
    /// [`Registered`] point into this.
    docs: Vec<&'p SchemaDocument>,
    /// Documents by (file, root pointer).
    by_root: HashMap<(&'p str, &'p str), usize>,
}

/// A package's `$ref` registry and what maps its answers back to the package's documents,
/// owned (the documents' values are shared with the package, never copied), so that it
/// outlives the borrow it was built in. Built by [`Registered::build`].
pub(crate) struct Registered {
    /// Every document (documents then external, as [`RefResolver`] lists them) registered
    /// under the URIs of [`registrations`].
    pub(crate) registry: Registry<'static>,
    /// What it was built for: each document's value (held, so no other value can take its
    /// address) and a hash of its name, file, root pointer, base URI and draft; see
    /// [`Registered::fits`].
    documents: Vec<(Arc<Value>, u64)>,
    /// The keys of the hashes in `documents` (random per process).
    hasher: std::hash::RandomState,
    /// The document registered (shared) under each URI: where a resolved value's resource
    /// is looked for first.
    by_uri: HashMap<String, usize>,
    /// Per document (same indices as `documents`; root documents only), built on first use:
    /// address of every object, array and boolean of its value → JSON Pointer in its file.
    lazy: Vec<OnceLock<HashMap<usize, Box<str>>>>,
    /// Every root document's address map at once, built the first time a value is not found
    /// in the document registered under its resource's URI: address → (document index, JSON
    /// Pointer in the document's file).
    all: OnceLock<HashMap<usize, (usize, Box<str>)>>,
    /// Owned registrations (OpenAPI components), indexed at once: address in the registry's
    /// copy → (document index, JSON Pointer in the document's file).
    index: HashMap<usize, (usize, Box<str>)>,
    /// URIs the registry tried to retrieve while indexing: references out of the package.
    pub(crate) outside: HashSet<String>,
}

/// The documents a registry is built for, in [`RefResolver`]'s order.
fn documents_of(package: &Package) -> impl Iterator<Item = &SchemaDocument> {
    package.documents.values().chain(package.external.values())
}

impl Registered {
    /// Register every document of `package` (rules in the module docs).
    ///
    /// # Errors
    /// As [`RefResolver::new`].
    fn build(package: &Package) -> Result<Self, LoadError> {
        let docs: Vec<&SchemaDocument> = documents_of(package).collect();
        let registrations = registrations(package)?;
        let by_address: HashMap<usize, usize> = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.pointer.is_empty())
            .map(|(i, d)| (Arc::as_ptr(&d.value) as usize, i))
            .collect();
        let by_uri: HashMap<String, usize> = registrations
            .iter()
            .filter_map(|r| match &r.entry {
                Entry::Shared(value) => by_address
                    .get(&(Arc::as_ptr(value) as usize))
                    .map(|&i| (r.uri.clone(), i)),
                Entry::Owned { .. } => None,
            })
            .collect();
        let owned: Vec<(String, Vec<String>)> = registrations
            .iter()
            .filter_map(|r| match &r.entry {
                Entry::Owned { docs, .. } => Some((r.uri.clone(), docs.clone())),
                Entry::Shared(_) => None,
            })
            .collect();
        let outside = Arc::new(Mutex::new(HashSet::new()));
        let retriever = Recorder {
            asked: Arc::clone(&outside),
        };
        let registry = build_registry(package, registrations, retriever)?;

        let position: HashMap<&str, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.name.as_str(), i))
            .collect();
        let mut index = HashMap::new();
        // Owned registrations (OpenAPI components): index the registry's own copy.
        for (uri, names) in &owned {
            let Some(root) = registry_root(&registry, uri) else {
                continue;
            };
            for name in names {
                let Some(&i) = position.get(name.as_str()) else {
                    continue;
                };
                let doc = docs[i];
                if let Some(copy) = root.pointer(&doc.pointer) {
                    walk::for_each_node(copy, &doc.pointer, &mut |v, p| {
                        index.insert(v as *const Value as usize, (i, p.into()));
                    });
                }
            }
        }
        let outside = outside
            .lock()
            .map(|set| set.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone());
        let hasher = std::hash::RandomState::new();
        let documents = docs
            .iter()
            .map(|d| (Arc::clone(&d.value), fingerprint(&hasher, d)))
            .collect();
        let lazy = docs.iter().map(|_| OnceLock::new()).collect();
        Ok(Registered {
            registry,
            documents,
            hasher,
            by_uri,
            lazy,
            all: OnceLock::new(),
            index,
            outside,
        })
    }

    /// Whether `package` holds exactly the documents this was built for: the same values (the
    /// same allocations, so every address this maps is still theirs) with the same names,
    /// files, root pointers, base URIs and drafts, in the same order.
    fn fits(&self, package: &Package) -> bool {
        let mut docs = documents_of(package);
        self.documents.iter().all(|(value, hash)| {
            docs.next().is_some_and(|d| {
                Arc::ptr_eq(value, &d.value) && *hash == fingerprint(&self.hasher, d)
            })
        }) && docs.next().is_none()
    }

    /// The address map of root document `i` (built on first use; empty for a component
    /// document, whose values the registry holds as an owned copy).
    fn nodes_of(&self, i: usize, doc: &SchemaDocument) -> &HashMap<usize, Box<str>> {
        self.lazy[i].get_or_init(|| {
            let mut nodes = HashMap::new();
            if doc.pointer.is_empty() {
                walk::for_each_node(&doc.value, "", &mut |v, p| {
                    nodes.insert(v as *const Value as usize, p.into());
                });
            }
            nodes
        })
    }
}

/// What a registry depends on of a document besides its value.
fn fingerprint(hasher: &std::hash::RandomState, doc: &SchemaDocument) -> u64 {
    use std::hash::BuildHasher;
    hasher.hash_one((&doc.name, &doc.file, &doc.pointer, &doc.base_uri, doc.draft))
}

/// The `$ref` registry of a package's documents (a `referencing` registry, the URIs each
/// document is registered under and the map from a resolved value back to its file and
/// pointer), built once and shared: the load's `$ref` check builds it, and
/// [`Package::resolver`] and [`Package::validators`] reuse it as long as the package holds the
/// very documents it was built for (the same values, names, files, pointers, base URIs and
/// drafts); otherwise they build a new one and keep that instead.
///
/// A clone of a package starts with the registry of the original (its values are shared).
/// `SharedRegistry::default()` is empty: for a package assembled by hand, the first resolver
/// builds it.
#[derive(Default)]
pub struct SharedRegistry {
    slot: Mutex<Option<Arc<Registered>>>,
    built: std::sync::atomic::AtomicUsize,
}

impl Clone for SharedRegistry {
    fn clone(&self) -> Self {
        SharedRegistry {
            slot: Mutex::new(self.lock().clone()),
            built: std::sync::atomic::AtomicUsize::new(0),
        }
    }
}

impl std::fmt::Debug for SharedRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedRegistry")
            .field("built", &self.built())
            .finish_non_exhaustive()
    }
}

impl SharedRegistry {
    /// How many registries were built through this one (by the load's check, resolvers and
    /// validator sets): 1 after a load, and still 1 after any number of resolvers and
    /// validator sets while the documents stay the same. A clone starts at 0.
    pub fn built(&self) -> usize {
        self.built.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Arc<Registered>>> {
        // A panic while the lock was held leaves a slot that is still consistent.
        self.slot.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The registry of `package` (whose field this is): the kept one when it fits, else a new
    /// one, kept from then on.
    pub(crate) fn get(&self, package: &Package) -> Result<Arc<Registered>, LoadError> {
        let mut slot = self.lock();
        if let Some(kept) = slot.as_ref().filter(|kept| kept.fits(package)) {
            return Ok(Arc::clone(kept));
        }
        let built = Arc::new(Registered::build(package)?);
        self.built
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        *slot = Some(Arc::clone(&built));
        Ok(built)
    }
}

impl<'p> RefResolver<'p> {
    /// A resolver over every document of `package`, on the package's registry
    /// ([`Package::registry`], built now unless the package already has one that fits).
    ///
    /// # Errors
    /// [`LoadError::Conflict`] when two documents claim the same URI (two root `$id`s, or an
    /// `$id` equal to another file's `contracts:///<file>` URI);
    /// [`LoadError::UnresolvableRef`] when the registry cannot index a document (an `$id` or
    /// `$ref` that is not a valid URI reference, RFC 3986 §4.1), naming the file and pointer.
    pub fn new(package: &'p Package) -> Result<Self, LoadError> {
        let registry = package.registry.get(package)?;
        let docs: Vec<&'p SchemaDocument> = documents_of(package).collect();
        let by_root: HashMap<(&'p str, &'p str), usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| ((d.file.as_str(), d.pointer.as_str()), i))
            .collect();
        Ok(RefResolver {
            package,
            registry,
            docs,
            by_root,
        })
    }

    /// The document and JSON Pointer of the value at `address` that the registry handed back
    /// for a resource registered as `resource` (or a resource nested in a document under
    /// another URI): that document is searched first, then every document at once.
    fn locate(&self, address: usize, resource: &str) -> Option<(usize, &str)> {
        let reg = &*self.registry;
        if let Some((i, pointer)) = reg.index.get(&address) {
            return Some((*i, pointer));
        }
        if let Some(all) = reg.all.get() {
            return all.get(&address).map(|(i, p)| (*i, &**p));
        }
        let first = reg.by_uri.get(resource.trim_end_matches('#')).copied();
        if let Some(i) = first {
            if let Some(pointer) = reg.nodes_of(i, self.docs[i]).get(&address) {
                return Some((i, pointer));
            }
        }
        // A resource nested in a document (its own `$id`) or registered under another URI:
        // one map of every document's values, built once.
        let all = reg.all.get_or_init(|| {
            let mut all = HashMap::new();
            for (i, doc) in self.docs.iter().enumerate() {
                if doc.pointer.is_empty() {
                    walk::for_each_node(&doc.value, "", &mut |v, p| {
                        all.insert(v as *const Value as usize, (i, p.into()));
                    });
                }
            }
            all
        });
        all.get(&address).map(|(i, p)| (*i, &**p))
    }

    /// The package this resolver reads.
    pub fn package(&self) -> &'p Package {
        self.package
    }

    /// The base URI in effect at `location` (JSON Schema Core 2020-12 §8.2.1): the document's
    /// [`SchemaDocument::base_uri`] changed by every `$id` (draft 4: `id`) met on the way from
    /// the document root, at schema positions only (never inside `enum`, `const`, `default`,
    /// `examples` or unknown keywords). Never has a fragment.
    ///
    /// # Errors
    /// [`LoadError::UnresolvableRef`] (with an empty `reference`) when `location` is not in the
    /// package or an `$id` on the way is not a valid URI reference.
    pub fn base_uri_at(&self, location: &Location) -> Result<String, LoadError> {
        let fail = |message: String| LoadError::UnresolvableRef {
            file: location.file.clone(),
            pointer: location.pointer.clone(),
            reference: String::new(),
            message,
        };
        let doc = self
            .document_at(location)
            .ok_or_else(|| fail(format!("no document of the package holds {location}")))?;
        self.base_in(doc, &location.pointer[doc.pointer.len()..])
            .map_err(fail)
    }

    /// Resolve `reference` (the value of a `$ref`, or of a `$dynamicRef`/`$recursiveRef` read
    /// statically) written in the subschema at `from`.
    ///
    /// The reference is resolved against the base URI in effect at `from`
    /// ([`RefResolver::base_uri_at`]) as RFC 3986 §5.2 specifies; its fragment is a JSON
    /// Pointer (RFC 6901 §6, percent-decoded) or a plain-name anchor (`$anchor`, a
    /// fragment-only `$id`/`id` in drafts 4 to 7). The target is always a value of the package
    /// itself, with its file and JSON Pointer.
    ///
    /// # Errors
    /// [`LoadError::UnresolvableRef`] naming `from` when the target is outside the package, a
    /// pointer with no value, or an unknown anchor.
    pub fn resolve(&self, from: &Location, reference: &str) -> Result<Resolved<'p>, LoadError> {
        let fail = |message: String| LoadError::UnresolvableRef {
            file: from.file.clone(),
            pointer: from.pointer.clone(),
            reference: reference.to_string(),
            message,
        };
        let doc = self
            .document_at(from)
            .ok_or_else(|| fail(format!("no document of the package holds {from}")))?;
        let base = self
            .base_in(doc, &from.pointer[doc.pointer.len()..])
            .map_err(&fail)?;
        let resource_part = reference.split('#').next().unwrap_or("");
        let target = if resource_part.is_empty() {
            base.clone()
        } else {
            join(&base, resource_part).map_err(&fail)?
        };
        if self.registry.outside.contains(&target) {
            return Err(fail(outside_message(&target)));
        }
        let base_uri = referencing::uri::from_str(&base).map_err(|e| fail(e.to_string()))?;
        let resolver = self.registry.registry.resolver(base_uri);
        let resolved = resolver.lookup(reference).map_err(|e| {
            fail(match e {
                referencing::Error::Unretrievable { .. } => outside_message(&target),
                other => other.to_string(),
            })
        })?;
        let address = resolved.contents() as *const Value as usize;
        let resource = resolved.resolver().base_uri();
        let (i, file_pointer) = self.locate(address, resource.as_str()).ok_or_else(|| {
            fail(format!(
                "{target} is not a document of the package (only the package's own documents \
                 are referenced; nothing is downloaded)"
            ))
        })?;
        let target_doc = self.docs[i];
        let value = target_doc
            .value
            .pointer(&file_pointer[target_doc.pointer.len()..])
            .ok_or_else(|| fail(format!("no value at {}#{file_pointer}", target_doc.file)))?;
        Ok(Resolved {
            value,
            document: target_doc,
            pointer: file_pointer.to_string(),
        })
    }

    /// The place in the package of the keyword an absolute keyword location names (a URI with
    /// a JSON Pointer fragment, JSON Schema Core 2020-12 §12.4.2, as `jsonschema`'s
    /// `ValidationError::absolute_keyword_location` gives it): the file that holds the keyword
    /// and the JSON Pointer of the keyword itself in that file, whichever resource (`$id`) the
    /// URI names. `None` when the URI is not a place in the package (e.g. a validator's own
    /// wrapper).
    pub fn keyword_location(&self, uri: &str) -> Option<Location> {
        let (resource, fragment) = uri.split_once('#').unwrap_or((uri, ""));
        // The keyword's value may be a number or string, which is not indexed: resolve the
        // subschema holding it and append the keyword's own token.
        let (parent, last) = match fragment.rfind('/') {
            Some(i) => (&fragment[..i], Some(&fragment[i + 1..])),
            None => (fragment, None),
        };
        let first = self.docs.first()?;
        let from = Location::new(first.file.clone(), first.pointer.clone());
        let resolved = self.resolve(&from, &format!("{resource}#{parent}")).ok()?;
        let mut pointer = resolved.pointer;
        if let Some(last) = last {
            let token = percent_encoding::percent_decode_str(last)
                .decode_utf8()
                .ok()?;
            pointer.push('/');
            pointer.push_str(&token);
        }
        Some(Location::new(resolved.document.file.clone(), pointer))
    }

    /// The document whose subtree holds `location` (the longest matching root pointer).
    fn document_at(&self, location: &Location) -> Option<&'p SchemaDocument> {
        let file = location.file.as_str();
        let mut prefix = location.pointer.as_str();
        loop {
            if let Some(&i) = self.by_root.get(&(file, prefix)) {
                return Some(self.docs[i]);
            }
            if prefix.is_empty() {
                return None;
            }
            prefix = &prefix[..prefix.rfind('/').unwrap_or(0)];
        }
    }

    /// The base URI at `relative` (a JSON Pointer from the document root) in `doc`.
    fn base_in(&self, doc: &SchemaDocument, relative: &str) -> Result<String, String> {
        let tokens = pointer::tokens(relative);
        let slots = walk::path_slots(&doc.value, doc.draft, &tokens)
            .ok_or_else(|| format!("{}#{}{relative} has no value", doc.file, doc.pointer))?;
        let mut base = doc.base_uri.clone();
        let mut draft = doc.draft;
        // A file's root `$id` is already its base URI; an OpenAPI component's applies here.
        if !doc.pointer.is_empty() {
            if let Some(id) = walk::base_changing_id(&doc.value, draft) {
                base = join(&base, id)?;
            }
        }
        for (value, is_schema) in slots {
            if !is_schema {
                continue;
            }
            draft = walk::draft_at(value, draft);
            if let Some(id) = walk::base_changing_id(value, draft) {
                base = join(&base, id)?;
            }
        }
        Ok(base)
    }
}

fn outside_message(target: &str) -> String {
    if target.starts_with("contracts:") {
        format!(
            "no document of the package has the URI {target} (a file outside the package: \
             supply its folder with --ref-dir DIR or contracts.toml [resolve] dirs = [...])"
        )
    } else {
        format!(
            "{target} is not a document of the package, and network references are never \
             downloaded: add the schema to the package, or supply it from a local folder with \
             --ref-dir DIR (a document whose $id is {target}) or contracts.toml [resolve] \
             dirs = [...] / [resolve.map] \"PREFIX\" = \"DIR/\""
        )
    }
}

/// `reference` resolved against `base` (RFC 3986 §5.2), normalized, without fragment.
pub(crate) fn join(base: &str, reference: &str) -> Result<String, String> {
    let base = referencing::uri::from_str(base).map_err(|e| e.to_string())?;
    let joined =
        referencing::uri::resolve_against(&base.borrow(), reference).map_err(|e| e.to_string())?;
    let text = joined.as_str();
    Ok(text.split('#').next().unwrap_or(text).to_string())
}

/// Whether `id` is an absolute URI (has a scheme, RFC 3986 §4.3).
pub(crate) fn is_absolute(id: &str) -> bool {
    referencing::UriRef::parse(id)
        .map(|u| u.has_scheme())
        .unwrap_or(false)
}

/// The synthetic URI of a package file: `contracts:///<file>`, each path segment
/// percent-encoded (RFC 3986 §2.1).
pub(crate) fn file_uri(file: &str) -> String {
    let mut out = String::from("contracts:///");
    for (i, segment) in file.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&percent_encode(segment, b"-._~!$&'()*+,;=:@"));
    }
    out
}

/// A JSON Pointer as a URI fragment (RFC 6901 §6).
pub(crate) fn pointer_fragment(pointer: &str) -> String {
    percent_encode(pointer, b"-._~!$&'()*+,;=:@/?")
}

fn percent_encode(text: &str, allowed: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || allowed.contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What one URI of the registry holds.
pub(crate) enum Entry {
    /// A document of the package, shared with it.
    Shared(Arc<Value>),
    /// An OpenAPI document's `components/schemas`, rebuilt from its component documents.
    Owned {
        /// `{"components": {"schemas": {...}}}` (at the components' pointers).
        value: Value,
        /// The component documents it holds, by name.
        docs: Vec<String>,
    },
}

/// One URI to register.
pub(crate) struct Registration {
    pub(crate) uri: String,
    pub(crate) entry: Entry,
    pub(crate) draft: Draft,
}

/// Every URI to register for `package` (rules in the module docs).
///
/// # Errors
/// [`LoadError::Conflict`] when two documents claim one URI.
pub(crate) fn registrations(package: &Package) -> Result<Vec<Registration>, LoadError> {
    let mut claimed: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    let mut claim = |uri: &str, file: &str| -> Result<String, LoadError> {
        let key = normalize(uri);
        match claimed.get(&key) {
            Some(other) if *other != file => Err(LoadError::Conflict {
                file: file.to_string(),
                message: format!("the URI {uri} is claimed by both {other} and {file}"),
            }),
            _ => {
                claimed.insert(key.clone(), file.to_string());
                Ok(key)
            }
        }
    };
    let mut openapi: Vec<(String, Value, Vec<String>, Draft)> = Vec::new();
    for doc in package.documents.values() {
        if doc.pointer.is_empty() {
            let primary = claim(&doc.base_uri, &doc.file)?;
            out.push(Registration {
                uri: primary.clone(),
                entry: Entry::Shared(Arc::clone(&doc.value)),
                draft: doc.draft,
            });
            let file = normalize(&file_uri(&doc.file));
            if file != primary {
                claim(&file, &doc.file)?;
                out.push(Registration {
                    uri: file,
                    entry: Entry::Shared(Arc::clone(&doc.value)),
                    draft: doc.draft,
                });
            }
        } else {
            let uri = normalize(&file_uri(&doc.file));
            let slot = match openapi.iter().position(|(u, ..)| *u == uri) {
                Some(i) => i,
                None => {
                    claim(&uri, &doc.file)?;
                    openapi.push((uri, Value::Object(Map::new()), Vec::new(), doc.draft));
                    openapi.len() - 1
                }
            };
            let (_, value, names, _) = &mut openapi[slot];
            insert_at(
                value,
                &pointer::tokens(&doc.pointer),
                Value::clone(&doc.value),
            );
            names.push(doc.name.clone());
        }
    }
    for (uri, value, docs, draft) in openapi {
        out.push(Registration {
            uri,
            entry: Entry::Owned { value, docs },
            draft,
        });
    }
    // Documents from outside the package, under their URI unless a package document has it.
    for doc in package.external.values() {
        let key = normalize(&doc.base_uri);
        if claimed.contains_key(&key) {
            continue;
        }
        claimed.insert(key.clone(), doc.file.clone());
        out.push(Registration {
            uri: key,
            entry: Entry::Shared(Arc::clone(&doc.value)),
            draft: doc.draft,
        });
    }
    // `$id` path aliases under contracts:///, for host-relative references.
    let mut aliases: HashMap<String, Option<&SchemaDocument>> = HashMap::new();
    for doc in package.documents.values() {
        if !doc.pointer.is_empty() || doc.base_uri.starts_with("contracts:") {
            continue;
        }
        let Ok(uri) = Uri::parse(doc.base_uri.as_str()) else {
            continue;
        };
        let path = uri.path().as_str();
        if !path.starts_with('/') || path.len() < 2 {
            continue;
        }
        let alias = normalize(&format!("contracts://{path}"));
        if claimed.contains_key(&alias) {
            continue;
        }
        aliases
            .entry(alias)
            .and_modify(|slot| *slot = None)
            .or_insert(Some(doc));
    }
    let mut aliases: Vec<(String, &SchemaDocument)> = aliases
        .into_iter()
        .filter_map(|(uri, doc)| doc.map(|d| (uri, d)))
        .collect();
    aliases.sort_by(|a, b| a.0.cmp(&b.0));
    for (uri, doc) in aliases {
        out.push(Registration {
            uri,
            entry: Entry::Shared(Arc::clone(&doc.value)),
            draft: doc.draft,
        });
    }
    Ok(out)
}

fn normalize(uri: &str) -> String {
    let trimmed = uri.trim_end_matches('#');
    referencing::uri::from_str(trimmed)
        .map(|u| u.as_str().to_string())
        .unwrap_or_else(|_| trimmed.to_string())
}

fn insert_at(target: &mut Value, tokens: &[String], value: Value) {
    let Some((last, parents)) = tokens.split_last() else {
        *target = value;
        return;
    };
    let mut current = target;
    for token in parents {
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        let Value::Object(map) = current else { return };
        current = map
            .entry(token.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if !current.is_object() {
        *current = Value::Object(Map::new());
    }
    if let Value::Object(map) = current {
        map.insert(last.clone(), value);
    }
}

/// Build a prepared registry of `registrations`, with `retriever` for everything else.
///
/// # Errors
/// [`LoadError::UnresolvableRef`] naming the first `$id`/`$ref` that is not a valid URI
/// reference when the registry refuses the documents.
pub(crate) fn build_registry(
    package: &Package,
    registrations: Vec<Registration>,
    retriever: impl Retrieve + 'static,
) -> Result<Registry<'static>, LoadError> {
    let mut builder: referencing::RegistryBuilder<'static> = Registry::new().retriever(retriever);
    for reg in registrations {
        let draft = reg.draft.to_referencing();
        let added = match reg.entry {
            Entry::Shared(value) => builder.add(&reg.uri, (value, draft)),
            Entry::Owned { value, .. } => builder.add(&reg.uri, draft.create_resource(value)),
        };
        builder = added.map_err(|e| registry_error(package, &e))?;
    }
    builder.prepare().map_err(|e| registry_error(package, &e))
}

/// Turn a registry failure into an error naming the file and pointer at fault.
fn registry_error(package: &Package, error: &referencing::Error) -> LoadError {
    for doc in package.documents.values() {
        let mut found: Option<(String, String, String)> = None;
        walk::for_each_subschema(&doc.value, &doc.pointer, doc.draft, &mut |v, p, draft| {
            if found.is_some() {
                return;
            }
            let id = v.get(draft.id_keyword()).and_then(Value::as_str);
            let reference = v.get("$ref").and_then(Value::as_str);
            for text in [id, reference].into_iter().flatten() {
                if let Err(e) = referencing::UriRef::parse(text) {
                    found = Some((p.to_string(), text.to_string(), e.to_string()));
                    return;
                }
            }
        });
        if let Some((pointer, reference, message)) = found {
            return LoadError::UnresolvableRef {
                file: doc.file.clone(),
                pointer,
                reference,
                message: format!("not a valid URI reference: {message}"),
            };
        }
    }
    LoadError::UnresolvableRef {
        file: package.label.clone(),
        pointer: String::new(),
        reference: String::new(),
        message: error.to_string(),
    }
}

/// The stored root of the resource registered under `uri`.
fn registry_root<'r>(registry: &'r Registry<'_>, uri: &str) -> Option<&'r Value> {
    let parsed = referencing::uri::from_str(uri).ok()?;
    let resolver = registry.resolver(parsed);
    resolver.lookup("#").ok().map(|r| r.contents())
}

/// A retriever that downloads nothing and records every URI it was asked for.
struct Recorder {
    asked: Arc<Mutex<HashSet<String>>>,
}

impl Retrieve for Recorder {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if let Ok(mut set) = self.asked.lock() {
            set.insert(uri.as_str().to_string());
        }
        // A placeholder keeps indexing going; `resolve` reports these URIs as outside the
        // package before looking anything up.
        Ok(Value::Bool(true))
    }
}

/// A retriever that downloads nothing and fails.
pub(crate) struct NoNetwork;

impl Retrieve for NoNetwork {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        Err(outside_message(uri.as_str()).into())
    }
}
