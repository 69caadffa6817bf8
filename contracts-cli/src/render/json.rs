//! The JSON report: `serde_json` of [`Report`], plus a `verdict` object for `check`.
//!
//! Field names are a stable interface: `required_bump`, `mode`, `policy`, `findings[]` with
//! `rule`, `bump`, `effect`, `message`, `schema`, `old`/`new` (`{"file", "pointer"}` or `null`),
//! `witness` (when one was found) and `confidence`; `check` adds `verdict` with `required`,
//! `declared`, `old_version`, `new_version`, `minimum_version` and `passed`.

use std::io::{self, Write};

use contracts_diff::gate::Verdict;
use contracts_diff::Report;
use serde::Serialize;

/// What `check --format json` prints: the report's fields, then the verdict.
#[derive(Serialize)]
struct CheckReport<'a> {
    #[serde(flatten)]
    report: &'a Report,
    verdict: &'a Verdict,
}

/// Write `value` as pretty JSON followed by a newline.
fn write_pretty(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}

/// Write the report of `contracts diff`.
pub fn write_diff(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    write_pretty(out, report)
}

/// Write the report of `contracts check`: the diff report plus `verdict`.
pub fn write_check(out: &mut dyn Write, report: &Report, verdict: &Verdict) -> io::Result<()> {
    write_pretty(out, &CheckReport { report, verdict })
}

#[cfg(test)]
mod tests {
    use super::*;
    use contracts_diff::{Bump, Confidence, Effect, Finding, Location, Mode, Policy};

    fn finding() -> Finding {
        Finding {
            rule: "enum-value-removed".into(),
            bump: Bump::Major,
            effect: Effect::Narrowed,
            message: "`paused` is no longer accepted".into(),
            schema: "events/x".into(),
            old: Some(Location::new("events/x.json", "/properties/status/enum")),
            new: None,
            witness: None,
            confidence: Confidence::Heuristic,
        }
    }

    #[test]
    fn check_json_keeps_the_stable_field_names() {
        let report = Report::new(Mode::Full, Policy::Lenient, vec![finding()]);
        let old = semver::Version::new(2, 0, 0);
        let new = semver::Version::new(2, 1, 0);
        let verdict = contracts_diff::gate::judge(report.required_bump, &old, &new);
        let mut out = Vec::new();
        write_check(&mut out, &report, &verdict).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["required_bump"], "major");
        assert_eq!(value["findings"][0]["rule"], "enum-value-removed");
        assert_eq!(value["findings"][0]["bump"], "major");
        assert_eq!(value["findings"][0]["old"]["file"], "events/x.json");
        assert_eq!(
            value["findings"][0]["old"]["pointer"],
            "/properties/status/enum"
        );
        assert!(value["findings"][0]["new"].is_null());
        assert_eq!(value["verdict"]["passed"], false);
        assert_eq!(value["verdict"]["minimum_version"], "3.0.0");
        assert_eq!(value["verdict"]["declared"], "minor");
    }
}
