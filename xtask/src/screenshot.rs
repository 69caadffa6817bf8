//! `cargo xtask screenshot`: the HTML report as a browser shows it. Renders two reports with
//! the `contracts` binary (`--format html`) and photographs each in headless Chromium:
//!
//! - the Kubernetes API schemas 1.36 → 1.37 from the corpora (`cargo xtask corpora`, in
//!   `$CONTRACTS_CORPORA` or `target/corpora`) → `docs/screenshot-kubernetes.png`;
//! - the example package's proposed release against 2.0.0 (`check`) →
//!   `docs/screenshot-example.png`.
//!
//! Chromium is `$CHROMIUM`, else `chromium` or `chromium-browser` on PATH; when there is none,
//! `apt-get install -y chromium` installs it from the distribution's packages. It runs with a
//! fresh profile and without network features (the page loads nothing anyway). Not part of
//! `.ci/run`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The browser window: wide enough for the schema list beside the findings.
const WINDOW: &str = "1440,1100";

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

fn chromium() -> Result<PathBuf, String> {
    if let Some(found) = find_chromium() {
        return Ok(found);
    }
    eprintln!("no chromium on PATH: apt-get install -y chromium");
    let status = Command::new("apt-get")
        .args(["install", "-y", "chromium"])
        .status()
        .map_err(|e| format!("cannot run apt-get: {e}"))?;
    if !status.success() {
        return Err(format!(
            "apt-get install -y chromium failed ({status}); install Chromium or set CHROMIUM"
        ));
    }
    find_chromium().ok_or_else(|| "chromium is still not on PATH".to_string())
}

fn build_cli(workspace: &Path) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "-p", "contracts-cli"])
        .current_dir(workspace)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build -p contracts-cli failed ({status})"));
    }
    Ok(crate::bench::target_dir(workspace)
        .join("debug")
        .join("contracts"))
}

/// Run `contracts ARGS --format html --output HTML` in `dir`; exit 0 or 1 (a failing check) is
/// a report.
fn render(bin: &Path, dir: &Path, args: &[&str], html: &Path) -> Result<(), String> {
    let status = Command::new(bin)
        .args(args)
        .args(["--format", "html", "--quiet", "--output"])
        .arg(html)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    match status.code() {
        Some(0 | 1) => Ok(()),
        _ => Err(format!("contracts {} failed ({status})", args.join(" "))),
    }
}

fn shoot(browser: &Path, html: &Path, png: &Path) -> Result<(), String> {
    let profile = tempfile::tempdir().map_err(|e| format!("a temporary profile: {e}"))?;
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("--window-size={WINDOW}"))
        .arg(format!("file://{}", html.display()))
        .status()
        .map_err(|e| format!("cannot run {}: {e}", browser.display()))?;
    if status.success() && png.is_file() {
        eprintln!("wrote {}", png.display());
        Ok(())
    } else {
        Err(format!(
            "{} did not write {} ({status})",
            browser.display(),
            png.display()
        ))
    }
}

fn run(workspace: &Path) -> Result<(), String> {
    let corpora = std::env::var_os("CONTRACTS_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("target").join("corpora"));
    if !corpora.join("kubernetes").join("v1.37.0-local").is_dir() {
        return Err(format!(
            "{} has no kubernetes/v1.37.0-local: run `cargo xtask corpora` first",
            corpora.display()
        ));
    }
    let browser = chromium()?;
    let bin = build_cli(workspace)?;
    let out = crate::bench::target_dir(workspace).join("screenshot");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let docs = workspace.join("docs");
    let k8s = out.join("kubernetes.html");
    render(
        &bin,
        &corpora,
        &[
            "diff",
            "kubernetes/v1.36.0-local",
            "kubernetes/v1.37.0-local",
        ],
        &k8s,
    )?;
    shoot(&browser, &k8s, &docs.join("screenshot-kubernetes.png"))?;
    let example = out.join("example.html");
    render(
        &bin,
        workspace,
        &["check", "schemas/proposed", "--baseline", "schemas/v2.0.0"],
        &example,
    )?;
    shoot(&browser, &example, &docs.join("screenshot-example.png"))
}

/// `cargo xtask screenshot`.
pub fn screenshot(workspace: &Path) -> ExitCode {
    match run(workspace) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
