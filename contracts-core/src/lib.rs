//! `contracts-core`: load a versioned contracts package of JSON Schemas.
//!
//! A [`Package`] is a set of named schema documents ([`SchemaDocument`]) plus a version. It is
//! loaded from a [`Source`]: a directory, a single file, an npm tarball, a git revision or an
//! OpenAPI document's `components/schemas`. Every document's draft is detected from `$schema`
//! ([`Draft`]), every document is checked against its metaschema, and every `$ref` resolves
//! through the [`referencing`] crate ([`RefResolver`]) to a [`Location`]: a file plus a JSON
//! Pointer (RFC 6901).
//!
//! This crate has no CLI and no code generation; `contracts-diff`, `contracts-codegen` and
//! `contracts-cli` build on it.
#![deny(missing_docs)]

pub mod draft;
pub mod error;
mod external;
pub mod history;
pub mod input;
pub mod keywords;
pub mod literal;
mod load;
pub mod manifest;
pub mod package;
pub mod pointer;
pub mod repo;
pub mod resolve;
pub mod source;
pub mod validate;
pub mod walk;

pub use draft::Draft;
pub use error::{InvalidDocument, LoadError, LoadWarning};
pub use package::{ExactIntegers, Package, SchemaDocument};
pub use pointer::Location;
pub use resolve::{RefResolver, Resolved, SharedRegistry};
pub use source::{LoadOptions, Source};
