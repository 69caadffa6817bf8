//! npm tarballs and git revisions as sources.

use std::path::Path;
use std::process::Command;

use contracts_core::{LoadError, LoadOptions, Package, Source};

fn tarball(path: &Path, entries: &[(&str, &str)]) {
    let file = std::fs::File::create(path).expect("create");
    let encoder = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    let mut builder = tar::Builder::new(encoder);
    for (name, text) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder
            .append_data(&mut header, name, text.as_bytes())
            .expect("append");
    }
    builder.into_inner().expect("tar").finish().expect("gzip");
}

#[test]
fn npm_tarball_in_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("acme-contracts-1.4.0.tgz");
    tarball(
        &path,
        &[
            (
                "package/package.json",
                r#"{"name": "@acme/contracts", "version": "1.4.0"}"#,
            ),
            ("package/README.md", "# contracts"),
            (
                "package/schemas/order.json",
                r#"{"type": "object", "properties": {"c": {"$ref": "customer.yaml"}}}"#,
            ),
            ("package/schemas/customer.yaml", "type: object\n"),
            ("package/node_modules/dep/x.json", "not json"),
            ("package/.github/workflow.json", "not json"),
        ],
    );
    let source = Source::parse(&path.display().to_string()).expect("parse");
    assert!(matches!(source, Source::Tarball(_)));
    let package = Package::load(&source, &LoadOptions::default()).expect("load");
    assert_eq!(package.name.as_deref(), Some("@acme/contracts"));
    assert_eq!(package.version, Some(semver::Version::new(1, 4, 0)));
    let names: Vec<&str> = package.documents.keys().map(String::as_str).collect();
    assert_eq!(names, vec!["schemas/customer", "schemas/order"]);
    assert_eq!(
        package.get("schemas/order").map(|d| d.file.as_str()),
        Some("schemas/order.json")
    );
}

#[test]
fn tarball_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let not_gzip = dir.path().join("broken.tgz");
    std::fs::write(&not_gzip, b"definitely not gzip").expect("write");
    match Package::load(&Source::Tarball(not_gzip.clone()), &LoadOptions::default()) {
        Err(LoadError::Io { path, .. }) => assert_eq!(path, not_gzip),
        other => panic!("expected Io, got {other:?}"),
    }
    let malformed = dir.path().join("malformed.tgz");
    tarball(
        &malformed,
        &[
            ("package/package.json", r#"{"version": "1.0.0"}"#),
            ("package/a.json", "{\"type\": }"),
        ],
    );
    match Package::load(&Source::Tarball(malformed), &LoadOptions::default()) {
        Err(LoadError::Parse { file, line, .. }) => {
            assert_eq!(file, "a.json");
            assert_eq!(line, 1);
        }
        other => panic!("expected Parse, got {other:?}"),
    }
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn git_revision_and_path() {
    let repo = tempfile::tempdir().expect("tempdir");
    let root = repo.path();
    git(root, &["init", "-q"]);
    std::fs::create_dir_all(root.join("schemas/events")).expect("mkdir");
    std::fs::write(
        root.join("schemas/package.json"),
        r#"{"name": "from-git", "version": "1.0.0"}"#,
    )
    .expect("write");
    std::fs::write(
        root.join("schemas/events/a.json"),
        r#"{"type": "object", "properties": {"b": {"$ref": "b.json"}}}"#,
    )
    .expect("write");
    std::fs::write(root.join("schemas/events/b.json"), r#"{"type": "string"}"#).expect("write");
    std::fs::write(root.join("other.json"), r#"{"type": "string"}"#).expect("write");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "v1"]);
    git(root, &["tag", "contracts-v1.0.0"]);
    // The work tree moves on; the tag still has the old files.
    std::fs::write(root.join("schemas/events/c.json"), r#"{"type": "integer"}"#).expect("write");
    std::fs::write(root.join("schemas/events/b.json"), "{ broken").expect("write");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "v2"]);

    let options = LoadOptions {
        git_dir: Some(root.join("schemas")),
        ..LoadOptions::default()
    };
    let source = Source::parse("git:contracts-v1.0.0:schemas").expect("parse");
    let package = Package::load(&source, &options).expect("load");
    assert_eq!(package.label, "git:contracts-v1.0.0:schemas");
    assert_eq!(package.version, Some(semver::Version::new(1, 0, 0)));
    assert_eq!(package.name.as_deref(), Some("from-git"));
    let names: Vec<&str> = package.documents.keys().map(String::as_str).collect();
    assert_eq!(names, vec!["events/a", "events/b"]);

    // The whole tree, and one file.
    let whole = Package::load(
        &Source::parse("git:contracts-v1.0.0").expect("parse"),
        &options,
    )
    .expect("load");
    let names: Vec<&str> = whole.documents.keys().map(String::as_str).collect();
    assert_eq!(names, vec!["other", "schemas/events/a", "schemas/events/b"]);
    let one = Package::load(
        &Source::parse("git:contracts-v1.0.0:schemas/events/b.json").expect("parse"),
        &options,
    )
    .expect("load");
    assert_eq!(one.documents.keys().collect::<Vec<_>>(), vec!["b"]);

    // HEAD has the broken file.
    match Package::load(&Source::parse("git:HEAD:schemas").expect("parse"), &options) {
        Err(LoadError::Parse { file, .. }) => assert_eq!(file, "events/b.json"),
        other => panic!("expected Parse, got {other:?}"),
    }
}

#[test]
fn git_errors_are_bad_sources() {
    let repo = tempfile::tempdir().expect("tempdir");
    let root = repo.path();
    git(root, &["init", "-q"]);
    std::fs::write(root.join("a.json"), "{}").expect("write");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "one"]);
    let options = LoadOptions {
        git_dir: Some(root.to_path_buf()),
        ..LoadOptions::default()
    };
    for text in ["git:no-such-tag", "git:HEAD:no/such/dir"] {
        match Package::load(&Source::parse(text).expect("parse"), &options) {
            Err(LoadError::BadSource {
                source_text,
                message,
            }) => {
                assert_eq!(source_text, text);
                assert!(!message.is_empty());
            }
            other => panic!("{text}: expected BadSource, got {other:?}"),
        }
    }
    assert!(matches!(
        Source::parse("git::schemas"),
        Err(LoadError::BadSource { .. })
    ));
    let outside = tempfile::tempdir().expect("tempdir");
    let options = LoadOptions {
        git_dir: Some(outside.path().to_path_buf()),
        ..LoadOptions::default()
    };
    assert!(matches!(
        Package::load(&Source::parse("git:HEAD").expect("parse"), &options),
        Err(LoadError::BadSource { .. })
    ));
}
