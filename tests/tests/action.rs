//! The GitHub Action (`action.yml`): its inputs and outputs exist and are wired, inputs reach
//! the shell only as environment variables, the binary is cached, and the check step's script
//! runs (issue 12).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use contracts_tests::{contracts_bin, root_path, workspace_root};
use serde_norway::Value;

fn action() -> Value {
    let text = std::fs::read_to_string(root_path("action.yml")).expect("action.yml");
    serde_norway::from_str(&text).expect("action.yml is YAML")
}

fn steps(action: &Value) -> &Vec<Value> {
    action["runs"]["steps"].as_sequence().expect("runs.steps")
}

fn step<'a>(action: &'a Value, id: &str) -> &'a Value {
    steps(action)
        .iter()
        .find(|s| s["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no step with id {id}"))
}

#[test]
fn inputs_and_outputs_exist_and_are_used() {
    let action = action();
    let text = std::fs::read_to_string(root_path("action.yml")).unwrap();
    let inputs = action["inputs"].as_mapping().expect("inputs");
    for name in [
        "package",
        "baseline",
        "format",
        "output-file",
        "fail-on",
        "version",
        "working-directory",
        "args",
    ] {
        assert!(
            inputs.contains_key(Value::from(name)),
            "input {name} is missing"
        );
        assert!(
            text.contains(&format!("${{{{ inputs.{name} }}}}")),
            "input {name} is never used"
        );
    }
    let check = step(&action, "check");
    let script = check["run"].as_str().expect("the check step runs a script");
    for name in ["exit-code", "required-bump", "minimum-version"] {
        let output = &action["outputs"][name];
        assert_eq!(
            output["value"].as_str(),
            Some(format!("${{{{ steps.check.outputs.{name} }}}}").as_str()),
            "output {name}"
        );
        assert!(
            script.contains(&format!("{name}=")),
            "the check step never sets {name}"
        );
    }
    assert_eq!(
        check["working-directory"].as_str(),
        Some("${{ inputs.working-directory }}")
    );
}

#[test]
fn run_scripts_read_inputs_from_the_environment_only() {
    // `${{ }}` pasted into a script is code injection and word splitting; env vars are neither.
    for step in steps(&action()) {
        if let Some(script) = step["run"].as_str() {
            assert!(
                !script.contains("${{"),
                "step {:?} expands an expression inside its script",
                step["name"]
            );
        }
    }
}

#[test]
fn the_binary_is_cached_by_the_actions_version() {
    let action = action();
    let cache = steps(&action)
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("an actions/cache step");
    let key = cache["with"]["key"].as_str().expect("a cache key");
    assert!(key.contains("${{ steps.key.outputs.key }}"), "{key}");
    let key_step = step(&action, "key");
    assert_eq!(
        key_step["env"]["CONTRACTS_VERSION"].as_str(),
        Some("${{ inputs.version }}")
    );
    let id = cache["id"].as_str().expect("the cache step has an id");
    let install = steps(&action)
        .iter()
        .find(|s| s["name"].as_str() == Some("Install contracts"))
        .expect("an install step");
    assert_eq!(
        install["if"].as_str(),
        Some(format!("steps.{id}.outputs.cache-hit != 'true'").as_str()),
        "the install is skipped on a cache hit"
    );
}

/// Run the check step's script as the runner would: its `env` from `inputs`, `GITHUB_OUTPUT` a
/// file, in `working-directory`, `contracts` on PATH. Returns the exit code and the outputs.
fn run_check(inputs: &[(&str, &str)], tmp: &Path) -> (i32, BTreeMap<String, String>) {
    let action = action();
    let check = step(&action, "check");
    let script = check["run"].as_str().unwrap();
    let defaults = action["inputs"].as_mapping().unwrap();
    let input = |name: &str| {
        inputs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
            .or_else(|| defaults[name]["default"].as_str().map(String::from))
            .unwrap_or_default()
    };
    let output_file = tmp.join("github_output");
    std::fs::write(&output_file, "").unwrap();
    let bin_dir = contracts_bin().parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    // As GitHub runs a `shell: bash` step: `bash --noprofile --norc -eo pipefail {0}`.
    let script_file = tmp.join("check-step.sh");
    std::fs::write(&script_file, script).unwrap();
    let mut command = Command::new("bash");
    command
        .args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script_file)
        .current_dir(workspace_root().join(input("working-directory")))
        .env("PATH", path)
        .env("GITHUB_OUTPUT", &output_file)
        .env("RUNNER_TEMP", tmp);
    for (var, value) in check["env"].as_mapping().expect("the check step's env") {
        let value = value.as_str().unwrap();
        let name = value
            .strip_prefix("${{ inputs.")
            .and_then(|v| v.strip_suffix(" }}"))
            .unwrap_or_else(|| panic!("env {var:?} is not an input: {value}"));
        command.env(var.as_str().unwrap(), input(name));
    }
    let out = command.output().expect("bash runs");
    let outputs = std::fs::read_to_string(&output_file)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    (out.status.code().unwrap_or(-1), outputs)
}

#[test]
fn the_check_step_runs_and_sets_its_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    // An argument with a space survives as one argument.
    let spaced = tmp.path().join("a folder");
    std::fs::create_dir_all(&spaced).unwrap();
    let config = spaced.join("contracts.toml");
    std::fs::write(&config, "mode = \"full\"\n").unwrap();
    let sarif = tmp.path().join("contracts.sarif");
    let args = format!("--config\n{}\n", config.display());
    let (code, outputs) = run_check(
        &[
            ("package", "schemas/proposed"),
            ("baseline", "schemas/v2.0.0"),
            ("format", "sarif"),
            ("output-file", sarif.to_str().unwrap()),
            ("args", &args),
        ],
        tmp.path(),
    );
    assert_eq!(code, 1, "{outputs:?}");
    assert_eq!(outputs["exit-code"], "1");
    assert_eq!(outputs["required-bump"], "major");
    assert_eq!(outputs["minimum-version"], "3.0.0");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("the SARIF file")).unwrap();
    assert_eq!(report["version"], "2.1.0");

    // fail-on never: the report, a green step.
    let (code, outputs) = run_check(
        &[
            ("package", "schemas/proposed"),
            ("baseline", "schemas/v2.0.0"),
            ("format", "text"),
            ("fail-on", "never"),
        ],
        tmp.path(),
    );
    assert_eq!((code, outputs["exit-code"].as_str()), (0, "1"));

    // fail-on minor: `diff --fail-on`, no version judged.
    let (code, outputs) = run_check(
        &[
            ("package", "schemas/v1.1.0"),
            ("baseline", "schemas/v1.0.0"),
            ("format", "text"),
            ("fail-on", "minor"),
        ],
        tmp.path(),
    );
    assert_eq!(code, 1, "{outputs:?}");
    assert_eq!(outputs["required-bump"], "minor");
    assert_eq!(outputs["minimum-version"], "");
    let (code, _) = run_check(
        &[
            ("package", "schemas/v1.1.0"),
            ("baseline", "schemas/v1.0.0"),
            ("fail-on", "major"),
        ],
        tmp.path(),
    );
    assert_eq!(code, 0);

    // Bad input: exit 2, no outputs from the report.
    let (code, outputs) = run_check(
        &[
            ("package", "schemas/proposed"),
            ("baseline", "no/such/folder"),
        ],
        tmp.path(),
    );
    assert_eq!(code, 2);
    assert_eq!(outputs["exit-code"], "2");
    assert!(!outputs.contains_key("required-bump"), "{outputs:?}");
}

/// The cache key step hashes the Action's sources when no `version` is given, and uses the
/// version as it is otherwise.
#[test]
fn the_cache_key_follows_the_sources_or_the_version() {
    let action = action();
    let script = step(&action, "key")["run"].as_str().unwrap().to_string();
    let run = |version: &str, root: &Path| {
        let tmp = tempfile::tempdir().unwrap();
        let output = tmp.path().join("out");
        std::fs::write(&output, "").unwrap();
        let status = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .env("CONTRACTS_VERSION", version)
            .env("ACTION_PATH", root)
            .env("GITHUB_OUTPUT", &output)
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read_to_string(&output).unwrap()
    };
    assert_eq!(run("v0.1.0", workspace_root()), "key=v0.1.0\n");
    let key = run("", workspace_root());
    assert!(
        key.starts_with("key=src-") && key.len() == "key=src-".len() + 17,
        "{key}"
    );
    assert_eq!(run("", workspace_root()), key, "the key is stable");
}
