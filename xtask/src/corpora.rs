//! `cargo xtask corpora [DEST]`: the real packages the tests and benchmarks read, in one folder.
//!
//! What lands in `DEST` (default `$CONTRACTS_CORPORA`, else `<workspace>/target/corpora`):
//!
//! | folder | what | from |
//! | --- | --- | --- |
//! | `kubernetes/v1.<N>.0-local[-strict]/` | the Kubernetes API schemas, draft 2020-12, one file per kind plus `_definitions.json`, v1.25 to v1.37 | PyPI `kubernetes-validate` 1.37.0 (Apache-2.0), with `pip download` |
//! | `octokit-openapi-<V>/package/generated/` | GitHub's REST API as OpenAPI 3.0.3 documents (`*.deref.json` left out) and `package/package.json` | npm `@octokit/openapi` 22.0.0 and 23.0.1 (MIT), with `npm pack` |
//! | `schemastore/` | SchemaStore history: `pairs/<schema>__<i>/{old,new,tests}` and `catalogue/{old,new}` | `tests/corpora/schemastore-nz.tar.gz` in this repository (Apache-2.0, see `tests/corpora/SOURCE`) |
//!
//! Every archive is checked against the sha256 committed below before anything is unpacked.
//! Unpacking goes to `<folder>.part` and is renamed into place, then stamped with the archive's
//! sha256 (`<folder>/.corpora-stamp`): a folder whose stamp matches is kept as it is (the task is
//! idempotent and costs nothing the second time); one without a matching stamp (an interrupted or
//! older unpacking) is unpacked again. Downloads land in `DEST/dl/` and are kept.

use std::fs;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, ExitCode};

use sha2::{Digest, Sha256};

/// Where an archive comes from.
enum Origin {
    /// A wheel from PyPI, fetched with `python3 -m pip download`.
    PyPi {
        /// Distribution name.
        package: &'static str,
        /// Exact version.
        version: &'static str,
    },
    /// A tarball from the npm registry, fetched with `npm pack`.
    Npm {
        /// Package name, with its scope.
        package: &'static str,
        /// Exact version.
        version: &'static str,
    },
    /// A file committed in this repository (data that no registry serves).
    Repository {
        /// Path relative to the workspace root.
        path: &'static str,
    },
}

/// Which entries of an archive to unpack, and where they go below the output folder.
enum Select {
    /// Zip entries below `prefix`, with `prefix` removed.
    ZipPrefix(&'static str),
    /// Tar entries: `package/package.json`, and `package/generated/*.json` except `*.deref.json`,
    /// kept at their paths.
    OctokitGenerated,
    /// Tar entries below `prefix`, with `prefix` removed.
    TarPrefix(&'static str),
}

/// One archive of the corpora.
struct Archive {
    /// File name in `DEST/dl/` (what the registry client writes).
    file: &'static str,
    /// Its sha256, lower-case hex.
    sha256: &'static str,
    origin: Origin,
    /// The folder it unpacks to, below `DEST`.
    out: &'static str,
    select: Select,
}

const ARCHIVES: &[Archive] = &[
    Archive {
        file: "kubernetes_validate-1.37.0-py3-none-any.whl",
        sha256: "85136d018a27b50ec7fc049d902bfa5193f5976807e6c0f408e3ab6fe078cad9",
        origin: Origin::PyPi {
            package: "kubernetes-validate",
            version: "1.37.0",
        },
        out: "kubernetes",
        select: Select::ZipPrefix("kubernetes_validate/kubernetes-json-schema/"),
    },
    Archive {
        file: "octokit-openapi-22.0.0.tgz",
        sha256: "e98e1f37788db941b4fa05e6fec098b584360cbf88b7c643dddfd4098ec436b6",
        origin: Origin::Npm {
            package: "@octokit/openapi",
            version: "22.0.0",
        },
        out: "octokit-openapi-22.0.0",
        select: Select::OctokitGenerated,
    },
    Archive {
        file: "octokit-openapi-23.0.1.tgz",
        sha256: "b8cf45c94c56d83f4c645e8404389a72843aa57ff3d6c71f080afc10adcae320",
        origin: Origin::Npm {
            package: "@octokit/openapi",
            version: "23.0.1",
        },
        out: "octokit-openapi-23.0.1",
        select: Select::OctokitGenerated,
    },
    Archive {
        file: "schemastore-nz.tar.gz",
        sha256: "cd1f6c4495aaeb76d8aa9fb5062f1181603727dd54dbb8656a7f8596eb704f16",
        origin: Origin::Repository {
            path: "tests/corpora/schemastore-nz.tar.gz",
        },
        out: "schemastore",
        select: Select::TarPrefix("schemastore/"),
    },
];

/// The name of the stamp file written into an unpacked folder.
const STAMP: &str = ".corpora-stamp";

/// The corpora folder: `CONTRACTS_CORPORA` when set, else `<workspace>/target/corpora`.
pub fn default_dir(workspace: &Path) -> PathBuf {
    match std::env::var_os("CONTRACTS_CORPORA") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => workspace.join("target").join("corpora"),
    }
}

/// `cargo xtask corpora [DEST]`: fetch, check and unpack every archive; exit 1 naming the
/// archive and the cause on the first failure.
pub fn corpora(args: &[&str], workspace: &Path) -> ExitCode {
    let dest = match args {
        [] => default_dir(workspace),
        [dir] if !dir.starts_with('-') => absolute(Path::new(dir)),
        _ => {
            eprintln!("usage: cargo xtask corpora [DEST]");
            return ExitCode::from(2);
        }
    };
    match fetch_all(&dest, workspace) {
        Ok(()) => {
            println!("corpora ready in {}", dest.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

fn fetch_all(dest: &Path, workspace: &Path) -> Result<(), String> {
    let dl = dest.join("dl");
    fs::create_dir_all(&dl).map_err(|e| format!("cannot create {}: {e}", dl.display()))?;
    for archive in ARCHIVES {
        let (path, how) = obtain(archive, &dl, workspace)?;
        let out = dest.join(archive.out);
        if stamp_matches(&out, archive.sha256) {
            println!("{}: {how}; {} is up to date", archive.file, out.display());
            continue;
        }
        unpack(archive, &path, &out)?;
        println!("{}: {how}; unpacked into {}", archive.file, out.display());
    }
    Ok(())
}

/// The archive's local path, downloading it when it is absent or does not match its sha256,
/// and a few words on where it came from.
fn obtain(archive: &Archive, dl: &Path, workspace: &Path) -> Result<(PathBuf, String), String> {
    if let Origin::Repository { path } = archive.origin {
        let path = workspace.join(path);
        check_sha256(&path, archive.sha256)?;
        return Ok((path, "in the repository, sha256 ok".to_string()));
    }
    let path = dl.join(archive.file);
    if sha256_of(&path).ok().as_deref() == Some(archive.sha256) {
        return Ok((path, "already downloaded, sha256 ok".to_string()));
    }
    let (mut command, what) = match archive.origin {
        Origin::PyPi { package, version } => {
            let mut c = Command::new("python3");
            c.args(["-m", "pip", "download", "--quiet", "--no-deps"])
                .args(["--only-binary", ":all:"])
                .arg(format!("{package}=={version}"))
                .arg("-d")
                .arg(dl);
            (c, format!("{package} {version} from PyPI (pip download)"))
        }
        Origin::Npm { package, version } => {
            let mut c = Command::new("npm");
            c.args(["pack", "--silent"])
                .arg(format!("{package}@{version}"))
                .arg("--pack-destination")
                .arg(dl)
                .current_dir(dl);
            (c, format!("{package}@{version} from npm (npm pack)"))
        }
        Origin::Repository { .. } => unreachable!("handled above"),
    };
    eprintln!("downloading {what}");
    let output = command
        .output()
        .map_err(|e| format!("{what}: cannot run the registry client: {e}"))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "{what} failed ({}): {}",
            output.status,
            message.trim()
        ));
    }
    check_sha256(&path, archive.sha256).map_err(|e| format!("{what}: {e}"))?;
    Ok((path, format!("downloaded {what}, sha256 ok")))
}

fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check_sha256(path: &Path, expected: &str) -> Result<(), String> {
    let actual = sha256_of(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if actual == expected {
        Ok(())
    } else {
        Err(format!(
            "{} has sha256 {actual}, expected {expected}",
            path.display()
        ))
    }
}

fn stamp_matches(out: &Path, sha256: &str) -> bool {
    fs::read_to_string(out.join(STAMP)).is_ok_and(|s| s.trim() == sha256)
}

/// Unpack into `<out>.part`, stamp it, then replace `out` with it.
fn unpack(archive: &Archive, path: &Path, out: &Path) -> Result<(), String> {
    let mut part = out.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    remove_dir(&part)?;
    fs::create_dir_all(&part).map_err(|e| format!("cannot create {}: {e}", part.display()))?;
    let count = match archive.select {
        Select::ZipPrefix(prefix) => unpack_zip(path, prefix, &part),
        Select::OctokitGenerated => unpack_tar(path, &part, |name| {
            let generated = name
                .strip_prefix("package/generated/")
                .is_some_and(|rest| rest.ends_with(".json") && !rest.ends_with(".deref.json"));
            (generated || name == "package/package.json").then(|| name.to_string())
        }),
        Select::TarPrefix(prefix) => unpack_tar(path, &part, |name| {
            name.strip_prefix(prefix)
                .filter(|rest| !rest.is_empty())
                .map(str::to_string)
        }),
    }
    .map_err(|e| format!("{}: {e}", path.display()))?;
    if count == 0 {
        return Err(format!(
            "{}: no entry matched what the corpora take from it",
            path.display()
        ));
    }
    let mut stamp = fs::File::create(part.join(STAMP))
        .map_err(|e| format!("cannot write the stamp in {}: {e}", part.display()))?;
    writeln!(stamp, "{}", archive.sha256).map_err(|e| e.to_string())?;
    remove_dir(out)?;
    fs::rename(&part, out)
        .map_err(|e| format!("cannot move {} to {}: {e}", part.display(), out.display()))
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", dir.display())),
    }
}

/// A relative path of plain components only (no `..`, no root): archives cannot write outside
/// the output folder.
fn safe_relative(name: &str) -> Option<PathBuf> {
    let path = Path::new(name);
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    (plain && !name.is_empty()).then(|| path.to_path_buf())
}

fn write_entry(out: &Path, relative: &str, reader: &mut dyn Read) -> Result<(), String> {
    let rel = safe_relative(relative).ok_or_else(|| format!("unsafe entry path {relative:?}"))?;
    let target = out.join(rel);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut file = fs::File::create(&target)
        .map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    std::io::copy(reader, &mut file).map_err(|e| format!("entry {relative}: {e}"))?;
    Ok(())
}

fn unpack_zip(path: &Path, prefix: &str, out: &Path) -> Result<usize, String> {
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| format!("not a zip archive: {e}"))?;
    let mut count = 0;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| format!("entry {i}: {e}"))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        let Some(rest) = name.strip_prefix(prefix).filter(|r| !r.is_empty()) else {
            continue;
        };
        write_entry(out, rest, &mut entry)?;
        count += 1;
    }
    Ok(count)
}

/// Unpack the regular files of a gzipped tarball whose names `select` maps to a relative path.
fn unpack_tar(
    path: &Path,
    out: &Path,
    select: impl Fn(&str) -> Option<String>,
) -> Result<usize, String> {
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    let mut tar = tar::Archive::new(flate2::read::MultiGzDecoder::new(file));
    let mut count = 0;
    for entry in tar.entries().map_err(|e| format!("not a tarball: {e}"))? {
        let mut entry = entry.map_err(|e| format!("corrupt tarball: {e}"))?;
        let kind = entry.header().entry_type();
        if !kind.is_file() && !kind.is_dir() {
            continue;
        }
        let name = entry
            .path()
            .map_err(|e| format!("entry with a bad path: {e}"))?
            .to_string_lossy()
            .into_owned();
        let Some(rel) = select(name.trim_end_matches('/')) else {
            continue;
        };
        if kind.is_dir() {
            // Kept even when empty (a schema with no test instances has an empty `tests/`).
            let rel = safe_relative(&rel).ok_or_else(|| format!("unsafe entry path {rel:?}"))?;
            fs::create_dir_all(out.join(&rel)).map_err(|e| format!("entry {name}: {e}"))?;
            continue;
        }
        write_entry(out, &rel, &mut entry)?;
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_relative_rejects_escapes() {
        assert!(safe_relative("a/b.json").is_some());
        assert!(safe_relative("../a.json").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../b").is_none());
        assert!(safe_relative("").is_none());
    }

    #[test]
    fn the_committed_archive_matches_its_sha256() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        for archive in ARCHIVES {
            if let Origin::Repository { path } = archive.origin {
                check_sha256(&workspace.join(path), archive.sha256).unwrap();
            }
        }
    }

    fn tarball(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (name, data) in entries {
            let mut header = tar::Header::new_gnu();
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            builder.append_data(&mut header, name, *data).unwrap();
        }
        let tar = builder.into_inner().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&tar).unwrap();
        gz.finish().unwrap()
    }

    #[test]
    fn unpacking_is_selective_stamped_and_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = tarball(&[
            ("package/package.json", b"{}"),
            ("package/generated/api.json", b"{\"a\":1}"),
            ("package/generated/api.deref.json", b"{}"),
            ("package/README.md", b"x"),
        ]);
        let sha = hex(&Sha256::digest(&bytes));
        let tgz = dir.path().join("pkg.tgz");
        fs::write(&tgz, &bytes).unwrap();
        let archive = Archive {
            file: "pkg.tgz",
            sha256: Box::leak(sha.clone().into_boxed_str()),
            origin: Origin::Repository { path: "unused" },
            out: "pkg",
            select: Select::OctokitGenerated,
        };
        let out = dir.path().join("pkg");
        unpack(&archive, &tgz, &out).unwrap();
        assert!(out.join("package/package.json").is_file());
        assert!(out.join("package/generated/api.json").is_file());
        assert!(!out.join("package/generated/api.deref.json").exists());
        assert!(!out.join("package/README.md").exists());
        assert!(stamp_matches(&out, &sha));
        assert!(!stamp_matches(&out, "0000"));
        // An interrupted unpacking leaves no stamp: the folder is unpacked again, not trusted.
        fs::remove_file(out.join(STAMP)).unwrap();
        assert!(!stamp_matches(&out, &sha));
        unpack(&archive, &tgz, &out).unwrap();
        assert!(stamp_matches(&out, &sha));
        assert!(!dir.path().join("pkg.part").exists());
    }

    #[test]
    fn a_wrong_sha256_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.tgz");
        fs::write(&file, b"not the archive").unwrap();
        let err = check_sha256(&file, "00").unwrap_err();
        assert!(
            err.contains("x.tgz") && err.contains("expected 00"),
            "{err}"
        );
    }
}
