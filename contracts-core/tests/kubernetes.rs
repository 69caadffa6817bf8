//! Loads the real Kubernetes JSON schemas (`kubernetes/v1.37.0-local` under the corpora root:
//! `$CONTRACTS_CORPORA`, else `target/corpora`). Fails, saying how to fetch them, when the
//! corpus is missing: `cargo xtask corpora` (CI runs it first).

use std::path::PathBuf;
use std::time::Instant;

use contracts_core::{LoadOptions, Location, Package, Source};

fn corpus() -> PathBuf {
    let root = std::env::var_os("CONTRACTS_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/corpora"));
    let dir = root.join("kubernetes/v1.37.0-local");
    assert!(
        dir.is_dir(),
        "{} is missing: run `cargo xtask corpora` first",
        dir.display()
    );
    dir
}

#[test]
fn kubernetes_v1_37_loads() {
    let dir = corpus();
    let started = Instant::now();
    let package = Package::load(&Source::Dir(dir), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("load failed: {e}"));
    eprintln!(
        "loaded {} kubernetes schemas in {:?}",
        package.documents.len(),
        started.elapsed()
    );
    assert!(package.documents.len() > 800);
    let resolver = package.resolver().expect("resolver");
    let deployment = package
        .documents
        .values()
        .find(|d| d.name.starts_with("deployment-apps-v1"))
        .expect("deployment schema");
    let (from, reference) = package
        .refs()
        .into_iter()
        .find(|(l, _)| l.file == deployment.file)
        .expect("a $ref in the deployment schema");
    let target = resolver.resolve(&from, reference).expect("resolves");
    assert_eq!(target.document.file, "_definitions.json");
    assert!(target.pointer.starts_with("/$defs/"));

    // all.json has no $id and references `/api/_definitions.json` host-relatively.
    let all = package.get("all").expect("all.json");
    let (from, reference) = package
        .refs()
        .into_iter()
        .find(|(l, _)| l.file == all.file)
        .expect("a $ref in all.json");
    assert_eq!(
        resolver
            .resolve(&from, reference)
            .expect("resolves")
            .document
            .file,
        "_definitions.json"
    );

    let started = Instant::now();
    let validator = package
        .validator(
            &Location::new(deployment.file.clone(), ""),
            Default::default(),
        )
        .expect("validator");
    eprintln!("built a validator in {:?}", started.elapsed());
    let good = serde_json::json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web"},
        "spec": {"selector": {}, "template": {"spec": {"containers": [{"name": "web", "image": "nginx"}]}}}
    });
    assert!(validator.is_valid(&good), "{:?}", validator.issues(&good));
    let bad = serde_json::json!({"spec": {"replicas": "three"}});
    let issues = validator.issues(&bad);
    assert!(
        issues.iter().any(|i| i.instance_path == "/spec/replicas"),
        "{issues:?}"
    );
}
