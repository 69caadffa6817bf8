//! The Kubernetes v1.37.0 definitions (`kubernetes/v1.37.0-local` under the corpora root:
//! `$CONTRACTS_CORPORA`, else `<workspace>/target/corpora`; fetch them with
//! `cargo xtask corpora`): the whole package is generated (strict),
//! written into a scratch crate and compiled with `cargo check`. Counts and the generation
//! time are printed (and compared with `cargo-typify` on `_definitions.json` when it is
//! installed); speed is measured, never asserted.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use contracts_codegen::Builder;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus() -> PathBuf {
    let root = std::env::var_os("CONTRACTS_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/corpora"));
    let dir = root.join("kubernetes/v1.37.0-local");
    assert!(
        dir.is_dir(),
        "{} is missing: run `cargo xtask corpora` first",
        dir.display()
    );
    dir
}

fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

#[test]
fn kubernetes_generates_and_compiles() {
    let dir = corpus();
    let started = Instant::now();
    let generated = Builder::new()
        .package(dir.as_path())
        .generate()
        .unwrap_or_else(|e| panic!("Kubernetes does not generate: {e}"));
    let total = started.elapsed();
    let s = &generated.stats;
    println!(
        "kubernetes v1.37.0: {} schemas, {} definitions: {} typed, {} partly serde_json::Value, {} serde_json::Value; \
         roots: {} typed, {} serde_json::Value; {} warnings; {} lines; generation {:.2}s (with load {:.2}s)",
        s.schemas,
        s.definitions,
        s.typed,
        s.partial,
        s.fallback,
        s.schemas_typed,
        s.schemas_fallback,
        generated.warnings.len(),
        generated.code.lines().count(),
        generated.elapsed.as_secs_f64(),
        total.as_secs_f64()
    );
    // Every document but `_definitions.json` (a container of `$defs` only) is a root type.
    assert_eq!(s.schemas, 864);
    assert_eq!(s.schemas_typed, 863);
    assert_eq!(s.schemas_fallback + s.fallback, 0);
    assert!(generated.code.contains("pub struct PodV1 {"));
    assert!(generated.code.contains("pub struct ObjectMeta("));
    assert_eq!(generated.roots["pod-v1"], "PodV1");

    compare_with_cargo_typify(&dir, generated.elapsed.as_secs_f64());

    // Compile it in a scratch crate of its own (own target dir: the outer build holds ours).
    let scratch = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
        .join("contracts-codegen-kubernetes");
    write_if_changed(
        &scratch.join("Cargo.toml"),
        r#"[package]
name = "kubernetes-contracts"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }
uuid = { version = "1", features = ["serde"] }
regress = "0.12"

[workspace]
"#,
    );
    write_if_changed(
        &scratch.join("src/lib.rs"),
        "#![allow(warnings, clippy::all)]\ninclude!(\"kubernetes.rs\");\n",
    );
    write_if_changed(&scratch.join("src/kubernetes.rs"), &generated.code);
    let lock = std::fs::read_to_string(workspace().join("Cargo.lock")).unwrap();
    if !scratch.join("Cargo.lock").exists() {
        write_if_changed(&scratch.join("Cargo.lock"), &lock);
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let started = Instant::now();
    let out = Command::new(cargo)
        .args(["check", "--quiet", "--offline", "--manifest-path"])
        .arg(scratch.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .output()
        .expect("cargo runs");
    println!(
        "cargo check of the generated Kubernetes crate: {:.1}s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        out.status.success(),
        "the generated Kubernetes module does not compile:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Time `cargo typify` (0.8.0, if installed) on `_definitions.json`, the one file of the
/// package it can take whole (per-kind files have no `title`, so it makes no type of them,
/// and their `$ref`s point to another file).
fn compare_with_cargo_typify(dir: &Path, ours: f64) {
    let out = std::env::temp_dir().join(format!(
        "contracts-codegen-typify-{}.rs",
        std::process::id()
    ));
    let started = Instant::now();
    let status = Command::new("cargo")
        .args(["typify", "--no-builder"])
        .arg(dir.join("_definitions.json"))
        .arg("-o")
        .arg(&out)
        .output();
    match status {
        Ok(o) if o.status.success() => println!(
            "cargo-typify on _definitions.json alone: {:.2}s; contracts-codegen on the whole package: {ours:.2}s",
            started.elapsed().as_secs_f64()
        ),
        _ => println!("cargo-typify is not installed (`cargo install cargo-typify --version 0.8.0`): no comparison"),
    }
    let _ = std::fs::remove_file(out);
}
