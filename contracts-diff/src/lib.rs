//! `contracts-diff`: compare two versions of a contracts package.
#![deny(missing_docs)]
