//! Generates the service's DTOs from the newest released version of the contracts package in
//! `../../schemas` (`vX.Y.Z` folders), plus a table of every `examples` payload for the tests.

use std::path::{Path, PathBuf};

fn latest_version(schemas: &Path) -> PathBuf {
    let mut best: Option<(semver::Version, PathBuf)> = None;
    for entry in std::fs::read_dir(schemas).expect("schemas/ is readable") {
        let path = entry.expect("schemas/ entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(Ok(version)) = name.strip_prefix('v').map(semver::Version::parse) else {
            continue;
        };
        if version.pre.is_empty() && best.as_ref().is_none_or(|(b, _)| version > *b) {
            best = Some((version, path));
        }
    }
    best.expect("schemas/ holds a vX.Y.Z package").1
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    println!("cargo:rerun-if-changed={}", schemas.display());
    let package_dir = latest_version(&schemas);

    let generated = contracts_codegen::Builder::new()
        .package(package_dir.as_path())
        // Events may gain fields in a minor version: code outside this crate must not build
        // them with a struct literal.
        .type_attribute("events/*", "#[non_exhaustive]")
        .generate_to_out_dir("contracts.rs")?;

    // Every example payload, with the Rust type of its schema, for tests/examples.rs.
    let source = contracts_core::Source::parse(&package_dir.to_string_lossy())?;
    let package = contracts_core::Package::load(&source, &Default::default())?;
    let mut table = String::from("&[\n");
    let mut count = 0;
    for (name, doc) in &package.documents {
        let Some(serde_json::Value::Array(examples)) = doc.value.get("examples") else {
            continue;
        };
        let Some(ty) = generated.roots.get(name) else {
            continue;
        };
        for example in examples {
            let json = serde_json::to_string(example)?;
            table.push_str(&format!(
                "    ({name:?}, {json:?}, round_trip::<crate::contracts::{ty}> as RoundTrip),\n"
            ));
            count += 1;
        }
    }
    table.push_str("]\n");
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(out.join("examples.rs"), table)?;
    std::fs::write(
        out.join("package.txt"),
        format!(
            "{} {} examples",
            package.version.map(|v| v.to_string()).unwrap_or_default(),
            count
        ),
    )?;
    Ok(())
}
