//! `contracts check NEW` without `--baseline` in a git repository: the newest tag matching
//! `contracts.toml`'s `tag_pattern` (default `v*`) below NEW's version is the baseline, read
//! as `git:TAG:PATH` (issue 12).

use std::path::Path;
use std::process::Command;

use contracts_tests::{contracts, json, root_path};

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// Replace `dest` with a copy of the folder `src`.
fn copy_dir(src: &Path, dest: &Path) {
    if dest.exists() {
        std::fs::remove_dir_all(dest).unwrap();
    }
    std::fs::create_dir_all(dest).unwrap();
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dest.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
}

/// A repository whose `pkg/` is the example package: 1.0.0 tagged `v1.0.0` (and a
/// pre-release tag `v1.1.0-rc.1`), 1.1.0 tagged `v1.1.0` (and `release-9.0.0`, which `v*`
/// does not match); the work tree holds 2.0.0, uncommitted.
fn repository() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    let pkg = repo.join("pkg");
    copy_dir(&root_path("schemas/v1.0.0"), &pkg);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "1.0.0"]);
    git(repo, &["tag", "v1.0.0"]);
    git(repo, &["tag", "v1.1.0-rc.1"]);
    copy_dir(&root_path("schemas/v1.1.0"), &pkg);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "1.1.0"]);
    git(repo, &["tag", "-a", "v1.1.0", "-m", "1.1.0"]);
    git(repo, &["tag", "release-9.0.0"]);
    copy_dir(&root_path("schemas/v2.0.0"), &pkg);
    tmp
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn check_without_baseline_takes_the_newest_matching_tag() {
    let tmp = repository();
    let repo = tmp.path();
    let out = contracts()
        .current_dir(repo)
        .args(["check", "pkg", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let err = stderr(&out);
    assert!(
        err.contains(
            "baseline: git:v1.1.0:pkg (the newest tag matching `v*` with a version below 2.0.0)"
        ),
        "{err}"
    );
    let report = json(&out.stdout);
    assert_eq!(report["old"]["version"], "1.1.0", "{report:#}");
    assert_eq!(report["new"]["version"], "2.0.0", "{report:#}");
    assert_eq!(report["verdict"]["passed"], true, "{report:#}");
    assert_eq!(report["required_bump"], "major", "{report:#}");

    // The same from inside the package folder (NEW is `.`): PATH is still `pkg`.
    let out = contracts()
        .current_dir(repo.join("pkg"))
        .args(["check", "."])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("baseline: git:v1.1.0:pkg "),
        "{}",
        stderr(&out)
    );

    // Declared as a patch release, the breaking changes since v1.1.0 fail the gate.
    let out = contracts()
        .current_dir(repo)
        .args(["check", "pkg", "--version", "1.1.1"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        stderr(&out).contains("baseline: git:v1.1.0:pkg "),
        "{}",
        stderr(&out)
    );

    // Below 1.1.0, the pre-release tag v1.1.0-rc.1 is newer than v1.0.0 (semver order).
    let out = contracts()
        .current_dir(repo)
        .args(["check", "pkg", "--version", "1.1.0", "--format", "json"])
        .output()
        .expect("contracts runs");
    assert!(
        stderr(&out).contains("baseline: git:v1.1.0-rc.1:pkg "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn tag_pattern_of_contracts_toml_is_used_and_no_match_is_a_clear_error() {
    let tmp = repository();
    let repo = tmp.path();
    std::fs::write(
        repo.join("pkg/contracts.toml"),
        "tag_pattern = \"release-*\"\n",
    )
    .unwrap();
    // release-9.0.0 is not below 2.0.0: nothing qualifies.
    let out = contracts()
        .current_dir(repo)
        .args(["check", "pkg"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = stderr(&out);
    assert!(err.contains("no git tag matches `release-*`"), "{err}");
    assert!(err.contains("below 2.0.0"), "{err}");
    assert!(err.contains("pass --baseline OLD"), "{err}");
    assert!(!err.contains("unshallow"), "not a shallow clone: {err}");
    // Declared 10.0.0, release-9.0.0 is the baseline.
    let out = contracts()
        .current_dir(repo)
        .args(["check", "pkg", "--version", "10.0.0"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(
        stderr(&out)
            .contains("baseline: git:release-9.0.0:pkg (the newest tag matching `release-*`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_shallow_clone_without_tags_gets_the_unshallow_hint() {
    let tmp = repository();
    let repo = tmp.path();
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "2.0.0"]);
    let elsewhere = tempfile::tempdir().unwrap();
    let clone = elsewhere.path().join("clone");
    let url = format!("file://{}", repo.display());
    git(
        repo,
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-tags",
            &url,
            clone.to_str().unwrap(),
        ],
    );
    let out = contracts()
        .current_dir(&clone)
        .args(["check", "pkg"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = stderr(&out);
    assert!(err.contains("no git tag matches `v*`"), "{err}");
    assert!(err.contains("git fetch --tags --unshallow"), "{err}");
}

#[test]
fn outside_a_repository_check_asks_for_baseline() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root_path("schemas/v2.0.0"), &tmp.path().join("pkg"));
    let out = contracts()
        .current_dir(tmp.path())
        .env("GIT_CEILING_DIRECTORIES", tmp.path().parent().unwrap())
        .args(["check", "pkg"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = stderr(&out);
    assert!(
        err.contains("not a folder or file of a git work tree"),
        "{err}"
    );
    assert!(err.contains("pass --baseline OLD"), "{err}");
}

/// `git:` sources and the tag search read the repository in-process (gix): no `git` binary
/// runs, so an empty `PATH`, where none can be found, changes nothing.
#[test]
fn git_sources_and_the_tag_search_need_no_git_binary() {
    let tmp = repository();
    let repo = tmp.path();
    let out = contracts()
        .current_dir(repo)
        .env("PATH", "")
        .args(["check", "pkg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("baseline: git:v1.1.0:pkg "),
        "{}",
        stderr(&out)
    );
    // An annotated tag, a lightweight one and a path, read the same way.
    let out = contracts()
        .current_dir(repo)
        .env("PATH", "")
        .args([
            "diff",
            "git:v1.0.0:pkg",
            "git:v1.1.0:pkg",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out.stdout);
    assert_eq!(report["old"]["version"], "1.0.0", "{report:#}");
    assert_eq!(report["new"]["version"], "1.1.0", "{report:#}");
}

/// A tag missing from a shallow clone: the error says the clone is shallow and how to fetch
/// the history and tags.
#[test]
fn a_revision_missing_from_a_shallow_clone_names_the_cause() {
    let tmp = repository();
    let origin = tmp.path();
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.display());
    git(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let shallow = clones.path().join("shallow");
    let out = contracts()
        .current_dir(&shallow)
        .args(["diff", "git:v1.0.0:pkg", "pkg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("\"v1.0.0\" is not a revision"), "{err}");
    assert!(err.contains("shallow"), "{err}");
    assert!(err.contains("git fetch --tags --unshallow"), "{err}");
}
