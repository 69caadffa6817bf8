//! Hostile input to loading (issue 13): tarballs built in the test.

use std::io::Write;

use contracts_core::{LoadOptions, Package, Source};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn tar(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (path, data) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, path, data.as_slice()).unwrap();
    }
    b.into_inner().unwrap()
}

#[test]
fn every_member_of_a_multi_member_gzip_tarball_is_read() {
    let manifest = br#"{"name": "p", "version": "1.0.0"}"#.to_vec();
    let plain = tar(&[
        ("package/package.json", manifest),
        ("package/a.json", br#"{"type": "string"}"#.to_vec()),
        ("package/b.json", br#"{"type": "integer"}"#.to_vec()),
    ]);
    // One 512-byte header and one 512-byte block of data per entry: the first member holds
    // the manifest, the second the schemas and the end of the archive.
    let mut bytes = gzip(&plain[..1024]);
    bytes.extend(gzip(&plain[1024..]));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p-1.0.0.tgz");
    std::fs::write(&path, bytes).unwrap();
    let package = Package::load(&Source::Tarball(path), &LoadOptions::default()).unwrap();
    let names: Vec<&String> = package.documents.keys().collect();
    assert_eq!(names, ["a", "b"]);
    assert_eq!(package.version, Some(semver::Version::new(1, 0, 0)));
}

#[test]
fn a_gzip_bomb_stops_at_the_input_size_limit() {
    let plain = tar(&[("package/a.json", vec![b' '; 4 << 20])]);
    let bytes = gzip(&plain);
    assert!(bytes.len() < 64 << 10, "the bomb is small: {}", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.tgz");
    std::fs::write(&path, bytes).unwrap();
    let options = LoadOptions {
        max_input_size: 1 << 20,
        ..LoadOptions::default()
    };
    let err = Package::load(&Source::Tarball(path), &options)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("bomb.tgz") && err.contains("1048576 bytes"),
        "names the file and the limit: {err}"
    );
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.json"), r#"{"type": "string"}"#).unwrap();
    // A device as the source: an error naming it, not a read until memory runs out.
    let err = Package::load(&Source::File("/dev/zero".into()), &LoadOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("/dev/zero") && err.contains("not a regular file"),
        "{err}"
    );
    // A device inside a folder is never opened.
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.json")).unwrap();
    let options = LoadOptions {
        follow_symlinks: true,
        ..LoadOptions::default()
    };
    let package = Package::load(&Source::Dir(dir.path().into()), &options).unwrap();
    assert_eq!(package.documents.keys().collect::<Vec<_>>(), ["a"]);
    // A file over the limit: an error naming it and the limit.
    let big = LoadOptions {
        max_input_size: 4,
        ..LoadOptions::default()
    };
    std::fs::remove_file(dir.path().join("zero.json")).unwrap();
    let err = Package::load(&Source::Dir(dir.path().into()), &big)
        .unwrap_err()
        .to_string();
    assert!(err.contains("a.json") && err.contains("4 bytes"), "{err}");
}

/// Load the folder `files` make; the package or the error text.
fn load_files(files: &[(&str, &str)]) -> Result<Package, String> {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    Package::load(
        &Source::Dir(dir.path().to_path_buf()),
        &LoadOptions::default(),
    )
    .map_err(|e| e.to_string())
}

fn warnings(package: &Package) -> Vec<String> {
    package.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn duplicate_keys_in_json_are_a_warning_naming_object_and_key() {
    let package = load_files(&[(
        "a.json",
        r#"{"properties": {"x": {"type": "string", "type": "integer"}}}"#,
    )])
    .unwrap();
    let found = warnings(&package);
    assert!(
        found
            .iter()
            .any(|w| w.starts_with("a.json#/properties/x: duplicate key \"type\"")),
        "{found:?}"
    );
    // The last value is the one read, as before.
    assert_eq!(
        package.documents["a"].value["properties"]["x"]["type"],
        "integer"
    );
}

#[test]
fn duplicate_keys_in_yaml_are_a_warning_naming_object_and_key() {
    let package = load_files(&[(
        "b.yaml",
        "type: object\nproperties:\n  n:\n    maximum: 1\n    maximum: 2\n",
    )])
    .unwrap();
    let found = warnings(&package);
    assert!(
        found
            .iter()
            .any(|w| w.starts_with("b.yaml#/properties/n: duplicate key \"maximum\"")),
        "{found:?}"
    );
}

#[test]
fn yaml_nan_and_infinity_are_errors_naming_file_and_pointer() {
    for (literal, shown) in [(".nan", "NaN"), (".inf", "inf"), ("-.Inf", "-inf")] {
        let err = load_files(&[(
            "c.yaml",
            &format!("type: number\nproperties:\n  v:\n    maximum: {literal}\n"),
        )])
        .unwrap_err();
        assert!(err.starts_with("c.yaml:"), "{err}");
        assert!(err.contains("malformed YAML"), "{err}");
        assert!(
            err.contains(&format!("{shown} at #/properties/v/maximum")),
            "{err}"
        );
        assert!(err.contains("not JSON values"), "{err}");
    }
}

#[test]
fn an_integer_beyond_a_float_is_a_warning_and_its_digits_are_kept() {
    let text =
        r#"{"type": "integer", "maximum": 18446744073709551617, "minimum": 9007199254740992}"#;
    let package = load_files(&[("d.json", text)]).unwrap();
    let found = warnings(&package);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("d.json#/maximum: integer 18446744073709551617 is beyond"),
        "{found:?}"
    );
    let doc = &package.documents["d"];
    assert_eq!(
        contracts_core::literal::number_literal(&doc.text, "/maximum"),
        Some("18446744073709551617")
    );
    // Kept with the document: only the literal the float does not hold.
    assert_eq!(
        package.exact_integer("d.json", "/maximum"),
        Some("18446744073709551617")
    );
    assert_eq!(package.exact_integer("d.json", "/minimum"), None);
}

#[test]
fn a_yaml_integer_beyond_a_float_keeps_its_digits() {
    let text = "type: integer\nenum: [-170141183460469231731687303715884105727, 18446744073709551616, 1]\n";
    let package = load_files(&[("y.yaml", text)]).unwrap();
    assert_eq!(
        package.exact_integer("y.yaml", "/enum/0"),
        Some("-170141183460469231731687303715884105727")
    );
    // 2^64 is a float exactly: nothing to keep, no warning.
    assert_eq!(package.exact_integer("y.yaml", "/enum/1"), None);
    let found = warnings(&package);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("y.yaml#/enum/0: integer -1701411834"),
        "{found:?}"
    );
}

/// A schema that does not compress (a xorshift sequence written as hex digits in its
/// `description`).
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = br#"{"description": ""#.to_vec();
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend(format!("{x:016x}").bytes());
    }
    out.extend(br#""}"#);
    out
}

#[test]
fn a_corrupt_tarball_names_the_entry_being_read() {
    let plain = tar(&[
        (
            "package/package.json",
            br#"{"name": "p", "version": "1.0.0"}"#.to_vec(),
        ),
        ("package/a.json", br#"{"type": "string"}"#.to_vec()),
        ("package/big.json", noise(200_000)),
        ("package/z.json", br#"{"type": "integer"}"#.to_vec()),
    ]);
    let good = gzip(&plain);
    let dir = tempfile::tempdir().unwrap();
    let load = |bytes: &[u8]| {
        let path = dir.path().join("p-1.0.0.tgz");
        std::fs::write(&path, bytes).unwrap();
        Package::load(&Source::Tarball(path), &LoadOptions::default())
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    assert_eq!(load(&good), Ok(()));
    // Flipped bits in the middle of the compressed stream: inside big.json's data.
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    for b in &mut flipped[middle..middle + 64] {
        *b ^= 0x5a;
    }
    let err = load(&flipped).unwrap_err();
    assert!(err.contains("p-1.0.0.tgz"), "names the tarball: {err}");
    assert!(
        err.contains("entry `package/big.json`"),
        "names the entry: {err}"
    );
    assert!(err.contains("at byte 2048"), "and its offset: {err}");
    // Cut short in the middle: the same entry, whose data ended early.
    let err = load(&good[..middle]).unwrap_err();
    assert!(err.contains("p-1.0.0.tgz"), "{err}");
    assert!(err.contains("package/big.json"), "{err}");
}
