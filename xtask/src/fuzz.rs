//! `cargo xtask fuzz`: a mutating fuzzer on stable Rust for the harnesses of
//! `fuzz_harness.rs` (the cargo-fuzz targets in `fuzz/` run the same ones under libFuzzer).
//!
//! For each target, seeds (the repository's fixtures and example package, small files of the
//! real corpora when `CONTRACTS_CORPORA` names them) are mutated by a deterministic PRNG: bit
//! flips, JSON-significant bytes, inserted tokens (`$ref`, patterns, huge numbers, duplicate
//! keys, `.nan`), deleted, duplicated and spliced ranges. Each input runs on a worker thread;
//! a panic or an input that runs past `--timeout` fails the run, with the input saved under
//! `target/fuzz/`. The address space is capped (`--memory-mb`), so a runaway allocation
//! aborts the run too.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::fuzz_harness::TARGETS;

const USAGE: &str = "usage: cargo xtask fuzz [--seconds N] [--timeout SECS] [--memory-mb MB] \
                     [--seed N] [--only TARGET]";

/// Tokens worth inserting: what the loaders and the diff treat specially.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\\",
    "\n",
    "null",
    "true",
    "-",
    "e999",
    "18446744073709551617",
    "-9223372036854775809",
    "1e400",
    ".nan",
    ".inf",
    "~",
    "&a",
    "*a",
    "!!binary",
    "---\n",
    "\"$ref\": \"#\"",
    "\"$ref\": \"#/$defs/x\"",
    "\"$ref\": \"../x.json\"",
    "\"$id\": \"http://x/\"",
    "\"pattern\": \"^(?!a)(a+)+$\"",
    "\"pattern\": \"[a-\"",
    "\"type\": \"integer\"",
    "\"maximum\": 1e308",
    "\"enum\": [1, 1.0]",
    "\"allOf\": [{}]",
    "\"anyOf\": [{\"$ref\": \"#\"}]",
    "\"properties\": {\"a\": {}, \"a\": {}}",
    "\"$schema\": \"http://json-schema.org/draft-04/schema#\"",
    "\"openapi\": \"3.1.0\"",
    "\"components\": {\"schemas\": {}}",
    "\"version\": \"1.0.0\"",
    "[[allow]]\nrule = \"*\"\n",
    "[[schemas]]\nglob = \"**\"\nrole = \"event\"\n",
    "until = \"2026-02-30\"\n",
    "\u{feff}",
    "\u{0}",
    "\u{1b}]",
    "\u{2028}",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One to four mutations of `input`; `other` is a second seed to splice from.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let len = out.len();
        let at = rng.below(len + 1);
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                const SIGNIFICANT: &[u8] = b"{}[]\":,\\0-9e. \n";
                out[i] = SIGNIFICANT[rng.below(SIGNIFICANT.len())];
            }
            2 | 3 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            4 if len > 0 => {
                let end = (at + 1 + rng.below(16)).min(len);
                out.drain(at.min(end)..end);
            }
            5 if len > 0 => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(64)).min(len);
                let chunk = out[start..end].to_vec();
                out.splice(at..at, chunk);
            }
            6 if !other.is_empty() => {
                let start = rng.below(other.len());
                let end = (start + 1 + rng.below(256)).min(other.len());
                out.splice(at..at, other[start..end].iter().copied());
            }
            _ => {
                let byte = rng.next() as u8;
                out.insert(at, byte);
            }
        }
    }
    out.truncate(1 << 20);
    out
}

/// Files below `dir` (recursively) of at most `max` bytes whose name ends with one of `exts`,
/// in path order.
fn files(dir: &Path, exts: &[&str], max: u64, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            files(&path, exts, max, out);
        } else if meta.is_file()
            && meta.len() <= max
            && exts.iter().any(|e| path.to_string_lossy().ends_with(e))
        {
            out.push(path);
        }
    }
}

/// An uncompressed tar of the files below `dir`, under `prefix`.
fn tar_of(dir: &Path, prefix: &str) -> Vec<u8> {
    let mut paths = Vec::new();
    files(
        dir,
        &[".json", ".yaml", ".yml", ".toml"],
        1 << 16,
        &mut paths,
    );
    let mut builder = tar::Builder::new(Vec::new());
    for path in paths.iter().take(32) {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let rel = path.strip_prefix(dir).unwrap_or(path);
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        let name = format!("{prefix}{}", rel.to_string_lossy());
        let _ = builder.append_data(&mut header, name, bytes.as_slice());
    }
    builder.into_inner().unwrap_or_default()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

/// The seed corpus of `target`, read from the repository (and small corpus files).
fn seeds(target: &str, root: &Path) -> Vec<Vec<u8>> {
    let read = |paths: Vec<PathBuf>| -> Vec<Vec<u8>> {
        paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    };
    let corpora = std::env::var_os("CONTRACTS_CORPORA").map(PathBuf::from);
    let mut out: Vec<Vec<u8>> = match target {
        "schema_document" | "payload" => {
            let mut paths = Vec::new();
            files(
                &root.join("tests/fixtures"),
                &[".json", ".yaml", ".yml"],
                1 << 16,
                &mut paths,
            );
            files(
                &root.join("schemas"),
                &[".json", ".yaml", ".yml"],
                1 << 16,
                &mut paths,
            );
            if let Some(c) = &corpora {
                let mut more = Vec::new();
                files(
                    &c.join("schemastore/pairs"),
                    &[".json"],
                    16 << 10,
                    &mut more,
                );
                // Every 25th: a sample across the pairs, not the first folder only.
                paths.extend(more.into_iter().step_by(25).take(200));
            }
            let mut seeds = read(paths);
            if target == "schema_document" {
                // The first byte picks JSON or YAML (see the harness).
                let yaml: Vec<Vec<u8>> = seeds
                    .iter()
                    .map(|s| {
                        let mut v = vec![1u8];
                        v.extend(s);
                        v
                    })
                    .collect();
                for s in &mut seeds {
                    s.insert(0, 0);
                }
                seeds.extend(yaml);
                seeds.push(b"\x01type: object\nproperties:\n  a: {maximum: 1}\n".to_vec());
            }
            seeds
        }
        "package_folder" | "package_tarball" => {
            let prefix = if target == "package_tarball" {
                "package/"
            } else {
                ""
            };
            let mut seeds = Vec::new();
            let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("schemas"))
                .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            dirs.extend(
                std::fs::read_dir(root.join("tests/fixtures"))
                    .map(|d| {
                        d.filter_map(Result::ok)
                            .map(|e| e.path())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default(),
            );
            dirs.sort();
            for dir in dirs.iter().filter(|d| d.is_dir()) {
                seeds.push(tar_of(dir, prefix));
            }
            seeds
        }
        "contracts_toml" => {
            let mut paths = Vec::new();
            files(
                &root.join("schemas"),
                &["contracts.toml"],
                1 << 16,
                &mut paths,
            );
            files(
                &root.join("tests/fixtures"),
                &[".toml"],
                1 << 16,
                &mut paths,
            );
            let mut seeds = read(paths);
            seeds.push(
                b"mode = \"full\"\npolicy = \"strict\"\n[[schemas]]\nglob = \"events/**\"\n\
                  role = \"event\"\n[[allow]]\nrule = \"enum-value-removed\"\n\
                  schema = \"events/a\"\npointer = \"/properties/**\"\nreason = \"r\"\n\
                  until = \"3.0.0\"\n[rules]\nexcept = [\"comment-changed\"]\n\
                  [rules.severity]\ndescription-changed = \"off\"\n[resolve]\n\
                  dirs = [\"vendor\"]\n[resolve.map]\n\"https://x/\" = \"v/\"\n"
                    .to_vec(),
            );
            seeds
        }
        _ => Vec::new(),
    };
    out.retain(|s| !s.is_empty());
    if out.is_empty() {
        out.push(b"{}".to_vec());
    }
    out
}

struct Settings {
    seconds: u64,
    timeout: Duration,
    memory_mb: u64,
    seed: u64,
    only: Option<String>,
}

fn parse(args: &[&str]) -> Result<Settings, String> {
    let mut s = Settings {
        seconds: 30,
        timeout: Duration::from_secs(10),
        memory_mb: 4096,
        seed: 1,
        only: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .copied()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        let number = |v: &str| v.parse::<u64>().map_err(|e| format!("{arg} {v}: {e}"));
        match *arg {
            "--seconds" => s.seconds = number(value()?)?,
            "--timeout" => s.timeout = Duration::from_secs(number(value()?)?),
            "--memory-mb" => s.memory_mb = number(value()?)?,
            "--seed" => s.seed = number(value()?)?,
            "--only" => s.only = Some(value()?.to_string()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(s)
}

/// Save `input` of `target` under `target/fuzz/` and return its path.
fn save(root: &Path, target: &str, kind: &str, input: &[u8]) -> PathBuf {
    let dir = root.join("target").join("fuzz");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{target}-{kind}.bin"));
    let _ = std::fs::write(&path, input);
    path
}

/// `cargo xtask fuzz`: every target (or `--only` one) for `--seconds` each.
pub fn fuzz(args: &[&str], root: &Path) -> ExitCode {
    let settings = match parse(args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let bytes = settings.memory_mb.saturating_mul(1 << 20);
    if let Err(e) =
        nix::sys::resource::setrlimit(nix::sys::resource::Resource::RLIMIT_AS, bytes, bytes)
    {
        eprintln!(
            "warning: cannot cap the address space at {} MB: {e}",
            settings.memory_mb
        );
    }
    // The harnesses' panics are reported once, with the input; the default hook's message
    // stays (it names the place).
    let mut failed = false;
    for (name, harness) in TARGETS {
        if settings.only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let seeds = seeds(name, root);
        let harness = *harness;
        // One worker per target, on a large stack (the loaders are iterative, but the
        // validators recurse within their own limits).
        let (to_worker, inputs) = mpsc::channel::<Vec<u8>>();
        let (to_main, results) = mpsc::channel::<Result<(), String>>();
        let worker = std::thread::Builder::new()
            .name(format!("fuzz-{name}"))
            .stack_size(64 << 20)
            .spawn(move || {
                for input in inputs {
                    let outcome = std::panic::catch_unwind(|| harness(&input)).map_err(|e| {
                        e.downcast_ref::<String>()
                            .cloned()
                            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_else(|| "panic".into())
                    });
                    if to_main.send(outcome).is_err() {
                        return;
                    }
                }
            });
        if let Err(e) = worker {
            eprintln!("error: cannot start the {name} worker: {e}");
            return ExitCode::FAILURE;
        }
        let mut rng = Rng(settings.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let start = Instant::now();
        let (mut runs, mut slowest) = (0u64, Duration::ZERO);
        // The seeds as they are first, then mutations.
        let mut queue: std::collections::VecDeque<Vec<u8>> = seeds.iter().cloned().collect();
        while start.elapsed() < Duration::from_secs(settings.seconds) || !queue.is_empty() {
            let input = queue.pop_front().unwrap_or_else(|| {
                let a = &seeds[rng.below(seeds.len())];
                let b = &seeds[rng.below(seeds.len())];
                let mutated = mutate(&mut rng, a, b);
                if *name == "package_tarball" && rng.below(4) != 0 {
                    // Mostly a well-formed gzip of a mutated tar: past the decompressor.
                    gzip(&mutated)
                } else {
                    mutated
                }
            });
            let input = if runs < seeds.len() as u64 && *name == "package_tarball" {
                gzip(&input)
            } else {
                input
            };
            // Saved before it runs: an abort (stack overflow, allocation failure) leaves it.
            save(root, name, "last", &input);
            let began = Instant::now();
            if to_worker.send(input.clone()).is_err() {
                eprintln!("{name}: the worker stopped");
                failed = true;
                break;
            }
            match results.recv_timeout(settings.timeout) {
                Ok(Ok(())) => {}
                Ok(Err(message)) => {
                    let path = save(root, name, "panic", &input);
                    eprintln!(
                        "{name}: PANIC ({message}); input saved to {}",
                        path.display()
                    );
                    failed = true;
                    break;
                }
                Err(_) => {
                    let path = save(root, name, "timeout", &input);
                    eprintln!(
                        "{name}: an input ran past {:?}; saved to {}",
                        settings.timeout,
                        path.display()
                    );
                    // The worker cannot be stopped: report and end the process.
                    return ExitCode::FAILURE;
                }
            }
            slowest = slowest.max(began.elapsed());
            runs += 1;
        }
        drop(to_worker);
        eprintln!(
            "{name}: {runs} inputs ({} seeds) in {:.1} s, slowest {:.0} ms{}",
            seeds.len(),
            start.elapsed().as_secs_f64(),
            slowest.as_secs_f64() * 1000.0,
            if failed { ", FAILED" } else { ", no finding" }
        );
        if failed {
            break;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_are_deterministic() {
        let seed = br#"{"type": "object", "properties": {"a": {"maximum": 3}}}"#;
        let run = |s: u64| {
            let mut rng = Rng(s | 1);
            (0..200)
                .map(|_| mutate(&mut rng, seed, b"[1, 2]"))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(9));
        // They change something, and stay within the size cap.
        let all = run(7);
        assert!(all.iter().filter(|m| m.as_slice() != seed).count() > 150);
        assert!(all.iter().all(|m| m.len() <= 1 << 20));
    }

    #[test]
    fn every_target_has_seeds_and_takes_them() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        for (name, harness) in TARGETS {
            let seeds = seeds(name, &root);
            assert!(!seeds.is_empty(), "{name}");
            for seed in seeds.iter().take(3) {
                let input = if *name == "package_tarball" {
                    gzip(seed)
                } else {
                    seed.clone()
                };
                harness(&input);
            }
        }
    }
}
