//! JSON Schema drafts and their detection from `$schema`.

use serde::{Deserialize, Serialize};

/// A JSON Schema draft (specification version).
///
/// Detected from a document's `$schema` keyword (JSON Schema Core 2020-12 §8.1.1); a document
/// without `$schema` gets the default given in [`crate::LoadOptions`] (2020-12 unless set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Draft {
    /// Draft 4 (`http://json-schema.org/draft-04/schema#`).
    #[serde(rename = "draft-04")]
    Draft4,
    /// Draft 6 (`http://json-schema.org/draft-06/schema#`).
    #[serde(rename = "draft-06")]
    Draft6,
    /// Draft 7 (`http://json-schema.org/draft-07/schema#`).
    #[serde(rename = "draft-07")]
    Draft7,
    /// Draft 2019-09 (`https://json-schema.org/draft/2019-09/schema`).
    #[serde(rename = "2019-09")]
    Draft201909,
    /// Draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`).
    #[serde(rename = "2020-12")]
    Draft202012,
}

impl Draft {
    /// Every supported draft, oldest first.
    pub const ALL: [Draft; 5] = [
        Draft::Draft4,
        Draft::Draft6,
        Draft::Draft7,
        Draft::Draft201909,
        Draft::Draft202012,
    ];

    /// The draft a `$schema` URI names, or `None` for an unknown URI. Accepts `http`/`https`,
    /// with or without a trailing `#`. The OpenAPI 3.1 dialect
    /// (`https://spec.openapis.org/oas/3.1/dialect/base`) is 2020-12.
    pub fn from_uri(uri: &str) -> Option<Draft> {
        let trimmed = uri.trim_end_matches('#');
        let trimmed = trimmed
            .strip_prefix("https://")
            .or_else(|| trimmed.strip_prefix("http://"))
            .unwrap_or(trimmed);
        match trimmed {
            "json-schema.org/draft-04/schema" => Some(Draft::Draft4),
            "json-schema.org/draft-06/schema" => Some(Draft::Draft6),
            "json-schema.org/draft-07/schema" => Some(Draft::Draft7),
            "json-schema.org/draft/2019-09/schema" => Some(Draft::Draft201909),
            "json-schema.org/draft/2020-12/schema" => Some(Draft::Draft202012),
            // The OpenAPI 3.1 Schema Object dialect: 2020-12 plus annotations.
            "spec.openapis.org/oas/3.1/dialect/base" => Some(Draft::Draft202012),
            _ => None,
        }
    }

    /// The canonical metaschema URI of this draft.
    pub fn uri(self) -> &'static str {
        match self {
            Draft::Draft4 => "http://json-schema.org/draft-04/schema#",
            Draft::Draft6 => "http://json-schema.org/draft-06/schema#",
            Draft::Draft7 => "http://json-schema.org/draft-07/schema#",
            Draft::Draft201909 => "https://json-schema.org/draft/2019-09/schema",
            Draft::Draft202012 => "https://json-schema.org/draft/2020-12/schema",
        }
    }

    /// A short human name: `draft-04`, `draft-06`, `draft-07`, `2019-09`, `2020-12`.
    pub fn name(self) -> &'static str {
        match self {
            Draft::Draft4 => "draft-04",
            Draft::Draft6 => "draft-06",
            Draft::Draft7 => "draft-07",
            Draft::Draft201909 => "2019-09",
            Draft::Draft202012 => "2020-12",
        }
    }

    /// The keyword that sets a schema's base URI: `id` in draft 4, `$id` from draft 6 on.
    pub fn id_keyword(self) -> &'static str {
        match self {
            Draft::Draft4 => "id",
            _ => "$id",
        }
    }

    /// The same draft as the `referencing` crate names it.
    pub fn to_referencing(self) -> referencing::Draft {
        match self {
            Draft::Draft4 => referencing::Draft::Draft4,
            Draft::Draft6 => referencing::Draft::Draft6,
            Draft::Draft7 => referencing::Draft::Draft7,
            Draft::Draft201909 => referencing::Draft::Draft201909,
            Draft::Draft202012 => referencing::Draft::Draft202012,
        }
    }
}

impl std::fmt::Display for Draft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
