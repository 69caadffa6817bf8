//! JUnit XML: one `<testsuite>` per schema, one `<testcase>` per finding; a finding above the
//! allowed bump (the declared one for `check`, MINOR for `diff`) is a `<failure>`. `check` adds
//! a `release` suite whose one test case is the version gate.

use std::fmt::Write as _;
use std::io::{self, Write};

use contracts_diff::gate::Verdict;
use contracts_diff::Finding;

use super::{bump_label, Context};

/// Escape text for XML character data and attribute values; characters XML 1.0 cannot hold
/// (control characters other than tab, LF and CR) are dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The `<testcase>` of one finding: a `<failure>` when its bump is above the allowed one.
pub fn testcase(ctx: &Context<'_>, finding: &Finding) -> String {
    let pointer = finding
        .new
        .as_ref()
        .or(finding.old.as_ref())
        .map_or_else(String::new, |l| format!(" at {}", l.pointer));
    let name = format!("{}{pointer}", finding.rule);
    let mut details = format!("{}\n", finding.message);
    if let Some(old) = &finding.old {
        let _ = writeln!(details, "old: {old}");
    }
    if let Some(new) = &finding.new {
        let _ = writeln!(details, "new: {new}");
    }
    if let Some(witness) = &finding.witness {
        let instance = serde_json::to_string(&witness.instance).unwrap_or_default();
        let _ = writeln!(details, "witness: {instance}");
    }
    let mut xml = format!(
        "    <testcase name=\"{}\" classname=\"{}\"",
        xml_escape(&name),
        xml_escape(&finding.schema)
    );
    if let Some((file, line)) = ctx.file_and_line(finding) {
        let _ = write!(xml, " file=\"{}\"", xml_escape(&file));
        if let Some(line) = line {
            let _ = write!(xml, " line=\"{line}\"");
        }
    }
    if finding.bump > ctx.allowed() {
        let _ = write!(
            xml,
            ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
            xml_escape(&format!(
                "{}: {}",
                bump_label(finding.bump),
                finding.message
            )),
            bump_label(finding.bump),
            xml_escape(&details)
        );
    } else {
        let _ = write!(
            xml,
            ">\n      <system-out>{}: {}</system-out>\n    </testcase>\n",
            bump_label(finding.bump),
            xml_escape(&details)
        );
    }
    xml
}

/// Write the JUnit XML report.
pub fn write(out: &mut dyn Write, ctx: &Context<'_>) -> io::Result<()> {
    let findings = &ctx.report.findings;
    let mut suites = String::new();
    let (mut tests, mut failures) = (0usize, 0usize);
    let mut start = 0;
    while start < findings.len() {
        let schema = &findings[start].schema;
        let end = findings[start..]
            .iter()
            .position(|f| &f.schema != schema)
            .map_or(findings.len(), |n| start + n);
        let group = &findings[start..end];
        let failed = group.iter().filter(|f| f.bump > ctx.allowed()).count();
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" errors=\"0\">",
            xml_escape(schema),
            group.len()
        );
        for finding in group {
            suites.push_str(&testcase(ctx, finding));
        }
        suites.push_str("  </testsuite>\n");
        tests += group.len();
        failures += failed;
        start = end;
    }
    if let Some(v) = ctx.verdict {
        let failed = usize::from(!v.passed);
        let _ = writeln!(
            suites,
            "  <testsuite name=\"release\" tests=\"1\" failures=\"{failed}\" errors=\"0\">"
        );
        suites.push_str(&release_case(v));
        suites.push_str("  </testsuite>\n");
        tests += 1;
        failures += failed;
    }
    write_document(out, ctx.command(), tests, failures, &suites)
}

/// The `<testcase>` of the version gate: a `<failure>` when the declared bump is too small.
pub fn release_case(v: &Verdict) -> String {
    let name = format!(
        "{} -> {} declares {}",
        v.old_version, v.new_version, v.declared
    );
    if v.passed {
        format!(
            "    <testcase name=\"{}\" classname=\"release\"/>\n",
            xml_escape(&name)
        )
    } else {
        let message = format!(
            "the changes require a {} bump; the smallest version that passes is {}",
            v.required, v.minimum_version
        );
        format!(
            "    <testcase name=\"{}\" classname=\"release\">\n      <failure message=\"{}\" type=\"version\"/>\n    </testcase>\n",
            xml_escape(&name),
            xml_escape(&message)
        )
    }
}

/// Write the XML declaration and the `<testsuites>` element around `suites`.
pub fn write_document(
    out: &mut dyn Write,
    name: &str,
    tests: usize,
    failures: usize,
    suites: &str,
) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">",
        xml_escape(name)
    )?;
    out.write_all(suites.as_bytes())?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped() {
        assert_eq!(
            xml_escape("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(xml_escape("bell\u{7}tab\tok"), "belltab\tok");
        assert_eq!(xml_escape("ünïcode"), "ünïcode");
    }
}
