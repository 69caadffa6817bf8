//! Loading implementation (private): reading sources into a [`Package`].

use crate::{LoadError, LoadOptions, Package, Source};

pub(crate) fn load(source: &Source, _options: &LoadOptions) -> Result<Package, LoadError> {
    Err(LoadError::BadSource {
        source_text: source.to_string(),
        message: "loading is not implemented yet".into(),
    })
}
